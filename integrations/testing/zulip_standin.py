"""A stand-in for a Zulip server, for tests and examples: loopback only.

It answers ``POST /api/v1/messages`` the way Zulip does: it checks HTTP basic
auth against the bots it knows, validates every request against Zulip's
published OpenAPI description, records the messages it accepts and answers
with a new message id; ``GET /api/v1/messages`` reads them back (the newest
of a channel, topic and sender). It can be told to answer the next requests
with a 429 and ``Retry-After``, with a 500, slowly (after storing the
message, as a loaded server does), or to go down (its port closes), so tests
can watch a client retry and a hook fail gracefully.

Run as a process (``python -m integrations.testing.zulip_standin --port P``)
it also answers ``GET /_standin/messages`` with the messages it accepted and
``POST /_standin/fault`` (``{"mode": "500"|"429"|"slow"|"late"|"down", "times": n,
"seconds": s}``), for tests of programs that run in processes of their own.

It also speaks Zulip's real-time events API, for bots that read messages:
``POST /api/v1/register`` opens an event queue, ``GET /api/v1/events`` long-polls
it (a ``heartbeat`` event when nothing happens for ``heartbeat_seconds``),
``DELETE /api/v1/events`` closes it, and a queue that expired (``expire_queues``,
or ``queue_lifetime`` without a poll) answers 400 ``BAD_EVENT_QUEUE_ID``, as
Zulip does. ``GET /api/v1/users/me`` tells a bot who it is. People are
``ZulipUser`` records; ``send_as`` makes one of them send a channel or direct
message, which reaches the queues of every bot that can see it, and the bots
may answer in both (``type`` ``direct`` or ``private`` with a list of users in
``to``). As a process, ``POST /_standin/messages`` does what ``send_as`` does,
``GET /_standin/queues`` lists the queues, and the fault ``expire-queues``
drops them all.

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
import re
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Collection, Iterable, Mapping, Sequence
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
# What /register reports about the server: Zulip 10.2, the version of the spec.
FEATURE_LEVEL = 372
ZULIP_VERSION = "10.2"
# Zulip sends a heartbeat after a minute without events and keeps an idle
# queue for ten minutes; a client's long poll should wait longer than a heartbeat.
HEARTBEAT_SECONDS = 60.0
LONGPOLL_TIMEOUT_SECONDS = 90
QUEUE_LIFETIME_SECONDS = 600.0


@dataclass(frozen=True)
class ZulipUser:
    """A person or bot of the organization the stand-in plays."""

    id: int
    email: str
    full_name: str
    is_bot: bool = False


@dataclass(frozen=True)
class ReceivedMessage:
    """A channel message the stand-in accepted."""

    id: int
    channel: str
    topic: str
    content: str
    sender: str
    user_agent: str
    received_at: float = field(default_factory=time.time)
    # A direct message has no channel or topic, but recipients: the emails of
    # the people in the conversation other than its sender.
    direct: bool = False
    recipients: tuple[str, ...] = ()


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
    # When it arrived (time.monotonic), to measure how long a client waited.
    received_at: float = field(default_factory=time.monotonic)

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
    # Seconds to wait before answering; the request is served (and a message
    # stored) first, as by a server too loaded to answer in time.
    delay: float = 0.0
    # Wait first, then serve: the message is stored only at the end of the delay.
    stored_late: bool = False
    # Only for requests to this endpoint (a path without its query); None: any.
    endpoint: str | None = None

    def applies_to(self, path: str) -> bool:
        return self.endpoint is None or path.split("?", 1)[0] == self.endpoint


@dataclass
class EventQueue:
    """One client's event queue, as ``POST /register`` makes it."""

    id: str
    user: ZulipUser
    event_types: frozenset[str] | None  # None: every type
    apply_markdown: bool
    pending: list[dict[str, Any]] = field(default_factory=list)
    next_event_id: int = 0
    # The highest event id the client said it has (``last_event_id``).
    acknowledged: int = -1
    polls: int = 0
    last_active: float = field(default_factory=time.monotonic)


