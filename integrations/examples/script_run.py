"""Run a script example for real and compare what Zulip received.

The example's repository (git, svn, hg), Trac environment or Hubot is made
the way the integration's page tells users to install it, against a stand-in
for Zulip that validates every request against Zulip's OpenAPI description.
The earlier examples of the chain are replayed first, then the example's
own action runs; the messages it caused are compared with the page.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integrations.examples.model import CodeBlock, ScriptExample, place_label
from integrations.examples.output import matches
from integrations.examples.run import Mismatch
from integrations.examples.script_blocks import console_commands, user_message
from integrations.testing.repos import TOOLS, hooked_repository
from integrations.testing.zulip_standin import ReceivedMessage, ZulipStandIn


@dataclass(frozen=True)
class ScriptOutcome:
    """What the example's own action did."""

    messages: list[ReceivedMessage]
    output: str  # what the commands printed: stdout, then stderr
    returncode: int
    invalid_requests: list[str]
    # Full names by email, to say who a direct message went to.
    names: Mapping[str, str] = field(default_factory=dict)
    # Why the example could not run at all (a tool to install), in one line.
    problem: str | None = None

    def place_of(self, message: ReceivedMessage) -> str:
        """Where ``message`` arrived, as a ```zulip block names it."""
        recipients = tuple(self.names.get(email, email) for email in message.recipients)
        return place_label(message.channel, message.topic, recipients if message.direct else ())


def _setting_value(text: str) -> object:
    """A config file value from an example's ``NAME = value``: a literal, else a string."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


@contextlib.contextmanager
def _answering(standin: ZulipStandIn, mode: str | None) -> Iterator[None]:
    """Make the stand-in answer the way the example asks, for its action only."""
    if mode == "down":
        standin.stop()
    elif mode == "error":
        standin.fail_next(500, times=10)
    elif mode == "rate-limited":
        standin.rate_limit_next(retry_after=0, times=1)
    yield


def run_script_example(example: ScriptExample, directory: Path) -> ScriptOutcome:
    if example.integration == "hubot":
        return _run_hubot(example, directory)
    with ZulipStandIn() as standin:
        if example.integration == "trac":
            return _run_trac(example, directory, standin)
        if example.integration not in TOOLS:
            raise ValueError(f"no sandbox runs examples of {example.integration!r}")
        return _run_tool(example, directory, standin)


def _run_tool(example: ScriptExample, directory: Path, standin: ZulipStandIn) -> ScriptOutcome:
    settings: dict[str, object] = {name: _setting_value(value) for name, value in example.settings}
    if example.integration == "hg":
        settings = {name: str(value) for name, value in settings.items()}
    repo = hooked_repository(example.integration, directory, standin, settings)
    for block in example.setup:
        repo.run(console_commands(block))
    with _answering(standin, example.zulip):
        result = repo.run(console_commands(example.action), check=False)
    return ScriptOutcome(
        result.messages,
        result.stdout + result.stderr,
        result.returncode,
        [request.problem or "invalid" for request in standin.invalid_requests],
    )


def _run_trac(example: ScriptExample, directory: Path, standin: ZulipStandIn) -> ScriptOutcome:
    from trac.ticket.model import Ticket  # type: ignore[import-untyped]

    from integrations.testing.trac import trac_environment

    settings = dict(example.settings)
    trac = trac_environment(directory, standin, settings=settings)
    trac.admin("config", "set", "trac", "base_url", "https://trac.example.com/project")
    printed = io.StringIO()
    with trac.open() as env:
        namespace: dict[str, Any] = {"env": env, "Ticket": Ticket}
        for block in example.setup:
            exec(compile(block.text, str(example.path), "exec"), namespace)
        before = len(standin.messages)
        with _answering(standin, example.zulip), contextlib.redirect_stdout(printed):
            exec(compile(example.action.text, str(example.path), "exec"), namespace)
        received = list(standin.messages[before:])
    return ScriptOutcome(
        received,
        printed.getvalue(),
        0,
        [request.problem or "invalid" for request in standin.invalid_requests],
    )


def _run_hubot(example: ScriptExample, directory: Path) -> ScriptOutcome:
    """People write to a real Hubot running the page's script; what did the bot answer?"""
    from integrations.plugins.hubot import sandbox

    settings = {name: str(_setting_value(value)) for name, value in example.settings}
    try:
        sandbox.installed_bot()
    except sandbox.SetupError as error:
        return ScriptOutcome([], "", 0, [], problem=str(error))
    with sandbox.Conversation(directory, environment=settings) as chat:

        def say(block: CodeBlock) -> None:
            said = user_message(block)
            if said is None:  # the parser refuses such a block; a bug if it gets here
                raise ValueError(f"not a ```user block at line {block.line}")
            others = [chat.standin.user(name).email for name in said.others]
            channel = None if said.direct else said.channel
            chat.say(said.sender, said.content, channel=channel, topic=said.topic, others=others)

        for block in example.setup:
            say(block)
        before = len(chat.standin.messages)
        if example.zulip == "rate-limited":
            chat.standin.rate_limit_next(0, endpoint="/api/v1/messages")
        say(example.action)
        received = list(chat.standin.messages[before:])
        invalid = [request.problem or "invalid" for request in chat.standin.invalid_requests]
        return ScriptOutcome(received, "", 0, invalid, names=chat.names())


def shown(place: str, content: str) -> str:
    return f"{place}\n\n{content}"


def compare_script(example: ScriptExample, outcome: ScriptOutcome) -> Mismatch | None:
    if outcome.problem is not None:
        return Mismatch(example.line, outcome.problem, "")
    if outcome.invalid_requests:
        problems = "\n".join(outcome.invalid_requests)
        return Mismatch(example.line, "a request broke Zulip's API description", problems)
    if outcome.returncode != 0:
        return Mismatch(
            example.action.line,
            f"the commands failed with exit code {outcome.returncode}",
            outcome.output,
        )
    documented = [shown(post.place, post.content) for post in example.posts]
    received = [shown(outcome.place_of(m), m.content) for m in outcome.messages]
    if documented != received:
        line = example.posts[0].line if example.posts else example.line
        for post, got in zip(example.posts, received, strict=False):
            if shown(post.place, post.content) != got:
                line = post.line
                break
        what = (
            f"{len(received)} messages arrived, the page shows {len(documented)}"
            if len(received) != len(documented)
            else "the messages differ"
        )
        diff = difflib.unified_diff(
            "\n\n---\n\n".join(documented).splitlines(),
            "\n\n---\n\n".join(received).splitlines(),
            "documented",
            "received",
            lineterm="",
        )
        return Mismatch(line, what, "\n".join(diff))
    if example.output is not None and not matches(example.output.text, outcome.output):
        return Mismatch(
            example.output.line,
            "the commands printed something else",
            f"printed:\n{outcome.output}\nthe page shows:\n{example.output.text}",
        )
    return None


def action_text(block: CodeBlock) -> str:
    """What a reader types: the console commands, or the Python code."""
    return console_commands(block) if block.language == "console" else block.text
