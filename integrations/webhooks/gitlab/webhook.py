"""The webhook itself: the ``Test Hook`` older GitLab sends from a webhook's **Test** button.

The request carries a sample of the event picked (an issue, a push...),
named by its ``object_kind``. It is a check that the webhook works, not
news: the message says so instead of posting the sample as if it had
happened. (Newer GitLab sends a test under the picked event's own header;
it posts as that event.)
"""

from __future__ import annotations

from integrations.common.code_hosting import activity, repo_link, who
from integrations.core import Delivery, Message, Payload, code, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import pusher_of, repo_of, user_of

# The topic of a test that names no project.
NO_PROJECT_TOPIC = "GitLab"


@integration.handles("Test Hook")
def on_test(payload: Payload, delivery: Delivery) -> Message:
    """That the webhook is set up and works: who tested it, for which project, with which
    sample, in the project's topic."""
    tester = user_of(payload["user"]) if payload["user"].exists() else pusher_of(payload)
    kind = payload["object_kind"].string(default=None) or payload["event_name"].string(default=None)
    sample = md(" with a sample {} event").format(code(kind)) if kind else md("")
    if payload["project"].exists():
        repo = repo_of(payload["project"], delivery)
        head = md("{who} tested this GitLab webhook for {repo}{sample}: it is set up and works.")
        sentence = head.format(who=who(tester), repo=repo_link(repo), sample=sample)
        return activity(repo, sentence)
    sentence = md("{who} tested this GitLab webhook{sample}: it is set up and works.").format(
        who=who(tester), sample=sample
    )
    return Message(topic=NO_PROJECT_TOPIC, content=sentence)
