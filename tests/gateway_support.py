"""Real processes for the gateway's tests: the Zulip stand-in, gateways, a PostgreSQL server.

Everything listens on 127.0.0.1 only and is stopped by the fixture that
started it. The gateway is started as a user starts it (``python -m
integrations serve --config FILE``), so these tests cover the command, the
server and the outbox together.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from integrations.testing.zulip_standin import DEFAULT_API_KEY, DEFAULT_EMAIL
from tests.tools import require

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until(check: Any, *, timeout: float, step: float = 0.05, what: str = "") -> None:
    """Poll ``check()`` until it is true; fail saying ``what`` did not happen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(step)
    raise AssertionError(f"not within {timeout} s: {what}")


class StandinProcess:
    """``python -m integrations.testing.zulip_standin`` in a process of its own."""

    def __init__(self, channels: Sequence[str] = ()) -> None:
        self.port = free_port()
        self.site = f"http://{HOST}:{self.port}"
        command = [sys.executable, "-m", "integrations.testing.zulip_standin"]
        command += ["--port", str(self.port)]
        for channel in channels:
            command += ["--channel", channel]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        assert first.startswith("zulip stand-in at"), first

    def messages(self) -> list[dict[str, Any]]:
        answer = requests.get(f"{self.site}/_standin/messages", timeout=5).json()
        assert answer["invalid_requests"] == 0, "the gateway sent a request Zulip would refuse"
        listed: list[dict[str, Any]] = answer["messages"]
        return listed

    def fault(self, mode: str, *, times: int = 1, seconds: float = 1.0) -> None:
        body = {"mode": mode, "times": times, "seconds": seconds}
        requests.post(f"{self.site}/_standin/fault", json=body, timeout=5).raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@dataclass
class GatewayProcess:
    """One ``integrations serve`` process, its settings and its log."""

    workdir: Path
    zulip_site: str
    database: str = ""
    port: int = field(default_factory=free_port)
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    environ: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log = self.workdir / f"gateway-{self.port}.log"
        self.config = self.workdir / f"gateway-{self.port}.toml"

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, name: str, **query: str) -> str:
        parameters = {"api_key": DEFAULT_API_KEY, "stream": "test", **query}
        text = "&".join(f"{key}={value}" for key, value in parameters.items())
        return f"{self.base}/api/v1/external/{name}?{text}"

    def write_config(self) -> None:
        sections: dict[str, dict[str, Any]] = {
            "server": {"port": self.port},
            "zulip": {"site": self.zulip_site, "email": DEFAULT_EMAIL, "api_key": DEFAULT_API_KEY},
            "outbox": {"data_dir": str(self.workdir / "data"), "synchronous": "NORMAL"},
            # Short waits, so that faults play out within a test's time; but a doubt
            # delay long enough that a stand-in slowed by a loaded machine (the suite,
            # PostgreSQL and the gateways share two cores) stores a message before the
            # sender looks: these tests stay out of the documented window, which
            # test_gateway_sender covers.
            "delivery": {"timeout": 1.0, "doubt_delay": 3.0, "max_delay": 1.0},
            "limits": {"header_timeout": 2.0, "graceful_shutdown_timeout": 10.0},
        }
        if self.database:
            sections["outbox"]["database"] = self.database
        for name, values in self.settings.items():
            sections.setdefault(name, {}).update(values)
        self.config.write_text(_toml(sections))

    def start(self) -> GatewayProcess:
        self.write_config()
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("ZULIP_", "GATEWAY_"))
        }
        environment.update(self.environ)
        environment["HOME"] = str(self.workdir)  # no ~/.zuliprc of the machine's user
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "integrations", "serve", "--config", str(self.config)],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                env=environment,
            )
        wait_until(self._healthy, timeout=30, what=f"the gateway on {self.port} started")
        return self

    def _healthy(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"the gateway exited:\n{self.log_text()}")
        try:
            return requests.get(f"{self.base}/healthz", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def health(self) -> dict[str, Any]:
        answer: dict[str, Any] = requests.get(f"{self.base}/healthz", timeout=5).json()
        return answer

    def metrics(self) -> dict[str, float]:
        """The metrics page's samples, by name with labels."""
        text = requests.get(f"{self.base}/metrics", timeout=5).text
        samples = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                samples[name] = float(value)
        return samples

    def stop(self) -> int:
        """SIGTERM, as systemd stops a service; returns the exit status."""
        if self.process is None:
            return 0
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=30)
        self.process = None
        return status

    def kill(self) -> None:
        """SIGKILL: no chance to finish anything."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _toml(sections: dict[str, dict[str, Any]]) -> str:
    lines = []
    for name, values in sections.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in values.items()]
        lines.append("")
    return "\n".join(lines)


def post_json(url: str, body: Any, headers: dict[str, str] | None = None) -> requests.Response:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    given = {"Content-Type": "application/json", **(headers or {})}
    return requests.post(url, data=data, headers=given, timeout=10)


def article(n: int | str) -> dict[str, str]:
    return {"featured_title": f"Article {n}", "featured_url": f"https://example.org/{n}"}


def delivered_titles(standin: StandinProcess) -> list[str]:
    """The article of each message Zulip holds, in the order they arrived."""
    titles = []
    for message in standin.messages():
        start = message["content"].index("[") + 1
        titles.append(message["content"][start : message["content"].index("]", start)])
    return titles


def wait_for_messages(standin: StandinProcess, count: int, timeout: float = 30) -> None:
    def arrived() -> bool:
        try:
            return len(standin.messages()) >= count
        except requests.ConnectionError:  # the stand-in is down for the test's fault
            return False

    wait_until(arrived, timeout=timeout, what=f"{count} messages in Zulip")


def process_memory_kib(pid: int) -> int:
    """The resident set of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


# PostgreSQL --------------------------------------------------------------------------


class PostgresServer:
    """A throwaway PostgreSQL cluster in a temporary folder, on loopback, with trust auth.

    PostgreSQL refuses to run as root; when the tests are root (as in CI),
    the cluster belongs to Debian's ``postgres`` user.
    """

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="gateway-pg-"))
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = (
            f"-c listen_addresses={HOST} -c port={self.port}"
            f" -c unix_socket_directories={self.folder} -c max_connections=200"
            " -c fsync=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options,
            "-w", "start",
        )  # fmt: skip
        self.admin_url = f"postgresql://postgres@{HOST}:{self.port}/postgres"

    def _run(self, program: str, *arguments: str) -> None:
        command: Sequence[str] = [str(self.bin / program), *arguments]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def new_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@{HOST}:{self.port}/{name}"

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    # The server's programs (Debian keeps them off PATH); skipped or failed without them.
    server = PostgresServer(require("postgresql").parent)
    try:
        yield server
    finally:
        server.stop()
