"""Semaphore's words: the results of a pipeline, a build or a deploy, and why one stopped."""

from __future__ import annotations

from integrations.common.ci import (
    CANCELED,
    FAILED,
    PASSED,
    PENDING,
    STOPPED,
    result_of,
    spelled_out,
)
from integrations.core import Markdown, md

RESULTS = {
    "passed": PASSED,
    "failed": FAILED,
    "stopped": STOPPED,
    "canceled": CANCELED,
    "cancelled": CANCELED,
    "pending": PENDING,
}
# Semaphore 2.0's result_reason, said when it adds to the result.
REASONS = {
    "malformed": "the pipeline's YAML is not valid",
    "stuck": "stuck",
    "deleted": "its branch was deleted",
    "internal": "an error inside Semaphore",
    "user": "by a user",
    "strategy": "by the auto-cancel strategy",
    "fast_failing": "by fail-fast",
    "timeout": "timed out",
}


def outcome(result: str, reason: str | None = None) -> Markdown:
    """``:stop_sign: **Stopped** (by a user)``; a result Semaphore adds later shows as it is."""
    said = result_of(result, RESULTS, unknown=spelled_out).badge()
    why = REASONS.get(reason or "")
    return said + md(" ({})").format(Markdown(why)) if why else said
