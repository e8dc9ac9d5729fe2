"""The project installed as its users install it, without extras: every command runs.

An operator of the gateway or a user of a hook runs ``pip install`` on the
project, not on its ``docs`` or ``dev`` extras. Here the wheel is built from
the working tree and installed in a fresh virtual environment by pip, from
the package index; then each command runs there as a user runs it. None may
end in a traceback; ``replay``, which reads documentation pages, says in one
line which extra it needs.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from integrations.cli import EXIT_BAD_INPUT, EXIT_OK
from integrations.testing.zulip_standin import DEFAULT_API_KEY, DEFAULT_EMAIL
from tests.gateway_support import HOST, StandinProcess, free_port, wait_until
from tests.site_build import locked

ROOT = Path(__file__).resolve().parents[1]
# What building the wheel reads: the metadata and the package.
WHEEL_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "NOTICE")
DOCS_TOOLING = ("docutils", "myst_parser", "sphinx")
ARTICLE = {"featured_title": "Plain installs", "featured_url": "https://example.org/plain"}


@dataclass(frozen=True)
class PlainInstall:
    bin: Path
    work: Path

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "integrations"), *args],
            cwd=self.work,
            env=env or self.environment(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def environment(self, **extra: str) -> dict[str, str]:
        """No ZULIP_ settings or ~/.zuliprc of the person running the tests."""
        kept = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("ZULIP_", "GATEWAY_", "PYTHON", "VIRTUAL_ENV"))
        }
        return {**kept, "HOME": str(self.work), **extra}


def _pip(python: Path | str, *args: str, cwd: Path) -> None:
    done = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"pip {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


def _install(base: Path) -> None:
    # A copy, so that building writes nothing into the working tree.
    source = base / "source"
    source.mkdir()
    for name in WHEEL_SOURCES:
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "integrations",
        source / "integrations",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    _pip(sys.executable, "wheel", "--no-deps", "--wheel-dir", str(base / "dist"), ".", cwd=source)
    [wheel] = (base / "dist").glob("*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    _pip(venv / "bin" / "python", "install", str(wheel), cwd=base)


@pytest.fixture(scope="session")
def plain(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> PlainInstall:
    """One install per test session; with pytest-xdist the first worker makes it."""
    base = tmp_path_factory.getbasetemp()
    shared = (base if worker_id == "master" else base.parent) / "plain-install"
    shared.mkdir(exist_ok=True)
    with locked(shared / "lock"):
        if not (shared / "installed").exists():
            _install(shared)
            (shared / "installed").touch()
    work = tmp_path_factory.mktemp("plain-work")
    return PlainInstall(shared / "venv" / "bin", work)


def test_the_environment_has_no_extras(plain: PlainInstall) -> None:
    probe = "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) for m in sys.argv[1:]))"
    done = subprocess.run(
        [str(plain.bin / "python"), "-c", probe, *DOCS_TOOLING, "pytest", "psycopg"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, "the plain environment has an extra's packages"


def _no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr


def test_list(plain: PlainInstall) -> None:
    done = plain.run("list")
    _no_traceback(done)
    assert done.returncode == EXIT_OK
    assert any(line.startswith("helloworld ") for line in done.stdout.splitlines())


def test_render(plain: PlainInstall) -> None:
    payload = plain.work / "article.json"
    payload.write_text(json.dumps(ARTICLE))
    done = plain.run("render", "helloworld", str(payload))
    _no_traceback(done)
    assert done.returncode == EXIT_OK
    assert done.stdout.startswith("topic: Featured articles\n")


def test_new(plain: PlainInstall) -> None:
    project = plain.work / "project"
    (project / "integrations" / "webhooks").mkdir(parents=True)
    (project / "docs" / "integrations").mkdir(parents=True)
    payload = plain.work / "order.json"
    payload.write_text(json.dumps({"type": "order.placed", "order": {"title": "Two mugs"}}))
    done = plain.run(
        "new", "shop", "--payload", str(payload), "--event", "order.placed",
        "--event-field", "type", "--root", str(project),
    )  # fmt: skip
    _no_traceback(done)
    assert done.returncode == EXIT_OK, done.stderr
    page = (project / "docs" / "integrations" / "shop.md").read_text()
    assert "Shop sent an `order.placed` event: Two mugs" in page


@pytest.fixture
def standin() -> Iterator[StandinProcess]:
    process = StandinProcess()
    try:
        yield process
    finally:
        process.stop()


def test_serve_delivers_and_outbox_lists(plain: PlainInstall, standin: StandinProcess) -> None:
    port = free_port()
    data = plain.work / "outbox"
    environment = plain.environment(
        ZULIP_SITE=standin.site, ZULIP_EMAIL=DEFAULT_EMAIL, ZULIP_API_KEY=DEFAULT_API_KEY
    )
    log = plain.work / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                str(plain.bin / "integrations"),
                "serve",
                "--port",
                str(port),
                "--data-dir",
                str(data),
            ],
            cwd=plain.work,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://{HOST}:{port}"

    def healthy() -> bool:
        assert server.poll() is None, log.read_text()
        try:
            return requests.get(f"{base}/healthz", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    try:
        wait_until(healthy, timeout=60, what="the plainly installed gateway started")
        answer = requests.post(
            f"{base}/api/v1/external/helloworld?api_key={DEFAULT_API_KEY}&stream=news",
            json=ARTICLE,
            timeout=10,
        )
        assert answer.json()["queued"] is True
        wait_until(lambda: len(standin.messages()) == 1, timeout=30, what="the message in Zulip")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert "Traceback" not in log.read_text()
    [message] = standin.messages()
    assert (message["channel"], message["topic"]) == ("news", "Featured articles")

    listed = plain.run("outbox", "--data-dir", str(data), "list", env=environment)
    _no_traceback(listed)
    assert listed.returncode == EXIT_OK, listed.stderr


def test_replay_names_the_extra_it_needs(plain: PlainInstall) -> None:
    done = plain.run("replay", "helloworld", "--to", "http://127.0.0.1:1")
    _no_traceback(done)
    assert done.returncode == EXIT_BAD_INPUT
    assert done.stderr.splitlines() == [
        "integrations replay needs the docs extra (docutils is not installed):"
        " pip install 'zulip-integrations[docs]'"
    ]
