"""Bad-input variants of an example's payload, to show no input crashes an integration.

For each example we first record which fields its handler reads, then break
each of those fields in turn (remove it, make it null, give it a wrong
type, make it an empty string) and break the body as a whole (cut short,
not JSON). Every variant must end in a message, nothing, or one of the
integration's errors; any other exception is a bug.

Fields the handler never reads cannot change what it does, so watching
reads keeps the variants few for large payloads (a GitHub push carries
hundreds of fields) without missing any that matter.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from integrations.core.integration import WebhookIntegration
from integrations.core.payload import Payload
from integrations.core.request import WebhookRequest

Key = str | int
Path = tuple[Key, ...]
_MISSING = object()


class TracingPayload(Payload):
    """A Payload that records the path of every field read through it."""

    __slots__ = ("_keys", "_log")

    def __init__(self, value: Any, log: set[Path], keys: Path = ()) -> None:
        super().__init__(value)
        self._keys = keys
        self._log = log

    def __getitem__(self, key: str | int) -> Payload:
        child = super().__getitem__(key)
        keys = (*self._keys, key)
        self._log.add(keys)
        traced = TracingPayload(child._value, self._log, keys)
        traced._path, traced._problem = child._path, child._problem
        return traced


def fields_read(integration: WebhookIntegration, request: WebhookRequest, body: Any) -> set[Path]:
    """The paths the handler reads for this request (empty if it fails first)."""
    log: set[Path] = set()
    # Whatever goes wrong here, the variants themselves will report it.
    with contextlib.suppress(Exception):
        integration.dispatch(request, TracingPayload(body, log))
    return log


@dataclass(frozen=True)
class Variant:
    """One broken version of a payload."""

    description: str
    body: Any = None
    raw: bytes | None = None  # set for variants of the raw body


def _wrong_type(value: Any) -> Any:
    if isinstance(value, bool):
        return "true"
    if isinstance(value, int | float):
        return "12"
    if isinstance(value, str):
        return 12
    if isinstance(value, list):
        return {"0": value[0] if value else None}
    if isinstance(value, dict):
        return [value]
    return {}


def _get(document: Any, path: Path) -> Any:
    value = document
    for key in path:
        in_object = isinstance(value, dict) and isinstance(key, str) and key in value
        in_list = (
            isinstance(value, list) and isinstance(key, int) and -len(value) <= key < len(value)
        )
        if not (in_object or in_list):
            return _MISSING
        value = value[key]
    return value


def _replaced(document: Any, path: Path, new: Any) -> Any:
    """A copy of ``document`` with ``path`` set to ``new`` (or removed, for _MISSING).

    Only the containers along the path are copied, so a variant of a large
    payload costs as much as the path is deep.
    """
    if not path:
        return new
    key, rest = path[0], path[1:]
    container: Any = dict(document) if isinstance(document, dict) else list(document)
    if rest:
        container[key] = _replaced(document[key], rest, new)
    elif new is _MISSING:
        del container[key]
    else:
        container[key] = new
    return container


def _label(path: Path) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text or "(body)"


def variants(body: Any, raw: bytes, paths: set[Path]) -> Iterator[Variant]:
    """Every variant of ``body``: each read field broken four ways, then the raw body."""
    for path in sorted(paths, key=lambda keys: (len(keys), [str(key) for key in keys])):
        current = _get(body, path)
        if current is _MISSING:
            continue
        label = _label(path)
        yield Variant(f"{label} removed", _replaced(body, path, _MISSING))
        yield Variant(f"{label} set to null", _replaced(body, path, None))
        yield Variant(f"{label} given a wrong type", _replaced(body, path, _wrong_type(current)))
        if current != "":
            yield Variant(f"{label} set to an empty string", _replaced(body, path, ""))
    yield Variant("the body cut in half", raw=raw[: len(raw) // 2])
    yield Variant("a body that is not JSON", raw=b"<html>Bad gateway</html>")
    yield Variant("an empty body", raw=b"")
    for name, other in (("a list", []), ("a string", "text"), ("a number", 3), ("null", None)):
        yield Variant(f"a body that is {name}", raw=json.dumps(other).encode())
