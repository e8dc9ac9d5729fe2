"""Focused tests of the Sentry integration: what the page's examples do not show.

Zulip's topics for every shipped fixture, bodies that arrive without their
header, payload variants of other versions (optional fields missing, older
shapes), the options at their edges, the signature scheme it declares, huge
stack traces and titles, and a property test that no text from a payload
ever makes a live mention.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import pytest
from hypothesis import given, settings

from integrations.core import BadPayload, BadRequest, Unauthorized, UnsupportedEvent
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import markdown_pieces

SENTRY = WebhookHarness("sentry")
SECRET = "client-secret"

# Zulip's own integration's topic for each fixture (its tests.py). The Raven
# SDK event, which Zulip refuses, is posted here under the event's title.
ZULIP_TOPICS = {
    "event_for_exception_golang.json": '*url.Error: Get "bad_url": unsupported protocol scheme ""',
    "event_for_exception_js.json": "Error: Something external broke.",
    "event_for_exception_node.json": "Error: Sample error from node.",
    "event_for_exception_python.json": "Exception: Custom exception!",
    "event_for_exception_rails.json": "ZeroDivisionError: divided by 0",
    "event_for_exception_vue.json": "TypeError: Cannot read properties of null (reading 'inser...",
    "event_for_message_golang.json": "A test message event from golang.",
    "event_for_message_node.json": "Test event from node.",
    "event_for_message_python.json": "A simple message-based issue.",
    "sample_event_through_alert.json": "This is an example Python exception",
    "issue_assigned_to_individual.json": "A test message event from golang.",
    "issue_assigned_to_team.json": "Exception: program has entered an invalid state.",
    "issue_created_for_exception.json": "Exception: Custom exception!",
    "issue_created_for_message.json": "A simple message-based issue.",
    "issue_ignored.json": "Exception: program has entered an invalid state.",
    "issue_resolved.json": "Exception: program has entered an invalid state.",
    "webhook_event_for_exception_javascript.json": (
        'TypeError: can\'t access property "bar", x.foo is undefined'
    ),
    "webhook_event_for_exception_python.json": "ValueError: new sentry error.",
    "sample_event_through_plugin.json": "This is an example Python exception",
    "raven_sdk_python_event.json": "ZeroDivisionError: division by zero",
    "deprecated_exception_message.json": "zulip",
}


def fixture_message(name: str, **options: Any) -> Any:
    event = SENTRY.integration.event_for_fixture(name)
    return SENTRY.message(event, SENTRY.fixture_bytes(name), **options)


# Zulip's topics, and every fixture read -------------------------------------


# Fixtures written for this project (their NOTICE says from what), not Zulip's.
WRITTEN = {
    "activity_alert_pr_created.json",
    "activity_alert_root_cause_completed.json",
    "metric_alert_closed.json",
}


def test_every_fixture_is_listed() -> None:
    shipped = {path.name for path in SENTRY.fixtures.glob("*.json")}
    assert shipped == set(ZULIP_TOPICS) | WRITTEN


@pytest.mark.parametrize("name", sorted(ZULIP_TOPICS))
def test_each_fixture_posts_in_zulips_topic(name: str) -> None:
    message = fixture_message(name)
    assert message.topic == ZULIP_TOPICS[name]
    assert_inert(message.content)


@pytest.mark.parametrize(
    ("name", "start", "shown"),
    [
        (
            "event_for_exception_js.json",
            ":red_circle: **Error** in `zulip-integration-testing`",
            "in `/mnt/data/Documents/Stuff%20for%20Zulip/Repos/sentry/js/external.js`",
        ),
        (
            "event_for_exception_node.json",
            ":red_circle: **Error**",
            "> 11 |   Sentry.captureException(new Error('Sample error from node.'));",
        ),
        (
            "event_for_message_node.json",
            ":blue_circle: **Info**",
            "<time:2020-04-30T06:09:56Z>",
        ),
        (
            "sample_event_through_alert.json",
            ":red_circle: **Error** in `python`",
            "environment `prod`",
        ),
        (
            "sample_event_through_plugin.json",
            ":red_circle: **Error** in `python`",
            "(https://nitk-46.sentry.io/issues/4218258981/events/4dc4fc2858aa450eb658be9e5b8ad149/)",
        ),
        (
            "raven_sdk_python_event.json",
            ":red_circle: **Error** in `python-raven`",
            "> 6 |     1 / 0",
        ),
        (
            "webhook_event_for_exception_javascript.json",
            ":red_circle: **Error** in `live`",
            "Alert rule **Send a notification for new issues** · <time:2020-10-26T16:39:54Z>",
        ),
    ],
)
def test_fixtures_no_example_shows(name: str, start: str, shown: str) -> None:
    """The fixtures the page leaves out: the level first, and what each adds."""
    content = fixture_message(name).content
    assert content.startswith(start)
    assert shown in content


def test_every_line_of_source_the_node_sdk_sends_is_shown() -> None:
    """Node sends seven lines before the crash; Zulip shows them all, and so do we."""
    content = fixture_message("event_for_exception_node.json").content
    assert "   4 |   dsn: 'https://redacted.ingest.sentry.io/5216640'," in content
    assert "> 11 |   Sentry.captureException(new Error('Sample error from node.'));" in content


@pytest.mark.parametrize(
    ("issue_url", "event_id", "page"),
    [
        (
            "https://sentry.io/organizations/acme/issues/7/?referrer=webhooks_plugin",
            "c916dccfd58e41dcabaebef0091f0736",
            "https://sentry.io/organizations/acme/issues/7/events/c916dccfd58e41dcabaebef0091f0736/",
        ),
        ("https://sentry.io/acme/shop/issues/7/", None, "https://sentry.io/acme/shop/issues/7/"),
        (
            "https://sentry.io/acme/shop/issues/7/",
            "not-an-id",
            "https://sentry.io/acme/shop/issues/7/",
        ),
        (
            "https://example.com/elsewhere",
            "c916dccfd58e41dcabaebef0091f0736",
            "https://example.com/elsewhere",
        ),
    ],
)
def test_the_plugin_links_the_events_page_when_it_can(
    issue_url: str, event_id: str | None, page: str
) -> None:
    body = {
        "project": "shop",
        "message": "Boom",
        "url": issue_url,
        "level": "error",
        "event": {"event_id": event_id, "title": "Boom"},
    }
    assert f"[Boom]({page})" in SENTRY.message("webhooks_plugin", body).content


def test_the_old_raven_sdk_is_posted_not_refused() -> None:
    """Zulip refuses events of the Raven SDK; they are ordinary errors, and are posted."""
    content = fixture_message("raven_sdk_python_event.json").content
    assert (
        "[ZeroDivisionError: division by zero](https://nitk-46.sentry.io/issues/4311163364/"
        in content
    )


# Bodies without the header ---------------------------------------------------

PLATFORM_FIXTURES = [
    name
    for name in sorted(ZULIP_TOPICS)
    if name.startswith(("event_for_", "issue_", "sample_event_through_alert"))
]


@pytest.mark.parametrize("name", [*PLATFORM_FIXTURES, *sorted(WRITTEN)])
def test_a_body_without_the_header_is_read_by_its_shape(name: str) -> None:
    """As Zulip saved them, and as a proxy that drops headers delivers them."""
    with_header = fixture_message(name)
    without = SENTRY.message(None, SENTRY.fixture_bytes(name))
    assert without == with_header


def test_the_header_wins_over_the_shape() -> None:
    body = SENTRY.fixture("issue_created_for_exception.json")
    processed = SENTRY.process(
        "comment", {**body, "data": {**body["data"], "comment": "hi", "issue_id": 5}}
    )
    assert processed.event == "comment"


@pytest.mark.parametrize(
    ("data", "event"),
    [
        ({"metric_alert": {}, "description_title": "x"}, "metric_alert"),
        ({"error": {"title": "x"}}, "error"),
        ({"comment": "x", "issue_id": 1}, "comment"),
        ({"installation": {"uuid": "u"}}, "installation"),
        ({"run_id": 1, "group_id": 2}, "seer"),
        ({"buildId": "7", "state": "COMPLETED"}, "preprod_artifact"),
    ],
)
def test_every_resource_is_known_by_its_shape(data: dict[str, Any], event: str) -> None:
    action = {"metric_alert": "critical", "seer": "root_cause_started"}.get(event, "created")
    request = SENTRY.request(None, {"action": action, "data": data})
    assert SENTRY.integration.process(request).event == event


def test_a_data_that_is_not_an_object_names_the_field() -> None:
    with pytest.raises(BadPayload, match=r"^data: expected an object, got a list"):
        SENTRY.post(None, {"data": [1]})


def test_an_unknown_shape_without_header_is_a_bad_request() -> None:
    with pytest.raises(BadRequest, match="Sentry-Hook-Resource"):
        SENTRY.post(None, {"data": {"widget": 1}})


def test_an_unknown_resource_is_unsupported_by_name() -> None:
    with pytest.raises(UnsupportedEvent, match="uptime_alert"):
        SENTRY.post("uptime_alert", {"action": "triggered", "data": {}})


def test_a_metric_alert_closed_is_told_as_resolved() -> None:
    """``closed``, as Sentry's list of metric alert actions said in 2024, reads as ``resolved``."""
    closed = fixture_message("metric_alert_closed.json")
    body = SENTRY.fixture("metric_alert_closed.json")
    resolved = SENTRY.message("metric_alert", {**body, "action": "resolved"})
    assert closed == resolved
    assert closed.content.startswith(":green_circle: **Resolved**: [Too many errors]")
    left_out = SENTRY.process(
        "metric_alert",
        SENTRY.fixture_bytes("metric_alert_closed.json"),
        query={"ignore_resolved": "true"},
    )
    assert left_out.message is None


