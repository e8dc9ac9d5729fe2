"""The programs the tests drive for real, and what happens when one is missing.

``require("svn")`` gives the path of a tool's program. When the tool is not
installed, the test is skipped with one line saying how to install it; when
``INTEGRATIONS_REQUIRE_TOOLS=1`` is set (``.ci/run`` sets it), it fails
instead, because CI must run every test. A test module that drives a tool
says so once, ``pytestmark = pytest.mark.tools("svn")``; the documentation's
script examples are checked by the tool of their integration. The run ends
with one line naming the tools checked.

Loaded as a plugin by the top-level ``conftest.py``, so that the examples
under ``docs/`` are covered as well as ``tests/``.
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REQUIRE_VARIABLE = "INTEGRATIONS_REQUIRE_TOOLS"
# The key of what each xdist worker checked, sent to the controller at its end.
WORKER_OUTPUT_KEY = "integrations_tools"


def _requests_in_hg_python(hg: Path) -> str | None:
    """Mercurial loads the hook into its own Python, which needs requests."""
    asked = subprocess.run(
        [str(hg), "debuginstall", "-T", "{pythonexe}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "HGPLAIN": "1"},
    )
    python = asked.stdout.strip()
    if asked.returncode != 0 or not python:
        return "hg debuginstall does not name Mercurial's Python"
    imported = subprocess.run(
        [python, "-c", "import requests"], capture_output=True, check=False, timeout=60
    )
    return None if imported.returncode == 0 else f"Mercurial's Python ({python}) lacks requests"


@dataclass(frozen=True)
class Tool:
    """A tool: the programs that must all be found, and how to install them."""

    programs: tuple[str, ...]
    debian: str  # the Debian/Ubuntu packages
    homebrew: str | None  # the Homebrew formulae (macOS), None where macOS has no such tool
    # Folders searched before PATH, for packages that keep their programs off it.
    folders: tuple[str, ...] = ()
    check: Callable[[Path], str | None] | None = None  # another condition, given the first program

    @property
    def install(self) -> str:
        mac = f"brew install {self.homebrew}" if self.homebrew else "not available on macOS"
        return f"apt-get install {self.debian} / {mac}"


TOOLS: dict[str, Tool] = {
    "git": Tool(("git",), debian="git", homebrew="git"),
    "svn": Tool(("svn", "svnadmin", "svnlook"), debian="subversion", homebrew="subversion"),
    "hg": Tool(
        ("hg",),
        debian="mercurial python3-requests",
        homebrew="mercurial",
        check=_requests_in_hg_python,
    ),
    "curl": Tool(("curl",), debian="curl", homebrew="curl"),
    # Debian's package name; Ubuntu's is chromium-browser.
    "chromium": Tool(
        ("chromium",),
        debian="chromium",
        homebrew="--cask chromium",
        folders=("/Applications/Chromium.app/Contents/MacOS",),
    ),
    "postgresql": Tool(
        ("pg_ctl", "initdb"),
        debian="postgresql",
        homebrew="postgresql@17",
        folders=(
            "/usr/lib/postgresql/*/bin",
            "/opt/homebrew/opt/postgresql@*/bin",
            "/usr/local/opt/postgresql@*/bin",
        ),
    ),
    "systemd-analyze": Tool(("systemd-analyze",), debian="systemd", homebrew=None),
    # The real Hubot, from npm, and the Hubot adapter's own JavaScript tests.
    "node": Tool(("node", "npm"), debian="nodejs npm", homebrew="node"),
}

# The tools a script example runs, by the integration of its page.
SCRIPT_EXAMPLE_TOOLS: dict[str, tuple[str, ...]] = {
    "git": ("git",),
    "svn": ("svn",),
    "hg": ("hg",),
    "jenkins_pipeline": ("git",),
    "hubot": ("node",),
}


def tools_required() -> bool:
    return os.environ.get(REQUIRE_VARIABLE, "") not in ("", "0")


def _find(program: str, folders: tuple[str, ...]) -> Path | None:
    # Newest version first where a folder pattern matches several (PostgreSQL's).
    for pattern in folders:
        for folder in sorted(glob.glob(pattern), reverse=True):
            if os.access(Path(folder) / program, os.X_OK):
                return Path(folder) / program
    found = shutil.which(program)
    if found is None and program == "chromium":
        found = shutil.which("chromium-browser")
    return Path(found) if found else None


@functools.cache
def locate(name: str) -> tuple[Path | None, str]:
    """The first program of tool ``name``, or None and why it is unusable."""
    tool = TOOLS[name]
    found = [_find(program, tool.folders) for program in tool.programs]
    missing = [program for program, path in zip(tool.programs, found, strict=True) if not path]
    if missing:
        return None, f"{', '.join(missing)} not found"
    first = found[0]
    assert first is not None
    problem = tool.check(first) if tool.check else None
    return (None, problem) if problem else (first, "")


_checked: dict[str, bool] = {}  # tool: found, in this process


def require(name: str) -> Path:
    """The path of tool ``name``'s first program; skip or, in CI, fail the test without it."""
    path, problem = locate(name)
    _checked[name] = path is not None
    if path is not None:
        return path
    install = TOOLS[name].install
    if tools_required():
        pytest.fail(
            f"{name} is missing ({problem}) and {REQUIRE_VARIABLE} is set: {install}",
            pytrace=False,
        )
    pytest.skip(f"{name} is missing ({problem}): {install}")


# The plugin ---------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "tools(*names): the test drives these tools (see tests/tools.py)"
    )
    config.pluginmanager.register(ToolSummary(config), "integrations-tools")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture starts a tool: the item's marked tools, or its script example's."""
    names = [name for mark in item.iter_markers("tools") for name in mark.args]
    example = getattr(item, "example", None)
    names += SCRIPT_EXAMPLE_TOOLS.get(getattr(example, "integration", ""), ())
    for name in dict.fromkeys(names):
        require(name)


class ToolSummary:
    """The run's last line about tools: which were checked, and which were missing."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.from_workers: dict[str, bool] = {}

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        for name, found in getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY, {}).items():
            self.from_workers[name] = self.from_workers.get(name, True) and found

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        output = getattr(self.config, "workeroutput", None)
        if output is not None:
            output[WORKER_OUTPUT_KEY] = dict(_checked)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        checked = {**_checked, **self.from_workers}
        required = tools_required()
        if not checked and not required:
            return
        found = ", ".join(sorted(name for name, ok in checked.items() if ok)) or "none"
        if required:
            line = f"tools checked ({REQUIRE_VARIABLE}=1, a missing one fails): {found}"
        else:
            line = f"tools checked: {found}"
        missing = sorted(name for name, ok in checked.items() if not ok)
        if missing:
            hints = "; ".join(f"{name}: {TOOLS[name].install}" for name in missing)
            verb = "failed" if required else "skipped"
            line += f"; missing, their tests {verb}: {hints}"
        terminalreporter.write_line(line)