class ZulipStandIn:
    """A local Zulip server that knows some bots and, optionally, some channels.

    ``bots`` maps each bot's email to its API key. With ``channels`` given,
    posting anywhere else gets Zulip's ``STREAM_DOES_NOT_EXIST`` error.
    ``users`` are the people (and bots, by their email) of the organization;
    a bot not listed gets a user named after its email. Every bot sees every
    channel, as if subscribed to all of them.
    """

    def __init__(
        self,
        *,
        bots: Mapping[str, str] | None = None,
        channels: Collection[str] | None = None,
        users: Iterable[ZulipUser] = (),
    ) -> None:
        self.bots = dict(bots) if bots is not None else {DEFAULT_EMAIL: DEFAULT_API_KEY}
        self.channels = set(channels) if channels is not None else None
        self.messages: list[ReceivedMessage] = []
        # What people sent with ``send_as``; ``messages`` holds what clients posted.
        self.user_messages: list[ReceivedMessage] = []
        self.requests: list[RecordedRequest] = []
        # Set by tests that send invalid requests on purpose.
        self.allow_invalid = False
        self.heartbeat_seconds = HEARTBEAT_SECONDS
        self.queue_lifetime = QUEUE_LIFETIME_SECONDS
        self.queues: dict[str, EventQueue] = {}
        # (the email of a queue's owner, a message id) for each message event queued.
        self.delivered: list[tuple[str, int]] = []
        self._channel_ids: dict[str, int] = {}
        self._script: deque[ScriptedAnswer] = deque()
        self._lock = threading.Lock()
        # Long polls wait on it; it shares the lock, so waiting releases it.
        self._changed = threading.Condition(self._lock)
        # Bumped when the server stops: the polls waiting then drop their connections.
        self._generation = 0
        self.users: dict[int, ZulipUser] = {}
        for user in users:
            self.add_user(user)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    # Life cycle -------------------------------------------------------------

    def start(self, port: int | None = None) -> ZulipStandIn:
        if self._server is not None:
            return self
        server = ThreadingHTTPServer((HOST, port or self._port or 0), _handler_for(self))
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
        """Stop answering: the port closes, so clients get "connection refused".

        Long polls in progress lose their connection, as when a server restarts.
        """
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        with self._changed:
            self._generation += 1
            self._changed.notify_all()
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
        endpoint: str | None = None,
    ) -> None:
        """Answer the next ``times`` requests with this, whatever they are.

        With ``endpoint`` (``/api/v1/events``), only requests to that endpoint.
        """
        with self._lock:
            for _ in range(times):
                answer = body if isinstance(body, str) else dict(body)
                self._script.append(
                    ScriptedAnswer(status, answer, dict(headers or {}), endpoint=endpoint)
                )

    def rate_limit_next(
        self, retry_after: float = 1, *, times: int = 1, endpoint: str | None = None
    ) -> None:
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
            endpoint=endpoint,
        )

    def fail_next(self, status: int = 500, *, times: int = 1, endpoint: str | None = None) -> None:
        """Answer with a server error page, as a broken server or its proxy does."""
        page = f"<html><body><h1>{status} Server Error</h1></body></html>"
        self.answer_next(status, page, times=times, endpoint=endpoint)

    def slow_next(self, seconds: float, *, times: int = 1) -> None:
        """Serve the next requests (storing their messages), but answer only after ``seconds``."""
        with self._lock:
            for _ in range(times):
                self._script.append(ScriptedAnswer(0, "", {}, delay=seconds))

    def store_late_next(self, seconds: float, *, times: int = 1) -> None:
        """Take the next requests, but serve them (storing their messages) after ``seconds``."""
        with self._lock:
            for _ in range(times):
                self._script.append(ScriptedAnswer(0, "", {}, delay=seconds, stored_late=True))

    def down_for(self, seconds: float) -> None:
        """Close the port now and open it again, on the same port, after ``seconds``."""
        port = self._port
        self.stop()

        def come_back() -> None:
            threading.Event().wait(seconds)
            self.start(port=port)

        threading.Thread(target=come_back, name="zulip-standin-back", daemon=True).start()

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
            self.user_messages.clear()
            self.delivered.clear()
            self.requests.clear()

    # People, and the messages they send ------------------------------------------

    def add_user(self, user: ZulipUser) -> ZulipUser:
        """Make ``user`` a member of the organization (replacing one of the same id)."""
        with self._lock:
            taken = [known for known in self.users.values() if known.email == user.email]
            if any(known.id != user.id for known in taken):
                raise ValueError(f"{user.email} already belongs to another user")
            self.users[user.id] = user
        return user

    def user(self, who: int | str) -> ZulipUser:
        """The user with this id, email or full name; ``LookupError`` naming who exists."""
        with self._lock:
            self._add_bot_users()
            found = self._find_user(who)
        if found is None:
            known = ", ".join(f"{user.full_name} <{user.email}>" for user in self.users.values())
            raise LookupError(f"no user {who!r} in the stand-in's organization (it has {known})")
        return found

    def send_as(
        self,
        sender: int | str | ZulipUser,
        content: str,
        *,
        channel: str | None = None,
        topic: str = "",
        to: Sequence[int | str | ZulipUser] = (),
    ) -> int:
        """``sender`` sends a message, in ``channel`` > ``topic`` or directly to ``to``.

        The message reaches the event queues of the bots that can see it: every
        bot for a channel message, the people in the conversation for a direct
        one. Returns its id.
        """
        author = sender if isinstance(sender, ZulipUser) else self.user(sender)
        if (channel is None) == (not to):
            raise ValueError("send_as: give a channel, or the people `to` send it to")
        others = [item if isinstance(item, ZulipUser) else self.user(item) for item in to]
        with self._lock:
            message = ReceivedMessage(
                id=self._next_message_id(),
                channel=channel or "",
                topic=topic if channel is not None else "",
                content=content,
                sender=author.email,
                user_agent="",
                direct=channel is None,
                recipients=_other_emails(author, others),
            )
            self.user_messages.append(message)
            self._publish(message, author)
        return message.id

    # Event queues --------------------------------------------------------------

    def delivered_to(self, email: str) -> list[int]:
        """The ids of the messages put in the event queues of ``email``, in order."""
        with self._lock:
            return [message_id for owner, message_id in self.delivered if owner == email]

    def expire_queues(self) -> None:
        """Forget every event queue, as Zulip does after ten idle minutes or a lost restart."""
        with self._changed:
            self.queues.clear()
            self._changed.notify_all()

    def wait_for_queue(self, email: str, timeout: float = 30.0) -> EventQueue:
        """The event queue of the bot ``email`` once it is polling it (waits up to ``timeout``)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for queue in self.queues.values():
                    if queue.user.email == email and queue.polls > 0:
                        return queue
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{email} did not poll an event queue in {timeout:g}s")
                self._changed.wait(left)

    # Answering (called from the server's threads) ------------------------------

    def _answer(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        url = f"{self.site}{path}"
        problem = validate_request(method, url, headers, body)
        status, answer, extra = self._decide(method, path, headers, body, problem)
        if status == 200 or (
            isinstance(answer, dict) and answer.get("code") == "BAD_EVENT_QUEUE_ID"
        ):
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
            scripted = next((item for item in self._script if item.applies_to(path)), None)
            if scripted is not None:
                self._script.remove(scripted)
        if scripted is not None and scripted.delay:
            if scripted.stored_late:
                threading.Event().wait(scripted.delay)
                return self._decide(method, path, headers, body, problem)
            answered = self._decide(method, path, headers, body, problem)
            threading.Event().wait(scripted.delay)
            return answered
        if scripted is not None:
            return scripted.status, scripted.body, dict(scripted.headers)
        endpoint = path.split("?", 1)[0]
        if endpoint == "/api/v1/messages" and method == "GET":
            if problem is not None:
                return 400, _error(f"Invalid request: {problem}", "BAD_REQUEST"), {}
            return 200, self._read_messages(path), {}
        events_api = {
            ("/api/v1/users/me", "GET"),
            ("/api/v1/register", "POST"),
            ("/api/v1/events", "GET"),
            ("/api/v1/events", "DELETE"),
        }
        if (endpoint, method) in events_api:
            if problem is not None:
                return 400, _error(f"Invalid request: {problem}", "BAD_REQUEST"), {}
            with self._lock:
                self._add_bot_users()
                me = self._find_user(sender)
            assert me is not None  # every bot has a user
            form = RecordedRequest(method, path, headers, body, 200, None).form
            if endpoint == "/api/v1/users/me":
                return 200, _own_user(me), {}
            if endpoint == "/api/v1/register":
                return 200, self._register(me, form), {}
            query = _query(path)
            if method == "DELETE":
                return self._delete_queue(me, form.get("queue_id", ""))
            return self._poll(me, query)
        if endpoint != "/api/v1/messages" or method != "POST":
            return 404, _error("Endpoint not supported by the stand-in", "BAD_REQUEST"), {}
        if problem is not None:
            return 400, _error(f"Invalid request: {problem}", "BAD_REQUEST"), {}
        form = RecordedRequest(method, path, headers, body, 200, None).form
        if form.get("type") in ("direct", "private"):
            return self._post_direct(sender, form, headers)
        if form.get("type") not in ("stream", "channel"):
            return 400, _error("The stand-in only takes channel messages", "BAD_REQUEST"), {}
        channel = _channel_name(form.get("to", ""))
        if self.channels is not None and channel not in self.channels:
            answer = _error(f"Channel '{channel}' does not exist", "STREAM_DOES_NOT_EXIST")
            answer["stream"] = channel
            return 400, answer, {}
        with self._lock:
            message = ReceivedMessage(
                id=self._next_message_id(),
                channel=channel,
                topic=form.get("topic", ""),
                content=form.get("content", ""),
                sender=sender,
                user_agent=headers.get("User-Agent", ""),
            )
            self.messages.append(message)
            if self.queues:
                self._add_bot_users()
                author = self._find_user(sender)
                assert author is not None
                self._publish(message, author)
        return 200, {"result": "success", "msg": "", "id": message.id}, {}

    def _post_direct(
        self, sender: str, form: Mapping[str, str], headers: Mapping[str, str]
    ) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        """``POST /messages`` of a direct message: ``to`` is a list of user ids or emails."""
        try:
            named = json.loads(form.get("to", ""))
        except ValueError:
            named = form.get("to", "").split(",")  # Zulip also takes emails, comma-separated
        if not isinstance(named, list):
            named = [named]
        with self._lock:
            self._add_bot_users()
            author = self._find_user(sender)
            assert author is not None
            others: list[ZulipUser] = []
            for item in named:
                found = self._find_user(item.strip() if isinstance(item, str) else item)
                if found is None or (isinstance(item, str) and "@" not in item):
                    what = "user ID" if isinstance(item, int) else "email"
                    return 400, _error(f"Invalid {what} '{item}'", "BAD_REQUEST"), {}
                others.append(found)
            if not others:
                return 400, _error("Message must have recipients", "BAD_REQUEST"), {}
            message = ReceivedMessage(
                id=self._next_message_id(),
                channel="",
                topic="",
                content=form.get("content", ""),
                sender=sender,
                user_agent=headers.get("User-Agent", ""),
                direct=True,
                recipients=_other_emails(author, others),
            )
            self.messages.append(message)
            self._publish(message, author)
        return 200, {"result": "success", "msg": "", "id": message.id}, {}

    # The events API (called with the lock held where it says so) ------------------

    def _register(self, me: ZulipUser, form: Mapping[str, str]) -> dict[str, Any]:
        """``POST /register``: a new queue for ``me`` (the spec checked the form)."""
        types = json.loads(form["event_types"]) if "event_types" in form else None
        fetch = json.loads(form["fetch_event_types"]) if "fetch_event_types" in form else types
        markdown = json.loads(form.get("apply_markdown", "false")) is True
        queue = EventQueue(
            id=str(uuid.uuid4()),
            user=me,
            event_types=frozenset(str(name) for name in types) if types is not None else None,
            apply_markdown=markdown,
        )
        with self._changed:
            self.queues[queue.id] = queue
            self._changed.notify_all()
            newest = max((item.id for item in self._all_messages()), default=-1)
        answer: dict[str, Any] = {
            "result": "success",
            "msg": "",
            "queue_id": queue.id,
            "last_event_id": -1,
            "zulip_feature_level": FEATURE_LEVEL,
            "zulip_version": ZULIP_VERSION,
            "zulip_merge_base": ZULIP_VERSION,
            "event_queue_longpoll_timeout_seconds": max(
                LONGPOLL_TIMEOUT_SECONDS, int(self.heartbeat_seconds) + 30
            ),
        }
        if fetch is None or "message" in fetch:
            answer["max_message_id"] = newest
        return answer

    def _queue_for(self, me: ZulipUser, queue_id: str) -> EventQueue | None:
        """The live queue ``queue_id`` of ``me``; an expired one is dropped. Lock held."""
        queue = self.queues.get(queue_id)
        if queue is None or queue.user.id != me.id:
            return None
        if time.monotonic() - queue.last_active > self.queue_lifetime:
            del self.queues[queue_id]
            return None
        return queue

    def _poll(
        self, me: ZulipUser, query: Mapping[str, str]
    ) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        """``GET /events``: the events after ``last_event_id``; long-polls unless told not to."""
        queue_id = query.get("queue_id", "")
        dont_block = query.get("dont_block", "false").lower() == "true"
        with self._changed:
            queue = self._queue_for(me, queue_id)
            if queue is None:
                return 400, _bad_queue(queue_id), {}
            acknowledged = int(query.get("last_event_id", "-1"))
            queue.acknowledged = max(queue.acknowledged, acknowledged)
            queue.pending = [event for event in queue.pending if event["id"] > acknowledged]
            queue.polls += 1
            queue.last_active = time.monotonic()
            self._changed.notify_all()
            generation = self._generation
            deadline = time.monotonic() + self.heartbeat_seconds
            while not queue.pending and not dont_block:
                left = deadline - time.monotonic()
                if left <= 0:
                    queue.pending.append({"type": "heartbeat", "id": queue.next_event_id})
                    queue.next_event_id += 1
                    break
                self._changed.wait(left)
                if self._generation != generation:
                    return 0, "", {}  # the server went away: drop the connection
                if self.queues.get(queue_id) is not queue:
                    return 400, _bad_queue(queue_id), {}
            queue.last_active = time.monotonic()
            events = [dict(event) for event in queue.pending]
        return 200, {"result": "success", "msg": "", "events": events}, {}

    def _delete_queue(
        self, me: ZulipUser, queue_id: str
    ) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        with self._changed:
            if self._queue_for(me, queue_id) is None:
                return 400, _bad_queue(queue_id), {}
            del self.queues[queue_id]
            self._changed.notify_all()
        return 200, {"result": "success", "msg": ""}, {}

    def _publish(self, message: ReceivedMessage, author: ZulipUser) -> None:
        """A ``message`` event for each queue whose owner can see ``message``. Lock held."""
        participants = {author.email, *message.recipients}
        for queue in self.queues.values():
            if queue.event_types is not None and "message" not in queue.event_types:
                continue
            if message.direct and queue.user.email not in participants:
                continue
            event = {
                "type": "message",
                "id": queue.next_event_id,
                "message": self._event_message(message, author, queue.apply_markdown),
                "flags": _flags(message, author, queue.user),
            }
            queue.next_event_id += 1
            queue.pending.append(event)
            self.delivered.append((queue.user.email, message.id))
        self._changed.notify_all()

    def _event_message(
        self, message: ReceivedMessage, author: ZulipUser, apply_markdown: bool
    ) -> dict[str, Any]:
        """``message`` as a message event carries it (``MessagesEvent``). Lock held."""
        content, content_type = message.content, "text/x-markdown"
        if apply_markdown:
            from integrations.zulip_markdown import render

            content, content_type = render(message.content).rstrip("\n"), "text/html"
        found: dict[str, Any] = {
            "id": message.id,
            "sender_id": author.id,
            "sender_email": author.email,
            "sender_full_name": author.full_name,
            "sender_realm_str": "zulip",
            "content": content,
            "content_type": content_type,
            "timestamp": int(message.received_at),
            "client": "ZulipStandIn",
            "is_me_message": message.content.startswith("/me "),
            "reactions": [],
            "submessages": [],
            "topic_links": [],
            "avatar_url": None,
        }
        if message.direct:
            people = [author, *(self._find_user(email) for email in message.recipients)]
            members = sorted(
                {user.id: user for user in people if user is not None}.values(),
                key=lambda user: user.id,
            )
            found.update(
                type="private",
                subject="",
                display_recipient=[
                    {
                        "id": user.id,
                        "email": user.email,
                        "full_name": user.full_name,
                        "is_mirror_dummy": False,
                    }
                    for user in members
                ],
                recipient_id=10_000 + sum(user.id for user in members),
            )
        else:
            channel_id = self._channel_ids.setdefault(message.channel, len(self._channel_ids) + 1)
            found.update(
                type="stream",
                subject=message.topic,
                display_recipient=message.channel,
                stream_id=channel_id,
                recipient_id=1_000 + channel_id,
            )
        return found

    def _all_messages(self) -> list[ReceivedMessage]:
        return [*self.messages, *self.user_messages]

    def _next_message_id(self) -> int:
        """One sequence of ids for what clients post and what people send. Lock held."""
        return max((item.id for item in self._all_messages()), default=0) + 1

    def _add_bot_users(self) -> None:
        """Give each bot without one a user, named after its email. Lock held."""
        emails = {user.email for user in self.users.values()}
        for email in self.bots:
            if email not in emails:
                user_id = max(self.users, default=0) + 1
                self.users[user_id] = ZulipUser(user_id, email, email.split("@")[0], is_bot=True)

    def _find_user(self, who: object) -> ZulipUser | None:
        """By id, email or full name. Lock held."""
        for user in self.users.values():
            if who in (user.id, user.email, user.full_name) and not isinstance(who, bool):
                return user
        return None

    def _control(
        self, method: str, path: str, body: bytes
    ) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        """The process's own endpoints, for tests that drive it from outside."""
        if path == "/_standin/messages" and method == "GET":
            with self._lock:
                listed = [_listed(item) for item in self.messages]
            invalid = len(self.invalid_requests)
            return 200, {"messages": listed, "invalid_requests": invalid}, {}
        if path == "/_standin/messages" and method == "POST":
            return self._control_send(body)
        if path == "/_standin/queues" and method == "GET":
            with self._lock:
                queues = [
                    {
                        "queue_id": queue.id,
                        "user": queue.user.email,
                        "acknowledged": queue.acknowledged,
                        "pending": len(queue.pending),
                        "polls": queue.polls,
                    }
                    for queue in self.queues.values()
                ]
            return 200, {"queues": queues}, {}
        if path == "/_standin/fault" and method == "POST":
            try:
                fault = json.loads(body or b"{}")
                mode, times = str(fault["mode"]), int(fault.get("times", 1))
                seconds = float(fault.get("seconds", 1))
            except (ValueError, KeyError, TypeError):
                return 400, _error("expected {mode, times, seconds}", "BAD_REQUEST"), {}
            if mode == "500":
                self.fail_next(500, times=times)
            elif mode == "429":
                self.rate_limit_next(seconds, times=times)
            elif mode == "slow":
                self.slow_next(seconds, times=times)
            elif mode == "late":
                self.store_late_next(seconds, times=times)
            elif mode == "down":
                # Answer first, then go: the caller hears that the fault is set.
                threading.Timer(0.05, self.down_for, args=(seconds,)).start()
            elif mode == "expire-queues":
                self.expire_queues()
            else:
                return 400, _error(f"unknown mode {mode!r}", "BAD_REQUEST"), {}
            return 200, {"result": "success"}, {}
        return 404, _error("no such stand-in endpoint", "BAD_REQUEST"), {}

    def _control_send(self, body: bytes) -> tuple[int, dict[str, Any] | str, dict[str, str]]:
        """``POST /_standin/messages``: a person sends a message, as ``send_as`` does.

        ``{"sender": email, "content": text}`` with ``"channel"`` and ``"topic"``,
        or ``"to"``: the emails or ids of the people a direct message goes to.
        """
        usage = (
            'expected {"sender": EMAIL, "content": TEXT, "channel": NAME, "topic": NAME}'
            ' or {"sender": EMAIL, "content": TEXT, "to": [EMAIL or ID, ...]}'
        )
        try:
            fields = json.loads(body or b"{}")
        except ValueError:
            return 400, _error(f"not JSON; {usage}", "BAD_REQUEST"), {}
        if not isinstance(fields, dict):
            return 400, _error(usage, "BAD_REQUEST"), {}
        sender, content = fields.get("sender"), fields.get("content")
        channel, topic, to = fields.get("channel"), fields.get("topic", ""), fields.get("to", [])
        if not isinstance(sender, str | int) or isinstance(sender, bool):
            return 400, _error(f"sender: an email or a user id; {usage}", "BAD_REQUEST"), {}
        if not isinstance(content, str) or not isinstance(topic, str):
            return 400, _error(f"content and topic are text; {usage}", "BAD_REQUEST"), {}
        if not isinstance(channel, str | None) or not isinstance(to, list):
            return 400, _error(f"channel is a name, to a list; {usage}", "BAD_REQUEST"), {}
        if (channel is None) == (not to):
            return 400, _error(f"give channel and topic, or to; {usage}", "BAD_REQUEST"), {}
        try:
            message_id = self.send_as(sender, content, channel=channel, topic=topic, to=to)
        except LookupError as error:
            return 400, _error(str(error).strip("'\""), "BAD_REQUEST"), {}
        return 200, {"result": "success", "id": message_id}, {}

    def _read_messages(self, path: str) -> dict[str, Any]:
        """``GET /messages``: the newest messages matching a channel, topic and sender narrow."""
        query = _query(path)
        wanted: dict[str, str] = {}
        for term in json.loads(query.get("narrow", "[]")):
            if isinstance(term, dict):
                wanted[str(term.get("operator"))] = str(term.get("operand"))
        channel = wanted.get("channel", wanted.get("stream"))
        with self._lock:
            found = [
                message
                for message in self.messages
                if not message.direct
                and (channel is None or message.channel == channel)
                and ("topic" not in wanted or message.topic == wanted["topic"])
                and ("sender" not in wanted or message.sender == wanted["sender"])
            ]
        newest = found[-int(query.get("num_before", "20") or 20) :]
        return {
            "result": "success",
            "msg": "",
            "anchor": newest[-1].id if newest else 0,
            "found_newest": True,
            "found_oldest": True,
            "found_anchor": False,
            "history_limited": False,
            "messages": [_message_object(message) for message in newest],
        }

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


