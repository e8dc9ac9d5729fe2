"""Releases, the wiki, forks and other activity on a repository."""

from __future__ import annotations

from collections.abc import Sequence

from integrations.common.code_hosting.pushes import COMMIT_LIMIT
from integrations.common.code_hosting.records import (
    Repo,
    User,
    area_topic,
    releases_topic,
    wiki_topic,
)
from integrations.common.code_hosting.text import detail_text, paragraphs, quoted, repo_link, who
from integrations.core.markup import Markdown, bold, bullet_list, code, link, md
from integrations.core.message import Message


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
        topic=releases_topic(repo),
        content=paragraphs(head, detail_text(detail), quoted(body)),
    )


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
        topic=wiki_topic(repo),
        content=paragraphs(head, bullet_list(lines, limit=COMMIT_LIMIT), quoted(summary)),
    )


def fork(repo: Repo, actor: User, into: Repo) -> Message:
    """``actor`` forked ``repo`` into the new repository ``into``."""
    sentence = md("{who} forked the repository into {fork}.").format(
        who=who(actor), fork=repo_link(into)
    )
    return activity(repo, sentence)


def activity(repo: Repo, sentence: Markdown) -> Message:
    """Repository-level activity (stars, forks, members) in the repository's topic."""
    return Message(topic=area_topic(repo), content=sentence)
