"""(c) The gateway against a bare Starlette endpoint on the same server, side by side.

Both run as their own uvicorn process on loopback, with the gateway's HTTP
protocol; a load generator process (``bench/load.py``) posts a real GitHub
push payload, each with a fresh delivery id. Zulip is unreachable (the
gateway's Zulip is a closed port), so every webhook the gateway
acknowledges was processed by its integration and committed to the outbox
with the fsync setting shown; acknowledgement never waits on Zulip.

Two measures, alternating the two servers each round:

* throughput: 16 connections in a closed loop, as fast as each server goes;
* latency: an open loop at a fixed rate (500 requests per second).
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PAYLOAD = ROOT / "integrations/webhooks/github/fixtures/push__1_commit.json"
KEY = "0123456789abcdef0123456789abcdef"
HEADERS = ["Content-Type: application/json", "X-GitHub-Event: push"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server on {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing listens on {port} after 30 s")


@contextmanager
def _server(command: list[str], port: int, log: Path) -> Iterator[None]:
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_up(port, process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def _load(url: str, **options: float) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.load", url, "--body", str(PAYLOAD)]
    for header in HEADERS:
        command += ["--header", header]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    measured: dict[str, float] = json.loads(result.stdout)
    return measured


def _gateway_config(work: Path, port: int, synchronous: str) -> Path:
    closed = _free_port()  # nothing listens there: Zulip is unreachable
    config = work / "gateway.toml"
    config.write_text(
        f"[server]\nport = {port}\n"
        f'[zulip]\nsite = "http://127.0.0.1:{closed}"\nemail = "bench-bot@example.com"\n'
        f'api_key = "{KEY}"\n'
        f'[outbox]\ndata_dir = "{work / "data"}"\nsynchronous = "{synchronous}"\n'
        "[limits]\nmax_concurrent_requests = 256\n"
        # Zulip is down all along: retries should not compete for the CPU.
        "[delivery]\nmax_delay = 300.0\nconcurrency = 1\n"
    )
    return config


def run(work: Path, *, rounds: int, seconds: float, rate: float, synchronous: str) -> None:
    work.mkdir(parents=True, exist_ok=True)
    gateway_port, bare_port = _free_port(), _free_port()
    config = _gateway_config(work, gateway_port, synchronous)
    gateway = [sys.executable, "-m", "integrations", "serve", "--config", str(config),
               "--log-level", "warning"]  # fmt: skip
    bare = [sys.executable, "-m", "bench.bare", "--port", str(bare_port)]
    path = f"/api/v1/external/github?api_key={KEY}&stream=bench"
    urls = {"gateway": f"http://127.0.0.1:{gateway_port}{path}",
            "bare": f"http://127.0.0.1:{bare_port}{path}"}  # fmt: skip
    results: dict[str, dict[str, list[float]]] = {
        name: {"rate": [], "p50": [], "p99": []} for name in urls
    }
    with (
        _server(gateway, gateway_port, work / "gateway.log"),
        _server(bare, bare_port, work / "bare.log"),
    ):
        for url in urls.values():  # warm up both
            _load(url, connections=4, duration=2)
        for _ in range(rounds):
            for name, url in urls.items():
                closed = _load(url, connections=16, duration=seconds)
                opened = _load(url, connections=32, duration=seconds, rate=rate)
                _check(name, closed)
                _check(name, opened)
                results[name]["rate"].append(closed["rate"])
                results[name]["p50"].append(opened["p50_ms"])
                results[name]["p99"].append(opened["p99_ms"])
        health = requests.get(f"http://127.0.0.1:{gateway_port}/healthz", timeout=5).json()
    median = {name: {k: statistics.median(v) for k, v in m.items()} for name, m in results.items()}
    ratio = median["gateway"]["rate"] / median["bare"]["rate"]
    print(
        f"(c) gateway vs bare Starlette endpoint, same uvicorn server, synchronous={synchronous}:"
        f"\n    throughput (16 connections): {median['gateway']['rate']:.0f} vs"
        f" {median['bare']['rate']:.0f} webhooks/s  ->  {ratio:.2f}x"
        f"   (medians of {rounds}; gateway {results['gateway']['rate']},"
        f" bare {results['bare']['rate']})"
        f"\n    latency at {rate:.0f}/s: gateway p50 {median['gateway']['p50']:.1f} ms,"
        f" p99 {median['gateway']['p99']:.1f} ms; bare p50 {median['bare']['p50']:.1f} ms,"
        f" p99 {median['bare']['p99']:.1f} ms"
        f"\n    the gateway's outbox after the run: {health['outbox_depth']} messages waiting"
        " for an unreachable Zulip",
        flush=True,
    )


def _check(name: str, measured: dict[str, float]) -> None:
    statuses = measured["statuses"]
    assert isinstance(statuses, dict)
    if set(statuses) != {"200"} or measured["errors"]:
        sys.exit(f"{name}: not every answer was a 200: {measured}")
