"""A missing tool skips its tests with one line saying what to install; in CI it fails them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.tools import REQUIRE_VARIABLE, TOOLS

ROOT = Path(__file__).resolve().parents[1]

USES_SVN = """
import pytest

pytestmark = pytest.mark.tools("svn")


def test_commits() -> None:
    pass
"""

USES_GIT = """
import pytest

from tests.tools import require


def test_pushes() -> None:
    assert require("git").name == "git"
"""

GIT_PAGE = """\
---
integration: git
---
# Git

:::{script-example} The first push
:name: first-push

```console
$ git commit -q --allow-empty -m "Start"
$ git push -q origin main
```

```zulip commits > project / main
**alice** created branch `main`.
```
:::
"""


@pytest.fixture
def run_pytest(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A project of test files whose pytest loads the plugin, as the top-level conftest does."""
    pytester.makeconftest('pytest_plugins = ["tests.tools"]\n')
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.delenv(REQUIRE_VARIABLE, raising=False)
    return pytester


def without_programs(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH that holds no tools at all."""
    empty = pytester.mkdir("empty-bin")
    monkeypatch.setenv("PATH", str(empty))


def test_a_missing_tool_skips_with_what_to_install(
    run_pytest: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_pytest.makepyfile(test_svn=USES_SVN)
    without_programs(run_pytest, monkeypatch)
    result = run_pytest.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(
        [
            "tools checked: none; missing, their tests skipped: svn: apt-get install subversion*",
            "SKIPPED * svn is missing (svn, svnadmin, svnlook not found):"
            " apt-get install subversion / brew install subversion",
        ]
    )
    assert "FileNotFoundError" not in result.stdout.str()


def test_in_ci_a_missing_tool_fails(
    run_pytest: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_pytest.makepyfile(test_svn=USES_SVN)
    without_programs(run_pytest, monkeypatch)
    monkeypatch.setenv(REQUIRE_VARIABLE, "1")
    result = run_pytest.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            f"*svn is missing (svn, svnadmin, svnlook not found) and {REQUIRE_VARIABLE} is set:"
            " apt-get install subversion*",
            f"tools checked ({REQUIRE_VARIABLE}=1, a missing one fails): none;"
            " missing, their tests failed: svn*",
        ]
    )


@pytest.mark.tools("git")
@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one process", "xdist"])
def test_the_last_line_names_the_tools_checked_in_every_process(
    run_pytest: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, workers: list[str]
) -> None:
    run_pytest.makepyfile(test_git=USES_GIT)
    monkeypatch.setenv(REQUIRE_VARIABLE, "1")
    result = run_pytest.runpytest_subprocess("-p", "no:cacheprovider", *workers)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"tools checked ({REQUIRE_VARIABLE}=1, a missing one fails): git"])


def test_a_script_example_needs_the_tool_of_its_page(
    run_pytest: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_pytest.makeconftest(
        'pytest_plugins = ["integrations.examples.pytest_plugin", "tests.tools"]\n'
    )
    (run_pytest.path / "git.md").write_text(GIT_PAGE)
    without_programs(run_pytest, monkeypatch)
    result = run_pytest.runpytest_subprocess("-p", "no:cacheprovider", "-rs", "git.md")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED * git is missing (git not found): apt-get install git*"])


def _install_lines(text: str) -> tuple[str, str]:
    debian = re.search(r"^sudo apt-get install ([^#\n]+)", text, re.MULTILINE)
    mac = re.search(r"^brew install ([^#\n]+)", text, re.MULTILINE)
    assert debian, "the README has no apt-get install line"
    assert mac, "the README has no brew install line"
    return debian.group(1), mac.group(1)


def test_the_readme_installs_every_tool() -> None:
    debian, mac = _install_lines((ROOT / "README.md").read_text())
    for name, tool in TOOLS.items():
        assert set(tool.debian.split()) <= set(debian.split()), name
        if tool.homebrew:
            assert tool.homebrew in mac, name


def test_ci_installs_every_tool_and_requires_them() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    listed = re.search(r"^packages=\(([^)]*)\)", script, re.MULTILINE)
    assert listed
    installed = {*listed.group(1).split(), *re.findall(r"\|\| missing\+=\((\S+)\)", script)}
    for name, tool in TOOLS.items():
        assert set(tool.debian.split()) <= installed, name
    assert re.search(rf"^{REQUIRE_VARIABLE}=1 make test$", script, re.MULTILINE)
