"""One message format for every code-hosting service: GitHub, GitLab, Bitbucket, Gitea.

Each integration reads its service's payload into these small records and
calls the builders here, so a push, a pull request or a failed build reads
the same whichever service sent it, and topics follow one convention:

=====================  ==========================================
what                   topic
=====================  ==========================================
code (push, branch,    ``<repo> / <branch>``
CI for a branch)
tags and releases      ``<repo> / releases``
pull/merge request     ``<repo> / PR #<n> <title>``
issue                  ``<repo> / issue #<n> <title>``
wiki                   ``<repo> / wiki``
deployments            ``<repo> / deployments``
anything else          ``<repo>``
=====================  ==========================================

Everything that comes from a payload is untrusted and goes through the
safe-markup helpers. Topics longer than Zulip's 60 characters are cut by
``Message``; long lists end with a count of what was left out; long texts
are cut to an excerpt.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from integrations.core.integration import Handler, WebhookIntegration
from integrations.core.markup import (
    Markdown,
    bold,
    bullet_list,
    code,
    escape,
    link,
    md,
    quote,
)
from integrations.core.message import Message
from integrations.core.payload import Payload
from integrations.core.request import WebhookRequest

COMMIT_LIMIT = 10  # commits listed in a push; the rest are counted
NAMED_LIMIT = 10  # people or labels named in one sentence; the rest are counted
EXCERPT_LINES = 12  # lines of a description or comment quoted
EXCERPT_CHARACTERS = 1200
SHORT_SHA = 7


# Records ------------------------------------------------------------------


@dataclass(frozen=True)
class Repo:
    name: str  # as readers know it: "octo-org/hello-world" or "hello-world"
    url: str | None = None


@dataclass(frozen=True)
class User:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Commit:
    sha: str
    message: str
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Ref:
    """A pull request or issue: its number, title and page."""

    number: int
    title: str
    url: str | None = None


# Topics -------------------------------------------------------------------


def branch_topic(repo: Repo, branch: str) -> str:
    return f"{repo.name} / {branch}"


def pr_topic(repo: Repo, pr: Ref) -> str:
    return f"{repo.name} / PR #{pr.number} {pr.title}"


def issue_topic(repo: Repo, issue: Ref) -> str:
    return f"{repo.name} / issue #{issue.number} {issue.title}"


def area_topic(repo: Repo, area: str | None = None) -> str:
    return f"{repo.name} / {area}" if area else repo.name


# Small pieces -------------------------------------------------------------


def who(user: User) -> Markdown:
    return bold(user.name)


def short(sha: str) -> str:
    return sha[:SHORT_SHA]


def sha_link(sha: str, url: str | None) -> Markdown:
    return link(short(sha), url) if url else code(short(sha))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def excerpt(text: str) -> str:
    """The start of a long text: at most a dozen lines and ~1,200 characters."""
    lines = text.strip().replace("\r\n", "\n").split("\n")
    cut = "\n".join(lines[:EXCERPT_LINES])
    shortened = len(lines) > EXCERPT_LINES
    if len(cut) > EXCERPT_CHARACTERS:
        cut = cut[:EXCERPT_CHARACTERS].rsplit(" ", 1)[0]
        shortened = True
    return cut + (" …" if shortened else "")


def quoted(text: str | None) -> Markdown:
    """An excerpt of untrusted text as a quote block, or nothing."""
    if not text or not text.strip():
        return Markdown("")
    return quote(excerpt(text))


def _join(*parts: Markdown) -> Markdown:
    return Markdown("\n\n").join(part for part in parts if part)


def _detail(detail: Markdown | str | None) -> Markdown:
    """An extra sentence: trusted markup as it is, plain text escaped."""
    return detail if isinstance(detail, Markdown) else escape(detail or "")


def listing(items: Sequence[Markdown], nothing: str = "nobody") -> Markdown:
    """A, B and C; past ten, "and N others"; ``nothing`` when there are none."""
    shown = list(items[:NAMED_LIMIT])
    left_out = len(items) - len(shown)
    if left_out:
        shown.append(md("{} others").format(left_out) if left_out > 1 else md("1 other"))
    if len(shown) <= 1:
        return shown[0] if shown else escape(nothing)
    return Markdown(", ").join(shown[:-1]) + md(" and ") + shown[-1]


def people(names: Sequence[str], nothing: str = "nobody") -> Markdown:
    """Names in bold, the way every message shows people: **A**, **B** and **C**."""
    return listing([bold(name) for name in names], nothing)


def renamed_from(old_title: str) -> Markdown:
    """The note on an edit that changed a title."""
    return md("Renamed from {}.").format(bold(old_title)) if old_title else md("Renamed.")


def retargeted(new_branch: str, old_branch: str) -> Markdown:
    """The note on an edit that moved a pull request onto another target branch."""
    return md("The target branch is now {} (was {}).").format(code(new_branch), code(old_branch))


def ref_link(label: str, ref: Ref) -> Markdown:
    return link(f"{label} #{ref.number}", ref.url) if ref.url else escape(f"{label} #{ref.number}")


# Pushes -------------------------------------------------------------------


def commit_line(commit: Commit) -> Markdown:
    title = first_line(commit.message) or "(no message)"
    line = md("{title} ({sha})").format(title=title, sha=sha_link(commit.sha, commit.url))
    if commit.author:
        line = md("{line} — {author}").format(line=line, author=commit.author)
    return line


def commit_list(commits: Sequence[Commit], total: int | None = None) -> Markdown:
    """Commits as a bulleted list of at most ten, then how many more there were."""
    total = len(commits) if total is None else max(total, len(commits))
    shown = [commit_line(commit) for commit in commits[:COMMIT_LIMIT]]
    listed = bullet_list(shown)
    left_out = total - len(shown)
    if left_out > 0:
        noun = "commit" if left_out == 1 else "commits"
        more = md("[and {count} more {noun}]").format(count=left_out, noun=noun)
        return Markdown("\n").join([listed, more]) if listed else more
    return listed


def branch_ref(repo: Repo, branch: str, url: str | None = None) -> Markdown:
    return link(branch, url) if url else code(branch)


def push(
    repo: Repo,
    pusher: User,
    branch: str,
    commits: Sequence[Commit],
    *,
    total: int | None = None,
    created: bool = False,
    forced: bool = False,
    compare_url: str | None = None,
    branch_url: str | None = None,
    before: str | None = None,
    after: str | None = None,
    more: bool = False,
    also: Sequence[Markdown] = (),
) -> Message:
    """A push to a branch: new, forced or plain, with its commits.

    ``total`` is the number of commits when the service lists only some;
    ``more`` says there were more than those listed when it gives no count.
    ``also`` lists the other refs the same push changed, one line each.
    """
    count = len(commits) if total is None else max(total, len(commits))
    target = branch_ref(repo, branch, branch_url)
    if created:
        head = md("{who} created branch {branch}").format(who=who(pusher), branch=target)
        head += md(" with {}.").format(plural(count, "commit")) if count else md(".")
    elif forced:
        head = md("{who} force-pushed {branch}").format(who=who(pusher), branch=target)
        if before and after:
            head += md(" from {} to {}").format(code(short(before)), code(short(after)))
        head += md(".")
    else:
        counted = plural(count, "commit")
        if more:
            counted = f"more than {counted}"
        pushed = link(counted, compare_url) if compare_url else escape(counted)
        head = md("{who} pushed {pushed} to {branch}.").format(
            who=who(pusher), pushed=pushed, branch=target
        )
    others = Markdown("")
    if also:
        others = md("Also in this push:\n") + bullet_list(
            list(also), limit=COMMIT_LIMIT, more="[and {count} more]"
        )
    return Message(
        topic=branch_topic(repo, branch),
        content=_join(head, commit_list(commits, total), others),
    )


def branch_deleted(repo: Repo, pusher: User, branch: str) -> Message:
    content = md("{who} deleted branch {branch}.").format(who=who(pusher), branch=code(branch))
    return Message(topic=branch_topic(repo, branch), content=content)


def tag(
    repo: Repo, pusher: User, name: str, *, deleted: bool = False, url: str | None = None
) -> Message:
    verb = "deleted" if deleted else "pushed"
    label = code(name) if deleted or not url else link(name, url)
    content = md("{who} {verb} tag {tag}.").format(who=who(pusher), verb=verb, tag=label)
    return Message(topic=area_topic(repo, "releases"), content=content)


# Pull requests and issues -------------------------------------------------


def pull_request(
    repo: Repo,
    actor: User,
    pr: Ref,
    action: str,
    *,
    source: str | None = None,
    target: str | None = None,
    body: str | None = None,
    detail: Markdown | str | None = None,
    after: str | None = None,
) -> Message:
    """``action`` is a past-tense verb phrase: "opened", "merged", "closed".

    ``after`` follows the reference ("closed PR #5 without merging");
    ``source``/``target`` branches are shown for openings; ``body`` is quoted
    as an excerpt; ``detail`` is a trusted or plain extra sentence.
    """
    head = md("{who} {action} {pr}").format(who=who(actor), action=action, pr=ref_link("PR", pr))
    if after:
        head += md(" {}").format(after)
    if source and target:
        head += md(" from {} into {}").format(code(source), code(target))
    head += md(".")
    return Message(topic=pr_topic(repo, pr), content=_join(head, _detail(detail), quoted(body)))


def issue(
    repo: Repo,
    actor: User,
    item: Ref,
    action: str,
    *,
    body: str | None = None,
    detail: Markdown | str | None = None,
    after: str | None = None,
) -> Message:
    """Like ``pull_request``: ``after`` follows the reference ("closed issue #3 as not planned")."""
    head = md("{who} {action} {issue}").format(
        who=who(actor), action=action, issue=ref_link("issue", item)
    )
    if after:
        head += md(" {}").format(after)
    head += md(".")
    return Message(
        topic=issue_topic(repo, item), content=_join(head, _detail(detail), quoted(body))
    )


def comment(
    repo: Repo,
    actor: User,
    on: Ref,
    kind: str,
    text: str,
    *,
    url: str | None = None,
    verb: str = "commented",
) -> Message:
    """A comment on a PR (``kind="PR"``) or an issue (``kind="issue"``)."""
    what = link(verb, url) if url else escape(verb)
    head = md("{who} {verb} on {ref}:").format(who=who(actor), verb=what, ref=ref_link(kind, on))
    topic = pr_topic(repo, on) if kind == "PR" else issue_topic(repo, on)
    return Message(topic=topic, content=_join(head, quoted(text)))


def commit_comment(
    repo: Repo, actor: User, commit: Commit, text: str, *, url: str | None = None
) -> Message:
    """A comment on a commit, in the repository's topic."""
    what = link("commented", url) if url else escape("commented")
    head = md("{who} {verb} on commit {sha}:").format(
        who=who(actor), verb=what, sha=sha_link(commit.sha, commit.url)
    )
    return Message(topic=area_topic(repo), content=_join(head, quoted(text)))


