"""The pieces an Alertmanager message is built from: label pairs, counts, annotation links.

Labels are shown as code (``env=prod``), which nothing in them can leave;
links go only to web addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote

from integrations.common.monitoring import cut, joined, web_link
from integrations.core import Markdown, code

LABEL_CHARACTERS = 60


def short(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    return cut(" ".join(text.split()), limit)


def labels_line(labels: Iterable[tuple[str, str]], limit: int) -> Markdown | None:
    """``env=prod``, ``team=db`` as code, at most ``limit`` of them and how many more."""
    pairs = [code(f"{name}={short(value, LABEL_CHARACTERS)}") for name, value in labels]
    return joined(pairs, limit) or None


def annotation_links(annotations: Mapping[str, str], skip: Mapping[str, str]) -> list[Markdown]:
    """Annotations holding a web address (``runbook_url``, ``dashboard``), named by their key.

    Those with the value they have in ``skip`` are left out: a line does not
    repeat the links every alert of the notification shares.
    """
    links = []
    for key, value in annotations.items():
        if skip.get(key) == value:
            continue
        name = key.removesuffix("_url").removesuffix("URL").replace("_", " ") or "link"
        shown = web_link(name, value)
        if shown:
            links.append(shown)
    return links


# Prometheus' graph page names its tab per expression: ``g0.tab=0`` the graph,
# ``g0.tab=1`` the table its rule links use.
_TABLE_TAB = re.compile(r"([?&]g\d+\.tab=)1(?=&|#|$)")


def graph_url(source_url: str | None) -> str | None:
    """A rule's Prometheus link opened on the graph rather than the table, as Zulip's links do."""
    if source_url is None or "/graph" not in source_url:
        return source_url
    return _TABLE_TAB.sub(r"\g<1>0", source_url)


def _quoted(value: str) -> str:
    """A matcher's value in double quotes, as Alertmanager's filter syntax writes it."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def silence_url(external_url: str | None, labels: Mapping[str, str]) -> str | None:
    """Alertmanager's page for a new silence matching ``labels``; None without both."""
    if not external_url or not labels:
        return None
    matchers = ",".join(f"{name}={_quoted(value)}" for name, value in labels.items())
    query = quote("{" + matchers + "}", safe="")
    return f"{external_url.rstrip('/')}/#/silences/new?filter={query}"
