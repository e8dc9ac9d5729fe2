"""Hello World: the integration the webhook walkthrough builds, step by step."""

from integrations.core import (
    Message,
    Payload,
    SingleEvent,
    WebhookIntegration,
    WebhookRequest,
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
def featured_article(payload: Payload, request: WebhookRequest) -> Message:
    title = payload["featured_title"].string()
    url = payload["featured_url"].string()
    content = md("Today's featured article is {article}.").format(article=bold(link(title, url)))
    return Message(topic="Featured articles", content=content)


# [/handler]
