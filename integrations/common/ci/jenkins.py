"""What Jenkins' two integrations both say: its results, a job's name, a build's headline.

The webhook of Jenkins' Notification plugin and the ``jenkins_pipeline``
script read a build from different places (a JSON body, a build's
environment) and tell it the same way, in the topic Zulip's Jenkins plugin
names: the job with its folders, ``shop » main``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from integrations.common.ci.results import (
    FAILED,
    SUCCEEDED,
    Kind,
    Result,
    result_of,
)
from integrations.common.ci.text import headline, on_branch, run_link
from integrations.core import Markdown, bold, md

# Jenkins' results (hudson.model.Result), by name.
RESULTS = {
    "success": SUCCEEDED,
    "unstable": Result("Unstable", Kind.FAILED),
    "failure": FAILED,
    "aborted": Result("Aborted", Kind.HALTED),
    "not_built": Result("Not built", Kind.HALTED),
}
RESULT_NAMES = tuple(name.upper() for name in RESULTS)  # as Jenkins writes them: SUCCESS...
_REMOTE = re.compile(r"\A(?:refs/remotes/)?origin/|\Arefs/heads/")


def jenkins_result(status: str | None) -> Result:
    """A build's result by Jenkins' name (``FAILURE``); **Finished** while it has none."""
    return result_of(status, RESULTS)


def job_name(path: Sequence[str]) -> str:
    """The job with its folders, ``shop » main``, as Jenkins shows it in its breadcrumbs."""
    return " » ".join(path)


def branch_name(text: str | None) -> str | None:
    """``origin/main`` as ``main``: Jenkins names the branch as the remote tracks it."""
    if not text:
        return None
    return _REMOTE.sub("", text) or text


def build_line(
    result: Result,
    number: str | int | None,
    url: str | None,
    path: Sequence[str],
    branch: str | None,
    *,
    where: Markdown | None = None,
) -> Markdown:
    """``**Failed**: [build #43](…) of **shop » main** on `release`.``

    A multibranch pipeline's job is its branch: the branch is said only
    when it is not the job's own name. ``where`` (a pull request) replaces it.
    """
    what = md("{} of {}").format(run_link("build", number, url), bold(job_name(path)))
    if where is None and branch != path[-1]:
        where = on_branch(branch)
    return headline(bold(result.word), what, where=where)
