"""Focused tests of the Grafana integration: what the page's examples do not show.

Payloads of other Grafana versions (fields left out or empty), groups too
large for a message, huge annotations, the topic's fallbacks, the noise
options at their edges, the signature it declares, and a property test
that label and annotation text never mentions anyone.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
from typing import Any

import pytest
from hypothesis import given, settings

from integrations.common.monitoring import labels_match, severity_rank
from integrations.core import BadPayload, BadRequest, Patterns, Unauthorized, UnsupportedEvent
from integrations.core.message import MAX_CONTENT_LENGTH
from integrations.testing.webhooks import WebhookHarness, assert_inert, assert_pings_nobody
from integrations.zulip_markdown import render
from tests.strategies import markdown_fragments

GRAFANA = WebhookHarness("grafana")


def alert(name: str | None = "High CPU", status: str = "firing", **fields: Any) -> dict[str, Any]:
    labels = {"alertname": name} if name is not None else {}
    labels.update(fields.pop("labels", {}))
    return {
        "status": status,
        "labels": labels,
        "annotations": fields.pop("annotations", {}),
        "startsAt": "2025-03-04T01:30:00Z",
        "endsAt": "0001-01-01T00:00:00Z" if status == "firing" else "2025-03-04T02:00:00Z",
        **fields,
    }


def group(*alerts: dict[str, Any], **fields: Any) -> dict[str, Any]:
    firing = any(item.get("status") == "firing" for item in alerts)
    return {"status": "firing" if firing else "resolved", "alerts": list(alerts), **fields}


def post(body: Any, **query: str) -> Any:
    return GRAFANA.post(None, body, query=query or None)


# Other versions: fields left out, empty or null ----------------------------


def test_a_grafana_8_alert_without_values_or_links_is_told() -> None:
    body = group(alert(valueString="[ metric='x' value=3 ]", silenceURL="", dashboardURL=""))
    message = post(body)
    assert message.topic == "[High CPU]"
    assert "`[ metric='x' value=3 ]`" in message.content
    assert "Silence" not in message.content
    assert "Dashboard" not in message.content


def test_the_barest_alert_still_reads() -> None:
    """Only what every version sends: an alert's status and labels, no times, no group fields."""
    message = post({"alerts": [{"status": "firing", "labels": {"alertname": "Disk"}}]})
    assert message.topic == "[Disk]"
    assert message.content.startswith(":rotating_light: **Firing** · **Disk**")


def test_an_alert_without_status_takes_the_groups() -> None:
    body = {"status": "resolved", "alerts": [{"labels": {"alertname": "Disk"}}]}
    assert post(body).content.startswith(":check_mark: **Resolved**")


def test_a_notification_without_status_is_firing() -> None:
    message = post({"alerts": [alert()]})
    assert ":rotating_light: **Firing**" in message.content


def test_nulls_where_grafana_sends_objects_are_optional() -> None:
    body = group(
        {"status": "firing", "labels": None, "annotations": None, "values": None},
        commonLabels=None,
        groupLabels=None,
        truncatedAlerts=None,
    )
    message = post(body)
    assert message.topic == "Grafana alerts"
    assert message.content.startswith(":rotating_light: **Firing** · **Alert**")


def test_values_that_are_not_numbers_are_shown_or_left_out() -> None:
    body = group(alert(values={"A": 1.23456789, "B": None, "C": "NaN", "D": True, "E": 10}))
    content = post(body).content
    assert "`A=1.23457` `C=NaN` `E=10`" in content


def test_times_grafana_cannot_have_sent_are_left_out() -> None:
    body = group(alert(startsAt="yesterday", endsAt="soon"))
    content = post(body).content
    assert "<time:" not in content


def test_an_empty_alert_list_posts_nothing() -> None:
    assert post({"status": "firing", "alerts": []}) is None


def test_the_error_state_of_a_rule_is_told_in_its_topic() -> None:
    body = group(alert("DatasourceError", labels={"rulename": "Queue depth"}))
    message = post(body)
    assert message.topic == "[Queue depth]"
    assert message.content.startswith(":warning: **Error** · **Queue depth**")


def test_a_legacy_alert_with_nulls_and_no_rule_name() -> None:
    body = {
        "state": "alerting",
        "title": "[Alerting] Disk full",
        "evalMatches": [{"metric": None, "value": None, "tags": None}],
        "tags": None,
        "message": None,
    }
    message = post(body)
    assert message.topic == "[Disk full]"
    assert message.content == ":rotating_light: **Alerting** · **Disk full**\nvalue: no value"


def test_a_legacy_alert_with_many_series_says_how_many_more() -> None:
    matches = [{"metric": f"host-{n}", "value": n} for n in range(25)]
    content = post({"state": "alerting", "ruleName": "Load", "evalMatches": matches}).content
    assert "host-9: `9`" in content
    assert "host-10" not in content
    assert "(and 15 more)" in content


