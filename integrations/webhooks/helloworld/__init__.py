"""Hello World: the integration the webhook walkthrough builds, step by step."""

from integrations.core import (
    Delivery,
    Message,
    Payload,
    SingleEvent,
    WebhookIntegration,
    bold,
    link,
    md,
)

# [declaration]
integration = WebhookIntegration(
    name="helloworld",
    display_name="Hello World",
    description="Announces the featured article of the day; the integration the guide builds.",
    categories=["misc"],
    events=SingleEvent("featured_article"),
)
# [/declaration]


# [handler]
@integration.handles("featured_article")
def featured_article(payload: Payload, delivery: Delivery) -> Message:
    """The featured article, linked, in the topic "Featured articles"."""
    title = payload["featured_title"].string()
    url = payload["featured_url"].string()
    content = md("Today's featured article is {article}.").format(article=bold(link(title, url)))
    return Message(topic="Featured articles", content=content)


# [/handler]
