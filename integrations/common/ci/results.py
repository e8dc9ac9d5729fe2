"""What a run's result means, the word a message opens with, and its emoji.

Every CI service has its own words for how a run ended (``success``,
``SUCCESS``, ``passed``, ``succeeded``...). Each integration maps its
service's words to a ``Result``: the word the message shows, in bold, and
the kind of result it is, which gives the emoji and tells a failure from a
run that was only stopped. The words several services share are here, so
they read the same whichever service sent them; a word a service adds
later, which no table knows, is shown as the service says it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from integrations.core import Markdown, bold, md


class Kind(Enum):
    """What a result means, and the emoji it opens with."""

    PASSED = ":check_mark:"  # the code passed
    FAILED = ":cross_mark:"  # something in it failed: tests, the build, a step
    HALTED = ":stop_sign:"  # it did not run to the end: canceled, stopped, skipped
    WAITING = ":hourglass:"  # it has not finished: started, pending, to be retried


@dataclass(frozen=True)
class Result:
    """The word a message opens with; no kind for a word no table knows."""

    word: str
    kind: Kind | None = None

    def badge(self) -> Markdown:
        """``:cross_mark: **Failed**``: the emoji of its kind, then the word in bold."""
        if self.kind is None:
            return bold(self.word)
        return md("{} {}").format(Markdown(self.kind.value), bold(self.word))


SUCCEEDED = Result("Succeeded", Kind.PASSED)
PASSED = Result("Passed", Kind.PASSED)
FIXED = Result("Fixed", Kind.PASSED)
FAILED = Result("Failed", Kind.FAILED)
STILL_FAILING = Result("Still failing", Kind.FAILED)
CANCELED = Result("Canceled", Kind.HALTED)
STOPPED = Result("Stopped", Kind.HALTED)
STARTED = Result("Started", Kind.WAITING)
PENDING = Result("Pending", Kind.WAITING)
FINISHED = Result("Finished")  # a run that finished without saying how


def finished(status: str) -> Result:
    """``Finished (CYCLE)``: a status no table knows, said as the service names it."""
    return Result(f"Finished ({status})")


def spelled_out(status: str) -> Result:
    """``On hold`` for ``on_hold``: a status no table knows, written as words."""
    return Result(status.replace("_", " ").capitalize())


def result_of(
    status: str | None,
    table: Mapping[str, Result],
    *,
    unknown: Callable[[str], Result] = finished,
) -> Result:
    """The service's status (any case) through its table; ``unknown`` says one it lacks."""
    if status is None:
        return FINISHED
    return table.get(status.lower()) or unknown(status)


def streak(result: Result, previous: Result | None) -> Result:
    """**Fixed** for a pass after a failure, **Still failing** for a failure after one.

    Only a plain failure becomes **Still failing**: a result that says more
    (an exception, a time-out, unstable tests) keeps its own word.
    """
    if previous is None or previous.kind is not Kind.FAILED:
        return result
    if result.kind is Kind.PASSED:
        return FIXED
    return STILL_FAILING if result == FAILED else result
