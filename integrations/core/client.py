"""The one Zulip API client that every script and plugin integration posts through.

It needs nothing but ``requests`` and the standard library, so a hook can use
it wherever the project is installed. It sends a channel message with HTTP
basic auth (the bot's email and API key), gives up after a timeout, retries a
few times with exponential backoff when Zulip is busy (429) or failing (5xx)
or cannot be reached, honouring ``Retry-After``, and turns every way a send
can fail into a ``ZulipError`` with one readable line. It never posts again
blindly: after a try that got no answer (a timeout, a connection reset), it
first looks for the message among the bot's newest in the topic. What
remains possible: an identical message the bot posted to the same topic in
the minute before is taken for this one.
"""

from __future__ import annotations

import email.utils
import json
import platform
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Protocol

import requests

DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 0.5
# A hook holds up the user's push while it waits; beyond this, give up.
DEFAULT_MAX_WAIT = 30.0


class ZulipError(Exception):
    """A message could not be sent. ``str()`` is one line saying why."""


class ZulipConnectionError(ZulipError):
    """Zulip could not be reached, or did not answer in time."""


class ZulipApiError(ZulipError):
    """Zulip answered with an error: ``{"result": "error", "code": ..., "msg": ...}``.

    ``status`` is the HTTP status; ``code`` is Zulip's error code
    (``BAD_REQUEST``, ``RATE_LIMIT_HIT``, ...), or None when the answer was not
    Zulip's JSON at all (a proxy's error page, for example).
    """

    def __init__(self, status: int, code: str | None, msg: str) -> None:
        where = f"HTTP {status}" + (f", {code}" if code else "")
        super().__init__(f"Zulip refused the message ({where}): {msg}")
        self.status = status
        self.code = code
        self.msg = msg


class Postable(Protocol):
    """What ``send`` needs of a message: ``integrations.core.Message`` has both."""

    @property
    def topic(self) -> str: ...

    @property
    def content(self) -> str: ...


def send_each(
    client: ZulipClient,
    outgoing: Sequence[tuple[str, Postable]],
    warn: Callable[[str], None],
    *,
    raise_if_none_sent: bool = False,
) -> None:
    """Post each ``(channel, message)``; one that fails is ``warn``-ed in a line, the rest go.

    Once Zulip cannot be reached, the rest are only counted: each try would
    hold the host tool up as long again. With ``raise_if_none_sent``, Zulip
    unreachable at the first message raises instead, for a caller that then
    says nothing was posted.
    """
    for number, (channel, message) in enumerate(outgoing):
        try:
            client.send(channel, message)
        except ZulipConnectionError as exc:
            if number == 0 and raise_if_none_sent:
                raise
            warn(f"zulip: not posted to {channel}: {exc}")
            left = len(outgoing) - number - 1
            if left:
                more = f"{left} more message" + ("" if left == 1 else "s")
                warn(f"zulip: {more} not posted, for the same reason")
            return
        except ZulipError as exc:
            warn(f"zulip: not posted to {channel}: {exc}")
        except Exception as exc:  # a bug: the other messages still go
            warn(f"zulip: not posted to {channel}: unexpected {type(exc).__name__}: {exc}")


def user_agent(tool: str, version: str) -> str:
    """``Zulip<Tool>/<version> (<OS>; <OS version>)``, e.g. ``ZulipGit/0.1.0 (Linux; 6.1.0)``."""
    system = platform.system() or "unknown"
    release = platform.release() or "unknown"
    return f"Zulip{tool}/{version} ({system}; {release})"


def normalize_site(site: str) -> str:
    """The server's base address: ``https://`` added if no scheme, no trailing ``/api``."""
    site = site.strip().rstrip("/")
    if not re.match(r"https?://", site, re.IGNORECASE):
        site = "https://" + site
    return re.sub(r"(?:/api(?:/v1)?)+\Z", "", site)


@dataclass(frozen=True)
class Attempt:
    """How one try at sending a message ended.

    ``kind`` is ``sent`` (``message_id`` set), ``retry`` (Zulip was busy,
    failing or unreachable: try again, after ``retry_after`` seconds when it
    asked), or ``refused`` (Zulip said no for a reason a retry will not
    change). ``in_doubt`` says the request may have reached Zulip even though
    no answer came back (a timeout, a dropped connection): the message may
    exist already, so look before sending it again.
    """

    kind: str
    reason: str = ""
    message_id: int | None = None
    retry_after: float | None = None
    in_doubt: bool = False


