"""The records every code host's payload is read into, and the topics they name.

Topics are those of Zulip's own integrations, so a webhook moved here keeps
its threads; ``<repo>`` is the repository's short name (its full
``owner/name`` with the ``full_repository_name`` option):

=====================  ==========================================
what                   topic
=====================  ==========================================
code (push, branch,    ``<repo> / <branch>``
CI for a branch)
pull/merge request     ``<repo> / PR #<n> <title>`` (``MR`` on GitLab)
issue                  ``<repo> / issue #<n> <title>``
discussion             ``<repo> discussion #<n>: <title>``
tags and releases      ``<repo> / releases``
wiki                   ``<repo> / wiki pages``
deployments            ``<repo> / Deployment on <environment>``
anything else          ``<repo>``
=====================  ==========================================

Releases and CI results differ from Zulip's on purpose: releases read as a
changelog in one topic (Zulip posts them in the repository's general
topic, or one topic per release on Gitea), and a branch's CI results follow
its pushes in the branch's topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

SHORT_SHA = 7


@dataclass(frozen=True)
class Repo:
    """A repository: ``name`` as topics show it, ``full_name`` as its owner's path."""

    name: str  # in topics: "hello-world", or "octo-org/hello-world" when asked for
    url: str | None = None
    full_name: str | None = None  # "octo-org/hello-world", where the service says

    @property
    def shown(self) -> str:
        """The name a sentence shows: the full one, which says whose repository it is."""
        return self.full_name or self.name

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
    """A pull request or issue: its number, title and page.

    ``label`` is what the service calls a pull request: GitLab's are merge
    requests, ``MR``.
    """

    number: int
    title: str
    url: str | None = None
    label: str = "PR"


def branch_topic(repo: Repo, branch: str) -> str:
    return f"{repo.name} / {branch}"


def pr_topic(repo: Repo, pr: Ref) -> str:
    return f"{repo.name} / {pr.label} #{pr.number} {pr.title}"


def issue_topic(repo: Repo, issue: Ref) -> str:
    return f"{repo.name} / issue #{issue.number} {issue.title}"


def discussion_topic(repo: Repo, discussion: Ref) -> str:
    return f"{repo.name} discussion #{discussion.number}: {discussion.title}"


def releases_topic(repo: Repo) -> str:
    return f"{repo.name} / releases"


def wiki_topic(repo: Repo) -> str:
    return f"{repo.name} / wiki pages"


def deployment_topic(repo: Repo, environment: str) -> str:
    return f"{repo.name} / Deployment on {environment}"


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
