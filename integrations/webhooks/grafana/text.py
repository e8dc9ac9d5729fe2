"""The pieces Grafana's messages are made of: labels, summaries, annotation bodies.

Label names and values come from whoever writes the alert rules, and from
the monitored systems themselves (a pod's name, an error string), so they
are shown in code spans, which can neither mention anyone nor make markup.
Annotations are prose their authors may write in Markdown: they are quoted
with ``quoted_body``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from integrations.core import Markdown, code, escape, md
from integrations.core.bodies import quoted_body

# A rule Grafana could not evaluate: no data, or an error.
NOT_EVALUATED = Markdown(":warning:")
LABELS_SHOWN = 8
# What a description may take of a message, so many alerts still fit.
BODY_CHARACTERS = 2000
# What one alert's summary may take of a line in a list.
SUMMARY_CHARACTERS = 160
# Annotations shown on their own, or internal to Grafana.
_SHOWN_APART = ("summary", "description", "runbook_url")


def labels(pairs: Mapping[str, str], *, hide: Iterable[str] = ()) -> Markdown:
    """``name=value`` code spans, at most ``LABELS_SHOWN``, then how many more."""
    hidden = set(hide)
    shown = [
        (name, value)
        for name, value in pairs.items()
        if name not in hidden and not name.startswith("__")
    ]
    spans = Markdown(" ").join(code(f"{name}={value}") for name, value in shown[:LABELS_SHOWN])
    extra = len(shown) - LABELS_SHOWN
    return spans + md(" (+{})").format(extra) if extra > 0 else spans


def first_line(text: str, limit: int = SUMMARY_CHARACTERS) -> Markdown:
    """One line of untrusted prose, escaped, cut at a word when long."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return escape(line, at_line_start=False)


def annotations_body(annotations: Mapping[str, str]) -> Markdown:
    """The summary, the description and any other annotation, quoted with their Markdown."""
    parts = [annotations.get("summary", ""), annotations.get("description", "")]
    others = [
        f"{name}: {value}"
        for name, value in annotations.items()
        if name not in _SHOWN_APART and not name.startswith("__") and value.strip()
    ]
    if others:
        parts.append("\n".join(others))
    text = "\n\n".join(part.strip() for part in parts if part.strip())
    return prose(text)


def prose(text: str) -> Markdown:
    """Text someone wrote, in Markdown, quoted (mentions made inert), or nothing."""
    return quoted_body(text, limit=BODY_CHARACTERS)
