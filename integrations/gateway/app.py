"""The gateway's web application (ASGI, on Starlette): receive, check, store, acknowledge.

``POST /api/v1/external/<integration>`` takes Zulip's URL parameters
(``api_key``, ``stream``, ``topic``, ``only_events``...) and each
integration's own, so a webhook URL of Zulip's works with only the host
changed. A webhook is acknowledged only once its message is committed to the
outbox; Zulip is never called while the sender waits. Every answer is JSON
shaped like Zulip's, with a reason: ``{"result": "error", "code": ...,
"msg": ...}``.

``HEAD`` on a webhook URL answers 200, for services that check a URL before
using it. ``GET /healthz`` and ``GET /metrics`` are for the operator.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Any
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from integrations.core.errors import IntegrationError, Unauthorized, UnsupportedEvent
from integrations.core.integration import Processed, WebhookIntegration
from integrations.core.registry import Registry, UnknownIntegration
from integrations.core.request import Headers, WebhookRequest
from integrations.gateway.config import GatewayConfig, Limits
from integrations.gateway.metrics import CONTENT_TYPE, Metrics
from integrations.gateway.sender import Sender
from integrations.gateway.store import NewMessage, Store
from integrations.gateway.writer import GroupWriter

PREFIX = "/api/v1/external/"
INLINE_BODY_BYTES = 64 * 1024
# Every method reaches the handler, which answers 405 in JSON to all but POST and HEAD.
ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"]
Lifespan = Callable[[Starlette], AbstractAsyncContextManager[None]]
log = logging.getLogger("integrations.gateway")

_SECRET_PARAMETER = re.compile(r"((?:^|[?&])api_key=)[^&#]*", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def error(status: int, code: str, msg: str, **headers: str) -> JSONResponse:
    return JSONResponse({"result": "error", "code": code, "msg": msg}, status, headers=headers)


def success(**extra: Any) -> JSONResponse:
    return JSONResponse({"result": "success", "msg": "", **extra})


def shown_target(path: str, query: str) -> str:
    """The request's path for the log: the API key hidden, control characters dropped."""
    target = f"{path}?{query}" if query else path
    return _CONTROL.sub("", _SECRET_PARAMETER.sub(r"\1***", target))[:300]


def delivery_key(integration: str, query: Mapping[str, str], delivery_id: str | None) -> str | None:
    """What makes a delivery the same one: its id, at the same webhook URL.

    One event may reach two webhooks (Stripe sends its event to every
    endpoint, with the same id), each its own channel or settings; only the
    same id at the same URL (the key aside) is a repeat.
    """
    if not delivery_id:
        return None
    url = "&".join(f"{name}={value}" for name, value in sorted(query.items()) if name != "api_key")
    digest = hashlib.sha256(f"{integration}?{url}".encode()).hexdigest()[:16]
    return f"{integration}:{digest}:{delivery_id}"


def _basic_auth_password(headers: Mapping[str, str]) -> str:
    scheme, _, encoded = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return ""
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return decoded.partition(":")[2]


class BodyTooLarge(Exception):
    pass


class HeadLimits:
    """Refuses, before any routing, a URL or headers larger than the limits.

    The HTTP parser bounds only a head that has not arrived whole; one sent
    in a single packet is checked here.
    """

    def __init__(self, app: ASGIApp, limits: Limits, metrics: Metrics) -> None:
        self.app = app
        self.limits = limits
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            url_size = len(scope.get("raw_path", b"")) + len(scope.get("query_string", b""))
            head_size = sum(len(name) + len(value) + 4 for name, value in scope["headers"])
            refusal = None
            if url_size > self.limits.max_url_bytes:
                limit = self.limits.max_url_bytes
                refusal = error(414, "URI_TOO_LONG", f"the URL is longer than {limit} bytes")
            elif head_size > self.limits.max_header_bytes:
                refusal = error(
                    431,
                    "REQUEST_HEADER_FIELDS_TOO_LARGE",
                    f"the headers are larger than {self.limits.max_header_bytes} bytes",
                )
            if refusal is not None:
                self.metrics.rejected.labels("too_large").inc()
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)