REVIEW_STATES = {
    "approved": "approved",
    "changes_requested": "requested changes on",
    "commented": "reviewed",
    "dismissed": "dismissed a review on",
}


def review(
    repo: Repo, actor: User, pr: Ref, state: str, *, body: str | None = None, url: str | None = None
) -> Message:
    verb = REVIEW_STATES.get(state.lower(), "reviewed")
    shown = link(verb, url) if url else escape(verb)
    head = md("{who} {verb} {pr}.").format(who=who(actor), verb=shown, pr=ref_link("PR", pr))
    return Message(topic=pr_topic(repo, pr), content=_join(head, quoted(body)))


# Releases, CI, wiki, deployments, repository activity ---------------------


def release(
    repo: Repo,
    actor: User | None,
    name: str,
    tag_name: str,
    action: str,
    *,
    url: str | None = None,
    body: str | None = None,
    detail: Markdown | str | None = None,
) -> Message:
    """A release reaching a state; ``actor`` None when the service does not say who."""
    title = link(name or tag_name, url) if url else bold(name or tag_name)
    if actor is None:
        head = md("Release {title}").format(title=title)
    else:
        head = md("{who} {action} release {title}").format(
            who=who(actor), action=action, title=title
        )
    if name and name != tag_name:
        head += md(" ({})").format(code(tag_name))
    if actor is None:
        head += md(" was {}").format(action)
    head += md(".")
    return Message(
        topic=area_topic(repo, "releases"), content=_join(head, _detail(detail), quoted(body))
    )


