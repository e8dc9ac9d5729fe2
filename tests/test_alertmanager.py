"""Focused tests of the Alertmanager integration: what the page's examples do not show.

Zulip's topics with Zulip's URL options, the topic rule at its edges,
notifications of other versions and senders (fields missing, Grafana's
extras), the noise options at their edges, huge groups and annotations, and
a property test that no label or annotation ever makes a live mention.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import BadPayload, BadRequest
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import markdown_pieces

ALERTMANAGER = WebhookHarness("alertmanager")
ZULIP_URL = {"name": "topic", "desc": "description"}


def alert(
    status: str = "firing", *, labels: dict[str, str] | None = None, **fields: Any
) -> dict[str, Any]:
    return {
        "status": status,
        "labels": {"alertname": "DiskFull", "instance": "db-1", **(labels or {})},
        "annotations": fields.pop("annotations", {"summary": "Disk almost full"}),
        "startsAt": "2025-11-03T02:01:00Z",
        "endsAt": "0001-01-01T00:00:00Z",
        "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=disk_free",
        **fields,
    }


def notification(*alerts: dict[str, Any], **fields: Any) -> dict[str, Any]:
    listed = list(alerts) or [alert()]
    common = {
        key: value
        for key, value in listed[0]["labels"].items()
        if all(other["labels"].get(key) == value for other in listed)
    }
    return {
        "version": "4",
        "groupKey": '{}:{alertname="DiskFull"}',
        "truncatedAlerts": 0,
        "status": "firing" if any(a["status"] == "firing" for a in listed) else "resolved",
        "receiver": "zulip",
        "groupLabels": {"alertname": "DiskFull"},
        "commonLabels": common,
        "commonAnnotations": {},
        "externalURL": "http://alertmanager.example.com:9093",
        "alerts": listed,
        **fields,
    }


def post(body: dict[str, Any], **query: str) -> Any:
    return ALERTMANAGER.post("alerts", body, query=query)


# Zulip's topics -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["alert.json", "single_alert.json"])
def test_zulips_url_keeps_zulips_topic(name: str) -> None:
    """Zulip's tests post both fixtures with name=topic&desc=description, to topic andromeda."""
    message = ALERTMANAGER.message("alerts", ALERTMANAGER.fixture_bytes(name), query=ZULIP_URL)
    assert message.topic == "andromeda"
    assert "CPU core temperature is 34.75C" in message.content


def test_a_prometheus_link_opens_the_graph_tab_as_zulips_does() -> None:
    url = "http://prometheus.example.com:9090/graph?g0.expr=up&g0.tab=1&g1.tab=1"
    content = post(notification(alert(generatorURL=url))).content
    assert (
        "[graph](http://prometheus.example.com:9090/graph?g0.expr=up&g0.tab=0&g1.tab=0)" in content
    )


def test_a_link_that_is_not_prometheus_graph_is_kept() -> None:
    url = "https://rules.example.com/view?g0.tab=1"
    assert f"[source]({url})" in post(notification(alert(generatorURL=url))).content


def test_firing_and_resolved_land_in_the_same_topic() -> None:
    firing = ALERTMANAGER.message("alerts", ALERTMANAGER.fixture("alert.json"))
    resolved = ALERTMANAGER.message("alerts", ALERTMANAGER.fixture("single_alert.json"))
    assert firing.topic == resolved.topic == "High CPU Temperature"


def test_one_instance_is_the_topic_as_in_zulip() -> None:
    assert post(notification(alert(), alert(labels={"disk": "sdb"}))).topic == "db-1"


def test_alerts_on_several_instances_go_to_the_groups_topic() -> None:
    body = notification(alert(), alert(labels={"instance": "db-2"}))
    body["groupLabels"] = {"cluster": "eu-1", "alertname": "DiskFull"}
    assert post(body).topic == "DiskFull / eu-1"


