from __future__ import annotations

from integrations.core import Markdown, Message, md
from integrations.core.message import (
    CONTENT_TRUNCATION,
    MAX_CONTENT_LENGTH,
    MAX_TOPIC_LENGTH,
    truncate_content,
    truncate_topic,
)


def test_topic_fits_zulip_limit_and_ends_with_an_ellipsis() -> None:
    long = "x" * 200
    topic = truncate_topic(long)
    assert len(topic) == MAX_TOPIC_LENGTH
    assert topic.endswith("...")
    assert truncate_topic("y" * MAX_TOPIC_LENGTH) == "y" * MAX_TOPIC_LENGTH


def test_topic_counts_code_points_not_bytes() -> None:
    emoji_topic = "🎉" * 60
    assert truncate_topic(emoji_topic) == emoji_topic


def test_topic_is_one_line_and_never_empty() -> None:
    assert truncate_topic("  a\nb\t\x00c  ") == "a b c"
    assert truncate_topic(" \n ") == "(no topic)"


def test_content_within_limit_is_untouched() -> None:
    text = "a" * MAX_CONTENT_LENGTH
    assert truncate_content(text) == text


def test_long_content_is_cut_with_zulips_marker() -> None:
    cut = truncate_content("a" * 20_000)
    assert len(cut) <= MAX_CONTENT_LENGTH
    assert cut.endswith(CONTENT_TRUNCATION)


def test_truncation_does_not_split_a_character_reference() -> None:
    unit = "&#42;"
    text = unit * 3000
    cut = truncate_content(text)
    body = cut.removesuffix(CONTENT_TRUNCATION)
    assert body.endswith(";")
    assert len(cut) <= MAX_CONTENT_LENGTH


def test_truncation_closes_an_open_code_block() -> None:
    text = "intro\n````\n" + "line\n" * 5000
    cut = truncate_content(text)
    assert len(cut) <= MAX_CONTENT_LENGTH
    assert cut.endswith("\n````" + CONTENT_TRUNCATION)


def test_message_normalises_on_creation() -> None:
    message = Message(topic="t" * 100, content=md("x") * 20_000)
    assert len(message.topic) == MAX_TOPIC_LENGTH
    assert len(message.content) <= MAX_CONTENT_LENGTH
    assert isinstance(message.content, Markdown)


def test_plain_string_content_is_treated_as_untrusted() -> None:
    message = Message(topic="t", content="@**all** look")  # type: ignore[arg-type]
    assert message.content == "@all look"


def test_content_never_starts_a_slash_command() -> None:
    assert Message(topic="t", content=md("/poll Lunch?")).content == "&#47;poll Lunch?"
