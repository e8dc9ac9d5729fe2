"""Focused tests of the Jira integration: what the page's examples do not show.

The older payload generation (``_v1``) posts what the newer one does; the
wiki markup and Atlassian Document Format converters, construct by
construct and against hostile text (nothing may ping anyone or leave the
quote, however the text is built); updates that change only time tracking;
``issue_event_type_name`` kinds Jira does not document; personal data left
out; fields missing or null; the signature and delivery id it declares.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import BadPayload, HmacSignature, Unauthorized, UnsupportedEvent
from integrations.core.payload import Payload
from integrations.testing.webhooks import WebhookHarness, assert_inert
from integrations.webhooks.jira.adf import adf_markdown
from integrations.webhooks.jira.wiki import wiki_markdown
from integrations.zulip_markdown import render

JIRA = WebhookHarness("jira")
END = "END-OF-MESSAGE"


def names(identifier: str) -> str:
    return {"5b10": "Grace Hopper", "lfranchi": "Leo Franchi"}.get(identifier, identifier)


def wiki(text: str) -> str:
    return wiki_markdown(text, names)


def stays_inside(content: str) -> None:
    """Nothing in ``content`` swallows what follows it, and nothing pings anyone."""
    assert_inert(content)
    assert render(str(content) + f"\n\n{END}").endswith(f"<p>{END}</p>\n"), content


def comment_event(body: Any, **comment: Any) -> dict[str, Any]:
    return {
        "webhookEvent": "comment_created",
        "comment": {
            "self": "https://acme.atlassian.net/rest/api/2/issue/10042/comment/10300",
            "author": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Ada Lovelace"},
            "body": body,
            **comment,
        },
        "issue": {
            "self": "https://acme.atlassian.net/rest/api/2/issue/10042",
            "key": "PAY-42",
            "fields": {
                "summary": "Refund fails",
                "assignee": {"accountId": "5b10", "displayName": "Grace Hopper"},
            },
        },
    }


def update(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "webhookEvent": "jira:issue_updated",
        "issue_event_type_name": "issue_updated",
        "user": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Ada Lovelace"},
        "issue": {
            "self": "https://acme.atlassian.net/rest/api/2/issue/10042",
            "key": "PAY-42",
            "fields": {"summary": "Refund fails", "assignee": None},
        },
        "changelog": {"items": list(items)},
        **extra,
    }


def item(field: str, old: str | None, new: str | None) -> dict[str, Any]:
    return {"field": field, "fieldtype": "jira", "fromString": old, "toString": new}


# Versions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("created_v1.json", "created_v2.json"),
        ("created_assignee_v1.json", "created_assignee_v2.json"),
        ("created_with_unicode_v1.json", "created_with_unicode_v2.json"),
        ("deleted_v1.json", "deleted_v2.json"),
        ("reassigned_v1.json", "reassigned_v2.json"),
        ("updated_priority_v1.json", "updated_priority_v2.json"),
        ("commented_v1.json", "commented_v2.json"),
        ("commented_markup_v1.json", "commented_markup_v2.json"),
    ],
)
def test_the_older_payloads_post_what_the_newer_ones_do(old: str, new: str) -> None:
    assert JIRA.message(None, JIRA.fixture(old)) == JIRA.message(None, JIRA.fixture(new))


def test_unicode_in_the_summary_and_the_name() -> None:
    message = JIRA.message(None, JIRA.fixture("created_with_unicode_v1.json"))
    assert message.topic == "BUG-15: New bug with à hook"
    assert message.content.startswith("**Leo Franchià** created [BUG-15]")


def test_the_older_transition_payload_is_an_update() -> None:
    processed = JIRA.process(None, JIRA.fixture("change_status_v1.json"))
    assert processed.event == "jira:issue_updated"


def test_an_issue_with_null_fields_still_posts() -> None:
    body = {
        "webhookEvent": "jira:issue_created",
        "user": None,
        "issue": {"key": "PAY-1", "self": None, "fields": None},
    }
    message = JIRA.message(None, body)
    assert message.topic == "PAY-1"
    assert message.content == "Someone created PAY-1: unassigned."


def test_an_issue_known_only_by_its_id() -> None:
    body = {"webhookEvent": "jira:issue_deleted", "issue": {"id": "10042", "fields": {}}}
    assert JIRA.message(None, body).topic == "10042"


def test_a_webhook_event_of_another_type_is_named() -> None:
    with pytest.raises(BadPayload, match=r"^webhookEvent: expected the name of a Jira event"):
        JIRA.post(None, {"webhookEvent": 3})


def test_a_body_that_is_not_an_object_is_named() -> None:
    with pytest.raises(BadPayload, match=r"^\(body\): expected an object"):
        JIRA.post(None, ["jira:issue_created"])


def test_a_payload_without_its_event_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match="no webhookEvent"):
        JIRA.post(None, JIRA.fixture("example_anomalous_payload.json"))


def test_both_automation_formats_post_the_same_message() -> None:
    jira_format = JIRA.process(None, JIRA.fixture("automation_jira_format.json"))
    automation_format = JIRA.process(None, JIRA.fixture("automation_automation_format.json"))
    assert jira_format.event == automation_format.event == "automation_web_request"
    assert jira_format.message == automation_format.message


def test_an_automation_body_with_a_comment_quotes_it() -> None:
    body = {
        "timestamp": 1462941258113,
        "issue": {"key": "IT-4", "self": None, "fields": {"summary": "No second screen"}},
        "comment": {"body": "Tried *every* cable", "author": {"displayName": "Ann"}},
        "user": {"displayName": "Ann"},
    }
    message = JIRA.message(None, body)
    assert message.topic == "IT-4: No second screen"
    assert message.content == (
        "An automation rule sent IT-4: assigned to nobody.\n\n~~~ quote\nTried **every** cable\n~~~"
    )


def test_an_issue_without_its_key_and_without_an_event_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match="no webhookEvent"):
        JIRA.post(None, {"issue": {"id": "10042", "fields": {}}})


# Updates ------------------------------------------------------------------------


def test_an_update_of_time_tracking_only_posts_nothing() -> None:
    body = update(
        item("timespent", "0", "3600"),
        item("WorklogId", None, "10500"),
        item("Rank", "", "Ranked higher"),
        issue_event_type_name="issue_worklogged",
    )
    assert JIRA.post(None, body) is None


def test_a_kind_of_update_jira_does_not_document_still_posts() -> None:
    body = update(item("status", "Open", "Waiting for QA"), issue_event_type_name="qa_requested")
    message = JIRA.message(None, body)
    assert message.content == (
        "**Ada Lovelace** moved [PAY-42](https://acme.atlassian.net/browse/PAY-42)"
        " from **Open** to **Waiting for QA**."
    )


def test_an_update_is_known_by_its_kind_to_the_filters() -> None:
    body = update(item("assignee", None, "Grace Hopper"), issue_event_type_name="issue_assigned")
    assert JIRA.post(None, body, query={"only_events": "issue_assigned"}) is not None
    assert JIRA.post(None, body, query={"exclude_events": "issue_assigned"}) is None
    assert JIRA.post(None, body, query={"only_events": '["jira:issue_updated"]'}) is not None


def test_unassigned() -> None:
    message = JIRA.message(None, update(item("assignee", "Grace Hopper", None)))
    assert message.content.endswith(
        "unassigned [PAY-42](https://acme.atlassian.net/browse/PAY-42) (was **Grace Hopper**)."
    )


def test_a_comment_made_with_a_transition_tells_both() -> None:
    body = update(
        item("status", "In Progress", "Done"),
        issue_event_type_name="issue_generic",
        comment={"body": "Shipped in *2.4.0*.", "author": {"displayName": "Ada Lovelace"}},
    )
    content = JIRA.message(None, body).content
    assert content.startswith("**Ada Lovelace** updated [PAY-42]")
    assert "and commented:\n* Status: In Progress → **Done**\n\n~~~ quote\n" in content
    assert "Shipped in **2.4.0**." in content


@pytest.mark.parametrize(
    ("field", "old", "new", "line"),
    [
        ("labels", "a b", "b c", "* Labels: added `c`; removed `a`"),
        ("Sprint", "S1", "S1, S2", "* Sprint: added **S2**"),
        ("Fix Version", "2.3", None, "* Fix Version: removed 2.3"),
        ("Component", None, "API", "* Component: added **API**"),
        ("duedate", None, "2024-06-30", "* Due date: **2024-06-30**"),
        ("Story Points", "5", None, "* Story Points: removed (was 5)"),
        ("summary", "Old", "New", "* Summary: Old → **New**"),
        ("environment", "a", "b", "* Environment: updated"),
    ],
)
def test_each_kind_of_field_reads_as_a_line(
    field: str, old: str | None, new: str | None, line: str
) -> None:
    content = JIRA.message(None, update(item(field, old, new))).content
    assert content.split("\n")[1] == line


def test_an_item_with_values_only_as_ids_shows_them() -> None:
    body = update({"field": "Epic Link", "from": None, "to": "10001"})
    assert "* Epic Link: **10001**" in JIRA.message(None, body).content


# Comments -----------------------------------------------------------------------


def test_a_restricted_comment_says_who_may_see_it() -> None:
    body = comment_event("Looking.", visibility={"type": "role", "value": "Developers"})
    assert "(visible to **Developers** only):" in JIRA.message(None, body).content


def test_a_comment_without_text_ends_its_sentence() -> None:
    content = JIRA.message(None, comment_event(None)).content
    assert content == (
        "**Ada Lovelace** commented on [PAY-42](https://acme.atlassian.net/browse/PAY-42)"
        " (assigned to **Grace Hopper**)."
    )


def test_an_edited_comment_names_who_edited_it() -> None:
    body = comment_event("Edited.", updateAuthor={"displayName": "Grace Hopper"})
    body["webhookEvent"] = "comment_updated"
    assert JIRA.message(None, body).content.startswith("**Grace Hopper** edited a comment on")


def test_a_deleted_comment_is_not_repeated() -> None:
    body = comment_event("my password is hunter2")
    body["webhookEvent"] = "comment_deleted"
    assert "hunter2" not in JIRA.message(None, body).content


def test_mentions_name_people_from_the_whole_payload() -> None:
    body = comment_event("[~lfranchi] and [~accountid:5b10] and [~nobody]")
    body["issue"]["fields"]["reporter"] = {"name": "lfranchi", "displayName": "Leo Franchi"}
    content = JIRA.message(None, body).content
    assert "@Leo Franchi and @Grace Hopper and @nobody" in content


def test_a_long_comment_is_cut_and_the_message_fits() -> None:
    body = comment_event("{code}\n" + "x = 1\n" * 5000 + "{code}")
    message = JIRA.message(None, body)
    assert len(message.content) < 7000
    stays_inside(message.content)


# Attachments ----------------------------------------------------------------------


def attachment_event(**attachment: Any) -> dict[str, Any]:
    return {
        "webhookEvent": "attachment_created",
        "attachment": attachment,
        "issue": {
            "self": "https://acme.atlassian.net/rest/api/2/issue/10042",
            "key": "PAY-42",
            "fields": {"summary": "Refund fails"},
        },
    }


def test_an_attachment_without_its_address_is_named_without_a_link() -> None:
    body = attachment_event(filename="log.txt", author={"displayName": "Grace Hopper"})
    message = JIRA.message(None, body)
    assert message.topic == "PAY-42: Refund fails"
    assert message.content == (
        "**Grace Hopper** attached **log.txt** to [PAY-42](https://acme.atlassian.net/browse/PAY-42)."
    )


def test_an_attachment_without_a_name_or_an_author() -> None:
    body = attachment_event(content="https://acme.atlassian.net/secure/attachment/1/x")
    assert JIRA.message(None, body).content == (
        "Someone attached [a file](https://acme.atlassian.net/secure/attachment/1/x) to "
        "[PAY-42](https://acme.atlassian.net/browse/PAY-42)."
    )


def test_an_attachment_hides_who_attached_it() -> None:
    body = attachment_event(filename="a.png", author={"displayName": "Grace Hopper"})
    content = JIRA.message(None, body, query={"hide_personal_data": "true"}).content
    assert content.startswith("Someone attached **a.png**")
    assert "Grace" not in content


def test_a_hostile_attachment_name_stays_text() -> None:
    body = attachment_event(
        filename="@**all** [x](javascript:alert(1)) <b>.png",
        content="javascript:alert(1)",
        author={"displayName": "@*everyone*"},
    )
    assert_inert(JIRA.message(None, body).content)


# Personal data --------------------------------------------------------------------


def test_hidden_personal_data_in_an_update() -> None:
    body = update(item("assignee", "Grace Hopper", "Ada Lovelace"), item("priority", "Low", "High"))
    content = JIRA.message(None, body, query={"hide_personal_data": "true"}).content
    assert content.startswith("Someone updated [PAY-42]")
    assert "* Assignee: changed" in content
    assert "Grace" not in content
    assert "Ada" not in content


def test_hidden_personal_data_in_a_custom_field_naming_someone() -> None:
    body = update(item("Developer", None, "Grace Hopper"), item("Story Points", "3", "5"))
    body["issue"]["fields"]["customfield_10100"] = {
        "accountId": "5b10",
        "displayName": "Grace Hopper",
    }
    content = JIRA.message(None, body, query={"hide_personal_data": "true"}).content
    assert "* Developer: changed\n* Story Points: 3 → **5**" in content


def test_hidden_personal_data_in_an_assignment() -> None:
    body = update(item("assignee", None, "Grace Hopper"))
    content = JIRA.message(None, body, query={"hide_personal_data": "yes"}).content
    assert (
        content == "Someone assigned [PAY-42](https://acme.atlassian.net/browse/PAY-42) to someone."
    )


def test_hidden_personal_data_in_adf() -> None:
    document = {
        "type": "doc",
        "content": [
            {
                "type": "paragraph",
                "content": [
                    {"type": "mention", "attrs": {"id": "5b10", "text": "@Grace Hopper"}},
                    {"type": "text", "text": " mail grace@acme.example"},
                ],
            }
        ],
    }
    content = JIRA.message(None, comment_event(document), query={"hide_personal_data": "1"}).content
    assert "@someone mail (e-mail address hidden)" in content
    assert "Grace" not in content


# Wiki markup ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("h1. Title", "# Title"),
        ("h6. Small", "###### Small"),
        (
            "*bold* _italic_ -gone- +under+ ^up^ ~down~ ??cite??",
            "**bold** *italic* ~~gone~~ under up down *cite*",
        ),
        ("*_both_*", "***both***"),
        ("{{a  b}} and {{`tick`}}", "`a  b` and `` `tick` ``"),
        ("* one\n** two\n# three", "* one\n    * two\n1. three"),
        ("- dash", "* dash"),
        (
            "[text|https://e.com] [https://e.com] [mailto:a@e.com]",
            "[text](https://e.com) https://e.com a@e.com",
        ),
        ("[WIP] [#anchor] [^file.pdf] [x|#top]", "[WIP] anchor file.pdf x"),
        ("[~accountid:5b10] [~lfranchi] [~ghost]", "@Grace Hopper @Leo Franchi @ghost"),
        ("!shot.png|thumbnail! !https://e.com/a.gif!", "shot.png [a.gif](https://e.com/a.gif)"),
        ("bq. said", "> said"),
        ("a\\\\b", "a\nb"),
        ("----", "---"),
        ("ok (/) no (x) f(x)", "ok ✅ no ❌ f(x)"),
        ("\\*not bold\\* \\[x\\]", "&#42;not bold&#42; [x]"),
        ("{color:red}red{color}", "red"),
        (
            "2*3*4 and snake_case_name and well-known-thing",
            "2&#42;3&#42;4 and snake_case_name and well-known-thing",
        ),
        (
            "# not a heading in Zulip\n1. not a list",
            "1. not a heading in Zulip\n\n1&#46; not a list",
        ),
    ],
)
def test_wiki_markup(text: str, markdown: str) -> None:
    assert wiki(text) == markdown


def test_wiki_code_blocks() -> None:
    text = "before\n{code:title=a.py|language=python}\nif x:\n    y = 1\n{code}\nafter"
    assert wiki(text) == "before\n\n```python\nif x:\n    y = 1\n```\n\nafter"
    assert wiki("{noformat}raw *text*{noformat}") == "```\nraw *text*\n```"
    assert wiki("{code}never closed\n@**all**") == "```\nnever closed\n@**all**\n```"


def test_wiki_tables() -> None:
    text = "||Name||Link||\n|Ada|[site|https://e.com]|\n|Bob|a \\| b|extra|"
    assert wiki(text) == (
        "| Name | Link |   |\n| --- | --- | --- |\n| Ada | [site](https://e.com) |   |\n"
        "| Bob | a &#124; b | extra |"
    )


def test_wiki_quotes_and_panels() -> None:
    assert wiki("{quote}\nfirst\n\nsecond\n{quote}") == "> first\n>\n> second"
    assert wiki("{panel:title=Note|borderStyle=dashed}\ninside\n{panel}") == "**Note**\ninside"


PIECES = [
    "a",
    " ",
    "\n",
    "*",
    "_",
    "-",
    "#",
    "|",
    "||",
    "[",
    "]",
    "{",
    "}",
    "{code}",
    "{noformat}",
    "{quote}",
    "{{",
    "}}",
    "```",
    "~~~",
    "@**all**",
    "@_**Ada|12**",
    "@*team*",
    "[~accountid:5b10]",
    "[x|javascript:alert(1)]",
    "h1. ",
    "bq. ",
    "\\",
    "<b>",
    "!",
    "http://x.io",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, summary=TEXT, name=TEXT)
def test_no_wiki_text_pings_anyone_or_leaves_the_quote(text: str, summary: str, name: str) -> None:
    body = comment_event(text or "x")
    body["issue"]["fields"]["summary"] = summary
    body["comment"]["author"]["displayName"] = name
    stays_inside(JIRA.message(None, body).content)
    created = {
        "webhookEvent": "jira:issue_created",
        "user": {"displayName": name},
        "issue": {"key": "PAY-1", "fields": {"summary": summary, "description": text}},
    }
    stays_inside(JIRA.message(None, created).content)


def test_hostile_wiki_text_is_converted_quickly() -> None:
    started = time.monotonic()
    for text in ("*a " * 3000, "_" * 6000, "[" * 3000 + "|" * 3000, "-a " * 3000, "{{" * 3000):
        stays_inside(JIRA.message(None, comment_event(text)).content)
    assert time.monotonic() - started < 10


def test_deeply_nested_emphasis_stays_text() -> None:
    text = "*_" * 200 + "x" + "_*" * 200
    stays_inside(JIRA.message(None, comment_event(text)).content)


# Atlassian Document Format --------------------------------------------------------


def adf(*content: Any) -> str:
    return adf_markdown(Payload({"type": "doc", "version": 1, "content": list(content)}), names)


def paragraph(*content: Any) -> dict[str, Any]:
    return {"type": "paragraph", "content": list(content)}


def text(value: str, *marks: str, **attrs: Any) -> dict[str, Any]:
    found = [{"type": mark, **({"attrs": attrs} if mark == "link" else {})} for mark in marks]
    return {"type": "text", "text": value, "marks": found}


def test_adf_marks_and_breaks() -> None:
    assert (
        adf(
            paragraph(
                text("bold", "strong"),
                text(" "),
                text("it", "em"),
                {"type": "hardBreak"},
                text("# gone", "strike"),
                text(" "),
                text("x", "code"),
                text(" "),
                text("site", "link", href="https://e.com"),
            )
        )
        == "**bold** *it*\n~~&#35; gone~~ `x` [site](https://e.com)"
    )


def test_adf_blocks() -> None:
    markdown = adf(
        {"type": "heading", "attrs": {"level": 2}, "content": [text("Plan")]},
        {
            "type": "orderedList",
            "content": [
                {
                    "type": "listItem",
                    "content": [
                        paragraph(text("one")),
                        {
                            "type": "bulletList",
                            "content": [{"type": "listItem", "content": [paragraph(text("sub"))]}],
                        },
                    ],
                }
            ],
        },
        {"type": "blockquote", "content": [paragraph(text("said"))]},
        {"type": "rule"},
        {"type": "codeBlock", "attrs": {"language": "py"}, "content": [text("x = '```'")]},
        {
            "type": "taskList",
            "content": [
                {"type": "taskItem", "attrs": {"state": "DONE"}, "content": [text("done")]},
                {"type": "taskItem", "attrs": {"state": "TODO"}, "content": [text("todo")]},
            ],
        },
        {
            "type": "table",
            "content": [
                {
                    "type": "tableRow",
                    "content": [
                        {"type": "tableHeader", "content": [paragraph(text("A"))]},
                        {"type": "tableHeader", "content": [paragraph(text("B|C"))]},
                    ],
                },
                {
                    "type": "tableRow",
                    "content": [{"type": "tableCell", "content": [paragraph(text("1"))]}],
                },
            ],
        },
        {"type": "mediaSingle", "content": [{"type": "media", "attrs": {"alt": "shot.png"}}]},
        {"type": "panel", "content": [paragraph(text("in a panel"))]},
        {"type": "somethingNew", "text": "kept"},
    )
    assert markdown == (
        "## Plan\n\n1. one\n    * sub\n\n> said\n\n---\n\n````py\nx = '```'\n````\n\n"
        "* ☑ done\n* ☐ todo\n\n| A | B&#124;C |\n| --- | --- |\n| 1 |   |\n\n[shot.png]\n\n"
        "in a panel\n\nkept"
    )


def test_adf_mentions_emoji_cards_and_dates() -> None:
    assert (
        adf(
            paragraph(
                {"type": "mention", "attrs": {"id": "5b10", "text": "@Grace"}},
                text(" "),
                {"type": "mention", "attrs": {"id": "zzz"}},
                text(" "),
                {"type": "emoji", "attrs": {"shortName": ":tada:", "text": "🎉"}},
                text(" "),
                {"type": "inlineCard", "attrs": {"url": "https://e.com/x"}},
                text(" "),
                {"type": "date", "attrs": {"timestamp": "1718236800000"}},
                text(" "),
                {"type": "status", "attrs": {"text": "DONE"}},
            )
        )
        == "@Grace Hopper @zzz 🎉 https://e.com/x <time:2024-06-13T00:00:00Z> [DONE]"
    )


def test_adf_link_cards_as_blocks_and_a_list_that_starts_later() -> None:
    ordered = {
        "type": "orderedList",
        "attrs": {"order": 3},
        "content": [
            {"type": "listItem", "content": [paragraph(text("three"))]},
            {"type": "listItem", "content": [paragraph(text("four"))]},
        ],
    }
    assert adf(
        {"type": "blockCard", "attrs": {"url": "https://e.com/design"}},
        {"type": "embedCard", "attrs": {"url": "https://e.com/video", "layout": "center"}},
        ordered,
    ) == ("https://e.com/design\n\nhttps://e.com/video\n\n3. three\n4. four")


def test_adf_of_unexpected_shapes_is_read_as_far_as_it_goes() -> None:
    assert adf(paragraph({"type": "text", "text": 3}), {"content": "not a list"}, "text") == ""
    deep: dict[str, Any] = text("bottom")
    for _ in range(200):
        deep = {"type": "blockquote", "content": [deep]}
    assert "bottom" in adf(deep)


ADF_PIECES = ["a", " ", "@**all**", "```", "~~~", "# ", "> ", "[x](javascript:y)", "|", "\n"]
ADF_TEXT = st.lists(st.sampled_from(ADF_PIECES), max_size=20).map("".join)


@settings(max_examples=150, deadline=None)
@given(first=ADF_TEXT, second=ADF_TEXT, language=ADF_TEXT)
def test_no_adf_text_pings_anyone_or_leaves_the_quote(
    first: str, second: str, language: str
) -> None:
    document = {
        "type": "doc",
        "content": [
            paragraph(text(first or "x", "strong"), {"type": "mention", "attrs": {"text": second}}),
            {
                "type": "codeBlock",
                "attrs": {"language": language},
                "content": [text(second or "y")],
            },
            {"type": "heading", "attrs": {"level": 1}, "content": [text(first or "z")]},
            {
                "type": "bulletList",
                "content": [{"type": "listItem", "content": [paragraph(text(second or "w"))]}],
            },
        ],
    }
    stays_inside(JIRA.message(None, comment_event(document)).content)


# Sprints and versions ----------------------------------------------------------------


SPRINT = {
    "id": 7,
    "self": "https://acme.atlassian.net/rest/agile/1.0/sprint/7",
    "name": "Refunds",
    "startDate": "2024-06-03T08:00:00.000Z",
    "endDate": "2024-06-17T08:00:00.000Z",
    "originBoardId": 3,
}


def test_a_sprint_update_that_changed_nothing_shown_posts_nothing() -> None:
    body = {"webhookEvent": "sprint_updated", "sprint": SPRINT, "oldValue": dict(SPRINT)}
    assert JIRA.post(None, body) is None


def test_a_sprint_update_without_the_old_sprint() -> None:
    message = JIRA.message(None, {"webhookEvent": "sprint_updated", "sprint": SPRINT})
    assert message.topic == "Sprint Refunds"
    assert message.content.startswith("**Sprint updated**: [Refunds](https://acme.atlassian.net/")


def test_a_sprint_renamed_with_a_new_goal() -> None:
    renamed = {**SPRINT, "name": "Refunds 2", "goal": "Ship"}
    message = JIRA.message(
        None, {"webhookEvent": "sprint_updated", "sprint": renamed, "oldValue": SPRINT}
    )
    assert message.topic == "Sprint Refunds 2"
    assert "* Name: Refunds → **Refunds 2**\n* Goal: Ship" in message.content


def test_a_sprint_known_only_by_its_id() -> None:
    message = JIRA.message(None, {"webhookEvent": "sprint_started", "sprint": {"id": 9}})
    assert message.content == "**Sprint started**: **Sprint 9**."


def test_a_version_without_its_name_is_named() -> None:
    with pytest.raises(BadPayload, match=r"^version\.name: expected the version's name"):
        JIRA.post(None, {"webhookEvent": "jira:version_released", "version": {"id": "1"}})


# What it declares ----------------------------------------------------------------------


def test_jira_clouds_signature_is_checked() -> None:
    signature = JIRA.integration.signature
    assert isinstance(signature, HmacSignature)
    assert (signature.header, signature.prefix) == ("X-Hub-Signature", "sha256=")
    body = JIRA.fixture("created_v2.json")
    assert JIRA.post(None, body, secret="s3cret") is not None
    with pytest.raises(Unauthorized):
        JIRA.post(None, body, secret="s3cret", headers={"X-Hub-Signature": "sha256=00"})


def test_the_delivery_is_named_by_jiras_identifier() -> None:
    processed = JIRA.process(
        None,
        JIRA.fixture("created_v2.json"),
        headers={"X-Atlassian-Webhook-Identifier": "b1d7a8d2-1"},
    )
    assert processed.delivery_id == "b1d7a8d2-1"


def test_an_assignment_with_an_empty_changelog_names_the_assignee_from_the_issue() -> None:
    # Automation rules, bulk edits and the REST API assign without a changelog item.
    body = JIRA.fixture("assigned_empty_changelog_cloud.json")
    message = JIRA.message(None, body)
    assert message.topic == "TEST-123: Test issue for empty changelog assignment"
    assert message.content == (
        "**Admin User** assigned [TEST-123](https://test-instance.atlassian.net/browse/TEST-123)"
        " to **John Doe**."
    )
    body["issue"]["fields"]["assignee"] = None
    assert JIRA.message(None, body).content == (
        "**Admin User** unassigned [TEST-123](https://test-instance.atlassian.net/browse/TEST-123)."
    )


def test_component_events_are_ignored_as_administration() -> None:
    body = {"webhookEvent": "component_created", "component": {"id": 10000, "name": "API"}}
    assert JIRA.post(None, body) is None


def test_fields_named_in_the_sites_language_are_known_by_their_id() -> None:
    # A site in Russian calls the status "Статус"; fieldId says it is the status.
    body = JIRA.fixture("updated_localized_field_names.json")
    assert JIRA.message(None, body).content == (
        "**Анна Петрова** moved [DTP-5](https://example.atlassian.net/browse/DTP-5) from"
        " **Бэклог** to **Готово** (assigned to **Иван Иванов**)."
    )
    item = body["changelog"]["items"][0]
    item.update(field="Исполнитель", fieldId="assignee", fromString=None, toString="Мария Смирнова")
    hidden = JIRA.message(None, body, query={"hide_personal_data": "true"}).content
    assert (
        hidden == "Someone assigned [DTP-5](https://example.atlassian.net/browse/DTP-5) to someone."
    )
