"""The formats the site documents: the webhook URL, copy-as-curl, the catalog, the events table."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from integrations.core.integration import WebhookIntegration
from integrations.core.registry import default_registry
from integrations.examples.parse import parse_file
from integrations.site.catalog import Card, cards, catalog_html
from integrations.site.events import EventRow, event_rows
from integrations.site.webhook_url import (
    WebhookSettings,
    curl_command,
    encode_component,
    shell_quote,
    target_url,
    webhook_url,
)

ROOT = Path(__file__).resolve().parents[1]


# The webhook URL ---------------------------------------------------------------


def test_placeholders_until_filled_in() -> None:
    settings = WebhookSettings("helloworld")
    assert webhook_url(settings) == (
        "https://your-org.zulipchat.com/api/v1/external/helloworld"
        "?api_key=BOT_API_KEY&stream=STREAM"
    )
    assert not settings.complete


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("chat.example.com", "https://chat.example.com"),
        ("  https://chat.example.com///  ", "https://chat.example.com"),
        ("http://localhost:9991/", "http://localhost:9991"),
    ],
)
def test_site_is_normalized(site: str, expected: str) -> None:
    url = webhook_url(WebhookSettings("helloworld", site=site, api_key="k", stream="s"))
    assert url == f"{expected}/api/v1/external/helloworld?api_key=k&stream=s"


def test_values_are_encoded_like_encode_uri_component() -> None:
    url = webhook_url(
        WebhookSettings(
            "github",
            site="z.org",
            api_key="a+b/c",
            stream="dev & ops",
            topic="v1.0 'release' #1",
            events="exclude",
            selected=("pull_request*", "a,b"),
        )
    )
    assert url == (
        "https://z.org/api/v1/external/github?api_key=a%2Bb%2Fc&stream=dev%20%26%20ops"
        "&topic=v1.0%20'release'%20%231&exclude_events=pull_request*,a%2Cb"
    )
    assert encode_component("!~*'()-_.") == "!~*'()-_."


def test_events_only_when_some_are_chosen() -> None:
    base = WebhookSettings("helloworld", site="z.org", api_key="k", stream="s")
    assert "events" not in webhook_url(base)
    chosen = WebhookSettings(
        "helloworld", site="z.org", api_key="k", stream="s", events="only", selected=()
    )
    assert "events" not in webhook_url(chosen)


def test_the_guide_shows_the_url_these_inputs_give() -> None:
    settings = WebhookSettings(
        "helloworld",
        site="chat.example.com",
        api_key="abc123",
        stream="dev team",
        topic="Reading list",
        events="only",
        selected=("featured_article",),
    )
    assert settings.complete
    guide = (ROOT / "docs" / "guide" / "documenting.md").read_text(encoding="utf-8")
    assert webhook_url(settings) in guide


# Copy as curl -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "plain", "it's", "'''", '{"a": "$HOME `x` \\n"}\n'])
def test_shell_quote_is_one_word(text: str) -> None:
    assert shlex.split(shell_quote(text)) == [text]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "https://z.org/api/v1/external/x?api_key=k",
            "https://z.org/api/v1/external/x?api_key=k&topic=A%20b",
        ),
        ("https://z.org/x?topic=Mine", "https://z.org/x?topic=Mine"),
        ("https://z.org/x?", "https://z.org/x?topic=A%20b"),
        ("https://z.org/x", "https://z.org/x?topic=A%20b"),
        ("  https://z.org/x?a=1&  ", "https://z.org/x?a=1&topic=A%20b"),
    ],
)
def test_target_url_adds_the_example_parameters(typed: str, expected: str) -> None:
    assert target_url(typed, [("topic", "A b")]) == expected


def test_curl_command_format() -> None:
    command = curl_command(
        "https://z.org/x?a=1", [("Content-Type", "application/json"), ("X-E", "it's")], '{"a":1}'
    )
    assert command == (
        "curl -X POST 'https://z.org/x?a=1' \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        "  -H 'X-E: it'\\''s' \\\n"
        "  --data-binary '{\"a\":1}'"
    )
    assert shlex.split(command.replace("\\\n", "")) == [
        "curl",
        "-X",
        "POST",
        "https://z.org/x?a=1",
        "-H",
        "Content-Type: application/json",
        "-H",
        "X-E: it's",
        "--data-binary",
        '{"a":1}',
    ]


# The catalog --------------------------------------------------------------------


def test_a_card_per_integration_with_logo_and_categories() -> None:
    all_cards = cards(default_registry())
    assert {card.name for card in all_cards} == {i.name for i in default_registry()}
    hello = next(card for card in all_cards if card.name == "helloworld")
    assert hello.logo.startswith("data:image/svg+xml;base64,")
    html = catalog_html(all_cards, lambda name: f"{name}.html" if name == "helloworld" else None)
    assert '<a class="zi-card-link" href="helloworld.html">Hello World</a>' in html
    assert 'data-name="helloworld hello world" data-categories="misc"' in html
    assert (
        f'data-category="" aria-pressed="true">All <span class="zi-count">{len(all_cards)}' in html
    )
    assert html.count('class="zi-card"') == len(all_cards)


def test_catalog_text_is_escaped_and_unused_categories_have_no_button() -> None:
    card = Card("x", "<X & Co>", 'say "hi" <b>', ("bots",), "webhook", "")
    html = catalog_html([card], lambda name: None)
    assert "&lt;X &amp; Co&gt;" in html
    assert "say &quot;hi&quot; &lt;b&gt;" in html
    assert 'data-category="bots"' in html
    assert 'data-category="financial"' not in html
    assert "<a " not in html  # no page, no link


# The supported-events table -----------------------------------------------------------


def test_helloworld_events_link_to_their_examples() -> None:
    integration = default_registry().get("helloworld")
    assert isinstance(integration, WebhookIntegration)
    doc = parse_file(ROOT / "docs" / "integrations" / "helloworld.md", default_registry())
    [row] = event_rows(integration, doc.examples)
    assert isinstance(row, EventRow)
    assert row.event == "featured_article"
    assert row.supported
    assert [link.anchor for link in row.examples] == [
        f"#example-{example.id}" for example in doc.examples
    ]
    outcomes = {link.id: link.outcome for link in row.examples}
    assert outcomes["excluded"] == "nothing"
    assert outcomes["missing-url"] == "error"
    assert outcomes["hello"] == "message"


def test_ticketdesk_rows_follow_the_declarations_with_actions_and_ignores() -> None:
    integration = default_registry().get("ticketdesk")
    assert isinstance(integration, WebhookIntegration)
    doc = parse_file(ROOT / "docs" / "integrations" / "ticketdesk.md", default_registry())
    rows = event_rows(integration, doc.examples)
    shown = [(row.events, row.actions, row.ignored, row.supported) for row in rows]
    assert shown == [
        (("ticket",), ("opened", "closed", "reopened"), False, True),
        (("ticket",), ("assigned",), False, True),
        (("ticket",), ("labeled", "unlabeled"), True, True),
        (("comment",), None, False, True),
        (("ping",), None, True, True),
        (("ticket",), ("merged",), False, False),  # an example of a refused action
    ]
    assert (
        rows[0].what
        == "Who opened, closed or reopened the ticket; a new ticket's description, quoted."
    )
    assert rows[2].what == "Labels are bookkeeping, mostly done by automations."
    opened = {link.id for link in rows[0].examples}
    assert opened == {"opened", "opened-brief", "closed", "reopened"}
    assert {link.id for link in rows[5].examples} == {"merged"}


def test_inline_docstring_markup_becomes_code_and_bold() -> None:
    from docutils import nodes

    from integrations.site.events import inline

    parts = inline("Posts `a` and ``b`` **loudly**, or 3 * 4.")
    kinds = [(type(part).__name__, part.astext()) for part in parts]
    assert kinds == [
        ("Text", "Posts "),
        ("literal", "a"),
        ("Text", " and "),
        ("literal", "b"),
        ("Text", " "),
        ("strong", "loudly"),
        ("Text", ", or 3 * 4."),
    ]
    assert all(isinstance(part, nodes.Node) for part in parts)


def test_the_webhook_url_adds_the_options_given_in_declared_order() -> None:
    settings = WebhookSettings(
        "gitea",
        api_key="k",
        stream="s",
        options=(("branches", " main,dev "), ("ignore_private_repositories", ""), ("x", "a b")),
    )
    assert webhook_url(settings).endswith("stream=s&branches=main%2Cdev&x=a%20b")
