"""The catalog: a card per integration in the registry, filtered by category or name.

The cards are written at build time from the registry, so a new integration
appears without editing the catalog page. Without the script they read as a
plain list; with it, category buttons and a search box narrow them.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from integrations.core.categories import CATEGORIES
from integrations.core.integration import Integration


@dataclass(frozen=True)
class Card:
    name: str
    display_name: str
    description: str
    categories: tuple[str, ...]
    kind: str
    logo: str  # a data: URL, or empty


def logo_data_url(path: Path | None) -> str:
    """The logo inline: a few hundred bytes each, and no file to copy or resolve."""
    if path is None:
        return ""
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def cards(integrations: Iterable[Integration]) -> list[Card]:
    return sorted(
        (
            Card(
                integration.name,
                integration.display_name,
                integration.description,
                integration.categories,
                integration.kind,
                logo_data_url(integration.logo),
            )
            for integration in integrations
        ),
        key=lambda card: card.display_name.lower(),
    )


def _card_html(card: Card, link: str | None) -> str:
    logo = (
        f'<img class="zi-card-logo" src="{card.logo}" alt="" width="48" height="48">'
        if card.logo
        else '<span class="zi-card-logo" aria-hidden="true"></span>'
    )
    name = escape(card.display_name)
    title = f'<a class="zi-card-link" href="{escape(link)}">{name}</a>' if link else name
    categories = "".join(
        f'<li data-category="{escape(category)}">{escape(CATEGORIES[category])}</li>'
        for category in card.categories
    )
    search = escape(f"{card.name} {card.display_name}".lower())
    return (
        f'<li class="zi-card" data-name="{search}" data-categories="{" ".join(card.categories)}">'
        f"{logo}"
        f'<div class="zi-card-body"><h3 class="zi-card-name">{title}</h3>'
        f'<p class="zi-card-description">{escape(card.description)}</p>'
        f'<ul class="zi-card-categories" aria-label="Categories">{categories}</ul>'
        f'<span class="zi-card-kind">{escape(card.kind)}</span></div></li>'
    )


def catalog_html(all_cards: list[Card], link_to: Callable[[str], str | None]) -> str:
    """The catalog; ``link_to(name)`` is the URL of an integration's page, if it has one."""
    counts = Counter(category for card in all_cards for category in card.categories)
    buttons = (
        '<button type="button" data-category="" aria-pressed="true">'
        f'All <span class="zi-count">{len(all_cards)}</span></button>'
    )
    buttons += "".join(
        f'<button type="button" data-category="{escape(category)}" aria-pressed="false">'
        f'{escape(label)} <span class="zi-count">{counts[category]}</span></button>'
        for category, label in CATEGORIES.items()
        if counts[category]
    )
    items = "".join(_card_html(card, link_to(card.name)) for card in all_cards)
    return (
        f'<div class="zi-catalog" data-total="{len(all_cards)}">'
        '<div class="zi-catalog-controls" hidden>'
        '<label class="zi-catalog-search"><span>Find an integration</span>'
        '<input type="search" placeholder="Type a name" autocomplete="off"'
        ' spellcheck="false"></label>'
        f'<div class="zi-catalog-categories" role="group" aria-label="Category">{buttons}</div>'
        f'<p class="zi-catalog-status" aria-live="polite">{len(all_cards)} integrations</p>'
        "</div>"
        f'<ul class="zi-catalog-cards">{items}</ul>'
        '<p class="zi-catalog-empty" hidden>No integration matches; try another name or'
        " category.</p></div>"
    )