def test_an_activity_alert_of_an_activity_it_does_not_know() -> None:
    """A Seer step added later is said with its own name, in the issue's topic; a missing
    alert, summary or pull request list leaves its line out."""
    body = {
        "action": "triggered",
        "data": {
            "issue": {"title": "KeyError: 'cart'", "level": "warning"},
            "activity": {"type": "seer_review_started", "details": {}},
        },
    }
    message = SENTRY.message("activity_alert", body)
    assert message.topic == "KeyError: 'cart'"
    assert message.content == ":orange_circle: **Seer review started**: KeyError: 'cart'"


# Other versions: optional fields missing, older shapes --------------------------


def minimal_issue(action: str, **issue: Any) -> dict[str, Any]:
    return {"action": action, "data": {"issue": {"title": "KeyError: 'cart'", **issue}}}


@pytest.mark.parametrize(
    "action", ["created", "resolved", "assigned", "ignored", "archived", "unresolved"]
)
def test_an_issue_with_only_its_title(action: str) -> None:
    """No actor, project, short id, level, times or assignee: still a message, never an error."""
    message = SENTRY.message("issue", minimal_issue(action))
    assert message.topic == "KeyError: 'cart'"
    assert "KeyError: 'cart'" in message.content


def test_an_issue_created_names_its_assignee_and_links_its_page() -> None:
    body = minimal_issue(
        "created",
        level="warning",
        shortId="SHOP-1",
        web_url="https://sentry.io/organizations/acme/issues/1/",
        assignedTo={"type": "team", "name": "payments", "id": "3"},
    )
    content = SENTRY.message("issue", body).content
    assert content.startswith(
        ":orange_circle: **New warning issue**: [KeyError: 'cart'](https://sentry.io/organizations/acme/issues/1/) (`SHOP-1`)"
    )
    assert content.endswith("\nAssigned to **team payments**")