def _message_object(message: ReceivedMessage) -> dict[str, Any]:
    """A channel message as ``GET /messages`` describes one, raw Markdown content."""
    return {
        "id": message.id,
        "content": message.content,
        "content_type": "text/x-markdown",
        "subject": message.topic,
        "type": "stream",
        "display_recipient": message.channel,
        "stream_id": 1,
        "recipient_id": 1,
        "sender_id": 1,
        "sender_email": message.sender,
        "sender_full_name": message.sender.split("@", 1)[0],
        "sender_realm_str": "zulip",
        "avatar_url": "https://secure.gravatar.com/avatar/0?d=identicon",
        "client": "ZulipStandIn",
        "is_me_message": False,
        "reactions": [],
        "submessages": [],
        "timestamp": int(message.received_at),
        "topic_links": [],
        "flags": [],
    }


def _query(path: str) -> dict[str, str]:
    """The parameters of a request's query, the last of each name."""
    return {key: values[-1] for key, values in parse_qs(path.partition("?")[2]).items()}


def _error(msg: str, code: str) -> dict[str, Any]:
    return {"result": "error", "msg": msg, "code": code}


def _bad_queue(queue_id: str) -> dict[str, Any]:
    """Zulip's answer about a queue it does not have (expired, deleted or never made)."""
    answer = _error(f"Bad event queue ID: {queue_id}", "BAD_EVENT_QUEUE_ID")
    answer["queue_id"] = queue_id
    return answer


