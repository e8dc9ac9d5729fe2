"""The git post-receive hook: one message per updated branch or tag.

``post-receive`` (the file users copy into ``hooks/``) only calls ``run``.
Everything else lives here, in the installed package, so upgrading the
package upgrades the hook and the user's ``zulip_git_config.py`` stays as it is.
"""

from __future__ import annotations

import getpass
import io
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO, TypeVar

import integrations
from integrations.core.client import ZulipError, send_each, user_agent
from integrations.core.config import (
    ConfigError,
    chosen_destination,
    load_script_config,
    setting,
)
from integrations.core.markup import Markdown
from integrations.core.message import Message
from integrations.scripts.git import format
from integrations.scripts.git.format import Commit, CommitLine
from integrations.scripts.git.repository import GitError, RefUpdate, Repository, parse_updates

T = TypeVar("T")
CONFIG_FILE = "zulip_git_config.py"
# A push with more new tags than this tells them in one message.
MANY_TAGS = 10
USER_AGENT = user_agent("Git", integrations.__version__)


@dataclass(frozen=True)
class Destination:
    channel: str
    topic: str


@dataclass(frozen=True)
class Settings:
    """What the hook takes from ``zulip_git_config.py``, with the defaults filled in."""

    repository: str
    channel: str = "commits"
    max_commits: int = format.DEFAULT_LIMIT
    commit_url: str | None = None
    destination: Callable[[str, str], Any] | None = None
    line: CommitLine = format.commit_line

    def where(self, ref: str) -> Destination | None:
        if self.destination is None:
            return default_destination(self.channel, self.repository, ref)
        chosen = chosen_destination(
            self.destination(self.repository, ref),
            f"zulip_destination({self.repository!r}, {ref!r})",
        )
        return None if chosen is None else Destination(*chosen)


def default_destination(channel: str, repository: str, ref: str) -> Destination | None:
    """Branches to ``<repository> / <branch>``, tags to ``<repository> / tags``."""
    if ref.startswith("refs/heads/"):
        return Destination(channel, f"{repository} / {ref.removeprefix('refs/heads/')}")
    if ref.startswith("refs/tags/"):
        return Destination(channel, f"{repository} / tags")
    return None


def pusher_name(environ: Mapping[str, str]) -> str:
    """The account that pushed: the hook runs as that user over SSH or locally."""
    for name in ("USER", "LOGNAME"):
        if environ.get(name, "").strip():
            return environ[name].strip()
    try:
        return getpass.getuser()
    except Exception:  # no user database entry; still post the push
        return "someone"


def settings_from(config: ModuleType, repository: str) -> Settings:
    destination = getattr(config, "zulip_destination", None)
    line = getattr(config, "format_commit_line", None)
    for name, value in (("zulip_destination", destination), ("format_commit_line", line)):
        if value is not None and not callable(value):
            raise ConfigError(f"{config.__file__}: {name} must be a function")
    return Settings(
        repository=repository,
        channel=setting(config, "CHANNEL", str, "commits"),
        max_commits=setting(config, "MAX_COMMITS", int, format.DEFAULT_LIMIT),
        commit_url=setting(config, "COMMIT_URL", str, "") or None,
        destination=destination,
        line=line or format.commit_line,
    )


class PushReader:
    """Turns ref updates into messages, reading what it needs from the repository."""

    def __init__(self, repository: Repository, settings: Settings, pusher: str) -> None:
        self.repo = repository
        self.settings = settings
        self.pusher = pusher

    def _commits(self, ids: list[str]) -> tuple[list[Commit], int]:
        """The first ``max_commits`` commits (with their details) and how many there are."""
        shown = self.repo.commits(ids[: self.settings.max_commits])
        template = self.settings.commit_url
        if template:
            shown = [
                replace(commit, url=template.format(repository=self.repo.name, id=commit.id))
                for commit in shown
            ]
        return shown, len(ids)

    def message(self, update: RefUpdate, others: Iterable[str]) -> Markdown | None:
        """The message for one update; ``others`` are the other refs' ids before the push."""
        limit, line = self.settings.max_commits, self.settings.line
        if update.tag is not None:
            if update.deleted:
                return format.tag_deleted(self.pusher, update.tag)
            target, kind = self.repo.peel(update.new)
            return format.tag_pushed(
                self.pusher, update.tag, target, moved=not update.created, kind=kind
            )
        branch = update.branch
        if branch is None:
            return None  # notes, remotes and other refs are not pushes people follow
        if update.deleted:
            return format.branch_deleted(self.pusher, branch, update.old)
        if update.created:
            ids = self.repo.rev_list([update.new], exclude=list(others))
            commits, total = self._commits(ids)
            return format.branch_created(
                self.pusher, branch, update.new, commits, total=total, limit=limit, line=line
            )
        if self.repo.is_ancestor(update.old, update.new):
            commits, total = self._commits(self.repo.rev_list([update.new], [update.old]))
            return format.pushed(self.pusher, branch, commits, total=total, limit=limit, line=line)
        removed, removed_total = self._commits(self.repo.rev_list([update.old], [update.new]))
        added, added_total = self._commits(self.repo.rev_list([update.new], [update.old]))
        return format.force_pushed(
            self.pusher,
            branch,
            removed,
            added,
            removed_total=removed_total,
            added_total=added_total,
            limit=limit,
            line=line,
        )


