"""uvicorn's HTTP/1.1 protocol (on h11) with the gateway's answers to broken requests.

uvicorn answers a request it cannot parse with a plain-text 400 and has no
limit on how long a client may take to send its headers. The gateway's
services read JSON, and a client sending a header a minute must not hold a
connection forever, so this protocol:

* answers malformed requests with the gateway's JSON error, as 414 when the
  request line is longer than the limit, 431 when the headers are, and 400
  otherwise;
* gives each request ``header_timeout`` seconds from its first byte (or from
  the connection, or the previous answer) to finish its headers, and answers
  408 otherwise.

Bodies are bounded and timed by the application, which reads them.
"""

from __future__ import annotations

import asyncio
import json
from http import HTTPStatus
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
MAX_REQUEST_LINE = 8 * 1024
MAX_HEAD = 16 * 1024


def json_error(status: int, code: str, msg: str) -> bytes:
    return json.dumps({"result": "error", "code": code, "msg": msg}).encode()


class GatewayProtocol(H11Protocol):
    """One connection: uvicorn's, with JSON errors and a deadline for each request's head."""

    # Set by the runner before the server starts (uvicorn builds protocols itself).
    header_timeout = HEADER_TIMEOUT
    max_request_line = MAX_REQUEST_LINE
    max_head = MAX_HEAD  # also given to h11, which refuses a longer head

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._head_complete():
            self._disarm_head_deadline()
        else:
            self._arm_head_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and not self._head_complete():
            self._arm_head_deadline()

    def timeout_keep_alive_handler(self) -> None:
        self._disarm_head_deadline()
        super().timeout_keep_alive_handler()

    def eof_received(self) -> bool:  # type: ignore[override]  # asyncio.Protocol allows bool
        """The client has sent all it will (a half-close): answer what it sent.

        uvicorn closes the connection at once, so a client that half-closes
        after a complete request would never hear the answer.
        """
        state = self.conn.their_state
        if state in (h11.DONE, h11.MUST_CLOSE):
            return True  # the request is whole; keep the connection to answer it
        pending, _ = self.conn.trailing_data
        if state is h11.SEND_BODY or (state is h11.IDLE and pending):
            # h11 now sees a request cut short, and the protocol answers 400.
            self.conn.receive_data(b"")
            self.handle_events()
            return True
        return False

    def send_400_response(self, msg: str) -> None:
        status, code, reason = self._what_was_wrong()
        self._disarm_head_deadline()
        self._answer_and_close(status, code, reason)

    # ---------------------------------------------------------------------------------

    def _head_complete(self) -> bool:
        """Whether the current request's line and headers have all arrived."""
        return self.conn.their_state is not h11.IDLE

    def _arm_head_deadline(self) -> None:
        if self._head_deadline is None:
            self._head_deadline = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _disarm_head_deadline(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        self._head_deadline = None
        if self.transport.is_closing() or self._head_complete():
            return
        pending, _ = self.conn.trailing_data
        if not pending:  # an idle connection: close it without a word
            self.transport.close()
            return
        self._answer_and_close(
            408,
            "REQUEST_TIMEOUT",
            f"the request's headers did not arrive within {self.header_timeout:g} seconds",
        )

    def _what_was_wrong(self) -> tuple[int, str, str]:
        pending, _ = self.conn.trailing_data
        if len(pending) > self.max_head and b"\r\n\r\n" not in pending:
            line_end = pending.find(b"\r\n")
            if line_end == -1 or line_end > self.max_request_line:
                return 414, "URI_TOO_LONG", f"the URL is longer than {self.max_request_line} bytes"
            return (
                431,
                "REQUEST_HEADER_FIELDS_TOO_LARGE",
                f"the request's headers are larger than {self.max_head} bytes",
            )
        return 400, "BAD_REQUEST", "this is not a well-formed HTTP/1.1 request"

    def _answer_and_close(self, status: int, code: str, reason: str) -> None:
        body = json_error(status, code, reason)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        # The request could not be read, so h11's state machine cannot write
        # the answer; it is written by hand, as HTTP/1.1 on a closing connection.
        lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}".encode()]
        lines += [name + b": " + value for name, value in headers]
        self.transport.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        self.transport.close()
