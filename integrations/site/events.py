"""The supported-events table: every event a webhook handles, linked to its examples.

The rows come from the integration's table of handlers, in the order it
declares them; the examples from the page's own example blocks (the shared
parser), each linked by its anchor, ``#example-<id>``. Events that examples
show being rejected as unsupported get a row too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from docutils import nodes

from integrations.core.errors import IntegrationError
from integrations.core.events import SingleEvent
from integrations.core.integration import WebhookIntegration
from integrations.core.payload import Payload
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
    event: str
    supported: bool
    examples: tuple[ExampleLink, ...]


def outcome_of(example: Example) -> str:
    kinds = {
        ExpectMessage: "message",
        ExpectNothing: "nothing",
        ExpectError: "error",
        ExpectUnsupported: "unsupported",
    }
    return kinds[type(example.expected)]


def example_event(example: Example, integration: WebhookIntegration) -> str | None:
    """The event an example carries: its ``:event:``, or what the request says.

    Reading the event uses the framework's event source (a header or a field
    of the payload), not the integration's handlers.
    """
    if example.event is not None:
        return example.event
    if isinstance(integration.event_source, SingleEvent):
        return integration.event_source.event
    try:
        body = json.loads(example.body.text)
        return integration.event_source.event_of(request_for(example, integration), Payload(body))
    except (ValueError, IntegrationError):
        return None


def event_rows(integration: WebhookIntegration, examples: Iterable[Example]) -> list[EventRow]:
    found: dict[str, list[ExampleLink]] = {}
    for example in examples:
        if example.integration != integration.name:
            continue
        event = example_event(example, integration)
        if event is not None:
            link = ExampleLink(example.id, example.title, outcome_of(example))
            found.setdefault(event, []).append(link)
    rows = [EventRow(event, True, tuple(found.pop(event, ()))) for event in integration.events]
    rows += [EventRow(event, False, tuple(links)) for event, links in found.items()]
    return rows


# Docutils nodes -----------------------------------------------------------------


def _entry(*children: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    paragraph = nodes.paragraph()
    paragraph.extend(children)
    entry += paragraph
    return entry


def _examples_cell(row: EventRow) -> nodes.entry:
    if not row.supported:
        children: list[nodes.Node] = [nodes.emphasis(text="not supported")]
        if row.examples:
            children.append(nodes.Text(": "))
    elif not row.examples:
        return _entry(nodes.emphasis(text="no example yet"))
    else:
        children = []
    for index, link in enumerate(row.examples):
        if index:
            children.append(nodes.Text(" · "))
        children.append(nodes.reference("", link.title, refuri=link.anchor, internal=True))
        if OUTCOME_NOTES[link.outcome]:
            children.append(nodes.Text(f" ({OUTCOME_NOTES[link.outcome]})"))
    return _entry(*children)


def events_table(integration: WebhookIntegration, rows: list[EventRow]) -> list[nodes.Node]:
    source = integration.event_source
    intro = nodes.paragraph(
        text=f"{integration.display_name} sends a single kind of event."
        if isinstance(source, SingleEvent)
        else f"{integration.display_name} names the event in {source.description}."
    )
    table = nodes.table(classes=["zi-supported-events"])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=1)
    group += nodes.colspec(colwidth=3)
    head = nodes.thead()
    header = nodes.row()
    header += _entry(nodes.Text("Event"))
    header += _entry(nodes.Text("Examples"))
    head += header
    group += head
    body = nodes.tbody()
    for row in rows:
        line = nodes.row(classes=[] if row.supported else ["zi-unsupported-event"])
        line += _entry(nodes.literal(text=row.event))
        line += _examples_cell(row)
        body += line
    group += body
    return [intro, table]
