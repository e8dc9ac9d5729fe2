"""One message per alert: the state first, then the monitor, why, since when and for how long."""

from __future__ import annotations

from integrations.common.monitoring import dotted, text, web_address
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    code,
    duration,
    global_time,
    link,
    md,
    parse_time,
)
from integrations.webhooks.uptimerobot.declaration import DOWN, SSL_EXPIRY, UP, integration
from integrations.webhooks.uptimerobot.readers import Monitor, monitor_of, seconds_of, value_of


def monitor_named(monitor: Monitor) -> Markdown:
    """The monitor's name, linked to what it watches when that is a web address."""
    if monitor.name is None:
        return code(monitor.url) if monitor.url else md("A monitor")
    address = web_address(monitor.url)
    if address:
        return bold(link(monitor.name, address))
    watched = md(" ({})").format(text(monitor.url)) if monitor.url else md("")
    return bold(monitor.name) + watched


def footer(payload: Payload, monitor: Monitor, label: str) -> Markdown:
    """When it happened and where to look: ``Since <time> · [Monitor in UptimeRobot](...)``."""
    parts: list[Markdown] = []
    moment = parse_time(value_of(payload, "alert_datetime"))
    if moment is not None:
        parts.append(md("{} {}").format(label, global_time(moment)))
    if monitor.page:
        parts.append(link("Monitor in UptimeRobot", monitor.page))
    return dotted(parts)


def template_note(monitor: Monitor) -> Markdown:
    """Say what the alert contact's template lacks, so its owner can fix it."""
    if monitor.name is not None:
        return md("")
    return md(
        "*The alert contact's POST value has no `monitor_friendly_name`: add it"
        " (see the integration's setup) so each monitor gets its own topic.*"
    )


def alert_message(payload: Payload, monitor: Monitor, headline: Markdown, since: str) -> Message:
    content = headline
    for extra in (footer(payload, monitor, since), template_note(monitor)):
        if extra:
            content += md("\n") + extra
    return Message(topic=monitor.topic, content=content)


def reason(payload: Payload) -> Markdown:
    details = value_of(payload, "alert_details")
    return md(" — {}").format(text(details)) if details else md("")


@integration.handles(DOWN)
def on_down(payload: Payload, delivery: Delivery) -> Message:
    """The monitor that went down, why (UptimeRobot's details), since when, and a link to it."""
    monitor = monitor_of(payload)
    headline = md("**Down**: {}{}").format(monitor_named(monitor), reason(payload))
    return alert_message(payload, monitor, headline, "Down since")


def down_for(payload: Payload) -> Markdown:
    """How long the monitor was down, as UptimeRobot words it, or from the seconds."""
    friendly = value_of(payload, "alert_friendly_duration")
    if friendly:
        return md(" after {}").format(text(friendly))
    seconds = seconds_of(payload, "alert_duration")
    return md(" after {}").format(duration(seconds)) if seconds is not None else md("")


@integration.handles(UP)
def on_up(payload: Payload, delivery: Delivery) -> Message:
    """The monitor back up, how long it was down, and a link to it."""
    monitor = monitor_of(payload)
    headline = md("**Up**{}: {}{}").format(
        down_for(payload), monitor_named(monitor), reason(payload)
    )
    return alert_message(payload, monitor, headline, "Up since")


@integration.handles(SSL_EXPIRY)
def on_ssl_expiry(payload: Payload, delivery: Delivery) -> Message:
    """The monitor whose SSL certificate (or domain) expires soon, in how many days and on which
    date."""
    monitor = monitor_of(payload)
    if is_domain_expiry(payload):
        return domain_expiry(payload, monitor)
    days = value_of(payload, "ssl_expiry_days_left")
    date = value_of(payload, "ssl_expiry_date")
    expiry = md("")
    if days:
        expiry += md(" in {} {}").format(days, "day" if days == "1" else "days")
    if date:
        expiry += md(" ({})").format(text(date))
    headline = md("**SSL certificate expiring**{}: {}{}").format(
        expiry, monitor_named(monitor), reason(payload)
    )
    return alert_message(payload, monitor, headline, "Checked")


def is_domain_expiry(payload: Payload) -> bool:
    """Type 3 is also a domain about to expire: its friendly name or its date says so."""
    name = (value_of(payload, "alert_type_friendly_name") or "").lower()
    if "domain" in name:
        return True
    certificate = value_of(payload, "ssl_expiry_date") or value_of(payload, "ssl_expiry_days_left")
    return (
        "ssl" not in name
        and certificate is None
        and value_of(payload, "domain_expire_date") is not None
    )


def domain_expiry(payload: Payload, monitor: Monitor) -> Message:
    date = value_of(payload, "domain_expire_date")
    expiry = md(" ({})").format(text(date)) if date else md("")
    headline = md("**Domain expiring**{}: {}{}").format(
        expiry, monitor_named(monitor), reason(payload)
    )
    return alert_message(payload, monitor, headline, "Checked")