def _own_user(me: ZulipUser) -> dict[str, Any]:
    """``GET /users/me`` for ``me``."""
    return {
        "result": "success",
        "msg": "",
        "user_id": me.id,
        "email": me.email,
        "delivery_email": me.email,
        "full_name": me.full_name,
        "is_bot": me.is_bot,
        "is_active": True,
        "is_admin": False,
        "is_owner": False,
        "is_guest": False,
        "role": 400,
        "timezone": "",
        "avatar_url": "https://secure.gravatar.com/avatar/0?d=identicon",
        "avatar_version": 1,
        "date_joined": "2024-05-01T12:00:00+00:00",
        "max_message_id": 0,
        "profile_data": {},
    }


def _other_emails(author: ZulipUser, people: Iterable[ZulipUser]) -> tuple[str, ...]:
    """The emails of ``people`` other than ``author``, once each, by user id."""
    others = {user.id: user for user in people if user.id != author.id}
    return tuple(others[user_id].email for user_id in sorted(others))


def _mentions(content: str, user: ZulipUser) -> bool:
    """Whether ``content`` mentions ``user`` out loud (not ``@_**silently**``)."""
    for match in _MENTION.finditer(content):
        name, _, user_id = match.group(1).partition("|")
        if (user_id and user_id == str(user.id)) or (not user_id and name == user.full_name):
            return True
    return False