def test_an_issue_assigned_without_assigned_to_reads_the_data_assignee() -> None:
    body = minimal_issue("assigned")
    body["data"]["assignee"] = {"type": "user", "name": "Ada", "email": "ada@example.com"}
    body["actor"] = {"type": "user", "name": "Grace"}
    assert SENTRY.message("issue", body).content.startswith("**Assigned** to **Ada** by **Grace**")


@pytest.mark.parametrize(
    ("resolution", "details", "said"),
    [
        (
            "in_commit",
            {"inCommit": {"id": "5c2f4a1b9d0e7f3a", "repository": "acme/shop"}},
            "in commit `5c2f4a1b9d0e`",
        ),
        ("in_next_release", {"inNextRelease": True}, "in the next release"),
        ("in_release", {"inRelease": "shop@1.2.0"}, "in release `shop@1.2.0`"),
        ("now", {}, "**Resolved** by **Sentry**:"),
    ],
)
def test_how_an_issue_was_resolved(resolution: str, details: dict[str, Any], said: str) -> None:
    body = minimal_issue("resolved", statusDetails=details)
    body["data"]["resolution_type"] = resolution
    body["actor"] = {"type": "application", "id": "sentry", "name": "Sentry"}
    assert said in SENTRY.message("issue", body).content


@pytest.mark.parametrize(
    ("details", "substatus", "said"),
    [
        ({"ignoreDuration": 30}, None, "for 30 minutes"),
        ({"ignoreCount": 100, "ignoreWindow": 60}, None, "until it happens 100 more times"),
        ({"ignoreUserCount": 5}, None, "until it affects 5 more users"),
        ({}, "archived_forever", "forever"),
        ({}, "archived_until_escalating", "until it escalates"),
    ],
)
def test_how_long_an_issue_stays_archived(
    details: dict[str, Any], substatus: str | None, said: str
) -> None:
    body = minimal_issue("ignored", statusDetails=details, substatus=substatus)
    assert said in SENTRY.message("issue", body).content


