"""The Jenkins webhook, declared once: the build's phase is the event.

The Notification plugin signs nothing and cannot send a header of the
user's choosing; it can keep the whole URL in a Jenkins secret instead.
"""

from __future__ import annotations

from integrations.core import BodyEvent, WebhookIntegration

QUEUED, STARTED, COMPLETED, FINALIZED, NONE = (
    "QUEUED",
    "STARTED",
    "COMPLETED",
    "FINALIZED",
    "NONE",
)

# What the endpoint's Event list calls each phase.
TRIGGERS = {
    QUEUED: "All Events",
    STARTED: "Job Started",
    COMPLETED: "Job Completed",
    FINALIZED: "Job Finalized",
    NONE: "a pipeline's notifyEndpoints step",
}

integration = WebhookIntegration(
    name="jenkins",
    display_name="Jenkins",
    description="Jenkins builds from the Notification plugin: result, job, branch, commit, tests.",
    categories=["continuous-integration"],
    events=BodyEvent("build", "phase"),
    triggers=TRIGGERS,
)
