"""Events: an alert rule fired on one (``event_alert``), a new error (``error``), the old plugin.

All three carry one event of an issue and are told the same way, in the
topic of the issue's title (as Zulip's own integration names it), so the
alert and the issue's later news share a topic.
"""

from __future__ import annotations

from integrations.common.monitoring import text_of
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, md, quote
from integrations.webhooks.sentry.declaration import PLUGIN, integration
from integrations.webhooks.sentry.readers import Event, event_of, plugin_event_of
from integrations.webhooks.sentry.text import event_facts, level_badge, source, titled

MESSAGE_CHARACTERS = 1000


def told(event: Event, because: Markdown | None, topic: str | None = None) -> Message:
    """The event: level, project, title; why it was sent and when; then its code or message."""
    where = md(" in {}").format(code(event.project)) if event.project else Markdown("")
    content = md("{badge}{where}: {title}\n{facts}").format(
        badge=level_badge(event.level),
        where=where,
        title=titled(event.title, event.url),
        facts=event_facts(event, because),
    )
    if event.frame is not None:
        content += md("\n\n") + source(event.frame, event.platform)
    elif event.message:
        content += md("\n\n") + quote(event.message[:MESSAGE_CHARACTERS])
    return Message(topic=topic or event.title, content=content)


def rules(names: list[str]) -> Markdown | None:
    if not names:
        return None
    label = "Alert rule" if len(names) == 1 else "Alert rules"
    return md("{} {}").format(label, Markdown(", ").join(bold(name) for name in names))


@integration.handles("event_alert")
def on_event_alert(payload: Payload, delivery: Delivery) -> Message:
    """The event's level, project and title, the alert rule, when and where it happened, and
    the code that raised it.
    """
    data = payload["data"]
    rule = text_of(data["triggered_rule"]) or text_of(data["issue_alert"]["title"])
    return told(event_of(data["event"]), rules([rule] if rule else []))


@integration.handles("error")
def on_error(payload: Payload, delivery: Delivery) -> Message:
    """The same for each new error event (the error resource, on Business plans)."""
    return told(event_of(payload["data"]["error"]), md("New error"))


@integration.handles(PLUGIN)
def on_webhooks_plugin(payload: Payload, delivery: Delivery) -> Message:
    """The same, from the legacy WebHooks plugin's flat body (the oldest form has no title:
    its topic is the project's name, as in Zulip's own integration).
    """
    names = [
        name
        for rule in payload["triggering_rules"].array(default=[])
        if (name := rule.string(default=None))
    ]
    event = plugin_event_of(payload)
    # The oldest bodies name no event; Zulip's topic for them is the project.
    titled_event = payload["event"]["title"].exists() or payload["event"]["event_id"].exists()
    topic = None if titled_event else text_of(payload["project_name"]) or event.project
    return told(event, rules(names), topic)