@pytest.mark.parametrize(
    ("substatus", "start"),
    [
        ("escalating", ":red_circle: **Escalating**"),
        ("regressed", ":red_circle: **Regressed**"),
        (None, ":red_circle: **Unresolved** by **Ada**"),
    ],
)
def test_why_an_issue_is_unresolved(substatus: str | None, start: str) -> None:
    body = minimal_issue("unresolved", level="error", substatus=substatus)
    body["actor"] = {"type": "user", "name": "Ada"}
    assert SENTRY.message("issue", body).content.startswith(start)


def test_an_issue_count_as_a_number() -> None:
    body = minimal_issue("resolved", count=1500, userCount=3)
    assert "1500 events · 3 users" in SENTRY.message("issue", body).content


def event_alert(**event: Any) -> dict[str, Any]:
    return {"action": "triggered", "data": {"event": {"title": "Boom", **event}}}


def test_an_event_with_only_its_title() -> None:
    message = SENTRY.message("event_alert", event_alert())
    assert message.topic == "Boom"
    assert message.content == ":white_circle: **Event**: Boom"


def test_an_event_alert_named_by_issue_alert_title() -> None:
    body = event_alert(level="fatal")
    body["data"]["issue_alert"] = {"title": "Page the on-call", "settings": []}
    assert SENTRY.message("event_alert", body).content.startswith(
        ":red_circle: **Fatal**: Boom\nAlert rule **Page the on-call**"
    )


def test_an_event_time_from_its_timestamp_and_tags_as_objects() -> None:
    body = event_alert(
        timestamp=1762138717.5,
        tags=[{"key": "environment", "value": "canary"}, {"key": "server_name", "value": "web-7"}],
    )
    content = SENTRY.message("event_alert", body).content
    assert "<time:2025-11-03T02:58:37Z> · environment `canary` · server `web-7`" in content


@pytest.mark.parametrize("release", ["shop@1.2.0", {"version": "shop@1.2.0", "dateCreated": None}])
def test_a_release_as_text_or_as_the_apis_object(release: Any) -> None:
    content = SENTRY.message("event_alert", event_alert(release=release)).content
    assert content.endswith("\nRelease `shop@1.2.0`")


def test_an_unreadable_time_is_left_out() -> None:
    content = SENTRY.message(
        "event_alert", event_alert(datetime="yesterday", timestamp=1e30)
    ).content
    assert "<time:" not in content


def test_a_message_event_shows_the_message_when_it_says_more_than_the_title() -> None:
    body = event_alert(logentry={"formatted": "Boom\nwhile charging order 42"})
    assert "> Boom\n> while charging order 42" in SENTRY.message("event_alert", body).content


def test_a_chained_exception_shows_the_frame_of_the_last_one() -> None:
    def frame(line: str) -> dict[str, Any]:
        return {"filename": "app.py", "lineno": 3, "context_line": line, "in_app": True}

    body = event_alert(
        platform="python",
        exception={
            "values": [
                {"type": "KeyError", "stacktrace": {"frames": [frame("cause()")]}},
                {"type": "RuntimeError", "stacktrace": {"frames": [frame("raise RuntimeError")]}},
            ]
        },
    )
    content = SENTRY.message("event_alert", body).content
    assert "> 3 | raise RuntimeError" in content
    assert "cause()" not in content


def test_a_frame_without_line_numbers_or_context() -> None:
    body = event_alert(
        exception={
            "values": [
                {
                    "stacktrace": {
                        "frames": [
                            {"function": "f", "context_line": "x = 1"},
                            {"filename": "lib.js"},
                        ]
                    }
                }
            ]
        }
    )
    content = SENTRY.message("event_alert", body).content
    assert "in `f`:\n```\n> x = 1\n```" in content


