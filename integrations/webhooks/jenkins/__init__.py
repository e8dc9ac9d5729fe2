"""Jenkins: builds as messages, from the JSON that Jenkins' Notification plugin posts.

The Notification plugin (``notification``, by Tikal) posts the job and its
build; ``build.phase`` says when: ``QUEUED``, ``STARTED``, ``COMPLETED``,
``FINALIZED``, or the phase a pipeline's ``notifyEndpoints`` step names.
``declaration`` declares the integration; ``readers`` reads the job, the
build and its SCM into records; importing ``builds`` registers the
handlers. A pipeline without the plugin can post through the script
integration ``jenkins_pipeline`` instead.
"""

# isort: off
from integrations.webhooks.jenkins.declaration import integration
from integrations.webhooks.jenkins import builds

# isort: on

__all__ = ["builds", "integration"]
