"""What the Mercurial hook does inside Mercurial: read the new changesets, post them.

Settings come from the ``[zulip]`` section of the repository's ``.hg/hgrc``
(or any hgrc Mercurial reads):

``email``, ``api_key``, ``site``
: the bot; when missing, ``ZULIP_EMAIL``, ``ZULIP_API_KEY``, ``ZULIP_SITE``
  or the ``[api]`` section of ``~/.zuliprc``.
``channel`` (default ``commits``), ``topic`` (default ``{repository} / {branch}``)
: where messages go; ``{repository}`` and ``{branch}`` are filled in.
``branches``, ``ignore_branches``
: comma- or space-separated branch names or ``fnmatch`` patterns: post only
  the branches matching ``branches`` (all when empty), except those matching
  ``ignore_branches``.
``commit_url``
: a link for each changeset, with ``{repository}`` and ``{node}`` filled in.
``max_commits`` (default 20)
: how many changesets a message lists.

The objects Mercurial passes are used through the few methods below, all
of which Mercurial has had for years; of Mercurial itself only
``encoding.fromlocal`` is imported, when running inside it.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import integrations
from integrations.core.client import ZulipError, send_each, user_agent
from integrations.core.config import ConfigError, load_settings
from integrations.core.message import Message
from integrations.scripts.git import format
from integrations.scripts.git.format import Commit
from integrations.scripts.git.hook import pusher_name

USER_AGENT = user_agent("Mercurial", integrations.__version__)
HOOK_TYPES = ("changegroup", "incoming")
DEFAULT_TOPIC = "{repository} / {branch}"
SHORT_NODE = 12


class Ui(Protocol):
    def config(self, section: bytes, name: bytes) -> bytes | None: ...

    def warn(self, message: bytes) -> None: ...


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _stored_text(value: bytes) -> str:
    """Text of a changeset (description, user, branch) as Mercurial stored it.

    Mercurial hands these out in the local encoding: under a C locale, as
    hooks on a server often run, "Café" comes out as "Caf?". Its own
    ``fromlocal`` gives back the UTF-8 it stored (and old Latin-1 as UTF-8).
    """
    try:
        from mercurial import encoding  # type: ignore[import-not-found]

        value = encoding.fromlocal(value)
    except Exception:  # not inside Mercurial, or bytes it cannot convert: keep them
        pass
    return _text(value)


@dataclass(frozen=True)
class HgSettings:
    channel: str
    topic: str
    branches: tuple[str, ...]
    ignore_branches: tuple[str, ...]
    commit_url: str
    max_commits: int

    def wants(self, branch: str) -> bool:
        def matches(patterns: Sequence[str]) -> bool:
            return any(fnmatch.fnmatchcase(branch, pattern) for pattern in patterns)

        if self.branches and not matches(self.branches):
            return False
        return not matches(self.ignore_branches)


def _list(value: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[,\s]+", value) if part)


def read_settings(ui: Ui) -> HgSettings:
    def get(name: str, default: str = "") -> str:
        return _text(ui.config(b"zulip", name.encode())).strip() or default

    topic = get("topic", DEFAULT_TOPIC)
    try:
        topic.format(repository="", branch="")
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(
            f"[zulip] topic = {topic}: only {{repository}} and {{branch}} can be filled in ({exc})"
        ) from None
    max_commits = get("max_commits", str(format.DEFAULT_LIMIT))
    if not max_commits.isdigit() or int(max_commits) < 1:
        raise ConfigError(f"[zulip] max_commits = {max_commits}: expected a positive number")
    return HgSettings(
        channel=get("channel", "commits"),
        topic=topic,
        branches=_list(get("branches")),
        ignore_branches=_list(get("ignore_branches")),
        commit_url=get("commit_url"),
        max_commits=int(max_commits),
    )


def new_changesets(repo: Any, hooktype: str, node: bytes | str) -> list[Any]:
    """The changesets this hook call is about, oldest first."""
    first = repo[node]
    if hooktype == "incoming":
        return [first]
    # changegroup: ``node`` is the first changeset added; the rest follow it.
    return [repo[rev] for rev in range(first.rev(), len(repo))]


def to_commit(changeset: Any, settings: HgSettings, repository: str) -> Commit:
    node = _text(changeset.hex())
    description = _stored_text(changeset.description())
    user = _stored_text(changeset.user())
    author = re.sub(r"\s*<[^>]*>\s*$", "", user) or user
    url = settings.commit_url.format(repository=repository, node=node) or None
    return Commit(
        id=node,
        subject=description.split("\n", 1)[0],
        author=author,
        url=url,
        merge=len(changeset.parents()) > 1,
        short=node[:SHORT_NODE],
    )


def messages_for(
    changesets: Sequence[Any], settings: HgSettings, repository: str, pusher: str
) -> list[tuple[str, Message]]:
    """One message per branch the push touched, in the order the branches came."""
    by_branch: dict[str, list[Any]] = {}
    for changeset in changesets:
        by_branch.setdefault(_stored_text(changeset.branch()), []).append(changeset)
    found = []
    for branch, members in by_branch.items():
        if not settings.wants(branch):
            continue
        commits = [to_commit(changeset, settings, repository) for changeset in members]
        content = format.pushed(pusher, branch, commits, limit=settings.max_commits)
        topic = settings.topic.format(repository=repository, branch=branch)
        found.append((settings.channel, Message(topic=topic, content=content)))
    return found


def notify(
    ui: Ui,
    repo: Any,
    hooktype: bytes | str,
    node: bytes | str | None,
    environ: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> bool:
    """Post the changesets; warn in one line on failure. Returns False: the hook never fails."""
    environ = os.environ if environ is None else environ
    kind = _text(hooktype)
    try:
        if kind not in HOOK_TYPES:
            raise ConfigError(f"use the hook as changegroup or incoming, not {kind}")
        if node is None:
            raise ConfigError(f"Mercurial gave the {kind} hook no changeset")
        settings = read_settings(ui)
        zulip = load_settings(
            email=_text(ui.config(b"zulip", b"email")),
            api_key=_text(ui.config(b"zulip", b"api_key")),
            site=_text(ui.config(b"zulip", b"site")),
            source="[zulip] of the hgrc",
            environ=environ,
        )
        repository = os.path.basename(_text(repo.root).rstrip("/")) or "repository"
        outgoing = messages_for(
            new_changesets(repo, kind, node), settings, repository, pusher_name(environ)
        )
        with zulip.client(USER_AGENT) as client:
            # Zulip unreachable at once: "nothing posted", said below.
            send_each(
                client,
                outgoing,
                lambda line: ui.warn(f"{line}\n".encode()),
                raise_if_none_sent=True,
            )
    except (ConfigError, ZulipError) as exc:
        ui.warn(f"zulip: nothing posted: {exc}\n".encode())
    except Exception as exc:  # a bug: still never a traceback, never a failed push
        ui.warn(f"zulip: nothing posted: unexpected {type(exc).__name__}: {exc}\n".encode())
    return False
