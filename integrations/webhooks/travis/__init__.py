"""Travis CI: builds as they start and finish.

Travis CI posts a form whose ``payload`` field holds the build as JSON; the
build's ``type`` (``push``, ``pull_request``, ``cron``, ``api``) is the
event, and a ``Signature`` header signs the field with Travis CI's key.
``declaration`` declares the integration, ``readers`` reads builds, ``text``
says their status; importing ``builds`` registers the handler.
"""

# isort: off
from integrations.webhooks.travis.declaration import integration
from integrations.webhooks.travis import builds

# isort: on

__all__ = ["builds", "integration"]
