"""The records every code host's payload is read into, and the topics they name.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

SHORT_SHA = 7


@dataclass(frozen=True)
class Repo:
    name: str  # as readers know it: "octo-org/hello-world" or "hello-world"
    url: str | None = None

    def page(self, *parts: str) -> str | None:
        """An address among the repository's web pages, such as ``tree/main``; None without a URL.

        Each part is percent-encoded, keeping its slashes (branch names hold some).
        """
        if not self.url:
            return None
        return "/".join([self.url.rstrip("/"), *(quote(part, safe="/") for part in parts)])


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


def branch_topic(repo: Repo, branch: str) -> str:
    return f"{repo.name} / {branch}"


def pr_topic(repo: Repo, pr: Ref) -> str:
    return f"{repo.name} / PR #{pr.number} {pr.title}"


def issue_topic(repo: Repo, issue: Ref) -> str:
    return f"{repo.name} / issue #{issue.number} {issue.title}"


def discussion_topic(repo: Repo, discussion: Ref) -> str:
    return f"{repo.name} / discussion #{discussion.number} {discussion.title}"


def area_topic(repo: Repo, area: str | None = None) -> str:
    return f"{repo.name} / {area}" if area else repo.name


def short(sha: str) -> str:
    return sha[:SHORT_SHA]


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
