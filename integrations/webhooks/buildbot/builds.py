"""One message when a build starts and one when it finishes, in its project's topic.

The result comes first, in bold, then the build (linked to its page in
Buildbot) and its builder; what Buildbot knows beyond that follows: the
branch and revision, who the build is for, how long it took, and for a
failure the step that failed. When the reporter sends the previous build,
a success after a failure says **Fixed**, a failure after one **Still
failing**.
"""

from __future__ import annotations

import re

from integrations.common.ci import (
    FAILED,
    STARTED,
    SUCCEEDED,
    Kind,
    Result,
    branch_topic,
    details,
    headline,
    lines,
    on_branch,
    people,
    person_name,
    result_of,
    run_link,
    streak,
    time_taken,
    took,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, md
from integrations.webhooks.buildbot.declaration import FINISHED, NEW, integration
from integrations.webhooks.buildbot.readers import Build, build_of

# Buildbot's results (buildbot.process.results), by name.
RESULTS = {
    "success": SUCCEEDED,
    "warnings": Result("Succeeded with warnings", Kind.PASSED),
    "failure": FAILED,
    "skipped": Result("Skipped", Kind.HALTED),
    "exception": Result("Failed with an exception", Kind.FAILED),
    "retry": Result("Will be retried", Kind.WAITING),
    "cancelled": Result("Cancelled", Kind.HALTED),
}
GENERAL_TOPIC = "general"  # Zulip's topic for builds of no project
_RESULT_SUFFIX = re.compile(r"\s*\((?:failure|exception)\)\s*\.?\Z")


def result(build: Build) -> Result:
    """The build's result; **Fixed** or **Still failing** when the previous one failed."""
    previous = result_of(build.previous, RESULTS) if build.previous else None
    return streak(result_of(build.result, RESULTS), previous)


def build_line(build: Build, state: Result, detail: str | None = None) -> Markdown:
    """``**Failed**: [build #34](...) of **runtests** on `main`: failed 'pytest'.``"""
    what = md("{} of {}").format(run_link("build", build.number, build.url), bold(build.builder))
    return headline(bold(state.word), what, where=on_branch(build.branch), detail=detail)


def details_of(build: Build, *, finished: bool) -> Markdown:
    """Revision, owners, duration and the master's build ID, on one line; nothing when
    Buildbot said none."""
    return details(
        md("revision {}").format(code(build.revision[:12])) if build.revision else None,
        md("for {}").format(people([person_name(owner) for owner in build.owners]))
        if build.owners
        else None,
        took(time_taken(build.started, build.finished)) if finished else None,
        md("build ID {}").format(build.build_id) if build.build_id is not None else None,
    )


def failing_step(build: Build, state: Result) -> str | None:
    """Buildbot's summary of a failed build (``failed 'pytest' (failure)``), minus the result."""
    if state.kind is not Kind.FAILED or not build.state:
        return None
    return _RESULT_SUFFIX.sub("", build.state).strip() or None


def message(build: Build, head: Markdown, *, finished: bool) -> Message:
    content = lines(head, details_of(build, finished=finished))
    return Message(
        topic=branch_topic(build.project or GENERAL_TOPIC, build.branch), content=content
    )


@integration.handles(NEW)
def on_new(payload: Payload, delivery: Delivery) -> Message:
    """The build that started, linked, and its builder; its branch and revision when known."""
    build = build_of(payload)
    return message(build, build_line(build, STARTED), finished=False)


@integration.handles(FINISHED)
def on_finished(payload: Payload, delivery: Delivery) -> Message:
    """The result first (**Fixed** or **Still failing** after a failure, when the reporter says
    the previous result), the build, its builder and branch, how long it took, and for a failure
    the step that failed."""
    build = build_of(payload)
    state = result(build)
    head = build_line(build, state, failing_step(build, state))
    return message(build, head, finished=True)
