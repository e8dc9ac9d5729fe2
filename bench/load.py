"""A small HTTP/1.1 load generator on loopback: keep-alive connections, asyncio, one process.

Two modes:

* closed loop (``--connections N``): each connection sends its next request
  when the previous answer arrives; gives the most a server can take;
* open loop (``--rate R``): requests are due at a fixed rate whatever the
  answers do; latency is counted from when a request was due, not when it
  could be sent, so a stalled server shows in the figures.

Each request carries a fresh ``X-GitHub-Delivery`` so a gateway stores every
one. Prints one JSON object: requests, errors, statuses, seconds, rate,
p50 and p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit


def request_bytes(target: str, host: str, body: bytes, headers: dict[str, str]) -> bytes:
    lines = [f"POST {target} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines += [f"X-GitHub-Delivery: {uuid.uuid4()}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, data: bytes) -> int:
    writer.write(data)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def run(
    url: str,
    body: bytes,
    headers: dict[str, str],
    connections: int,
    duration: float,
    rate: float | None,
) -> dict[str, object]:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors = 0
    start = time.perf_counter()
    deadline = start + duration
    interval = 1.0 / rate if rate else 0.0
    next_slot = [start]

    def due() -> float | None:
        """The next request's due time in open-loop mode, shared by all connections."""
        slot = next_slot[0]
        if slot >= deadline:
            return None
        next_slot[0] = slot + interval
        return slot

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while True:
                if rate:
                    when = due()
                    if when is None:
                        return
                    wait = when - time.perf_counter()
                    if wait > 0:
                        await asyncio.sleep(wait)
                else:
                    when = time.perf_counter()
                    if when >= deadline:
                        return
                data = request_bytes(target, f"{host}:{port}", body, headers)
                try:
                    status = await exchange(reader, writer, data)
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    continue
                latencies.append(time.perf_counter() - when)
                statuses[status] += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.perf_counter() - start
    latencies.sort()

    def percentile(share: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "errors": errors,
        "statuses": {str(key): value for key, value in statuses.items()},
        "seconds": round(elapsed, 2),
        "rate": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(0.50), 2),
        "p99_ms": round(percentile(0.99), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("url")
    parser.add_argument("--body", type=Path, required=True)
    parser.add_argument("--header", action="append", default=[], metavar="NAME: VALUE")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--rate", type=float, help="requests per second (open loop)")
    arguments = parser.parse_args()
    headers = dict(item.split(": ", 1) for item in arguments.header)
    result = asyncio.run(
        run(arguments.url, arguments.body.read_bytes(), headers, arguments.connections,
            arguments.duration, arguments.rate)
    )  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
