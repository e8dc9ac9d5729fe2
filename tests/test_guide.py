"""The guide's code blocks are tested: commands run, code is included from tested code.

Every ``console`` block of a guide page is run, in order, in a fresh copy of
the project, and its output must match what the page shows (a line ``...``
stands for any lines; ``...`` inside a line for any text). HTML comments of
the form ``<!-- walkthrough: append PAGE::id,id to TARGET -->`` do what the
prose around them asks the reader to do by hand. Any other kind of code
block on a guide page is an error: code must be included from the real,
tested code (``literalinclude``, ``example-source``) or be a live example.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from integrations.core import Registry
from integrations.examples.output import matches
from integrations.examples.parse import markdown_parser, parse_file
from tests.doc_examples import DOCS

ROOT = DOCS.parent
GUIDE = DOCS / "guide"
# Not code: the diagrams of the architecture and serving pages.
ALLOWED_PLAIN_BLOCKS = {("architecture.md", "text"), ("serving.md", "text")}
IGNORED_IN_COPY = shutil.ignore_patterns(
    ".git", ".venv", "_build", "_work", "__pycache__", ".pytest_cache", ".hypothesis",
    ".mypy_cache", ".ruff_cache", "*.egg-info",
)  # fmt: skip


@dataclass(frozen=True)
class Command:
    line: int
    command: str
    expected: list[str]


@dataclass(frozen=True)
class Append:
    line: int
    source: Path
    ids: list[str]
    target: str


Step = Command | Append


def steps_of(page: Path) -> list[Step]:
    steps: list[Step] = []
    for token in markdown_parser().parse(page.read_text()):
        if token.map is None:
            continue
        line = token.map[0] + 1
        if token.type == "fence" and token.info.strip() == "console":
            steps += _commands(token.content, line + 1)
        elif token.type == "html_block" and "walkthrough:" in token.content:
            match = re.search(r"walkthrough: append (\S+?)::(\S+) to (\S+)", token.content)
            assert match, f"{page}:{line}: unreadable walkthrough comment"
            source, ids, target = match.groups()
            steps.append(Append(line, ROOT / source, ids.split(","), target))
    return steps


def _commands(block: str, first_line: int) -> list[Command]:
    commands: list[Command] = []
    for offset, text in enumerate(block.rstrip("\n").split("\n")):
        if text.startswith("$ "):
            commands.append(Command(first_line + offset, text[2:], []))
        else:
            assert commands, f"line {first_line + offset}: output before any command"
            commands[-1].expected.append(text)
    return commands


GUIDE_PAGES = sorted(GUIDE.glob("*.md"))
PAGES_WITH_STEPS = [page for page in GUIDE_PAGES if steps_of(page)]


@pytest.fixture
def project_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    copy = tmp_path / "project"
    _copy_project(copy)
    (copy / ".venv").symlink_to(Path(sys.prefix))
    # The installed `integrations` command imports the original checkout; in
    # the copy it must be the copy's code, as it is in a reader's clone.
    shims = tmp_path / "bin"
    shims.mkdir()
    shim = shims / "integrations"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m integrations "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    # pytest prints whole summary lines when CI or BUILD_NUMBER is set; the
    # pages show what a reader's 80-column terminal prints.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTEST_") and key not in ("CI", "BUILD_NUMBER")
    }
    env.update(
        PATH=f"{shims}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        COLUMNS="80",
        NO_COLOR="1",
        PY_COLORS="0",
    )
    return copy, env


def _copy_project(copy: Path) -> None:
    """The project as a reader's clone has it: the files git tracks, when in a checkout."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:
        shutil.copytree(ROOT, copy, ignore=IGNORED_IN_COPY)
        return
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)


@pytest.mark.parametrize("page", PAGES_WITH_STEPS, ids=lambda page: page.name)
def test_guide_commands_do_what_the_page_shows(
    page: Path, project_copy: tuple[Path, dict[str, str]]
) -> None:
    copy, env = project_copy
    shown = page.relative_to(ROOT)
    for step in steps_of(page):
        if isinstance(step, Append):
            _append_examples(step, copy)
            continue
        result = subprocess.run(
            step.command,
            shell=True,
            cwd=copy,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
            check=False,
        )
        expected = "\n".join(step.expected)
        if not matches(expected, result.stdout):
            pytest.fail(
                f"{shown}:{step.line}: `{step.command}` printed\n{result.stdout}\n"
                f"where the page shows\n{expected}"
            )


def _append_examples(step: Append, copy: Path) -> None:
    # Only the source page's own integration is needed to find its examples.
    name = re.search(r"^integration: (\w+)$", step.source.read_text(), re.MULTILINE)
    assert name, f"{step.source} names no integration"
    integration = importlib.import_module(f"integrations.webhooks.{name.group(1)}").integration
    doc = parse_file(step.source, Registry([integration]))
    lines = step.source.read_text().splitlines()
    with (copy / step.target).open("a") as handle:
        for example_id in step.ids:
            example = next(example for example in doc.examples if example.id == example_id)
            handle.write("\n" + "\n".join(lines[example.line - 1 : example.end_line]) + "\n")


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=lambda page: page.name)
def test_guide_pages_have_no_untested_code_blocks(page: Path) -> None:
    untested = []
    for token in markdown_parser().parse(page.read_text()):
        if token.type not in ("fence", "colon_fence") or token.map is None:
            continue
        info = token.info.strip()
        language = info.split()[0] if info else ""
        if language == "console" or language.startswith("{"):
            continue
        if (page.name, language) in ALLOWED_PLAIN_BLOCKS:
            continue
        untested.append(f"{page.relative_to(ROOT)}:{token.map[0] + 1}: a ```{language} block")
    assert not untested, "code blocks neither run nor included from tested code:\n" + "\n".join(
        untested
    )