def refs_before(repo: Repository, updates: list[RefUpdate]) -> dict[str, str]:
    """Every ref as it was before this push (the hook runs after the refs moved)."""
    refs = repo.refs()
    for update in updates:
        if update.created:
            refs.pop(update.ref, None)
        else:
            refs[update.ref] = update.old
    return refs


def is_new_tag(update: RefUpdate) -> bool:
    return update.tag is not None and update.created


def new_tags_message(
    repo: Repository, settings: Settings, pusher: str, updates: list[RefUpdate]
) -> Markdown:
    """One message for many new tags; only those it lists are read."""
    shown = [
        (update.tag or update.ref, repo.peel(update.new)[0])
        for update in updates[: settings.max_commits]
    ]
    return format.tags_pushed(pusher, shown, total=len(updates), limit=settings.max_commits)


def by_destination(
    settings: Settings, updates: list[RefUpdate]
) -> dict[Destination, list[RefUpdate]]:
    groups: dict[Destination, list[RefUpdate]] = {}
    for update in updates:
        destination = settings.where(update.ref)
        if destination is not None:
            groups.setdefault(destination, []).append(update)
    return groups


def messages_for(
    repo: Repository,
    settings: Settings,
    pusher: str,
    updates: list[RefUpdate],
    report: Callable[[str], None],
) -> list[tuple[Destination, Message]]:
    """The message of each update; one that cannot be told is ``report``-ed, not the others.

    Many new tags (a project's history imported) make one message per
    destination, not one each.
    """
    reader = PushReader(repo, settings, pusher)
    before = refs_before(repo, updates)
    found = []
    tagged: list[tuple[Destination, Message]] = []
    new_tags = [update for update in updates if is_new_tag(update)]
    grouping = len(new_tags) > MANY_TAGS

    def tags_told() -> list[tuple[Destination, Message]]:
        return [
            (
                place,
                Message(topic=place.topic, content=new_tags_message(repo, settings, pusher, tags)),
            )
            for place, tags in by_destination(settings, new_tags).items()
        ]

    def update_told(update: RefUpdate) -> tuple[Destination, Message] | None:
        destination = settings.where(update.ref)
        if destination is None:
            return None
        others = [object_id for ref, object_id in before.items() if ref != update.ref]
        content = reader.message(update, others)
        if content is None:
            return None
        return destination, Message(topic=destination.topic, content=content)

    if grouping:
        tagged = told_or_reported(f"{len(new_tags)} new tags", tags_told, report) or []
    for update in updates:
        if grouping and is_new_tag(update):
            continue
        told = told_or_reported(update.ref, partial(update_told, update), report)
        if told is not None:
            found.append(told)
    return found + tagged


def told_or_reported(what: str, tell: Callable[[], T], report: Callable[[str], None]) -> T | None:
    """``tell()``; None, with one line ``report``-ed, when it fails, so other refs still go."""
    try:
        return tell()
    except (ConfigError, GitError) as exc:
        report(f"zulip: {what} not posted: {exc}")
    except Exception as exc:  # a user's function failing, or a bug
        report(f"zulip: {what} not posted: unexpected {type(exc).__name__}: {exc}")
    return None


def run(
    hook_file: str,
    *,
    stdin: TextIO | None = None,
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Post the push git describes on ``stdin``. Always returns 0: the push already happened."""
    if stdin is None:  # bytes as git gives them, whatever the locale says they are
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape")
    stderr = sys.stderr if stderr is None else stderr
    environ = os.environ if environ is None else environ
    hooks = Path(hook_file).absolute().parent
    try:
        config, zulip = load_script_config(hooks / CONFIG_FILE, environ)
        repo = Repository(Path(environ.get("GIT_DIR", ".")), environ)
        settings = settings_from(config, repo.name)
        outgoing = messages_for(
            repo,
            settings,
            pusher_name(environ),
            parse_updates(stdin),
            report=lambda line: print(line, file=stderr),
        )
        with zulip.client(USER_AGENT) as client:
            sends = [(destination.channel, message) for destination, message in outgoing]
            send_each(client, sends, lambda line: print(line, file=stderr))
    except (ConfigError, GitError, ZulipError) as exc:
        print(f"zulip: nothing posted: {exc}", file=stderr)
    except Exception as exc:  # a bug, or a user's function failing: never a traceback
        print(f"zulip: nothing posted: unexpected {type(exc).__name__}: {exc}", file=stderr)
    return 0
