"""How a Travis CI build reads: its status first, in Travis CI's own words."""

from __future__ import annotations

from collections.abc import Sequence

from integrations.common.ci import Commit, Kind, Result, commit_line, failed_line, named
from integrations.core import Markdown, link, md
from integrations.webhooks.travis.readers import Job

# Travis CI's status_message values. Fixed is a pass after a failure;
# Broken a failure after a pass; Still Failing a failure after a failure.
KINDS = {
    "passed": Kind.PASSED,
    "fixed": Kind.PASSED,
    "broken": Kind.FAILED,
    "failed": Kind.FAILED,
    "still failing": Kind.FAILED,
    "errored": Kind.FAILED,
    "canceled": Kind.HALTED,
    "cancelled": Kind.HALTED,
    "pending": Kind.WAITING,
    "started": Kind.WAITING,
}


def travis_result(status: str) -> Result:
    """Travis CI's own word (``Still Failing``); one it adds later shows as it is named."""
    return Result(status, KINDS.get(status.lower()))


def commit_with_changes(commit: Commit, changes: str | None) -> Markdown:
    """``[6c457d3](…) Debug build hooks — **josh** · [changes](…)``."""
    line = commit_line(commit)
    return line + md(" · {}").format(link("changes", changes)) if changes else line


def jobs_line(jobs: Sequence[Job]) -> Markdown:
    """``Failed jobs: [#12.2 Python 3.12](…), [#12.3](…)``."""
    shown = [
        named(f"#{job.number} {job.name}" if job.name else f"#{job.number}", job.url)
        for job in jobs
    ]
    return failed_line(md("Failed job" if len(jobs) == 1 else "Failed jobs"), shown)
