"""Focused tests of the Slack-compatible webhook: what the page's examples do not show.

The fixtures the page leaves out (Zulip's null-field variants), the body
formats and topic rules at their edges, every part of Slack's formatting,
Block Kit and attachments one at a time, payloads a real sender may write
loosely, huge payloads, and two properties: no sender text pings anyone or
breaks the message around it, and no Block Kit structure, however odd,
ends in anything but a message, nothing or a clean 400.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrations.core import BadPayload, BadRequest, IntegrationError, Message
from integrations.core.message import MAX_CONTENT_LENGTH
from integrations.testing.webhooks import WebhookHarness, check_limits
from integrations.webhooks.slack_incoming.colors import marker
from integrations.zulip_markdown import parser, render

SLACK = WebhookHarness("slack_incoming")
FORM = "application/x-www-form-urlencoded"
TIME = "<time:2022-06-23T00:48:26Z>"
IMAGE = "[Image](https://pbs.twimg.com/profile_images/625633822235693056/lNGUneLX_400x400.jpg)"


def post(body: Any, **options: Any) -> Message:
    return SLACK.message(None, body, **options)


def content(body: Any, **options: Any) -> str:
    return str(post(body, **options).content)


def blocks(*items: dict[str, Any]) -> str:
    return content({"blocks": list(items)})


def attachment(**fields: Any) -> str:
    return content({"attachments": [fields]})


def rich(*elements: dict[str, Any]) -> str:
    return blocks({"type": "rich_text", "elements": list(elements)})


def section(*elements: dict[str, Any]) -> dict[str, Any]:
    return {"type": "rich_text_section", "elements": list(elements)}


def text(value: str, **style: bool) -> dict[str, Any]:
    return {"type": "text", "text": value, **({"style": style} if style else {})}


# Zulip's fixtures of attachments with one piece null ------------------------


@pytest.mark.parametrize(
    ("fixture", "absent"),
    [
        ("attachment_pieces_title_null.json", "**"),
        ("attachment_pieces_title_link_null.json", "(https://www.google.com)"),
        ("attachment_pieces_image_url_null.json", "[Image]"),
        ("attachment_pieces_pretext_null.json", "Sample pretext."),
        ("attachment_pieces_text_null.json", "Sample text."),
        ("attachment_pieces_ts_null.json", "<time:"),
        ("attachment_pieces_footer_null.json", "Sample footer."),
    ],
)
def test_an_attachment_piece_left_null_is_left_out_and_the_rest_stays(
    fixture: str, absent: str
) -> None:
    message = SLACK.message(None, SLACK.fixture_bytes(fixture))
    pieces = [
        "Sample pretext.",
        "**[Sample title.](https://www.google.com)**",
        "**Sample title.**",
        "Sample text.",
        IMAGE,
        "Sample footer.",
        TIME,
    ]
    assert absent not in message.content
    for piece in pieces:
        if absent not in piece and not (
            piece == "**Sample title.**" and "title_link" not in fixture
        ):
            assert piece in message.content, (fixture, piece)
    assert message.topic == "(no topic)"


def test_the_pieces_come_in_slacks_order() -> None:
    message = SLACK.message(None, SLACK.fixture_bytes("attachment_pieces_pretext_null.json"))
    assert message.content == (
        "**[Sample title.](https://www.google.com)**\n\nSample text.\n\n"
        f"{IMAGE}\n\nSample footer. · {TIME}"
    )


# Bodies --------------------------------------------------------------------


def test_a_form_body_with_a_charset_is_read() -> None:
    body = urlencode({"payload": json.dumps({"text": "café *ok*"})}).encode()
    message = post(body, content_type=f"{FORM}; charset=UTF-8")
    assert message.content == "café **ok**"


def test_json_sent_as_a_form_is_read_as_json() -> None:
    # curl -d '{"text": ...}' sends a form content type.
    assert content(b'  {"text": "from curl"}', content_type=FORM) == "from curl"


def test_a_form_without_its_payload_field_is_refused() -> None:
    with pytest.raises(BadRequest, match="'payload'"):
        post(b"text=hello", content_type=FORM)


def test_a_body_that_is_not_an_object_names_the_problem() -> None:
    with pytest.raises(BadPayload, match="expected an object"):
        post(b"[1, 2]")
    with pytest.raises(BadRequest, match="not valid JSON"):
        post(b"payload={not json", content_type=FORM)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "   \n "},
        {"text": None, "blocks": None, "attachments": None},
        {"blocks": [], "attachments": [{}, {"title": None, "fields": []}]},
    ],
)
def test_a_payload_that_says_nothing_posts_nothing(body: dict[str, Any]) -> None:
    assert SLACK.post(None, body) is None


@pytest.mark.parametrize(
    "body",
    [
        {"blocks": [{"type": "call"}]},
        {"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": " "}}], "text": ""},
        {"attachments": [{"color": "good"}]},
        {"attachments": [{"actions": [{"type": "button", "text": "Ack", "value": "1"}]}]},
    ],
)
def test_blocks_and_attachments_with_nothing_readable_are_a_clear_400(
    body: dict[str, Any],
) -> None:
    with pytest.raises(BadRequest, match="nothing to post"):
        post(body)


def test_filters_know_the_one_event() -> None:
    assert SLACK.post(None, {"text": "hi"}, query={"exclude_events": "message"}) is None
    assert SLACK.post(None, {"text": "hi"}, query={"only_events": "message"}) is not None


# Topics --------------------------------------------------------------------


def test_the_sender_names_the_topic() -> None:
    assert post({"text": "x", "username": " DeployBot "}).topic == "DeployBot"
    assert post({"text": "x", "username": ""}).topic == "(no topic)"
    assert post({"text": "x", "channel": "#ops"}).topic == "(no topic)"


@pytest.mark.parametrize(
    ("channel", "topic"),
    [("#devops", "devops"), ("@ada", "ada"), ("C1H9RESGL", "C1H9RESGL"), ("##x", "#x")],
)
def test_the_channel_is_the_topic_when_the_url_says_so(channel: str, topic: str) -> None:
    body = {"text": "x", "channel": channel, "username": "bot"}
    assert post(body, query={"channel_as_topic": "true"}).topic == topic


def test_without_a_channel_the_sender_names_the_topic_even_when_asked() -> None:
    body = {"text": "x", "channel": "#", "username": "bot"}
    assert post(body, query={"channel_as_topic": "true"}).topic == "bot"
    assert post({"text": "x"}, query={"channel_as_topic": "true"}).topic == "(no topic)"


def test_the_urls_topic_wins_and_adds_nothing_to_the_message() -> None:
    body = {"text": "hello", "channel": "#ops", "username": "bot"}
    message = post(body, query={"topic": "Deploys", "channel_as_topic": "true"})
    assert (message.topic, message.content) == ("Deploys", "hello")


def test_a_long_topic_from_the_url_adds_nothing_to_the_message() -> None:
    message = post({"text": "hello"}, query={"topic": "t" * 70})
    assert message.content == "hello"


def test_a_bad_flag_names_the_parameter() -> None:
    with pytest.raises(BadRequest, match="channel_as_topic='maybe'"):
        post({"text": "x"}, query={"channel_as_topic": "maybe"})


# Slack's mrkdwn --------------------------------------------------------------


@pytest.mark.parametrize(
    ("slack", "zulip"),
    [
        # Zulip's own cases
        ("some *foo* word", "some **foo** word"),
        ("*foo*", "**foo**"),
        ("*foo* *bar*", "**foo** **bar**"),
        ("*foo*a*bar*", "*foo*a*bar*"),
        ("some _foo_ word", "some *foo* word"),
        # emphasis only at a word's edge, as in Slack
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("snake_case_name and a_b", "snake_case_name and a_b"),
        ("* not bold *", "* not bold *"),
        ("~gone~ (*yes*) _a_, ~b~!", "~~gone~~ (**yes**) *a*, ~~b~~!"),
        ("*_both_*", "***both***"),
        ("**already bold** ~~struck~~", "**already bold** ~~struck~~"),
        # URLs keep their underscores
        ("see https://x.example.com/_a_/b_c_", "see https://x.example.com/_a_/b_c_"),
        ("<https://x.example.com/_a_|the _docs_>", "[the _docs_](https://x.example.com/_a_)"),
        # code
        ("`*not bold*` and `<@U1>`", "`*not bold*` and `@U1`"),
        ("a ``` b", "a &#96;&#96;&#96; b"),
        ("```\nline *1*\n&lt;b&gt;\n```", "```\nline *1*\n<b>\n```"),
        ("run ```make``` now", "run\n```\nmake\n```\nnow"),
        # entities
        ("Tom &amp; Jerry &lt;3 &gt;", "Tom & Jerry <3 >"),
        ("&amp;amp; &amp;#64;", "&amp;amp; &amp;#64;"),
        ("&lt;time:1655945306&gt;", "&lt;time:1655945306>"),
        # quotes
        ("&gt; said\nreply", "> said\n\nreply"),
        (">>> one\ntwo", "> one\n> two"),
        ("a > b", "a > b"),
        # emoji skin tones Zulip does not have
        (":wave::skin-tone-4: hi", ":wave: hi"),
    ],
)
def test_slack_formatting_becomes_zulips(slack: str, zulip: str) -> None:
    assert content({"text": slack}) == zulip


@pytest.mark.parametrize(
    ("slack", "zulip"),
    [
        ("<https://example.com|Example>", "[Example](https://example.com)"),
        ("<https://example.com>", "https://example.com"),
        ("<https://example.com/|https://example.com>", "https://example.com/"),
        ("<https://example.com?a=1&amp;b=2|q>", "[q](https://example.com?a=1&b=2)"),
        ("<https://example.com | spaced label >", "[spaced label](https://example.com)"),
        ("<mailto:ada@example.com|Ada>", "[Ada](mailto:ada@example.com)"),
        ("<mailto:ada@example.com>", "ada@example.com"),
        ("<slack://open|Open Slack>", "Open Slack"),
        ("<javascript:alert(1)>", "javascript:alert(1)"),
        ("<@U123>", "@U123"),
        ("<@U123|ada>", "@ada"),
        ("<#C123>", "#C123"),
        ("<#C123|general>", "#general"),
        ("<!here>", "@here"),
        ("<!here|@here>", "@here"),
        ("<!channel>", "@channel"),
        ("<!everyone>", "@everyone"),
        ("<!subteam^S123|@ops>", "@ops"),
        ("<!subteam^S123>", "@S123"),
        ("<!something|shown>", "shown"),
        ("<not a link>", "<not a link>"),
        ("<no value>", "<no value>"),
    ],
)
def test_control_sequences(slack: str, zulip: str) -> None:
    assert content({"text": slack}) == zulip


@pytest.mark.parametrize(
    ("slack", "zulip"),
    [
        ("<!date^1655945306^{date_short}|Jun 23>", TIME),
        ("<!date^1655945306^Posted {date_long} at {time}|x>", f"Posted {TIME}"),
        ("<!date^1655945306^{date} (local)^https://x.example.com|x>", f"{TIME} (local)"),
        ("<!date^not-a-time^{date}|June 23rd>", "June 23rd"),
        ("<!date^99999999999999^{date}|far away>", "far away"),
        ("<!date^1655945306^no tokens|fallback>", "fallback"),
        ("`<!date^1655945306^{date}>`", "`2022-06-23 00:48 UTC`"),
    ],
)
def test_dates_become_global_times(slack: str, zulip: str) -> None:
    assert content({"text": slack}) == zulip


def test_a_message_without_slack_formatting_shows_its_stars_as_written() -> None:
    body = {
        "text": "*a* _b_ ~c~ 2*3 <https://x.example.com|link> <!here> @**all**",
        "mrkdwn": False,
    }
    assert content(body) == (
        "&#42;a&#42; _b_ &#126;c&#126; 2&#42;3 [link](https://x.example.com) @here"
        " @&#42;&#42;all&#42;&#42;"
    )


def test_icon_emoji_starts_a_text_it_cannot_break() -> None:
    assert content({"text": "deployed", "icon_emoji": ":rocket:"}) == ":rocket: deployed"
    assert content({"text": "deployed", "icon_emoji": "rocket"}) == "deployed"
    assert content({"text": "deployed", "icon_emoji": ":x: @**all**"}) == "deployed"
    assert content({"text": "> quoted", "icon_emoji": ":rocket:"}) == "> quoted"
    assert content({"text": "- item", "icon_emoji": ":rocket:"}) == "- item"
    # with blocks, Slack shows no text, and no icon before the blocks either
    body = {"text": "t", "icon_emoji": ":rocket:", "blocks": [{"type": "divider"}]}
    assert content(body) == "---"


# Block Kit -----------------------------------------------------------------


def test_unknown_and_interactive_blocks_are_skipped() -> None:
    assert (
        blocks(
            {"type": "call", "call_id": "R1"},
            {"type": "input", "element": {"type": "plain_text_input"}, "label": {"text": "x"}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "kept"}},
            {"no": "type"},
        )
        == "kept"
    )


def test_header_divider_and_plain_text_are_literal() -> None:
    assert blocks(
        {"type": "header", "text": {"type": "plain_text", "text": "# *Not* @**all**"}},
        {"type": "divider"},
        {"type": "section", "text": {"type": "plain_text", "text": "*stays* &amp; _so_\n- line"}},
    ) == ("## # &#42;Not&#42; @all\n\n---\n\n&#42;stays&#42; & _so_\n&#45; line")


def test_images_from_a_url_or_a_hosted_file() -> None:
    assert blocks(
        {"type": "image", "image_url": "https://x.example.com/a.png", "alt_text": "chart"},
        {"type": "image", "slack_file": {"url": "https://x.example.com/b.png"}, "alt_text": "b"},
        {"type": "image", "slack_file": {"id": "F123"}, "alt_text": "only an id"},
    ) == ("[chart](https://x.example.com/a.png)\n\n[b](https://x.example.com/b.png)\n\nonly an id")


def test_buttons_and_overflow_options_that_open_a_url_are_links() -> None:
    assert (
        blocks(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Open"},
                        "url": "https://a.example.com",
                    },
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Ack"},
                        "value": "ack",
                    },
                    {"type": "static_select", "options": []},
                    {
                        "type": "overflow",
                        "options": [
                            {
                                "text": {"type": "plain_text", "text": "Logs"},
                                "url": "https://l.example.com",
                            },
                            {"text": {"type": "plain_text", "text": "Mute"}, "value": "mute"},
                        ],
                    },
                ],
            }
        )
        == "[Open](https://a.example.com) · [Logs](https://l.example.com)"
    )


def test_an_actions_block_with_nothing_to_open_leaves_the_text() -> None:
    body = {
        "text": "fallback *text*",
        "blocks": [{"type": "actions", "elements": [{"type": "button", "text": {"text": "x"}}]}],
    }
    assert content(body) == "fallback **text**"


def test_section_fields_that_are_not_name_and_value_are_lines() -> None:
    fields = [{"type": "mrkdwn", "text": "*a*"}, {"type": "mrkdwn", "text": "b\nc\nd"}]
    assert blocks({"type": "section", "fields": fields}) == "**a**\n\nb\nc\nd"


def test_many_name_and_value_fields_make_tables_of_at_most_four_columns() -> None:
    fields = [{"type": "mrkdwn", "text": f"*N{n}:*\nv{n}"} for n in range(6)]
    tables = blocks({"type": "section", "fields": fields}).split("\n\n")
    assert [table.split("\n")[0] for table in tables] == [
        "| N0 | N1 | N2 |",
        "| N3 | N4 | N5 |",
    ]


def test_context_elements_share_a_line() -> None:
    assert (
        blocks(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "image",
                        "image_url": "https://x.example.com/i.png",
                        "alt_text": "avatar",
                    },
                    {"type": "mrkdwn", "text": "*ada* pushed"},
                    {"type": "plain_text", "text": "2 min ago"},
                ],
            }
        )
        == "[avatar](https://x.example.com/i.png) · **ada** pushed · 2 min ago"
    )


def test_video_file_markdown_and_table_blocks() -> None:
    assert blocks(
        {
            "type": "video",
            "title": {"type": "plain_text", "text": "Demo"},
            "title_url": "https://v.example.com/1",
            "video_url": "https://v.example.com/embed/1",
            "provider_name": "VideoSite",
            "description": {"type": "plain_text", "text": "Two minutes"},
            "alt_text": "demo",
            "thumbnail_url": "https://v.example.com/t.png",
        },
        {"type": "file", "external_id": "ABCD1", "source": "remote"},
        {"type": "markdown", "text": "**Standard** _Markdown_ @**all** <!-- hidden -->"},
        {
            "type": "table",
            "rows": [
                [{"type": "raw_text", "text": "Name"}, {"type": "raw_text", "text": "A|B"}],
                [
                    {"type": "raw_text", "text": "x"},
                    {"type": "rich_text", "elements": [section(text("y", bold=True))]},
                    {"type": "raw_text", "text": "extra"},
                ],
            ],
        },
    ) == (
        "📺 [Demo](https://v.example.com/1) (VideoSite)\n\nTwo minutes\n\n"
        "📎 A remote file, `ABCD1`\n\n"
        "**Standard** _Markdown_ @all\n\n"
        "| Name | A&#124;B |  |\n| --- | --- | --- |\n| x | **y** | extra |"
    )


def test_blocks_written_as_a_json_string_are_read() -> None:
    body = {"blocks": json.dumps([{"type": "section", "text": {"type": "mrkdwn", "text": "*s*"}}])}
    assert content(body) == "**s**"


def test_a_text_object_given_as_a_bare_string_is_mrkdwn() -> None:
    assert blocks({"type": "section", "text": "*loose*"}) == "**loose**"


# Rich text -----------------------------------------------------------------


def test_styles_combine_and_spaces_stay_outside_the_markers() -> None:
    assert (
        rich(
            section(
                text("plain "),
                text("bold ", bold=True),
                text("both", bold=True, italic=True),
                text(" "),
                text("gone", strike=True),
                text(" "),
                text("x`y", code=True),
                text(" "),
                text("*literal*"),
            )
        )
        == "plain **bold** ***both*** ~~gone~~ ``x`y`` &#42;literal&#42;"
    )


def test_rich_text_elements_read_as_slack_shows_them() -> None:
    assert rich(
        section(
            {"type": "user", "user_id": "U1"},
            text(" "),
            {"type": "usergroup", "usergroup_id": "S1"},
            text(" "),
            {"type": "channel", "channel_id": "C1"},
            text(" "),
            {"type": "broadcast", "range": "channel"},
            text(" "),
            {"type": "emoji", "name": "thumbsup", "unicode": "1f44d-1f3fb"},
            {"type": "emoji", "name": "custom_party"},
            {"type": "emoji", "name": "bad", "unicode": "d800"},
            text(" "),
            {"type": "color", "value": "#ff0000"},
            text(" "),
            {"type": "date", "timestamp": 1655945306, "format": "{date}", "fallback": "June"},
            text(" "),
            {"type": "link", "url": "https://x.example.com"},
            {"type": "unknown_element", "text": "skipped"},
        )
    ) == (f"@U1 @S1 #C1 @channel 👍🏻:custom_party::bad: #ff0000 {TIME} https://x.example.com")


def test_lists_nest_by_indent_and_number_from_their_offset() -> None:
    item = section
    assert (
        rich(
            {
                "type": "rich_text_list",
                "style": "ordered",
                "offset": 2,
                "elements": [item(text("c"))],
            },
            {
                "type": "rich_text_list",
                "style": "bullet",
                "indent": 1,
                "elements": [item(text("c.1"))],
            },
            {
                "type": "rich_text_list",
                "style": "bullet",
                "indent": 2,
                "elements": [item(text("deep"))],
            },
            {
                "type": "rich_text_list",
                "style": "ordered",
                "offset": 3,
                "elements": [item(text("d"))],
            },
            section(text("after")),
        )
        == "3. c\n   * c.1\n     * deep\n4. d\n\nafter"
    )


def test_multi_line_runs_quotes_and_preformatted_text() -> None:
    assert (
        rich(
            section(text("one\ntwo", bold=True), text("\n")),
            {"type": "rich_text_quote", "elements": [text("quoted\nlines")]},
            {
                "type": "rich_text_preformatted",
                "elements": [
                    text("x = 1\n"),
                    {"type": "link", "url": "https://x.example.com", "text": "doc"},
                ],
            },
            {"type": "rich_text_list", "elements": [section(text("item\nmore"))]},
        )
        == "**one**\n**two**\n\n> quoted\n> lines\n\n```\nx = 1\ndoc\n```\n\n* item\n  more"
    )


def test_a_list_item_cannot_start_a_block_of_its_own() -> None:
    assert rich({"type": "rich_text_list", "elements": [section(text("# not a heading"))]}) == (
        "* &#35; not a heading"
    )


# Attachments ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("color", "circle"),
    [
        ("good", "🟢"),
        ("warning", "🟠"),
        ("danger", "🔴"),
        ("DANGER", "🔴"),
        ("#D63232", "🔴"),
        ("#36a64f", "🟢"),
        ("f43f20", "🔴"),
        ("#f18500", "🟠"),
        ("#ffcc00", "🟡"),
        ("#439FE0", "🔵"),
        ("#2788ce", "🔵"),
        ("#764FA5", "🟣"),
        ("#5C4EE5", "🟣"),
        ("#8B4513", "🟤"),
        ("#cfd3da", "⚪"),
        ("#000", "⚫"),
        ("#fff", "⚪"),
        ("red", None),
        ("#12345", None),
        ("", None),
    ],
)
def test_colours_become_the_nearest_circle(color: str, circle: str | None) -> None:
    assert marker(color) == circle


def test_the_circle_marks_the_first_line_it_cannot_break() -> None:
    assert attachment(color="good", text="plain") == "🟢 plain"
    assert attachment(color="good", text="> quoted") == "🟢\n\n> quoted"
    assert attachment(color="good", pretext="pre", title="T") == "pre\n\n🟢 **T**"
    assert (
        attachment(color="good", author_name="ada", author_link="https://a.example.com", title="T")
        == "🟢 [ada](https://a.example.com)\n\n**T**"
    )
    assert attachment(color="nonsense", text="plain") == "plain"


def test_the_fallback_is_shown_only_when_nothing_else_is() -> None:
    assert attachment(fallback="*only* this", color="danger") == "🔴 **only** this"
    assert attachment(fallback="not this", text="this") == "this"


def test_fields_read_loosely_as_senders_write_them() -> None:
    assert attachment(
        fields=[
            {"title": "Count", "value": 5, "short": "true"},
            {"title": "Ratio", "value": 0.5, "short": 1},
            {"title": "Notes", "value": "line one\nline two", "short": True},
            {"title": "Long", "value": "x" * 80, "short": True},
            {"title": "|pipe|", "value": "ok", "short": True},
        ]
    ) == (
        "| Count | Ratio |\n| --- | --- |\n| 5 | 0.5 |\n\n"
        "**Notes**\nline one\nline two\n\n"
        f"**Long**: {'x' * 80}\n**|pipe|**: ok"
    )


def test_times_written_as_text_or_with_fractions() -> None:
    assert attachment(ts="1655945306.123", footer="f") == f"f · {TIME}"
    assert attachment(ts=1655945306.9) == TIME
    assert attachment(ts="yesterday", text="t") == "t"
    assert attachment(ts=0, text="t") == "t"


def test_images_thumbnails_and_legacy_buttons_are_links() -> None:
    assert attachment(
        image_url="https://x.example.com/i.png",
        thumb_url="https://x.example.com/t.png",
        actions=[
            {"type": "button", "text": "Open", "url": "https://o.example.com"},
            {"type": "button", "text": "Callback only", "name": "ack", "value": "1"},
        ],
    ) == (
        "[Image](https://x.example.com/i.png)\n\n[Thumbnail](https://x.example.com/t.png)\n\n"
        "[Open](https://o.example.com)"
    )


def test_text_and_attachments_are_both_shown_as_in_slack() -> None:
    body = {"text": "Build *42*", "attachments": [{"text": "passed", "color": "good"}]}
    assert content(body) == "Build **42**\n\n🟢 passed"


def test_attachments_written_as_a_json_string_are_read() -> None:
    assert content({"attachments": json.dumps([{"title": "T"}])}) == "**T**"


# Limits ----------------------------------------------------------------------


def test_a_huge_message_is_cut_within_zulips_limit_with_its_blocks_closed() -> None:
    body = {"text": "```\n" + "line of code\n" * 3000 + "```", "username": "x" * 200}
    message = post(body)
    check_limits(message)
    assert len(message.content) <= MAX_CONTENT_LENGTH
    assert message.content.endswith("```\n[message truncated]")


def test_a_thousand_blocks() -> None:
    items = [{"type": "section", "text": {"type": "mrkdwn", "text": f"*{n}*"}} for n in range(1000)]
    message = post({"blocks": items})
    check_limits(message)
    assert message.content.startswith("**0**\n\n**1**")


# Properties ------------------------------------------------------------------

SNIPPETS = [
    "@**all**",
    "@**everyone**",
    "@_**Silent Bob|12**",
    "@*backend*",
    "@_*group*",
    "#**general>deploys**",
    "<!channel>",
    "<!here|here>",
    "<@U123|ada>",
    "<!subteam^S1|@ops>",
    "<#C1|general>",
    "<https://x.example.com|label>",
    "<https://x.example.com|@**all**>",
    "<javascript:alert(1)|click>",
    "<mailto:a@example.com|mail>",
    "<!date^1655945306^{date}|d>",
    "<!date^x^{date}|d>",
    "[x](javascript:alert(1))",
    "<b>bold</b>",
    "&lt;time:1&gt;",
    "&amp;",
    "&#64;**all**",
    "```",
    "~~~",
    "````",
    "```spoiler x",
    "~~~ quote",
    "> ",
    "&gt; ",
    ">>> ",
    "# ",
    "- ",
    "1. ",
    "| a | b |",
    "|---|---|",
    "    ",
    "*",
    "_",
    "~",
    "`",
    "**",
    "@",
    ":tada:",
    "$$x$$",
    "/me ",
    "/poll ",
    "\n",
    "\n\n",
    "\r\n",
]
sender_text = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=5)), max_size=16).map(
    "".join
)

LIVE = re.compile(r'class="[^"]*\b(?:user-mention|user-group-mention|topic-mention)\b')
ELEMENTS = frozenset(
    {"a", "blockquote", "br", "code", "del", "div", "em", "hr", "li", "math", "ol", "p", "pre"}
    | {"span", "strong", "table", "tbody", "td", "th", "thead", "time", "tr", "ul"}
    | {f"h{level}" for level in range(1, 7)}
)


def assert_safe(message: str) -> None:
    """No live mention, links only to web or mail addresses, no HTML from the sender."""
    page = render(message)
    assert not LIVE.search(page), message
    for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', page):
        assert re.match(r"(?:https?://|mailto:)", href, re.IGNORECASE), (href, message)
    for name in re.findall(r"</?([A-Za-z][A-Za-z0-9-]*)", re.sub(r"<math\b.*?</math>", "", page)):
        assert name.lower() in ELEMENTS, (name, message)


def top_level_paragraphs(message: str) -> list[str]:
    tokens = parser().parse(message)
    return [
        tokens[index + 1].content
        for index, token in enumerate(tokens)
        if token.type == "paragraph_open" and token.level == 0
    ]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sender_text, sender_text, sender_text, st.booleans())
def test_no_sender_text_pings_anyone_or_breaks_the_message(
    said: str, field: str, footer: str, styled: bool
) -> None:
    body = {
        "username": said[:40],
        "text": said,
        "mrkdwn": styled,
        "attachments": [
            {
                "title": "Sentinel title",
                "text": field,
                "fields": [
                    {"title": "Name", "value": field, "short": True},
                    {"title": "Other", "value": said, "short": True},
                ],
            },
            {"text": footer, "footer": footer},
            {"title": "Closing sentinel", "color": "good"},
        ],
        "blocks": [],
    }
    message = post(body)
    assert_safe(message.content)
    paragraphs = top_level_paragraphs(message.content)
    # What the integration writes after the sender's text is still there, whole.
    assert "**Sentinel title**" in paragraphs, message.content
    assert paragraphs[-1] == "🟢 **Closing sentinel**", message.content


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sender_text)
def test_no_block_text_pings_anyone_or_breaks_the_message(said: str) -> None:
    body = {
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": said}},
            {"type": "section", "text": {"type": "mrkdwn", "text": said}},
            {"type": "section", "fields": [{"type": "mrkdwn", "text": said}] * 2},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": said}]},
            {"type": "markdown", "text": said},
            {"type": "rich_text", "elements": [section(text(said, bold=True), text(said))]},
            {
                "type": "rich_text",
                "elements": [{"type": "rich_text_list", "elements": [section(text(said))]}],
            },
            {
                "type": "rich_text",
                "elements": [{"type": "rich_text_quote", "elements": [text(said)]}],
            },
            {"type": "table", "rows": [[{"type": "raw_text", "text": said}]]},
            {"type": "section", "text": {"type": "plain_text", "text": "Closing sentinel"}},
        ]
    }
    message = post(body)
    assert_safe(message.content)
    assert top_level_paragraphs(message.content)[-1] == "Closing sentinel", message.content


BLOCK_TYPES = [
    "header", "section", "context", "divider", "image", "actions", "rich_text", "video", "file",
    "markdown", "table", "input", "call", "rich_text_section", "rich_text_list",
    "rich_text_quote", "rich_text_preformatted", "text", "link", "emoji", "user", "date",
    "button", "overflow", "plain_text", "mrkdwn", "raw_text", "bogus",
]  # fmt: skip
KEYS = [
    "type", "text", "elements", "fields", "accessory", "blocks", "attachments", "rows",
    "style", "url", "image_url", "alt_text", "title", "title_link", "indent", "offset",
    "timestamp", "options", "slack_file", "unicode", "name", "user_id", "range", "format",
    "fallback", "color", "ts", "short", "value", "pretext", "footer", "actions", "bold",
    "italic", "code", "strike", "description", "external_id", "username", "channel",
]  # fmt: skip
leaves = st.one_of(
    st.sampled_from(BLOCK_TYPES),
    sender_text,
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
structures = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=40,
)


def _outcome(body: dict[str, Any], query: dict[str, str]) -> Message | IntegrationError | None:
    try:
        return SLACK.post(None, body, query=query)
    except IntegrationError as error:
        return error


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(
            ["blocks", "attachments", "text", "username", "icon_emoji", "channel", "mrkdwn"]
        ),
        structures,
        max_size=4,
    ),
    st.sampled_from([{}, {"channel_as_topic": "true"}, {"topic": "t"}]),
)
def test_no_block_structure_ends_in_anything_but_a_message_nothing_or_a_clean_400(
    body: dict[str, Any], query: dict[str, str]
) -> None:
    outcome = _outcome(body, query)
    if isinstance(outcome, IntegrationError):
        assert outcome.http_status == 400
        assert str(outcome).strip()
        return
    if outcome is None:  # a payload that says nothing
        return
    message = outcome
    check_limits(message)
    assert_safe(message.content)
    message.content.encode("utf-8")  # nothing unsendable, such as a lone surrogate


@pytest.mark.parametrize(
    "said",
    [
        "@**\n**",  # a name over a line break
        "*@*\n*@*",  # two bold @ signs on two lines
        "```spoiler x @**all** #**general**",  # a spoiler's header is Markdown
    ],
)
def test_found_by_the_properties(said: str) -> None:
    body = {
        "text": said,
        "blocks": [
            {"type": "markdown", "text": said},
            {"type": "section", "fields": [{"type": "mrkdwn", "text": said}] * 2},
        ],
    }
    assert_safe(content(body))
    assert_safe(content({"text": said}))


@pytest.mark.parametrize(
    ("flag", "shown"), [("true", "hello **world**"), ("false", "hello &#42;world&#42;")]
)
def test_mrkdwn_written_as_a_string_is_read_as_the_flag(flag: str, shown: str) -> None:
    # Form-encoding senders and loosely typed languages send the flag as text.
    assert content({"text": "hello *world*", "mrkdwn": flag}) == shown


def test_a_field_value_that_is_a_flag_or_a_number_is_shown_as_written() -> None:
    body = {
        "attachments": [
            {
                "fields": [
                    {"title": "count", "value": 42, "short": True},
                    {"title": "ok", "value": True},
                ]
            }
        ]
    }
    assert SLACK.message("message", body).content == "**count**: 42\n**ok**: true"


# Bodies as senders' tools leave them ----------------------------------------


def test_a_json_body_with_a_byte_order_mark_is_read_as_json() -> None:
    body = SLACK.fixture_bytes("text_with_byte_order_mark.txt")
    assert body.startswith(codecs.BOM_UTF8)
    message = post(body)
    assert message.topic == "Deploy script"
    assert message.content == "Deploy of **web** to production finished :rocket:"


def test_lists_a_template_left_as_empty_strings_are_none() -> None:
    message = post(SLACK.fixture("template_empty_lists.json"))
    assert message.content == "Nightly backup of **db1** finished in 4 min"
    assert content({"text": "hi", "blocks": "  ", "attachments": "\n"}) == "hi"
