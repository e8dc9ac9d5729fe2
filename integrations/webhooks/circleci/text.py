"""CircleCI's words: the statuses of a workflow, job or build; how it started; what it ran on."""

from __future__ import annotations

from integrations.common.ci import (
    CANCELED,
    FAILED,
    FIXED,
    SUCCEEDED,
    Kind,
    Result,
    on_branch,
    result_of,
    spelled_out,
)
from integrations.core import Markdown, code, md

# CircleCI's statuses of a finished workflow, job or (legacy) build.
RESULTS = {
    "success": SUCCEEDED,
    "fixed": FIXED,
    "failed": FAILED,
    "failing": Result("Failing", Kind.FAILED),
    "error": Result("Errored", Kind.FAILED),
    "infrastructure_fail": Result("Failed (infrastructure)", Kind.FAILED),
    "timedout": Result("Timed out", Kind.FAILED),
    "unauthorized": Result("Unauthorized", Kind.FAILED),
    "canceled": CANCELED,
    "cancelled": CANCELED,
    "not_run": Result("Not run", Kind.HALTED),
    "no_tests": Result("No tests", Kind.FAILED),
    "terminated-unknown": Result("Terminated", Kind.FAILED),
}

# How a pipeline (its trigger's type) or a legacy build (its ``why``) started, when not by a push.
TRIGGERS = {
    "api": "started through the API",
    "schedule": "scheduled",
    "scheduled_pipeline": "scheduled",
    "explicit": "started by hand",
    "retry": "a rerun",
}


def circleci_result(status: str) -> Result:
    """A status through CircleCI's table; one CircleCI adds later is shown as words."""
    return result_of(status, RESULTS, unknown=spelled_out)


def ran_on(branch: str | None, tag: str | None) -> Markdown | None:
    """`` on `main```, or `` on tag `v2.4.0``` for a tag's pipeline, which has no branch."""
    return on_branch(branch) or (md(" on tag {}").format(code(tag)) if tag else None)
