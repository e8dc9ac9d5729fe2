"""What a post-receive hook learns from git: the ref updates and their commits.

git gives the hook one line per updated ref on standard input,
``<old> <new> <refname>``, with an all-zero id for a ref that did not exist
before (or no longer does). The commits are read with ``git rev-list`` and
``git log``; the refs are already updated when the hook runs.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from integrations.scripts.git.format import Commit


class GitError(Exception):
    """git failed, or the hook was given input git would not give it."""


@dataclass(frozen=True)
class RefUpdate:
    old: str
    new: str
    ref: str

    @property
    def created(self) -> bool:
        return _is_zero(self.old)

    @property
    def deleted(self) -> bool:
        return _is_zero(self.new)

    @property
    def branch(self) -> str | None:
        return self.ref.removeprefix("refs/heads/") if self.ref.startswith("refs/heads/") else None

    @property
    def tag(self) -> str | None:
        return self.ref.removeprefix("refs/tags/") if self.ref.startswith("refs/tags/") else None


def _is_zero(object_id: str) -> bool:
    return set(object_id) == {"0"}


def parse_updates(lines: Iterable[str]) -> list[RefUpdate]:
    """The ref updates of post-receive's standard input."""
    updates = []
    for number, line in enumerate(lines, start=1):
        # A ref name is bytes to git; one that is not UTF-8 (a Latin-1 "café")
        # arrives as lone surrogates, which no message can carry.
        line = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 3 or not all(_is_object_id(part) for part in parts[:2]):
            raise GitError(f"standard input line {number}: expected '<old> <new> <ref>'")
        updates.append(RefUpdate(*parts))
    return updates


def _is_object_id(text: str) -> bool:
    return len(text) in (40, 64) and all(char in "0123456789abcdef" for char in text)


# git refuses NUL in commit messages and names, so it cannot occur inside a field.
_FIELD = "\x00"
_FIELDS = ("%H", "%P", "%an", "%s")


class Repository:
    """A git repository, as seen from one of its hooks."""

    def __init__(self, git_dir: Path, environ: Mapping[str, str] | None = None) -> None:
        self.git_dir = git_dir
        self._environ = dict(os.environ if environ is None else environ)

    @property
    def name(self) -> str:
        """``project`` for ``/srv/git/project.git`` and for ``~/src/project/.git``."""
        path = self.git_dir.resolve()
        if path.name == ".git":
            path = path.parent
        return path.name.removesuffix(".git") or path.name

    def git(self, *args: str) -> str:
        try:
            done = subprocess.run(
                ["git", f"--git-dir={self.git_dir}", *args],
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=self._environ,
                check=False,
            )
        except OSError as exc:
            raise GitError(f"cannot run git: {exc.strerror}") from None
        if done.returncode != 0:
            detail = done.stderr.strip().splitlines()
            raise GitError(f"git {args[0]} failed: {detail[-1] if detail else done.returncode}")
        return done.stdout

    def rev_list(self, include: Sequence[str], exclude: Sequence[str] = ()) -> list[str]:
        """Commits reachable from ``include`` and not from ``exclude``, oldest first."""
        if not include:
            return []
        args = ["rev-list", "--reverse", "--topo-order", *include]
        args += [f"^{object_id}" for object_id in exclude]
        return self.git(*args).split()

    def is_ancestor(self, old: str, new: str) -> bool:
        try:
            self.git("merge-base", "--is-ancestor", old, new)
        except GitError:
            return False
        return True

    def refs(self) -> dict[str, str]:
        """Every branch and tag, by name, with the id it points to."""
        listing = self.git("for-each-ref", "--format=%(objectname) %(refname)", "refs/")
        found = {}
        for line in listing.splitlines():
            object_id, _, ref = line.partition(" ")
            found[ref] = object_id
        return found

    def commits(self, ids: Sequence[str]) -> list[Commit]:
        """The commits with these ids, in this order."""
        if not ids:
            return []
        # Each field ends in NUL; "format:" puts a newline between commits, not after the last.
        template = "format:" + "".join(f"{field}%x00" for field in _FIELDS)
        output = self.git("show", "--no-patch", "--no-walk=unsorted", f"--format={template}", *ids)
        values = output.split(_FIELD)[:-1]
        found = []
        for start in range(0, len(values), len(_FIELDS)):
            object_id, parents, author, subject = values[start : start + len(_FIELDS)]
            found.append(
                Commit(
                    id=object_id.strip(),
                    subject=subject,
                    # git writes a commit with no name if told to (hash-object, imports).
                    author=author.strip() or "(no author)",
                    merge=len(parents.split()) > 1,
                )
            )
        return found

    def peel(self, object_id: str) -> tuple[str, str]:
        """What a tag points to, through annotated tags: its id and type (``commit``,
        ``tree``, ``blob``). A commit id stays as it is."""
        target = self.git("rev-parse", f"{object_id}^{{}}").strip()
        return target, self.git("cat-file", "-t", target).strip()
