"""What New Relic's two messages share: custom fields, and notes on what a template lacks."""

from __future__ import annotations

from collections.abc import Sequence

from integrations.common.monitoring import Fact, scalar_of, text
from integrations.core import BadPayload, Markdown, Payload, code, md
from integrations.webhooks.newrelic.readers import Template, shown


def custom_fields(template: Template) -> list[Fact]:
    """The ``zulipCustomFields`` a template adds, as Zulip's integration reads them.

    A value is text, a number, a boolean or a list of those; anything
    deeper is shown as ``{…}`` or ``[…]`` rather than refused.
    """
    try:
        entries = template.payload["zulipCustomFields"].object(default={})
    except BadPayload:
        template.note(
            "zulipCustomFields", md("{} is not an object").format(code("zulipCustomFields"))
        )
        return []
    return [(key, value_shown(value)) for key, value in entries.items()]


def value_shown(node: Payload) -> Markdown:
    if not node.exists():
        return md("null")
    value = scalar_of(node)
    if value is not None:
        return text(shown(value))
    try:
        items = node.array()
    except BadPayload:  # an object, whatever its content
        return md("{…}")
    return md(", ").join(value_shown(item) for item in items)


def template_note(template: Template, missing: Sequence[str]) -> Markdown:
    """What the payload template lacks or got wrong, for its owner to fix."""
    problems: list[Markdown] = []
    if missing:
        problems.append(md("missing: {}").format(md(", ").join(code(name) for name in missing)))
    problems += template.problems
    if not problems:
        return md("")
    return md("*The payload template needs a look: {}. See the integration's setup.*").format(
        md("; ").join(problems)
    )