def test_a_legacy_value_keeps_every_digit_grafana_sent() -> None:
    matches = [{"metric": "A-series", "value": 21.573108436586445}]
    content = post({"state": "alerting", "ruleName": "Load", "evalMatches": matches}).content
    assert "A-series: `21.573108436586445`" in content


def test_listed_alerts_keep_their_values_and_description() -> None:
    annotations = {"summary": "CPU high", "description": "Check the batch jobs"}
    body = group(
        alert("High CPU", annotations=annotations, values={"A": 97.1}),
        alert("High memory", annotations={"description": "Swap in use"}),
    )
    content = post(body).content
    assert "`A=97.1` · CPU high · Check the batch jobs" in content
    assert "Swap in use" in content


def test_a_legacy_state_nobody_declared_is_refused() -> None:
    with pytest.raises(UnsupportedEvent, match=r"legacy_alert\.exploded"):
        post({"state": "exploded", "ruleName": "Load"})


def test_a_payload_of_neither_version_is_a_clean_error() -> None:
    with pytest.raises(BadPayload, match="state"):
        post({"hello": "world"})


# Topics ------------------------------------------------------------------


def test_a_group_of_rules_without_a_shared_name_is_keyed_on_its_group_labels() -> None:
    body = group(alert("CPU"), alert("Memory"), groupLabels={"team": "infra", "env": "prod"})
    assert post(body).topic == "[team=infra, env=prod]"


def test_a_nameless_single_alert_is_keyed_on_its_fingerprint() -> None:
    body = group(alert(None, fingerprint="c6eadffa33fcdf37"))
    message = post(body)
    assert message.topic == "[c6eadffa33fcdf37]"
    assert "**alert c6eadffa33fcdf37**" in message.content


def test_firing_and_resolved_of_one_group_share_the_topic() -> None:
    firing = post(group(alert(labels={"instance": "a"}), alert(labels={"instance": "b"})))
    resolved = post(
        group(
            alert(status="resolved", labels={"instance": "a"}),
            alert(status="resolved", labels={"instance": "b"}),
        )
    )
    assert firing.topic == resolved.topic == "[High CPU]"


def test_a_long_rule_name_fits_the_topic() -> None:
    message = post(group(alert("x" * 200)))
    assert len(message.topic) == 60
    assert message.topic.endswith("...")


# Size ------------------------------------------------------------------------


def test_hundreds_of_alerts_with_huge_annotations_fit_one_message() -> None:
    alerts = [
        alert(
            labels={"instance": f"web-{n}", "pod": "p" * 300},
            annotations={"summary": "s" * 5000, "description": "d" * 20000},
        )
        for n in range(400)
    ]
    message = post(group(*alerts, truncatedAlerts=100))
    assert len(message.content) <= MAX_CONTENT_LENGTH
    assert "…and 490 more (100 of them left out by Grafana)." in message.content


def test_a_huge_description_is_cut_and_its_quote_closed() -> None:
    text = "line of description\n" * 4000 + "```\nopen fence"
    message = post(group(alert(annotations={"description": text})))
    assert "[message truncated]" not in message.content
    assert message.content.rstrip().endswith("~~~")
    assert len(message.content) < 3000


def test_many_labels_are_counted_past_eight() -> None:
    labels = {f"label{n}": str(n) for n in range(12)}
    content = post(group(alert(labels=labels))).content
    assert "`label7=7` (+4)" in content


# Options -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "rank"),
    [("critical", 3), ("P1", 3), ("High", 2), ("warning", 1), ("low", 0), ("bananas", None)],
)
def test_severity_words_rank(word: str, rank: int | None) -> None:
    assert severity_rank(word) == rank


def test_an_alert_without_severity_passes_any_minimum() -> None:
    assert post(group(alert()), min_severity="critical") is not None


def test_an_unranked_severity_passes_any_minimum() -> None:
    body = group(alert(labels={"severity": "sev-banana"}))
    assert post(body, min_severity="critical") is not None


def test_a_minimum_severity_that_leaves_nothing_posts_nothing() -> None:
    body = group(alert(labels={"severity": "info"}), alert(labels={"severity": "warning"}))
    assert post(body, min_severity="error") is None


def test_legacy_alerts_use_their_severity_tag() -> None:
    body = {"state": "alerting", "ruleName": "Load", "tags": {"severity": "info"}}
    assert post(body, min_severity="warning") is None
    assert post(body, min_severity="info") is not None


def test_ignore_resolved_drops_a_legacy_ok() -> None:
    assert post({"state": "ok", "ruleName": "Load"}, ignore_resolved="true") is None
    assert post({"state": "alerting", "ruleName": "Load"}, ignore_resolved="true") is not None


