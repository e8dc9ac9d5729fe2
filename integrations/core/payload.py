"""Typed access to a JSON payload that names the field path when it goes wrong.

``Payload`` wraps one value of a parsed JSON document together with the path
that led to it. Navigation never fails; conversion does, with a ``BadPayload``
error that names the first place the document differs from what the code
expected::

    payload["commits"][2]["author"]["name"].string()
    # BadPayload: commits[2].author.name: expected a string, got null

Optional fields take a default, which is returned when the value (or any
object on the way to it) is missing or null; a value of the wrong type is
still an error, because it means the payload is not what we think it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TypeVar, overload

from integrations.core.errors import BadPayload

T = TypeVar("T")

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")
_NO_DEFAULT: Any = object()
ROOT = "(body)"


def describe(value: object) -> str:
    """Name the JSON type of ``value`` the way an error message should."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if value == "" else "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _join(path: str, key: str | int) -> str:
    """Extend a field path the way JavaScript would spell the access."""
    prefix = "" if path == ROOT else path
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    if not _IDENTIFIER.match(key):
        return f"{prefix}[{json.dumps(key)}]"
    return f"{prefix}.{key}" if prefix else key


class _Problem:
    """Why a node has no usable value, recorded where navigation broke."""

    __slots__ = ("absent", "expected", "got", "path")

    def __init__(self, path: str, got: str, *, absent: bool, expected: str | None = None) -> None:
        self.path = path
        self.got = got
        # What the code wanted at ``path``; filled in by whoever learns it.
        self.expected = expected
        # Absent (missing or null on the way) lets optional reads fall back.
        self.absent = absent

    def expecting(self, expected: str) -> _Problem:
        return _Problem(self.path, self.got, absent=self.absent, expected=expected)

    def error(self) -> BadPayload:
        text = f"expected {self.expected}, {self.got}" if self.expected else self.got
        return BadPayload(self.path, text)


class Payload:
    """One value of a JSON document and the path that reached it."""

    __slots__ = ("_path", "_problem", "_value")

    def __init__(self, value: Any, path: str = ROOT, _problem: _Problem | None = None) -> None:
        self._value = value
        self._path = path
        self._problem = _problem

    @property
    def path(self) -> str:
        """Where the value is, as JavaScript spells the access: ``commits[2].author``."""
        return self._path

    def __repr__(self) -> str:
        return f"Payload({self._path})"

    # Navigation ---------------------------------------------------------

    def __getitem__(self, key: str | int) -> Payload:
        """The field ``key`` of an object, or the item ``key`` of a list; never fails.

        What is wrong on the way (a missing field, a null, a list where an
        object was expected) is kept, and the reader called at the end
        raises it, naming the path.
        """
        path = _join(self._path, key)
        container = "an object" if isinstance(key, str) else "a list"
        problem = self._problem
        if problem is not None:
            if problem.path == self._path and problem.expected is None:
                problem = problem.expecting(container)
            return Payload(None, path, problem)
        value = self._value
        if isinstance(key, str) and isinstance(value, dict):
            if key not in value:
                return Payload(None, path, _Problem(path, "but it is missing", absent=True))
            return self._child(value[key], path)
        if isinstance(key, int) and isinstance(value, list):
            if not -len(value) <= key < len(value):
                count = f"{len(value)} item" + ("" if len(value) == 1 else "s")
                got = f"but the list has {count}"
                return Payload(None, path, _Problem(path, got, absent=True))
            return self._child(value[key], path)
        got = f"got {describe(value)}"
        return Payload(None, path, _Problem(self._path, got, absent=False, expected=container))

    @staticmethod
    def _child(value: Any, path: str) -> Payload:
        if value is None:
            return Payload(None, path, _Problem(path, "got null", absent=True))
        return Payload(value, path)

    def exists(self) -> bool:
        """Whether the value is present and not null."""
        return self._problem is None

    def __contains__(self, key: str) -> bool:
        """Whether the value is an object whose field ``key`` is present and not null."""
        return isinstance(self._value, dict) and self._value.get(key) is not None

    # Conversion ---------------------------------------------------------

    def _read(self, expected: str, accepts: tuple[type, ...], default: Any) -> Any:
        problem = self._problem
        if problem is not None:
            if problem.absent and default is not _NO_DEFAULT:
                return default
            if problem.path == self._path and problem.expected is None:
                problem = problem.expecting(expected)
            raise problem.error()
        value = self._value
        # bool is a subclass of int in Python, but not a number in a payload.
        if isinstance(value, accepts) and (bool in accepts or not isinstance(value, bool)):
            return value
        raise BadPayload(self._path, f"expected {expected}, got {describe(value)}")

    @overload
    def string(self) -> str: ...
    @overload
    def string(self, default: T) -> str | T: ...
    def string(self, default: Any = _NO_DEFAULT) -> Any:
        """The value, which must be a string.

        Raises ``BadPayload`` naming the path when it is anything else, or
        missing. With ``default``, a value that is missing or null (or an
        object on the way to it) gives ``default`` instead; a value of
        another type is still an error, since then the payload is not what
        the code thinks it is. The other readers work the same way.
        """
        return self._read("a string", (str,), default)

    @overload
    def integer(self) -> int: ...
    @overload
    def integer(self, default: T) -> int | T: ...
    def integer(self, default: Any = _NO_DEFAULT) -> Any:
        """The value, which must be a whole number (``true`` is not one); see ``string``."""
        return self._read("an integer", (int,), default)

    @overload
    def number(self) -> float: ...
    @overload
    def number(self, default: T) -> float | T: ...
    def number(self, default: Any = _NO_DEFAULT) -> Any:
        """The value, which must be a number, as a ``float``; see ``string``."""
        value = self._read("a number", (int, float), default)
        return float(value) if isinstance(value, int) else value

    @overload
    def boolean(self) -> bool: ...
    @overload
    def boolean(self, default: T) -> bool | T: ...
    def boolean(self, default: Any = _NO_DEFAULT) -> Any:
        """The value, which must be ``true`` or ``false``; see ``string``."""
        return self._read("a boolean", (bool,), default)

    @overload
    def array(self) -> list[Payload]: ...
    @overload
    def array(self, default: T) -> list[Payload] | T: ...
    def array(self, default: Any = _NO_DEFAULT) -> Any:
        """The items of a list, each a ``Payload`` with its own path; see ``string``.

        Iterating over a ``Payload`` does the same.
        """
        value = self._read("a list", (list,), default)
        if not isinstance(self._value, list):  # missing or null: _read gave the default
            return value
        return [self[index] for index in range(len(value))]

    @overload
    def object(self) -> dict[str, Payload]: ...
    @overload
    def object(self, default: T) -> dict[str, Payload] | T: ...
    def object(self, default: Any = _NO_DEFAULT) -> Any:
        """The fields of an object, each value a ``Payload`` with its own path; see ``string``."""
        value = self._read("an object", (dict,), default)
        if not isinstance(self._value, dict):  # missing or null: _read gave the default
            return value
        return {key: self[key] for key in value}

    def __iter__(self) -> Iterator[Payload]:
        # Iterating means "the items of a list"; say so when it is not one.
        return iter(self.array())

    def raw(self) -> Any:
        """The JSON value itself, for code that only copies it (never branch on it)."""
        if self._problem is not None:
            raise self._problem.expecting(self._problem.expected or "a value").error()
        return self._value
