"""CircleCI: workflows and jobs as they finish, and the legacy build notifications.

CircleCI's outbound webhooks post JSON whose ``type`` names the event
(``workflow-completed``, ``job-completed``, ``ping``), signed with the
webhook's secret token; projects configured the old way post the legacy
``notify: webhooks:`` payload instead, the event ``build``.
``declaration`` declares the integration, ``readers`` reads pipelines and
runs, ``text`` says results; importing ``workflows``, ``legacy`` and
``ping`` registers the handlers, in the order the page lists them.
"""

# isort: off
from integrations.webhooks.circleci.declaration import integration
from integrations.webhooks.circleci import workflows, legacy, ping

# isort: on

__all__ = ["integration", "legacy", "ping", "workflows"]
