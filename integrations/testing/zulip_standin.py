"""A stand-in for a Zulip server, for tests and examples: loopback only.

It answers ``POST /api/v1/messages`` the way Zulip does: it checks HTTP basic
auth against the bots it knows, validates every request against Zulip's
published OpenAPI description, records the messages it accepts and answers
with a new message id. It can be told to answer the next requests with a 429
and ``Retry-After``, with a 500, or to go down (its port closes), so tests
can watch a client retry and a hook fail gracefully.

Every request is recorded. A request that does not follow the API gets
Zulip's 400 answer and is recorded as invalid, so a test can check that every
request a hook made was valid::

    with ZulipStandIn() as zulip:
        ...  # run the hook against zulip.site, zulip.email, zulip.api_key
        zulip.assert_all_valid()
        assert zulip.messages[0].topic == "hello / main"
"""

from __future__ import annotations

import base64
import binascii
import json
import socket
import threading
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs

from integrations.testing.openapi import validate_request, validate_response

DEFAULT_EMAIL = "git-bot@example.com"
DEFAULT_API_KEY = "0123456789abcdef0123456789abcdef"
HOST = "127.0.0.1"
# Zulip's own limit on a request body is far larger; this only bounds memory.
MAX_BODY = 1 << 20


@dataclass(frozen=True)
class ReceivedMessage:
    """A channel message the stand-in accepted."""

    id: int
    channel: str
    topic: str
    content: str
    sender: str
    user_agent: str


