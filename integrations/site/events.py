"""The supported-events table: every declaration of a webhook, with its examples.

The rows come from the integration's declarations, in the order it makes
them: each ``handles`` says what it posts (its handler's docstring), each
``ignores`` why nothing is posted. The examples come from the page's own
example blocks (the shared parser), each linked by its anchor,
``#example-<id>``, in the row of the event and action its request carries.
Examples of events or actions nothing declares get rows of their own, shown
as refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from docutils import nodes

from integrations.core.errors import IntegrationError
from integrations.core.events import HeaderEvent
from integrations.core.integration import WebhookIntegration
from integrations.core.payload import Payload
from integrations.core.routing import Declaration
from integrations.examples.model import (
    Example,
    ExpectError,
    ExpectMessage,
    ExpectNothing,
    ExpectUnsupported,
)
from integrations.examples.run import request_for

OUTCOME_NOTES = {"message": "", "nothing": "posts nothing", "error": "rejected", "unsupported": ""}


@dataclass(frozen=True)
class ExampleLink:
    id: str
    title: str
    outcome: str

    @property
    def anchor(self) -> str:
        return f"#example-{self.id}"


@dataclass(frozen=True)
class EventRow:
    """One declaration (or one refused event) and the examples that show it.

    ``actions`` is None for a whole event; ``what`` is what is posted, or
    why nothing is; ``supported`` is False for a row of refused examples.
    """

    events: tuple[str, ...]
    actions: tuple[str, ...] | None
    what: str
    ignored: bool
    examples: tuple[ExampleLink, ...]
    supported: bool = True

    @property
    def event(self) -> str:
        return self.events[0]


def outcome_of(example: Example) -> str:
    kinds = {
        ExpectMessage: "message",
        ExpectNothing: "nothing",
        ExpectError: "error",
        ExpectUnsupported: "unsupported",
    }
    return kinds[type(example.expected)]


def example_delivery(
    example: Example, integration: WebhookIntegration
) -> tuple[str | None, str | None]:
    """The event and action an example's request carries, as the integration reads them.

    Reading them uses the framework's event source and action fields, not
    the integration's handlers; what cannot be read is None.
    """
    fixed = integration.event_source.fixed_event
    try:
        payload = Payload(json.loads(example.body.text))
    except ValueError:
        return fixed or example.event, None
    try:
        event = integration.event_source.event_of(request_for(example, integration), payload)
    except IntegrationError:
        return fixed or example.event, None
    try:
        action = integration.routes.action_of(event, payload) or None
    except IntegrationError:
        action = None
    return event, action


def _row_of(declaration: Declaration, examples: tuple[ExampleLink, ...]) -> EventRow:
    return EventRow(
        declaration.events,
        declaration.actions,
        declaration.description,
        declaration.ignored is not None,
        examples,
    )


def event_rows(integration: WebhookIntegration, examples: Iterable[Example]) -> list[EventRow]:
    declarations = integration.routes.declarations
    found: dict[int, list[ExampleLink]] = {}
    refused: dict[tuple[str, str | None], list[ExampleLink]] = {}
    for example in examples:
        if example.integration != integration.name:
            continue
        event, action = example_delivery(example, integration)
        if event is None:
            continue
        link = ExampleLink(example.id, example.title, outcome_of(example))
        index = _declaration_of(declarations, event, action)
        if index is None:
            refused.setdefault((event, action), []).append(link)
        else:
            found.setdefault(index, []).append(link)
    rows = [
        _row_of(declaration, tuple(found.get(index, ())))
        for index, declaration in enumerate(declarations)
    ]
    for (event, action), links in refused.items():
        actions = (action,) if action is not None else None
        rows.append(EventRow((event,), actions, "", False, tuple(links), supported=False))
    return rows


def _declaration_of(declarations: list[Declaration], event: str, action: str | None) -> int | None:
    for index, declaration in enumerate(declarations):
        if event not in declaration.events:
            continue
        if declaration.actions is None or action in declaration.actions:
            return index
    return None


# Docutils nodes -----------------------------------------------------------------

_INLINE = re.compile(r"``([^`]+)``|`([^`]+)`|\*\*([^*]+)\*\*")


def inline(text: str) -> list[nodes.Node]:
    """A docstring sentence as nodes: `code` and **bold**, the rest plain text."""
    parts: list[nodes.Node] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            parts.append(nodes.Text(text[position : match.start()]))
        code = match.group(1) or match.group(2)
        if code is not None:
            parts.append(nodes.literal(text=code))
        else:
            parts.append(nodes.strong(text=match.group(3)))
        position = match.end()
    if position < len(text):
        parts.append(nodes.Text(text[position:]))
    return parts


def _entry(*children: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    paragraph = nodes.paragraph()
    paragraph.extend(children)
    entry += paragraph
    return entry


def _names(names: Iterable[str], triggers: dict[str, str] | None = None) -> list[nodes.Node]:
    """Event or action names as code, each with what the service's settings call it."""
    children: list[nodes.Node] = []
    for index, name in enumerate(names):
        if index:
            children.append(nodes.Text(", "))
        children.append(nodes.literal(text=name))
        trigger = (triggers or {}).get(name)
        if trigger:
            children += [nodes.Text(" ("), nodes.strong(text=trigger), nodes.Text(")")]
    return children


