"""What a build is, from Jenkins' environment, the step's arguments and the workspace's git.

Jenkins sets ``JOB_NAME`` (folders and job, ``shop/main``; a multibranch
job's branch name is encoded, ``feature%2Flogin``), ``BUILD_NUMBER``,
``BUILD_URL`` and, with the Git plugin, ``GIT_COMMIT``, ``GIT_BRANCH``
(``origin/main``) and ``GIT_URL``. A multibranch pipeline adds
``BRANCH_NAME`` and, for a pull request, ``CHANGE_ID``, ``CHANGE_URL``,
``CHANGE_TITLE`` and ``CHANGE_AUTHOR``; a stage's own ``post`` step sees
``STAGE_NAME``. The result is not in the environment: the step passes
``currentBuild.currentResult``.
"""

from __future__ import annotations

import argparse
import math
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote

from integrations.common.ci import Commit
from integrations.common.ci.jenkins import RESULT_NAMES, branch_name


class BuildError(Exception):
    """The step was run without what it needs: the message says what."""


@dataclass(frozen=True)
class Change:
    """The pull request a multibranch pipeline's build is for."""

    number: str
    url: str | None
    title: str | None
    author: str | None


@dataclass(frozen=True)
class Build:
    job: str  # JOB_NAME as Jenkins sets it: "shop/main", "shop/feature%2Flogin"
    job_path: tuple[str, ...]  # its folders and name, decoded: ("shop", "feature/login")
    number: str | None
    url: str | None
    result: str
    previous: str | None
    seconds: float | None
    branch: str | None
    commit: Commit | None
    repository_url: str | None
    change: Change | None
    stage: str | None


USAGE = "zulip-jenkins RESULT [--previous RESULT] [--duration MILLISECONDS]"


class _Parser(argparse.ArgumentParser):
    """Arguments read quietly: a mistake is one line of the script's own, not argparse's usage."""

    def error(self, message: str) -> NoReturn:
        raise BuildError(f"{message}; expected {USAGE}")


def _arguments(argv: Sequence[str], environ: Mapping[str, str]) -> argparse.Namespace:
    parser = _Parser(prog="zulip-jenkins", add_help=False)
    parser.add_argument("result", nargs="?", default=environ.get("BUILD_RESULT"))
    parser.add_argument("--previous", default=None)
    parser.add_argument("--duration", default=None)
    return parser.parse_args(list(argv))


def result_of(text: str | None, what: str) -> str | None:
    """A Jenkins result word, upper case; "null" (a first build's previous) reads as none."""
    if text is None or not text.strip() or text.strip().lower() == "null":
        return None
    word = text.strip().upper()
    if word not in RESULT_NAMES:
        raise BuildError(f"the {what} {text!r} is not one of {', '.join(RESULT_NAMES)}")
    return word


def seconds_of(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        milliseconds = float(text)
    except ValueError:
        milliseconds = math.nan
    if not math.isfinite(milliseconds):
        raise BuildError(f"the duration {text!r} is not a number of milliseconds")
    return milliseconds / 1000 if milliseconds >= 0 else None


def readable(environ: Mapping[str, str]) -> dict[str, str]:
    """The variables with bytes that are not UTF-8 shown as U+FFFD.

    Python keeps such bytes (an agent in a Latin-1 locale, a job named in
    it) as lone surrogates, which no message can carry.
    """
    return {
        name: value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        for name, value in environ.items()
    }


def branch_of(environ: Mapping[str, str]) -> str | None:
    """The branch: ``CHANGE_BRANCH``, ``BRANCH_NAME``, or ``GIT_BRANCH`` without its remote."""
    for name in ("CHANGE_BRANCH", "BRANCH_NAME"):
        if environ.get(name, "").strip():
            return environ[name].strip()
    return branch_name(environ.get("GIT_BRANCH", "").strip())


def commit_of(sha: str, workspace: Path) -> Commit:
    """The commit's subject and author, from git in the workspace; just the id if git cannot say."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%s%n%an", sha, "--"],
            cwd=workspace,
            capture_output=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return Commit(sha, "")
    if done.returncode != 0:
        return Commit(sha, "")
    lines = done.stdout.decode("utf-8", "replace").split("\n")
    subject = lines[0].strip() if lines else ""
    author = lines[1].strip() if len(lines) > 1 else ""
    return Commit(sha, subject, author=author or None)


def change_of(environ: Mapping[str, str]) -> Change | None:
    number = environ.get("CHANGE_ID", "").strip()
    if not number:
        return None

    def value(name: str) -> str | None:
        return environ.get(name, "").strip() or None

    return Change(
        number,
        value("CHANGE_URL"),
        value("CHANGE_TITLE"),
        value("CHANGE_AUTHOR_DISPLAY_NAME") or value("CHANGE_AUTHOR"),
    )


def build_of(argv: Sequence[str], environ: Mapping[str, str], workspace: Path) -> Build:
    environ = readable(environ)
    arguments = _arguments(argv, environ)
    result = result_of(arguments.result, "result")
    if result is None:
        raise BuildError(
            "the build's result is missing: run zulip-jenkins ${currentBuild.currentResult}"
        )
    job = environ.get("JOB_NAME", "").strip()
    if not job:
        raise BuildError("JOB_NAME is not set: zulip-jenkins runs in a Jenkins build")
    sha = environ.get("GIT_COMMIT", "").strip()
    return Build(
        job=job,
        job_path=tuple(unquote(part) for part in job.split("/")),
        number=environ.get("BUILD_NUMBER", "").strip() or None,
        url=environ.get("BUILD_URL", "").strip() or None,
        result=result,
        previous=result_of(arguments.previous, "previous result"),
        seconds=seconds_of(arguments.duration),
        branch=branch_of(environ),
        commit=commit_of(sha, workspace) if sha else None,
        repository_url=environ.get("GIT_URL", "").strip() or None,
        change=change_of(environ),
        stage=environ.get("STAGE_NAME", "").strip() or None,
    )
