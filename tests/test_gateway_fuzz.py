"""Ten thousand malformed requests, built from the doc examples, against a gateway process.

Each request is one of the docs' genuine examples, broken in one way: cut
short, bytes that are not UTF-8, nesting thousands deep, numbers thousands
of digits long, values of the wrong type, the wrong content type, an odd
method, huge or broken headers, chunked bodies (good and bad), or a client
too slow to finish. The gateway must answer every one with JSON and a 4xx
or a 2xx (never a 5xx), stay up, and keep its memory bounded.
"""

from __future__ import annotations

import json
import random
import socket
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integrations.core.registry import default_registry
from integrations.examples.parse import parse_file
from integrations.examples.run import request_for, webhook_of
from integrations.testing.zulip_standin import DEFAULT_API_KEY
from tests.doc_examples import DOCS
from tests.gateway_support import GatewayProcess, StandinProcess, process_memory_kib

REQUESTS = 10_000
SEED = 20261206


@dataclass(frozen=True)
class Genuine:
    integration: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class Broken:
    how: str
    raw: bytes
    slow: bool = False


def genuine_requests() -> list[Genuine]:
    registry = default_registry()
    found = []
    for page in sorted((DOCS / "integrations").glob("*.md")):
        for example in parse_file(page, registry).examples:
            integration = webhook_of(example, registry)
            request = request_for(example, integration)
            found.append(Genuine(integration.name, tuple(request.headers.items()), request.body))
    return found


def http(
    method: str,
    target: str,
    headers: list[tuple[str, str]],
    body: bytes,
    *,
    length: bool = True,
) -> bytes:
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers if name.lower() != "content-length"]
    if length:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def target_of(integration: str) -> str:
    return f"/api/v1/external/{integration}?api_key={DEFAULT_API_KEY}&stream=fuzz"


def _replace_a_value(value: Any, rng: random.Random) -> Any:
    """The JSON with one value, somewhere, of another type."""
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        return {**value, key: _replace_a_value(value[key], rng)}
    if isinstance(value, list) and value:
        index = rng.randrange(len(value))
        return [*value[:index], _replace_a_value(value[index], rng), *value[index + 1 :]]
    return rng.choice([None, 0, -1, 1.5, True, "", "x" * 300, [], {}, [None], {"": None}])


def _chunked(body: bytes, rng: random.Random, *, broken: bool) -> bytes:
    chunks = []
    position = 0
    while position < len(body):
        size = rng.randint(1, 400)
        piece = body[position : position + size]
        chunks.append(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        position += size
    if broken:
        cut = rng.choice(["size", "end", "junk"])
        if cut == "size":
            chunks.append(b"zz\r\nnope\r\n")
        elif cut == "junk":
            chunks.insert(0, b"ffffffffffffffffff\r\n")
        return b"".join(chunks)
    return b"".join(chunks) + b"0\r\n\r\n"


def mutations(seed: Genuine, rng: random.Random) -> Iterator[Callable[[], Broken]]:
    headers = [(name, value) for name, value in seed.headers]
    target = target_of(seed.integration)
    body = seed.body

    def truncated() -> Broken:
        cut = rng.randrange(max(1, len(body)))
        return Broken("truncated", http("POST", target, headers, body[:cut]))

    def not_utf8() -> Broken:
        spot = rng.randrange(max(1, len(body)))
        bad = body[:spot] + rng.choice([b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\x80"])
        return Broken("not UTF-8", http("POST", target, headers, bad + body[spot:]))

    def deep() -> Broken:
        depth = rng.choice([1_000, 10_000, 100_000])
        opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}")])
        return Broken(
            "deep nesting", http("POST", target, headers, opener * depth + closer * depth)
        )

    def huge_number() -> Broken:
        digits = rng.choice([4_301, 10_000, 100_000])
        number = b"-" * rng.randint(0, 1) + b"9" * digits + rng.choice([b"", b".5", b"e99999"])
        try:
            document = json.loads(body)
        except ValueError:
            document = {}
        if isinstance(document, dict) and document:
            key = rng.choice(list(document))
            text = json.dumps({**document, key: "__N__"}).encode()
            return Broken(
                "huge number", http("POST", target, headers, text.replace(b'"__N__"', number))
            )
        return Broken("huge number", http("POST", target, headers, number))

    def wrong_type() -> Broken:
        try:
            document = json.loads(body)
        except ValueError:
            return truncated()
        changed = json.dumps(_replace_a_value(document, rng)).encode()
        return Broken("wrong type", http("POST", target, headers, changed))

    def wrong_content_type() -> Broken:
        kind = rng.choice(
            ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
             "application/xml", "", "application/json; charset=latin-1", "\x01"]
        )  # fmt: skip
        others = [(name, value) for name, value in headers if name.lower() != "content-type"]
        payload = rng.choice([body, b"payload=" + body[:200], b"<xml/>", b"a=1&b=%zz"])
        return Broken(
            "content type", http("POST", target, [*others, ("Content-Type", kind)], payload)
        )

    def odd_method() -> Broken:
        method = rng.choice(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "HEAD"])
        return Broken("method", http(method, target, headers, body))

    def huge_header() -> Broken:
        size = rng.choice([9_000, 17_000, 70_000])
        return Broken("huge header", http("POST", target, [*headers, ("X-Big", "a" * size)], body))

    def broken_head() -> Broken:
        raw = rng.choice(
            [b"POST\r\n\r\n", b"\x00\x01\x02 / HTTP/1.1\r\n\r\n",
             f"POST {target} HTTP/9.9\r\n\r\n".encode(),
             f"POST {target}\r\nHost x\r\n\r\n".encode(),
             http("POST", target + "/" + "%" * 10, headers, body),
             http("POST", "/" + "a" * 9_000, headers, body),
             f"POST {target} HTTP/1.1\r\nContent-Length: -5\r\n\r\n".encode(),
             f"POST {target} HTTP/1.1\r\nContent-Length: 12x\r\n\r\n".encode(),
             f"POST {target} HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Length: 2\r\n\r\n{{}}".encode()]
        )  # fmt: skip
        return Broken("broken head", raw)

    def chunked() -> Broken:
        broken = rng.random() < 0.5
        framed = _chunked(body, rng, broken=broken)
        raw = http(
            "POST", target, [*headers, ("Transfer-Encoding", "chunked")], framed, length=False
        )
        return Broken("chunked" + (" broken" if broken else ""), raw)

    def too_large() -> Broken:
        big = b'{"a": "' + b"x" * (1 << 20) + b'"}'
        return Broken("too large", http("POST", target, headers, big, length=rng.random() < 0.5))

    def lying_length() -> Broken:
        raw = http("POST", target, headers, body, length=False)
        head, _, rest = raw.partition(b"\r\n\r\n")
        return Broken(
            "short body",
            head + f"\r\nContent-Length: {len(body) + 50}".encode() + b"\r\n\r\n" + rest,
            slow=True,
        )

    yield from (
        truncated,
        not_utf8,
        deep,
        huge_number,
        wrong_type,
        wrong_content_type,
        odd_method,
        huge_header,
        broken_head,
        chunked,
    )
    if rng.random() < 0.02:
        yield too_large
    if rng.random() < 0.003:
        yield lying_length


