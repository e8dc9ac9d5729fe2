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

import contextlib
import html
import importlib
import inspect
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from integrations.core import Registry
from integrations.examples.output import matches
from integrations.examples.parse import markdown_parser, parse_file
from tests.doc_examples import DOCS
from tests.site_build import built_site
from tests.tools import REQUIRE_VARIABLE, TOOLS, require

__all__ = ["built_site"]

ROOT = DOCS.parent
GUIDE = DOCS / "guide"
# Not code: the diagrams of the architecture and gateway pages.
ALLOWED_PLAIN_BLOCKS = {("architecture.md", "text"), ("gateway.md", "text")}
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


def tools_run_by(steps: list[Step]) -> list[str]:
    """The tools of ``tests/tools.py`` a page's commands run, such as curl."""
    words = {
        word for step in steps if isinstance(step, Command)
        for word in re.findall(r"[\w.-]+", step.command)
    }  # fmt: skip
    return [name for name, tool in TOOLS.items() if words & set(tool.programs)]


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
    # pytest prints whole summary lines when CI or BUILD_NUMBER is set, and
    # the tools plugin a line more under CI's INTEGRATIONS_REQUIRE_TOOLS; the
    # pages show what a reader's 80-column terminal prints. (The tools a page
    # runs are required above, before its commands.)
    hidden = {"CI", "BUILD_NUMBER", REQUIRE_VARIABLE}
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTEST_") and key not in hidden
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
    steps = steps_of(page)
    for tool in tools_run_by(steps):
        require(tool)
    copy, env = project_copy
    with _process_group() as group:
        _run_steps(page, steps, copy, env, group)


@contextlib.contextmanager
def _process_group() -> Iterator[int]:
    """A process group for a page's commands, stopped as a whole at the end.

    What a page starts in the background (gateway.md's stand-in and gateway,
    on fixed ports) stops even when a step fails before the page's own
    ``kill``, so the next run finds its ports free.
    """
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(86400)"], process_group=0
    )
    try:
        yield holder.pid
    finally:
        os.killpg(holder.pid, signal.SIGTERM)
        holder.wait(timeout=30)


def _run_steps(page: Path, steps: list[Step], copy: Path, env: dict[str, str], group: int) -> None:
    shown = page.relative_to(ROOT)
    for step in steps:
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
            process_group=group,
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


# The reference page ---------------------------------------------------------------

REFERENCED = [
    "integrations.core.Payload",
    *(
        f"integrations.core.Payload.{reader}"
        for reader in ("string", "integer", "number", "boolean", "array", "object", "exists")
    ),
    "integrations.core.BadPayload",
    *(
        f"integrations.core.{helper}"
        for helper in ("md", "Markdown", "escape", "bold", "italic", "code", "link")
    ),
    *(f"integrations.core.{helper}" for helper in ("bullet_list", "quote", "text_block")),
    "integrations.core.bodies.quoted_body",
    "integrations.core.global_time",
    "integrations.core.Message",
    "integrations.core.Delivery",
]


def _documented(dotted: str) -> object:
    module_name, _, name = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), name)
    except ModuleNotFoundError:  # a method: the class is the module path's last part
        owner_module, _, owner = module_name.rpartition(".")
        return getattr(getattr(importlib.import_module(owner_module), owner), name)


def test_the_reference_is_generated_from_the_docstrings(built_site: Path) -> None:
    page = (built_site / "guide" / "api.html").read_text()
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))
    # Sphinx writes typographic quotes.
    text = text.translate(str.maketrans("\u2019\u201c\u201d", '\'""'))
    # autodoc's output read as Markdown would show its directives as text.
    assert ".. py:" not in text
    assert ".. auto" not in text
    for dotted in REFERENCED:
        assert f'id="{dotted}"' in page, f"{dotted} is not on the reference page"
        docstring = inspect.getdoc(_documented(dotted))
        if docstring:
            first_line = docstring.split("\n\n")[0].replace("``", "").replace("\n", " ")
            assert first_line in text, f"{dotted}: its docstring is not on the page"


def test_what_a_page_leaves_running_is_stopped(tmp_path: Path) -> None:
    pid_file = tmp_path / "server.pid"
    with _process_group() as group:
        subprocess.run(
            f"sleep 300 > /dev/null 2>&1 & echo $! > {pid_file}",
            shell=True,
            check=True,
            process_group=group,
        )
        left_running = int(pid_file.read_text())
        os.kill(left_running, 0)  # running, in the background, after its shell ended
    deadline = time.monotonic() + 10
    while _alive(left_running) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(left_running)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is no longer running; only its parent, gone here, would reap it.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")