def test_the_error_resource_without_web_url() -> None:
    body = {
        "action": "created",
        "data": {
            "error": {
                "title": "Boom",
                "level": "error",
                "url": "https://sentry.io/api/0/projects/acme/shop/events/1/",
            }
        },
    }
    assert (
        SENTRY.message("error", body).content == ":red_circle: **Error** in `shop`: Boom\nNew error"
    )


def test_a_metric_alert_without_its_rule_or_times() -> None:
    body = {
        "action": "critical",
        "data": {"description_title": "Critical: Too many errors", "metric_alert": {}},
    }
    message = SENTRY.message("metric_alert", body)
    assert message.topic == "Too many errors"
    assert message.content == ":red_circle: **Critical**: Too many errors"


def test_a_metric_alert_with_nothing_to_name_it() -> None:
    assert (
        SENTRY.message("metric_alert", {"action": "resolved", "data": {}}).topic == "Metric alert"
    )


def test_a_comment_whose_issue_id_is_a_string() -> None:
    body = {
        "action": "created",
        "data": {"comment": "On it.", "issue_id": "77"},
        "actor": {"name": "Ada"},
    }
    message = SENTRY.message("comment", body)
    assert message.topic == "issue 77"
    assert message.content.startswith("**Ada** commented on issue `77`:")


def test_an_installation_without_its_details() -> None:
    body = {"action": "deleted", "data": {"installation": {}}}
    assert (
        SENTRY.message("installation", body).content
        == "Someone uninstalled the Sentry integration."
    )


# Options ----------------------------------------------------------------------


def metric(action: str, environment: str | None = "production") -> dict[str, Any]:
    rule = {"name": "Too many errors", "environment": environment}
    return {"action": action, "data": {"metric_alert": {"alert_rule": rule}}}


@pytest.mark.parametrize(
    ("action", "least", "posted"),
    [
        ("warning", "warning", True),
        ("warning", "error", False),
        ("critical", "fatal", True),
        ("open", "fatal", True),
        ("resolved", "fatal", True),
    ],
)
def test_min_level_on_metric_alerts(action: str, least: str, posted: bool) -> None:
    message = SENTRY.post("metric_alert", metric(action), query={"min_level": least})
    assert (message is not None) is posted


def test_min_level_passes_what_has_no_level_or_an_unknown_one() -> None:
    query = {"min_level": "fatal"}
    comment = {"action": "created", "data": {"comment": "x", "issue_id": 1}}
    assert SENTRY.post("comment", comment, query=query) is not None
    assert SENTRY.post("event_alert", event_alert(level="sample"), query=query) is not None
    assert (
        SENTRY.post("event_alert", event_alert(level="ERROR"), query={"min_level": "error"})
        is not None
    )


def test_min_level_reads_the_plugins_level() -> None:
    assert fixture_message("webhook_event_for_exception_python.json", query={"min_level": "error"})
    assert (
        SENTRY.post(
            "webhooks_plugin",
            SENTRY.fixture("webhook_event_for_exception_python.json"),
            query={"min_level": "fatal"},
        )
        is None
    )


def test_ignore_resolved_leaves_out_a_resolved_metric_alert_only() -> None:
    query = {"ignore_resolved": "true"}
    assert SENTRY.post("metric_alert", metric("resolved"), query=query) is None
    assert SENTRY.post("metric_alert", metric("critical"), query=query) is not None
    assert fixture_message("issue_ignored.json", query=query)


@pytest.mark.parametrize(
    ("event", "body", "posted"),
    [
        ("metric_alert", metric("critical", "staging-2"), True),
        ("metric_alert", metric("critical", "development"), False),
        ("metric_alert", metric("critical", None), True),
        ("event_alert", event_alert(tags=[["environment", "production"]]), True),
        ("event_alert", event_alert(environment="qa"), False),
        ("event_alert", event_alert(), True),
        (
            "error",
            {"action": "created", "data": {"error": {"title": "x", "environment": "qa"}}},
            False,
        ),
        ("issue", minimal_issue("created"), True),
    ],
)
def test_environments(event: str, body: dict[str, Any], posted: bool) -> None:
    message = SENTRY.post(event, body, query={"environments": "production,staging-*"})
    assert (message is not None) is posted


def test_environments_of_the_plugin() -> None:
    query = {"environments": "prod"}
    assert fixture_message("sample_event_through_plugin.json", query=query)
    assert (
        SENTRY.post(
            "webhooks_plugin", SENTRY.fixture("deprecated_exception_message.json"), query=query
        )
        is None
    )


