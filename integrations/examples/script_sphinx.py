"""Sphinx side of script examples: the commands a user runs, and the messages Zulip gets.

Like the webhook directive, it renders the record the shared parser made for
its line, never its own reading of the options. Loaded by
``integrations.examples.sphinxext``.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from integrations.core.registry import default_registry
from integrations.examples import html
from integrations.examples.model import ScriptExample
from integrations.examples.parse import SCRIPT_DIRECTIVE
from integrations.examples.script_blocks import user_message
from integrations.examples.sphinxext import ExampleDirective

ZULIP_ANSWERS = {
    "down": "Zulip cannot be reached this time.",
    "error": "Zulip fails with HTTP 500 this time.",
    "rate-limited": "Zulip answers “too many requests” (HTTP 429) first this time.",
}


def _raw(markup: str) -> nodes.raw:
    return nodes.raw("", markup, format="html")


class ScriptExampleDirective(ExampleDirective):
    def run(self) -> list[nodes.Node]:
        found = self.parsed()
        example = found[0].script_example_at(found[1]) if found else None
        return [self._render(example)] if example else self.broken(found)

    def _render(self, example: ScriptExample) -> nodes.Element:
        box = self.box(example.id, "zi-script-example")
        box += _raw(
            f'<p class="zi-example-title"><strong>{escape(example.title)}</strong>'
            f'<a class="headerlink" href="#example-{example.id}" title="Link to this example">'
            "¶</a></p>"
        )
        box += self.description(example)
        notes = []
        chat = example.action.language == "user"
        if example.settings and not example.setup:
            settings = ", ".join(f"{name} = {value}" for name, value in example.settings)
            where = "A bot started afresh" if chat else "In a new repository"
            notes.append(f"{where}, with <code>{escape(settings)}</code>.")
        if example.zulip:
            notes.append(escape(ZULIP_ANSWERS[example.zulip]))
        if notes:
            box += _raw(f'<p class="zi-script-notes">{" ".join(notes)}</p>')
        action = example.action
        if chat:
            box += _raw(_conversation_html(example))
        else:
            box += nodes.literal_block(action.text, action.text, language=action.language)
            box += _raw(_outcome_html(example))
        fallback = "\n\n".join([f"{post.place}\n\n{post.content}" for post in example.posts])
        if fallback:
            only_elsewhere = addnodes.only(expr="not html")
            only_elsewhere += nodes.literal_block(fallback, fallback)
            box += only_elsewhere
        return box


def _outcome_html(example: ScriptExample) -> str:
    sender = default_registry().get(example.integration).display_name
    parts = [
        html.message_card(post.channel, post.topic, sender, post.content, example.integration)
        for post in example.posts
    ]
    if not example.posts:
        parts.append('<div class="zi-note zi-nothing"><p>Nothing is posted.</p></div>')
    if example.output is not None:
        parts.append(
            '<p class="zi-script-output-label">What the commands print:</p>'
            f'<div class="highlight-text notranslate"><div class="highlight"><pre>'
            f"{escape(example.output.text)}\n</pre></div></div>"
        )
    return '<div class="zi-outcome">' + "".join(parts) + "</div>"


def _conversation_html(example: ScriptExample) -> str:
    """A person's message to a chat bot, and the bot's answers, as Zulip shows them."""
    said = user_message(example.action)
    if said is None:  # the parser refuses such an example
        return ""
    bot = default_registry().get(example.integration).display_name
    messages = [
        html.ChatMessage(
            said.sender,
            said.content,
            said.channel,
            said.topic,
            people=(said.sender, bot, *said.others) if said.direct else (),
        )
    ]
    messages += [
        html.ChatMessage(
            bot,
            post.content,
            post.channel,
            post.topic,
            people=(bot, *post.recipients) if post.recipients else (),
            bot=True,
            integration=example.integration,
        )
        for post in example.posts
    ]
    parts = [html.conversation(messages)]
    if not example.posts:
        parts.append(f'<div class="zi-note zi-nothing"><p>{escape(bot)} says nothing.</p></div>')
    return '<div class="zi-outcome zi-chat">' + "".join(parts) + "</div>"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive(SCRIPT_DIRECTIVE, ScriptExampleDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
