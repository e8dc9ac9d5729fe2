"""URL options: the query parameters an integration accepts, declared once with a type and help.

An option is declared as a value (``BRANCHES = PatternsOption("branches",
help=...)``) and given to the integration (``options=[BRANCHES]``). The core
reads every declared option from the query before a handler runs: a value
that does not parse is a ``BadRequest`` naming the parameter, and the handler
gets typed values (``delivery.options[BRANCHES]``), never the raw query.

The same declarations feed the URL builder, the ``integrations render``
command and the documentation, so an option exists in one place.
"""

from __future__ import annotations

import fnmatch
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar, cast

from integrations.core.errors import BadRequest

T = TypeVar("T")

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


@dataclass(frozen=True)
class Patterns:
    """A comma-separated list of names with ``*`` wildcards, such as ``main,release-*``."""

    patterns: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Patterns:
        """Comma-separated names, or a JSON list of names as Zulip's own webhooks take them."""
        if text.lstrip().startswith("["):
            try:
                names = json.loads(text)
            except ValueError:
                names = None
            if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
                raise ValueError('expected a JSON list of names, such as ["push"]')
            return cls(tuple(name.strip() for name in names if name.strip()))
        return cls(tuple(part.strip() for part in text.split(",") if part.strip()))

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def matches(self, name: str) -> bool:
        """Whether some pattern matches ``name`` (case matters, as in the names services send)."""
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in self.patterns)

    def matches_any(self, names: Iterable[str]) -> bool:
        return any(self.matches(name) for name in names)

    def allows(self, name: str) -> bool:
        """An empty list allows everything; otherwise only what it matches."""
        return not self.patterns or self.matches(name)

    def __str__(self) -> str:
        return ",".join(self.patterns)


class Option(ABC, Generic[T]):
    """One URL parameter: its name, the value it takes when absent, and one line of help."""

    # What the URL builder shows for it: a text field, a list field or a checkbox.
    kind: ClassVar[str] = "text"

    def __init__(self, name: str, *, help: str, default: T, placeholder: str = "") -> None:
        if not name or not name.replace("_", "").isalnum() or name != name.lower():
            raise ValueError(f"option name {name!r} must be lower case letters, digits, _")
        if not help.strip() or "\n" in help:
            raise ValueError(f"option {name}: the help is one line of text")
        self.name = name
        self.help = help
        self.default = default
        self.placeholder = placeholder

    @property
    @abstractmethod
    def accepts(self) -> str:
        """The values it takes, for the documentation and error messages."""

    @abstractmethod
    def parse(self, text: str) -> T:
        """The value of ``text``; ``ValueError`` with a reason when it has none."""

    def read(self, query: Mapping[str, str]) -> T:
        """This option's value in ``query``: the default when absent or empty."""
        text = query.get(self.name)
        if text is None or not text.strip():
            return self.default
        try:
            return self.parse(text.strip())
        except ValueError as error:
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise BadRequest(
                f"the URL parameter {self.name}={shown!r} is not valid: {error}"
            ) from None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class TextOption(Option[str]):
    """Free text, such as a topic name."""

    def __init__(self, name: str, *, help: str, default: str = "", placeholder: str = "") -> None:
        super().__init__(name, help=help, default=default, placeholder=placeholder)

    @property
    def accepts(self) -> str:
        return "text"

    def parse(self, text: str) -> str:
        return text


class FlagOption(Option[bool]):
    """``true`` or ``false`` (also ``1``/``0``, ``yes``/``no``, ``on``/``off``)."""

    kind: ClassVar[str] = "flag"

    def __init__(self, name: str, *, help: str, default: bool = False) -> None:
        super().__init__(name, help=help, default=default)

    @property
    def accepts(self) -> str:
        return "true or false"

    def parse(self, text: str) -> bool:
        word = text.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError("expected true or false")


class PatternsOption(Option[Patterns]):
    """A comma-separated list of names, each may hold ``*`` wildcards."""

    kind: ClassVar[str] = "patterns"

    def __init__(self, name: str, *, help: str, placeholder: str = "") -> None:
        super().__init__(name, help=help, default=Patterns(), placeholder=placeholder)

    @property
    def accepts(self) -> str:
        return "comma-separated names or a JSON list of them, with * wildcards"

    def parse(self, text: str) -> Patterns:
        return Patterns.parse(text)


class ChoiceOption(Option[str]):
    """One of a few words, such as ``full`` or ``short``."""

    kind: ClassVar[str] = "choice"

    def __init__(self, name: str, *, help: str, choices: Sequence[str], default: str) -> None:
        if default not in choices:
            raise ValueError(f"option {name}: the default {default!r} is not one of {choices}")
        super().__init__(name, help=help, default=default)
        self.choices = tuple(choices)

    @property
    def accepts(self) -> str:
        return " or ".join(self.choices)

    def parse(self, text: str) -> str:
        if text not in self.choices:
            raise ValueError(f"expected {self.accepts}")
        return text


class Options:
    """The typed values of an integration's options for one request."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = dict(values or {})

    @classmethod
    def read(cls, declared: Iterable[Option[Any]], query: Mapping[str, str]) -> Options:
        """Every declared option's value in ``query``; ``BadRequest`` names a bad one."""
        return cls({option.name: option.read(query) for option in declared})

    def __getitem__(self, option: Option[T]) -> T:
        if option.name in self._values:
            return cast(T, self._values[option.name])
        return option.default

    def __repr__(self) -> str:
        return f"Options({self._values!r})"


# The options every webhook understands, as Zulip's own webhooks do.

TOPIC = TextOption(
    "topic",
    help="Post everything to this topic; each message then starts with the one it would have had.",
)
ONLY_EVENTS = PatternsOption(
    "only_events",
    help="Post only these events (comma-separated, * wildcards).",
)
EXCLUDE_EVENTS = PatternsOption(
    "exclude_events",
    help="Post every event but these (comma-separated, * wildcards).",
)
COMMON_OPTIONS: tuple[Option[Any], ...] = (TOPIC, ONLY_EVENTS, EXCLUDE_EVENTS)