CI_RESULTS = {
    "success": "succeeded",
    "failure": "failed",
    "failed": "failed",
    "error": "failed with an error",
    "errored": "failed with an error",
    "warning": "finished with warnings",
    "stopped": "was stopped",
    "manual": "is waiting for a manual action",
    "cancelled": "was cancelled",
    "canceled": "was cancelled",
    "skipped": "was skipped",
    "timed_out": "timed out",
    "action_required": "needs action",
    "neutral": "finished",
    "stale": "went stale",
    "running": "is running",
    "pending": "is pending",
    "in_progress": "is running",
    "queued": "is queued",
}


def ci_result(status: str) -> str:
    return CI_RESULTS.get(status.lower(), f"finished ({status})")


def ci_run(
    repo: Repo,
    name: str,
    branch: str | None,
    status: str,
    *,
    url: str | None = None,
    commit: Commit | None = None,
    actor: User | None = None,
    detail: str | None = None,
) -> Message:
    """A CI pipeline, workflow or check suite reaching a state."""
    title = link(name, url) if url else bold(name)
    head = md("{title} {result}").format(title=title, result=ci_result(status))
    if branch:
        head += md(" on {}").format(code(branch))
    if commit:
        head += md(" for {}").format(sha_link(commit.sha, commit.url))
        commit_title = first_line(commit.message)
        if commit_title:
            head += md(" ({})").format(commit_title)
    head += md(".")
    if actor:
        head += md(" Triggered by {}.").format(who(actor))
    topic = branch_topic(repo, branch) if branch else area_topic(repo)
    return Message(topic=topic, content=_join(head, escape(detail or "")))