@pytest.mark.parametrize(
    ("group_labels", "common", "receiver", "topic"),
    [
        ({}, {"alertname": "DiskFull"}, "zulip", "DiskFull"),
        ({"team": "db"}, {}, "zulip", "db"),
        ({}, {}, "ops-zulip", "ops-zulip"),
        ({}, {}, None, "Alertmanager"),
    ],
)
def test_the_groups_topic_when_little_is_known(
    group_labels: dict[str, str], common: dict[str, str], receiver: str | None, topic: str
) -> None:
    body = notification(
        alert(labels={"instance": "a"}), alert(labels={"instance": "b", "alertname": "DiskSlow"})
    )
    body.update(groupLabels=group_labels, commonLabels=common, receiver=receiver)
    assert post(body).topic == topic


def test_without_common_labels_the_name_the_alerts_share_is_the_topic() -> None:
    """Grafana OnCall's demo alert leaves groupLabels and commonLabels empty."""
    body = notification(alert(labels={"instance": "a"}), alert(labels={"instance": "b"}))
    body.update(groupLabels={}, commonLabels={}, receiver="amixr")
    assert post(body).topic == "DiskFull"


def test_the_name_option_reads_an_annotation_when_no_label_has_it() -> None:
    body = notification(alert(annotations={"summary": "x", "owner": "storage-team"}))
    assert post(body, name="owner").topic == "storage-team"


def test_a_long_topic_is_cut() -> None:
    assert len(post(notification(alert(labels={"instance": "h" * 500}))).topic) == MAX_TOPIC_LENGTH


# Other versions and senders: fields missing, Grafana's extras -----------------------


def test_an_alert_with_nothing_but_its_status() -> None:
    message = post({"alerts": [{"status": "firing"}]})
    assert message.topic == "Alertmanager"
    assert message.content == ":red_circle: **Firing**"


@pytest.mark.parametrize("version", ["4", "3", None])
def test_any_version_is_read(version: str | None) -> None:
    body = notification()
    body["version"] = version
    assert post(body) is not None


def test_no_alerts_posts_nothing() -> None:
    assert post(notification() | {"alerts": []}) is None


def test_an_unknown_status_is_treated_as_firing() -> None:
    content = post(notification(alert("pending"))).content
    assert content.startswith(":red_circle: **Firing**")


def test_times_with_offsets_and_nanoseconds_and_unreadable_ones() -> None:
    body = notification(
        alert(startsAt="2025-11-03T04:01:00.123456789+02:00"),
        alert(labels={"instance": "db-2"}, startsAt="soon"),
    )
    content = post(body).content
    assert "since <time:2025-11-03T02:01:00Z>" in content
    assert content.count("<time:") == 1


def test_a_resolved_alert_says_when_it_started_and_ended() -> None:
    body = notification(alert("resolved", endsAt="2025-11-03T03:00:00Z"))
    content = post(body).content
    assert content.startswith(":green_circle: **Resolved**: **DiskFull**")
    assert (
        "\nDisk almost full · started <time:2025-11-03T02:01:00Z>"
        " · resolved <time:2025-11-03T03:00:00Z>" in content
    )
    assert "silence" not in content  # nothing left to silence


def test_severity_colours_the_firing_circle() -> None:
    for severity, circle in [
        ("warning", ":orange_circle:"),
        ("critical", ":red_circle:"),
        ("page", ":red_circle:"),
        ("minor", ":orange_circle:"),
        ("info", ":blue_circle:"),
        ("sev-banana", ":red_circle:"),
    ]:
        body = notification(alert(labels={"severity": severity}))
        assert post(body).content.startswith(f"{circle} **Firing**")


def test_alerts_of_different_names_are_named_on_their_lines() -> None:
    body = notification(
        alert(labels={"alertname": "DiskFull", "instance": "db-1"}),
        alert(labels={"alertname": "InodesFull", "instance": "db-1"}),
    )
    body["groupLabels"] = {}
    content = post(body).content
    assert content.startswith(":red_circle: **Firing**: 2 alerts\n")
    assert "* **InodesFull**: Disk almost full · since <time:" in content


