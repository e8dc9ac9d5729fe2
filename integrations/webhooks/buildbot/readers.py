"""Reading what a Buildbot reporter posts into one ``Build``.

``ZulipStatusPush`` posts ``buildid``, ``buildername``, ``url``,
``project``, ``timestamp`` and, when finished, ``results``. ``HttpStatusPush``
posts Buildbot's build record: ``number``, ``builder.name``, ``results``,
``state_string`` (which names the step that failed), ``started_at`` and
``complete_at``, its ``properties`` (``branch``, ``got_revision``,
``owners``, each ``[value, source]``) and, when asked for, ``prev_build``;
without properties, the ``buildset``'s one source stamp still says the
branch, revision and project. Everything but the builder's name is optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from integrations.common.ci import text_of, time_of
from integrations.core import BadPayload, Payload

# Buildbot's result codes (buildbot.process.results), in order.
RESULT_NAMES = ("success", "warnings", "failure", "skipped", "exception", "retry", "cancelled")

_BUILD_NUMBER = re.compile(r"/builds/(\d+)/?\Z")


@dataclass(frozen=True)
class Build:
    """One build, as either reporter describes it."""

    builder: str
    number: int | None  # the builder's own count, as Buildbot's pages show it
    build_id: int | None  # the master's count, when it is all a reporter sent and differs
    url: str | None
    project: str
    result: str | None  # a name from RESULT_NAMES, or "result 9" for a code Buildbot adds later
    state: str | None  # Buildbot's summary: "failed 'pytest' (failure)"
    branch: str | None
    revision: str | None
    owners: tuple[str, ...]
    started: datetime | None
    finished: datetime | None
    previous: str | None  # the previous build's result, when the reporter sends it


def result_of(node: Payload) -> str | None:
    code = node.integer(default=None)
    if code is None:
        return None
    return RESULT_NAMES[code] if 0 <= code < len(RESULT_NAMES) else f"result {code}"


def property_of(payload: Payload, name: str) -> Payload:
    """A build property's value: Buildbot sends each as ``[value, source]``."""
    return payload["properties"][name][0]


def owners_of(payload: Payload) -> tuple[str, ...]:
    """Who the build is for: ``owners`` (a list) or ``owner`` (one name)."""
    owners = property_of(payload, "owners").array(default=None)
    if owners is not None:
        return tuple(name for node in owners if (name := text_of(node)))
    owner = text_of(property_of(payload, "owner"))
    return (owner,) if owner else ()


def revision_of(node: Payload) -> str | None:
    """A revision property: a string, or a map of codebase to revision when a build has several.

    Of several codebases' revisions none is *the* revision, so only a map of one is read.
    """
    if not (node.exists() and isinstance(node.raw(), dict)):
        return text_of(node)
    found = [text for value in node.object().values() if (text := text_of(value))]
    return found[0] if len(found) == 1 else None


def sourcestamp_of(payload: Payload) -> Payload | None:
    """The build's source stamp, from its ``buildset``, when it has exactly one."""
    stamps = payload["buildset"]["sourcestamps"].array(default=[])
    return stamps[0] if len(stamps) == 1 else None


def number_of(payload: Payload, url: str | None) -> int | None:
    """The build's number on its builder: ``number``, or the last part of its page's address."""
    number = payload["number"].integer(default=None)
    if number is not None:
        return number
    found = _BUILD_NUMBER.search(url or "")
    return int(found.group(1)) if found else payload["buildid"].integer(default=None)


def build_id_of(payload: Payload, number: int | None) -> int | None:
    """``buildid``, when the reporter sent no ``number`` and it is not the number shown.

    ``ZulipStatusPush`` sends only the master's ``buildid``, which Zulip's
    integration shows; the number is then read from the page's address.
    """
    if "number" in payload:
        return None
    build_id = payload["buildid"].integer(default=None)
    return build_id if build_id != number else None


def builder_of(payload: Payload) -> str:
    name = payload["buildername"].string(default=None)
    if name is None:
        name = payload["builder"]["name"].string(default=None)
    if name is None:
        raise BadPayload("buildername", "expected the builder's name, but it is missing")
    return name


def build_of(payload: Payload) -> Build:
    url = text_of(payload["url"])
    stamp = sourcestamp_of(payload)
    project = (
        text_of(payload["project"])
        or text_of(property_of(payload, "project"))
        or (text_of(stamp["project"]) if stamp is not None else None)
    )
    complete_at = time_of(payload["complete_at"])
    number = number_of(payload, url)
    timestamp = time_of(payload["timestamp"])
    return Build(
        builder=builder_of(payload),
        number=number,
        build_id=build_id_of(payload, number),
        url=url,
        project=project or "",
        result=result_of(payload["results"]),
        state=text_of(payload["state_string"]),
        branch=text_of(property_of(payload, "branch"))
        or (text_of(stamp["branch"]) if stamp is not None else None),
        revision=revision_of(property_of(payload, "got_revision"))
        or revision_of(property_of(payload, "revision"))
        or (text_of(stamp["revision"]) if stamp is not None else None),
        owners=owners_of(payload),
        started=time_of(payload["started_at"]),
        finished=complete_at or (timestamp if "results" in payload else None),
        previous=result_of(payload["prev_build"]["results"]),
    )
