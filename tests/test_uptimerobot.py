"""Focused tests of the UptimeRobot integration: the templates users write, beyond the page.

UptimeRobot posts whatever body its user's template builds, so these try
the variants a real template produces: Zulip's field names and
UptimeRobot's own, numbers unquoted, variables left unfilled, fields
missing; the alert types and the options at their edges; and a property
test that no monitor name or reason makes a live mention.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from integrations.core import BadPayload, BadRequest, UnsupportedEvent
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import untrusted_words

UPTIMEROBOT = WebhookHarness("uptimerobot")


def alert(kind: str = "Down", **fields: Any) -> dict[str, Any]:
    """A body of the template on the integration's page, filled in."""
    body: dict[str, Any] = {
        "monitor_id": "797123456",
        "monitor_url": "https://shop.example.com",
        "monitor_friendly_name": "Shop",
        "alert_type": {"Down": "1", "Up": "2"}.get(kind, "3"),
        "alert_type_friendly_name": kind,
        "alert_details": "Connection Timeout",
        "alert_duration": "*alertDuration*",
        "alert_friendly_duration": "*alertFriendlyDuration*",
        "alert_datetime": "1713769949",
        "ssl_expiry_date": "*sslExpiryDate*",
        "ssl_expiry_days_left": "*sslExpiryDaysLeft*",
    }
    body.update(fields)
    return {key: value for key, value in body.items() if value is not None}


def test_the_fixtures_post_as_zulip_names_their_topics() -> None:
    down = UPTIMEROBOT.message(None, UPTIMEROBOT.fixture("uptimerobot_monitor_down.json"))
    up = UPTIMEROBOT.message(None, UPTIMEROBOT.fixture("uptimerobot_monitor_up.json"))
    assert (down.topic, up.topic) == ("Web Server", "Mail Server")


def test_down_and_up_of_one_monitor_share_its_topic() -> None:
    assert UPTIMEROBOT.message(None, alert("Down")).topic == "Shop"
    assert UPTIMEROBOT.message(None, alert("Up")).topic == "Shop"


@pytest.mark.parametrize(
    ("fields", "event"),
    [
        ({"alert_type_friendly_name": "down"}, "down"),
        ({"alert_type_friendly_name": None, "alert_type": "2"}, "up"),
        ({"alert_type_friendly_name": None, "alert_type": 1}, "down"),
        ({"alert_type_friendly_name": "*alertTypeFriendlyName*", "alert_type": "3"}, "ssl_expiry"),
        ({"alert_type_friendly_name": "SSL Expiry"}, "ssl_expiry"),
    ],
)
def test_the_alert_type_is_read_from_either_field(fields: dict[str, Any], event: str) -> None:
    assert UPTIMEROBOT.process(None, alert(**fields)).event == event


def test_an_alert_type_uptimerobot_adds_later_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedEvent, match="'paused'"):
        UPTIMEROBOT.post(None, alert("Paused", alert_type="99"))
    with pytest.raises(UnsupportedEvent, match="'alert_type_7'"):
        UPTIMEROBOT.post(None, alert(alert_type_friendly_name=None, alert_type="7"))


def test_uptimerobots_own_variable_names_are_read() -> None:
    body = {
        "monitorID": 797123456,
        "monitorURL": "db.example.com",
        "monitorFriendlyName": "Database",
        "alertType": 1,
        "alertTypeFriendlyName": "Down",
        "alertDetails": "Port is closed",
        "alertDateTime": 1713769949,
    }
    message = UPTIMEROBOT.message(None, body)
    assert message.topic == "Database"
    assert message.content == (
        "**Down**: **Database** (db.example.com) — Port is closed\n"
        "Down since <time:2024-04-22T07:12:29Z>"
        " · [Monitor in UptimeRobot](https://dashboard.uptimerobot.com/monitors/797123456)"
    )


def test_variables_in_the_url_are_read_when_there_is_no_body() -> None:
    """An alert contact without a POST value: the owner wrote UptimeRobot's variables in the URL."""
    query = {
        "monitorFriendlyName": "Web Server",
        "monitorURL": "https://www.example.com",
        "alertTypeFriendlyName": "Down",
        "alertDetails": "Connection Timeout",
        "topic": "Uptime",
    }
    message = UPTIMEROBOT.message(None, b"", query=query)
    assert message.topic == "Uptime"
    assert message.content.startswith(
        "**Web Server**\n**Down**: **[Web Server](https://www.example.com)** — Connection Timeout"
    )


def test_a_json_post_value_sent_as_a_form_is_still_read() -> None:
    body = b'{"monitor_friendly_name": "Web Server", "alert_type": "2"}'
    message = UPTIMEROBOT.message(
        None, body, content_type="application/x-www-form-urlencoded", query={"topic": "Uptime"}
    )
    assert message.content.startswith("**Web Server**\n**Up**")


def test_an_empty_body_without_variables_in_the_url_is_refused() -> None:
    with pytest.raises(BadRequest, match="the request body is empty"):
        UPTIMEROBOT.post(None, b"", query={"topic": "Uptime"})