# The signature ------------------------------------------------------------------


def test_the_signature_is_an_hmac_sha256_of_the_body_in_hex() -> None:
    body = SENTRY.fixture_bytes("issue_resolved.json")
    signature = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    request = SENTRY.request("issue", body, headers={"Sentry-Hook-Signature": signature})
    assert SENTRY.integration.process(request, secret=SECRET).message is not None
    with pytest.raises(Unauthorized, match="Sentry-Hook-Signature"):
        SENTRY.integration.process(
            SENTRY.request("issue", body, headers={"Sentry-Hook-Signature": signature[::-1]}),
            secret=SECRET,
        )


def test_the_legacy_plugin_does_not_sign() -> None:
    with pytest.raises(Unauthorized, match="is missing"):
        SENTRY.integration.process(
            SENTRY.fixture_request("sample_event_through_plugin.json"), secret=SECRET
        )


# Sizes --------------------------------------------------------------------------


def test_a_huge_stack_trace_and_title_stay_within_limits() -> None:
    frames = [
        {
            "filename": f"bundle-{index}.min.js",
            "lineno": index,
            "context_line": "x" * 5_000,
            "pre_context": ["y" * 5_000] * 30,
            "post_context": ["z" * 5_000] * 30,
        }
        for index in range(200)
    ]
    body = event_alert(
        title="E" * 5_000,
        exception={"values": [{"stacktrace": {"frames": frames}}] * 3},
        logentry={"formatted": "m" * 50_000},
    )
    message = SENTRY.message("event_alert", body)
    assert len(message.topic) == MAX_TOPIC_LENGTH
    # The title cut at 300 characters; ten lines each side, cut at 160.
    assert len(message.content) <= 4_500
    assert "…" in message.content


def test_a_huge_comment_is_cut_and_stays_quoted() -> None:
    comment = "\n\n".join(
        f"Paragraph {index} with @**all** and **bold**." for index in range(5_000)
    )
    body = {
        "action": "created",
        "data": {"comment": comment, "issue_id": 1, "project_slug": "shop"},
    }
    content = SENTRY.message("comment", body).content
    assert len(content) <= MAX_CONTENT_LENGTH
    assert content.rstrip().endswith("~~~")
    assert_inert(content)


def test_a_huge_metric_description_is_cut() -> None:
    body = metric("critical")
    body["data"]["description_text"] = "line\n" * 10_000
    assert len(SENTRY.message("metric_alert", body).content) < 2_000


# Untrusted text -------------------------------------------------------------------

# Pieces of Markdown, mentions and links, so random texts are mostly attacks.
TEXT = markdown_pieces()


@settings(max_examples=150, deadline=None)
@given(title=TEXT, rule=TEXT, environment=TEXT, culprit=TEXT, line=TEXT, project=TEXT)
def test_no_text_from_an_event_makes_a_live_mention(
    title: str, rule: str, environment: str, culprit: str, line: str, project: str
) -> None:
    body = event_alert(
        title=title or "x",
        environment=environment,
        culprit=culprit,
        url=f"https://sentry.io/api/0/projects/acme/{project}/events/1/",
        exception={
            "values": [
                {
                    "stacktrace": {
                        "frames": [
                            {"filename": culprit, "function": rule, "context_line": line or "x"}
                        ]
                    }
                }
            ]
        },
    )
    body["data"]["triggered_rule"] = rule
    message = SENTRY.message("event_alert", body)
    assert_inert(message.content)


@settings(max_examples=150, deadline=None)
@given(comment=TEXT, actor=TEXT, title=TEXT, assignee=TEXT)
def test_no_text_from_issues_and_comments_makes_a_live_mention(
    comment: str, actor: str, title: str, assignee: str
) -> None:
    posted = [
        SENTRY.message(
            "comment",
            {
                "action": "created",
                "data": {"comment": comment, "issue_id": 1, "project_slug": actor},
                "actor": {"name": actor},
            },
        ),
        SENTRY.message(
            "issue",
            {**minimal_issue("assigned", assignedTo={"name": assignee}), "actor": {"name": actor}},
        ),
        SENTRY.message(
            "issue", minimal_issue("created", title=title or "x", shortId=title, culprit=comment)
        ),
    ]
    for message in posted:
        assert_inert(message.content)