class Gateway:
    """The application and what it shares with the sender: the outbox, the counters."""

    def __init__(
        self,
        config: GatewayConfig,
        registry: Registry,
        store: Store,
        writer: GroupWriter,
        metrics: Metrics,
        sender: Sender | None = None,
        *,
        lifespan: Lifespan | None = None,
    ) -> None:
        self.config = config
        self.registry = registry
        self.store = store
        self.writer = writer
        self.metrics = metrics
        self.sender = sender
        self.slots = asyncio.Semaphore(config.limits.max_concurrent_requests)
        self.app = Starlette(
            routes=[
                Route(PREFIX + "{name:path}", self.webhook, methods=ANY_METHOD),
                Route("/healthz", self.health, methods=["GET", "HEAD"]),
                Route("/metrics", self.metrics_page, methods=["GET"]),
            ],
            exception_handlers={
                HTTPException: self._http_error,  # type: ignore[dict-item]
                Exception: self._bug,
            },
            lifespan=lifespan,
            middleware=[Middleware(HeadLimits, limits=config.limits, metrics=metrics)],
        )

    # Operator endpoints -----------------------------------------------------------

    async def health(self, request: Request) -> Response:
        try:
            depth = await asyncio.to_thread(self.store.depth)
        except Exception as problem:  # the outbox is unreachable: not healthy
            log.error("health check: the outbox cannot be read: %s", problem)
            return error(503, "OUTBOX_UNAVAILABLE", "the outbox cannot be read")
        return success(outbox_depth=depth.waiting, oldest_age_seconds=round(depth.oldest_age, 1))

    async def metrics_page(self, request: Request) -> Response:
        text = await asyncio.to_thread(self.metrics.text)
        return Response(text, media_type=CONTENT_TYPE)

    # Errors -------------------------------------------------------------------------

    async def _http_error(self, request: Request, problem: HTTPException) -> Response:
        if problem.status_code == 404:
            path = _CONTROL.sub("", request.url.path)[:100]
            return error(404, "NOT_FOUND", f"nothing at {path}; webhooks go to {PREFIX}<name>")
        if problem.status_code == 405:
            return error(405, "METHOD_NOT_ALLOWED", f"{request.method} is not allowed here")
        return error(problem.status_code, "BAD_REQUEST", str(problem.detail))

    async def _bug(self, request: Request, problem: Exception) -> Response:
        log.exception("a bug answering %s", shown_target(request.url.path, ""))
        return error(500, "INTERNAL_ERROR", "the gateway failed on this request; see its log")

    # Webhooks -----------------------------------------------------------------------

    async def webhook(self, request: Request) -> Response:
        started = time.perf_counter()
        response: Response
        if self.slots.locked():
            response = error(
                503, "BUSY", "too many requests at once; send it again", **{"Retry-After": "1"}
            )
        else:
            async with self.slots:
                response = await self._webhook(request)
        if not log.isEnabledFor(logging.INFO):
            return response
        reason = ""
        if response.status_code >= 400:
            reason = f" {bytes(response.body).decode(errors='replace')[:200]}"
        log.info(
            '%s "%s %s" %s %.1f ms%s',
            request.client.host if request.client else "-",
            request.method,
            shown_target(request.url.path, request.url.query),
            response.status_code,
            (time.perf_counter() - started) * 1000,
            reason,
        )
        return response

    async def _webhook(self, request: Request) -> Response:
        name = request.path_params["name"].strip("/")
        try:
            integration = self.registry.get(name)
        except UnknownIntegration:
            self.metrics.rejected.labels("not_found").inc()
            return error(404, "NOT_FOUND", f"no integration named {name[:60]!r}")
        if not isinstance(integration, WebhookIntegration):
            self.metrics.rejected.labels("not_found").inc()
            return error(
                404, "NOT_FOUND", f"{integration.name} is a {integration.kind}, not a webhook"
            )
        if request.method == "HEAD":
            return Response(status_code=200)
        if request.method != "POST":
            self.metrics.rejected.labels("method_not_allowed").inc()
            return error(
                405, "METHOD_NOT_ALLOWED", "webhooks are sent with POST", Allow="POST, HEAD"
            )
        self.metrics.received.labels(integration.name).inc()
        query = dict(request.query_params.multi_items())
        if integration.unquote_url_parameters:
            for name in ("stream", "channel", "topic"):
                if name in query:
                    query[name] = unquote(query[name])
        # The key in the URL, or, as Zulip also takes it, as HTTP basic auth's password.
        given = query.get("api_key", "") or _basic_auth_password(request.headers)
        if not self._key_accepted(given):
            self.metrics.rejected.labels("unauthorized").inc()
            return error(
                401, "UNAUTHORIZED", "the api_key in the URL is not one this gateway accepts"
            )
        channel = query.get("stream", "").strip() or query.get("channel", "").strip()
        if not channel:
            self.metrics.rejected.labels("bad_request").inc()
            return error(400, "BAD_REQUEST", "the URL names no channel: add &stream=NAME")
        try:
            body = await self._body(request)
        except BodyTooLarge:
            self.metrics.rejected.labels("too_large").inc()
            limit = self.config.limits.max_body_bytes
            return error(413, "REQUEST_TOO_LARGE", f"the body is larger than {limit} bytes")
        except (TimeoutError, ClientDisconnect):
            self.metrics.rejected.labels("incomplete").inc()
            return error(408, "REQUEST_TIMEOUT", "the body did not arrive in time")
        webhook = WebhookRequest(
            body=body, headers=Headers(request.headers.items()), query=query, url=self._url(request)
        )
        secret = self.config.secrets.get(integration.name)
        try:
            if len(body) <= INLINE_BODY_BYTES:
                # A usual payload takes well under a millisecond: cheaper than
                # a trip to a thread and back.
                processed: Processed = integration.process(webhook, secret=secret)
            else:
                processed = await asyncio.to_thread(integration.process, webhook, secret=secret)
        except UnsupportedEvent as problem:
            # As Zulip does: 200, so a service does not disable the webhook
            # over events it was told to send but nobody here reads.
            self.metrics.rejected.labels("unsupported_event").inc()
            return error(200, "UNSUPPORTED_WEBHOOK_EVENT_TYPE", str(problem))
        except Unauthorized as problem:
            self.metrics.rejected.labels("unauthorized").inc()
            return error(401, "UNAUTHORIZED", str(problem))
        except IntegrationError as problem:
            self.metrics.rejected.labels("bad_request").inc()
            return error(problem.http_status, "BAD_REQUEST", str(problem))
        message = processed.message
        if message is None:
            self.metrics.ignored.labels(integration.name).inc()
            return success(
                **integration.reply, posted=False, reason=processed.skipped or "nothing to post"
            )
        key = delivery_key(integration.name, query, processed.delivery_id)
        new = NewMessage(integration.name, channel, message.topic, message.content, key)
        try:
            stored = await self.writer.store(new)
        except Exception as problem:  # the disk is full, the database gone: say so, keep serving
            log.error("cannot store a message: %s", problem)
            self.metrics.rejected.labels("outbox_unavailable").inc()
            return error(
                503, "OUTBOX_UNAVAILABLE", "the message cannot be stored now; send it again"
            )
        if stored.duplicate:
            self.metrics.duplicates.inc()
            return success(**integration.reply, duplicate=True)
        self.metrics.stored.inc()
        if self.sender is not None:
            self.sender.wake()
        return success(**integration.reply, queued=True, id=stored.id)

    def _key_accepted(self, given: str) -> bool:
        matches = [
            hmac.compare_digest(given.encode(), key.encode()) for key in self.config.accepted_keys
        ]
        return any(matches)

    def _url(self, request: Request) -> str:
        """The URL the service called, as it knows it (behind a proxy: the public one)."""
        query = f"?{request.url.query}" if request.url.query else ""
        if self.config.public_url:
            return f"{self.config.public_url}{request.url.path}{query}"
        return str(request.url)

    async def _body(self, request: Request) -> bytes:
        limit = self.config.limits.max_body_bytes
        declared = request.headers.get("content-length", "").strip()
        if declared.isdecimal() and int(declared) > limit:
            raise BodyTooLarge
        chunks: list[bytes] = []
        size = 0
        async with asyncio.timeout(self.config.limits.header_timeout * 3):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise BodyTooLarge
                chunks.append(chunk)
        return b"".join(chunks)
