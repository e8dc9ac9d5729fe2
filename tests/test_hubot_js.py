"""The Hubot adapter's JavaScript: ESLint finds nothing, and its own ``node --test`` tests pass.

Both run from the plugin's ``node_modules``, which ``npm ci`` fills from the
lock file when it is missing, so ``make test`` fails on a lint error.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import integrations
from integrations.core import PluginIntegration, default_registry
from integrations.plugins.hubot import sandbox
from integrations.plugins.hubot.sandbox import PLUGIN, SetupError

pytestmark = pytest.mark.tools("node")


@pytest.fixture(scope="module")
def node_modules() -> Path:
    try:
        return sandbox.dev_dependencies()
    except SetupError as error:
        pytest.fail(str(error), pytrace=False)


def run(command: list[str], *, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=PLUGIN,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def eslint(
    node_modules: Path, *arguments: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node is not None
    return run([node, str(node_modules / "eslint" / "bin" / "eslint.js"), *arguments], stdin=stdin)


def test_eslint_finds_nothing(node_modules: Path) -> None:
    done = eslint(node_modules, "--max-warnings", "0", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_eslint_would_say_so(node_modules: Path) -> None:
    """The configuration applies to the adapter's files: a mistake there is reported."""
    mistake = "export function f (a) {\n  const b = 1\n  return a == undefinedName\n}\n"
    done = eslint(node_modules, "--stdin", "--stdin-filename", "src/mistake.mjs", stdin=mistake)
    assert done.returncode == 1
    for rule in ("no-unused-vars", "eqeqeq", "no-undef"):
        assert rule in done.stdout, done.stdout


def test_the_adapters_own_tests_pass(
    node_modules: Path, record_property: Callable[[str, object], None]
) -> None:
    node = shutil.which("node")
    assert node is not None
    done = run([node, "--test"])
    counts = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", done.stdout, re.MULTILINE))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr
    assert counts.get("fail") == "0"
    assert int(counts.get("pass", "0")) >= 30, counts
    record_property("node_tests", counts.get("pass"))


def test_the_package_is_the_projects() -> None:
    package = json.loads((PLUGIN / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((PLUGIN / "package-lock.json").read_text(encoding="utf-8"))
    assert package["version"] == integrations.__version__
    assert lock["packages"][""]["version"] == package["version"]
    assert lock["packages"][""]["devDependencies"] == package["devDependencies"]
    assert lock["packages"][""]["dependencies"] == package["dependencies"]
    # The current major version of Hubot, for the bot and for the tests.
    assert package["peerDependencies"]["hubot"] == "^14.0.0"
    assert lock["packages"]["node_modules/hubot"]["version"].startswith("14.")
    # Only the adapter itself is installed into a bot; no build step.
    assert package["files"] == ["src"]
    assert package["exports"] == "./src/index.mjs"
    assert (PLUGIN / "src" / "index.mjs").is_file()
    assert "node_modules/" in (PLUGIN / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_registry_declares_it_as_a_plugin() -> None:
    integration = default_registry().get("hubot")
    assert isinstance(integration, PluginIntegration)
    assert integration.kind == "plugin"
    assert integration.categories == ("bots",)
    for name in integration.files:
        assert (PLUGIN / name).is_file(), name
