"""One message when a build starts and one with its result, in the job's topic.

The result comes after the post-build steps, in the ``FINALIZED`` phase;
``COMPLETED``, sent just before with the same result, and ``QUEUED``,
sent just before ``STARTED``, are left out so that "All Events" posts each
build twice, not four times. The topic is the job's path, folders and all
(``shop » main`` for the branch ``main`` of a multibranch pipeline), as
Zulip's Jenkins plugin names it.
"""

from __future__ import annotations

from integrations.common import ci
from integrations.common.ci import (
    Kind,
    Result,
    commit_part,
    details,
    lines,
    people,
    run_link,
    took,
)
from integrations.common.ci.jenkins import build_line, jenkins_result, job_name
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    bullet_list,
    code,
    code_block,
    duration,
    link,
    md,
)
from integrations.core.bodies import quoted_body
from integrations.webhooks.jenkins.declaration import (
    COMPLETED,
    FINALIZED,
    NONE,
    QUEUED,
    STARTED,
    integration,
)
from integrations.webhooks.jenkins.readers import Build, build_of

FAILED_TESTS_SHOWN = 10
LOG_LINES = 20
ARTIFACTS_SHOWN = 5


def headline_of(build: Build, result: Result, *, finished: bool) -> Markdown:
    """The build's line, then the commit, who changed the code since the last success, and
    how long the build took."""
    head = build_line(result, build.number, build.url, build.job_path, build.branch)
    return lines(
        head,
        details(
            commit_part(build.commit) if build.commit else None,
            md("changes by {}").format(people(build.culprits)) if build.culprits else None,
            took(duration(build.seconds)) if finished and build.seconds is not None else None,
        ),
    )


def tests_part(build: Build) -> Markdown:
    """``Tests: **3 failed**, 117 passed, 2 skipped`` and the failed tests, if Jenkins has some."""
    tests = build.tests
    if tests is None or tests.total <= 0:
        return md("")
    passed = max(tests.total - tests.failed - tests.skipped, 0)
    line = md("Tests: ")
    if tests.failed:
        line += md("{}, ").format(bold(f"{tests.failed} failed"))
    line += md("{} passed").format(passed)
    if tests.skipped:
        line += md(", {} skipped").format(tests.skipped)
    names = [code(name) for name in tests.failed_names]
    if not names:
        return line
    more = "[and {count} more failed tests]"
    return line + md("\n") + bullet_list(names, limit=FAILED_TESTS_SHOWN, more=more)


def log_part(build: Build, result: Result) -> Markdown:
    """The last lines of the log the endpoint asked for, for a build that failed."""
    if not build.log or result.kind is not Kind.FAILED:
        return md("")
    last = [line[:200] for line in build.log.splitlines()[-LOG_LINES:]]
    return md("Last lines of the log:\n") + code_block("\n".join(last), "text")


def artifacts_part(build: Build, result: Result) -> Markdown:
    if not build.artifacts or result.kind is not Kind.PASSED:
        return md("")
    links = md(", ").join(link(name, url) for name, url in build.artifacts[:ARTIFACTS_SHOWN])
    more = len(build.artifacts) - ARTIFACTS_SHOWN
    return md("Artifacts: ") + links + (md(" and {} more").format(more) if more > 0 else md(""))


def compose(build: Build, head: Markdown, *parts: Markdown) -> Message:
    content = Markdown("\n\n").join(part for part in (head, *parts) if part)
    return Message(topic=job_name(build.job_path), content=content)


@integration.handles(STARTED)
def on_started(payload: Payload, delivery: Delivery) -> Message:
    """The build that started (linked), its job, branch and commit; notes a pipeline's
    `notifyEndpoints` step added, quoted."""
    build = build_of(payload)
    head = headline_of(build, ci.STARTED, finished=False)
    return compose(build, head, quoted_body(build.notes))


@integration.handles(FINALIZED)
def on_finalized(payload: Payload, delivery: Delivery) -> Message:
    """The result first, then the build (linked), its job and branch, the commit, who changed the
    code since the last success, and how long it took; the tests that failed, the last lines of
    the log when the endpoint sends some, and for a success the archived artifacts."""
    build = build_of(payload)
    result = jenkins_result(build.status)
    return compose(
        build,
        headline_of(build, result, finished=True),
        tests_part(build),
        log_part(build, result),
        artifacts_part(build, result),
        quoted_body(build.notes),
    )


@integration.handles(NONE)
def on_note(payload: Payload, delivery: Delivery) -> Message | None:
    """The notes a pipeline's `notifyEndpoints` step sent with the phase `NONE`, quoted, under the
    build they are about. Nothing without notes."""
    build = build_of(payload)
    if not build.notes:
        return None
    head = md("Note on {} of {}:").format(
        run_link("build", build.number, build.url), bold(job_name(build.job_path))
    )
    return compose(build, head, quoted_body(build.notes))


integration.ignores(
    QUEUED,
    reason="The plugin sends it the moment the build starts, just before `STARTED`.",
)
integration.ignores(
    COMPLETED,
    reason="The same result follows in `FINALIZED`, once the post-build steps (archiving"
    " artifacts) are done: choose Job Finalized, or All Events.",
)
