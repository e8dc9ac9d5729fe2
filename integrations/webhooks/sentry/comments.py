"""Comments on issues: new and edited ones, quoted with their Markdown.

Sentry's comment payload names the issue only by its id and project, not
its title, so comments cannot join the issue's topic: they gather in a
topic per issue, ``<project> / issue <id>``.
"""

from __future__ import annotations

from integrations.common.monitoring import text_of
from integrations.core import BadPayload, Delivery, Message, Payload, bold, code, md
from integrations.core.bodies import quoted_body
from integrations.webhooks.sentry.declaration import integration

_VERBS = {"created": "commented", "updated": "edited a comment"}


def issue_id_of(payload: Payload) -> str:
    """The issue's id: a number in the documented payload, a string in some versions."""
    node = payload["data"]["issue_id"]
    try:
        return str(node.integer())
    except BadPayload:
        return node.string()


@integration.handles("comment", action=("created", "updated"))
def on_comment(payload: Payload, delivery: Delivery) -> Message:
    """Who commented on which issue (or edited their comment), and the comment, quoted."""
    data = payload["data"]
    issue = issue_id_of(payload)
    project = text_of(data["project_slug"])
    actor = text_of(payload["actor"]["name"])
    where = md(" in {}").format(code(project)) if project else md("")
    content = md("{actor} {verb} on issue {issue}{where}:\n\n").format(
        actor=bold(actor) if actor else md("Someone"),
        verb=_VERBS[delivery.action],
        issue=code(issue),
        where=where,
    ) + quoted_body(data["comment"].string())
    topic = f"{project} / issue {issue}" if project else f"issue {issue}"
    return Message(topic=topic, content=content)


integration.ignores(
    "comment",
    action="deleted",
    reason="A deleted comment is gone from the issue; saying so would only repeat it.",
)
