"""The Subversion post-commit hook: one message per commit.

Subversion runs ``post-commit REPOS REV``; the revision's author, log message
and changed paths are read with ``svnlook``, so no Subversion bindings are
needed. ``post-commit`` (the file users copy) only calls ``run``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

import integrations
from integrations.core.client import ZulipError, user_agent
from integrations.core.config import (
    ConfigError,
    chosen_destination,
    load_script_config,
    setting,
)
from integrations.core.markup import Markdown, bold, bullet_list, code, link, md, quote
from integrations.core.message import Message

CONFIG_FILE = "zulip_svn_config.py"
USER_AGENT = user_agent("Subversion", integrations.__version__)
DEFAULT_MAX_PATHS = 10

# svnlook's first column says what happened to the path; the second, its properties.
_ACTIONS = {"A": "added", "D": "deleted", "U": "modified", "R": "replaced"}


class SvnError(Exception):
    """svnlook failed, or the hook was run with the wrong arguments."""


@dataclass(frozen=True)
class Change:
    action: str  # "added", "modified", ...
    path: str
    copied_from: tuple[str, int] | None = None  # a copy's (or move's) path and revision


@dataclass(frozen=True)
class Revision:
    repository: str
    number: int
    author: str
    log: str
    changes: list[Change]


def parse_changed(output: str) -> list[Change]:
    """The lines of ``svnlook changed --copy-info``: two status columns, a ``+`` for
    a copy, a space, the path; a copy's next line says ``    (from PATH:rN)``."""
    changes: list[Change] = []
    for line in output.splitlines():
        copied = re.fullmatch(r"    \(from (.*):r(\d+)\)", line)
        if copied and changes:
            changes[-1] = replace(changes[-1], copied_from=(copied[1], int(copied[2])))
            continue
        if len(line) < 5:
            continue
        content, props, path = line[0], line[1], line[4:]
        if content in _ACTIONS:
            action = _ACTIONS[content]
        elif props == "U":
            action = "properties changed"
        else:
            action = "changed"
        changes.append(Change(action, path))
    return changes


class Svnlook:
    def __init__(self, command: str, repository: Path) -> None:
        self.command = command
        self.repository = repository

    def __call__(self, subcommand: str, revision: int, *options: str) -> str:
        # Hooks run without a locale; svnlook would then write non-ASCII
        # text as ?\NNN escapes. UTF-8 keeps log messages as they were typed.
        env = {"LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", os.defpath)}
        try:
            done = subprocess.run(
                [self.command, subcommand, *options, "-r", str(revision), str(self.repository)],
                capture_output=True,
                env=env,
                check=False,
            )
        except OSError as exc:
            raise SvnError(f"cannot run {self.command}: {exc.strerror}") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"exit code {done.returncode}"
            raise SvnError(f"svnlook {subcommand} failed: {reason}")
        return done.stdout.decode("utf-8", "replace")


def read_revision(svnlook: Svnlook, revision: int) -> Revision:
    log = svnlook("log", revision)
    return Revision(
        repository=svnlook.repository.name,
        number=revision,
        author=svnlook("author", revision).strip() or "(no author)",
        log=log.rstrip("\n"),
        changes=parse_changed(svnlook("changed", revision, "--copy-info")),
    )


def change_line(change: Change) -> Markdown:
    """``added `branches/1.x/` (from `trunk/` r2)``: a copy says what it copies."""
    line = md("{action} {path}").format(action=change.action, path=code(change.path))
    if change.copied_from is None:
        return line
    path, revision = change.copied_from
    return line + md(" (from {path} r{revision})").format(path=code(path), revision=str(revision))


def format_commit(
    revision: Revision, *, max_paths: int = DEFAULT_MAX_PATHS, url: str | None = None
) -> Markdown:
    """The message: who committed which revision, the log quoted, the paths listed."""
    name = f"r{revision.number}"
    label = link(name, url) if url else bold(name)
    parts = [
        md("{author} committed {revision} to {repository}.").format(
            author=bold(revision.author), revision=label, repository=code(revision.repository)
        ),
        quote(revision.log) if revision.log.strip() else md("*(no log message)*"),
    ]
    lines = [change_line(change) for change in revision.changes]
    if lines:
        plural = "path" if len(lines) - max_paths == 1 else "paths"
        parts.append(bullet_list(lines, limit=max_paths, more="[and {count} more " + plural + "]"))
    return Markdown("\n\n").join(parts)


def _destination(
    config: ModuleType, channel: str, repository: str, paths: Sequence[str]
) -> tuple[str, str] | None:
    chooser: Callable[..., Any] | None = getattr(config, "zulip_destination", None)
    if chooser is None:
        return channel, repository
    return chosen_destination(
        chooser(repository, list(paths)), f"zulip_destination({repository!r}, ...)"
    )


def _arguments(argv: Sequence[str]) -> tuple[Path, int]:
    if len(argv) < 2:
        raise SvnError("expected the arguments REPOS REV, as Subversion passes them")
    repository, revision = Path(argv[0]), argv[1]
    if not revision.isdigit():
        raise SvnError(f"the revision {revision!r} is not a number")
    if not (repository / "format").is_file():
        raise SvnError(f"{repository} is not a Subversion repository")
    return repository, int(revision)


def run(
    hook_file: str,
    argv: Sequence[str],
    *,
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Post revision ``argv[1]`` of repository ``argv[0]``: 0 when posted (or not wanted).

    1 when it could not be: the commit has happened all the same, and that
    is how Subversion shows the committer the line saying why (as a warning
    after "Committed revision N."); with status 0 it would drop the line.
    """
    stderr = sys.stderr if stderr is None else stderr
    environ = os.environ if environ is None else environ
    hooks = Path(hook_file).absolute().parent
    try:
        config, zulip = load_script_config(hooks / CONFIG_FILE, environ)
        repository, number = _arguments(argv)
        svnlook = Svnlook(setting(config, "SVNLOOK", str, "svnlook"), repository)
        revision = read_revision(svnlook, number)
        channel = setting(config, "CHANNEL", str, "commits")
        where = _destination(
            config, channel, revision.repository, [change.path for change in revision.changes]
        )
        if where is None:
            return 0
        template = setting(config, "REVISION_URL", str, "")
        url = template.format(repository=revision.repository, revision=number) if template else None
        content = format_commit(
            revision, max_paths=setting(config, "MAX_PATHS", int, DEFAULT_MAX_PATHS), url=url
        )
        with zulip.client(USER_AGENT) as client:
            client.send(where[0], Message(topic=where[1], content=content))
    except (ConfigError, SvnError, ZulipError) as exc:
        print(f"zulip: nothing posted: {exc}", file=stderr)
        return 1
    except Exception as exc:  # a bug, or a user's function failing: never a traceback
        print(f"zulip: nothing posted: unexpected {type(exc).__name__}: {exc}", file=stderr)
        return 1
    return 0
