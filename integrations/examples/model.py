"""The records the example parser yields; Sphinx and pytest both consume them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A line of a documentation file (1-based, as editors count)."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class ExampleSyntaxError(Exception):
    """A malformed example block; always names the file and line."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


@dataclass(frozen=True)
class ExpectMessage:
    """The example posts this message."""

    topic: str
    topic_line: int
    content: str
    content_line: int  # the line of the ```zulip fence
    content_end_line: int = 0  # the line of its closing fence


@dataclass(frozen=True)
class ExpectNothing:
    """The integration deliberately posts nothing for this request."""

    line: int


@dataclass(frozen=True)
class ExpectUnsupported:
    """The integration rejects the event as one it does not handle."""

    line: int


@dataclass(frozen=True)
class ExpectError:
    """The integration rejects the request with this error."""

    text: str
    line: int  # the line of the ```error fence
    end_line: int = 0  # the line of its closing fence


Expectation = ExpectMessage | ExpectNothing | ExpectUnsupported | ExpectError


@dataclass(frozen=True)
class InlineBody:
    """A request body written in the doc, in a ```json or ```text block."""

    text: str
    language: str
    line: int  # the line of the fence


@dataclass(frozen=True)
class FixtureBody:
    """A request body read from the integration's fixtures folder."""

    name: str
    path: Path
    text: str
    line: int  # the line of the :fixture: option


Body = InlineBody | FixtureBody


class _OnAPage:
    """Where a record was written: its page, opening line, and the line of each option."""

    path: Path
    line: int
    option_lines: dict[str, int]

    @property
    def location(self) -> Location:
        return Location(self.path, self.line)

    def line_of(self, option: str) -> int:
        """Where an option was written, or the opening line if it was not."""
        return self.option_lines.get(option, self.line)


@dataclass(frozen=True)
class Example(_OnAPage):
    """One example block of a documentation page."""

    id: str
    title: str
    path: Path
    line: int  # the opening fence
    end_line: int  # the closing fence
    integration: str
    event: str | None
    headers: tuple[tuple[str, str], ...]
    query: tuple[tuple[str, str], ...]
    content_type: str
    body: Body
    expected: Expectation
    secret: str | None = None
    description: str = ""
    description_line: int = 0
    option_lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def body_bytes(self) -> bytes:
        return self.body.text.encode("utf-8")


@dataclass(frozen=True)
class BrokenBlock:
    """An example block that could not be read: where it is, what it is called, why.

    The good examples of its page still run and render; this one fails at
    its line, in pytest and in the site build.
    """

    id: str  # its :name:, or the slug of its title, or line-N
    title: str
    path: Path
    line: int
    end_line: int
    errors: tuple[ExampleSyntaxError, ...]

    @property
    def location(self) -> Location:
        return Location(self.path, self.line)


@dataclass
class ParsedDoc:
    """Everything the parser found in one file."""

    path: Path
    examples: list[Example] = field(default_factory=list)
    script_examples: list[ScriptExample] = field(default_factory=list)
    errors: list[ExampleSyntaxError] = field(default_factory=list)
    # (first line, last line) of every example block, valid or not.
    blocks: list[tuple[int, int]] = field(default_factory=list)
    broken: list[BrokenBlock] = field(default_factory=list)

    def example_at(self, line: int) -> Example | None:
        for example in self.examples:
            if example.line == line:
                return example
        return None

    def script_example_at(self, line: int) -> ScriptExample | None:
        for example in self.script_examples:
            if example.line == line:
                return example
        return None

    def errors_between(self, first: int, last: int) -> list[ExampleSyntaxError]:
        return [error for error in self.errors if first <= error.location.line <= last]

    def errors_outside_blocks(self) -> list[ExampleSyntaxError]:
        """Errors of the page itself (its front matter), not of one example."""
        return [
            error
            for error in self.errors
            if not any(first <= error.location.line <= last for first, last in self.blocks)
        ]

    def broken_at(self, line: int) -> BrokenBlock | None:
        return next((block for block in self.broken if block.line == line), None)


@dataclass(frozen=True)
class CodeBlock:
    """A code block of an example: what it says and where."""

    language: str
    text: str
    line: int
    end_line: int
    info: str = ""  # what follows the language on the fence line


def place_label(channel: str, topic: str, recipients: tuple[str, ...] = ()) -> str:
    """Where a message is, as a ```zulip block names it: ``channel > topic``, or
    ``dm with Alice, Bob`` for a direct message (the people other than its sender)."""
    return f"dm with {', '.join(recipients)}" if recipients else f"{channel} > {topic}"


@dataclass(frozen=True)
class ExpectedPost:
    """A message a script example must send: its channel, topic and content.

    A direct message has no channel or topic but ``recipients``, the names of
    the people it goes to.
    """

    channel: str
    topic: str
    content: str
    line: int  # the ```zulip fence
    end_line: int
    recipients: tuple[str, ...] = ()

    @property
    def place(self) -> str:
        return place_label(self.channel, self.topic, self.recipients)


@dataclass(frozen=True)
class ScriptExample(_OnAPage):
    """One script-example block: what a user does with the tool, and what Zulip receives.

    Examples of a page continue in the same repository (or Trac environment)
    unless one asks for a fresh one; ``setup`` holds the earlier actions,
    which a run replays first, so each example can run on its own.
    """

    id: str
    title: str
    path: Path
    line: int
    end_line: int
    integration: str
    action: CodeBlock  # ```console commands, ```python for Trac, ```user for a chat bot
    setup: tuple[CodeBlock, ...]
    settings: tuple[tuple[str, str], ...]
    zulip: str | None  # how the stand-in answers: None, "down", "error" or "rate-limited"
    posts: tuple[ExpectedPost, ...]
    output: CodeBlock | None
    description: str = ""
    description_line: int = 0
    option_lines: dict[str, int] = field(default_factory=dict, compare=False)
    # The line of a broken example earlier in the chain this one continues:
    # it cannot be replayed, so this one cannot run either.
    continues_broken: int = 0
