"""``integrations serve``: receive webhooks over HTTP and post the messages to Zulip.

A small bridge for running the webhook integrations of this project against
a Zulip server: a service posts to
``http://<host>:<port>/api/v1/external/<name>?api_key=...&stream=...``, the
integration turns the request into a message, and the bridge sends it with
the bot of its settings (``ZULIP_*`` variables or ``~/.zuliprc``). Every
answer is JSON, shaped like Zulip's own: ``{"result": "success", ...}``, or
``{"result": "error", "code": ..., "msg": ...}`` with a 4xx status that says
what was wrong with the request, or 502 when Zulip refused the message.
"""

from __future__ import annotations

import hmac
import json
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO
from urllib.parse import parse_qsl, urlsplit

from integrations.core.client import ZulipClient, ZulipError
from integrations.core.errors import (
    BadPayload,
    IntegrationError,
    Unauthorized,
    UnsupportedEvent,
)
from integrations.core.integration import WebhookIntegration
from integrations.core.message import Message
from integrations.core.registry import Registry, UnknownIntegration
from integrations.core.request import Headers, WebhookRequest

PREFIX = "/api/v1/external/"
# Zulip refuses larger requests too; this only bounds memory.
MAX_BODY = 25 * 1024 * 1024

# What an integration's error is called in the answer, as Zulip names them.
ERROR_CODES: list[tuple[type[IntegrationError], str]] = [
    (UnsupportedEvent, "UNSUPPORTED_WEBHOOK_EVENT_TYPE"),
    (Unauthorized, "UNAUTHORIZED"),
    (BadPayload, "BAD_REQUEST"),
    (IntegrationError, "BAD_REQUEST"),
]


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]

    @classmethod
    def error(cls, status: int, code: str, msg: str) -> Answer:
        return cls(status, {"result": "error", "code": code, "msg": msg})

    @classmethod
    def success(cls, **extra: Any) -> Answer:
        return cls(200, {"result": "success", "msg": "", **extra})


Send = Callable[[str, Message], int]


@dataclass
class Bridge:
    """Turns one HTTP request into an answer; no sockets, so it is easy to test.

    ``send`` posts a message to a channel and returns its id; ``api_key`` is
    the key a request's URL must carry (None: any, as for a dry run).
    """

    registry: Registry
    send: Send
    api_key: str | None = None
    secrets: Mapping[str, str] = field(default_factory=dict)

    def answer(self, method: str, target: str, headers: Headers, body: bytes) -> Answer:
        url = urlsplit(target)
        if not url.path.startswith(PREFIX):
            return Answer.error(404, "NOT_FOUND", f"no webhook at {url.path}; use {PREFIX}<name>")
        name = url.path[len(PREFIX) :].strip("/")
        try:
            integration = self.registry.get(name)
        except UnknownIntegration as error:
            return Answer.error(404, "NOT_FOUND", str(error))
        if not isinstance(integration, WebhookIntegration):
            return Answer.error(404, "NOT_FOUND", f"{name} is a {integration.kind}, not a webhook")
        if method != "POST":
            return Answer.error(405, "METHOD_NOT_ALLOWED", "webhooks are sent with POST")
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        given_key = query.get("api_key", "")
        if self.api_key is not None and not hmac.compare_digest(
            given_key.encode(), self.api_key.encode()
        ):
            return Answer.error(401, "UNAUTHORIZED", "the api_key in the URL is not this bot's")
        channel = query.get("stream", "").strip() or query.get("channel", "").strip()
        if not channel:
            return Answer.error(400, "BAD_REQUEST", "the URL names no channel: add &stream=NAME")
        request = WebhookRequest(body=body, headers=headers, query=query)
        try:
            processed = integration.process(request, secret=self.secrets.get(name))
        except IntegrationError as error:
            code = next(code for kind, code in ERROR_CODES if isinstance(error, kind))
            return Answer.error(error.http_status, code, str(error))
        if processed.message is None:
            return Answer.success(posted=False)
        try:
            message_id = self.send(channel, processed.message)
        except ZulipError as error:
            return Answer.error(502, "ZULIP_ERROR", str(error))
        return Answer.success(posted=True, id=message_id)


def _handler_for(bridge: Bridge, log: TextIO) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "ZulipIntegrations"

        def _serve(self) -> None:
            length = self.headers.get("Content-Length", "0").strip()
            size = int(length) if length.isdecimal() else -1
            if size < 0:
                answer = Answer.error(
                    400, "BAD_REQUEST", f"the Content-Length header {length[:20]!r} is not a length"
                )
            elif size > MAX_BODY:
                answer = Answer.error(
                    413, "BAD_REQUEST", f"the body is larger than {MAX_BODY} bytes"
                )
            else:
                body = self.rfile.read(size)
                headers = Headers(list(self.headers.items()))
                try:
                    answer = bridge.answer(self.command, self.path, headers, body)
                except Exception:  # a bug: say so, and keep serving the others
                    traceback.print_exc(file=log)
                    answer = Answer.error(
                        500, "INTERNAL_ERROR", "the integration failed; see the log"
                    )
            payload = json.dumps(answer.body).encode()
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_POST = _serve
        do_GET = _serve
        do_PUT = _serve

        def log_message(self, format: str, *args: Any) -> None:
            log.write(f"{self.address_string()} {format % args}\n")

    return Handler


class WebhookServer:
    """The bridge behind a threaded HTTP server, started and stopped as a context."""

    def __init__(
        self, bridge: Bridge, host: str = "127.0.0.1", port: int = 0, log: TextIO | None = None
    ):
        self.server = ThreadingHTTPServer((host, port), _handler_for(bridge, log or sys.stderr))
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        shown = host.decode() if isinstance(host, bytes) else host
        return f"http://{shown}:{port}"

    def start(self) -> WebhookServer:
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> WebhookServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def printing_sender(out: TextIO) -> Send:
    """For ``--dry-run``: print each message instead of sending it."""
    counter = iter(range(1, 1_000_000))

    def send(channel: str, message: Message) -> int:
        out.write(f"#{channel} > {message.topic}\n\n{message.content}\n\n")
        out.flush()
        return next(counter)

    return send


def client_sender(client: ZulipClient) -> Send:
    def send(channel: str, message: Message) -> int:
        return client.send(channel, message)

    return send
