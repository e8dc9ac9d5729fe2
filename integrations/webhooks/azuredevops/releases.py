"""Classic release pipelines: a deployment to a stage started and completed, in one topic.

Azure DevOps has sent two shapes: the stage as ``resource.environment``
(with its ``release``), and a ``resource.deployment`` with ``release``,
``releaseDefinition``, ``releaseEnvironment`` and who asked for it. Both
are read. The start and the end of a deployment land in the topic of the
release pipeline and the stage, ``<pipeline> / Deployment on <stage>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from integrations.common.ci import (
    STARTED,
    Result,
    details,
    headline,
    lines,
    result_of,
    time_of,
    time_taken,
    took,
)
from integrations.common.code_hosting import Repo, deployment_topic
from integrations.core import (
    BadPayload,
    Delivery,
    Message,
    Payload,
    bold,
    duration,
    link,
    md,
)
from integrations.webhooks.azuredevops.ci import RESULTS
from integrations.webhooks.azuredevops.declaration import (
    DEPLOYMENT_COMPLETED,
    DEPLOYMENT_STARTED,
    integration,
)
from integrations.webhooks.azuredevops.readers import (
    linked_in_message,
    name_of,
    page_of,
    text_of,
    web_url,
)


@dataclass(frozen=True)
class Deployment:
    stage: str
    release: str | None
    release_url: str | None
    pipeline: str | None
    status: str | None
    requested_for: str | None
    time: str | None  # how long it took


def first_text(*nodes: Payload) -> str | None:
    return next((text for node in nodes if (text := text_of(node))), None)


def deployment_of(payload: Payload) -> Deployment:
    resource = payload["resource"]
    stage_node, deployment = resource["environment"], resource["deployment"]
    stage = first_text(
        stage_node["name"],
        deployment["releaseEnvironment"]["name"],
        deployment["environment"]["name"],
    )
    if stage is None:
        raise BadPayload(stage_node["name"].path, "expected the stage's name, but it is missing")
    releases = (stage_node["release"], deployment["release"], resource["release"])
    release_url = next(
        (url for node in releases if (url := page_of(node) or web_url(text_of(node["url"])))),
        None,
    )
    minutes = stage_node["timeToDeploy"].number(default=None)
    time = duration(minutes * 60) if minutes else None
    if time is None:
        time = time_taken(time_of(deployment["startedOn"]), time_of(deployment["completedOn"]))
    return Deployment(
        stage=stage,
        release=first_text(*(node["name"] for node in releases)),
        release_url=release_url or linked_in_message(payload),
        pipeline=first_text(
            deployment["releaseDefinition"]["name"],
            deployment["release"]["releaseDefinition"]["name"],
            resource["release"]["releaseDefinition"]["name"],
            stage_node["releaseDefinition"]["name"],
        ),
        status=first_text(
            deployment["deploymentStatus"], deployment["status"], stage_node["status"]
        ),
        requested_for=name_of(deployment["requestedFor"]) or name_of(deployment["requestedBy"]),
        time=time,
    )


def topic_of(payload: Payload, deployment: Deployment) -> str:
    pipeline = deployment.pipeline or text_of(payload["resource"]["project"]["name"])
    return deployment_topic(Repo(pipeline or "Releases"), deployment.stage)


def said(result: Result) -> str:
    """``Deployment succeeded``: a result, said of a deployment."""
    return f"Deployment {result.word[:1].lower()}{result.word[1:]}"


def message(payload: Payload, deployment: Deployment, result: Result) -> Message:
    """``**Deployment succeeded**: [Release-1](...) of **Fabrikam.CD** to **Dev**.``

    Then who asked for it, and how long it took once finished.
    """
    what = link(deployment.release or "a release", deployment.release_url or "")
    if deployment.pipeline:
        what += md(" of {}").format(bold(deployment.pipeline))
    where = md(" to {}").format(bold(deployment.stage))
    head = headline(bold(said(result)), what, where=where)
    asked = deployment.requested_for
    extra = details(
        md("for {}").format(bold(asked)) if asked else None,
        took(deployment.time) if result is not STARTED else None,
    )
    return Message(topic=topic_of(payload, deployment), content=lines(head, extra))


# Today's service hooks reference spells the release events ``ms.azure-devops-release.*``
# (a renaming of ``vss`` that reached its URLs too); code written from it sends those names.
DOCUMENTED_STARTED = "ms.azure-devops-release.deployment-started-event"
DOCUMENTED_COMPLETED = "ms.azure-devops-release.deployment-completed-event"


@integration.handles(DEPLOYMENT_STARTED, DOCUMENTED_STARTED)
def on_deployment_started(payload: Payload, delivery: Delivery) -> Message:
    """The release (linked), its pipeline and the stage it is being deployed to, and who asked."""
    return message(payload, deployment_of(payload), STARTED)


@integration.handles(DEPLOYMENT_COMPLETED, DOCUMENTED_COMPLETED)
def on_deployment_completed(payload: Payload, delivery: Delivery) -> Message:
    """The result first, then the release (linked), its pipeline and stage, who asked, and how
    long the deployment took; in the topic its start went to."""
    deployment = deployment_of(payload)
    return message(payload, deployment, result_of(deployment.status, RESULTS))


integration.ignores(
    "ms.vss-release.release-created-event",
    "ms.vss-release.release-abandoned-event",
    "ms.azure-devops-release.release-created-event",
    "ms.azure-devops-release.release-abandoned-event",
    reason="A release is news when it is deployed: its deployments' starts and results are posted.",
)
integration.ignores(
    "ms.vss-release.deployment-approval-pending-event",
    "ms.vss-release.deployment-approval-completed-event",
    "ms.azure-devops-release.deployment-approval-pending-event",
    "ms.azure-devops-release.deployment-approval-completed-event",
    reason="Azure DevOps asks the approvers itself; the deployment that follows is posted when"
    " it starts.",
)