def wiki(
    repo: Repo,
    actor: User,
    pages: Sequence[tuple[str, str, str | None]],
    *,
    summary: str | None = None,
) -> Message:
    """``pages`` are (action, title, url) triples, such as ("created", "Home", url).

    ``summary`` is the author's note on the edit, quoted below the list.
    """
    lines = [
        md("{action} {page}").format(action=action, page=link(title, url) if url else bold(title))
        for action, title, url in pages
    ]
    head = md("{who} updated the wiki:").format(who=who(actor))
    return Message(
        topic=area_topic(repo, "wiki"),
        content=_join(head, bullet_list(lines, limit=COMMIT_LIMIT), quoted(summary)),
    )


def deployment(
    repo: Repo,
    environment: str,
    status: str,
    *,
    actor: User | None = None,
    commit: Commit | None = None,
    url: str | None = None,
) -> Message:
    target = link(environment, url) if url else bold(environment)
    head = md("Deployment to {env} {result}").format(env=target, result=ci_result(status))
    if commit:
        head += md(" for {}").format(sha_link(commit.sha, commit.url))
    if actor:
        head += md(" by {}").format(who(actor))
    return Message(topic=area_topic(repo, "deployments"), content=head + md("."))


def fork(repo: Repo, actor: User, into: Repo) -> Message:
    """``actor`` forked ``repo`` into the new repository ``into``."""
    target = link(into.name, into.url) if into.url else bold(into.name)
    sentence = md("{who} forked the repository into {fork}.").format(who=who(actor), fork=target)
    return activity(repo, sentence)


def activity(repo: Repo, sentence: Markdown) -> Message:
    """Repository-level activity (stars, forks, members) in the repository's topic."""
    return Message(topic=area_topic(repo), content=sentence)


# URL options shared by the four -------------------------------------------


def _patterns(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def branch_wanted(branch: str, query: Mapping[str, str]) -> bool:
    """Whether ``branches=main,release-*`` lets pushes to ``branch`` through."""
    patterns = _patterns(query.get("branches", ""))
    return not patterns or any(fnmatch.fnmatchcase(branch, pattern) for pattern in patterns)


TRUE = frozenset({"1", "true", "yes", "on"})


def private_ignored(is_private: bool, query: Mapping[str, str]) -> bool:
    """Whether ``ignore_private_repositories=true`` drops this event."""
    return is_private and query.get("ignore_private_repositories", "").strip().lower() in TRUE


def handles_public_only(
    integration: WebhookIntegration, not_public: Callable[[Payload], bool]
) -> Callable[..., Callable[[Handler], Handler]]:
    """``integration.handles`` for handlers that first honour ``ignore_private_repositories``.

    ``not_public`` tells from the payload's ``repository`` whether it may be
    hidden. It is asked only when the option is set: without it nothing is
    read, so nothing can be wrong with it.
    """

    def handles(*events: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            @functools.wraps(handler)
            def guarded(payload: Payload, request: WebhookRequest) -> Message | None:
                if private_ignored(True, request.query) and not_public(payload["repository"]):
                    return None
                return handler(payload, request)

            integration.handles(*events)(guarded)
            return handler

        return register

    return handles


def strip_ref(ref: str) -> tuple[str, str]:
    """``refs/heads/main`` -> ("branch", "main"); ``refs/tags/v1`` -> ("tag", "v1")."""
    for prefix, kind in (("refs/heads/", "branch"), ("refs/tags/", "tag")):
        if ref.startswith(prefix):
            return kind, ref[len(prefix) :]
    return "branch", re.sub(r"^refs/", "", ref)


ZERO_SHA = re.compile(r"0+\Z")


def is_zero(sha: str | None) -> bool:
    """Git's all-zero id, which marks a created (before) or deleted (after) ref."""
    return bool(sha) and ZERO_SHA.match(sha or "") is not None
