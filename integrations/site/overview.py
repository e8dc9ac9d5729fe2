"""The overview of a long webhook page: its examples, by event, near the top.

A page of a few hundred examples is tens of thousands of pixels tall. The
overview lists its events, each with the number of its examples, and opens
(without a script: it is a ``<details>``) to the links to them. It is built
from the same rows as the supported-events table, so an example is listed
under the event its request carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from integrations.examples.model import Example
from integrations.site.events import EventRow, ExampleLink, outcome_of

# Pages with fewer examples than this are short enough to scroll.
MIN_EXAMPLES = 20


@dataclass(frozen=True)
class EventExamples:
    events: tuple[str, ...]
    examples: tuple[ExampleLink, ...]


def group_by_event(rows: list[EventRow], examples: list[Example]) -> list[EventExamples]:
    """The examples of the rows, one group per event (rows of its actions merged), in order.

    Examples whose request names no event the integration can read (a
    request it rejects for that) come last, in a group of their own.
    """
    groups: dict[tuple[str, ...], list[ExampleLink]] = {}
    for row in rows:
        if row.examples:
            links = groups.setdefault(row.events, [])
            links += [link for link in row.examples if link not in links]
    listed = {link.id for links in groups.values() for link in links}
    others = [
        ExampleLink(example.id, example.title, outcome_of(example))
        for example in examples
        if example.id not in listed
    ]
    found = [EventExamples(events, tuple(links)) for events, links in groups.items()]
    return found + ([EventExamples((), tuple(others))] if others else [])


def _label(group: EventExamples) -> str:
    if not group.events:
        return "without an event"
    return ", ".join(f"<code>{escape(event)}</code>" for event in group.events)


def overview_html(groups: list[EventExamples]) -> str:
    count = sum(len(group.examples) for group in groups)
    items = "".join(
        f"<li><details><summary>{_label(group)}"
        f' <span class="zi-overview-count">{len(group.examples)}</span></summary><ul>'
        + "".join(
            f'<li><a href="{escape(link.anchor)}">{escape(link.title)}</a></li>'
            for link in group.examples
        )
        + "</ul></details></li>"
        for group in groups
    )
    return (
        '<nav class="zi-overview" aria-label="Examples by event">'
        f"<p>The {count} examples of this page, by event:</p>"
        f'<ul class="zi-overview-events">{items}</ul></nav>'
    )