def test_unfilled_variables_read_as_missing() -> None:
    body = alert(
        alert_details="*alertDetails*", alert_datetime="*alertDateTime*", monitor_id="*monitorID*"
    )
    assert (
        UPTIMEROBOT.message(None, body).content == "**Down**: **[Shop](https://shop.example.com)**"
    )


def test_the_duration_in_seconds_when_the_friendly_one_is_missing() -> None:
    message = UPTIMEROBOT.message(None, alert("Up", alert_duration="3725"))
    assert message.content.startswith("**Up** after 1 h 2 min: ")


def test_one_day_left_on_a_certificate() -> None:
    body = alert("SSL", ssl_expiry_days_left="1", ssl_expiry_date="2024-04-23")
    assert "**SSL certificate expiring** in 1 day (2024-04-23)" in (
        UPTIMEROBOT.message(None, body).content
    )


def test_a_time_out_of_range_is_left_out() -> None:
    message = UPTIMEROBOT.message(None, alert(alert_datetime="99999999999999999999"))
    assert "<time:" not in message.content


def test_a_monitor_with_neither_name_nor_address() -> None:
    body = alert(monitor_friendly_name=None, monitor_url=None, monitor_id=None)
    message = UPTIMEROBOT.message(None, body)
    assert message.topic == "UptimeRobot"
    assert message.content.startswith("**Down**: A monitor — Connection Timeout")
    assert "`monitor_friendly_name`" in message.content


def test_a_field_of_the_wrong_shape_is_named() -> None:
    with pytest.raises(BadPayload, match=r"^monitor_friendly_name: expected text or a number"):
        UPTIMEROBOT.post(None, alert(monitor_friendly_name=["Shop"]))


def test_a_body_that_is_not_json_is_refused() -> None:
    body = b'{"monitor_friendly_name": "The "main" site", "alert_type": "1"}'
    with pytest.raises(BadRequest, match="not valid JSON"):
        UPTIMEROBOT.post(None, body)


def test_a_body_that_is_a_list_is_refused() -> None:
    with pytest.raises(BadPayload, match=r"^\(body\): expected an object, got a list"):
        UPTIMEROBOT.post(None, [alert()])


@pytest.mark.parametrize(
    ("patterns", "fields", "posted"),
    [
        ("Shop", {}, True),
        ("Sh*", {}, True),
        ("shop", {}, False),
        ("db.*", {"monitor_friendly_name": None, "monitor_url": "db.example.com"}, True),
        ("api-*", {}, False),
        # A template that names no monitor cannot be judged: posted, with its note.
        ("api-*", {"monitor_friendly_name": None, "monitor_url": None}, True),
    ],
)
def test_monitors_option(patterns: str, fields: dict[str, Any], posted: bool) -> None:
    message = UPTIMEROBOT.post(None, alert(**fields), query={"monitors": patterns})
    assert (message is not None) is posted


def test_ignore_resolved_leaves_only_up_alerts_out() -> None:
    query = {"ignore_resolved": "true"}
    assert UPTIMEROBOT.post(None, alert("Up"), query=query) is None
    assert UPTIMEROBOT.post(None, alert("Down"), query=query) is not None


def test_a_long_name_makes_a_topic_of_zulips_length() -> None:
    message = UPTIMEROBOT.message(None, alert(monitor_friendly_name="Shop " * 40))
    assert len(message.topic) == 60
    assert message.topic.endswith("...")


untrusted = untrusted_words("*monitorURL*", max_size=40)


@settings(max_examples=150, deadline=None)
@given(name=untrusted, url=untrusted, details=untrusted, duration_text=untrusted)
def test_no_text_from_uptimerobot_makes_a_live_mention(
    name: str, url: str, details: str, duration_text: str
) -> None:
    body = alert(
        "Up",
        monitor_friendly_name=name,
        monitor_url=url,
        alert_details=details,
        alert_friendly_duration=duration_text,
    )
    assert_inert(UPTIMEROBOT.message(None, body).content)


def test_a_friendly_name_it_does_not_know_gives_way_to_the_alert_type() -> None:
    # UptimeRobot's friendly name in the account's language; alert_type still says 1.
    body = UPTIMEROBOT.fixture("uptimerobot_monitor_down_localised.json")
    message = UPTIMEROBOT.message(None, body)
    assert message.content.startswith("**Down**: **[Shop](https://shop.example.com/health)**")
    body["alert_type"] = "7"
    with pytest.raises(UnsupportedEvent, match="caído"):
        UPTIMEROBOT.post(None, body)


def test_a_domain_expiry_named_as_such() -> None:
    body = UPTIMEROBOT.fixture("uptimerobot_domain_expiry.json")
    body["alertTypeFriendlyName"] = "Domain expiry"
    body["domainExpireDate"] = "*domainExpireDate*"
    message = UPTIMEROBOT.message(None, body)
    assert message.content.startswith("**Domain expiring**: **[Shop](https://shop.example.com)**")
