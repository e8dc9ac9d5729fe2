"""What monitoring integrations share: noise options, severity, states, and the pieces of a message.

Sentry, Alertmanager, Grafana, PagerDuty, Opsgenie, UptimeRobot and New
Relic each tell their service's alerts and incidents in their own words,
and keep their own topics (those of Zulip's integrations). What they mean
the same way is here, a module per job:

``readers``
    optional text, maps of labels, times in any form a service writes
    them (Go's zero time is none), web addresses;
``noise``
    the URL options that leave deliveries out, as guards read only when
    set: ``ignore_resolved``, a names filter (``services``, ``monitors``,
    ``environments``...), and ``when_set`` for an integration's own;
``severity``
    one severity ladder for alert labels (``min_severity``) and P1 to P5
    priorities (``min_priority``);
``alert_groups`` and ``alert_filters``
    the group of Prometheus-style alerts Alertmanager and Grafana both
    send, and the options that pick its alerts (``ignore_resolved``,
    ``min_severity``, ``labels``);
``states`` and ``text``
    the state a message opens with (emoji, coloured circles), dotted fact
    lines, lists that count what they leave out, links.
"""

from integrations.common.monitoring.alert_filters import (
    IGNORE_RESOLVED_ALERTS,
    LABELS,
    Labelled,
    LabelPatternsOption,
    alert_guards,
    alert_wanted,
    labels_match,
    wanted_alerts,
)
from integrations.common.monitoring.alert_groups import (
    Alert,
    Group,
    alert_of,
    group_of,
    number_text,
)
from integrations.common.monitoring.noise import ignore_resolved, only_named, when_set
from integrations.common.monitoring.readers import (
    Scalar,
    scalar_of,
    strings_of,
    text_of,
    time_of,
    web_address,
    web_address_of,
)
from integrations.common.monitoring.severity import (
    MIN_PRIORITY,
    MIN_SEVERITY,
    SEVERITIES,
    min_priority,
    priority_rank,
    severe_enough,
    severity_rank,
)
from integrations.common.monitoring.states import (
    FIRING,
    RESOLVED,
    RESOLVED_CIRCLE,
    badge,
    circle,
)
from integrations.common.monitoring.text import (
    SEP,
    Fact,
    capitalised,
    codes,
    cut,
    dotted,
    facts_list,
    headed,
    headline,
    joined,
    lines,
    linked,
    links,
    paragraphs,
    plural,
    text,
    web_link,
)

__all__ = [
    "FIRING",
    "IGNORE_RESOLVED_ALERTS",
    "LABELS",
    "MIN_PRIORITY",
    "MIN_SEVERITY",
    "RESOLVED",
    "RESOLVED_CIRCLE",
    "SEP",
    "SEVERITIES",
    "Alert",
    "Fact",
    "Group",
    "LabelPatternsOption",
    "Labelled",
    "Scalar",
    "alert_guards",
    "alert_of",
    "alert_wanted",
    "badge",
    "capitalised",
    "circle",
    "codes",
    "cut",
    "dotted",
    "facts_list",
    "group_of",
    "headed",
    "headline",
    "ignore_resolved",
    "joined",
    "labels_match",
    "lines",
    "linked",
    "links",
    "min_priority",
    "number_text",
    "only_named",
    "paragraphs",
    "plural",
    "priority_rank",
    "scalar_of",
    "severe_enough",
    "severity_rank",
    "strings_of",
    "text",
    "text_of",
    "time_of",
    "wanted_alerts",
    "web_address",
    "web_address_of",
    "web_link",
    "when_set",
]