def build_corpus(count: int) -> list[Broken]:
    rng = random.Random(SEED)
    seeds = genuine_requests()
    corpus: list[Broken] = []
    while len(corpus) < count:
        seed = rng.choice(seeds)
        for mutate in mutations(seed, rng):
            corpus.append(mutate())
    return corpus[:count]


def send(port: int, broken: Broken) -> tuple[int, bool]:
    """The status and whether the answer was JSON; status 0: closed without one."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        try:
            connection.sendall(broken.raw)
            if not broken.slow:
                connection.shutdown(socket.SHUT_WR)
        except OSError:  # refused mid-send: the answer may already be there
            pass
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except OSError:
            pass
    if not answer:
        return 0, True
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else -1
    body = answer.partition(b"\r\n\r\n")[2]
    try:
        is_json = isinstance(json.loads(body), dict) if body else status == 200
    except ValueError:
        is_json = False
    return status, is_json


def test_ten_thousand_malformed_requests_get_json_answers_and_no_5xx(
    tmp_path: Path, standin_process: StandinProcess
) -> None:
    corpus = build_corpus(REQUESTS)
    gateway = GatewayProcess(tmp_path / "gateway", standin_process.site)
    gateway.settings["limits"] = {"header_timeout": 1.0}
    gateway.start()
    try:
        assert gateway.process is not None
        pid = gateway.process.pid
        statuses: Counter[int] = Counter()
        not_json: Counter[str] = Counter()
        by_kind: Counter[tuple[str, int]] = Counter()
        with ThreadPoolExecutor(max_workers=16) as pool:
            warm = list(pool.map(lambda b: send(gateway.port, b), corpus[:2_000]))
            memory_warm = process_memory_kib(pid)
            rest = list(pool.map(lambda b: send(gateway.port, b), corpus[2_000:]))
        memory_end = process_memory_kib(pid)
        for broken, (status, is_json) in zip(corpus, warm + rest, strict=True):
            statuses[status] += 1
            by_kind[(broken.how, status)] += 1
            if not is_json:
                not_json[broken.how] += 1
        print(f"{len(corpus)} malformed requests: statuses {dict(sorted(statuses.items()))}")
        print(f"memory: {memory_warm} KiB after 2,000, {memory_end} KiB after {len(corpus)}")
        assert gateway.process.poll() is None, "the gateway died"
        server_errors = {key: n for key, n in by_kind.items() if key[1] >= 500 or key[1] < 0}
        assert not server_errors, server_errors
        # Only a client still sending a refused body may miss the answer (the
        # connection is closed on it).
        unanswered = {key: n for key, n in by_kind.items() if key[1] == 0}
        assert {how for how, _ in unanswered} <= {"too large"}, unanswered
        assert not not_json, f"answers that are not JSON: {dict(not_json)}"
        assert memory_end - memory_warm < 60_000, "memory kept growing"
        assert memory_end < 400_000
        assert gateway.health()["result"] == "success"
    finally:
        gateway.kill()