@pytest.mark.parametrize(
    ("patterns", "labels", "wanted"),
    [
        ("team=a,team=b", {"team": "b"}, True),
        ("team=a,env=prod*", {"team": "a", "env": "staging"}, False),
        ("team=a,env=prod*", {"team": "a", "env": "prod-eu"}, True),
        ("customer", {"customer": "acme"}, True),
        ("customer", {"team": "a"}, False),
        ("", {"team": "a"}, True),
    ],
)
def test_label_patterns(patterns: str, labels: dict[str, str], wanted: bool) -> None:
    assert labels_match(labels, Patterns.parse(patterns)) is wanted


def test_a_label_pattern_without_a_name_is_refused() -> None:
    with pytest.raises(BadRequest, match="'=prod' does not name a label"):
        post(group(alert()), labels="=prod")


def test_labels_left_out_of_a_group_change_its_list_but_not_its_topic() -> None:
    body = group(alert("CPU", labels={"team": "a"}), alert("Memory", labels={"team": "b"}))
    message = post(body, labels="team=b")
    assert message.topic == "[CPU, Memory]"
    assert "CPU" not in message.content


def test_zulips_event_names_filter_legacy_states() -> None:
    assert post({"state": "paused", "ruleName": "Load"}, exclude_events="paused") is None
    assert post({"state": "paused", "ruleName": "Load"}, only_events="alerting,ok") is None
    assert post({"state": "ok", "ruleName": "Load"}, only_events="alerting,ok") is not None


# The signature ------------------------------------------------------------


def test_the_signature_is_grafanas_bare_hex_hmac_of_the_body() -> None:
    signature = GRAFANA.integration.signature
    assert signature is not None
    assert signature.header == "X-Grafana-Alerting-Signature"
    body = GRAFANA.fixture_bytes("alert_v8.json")
    digest = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    headers = {"X-Grafana-Alerting-Signature": digest}
    assert GRAFANA.post(None, body, headers=headers, secret="s3cret") is not None
    with pytest.raises(Unauthorized):
        GRAFANA.post(
            None,
            body,
            headers={"X-Grafana-Alerting-Signature": "sha256=" + digest},
            secret="s3cret",
        )


# Untrusted text --------------------------------------------------------------

text = markdown_fragments("#")


def assert_annotation_safe(content: str) -> None:
    """No live mention, and no link to a script: what an annotation's Markdown may not do.

    Annotations keep their Markdown, links included (a relative one too, as
    Zulip reads it), so the stricter ``assert_inert`` applies to labels only.
    """
    assert_pings_nobody(content)
    for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', render(content)):
        assert not re.match(r"\s*(?:javascript|data|vbscript):", href, re.IGNORECASE), content


@pytest.mark.parametrize(
    "description",
    [
        "`\n\nk: @**all**`",  # backticks in two paragraphs are no code span
        "@**@*team*`**`",  # undoing the group mention would make a user mention
    ],
)
def test_descriptions_that_would_slip_a_mention_past_the_quote(description: str) -> None:
    content = post(group(alert(annotations={"description": description}))).content
    assert_annotation_safe(content)
    assert "@**all**" not in content


@settings(max_examples=300, deadline=None)
@given(name=text, value=text, key=text)
def test_label_text_is_inert(name: str, value: str, key: str) -> None:
    """Labels and tags (and the names made of them) can mention nobody, nor make markup."""
    labels = {"alertname": name, key or "k": value, "severity": value}
    single = group(alert(name, labels=labels))
    several = group(
        alert(name, labels=labels),
        alert(value, status="resolved", labels={"x": name}),
        commonLabels={key or "k": value},
    )
    legacy = {
        "state": "alerting",
        "ruleName": name,
        "evalMatches": [{"metric": value, "value": 1}],
        "tags": {key or "k": value},
    }
    for body in (single, several, legacy):
        message = post(copy.deepcopy(body))
        assert message is not None
        assert_inert(message.content)


@settings(max_examples=300, deadline=None)
@given(name=text, summary=text, description=text, key=text, value=text)
def test_annotation_text_never_mentions_anyone(
    name: str, summary: str, description: str, key: str, value: str
) -> None:
    """Annotations keep their Markdown, quoted, but none of it can mention anyone."""
    annotations = {"summary": summary, "description": description, key or "k": value}
    single = group(alert(name, annotations=annotations))
    several = group(
        alert(name, annotations=annotations),
        alert(value, status="resolved", annotations={"summary": description}),
    )
    legacy = {"state": "alerting", "ruleName": name, "message": description}
    for body in (single, several, legacy):
        message = post(copy.deepcopy(body))
        assert message is not None
        assert_annotation_safe(message.content)