def test_grafana_links_its_own_silences_and_is_named() -> None:
    body = notification(
        alert(
            silenceURL="https://grafana.example.com/alerting/silence/new?matcher=x", dashboardURL=""
        ),
        orgId=1,
        externalURL="https://grafana.example.com/",
    )
    content = post(body).content
    assert "[silence](https://grafana.example.com/alerting/silence/new?matcher=x)" in content
    assert "/#/silences/new" not in content
    assert content.endswith("[Grafana](https://grafana.example.com/)")


def test_the_silence_link_matches_the_alerts_labels_quoted() -> None:
    body = notification(alert(labels={"path": 'C:\\ "data"'}))
    content = post(body).content
    assert (
        "filter=%7Balertname%3D%22DiskFull%22%2Cinstance%3D%22db-1%22"
        "%2Cpath%3D%22C%3A%5C%5C%20%5C%22data%5C%22%22%7D" in content
    )


def test_no_silence_link_for_a_group_without_common_labels() -> None:
    body = notification(
        alert(labels={"alertname": "A"}), alert(labels={"alertname": "B", "instance": "x"})
    )
    body["commonLabels"] = {}
    assert "silence" not in post(body).content


def test_the_desc_option_naming_a_missing_field() -> None:
    body = notification(alert(), alert(labels={"instance": "db-2"}))
    content = post(body, desc="nowhere").content
    assert "<missing" not in content
    assert "* `instance=db-1` · since" in content


def test_annotation_links_only_to_web_addresses() -> None:
    annotations = {
        "summary": "s",
        "runbook_url": "https://runbooks.example.com/disk",
        "playbook": "ftp://x",
        "grafana_url": "javascript:alert(1)",
    }
    body = notification(alert(annotations=annotations))
    body["commonAnnotations"] = annotations
    content = post(body).content
    assert "[runbook](https://runbooks.example.com/disk)" in content
    assert "ftp://" not in content
    assert "javascript" not in content


# Bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"alerts": "many"}, "alerts: expected a list, got a string"),
        ({"alerts": [{"status": 1}]}, "alerts[0].status: expected a string, got an integer"),
        (
            {"alerts": [{"status": "firing", "labels": ["a"]}]},
            "alerts[0].labels: expected an object, got a list",
        ),
        (
            {"alerts": [{"status": "firing", "labels": {"a": 1}}]},
            "alerts[0].labels.a: expected a string, got an integer",
        ),
        (
            {"alerts": [], "truncatedAlerts": "3"},
            "truncatedAlerts: expected an integer, got a string",
        ),
    ],
)
def test_broken_notifications_name_the_field(body: dict[str, Any], error: str) -> None:
    with pytest.raises(BadPayload) as raised:
        post(body)
    assert str(raised.value) == error


def test_a_body_that_is_not_json() -> None:
    with pytest.raises(BadRequest, match="not valid JSON"):
        ALERTMANAGER.post("alerts", b"alerts=1")


# Noise options ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "least", "posted"),
    [
        ("critical", "critical", True),
        ("page", "critical", True),
        ("high", "critical", False),
        ("high", "error", True),
        ("warning", "error", False),
        ("minor", "warning", True),
        ("none", "warning", False),
        ("P1", "critical", True),  # Grafana's words rank the same
        ("p2", "critical", False),
        ("sev-banana", "critical", True),  # a word the ladder does not rank passes
        (None, "critical", True),
    ],
)
def test_min_severity(severity: str | None, least: str, posted: bool) -> None:
    labels = {"severity": severity} if severity else {}
    assert (post(notification(alert(labels=labels)), min_severity=least) is not None) is posted


def test_min_severity_leaves_lower_alerts_out_of_a_group() -> None:
    body = notification(
        alert(labels={"severity": "warning"}),
        alert(labels={"severity": "critical", "instance": "db-2"}),
    )
    content = post(body, min_severity="critical").content
    assert "db-2" in content
    assert "db-1" not in content