def _carrier_rows(integration: WebhookIntegration, has_actions: bool) -> list[list[nodes.entry]]:
    """Header values whose event the payload names (GitLab's ``System Hook``), one row each."""
    source = integration.event_source
    if not isinstance(source, HeaderEvent):
        return []
    rows = []
    for value, resolve in source.from_payload.items():
        doc = " ".join((resolve.__doc__ or "").strip().split("\n\n", 1)[0].split())
        what = inline(doc or "Posted as the event the payload names.")
        cells = [_entry(*_names([value], integration.triggers))]
        if has_actions:
            cells.append(_entry(nodes.Text("")))
        cells += [_entry(*what), _entry(nodes.Text(""))]
        rows.append(cells)
    return rows


def _what_cell(row: EventRow) -> nodes.entry:
    if not row.supported:
        return _entry(nodes.strong(text="Refused"), nodes.Text(" as unsupported."))
    if row.ignored:
        return _entry(nodes.strong(text="Nothing"), nodes.Text(": "), *inline(row.what))
    return _entry(*inline(row.what))


def _examples_cell(row: EventRow) -> nodes.entry:
    if not row.examples:
        return _entry(nodes.emphasis(text="no example yet"))
    children: list[nodes.Node] = []
    for index, link in enumerate(row.examples):
        if index:
            children.append(nodes.Text(" · "))
        children.append(nodes.reference("", link.title, refuri=link.anchor, internal=True))
        if OUTCOME_NOTES[link.outcome] and not row.ignored:
            children.append(nodes.Text(f" ({OUTCOME_NOTES[link.outcome]})"))
    return _entry(*children)


def _table(head: list[str], body_rows: list[tuple[list[str], list[nodes.entry]]]) -> nodes.table:
    table = nodes.table(classes=["zi-supported-events"])
    group = nodes.tgroup(cols=len(head))
    table += group
    for width in (2, 2, 4, 3)[: len(head)]:
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    header = nodes.row()
    for title in head:
        header += _entry(nodes.Text(title))
    thead += header
    group += thead
    tbody = nodes.tbody()
    for classes, cells in body_rows:
        line = nodes.row(classes=classes)
        for cell in cells:
            line += cell
        tbody += line
    group += tbody
    return table


def events_table(integration: WebhookIntegration, rows: list[EventRow]) -> list[nodes.Node]:
    source = integration.event_source
    if source.fixed_event is not None:
        intro = f"{integration.display_name} sends a single kind of event."
    else:
        intro = f"{integration.display_name} names the event in {source.description}"
        actions = integration.actions
        by_action = [event for event in integration.events if integration.routes.by_action(event)]
        if actions is not None and by_action:
            paths = sorted({actions.describe(event) for event in by_action})
            fields = " or ".join(f"`{path}`" for path in paths)
            intro += f", and what happened to it in the payload's {fields}"
        intro += "."
    has_actions = any(row.actions for row in rows)
    head = (
        ["Event", "Action", "What is posted", "Examples"]
        if has_actions
        else [
            "Event",
            "What is posted",
            "Examples",
        ]
    )
    body: list[tuple[list[str], list[nodes.entry]]] = []
    previous: tuple[str, ...] = ()
    for row in rows:
        # Consecutive rows of the same events name them once.
        same = row.events == previous and row.supported
        previous = row.events
        names = [] if same else _names(row.events, integration.triggers)
        cells = [_entry(*names)]
        if has_actions:
            cells.append(_entry(*_names(row.actions or ())))
        cells += [_what_cell(row), _examples_cell(row)]
        classes = []
        if not row.supported:
            classes.append("zi-unsupported-event")
        if row.ignored:
            classes.append("zi-ignored-event")
        body.append((classes, cells))
    body += [([], cells) for cells in _carrier_rows(integration, has_actions)]
    if source.fixed_event is None:
        refusal = _entry(
            nodes.strong(text="Refused"),
            nodes.Text(
                " as unsupported, and nothing is posted: the service's delivery log"
                " shows a 400 answer that names it."
            ),
        )
        others = [_entry(nodes.Text("any other event")), refusal]
        if has_actions:
            others.insert(1, _entry(nodes.Text("")))
            body.append(
                (
                    ["zi-unsupported-event"],
                    [
                        _entry(nodes.Text("an event above")),
                        _entry(nodes.Text("any other action")),
                        _entry(
                            nodes.strong(text="Refused"),
                            nodes.Text(" as unsupported, naming both, such as "),
                            nodes.literal(text="event.action"),
                            nodes.Text("."),
                        ),
                        _entry(nodes.Text("")),
                    ],
                )
            )
        body.append((["zi-unsupported-event"], [*others, _entry(nodes.Text(""))]))
    paragraph = nodes.paragraph()
    paragraph.extend(inline(intro))
    return [paragraph, _table(head, body)]
