"""The ``script-example`` block: what a user does with a tool, and the messages Zulip gets.

::

    :::{script-example} New commits on a branch
    :name: new-commits            (default: a slug of the title)
    :integration: git             (default: the page's front matter)
    :settings: MAX_COMMITS = 3    (repeatable; starts a fresh repository)
    :fresh:                       (a fresh repository with the default settings)
    :zulip: down | error | rate-limited   (how Zulip answers this time)
    :expect: messages | nothing

    ```console
    $ git commit -q --allow-empty -m "Say hello"
    $ git push -q origin main
    ```

    ```zulip commits > project / main
    **alice** pushed 1 commit to branch `main`.
    ```

    ```output
    what the commands print, when it matters (... matches anything)
    ```
    :::

The examples of a page run one after the other in the same repository,
unless one asks for a fresh one. For Trac the action is a ```python block,
run inside the Trac environment with ``env`` and ``Ticket`` at hand. For a
chat bot (Hubot) it is what a person says, in a ```user block naming who
and where: ``Alice in general > greetings``, ``Alice in dm`` (a direct
message to the bot) or ``Alice in dm with Bob`` (to the bot and Bob); the
bot's own direct messages arrive in ```zulip blocks named ``dm with Alice``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrations.core.integration import ScriptIntegration
from integrations.examples.blocks import BlockParts, BlockReader, Fence, Option
from integrations.examples.model import CodeBlock, ExpectedPost, ScriptExample
from integrations.examples.webhook_blocks import slug

DIRECTIVE = "script-example"
OPTIONS = ("name", "integration", "settings", "fresh", "zulip", "expect")
ACTIONS = ("console", "python", "user")
ZULIP_ANSWERS = ("down", "error", "rate-limited")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_SETTING = re.compile(r"\s*([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*\Z")
# ```user Alice in general > greetings, ```user Alice in dm [with Bob, Carol]
_SPEAKER = re.compile(r"(?P<sender>\S.*?)\s+in\s+(?P<place>\S.*?)\s*\Z")
_DIRECT = re.compile(r"dm(?:\s+with\s+(?P<people>\S.*?))?\s*\Z")


class ScriptBlock(BlockReader):
    """Turns one script-example block into a ScriptExample, collecting errors."""

    directive = DIRECTIVE
    options = OPTIONS
    repeatable = frozenset({"settings"})

    def parse(
        self, setup: tuple[CodeBlock, ...], inherited: tuple[tuple[str, str], ...]
    ) -> ScriptExample | None:
        """``setup`` and ``inherited`` come from the examples before, which it may continue."""
        parts = self.read()
        if parts is None:
            return None
        example = self._example(parts, setup, inherited)
        return None if self.errors else example

    def _example(
        self,
        parts: BlockParts,
        setup: tuple[CodeBlock, ...],
        inherited: tuple[tuple[str, str], ...],
    ) -> ScriptExample | None:
        name = parts.option("name")
        example_id = name.value if name else slug(parts.title)
        if not _ID.fullmatch(example_id or "-"):
            self.error(
                name.line if name else self.line,
                f"the id {example_id!r} may hold letters, digits, - _ .",
            )
        integration = self.integration(
            parts.option("integration"),
            ScriptIntegration,
            "script examples run scripts and plugins",
        )
        settings = self._settings(parts.options.get("settings", []))
        zulip = parts.option("zulip")
        if zulip and zulip.value not in ZULIP_ANSWERS:
            self.error(zulip.line, f":zulip: is one of {', '.join(ZULIP_ANSWERS)}")
        expect = parts.option("expect")
        if expect and expect.value not in ("messages", "nothing"):
            self.error(expect.line, ":expect: is messages or nothing")
        action, posts, output = self._blocks(parts.fences)
        if action is None:
            self.error(self.line, "the example does nothing: add a ```console (or ```python) block")
        if action is not None and action.language == "user":
            if zulip and zulip.value != "rate-limited":
                self.error(zulip.line, "a chat example (```user) takes :zulip: rate-limited only")
            if output is not None:
                self.error(output.line, "a chat example (```user) has no ```output block")
        nothing = expect is not None and expect.value == "nothing"
        if nothing and posts:
            self.error(posts[0].line, "an example with :expect: nothing has no ```zulip block")
        if not nothing and not posts:
            self.error(self.line, "say what Zulip receives in ```zulip blocks, or :expect: nothing")
        if action is None or integration is None:
            return None
        fresh = bool(settings) or parts.option("fresh") is not None
        return ScriptExample(
            id=example_id,
            title=parts.title,
            path=self.path,
            line=self.line,
            end_line=self.end_line,
            integration=integration.name,
            action=action,
            setup=() if fresh else setup,
            settings=settings if fresh else inherited,
            zulip=zulip.value if zulip else None,
            posts=tuple(posts),
            output=output,
            description=parts.description,
            description_line=parts.description_line,
            option_lines={key: values[0].line for key, values in parts.options.items() if values},
        )

    def _settings(self, given: list[Option]) -> tuple[tuple[str, str], ...]:
        settings = []
        for option in given:
            match = _SETTING.match(option.value)
            if not match:
                self.error(
                    option.line, f"a :settings: line is `NAME = value`, got {option.value!r}"
                )
                continue
            settings.append((match.group(1), match.group(2)))
        return tuple(settings)

    def _blocks(
        self, fences: list[Fence]
    ) -> tuple[CodeBlock | None, list[ExpectedPost], CodeBlock | None]:
        action: CodeBlock | None = None
        output: CodeBlock | None = None
        posts: list[ExpectedPost] = []
        for fence in fences:
            block = CodeBlock(fence.language, fence.text, fence.line, fence.end_line, fence.info)
            if fence.language in ACTIONS:
                if action is not None:
                    self.error(
                        fence.line, f"a second action block (the first is at line {action.line})"
                    )
                elif fence.language == "console":
                    self._check_console(block)
                elif fence.language == "user" and user_message(block) is None:
                    self.error(
                        fence.line,
                        "a ```user block says who writes where: ```user Alice in channel > topic,"
                        " ```user Alice in dm, or ```user Alice in dm with Bob",
                    )
                action = action or block
            elif fence.language == "zulip":
                direct = _DIRECT.match(fence.info.strip())
                if direct and direct.group("people"):
                    people = tuple(_names(direct.group("people")))
                    posts.append(
                        ExpectedPost("", "", fence.text, fence.line, fence.end_line, people)
                    )
                    continue
                place = _channel_and_topic(fence.info)
                if place is None:
                    self.error(
                        fence.line,
                        "a ```zulip block names where it arrives: ```zulip channel > topic"
                        " (or ```zulip dm with Alice)",
                    )
                    continue
                posts.append(ExpectedPost(*place, fence.text, fence.line, fence.end_line))
            elif fence.language == "output":
                if output is not None:
                    self.error(
                        fence.line, f"a second ```output block (the first is at line {output.line})"
                    )
                output = output or block
            else:
                self.error(
                    fence.line,
                    f"unexpected ```{fence.language or '(no language)'} block;"
                    " use console, python, user, zulip or output",
                )
        return action, posts, output

    def _check_console(self, block: CodeBlock) -> None:
        for offset, line in enumerate(block.text.split("\n")):
            if line.strip() and not line.startswith(("$ ", "> ")):
                self.error(
                    block.line + 1 + offset,
                    "a console block holds commands (`$ `) and their continuations (`> `);"
                    " put what they print in an ```output block",
                )


def console_commands(block: CodeBlock) -> str:
    """The shell text of a console block: prompts removed, continuations kept."""
    return "\n".join(line[2:] for line in block.text.split("\n") if line.startswith(("$ ", "> ")))


@dataclass(frozen=True)
class UserMessage:
    """What a ```user block says: who writes, where, and the message."""

    sender: str
    content: str
    channel: str = ""
    topic: str = ""
    # For a direct message: the people other than the sender and the bot.
    direct: bool = False
    others: tuple[str, ...] = ()


def _channel_and_topic(place: str) -> tuple[str, str] | None:
    """``general > greetings`` as (channel, topic); None when either is missing."""
    channel, separator, topic = place.partition(">")
    if not separator or not channel.strip() or not topic.strip():
        return None
    return channel.strip(), topic.strip()


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def user_message(block: CodeBlock) -> UserMessage | None:
    """The message of a ```user block, or None if its fence line is malformed."""
    speaker = _SPEAKER.match(block.info.strip())
    if speaker is None:
        return None
    sender, place = speaker.group("sender"), speaker.group("place")
    direct = _DIRECT.match(place)
    if direct:
        return UserMessage(
            sender, block.text, direct=True, others=tuple(_names(direct["people"] or ""))
        )
    in_channel = _channel_and_topic(place)
    if in_channel is None:
        return None
    return UserMessage(sender, block.text, channel=in_channel[0], topic=in_channel[1])
