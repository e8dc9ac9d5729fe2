"""Bitbucket Cloud: repository events as messages, one module per family of events.

Bitbucket names the event in the ``X-Event-Key`` header with its action
included (``repo:push``, ``pullrequest:created``, ``issue:comment_created``),
so each key is routed as a whole; only build statuses say more in the
payload, their ``commit_status.state``, declared as their action.
``declaration`` declares the integration (also under Zulip's name for
it, ``bitbucket2``); ``readers`` reads Bitbucket's shapes into the shared
records; ``filters`` gives each delivery Zulip's name for it, for the
event filters; importing the handler modules registers their handlers and
ignores, in the order the documentation lists them.

Every key Bitbucket Cloud offers is declared: ``pipeline:span_created``
(tracing data of each pipeline step) and ``project:updated`` (about no
single repository) as ignored, with their reasons.
"""

# isort: off
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket import pushes, pull_requests, issues, comments, repository, ci

# isort: on

__all__ = ["ci", "comments", "integration", "issues", "pull_requests", "pushes", "repository"]