@dataclass(frozen=True)
class RecordedRequest:
    """One request as it arrived, with the stand-in's verdict and answer."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes
    status: int
    # What was wrong with it against the OpenAPI description; None if valid.
    problem: str | None

    @property
    def valid(self) -> bool:
        return self.problem is None

    @property
    def form(self) -> dict[str, str]:
        """The form fields of the body (the last of repeated ones)."""
        fields = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {key: values[-1] for key, values in fields.items()}


@dataclass(frozen=True)
class ScriptedAnswer:
    status: int
    # A JSON answer, or the text of an HTML page (what a proxy shows).
    body: dict[str, Any] | str
    headers: Mapping[str, str] = field(default_factory=dict)


class ZulipStandIn:
    """A local Zulip server that knows some bots and, optionally, some channels.

    ``bots`` maps each bot's email to its API key. With ``channels`` given,
    posting anywhere else gets Zulip's ``STREAM_DOES_NOT_EXIST`` error.
    """

    def __init__(
        self,
        *,
        bots: Mapping[str, str] | None = None,
        channels: Collection[str] | None = None,
    ) -> None:
        self.bots = dict(bots) if bots is not None else {DEFAULT_EMAIL: DEFAULT_API_KEY}
        self.channels = set(channels) if channels is not None else None
        self.messages: list[ReceivedMessage] = []
        self.requests: list[RecordedRequest] = []
        # Set by tests that send invalid requests on purpose.
        self.allow_invalid = False
        self._script: deque[ScriptedAnswer] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    # Life cycle -------------------------------------------------------------

    def start(self) -> ZulipStandIn:
        if self._server is not None:
            return self
        server = ThreadingHTTPServer((HOST, 0), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        self._port = server.server_address[1]
        # A short poll interval makes stopping (after every test) quick.
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.02,), name="zulip-standin", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop answering: the port closes, so clients get "connection refused"."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    down = stop

    def __enter__(self) -> ZulipStandIn:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # What a client needs -----------------------------------------------------

    @property
    def site(self) -> str:
        """The server's base address, like ``https://example.zulipchat.com``."""
        if self._port is None:
            raise RuntimeError("the stand-in has not been started")
        return f"http://{HOST}:{self._port}"

    @property
    def email(self) -> str:
        """The first bot's email."""
        return next(iter(self.bots))

    @property
    def api_key(self) -> str:
        """The first bot's API key."""
        return self.bots[self.email]

    # Scripting failures ------------------------------------------------------

    def answer_next(
        self,
        status: int,
        body: Mapping[str, Any] | str,
        *,
        headers: Mapping[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` requests with this, whatever they are."""
        with self._lock:
            for _ in range(times):
                answer = body if isinstance(body, str) else dict(body)
                self._script.append(ScriptedAnswer(status, answer, dict(headers or {})))

    def rate_limit_next(self, retry_after: float = 1, *, times: int = 1) -> None:
        """Answer 429 with ``Retry-After``, as Zulip does when a bot posts too fast."""
        whole = int(retry_after) if float(retry_after).is_integer() else retry_after
        self.answer_next(
            429,
            {
                "result": "error",
                "msg": "API usage exceeded rate limit",
                "code": "RATE_LIMIT_HIT",
                "retry-after": whole,
            },
            headers={"Retry-After": str(whole)},
            times=times,
        )

    def fail_next(self, status: int = 500, *, times: int = 1) -> None:
        """Answer with a server error page, as a broken server or its proxy does."""
        page = f"<html><body><h1>{status} Server Error</h1></body></html>"
        self.answer_next(status, page, times=times)

    # Checking ----------------------------------------------------------------

    @property
    def invalid_requests(self) -> list[RecordedRequest]:
        return [request for request in self.requests if not request.valid]

    def assert_all_valid(self) -> None:
        """Fail, listing them, if any request broke Zulip's API description."""
        invalid = self.invalid_requests
        if invalid:
            lines = [f"{item.method} {item.path}: {item.problem}" for item in invalid]
            raise AssertionError(
                f"{len(invalid)} request(s) did not follow Zulip's API:\n" + "\n".join(lines)
            )

    def clear(self) -> None:
        """Forget the messages and requests so far (not the bots or the script)."""
        with self._lock:
            self.messages.clear()
            self.requests.clear()

    # Answering (called from the server's threads) ------------------------------

    def _answer(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        url = f"{self.site}{path}"
        problem = validate_request(method, url, headers, body)
        status, answer, extra = self._decide(method, path, headers, body, problem)
        if status == 200:
            # The stand-in must itself answer the way the API describes.
            wrong = validate_response(
                method, url, headers, body, status, json.dumps(answer).encode()
            )
            if wrong is not None:
                raise AssertionError(f"the stand-in's own answer is invalid: {wrong}")
        with self._lock:
            self.requests.append(
                RecordedRequest(method, path, dict(headers), body, status, problem)
            )
        return status, answer, extra

    def _decide(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str],
        body: bytes,
        problem: str | None,
    ) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        sender = self._authenticated(headers)
        if sender is None:
            return 401, _error("Invalid API key", "INVALID_API_KEY"), {}
        with self._lock:
            scripted = self._script.popleft() if self._script else None
        if scripted is not None:
            return scripted.status, scripted.body, dict(scripted.headers)
        if path.split("?", 1)[0] != "/api/v1/messages" or method != "POST":
            return 404, _error("Endpoint not supported by the stand-in", "BAD_REQUEST"), {}
        if problem is not None:
            return 400, _error(f"Invalid request: {problem}", "BAD_REQUEST"), {}
        form = RecordedRequest(method, path, headers, body, 200, None).form
        if form.get("type") not in ("stream", "channel"):
            return 400, _error("The stand-in only takes channel messages", "BAD_REQUEST"), {}
        channel = _channel_name(form.get("to", ""))
        if self.channels is not None and channel not in self.channels:
            answer = _error(f"Channel '{channel}' does not exist", "STREAM_DOES_NOT_EXIST")
            answer["stream"] = channel
            return 400, answer, {}
        with self._lock:
            message = ReceivedMessage(
                id=len(self.messages) + 1,
                channel=channel,
                topic=form.get("topic", ""),
                content=form.get("content", ""),
                sender=sender,
                user_agent=headers.get("User-Agent", ""),
            )
            self.messages.append(message)
        return 200, {"result": "success", "msg": "", "id": message.id}, {}

    def _authenticated(self, headers: Mapping[str, str]) -> str | None:
        """The bot the request authenticates as, or None."""
        scheme, _, encoded = headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        email, _, key = decoded.partition(":")
        return email if self.bots.get(email) == key else None


def _error(msg: str, code: str) -> dict[str, Any]:
    return {"result": "error", "msg": msg, "code": code}


def _channel_name(to: str) -> str:
    """``to`` may be a JSON string (or id) or, as older clients send it, the bare name."""
    try:
        value = json.loads(to)
    except ValueError:
        return to
    return str(value) if isinstance(value, str | int) else to


def _handler_for(standin: ZulipStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "ZulipStandIn/1"

        def do_POST(self) -> None:
            self._handle()

        def do_GET(self) -> None:
            self._handle()

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, MAX_BODY))
            headers = dict(self.headers.items())
            status, answer, extra = standin._answer(self.command, self.path, headers, body)
            if isinstance(answer, str):
                payload, kind = answer.encode(), "text/html; charset=utf-8"
            else:
                payload, kind = json.dumps(answer).encode(), "application/json"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the recorded requests say everything; keep test output clean

    return Handler


def closed_site() -> str:
    """The address of a port on the loopback where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    return f"http://{HOST}:{port}"
