"""Semaphore: pipelines (Semaphore 2.0), builds and deploys (Semaphore Classic) as they finish.

Semaphore 2.0 posts one JSON body per finished pipeline, its event being
what the pipeline ran on (``revision.reference_type``: ``branch``, ``tag``,
``pull_request``); Semaphore Classic posted builds and deploys, naming them
in ``event``. ``declaration`` declares the integration, ``text`` says
results in Semaphore's words; importing ``pipelines`` and ``classic``
registers the handlers, in the order the page lists them.
"""

# isort: off
from integrations.webhooks.semaphore.declaration import integration
from integrations.webhooks.semaphore import pipelines, classic

# isort: on

__all__ = ["classic", "integration", "pipelines"]
