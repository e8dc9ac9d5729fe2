"""What arrives at a webhook URL: a body, headers and URL parameters."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from integrations.core.errors import BadRequest


class Headers(Mapping[str, str]):
    """HTTP headers, looked up without regard to case, in the order given."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items: dict[str, tuple[str, str]] = {}
        for name, value in pairs:
            self._items[name.lower()] = (name, value)

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"


@dataclass(frozen=True)
class WebhookRequest:
    """One POST to an integration's URL.

    ``url`` is the address the service called, as it knows it (scheme, host,
    path and query), for services that sign it (Trello); empty when unknown.
    """

    body: bytes
    headers: Headers = field(default_factory=Headers)
    query: Mapping[str, str] = field(default_factory=dict)
    url: str = ""

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "application/json").split(";")[0].strip().lower()


# Turns a request into the parsed payload.
BodyReader = Callable[[WebhookRequest], Any]


def json_body(request: WebhookRequest) -> Any:
    """The body parsed as JSON; the default for every integration."""
    return _parse_json(request.body, "the request body")


def form_field_json(name: str) -> BodyReader:
    """A reader for services that post JSON inside a form field (Travis CI)."""

    def read(request: WebhookRequest) -> Any:
        if request.content_type == "application/json":
            return json_body(request)
        fields = dict(parse_qsl(_decode(request.body), keep_blank_values=True))
        if name not in fields:
            raise BadRequest(f"the form field {name!r} that holds the JSON payload is missing")
        return _parse_json(fields[name].encode(), f"the form field {name!r}")

    return read


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the request body is not UTF-8 (byte {error.start})") from None


def _parse_json(body: bytes, what: str) -> Any:
    text = _decode(body)
    if not text.strip():
        raise BadRequest(f"{what} is empty; expected JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadRequest(
            f"{what} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise BadRequest(f"{what} nests too deeply to read") from None
    except ValueError as error:
        # Python refuses integers of more than 4,300 digits, among others.
        raise BadRequest(f"{what} holds a value that cannot be read: {error}") from None
