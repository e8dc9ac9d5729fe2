"""The pieces a CI message is built from: the headline, the commit, the details, what failed.

A CI message opens with its headline, the result first:
``**Failed**: build [#512](…) on `main` in 4 min 32 s (cron job).``
Then, one per line, what a reader looks at next. Services that name the
commit's subject and author give it a line of its own,
``[9f2c4e1](…) Add a dark theme — **Ada Lovelace**``; others gather what
they know on one details line, ``Commit [9f2c4e1](…) · for **Ada** · took
4 min``. Last, what failed: ``Failed jobs: [#512.2](…), [#512.3](…)``.

The commit record, its short SHA link and its first line are the
code-hosting family's; the dotted line and the "and 3 more" lists are the
monitoring family's. Everything from a payload is untrusted and goes
through the core's escaping.
"""

from __future__ import annotations

from collections.abc import Sequence

from integrations.common.code_hosting.records import Commit
from integrations.common.code_hosting.text import first_line, sha_link
from integrations.common.monitoring.text import capitalised, dotted, joined, lines
from integrations.core import Markdown, bold, code, link, md

__all__ = [
    "LISTED",
    "PEOPLE",
    "branch_topic",
    "commit_line",
    "commit_part",
    "details",
    "failed_line",
    "headline",
    "lines",
    "named",
    "numbered",
    "on_branch",
    "people",
    "run_link",
    "took",
]

LISTED = 10  # failed jobs or steps named; the rest are counted
PEOPLE = 5  # people named on a details line; the rest are counted


def headline(
    result: Markdown,
    what: Markdown,
    *,
    where: Markdown | None = None,
    time: str | None = None,
    by: Markdown | str | None = None,
    notes: Sequence[Markdown] = (),
    detail: Markdown | str | None = None,
) -> Markdown:
    """``**Failed**: build [#7](…) on `main` in 4 min 32 s (pipeline #4).``

    The result, what ran, where (a branch, a tag, a pull request), how long
    it took, who started it (a name, in bold, or the integration's own
    markup, such as a link to their profile), notes in brackets, and what
    went wrong.
    """
    line = md("{}: {}").format(result, what)
    if where:
        line += where
    if time:
        line += md(" in {}").format(time)
    if by:
        line += md(", by {}").format(by if isinstance(by, Markdown) else bold(by))
    if notes:
        line += md(" (") + Markdown(", ").join(notes) + md(")")
    if detail:
        line += md(": {}").format(detail)
    return line + md(".")


def on_branch(branch: str | None) -> Markdown | None:
    """`` on `main```: the branch a run built, for the headline; nothing without one."""
    return md(" on {}").format(code(branch)) if branch else None


def named(label: str, url: str | None) -> Markdown:
    """The label, linked to its page when there is one, in bold when there is none."""
    return link(label, url) if url else bold(label)


def numbered(kind: str, number: str | int | None, url: str | None) -> Markdown:
    """``build [#512](…)``, ``build **#512**``, ``a [build](…)`` or ``a build``."""
    if number is None:
        return md("a {}").format(link(kind, url) if url else kind)
    return md("{} {}").format(kind, named(f"#{number}", url))


def run_link(kind: str, number: str | int | None, url: str | None) -> Markdown:
    """``[build #34](…)``, ``build #34``, ``[a build](…)`` or ``a build``: the run, linked."""
    return link(f"{kind} #{number}" if number is not None else f"a {kind}", url or "")


def commit_line(commit: Commit) -> Markdown:
    """``[9f2c4e1](…) Add a dark theme — **Ada**``: short SHA linked, first line, author.

    ``Commit [9f2c4e1](…)`` when the service sends no message.
    """
    sha = sha_link(commit.sha, commit.url)
    subject = first_line(commit.message)
    line = md("{} {}").format(sha, subject) if subject else md("Commit {}").format(sha)
    return line + md(" — {}").format(bold(commit.author)) if commit.author else line


def commit_part(commit: Commit) -> Markdown:
    """``commit [9f2c4e1](…) Add a dark theme``, a part of the details line."""
    part = md("commit {}").format(sha_link(commit.sha, commit.url))
    subject = first_line(commit.message)
    return part + md(" {}").format(subject) if subject else part


def people(names: Sequence[str], limit: int = PEOPLE) -> Markdown:
    """``**Ada**, **Grace** and 3 more``."""
    return joined([bold(name) for name in names], limit)


def took(time: str | None) -> Markdown | None:
    """``took 4 min 32 s``, a part of the details line; nothing when the time is unknown."""
    return md("took {}").format(time) if time else None


def details(*parts: Markdown | None) -> Markdown:
    """``Commit [9f2c4e1](…) · for **Ada** · took 4 min``: the known parts, on one line.

    Each part starts with a word of the integration's own (``commit``,
    ``for``, ``took``), so capitalising the line's first letter is safe.
    """
    return capitalised(dotted(parts))


def failed_line(lead: Markdown, items: Sequence[Markdown], limit: int = LISTED) -> Markdown:
    """``Failed jobs: [#12.2](…), [#12.3](…) and 3 more``: what failed, after ``lead``."""
    return md("{}: {}").format(lead, joined(items, limit))


def branch_topic(project: str, branch: str | None, *, separator: str = " / ") -> str:
    """``<project> / <branch>``, the branch's thread; the project alone for a run of no branch."""
    return f"{project}{separator}{branch}" if branch else project