_MENTION = re.compile(r"(?<![^\s'\"(\[{/<])@\*\*([^*]+)\*\*")


def _flags(message: ReceivedMessage, author: ZulipUser, reader: ZulipUser) -> list[str]:
    """The message flags ``reader`` gets with ``message``."""
    # The renderer's own wildcards; imported here, as ``render`` is, to keep the
    # stand-in's import light for the tests that read no events.
    from integrations.zulip_markdown.inline import STREAM_WILDCARDS, TOPIC_WILDCARDS

    flags = ["read"] if reader.id == author.id else []
    if _mentions(message.content, reader):
        flags.append("mentioned")
    wildcards = {match.group(1) for match in _MENTION.finditer(message.content)}
    if not message.direct and wildcards & STREAM_WILDCARDS:
        flags += ["stream_wildcard_mentioned", "wildcard_mentioned"]
    elif not message.direct and wildcards & TOPIC_WILDCARDS:
        flags += ["topic_wildcard_mentioned", "wildcard_mentioned"]
    return flags


def _listed(message: ReceivedMessage) -> dict[str, Any]:
    """A message as ``GET /_standin/messages`` lists it; direct ones say so."""
    listed: dict[str, Any] = {
        "id": message.id,
        "channel": message.channel,
        "topic": message.topic,
        "content": message.content,
        "sender": message.sender,
    }
    if message.direct:
        listed.update(direct=True, recipients=list(message.recipients))
    return listed


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

        def do_DELETE(self) -> None:
            self._handle()

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, MAX_BODY))
            headers = dict(self.headers.items())
            if self.path.startswith("/_standin/"):
                status, answer, extra = standin._control(self.command, self.path, body)
            else:
                status, answer, extra = standin._answer(self.command, self.path, headers, body)
            if status == 0:
                self.close_connection = True  # gone without a word, as a stopped server
                return
            if isinstance(answer, str):
                payload, kind = answer.encode(), "text/html; charset=utf-8"
            else:
                payload, kind = json.dumps(answer).encode(), "application/json"
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting, as a client with a timeout does

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the recorded requests say everything; keep test output clean

    return Handler