@pytest.mark.parametrize(
    ("query", "posted"),
    [
        ("env=prod", ["db-1"]),
        ("env=prod,env=staging", ["db-1", "db-2"]),
        ("env=prod*,team=db", ["db-1"]),
        ("team", ["db-1"]),
        ("env=qa", []),
    ],
)
def test_labels(query: str, posted: list[str]) -> None:
    body = notification(
        alert(labels={"env": "prod", "team": "db"}),
        alert(labels={"env": "staging", "instance": "db-2"}),
        alert(labels={"instance": "db-3"}),
    )
    message = post(body, labels=query)
    shown = (
        []
        if message is None
        else [name for name in ("db-1", "db-2", "db-3") if name in message.content]
    )
    assert shown == posted


def test_labels_take_a_json_list_as_zulips_filters_do() -> None:
    assert post(notification(alert(labels={"env": "prod"})), labels='["env=prod"]') is not None


def test_ignore_resolved_keeps_the_firing_alerts() -> None:
    body = notification(alert("resolved", labels={"instance": "db-9"}), alert())
    content = post(body, ignore_resolved="true").content
    assert "db-9" not in content
    assert ":green_circle:" not in content


def test_the_options_together() -> None:
    """A notification none of whose alerts passes all the filters, though each passes one."""
    body = notification(
        alert(labels={"severity": "critical", "env": "qa"}),
        alert(labels={"severity": "info", "env": "prod", "instance": "db-2"}),
    )
    assert post(body, min_severity="critical", labels="env=prod") is None


# Sizes -----------------------------------------------------------------------------


def test_a_huge_group_stays_within_limits_and_counts_the_rest() -> None:
    alerts = [
        alert(
            labels={"instance": f"db-{index}", "zone": "z" * 300, "rack": f"r{index}"},
            annotations={"summary": "Disk almost full", "description": "d" * 5_000},
            generatorURL="http://prometheus.example.com:9090/graph?g0.expr=" + "x" * 1_000,
        )
        for index in range(1_000)
    ]
    body = notification(*alerts, truncatedAlerts=4_000)
    body["commonAnnotations"] = {"summary": "s" * 10_000, "description": "D\n" * 20_000}
    message = post(body)
    assert len(message.content) <= MAX_CONTENT_LENGTH
    assert "[message truncated]" not in message.content
    assert "more" in message.content
    assert "Alertmanager left 4000 alerts out of this notification" in message.content


def test_many_resolved_alerts_after_many_firing_ones_are_counted() -> None:
    alerts = [alert(labels={"instance": f"f{index}"}) for index in range(15)]
    alerts += [alert("resolved", labels={"instance": f"r{index}"}) for index in range(15)]
    content = post(notification(*alerts)).content
    assert content.count("* and 5 more") == 1
    assert "* and 12 more" in content  # three resolved alerts are listed


# Untrusted text ---------------------------------------------------------------------

TEXT = markdown_pieces("<time:1>")
LABELS = st.dictionaries(
    st.sampled_from(["alertname", "instance", "severity", "team", "env"]), TEXT, max_size=5
)


@settings(max_examples=200, deadline=None)
@given(
    first=LABELS,
    second=LABELS,
    annotations=st.dictionaries(
        st.sampled_from(["summary", "description", "runbook_url", "x"]), TEXT, max_size=4
    ),
    group=LABELS,
    name=st.sampled_from(["instance", "team", "summary"]),
)
def test_no_label_or_annotation_makes_a_live_mention(
    first: dict[str, str],
    second: dict[str, str],
    annotations: dict[str, str],
    group: dict[str, str],
    name: str,
) -> None:
    body = notification(
        alert(labels=first, annotations=annotations),
        alert("resolved", labels=second, annotations=annotations),
    )
    body["groupLabels"] = group
    body["commonLabels"] = {**group, **first}
    body["commonAnnotations"] = annotations
    message = post(body, name=name, desc="team")
    assert_inert(message.content)
    assert 0 < len(message.topic) <= MAX_TOPIC_LENGTH