class ZulipClient:
    """Posts messages to one Zulip server as one bot.

    ``retries`` is how many times a send is tried again after a 429, a 5xx or
    a connection failure; the n-th retry waits ``backoff * 2**n`` seconds,
    or what the server's ``Retry-After`` asks for, if it asks for no more than
    ``max_wait`` seconds (if it asks for more, the send fails at once).
    """

    def __init__(
        self,
        *,
        site: str,
        email: str,
        api_key: str,
        user_agent: str,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_wait: float = DEFAULT_MAX_WAIT,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if retries < 0 or timeout <= 0 or backoff < 0:
            raise ValueError("retries and backoff must be >= 0 and timeout > 0")
        self.site = normalize_site(site)
        self.email = email
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self._sleep = sleep
        self._session = requests.Session()
        self._session.auth = (email, api_key)
        self._session.headers["User-Agent"] = user_agent

    def __enter__(self) -> ZulipClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    def send(self, channel: str, message: Postable) -> int:
        """Post ``message`` to ``channel``; returns the new message's id."""
        return self.send_stream_message(channel, message.topic, message.content)

    def send_stream_message(self, channel: str, topic: str, content: str) -> int:
        """Post ``content`` to ``channel`` > ``topic``; returns the new message's id."""
        started = time.time()

        def posted_meanwhile() -> dict[str, Any] | None:
            # A try that got no answer may have been posted: look before posting again.
            found = self.find_sent(channel, topic, content, since=started)
            return None if found is None else {"result": "success", "id": found}

        answer = self._post(
            "messages", _channel_message(channel, topic, content), in_doubt=posted_meanwhile
        )
        message_id = answer.get("id")
        if not isinstance(message_id, int):
            raise ZulipApiError(200, None, "the answer carries no message id")
        return message_id

    def _post(
        self,
        endpoint: str,
        form: dict[str, str],
        *,
        in_doubt: Callable[[], dict[str, Any] | None] | None = None,
    ) -> dict[str, Any]:
        """POST ``form``, retrying as the class says; before a retry after a try that got no
        answer, ``in_doubt`` may find that try's result, so it is not made twice."""
        url = f"{self.site}/api/v1/{endpoint}"
        attempt = 0
        while True:
            unanswered = False
            try:
                response = self._session.post(url, data=form, timeout=self.timeout)
            except requests.Timeout:
                error: ZulipError = ZulipConnectionError(
                    f"{self.site} did not answer within {self.timeout:g} s"
                )
                wait = self._backoff(attempt)
                unanswered = True
            except requests.RequestException as exc:
                error = ZulipConnectionError(f"cannot reach {self.site}: {_reason(exc)}")
                wait = self._backoff(attempt)
                # Refused, nothing was sent; reset, Zulip may have read it.
                unanswered = "refused" not in str(exc).lower()
            else:
                answer = _json_object(response)
                if response.status_code == 429 or response.status_code >= 500:
                    error = _api_error(response, answer)
                    asked = _retry_after(response, answer)
                    if asked is not None and asked > self.max_wait:
                        raise ZulipApiError(
                            response.status_code,
                            getattr(error, "code", None),
                            f"{getattr(error, 'msg', error)} (asked to wait {asked:g} s)",
                        )
                    wait = self._backoff(attempt) if asked is None else asked
                elif response.ok and answer is not None and answer.get("result") == "success":
                    return answer
                else:
                    raise _api_error(response, answer)
            if attempt >= self.retries:
                raise error
            self._sleep(wait)
            if unanswered and in_doubt is not None:
                try:
                    done = in_doubt()
                except ZulipError:
                    done = None  # cannot tell: the next try will say more
                if done is not None:
                    return done
            attempt += 1

    def attempt(self, channel: str, topic: str, content: str) -> Attempt:
        """One try at posting a channel message; never retries, never raises for Zulip's answers."""
        url = f"{self.site}/api/v1/messages"
        form = _channel_message(channel, topic, content)
        try:
            response = self._session.post(url, data=form, timeout=self.timeout)
        except requests.Timeout:
            return Attempt("retry", f"no answer within {self.timeout:g} s", in_doubt=True)
        except requests.ConnectionError as exc:
            # Refused before anything was sent; a reset may come after Zulip read it.
            refused = "refused" in str(exc).lower()
            return Attempt("retry", f"cannot reach Zulip: {_reason(exc)}", in_doubt=not refused)
        except requests.RequestException as exc:
            return Attempt("retry", f"cannot reach Zulip: {_reason(exc)}", in_doubt=True)
        answer = _json_object(response)
        if response.ok and answer is not None and answer.get("result") == "success":
            message_id = answer.get("id")
            if isinstance(message_id, int):
                return Attempt("sent", message_id=message_id)
            return Attempt("retry", "Zulip's answer carries no message id", in_doubt=True)
        error = _api_error(response, answer)
        if response.status_code == 429 or response.status_code >= 500:
            return Attempt("retry", str(error), retry_after=_retry_after(response, answer))
        return Attempt("refused", str(error))

    def find_sent(
        self,
        channel: str,
        topic: str,
        content: str,
        *,
        after_id: int | None = None,
        since: float | None = None,
    ) -> int | None:
        """The id of a message this bot already posted with this content in this topic, if any.

        Reads the newest messages of the topic sent by the bot; ``None`` when
        none matches. Only messages newer than ``after_id`` and sent at
        ``since`` or later (a minute's leeway for the clocks) count, so an
        earlier message that says the same is not taken for this one.
        Raises ``ZulipError`` when Zulip cannot be asked.
        """
        narrow = [
            {"operator": "channel", "operand": channel},
            {"operator": "topic", "operand": topic},
            {"operator": "sender", "operand": self.email},
        ]
        params = {
            "anchor": "newest",
            "num_before": "50",
            "num_after": "0",
            "narrow": json.dumps(narrow),
            "apply_markdown": "false",
        }
        url = f"{self.site}/api/v1/messages"
        try:
            response = self._session.get(url, params=params, timeout=self.timeout)
        except requests.RequestException as exc:
            raise ZulipConnectionError(f"cannot reach {self.site}: {_reason(exc)}") from None
        answer = _json_object(response)
        if not response.ok or answer is None or answer.get("result") != "success":
            raise _api_error(response, answer)
        wanted = content.rstrip()  # Zulip strips trailing whitespace
        for message in answer.get("messages") or []:
            if not isinstance(message, dict) or not isinstance(message.get("content"), str):
                continue
            found, sent_at = message.get("id"), message.get("timestamp")
            if not isinstance(found, int) or message["content"].rstrip() != wanted:
                continue
            if after_id is not None and found <= after_id:
                continue
            if since is not None and isinstance(sent_at, int | float) and sent_at < since - 60:
                continue
            return found
        return None

    def _backoff(self, attempt: int) -> float:
        return float(min(self.backoff * 2**attempt, self.max_wait))


def _channel_message(channel: str, topic: str, content: str) -> dict[str, str]:
    """The form of ``POST /messages`` that posts to a channel's topic."""
    return {
        # "stream" rather than "channel": every Zulip version accepts it.
        "type": "stream",
        # The API describes `to` as JSON; a JSON string is a channel name.
        "to": json.dumps(channel),
        "topic": topic,
        "content": content,
    }


def _json_object(response: requests.Response) -> dict[str, Any] | None:
    try:
        value = response.json()
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _api_error(response: requests.Response, answer: dict[str, Any] | None) -> ZulipApiError:
    status = response.status_code
    if answer is None:
        reason = response.reason or "error"
        return ZulipApiError(status, None, f"not a Zulip API answer ({reason})")
    code = answer.get("code")
    msg = answer.get("msg")
    return ZulipApiError(
        status,
        code if isinstance(code, str) else None,
        msg if isinstance(msg, str) and msg else "no reason given",
    )


def _retry_after(response: requests.Response, answer: dict[str, Any] | None) -> float | None:
    """Seconds the server asks us to wait: the header, else Zulip's ``retry-after`` field."""
    header = response.headers.get("Retry-After", "").strip()
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, (when - datetime.now(UTC)).total_seconds())
    field = answer.get("retry-after") if answer else None
    if isinstance(field, int | float) and not isinstance(field, bool):
        return max(0.0, float(field))
    return None


_ERRNO_TEXT = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")


def _reason(exc: requests.RequestException) -> str:
    """The useful part of a requests exception, without the pool's wrapping."""
    text = str(exc)
    found = _ERRNO_TEXT.search(text)
    if found:
        return found.group(1).strip().lower()
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error"
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return "the address is not a valid URL"
    return type(exc).__name__