def closed_site() -> str:
    """The address of a port on the loopback where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    return f"http://{HOST}:{port}"


def main(argv: list[str] | None = None) -> None:
    """Run the stand-in as a process until interrupted: ``--port``, ``--bot``, ``--channel``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m integrations.testing.zulip_standin",
        description="A Zulip stand-in on 127.0.0.1, for tests of programs that run as processes.",
    )
    parser.add_argument("--port", type=int, default=0, help="the port (default: any free one)")
    parser.add_argument(
        "--bot",
        default=f"{DEFAULT_EMAIL}:{DEFAULT_API_KEY}",
        help="the bot it knows, EMAIL:KEY (default: the tests' bot)",
    )
    parser.add_argument(
        "--channel",
        action="append",
        default=[],
        metavar="NAME",
        help="a channel that exists (repeatable; default: every channel exists)",
    )
    parser.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="EMAIL:FULL NAME",
        help="a person who can send messages with POST /_standin/messages (repeatable)",
    )
    arguments = parser.parse_args(argv)
    email, _, key = arguments.bot.partition(":")
    people = []
    for number, person in enumerate(arguments.user, start=100):
        address, _, name = person.partition(":")
        people.append(ZulipUser(number, address.strip(), name.strip() or address.strip()))
    standin = ZulipStandIn(bots={email: key}, channels=arguments.channel or None, users=people)
    standin.allow_invalid = True
    standin.start(port=arguments.port or None)
    print(f"zulip stand-in at {standin.site}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        standin.stop()


if __name__ == "__main__":
    main()
