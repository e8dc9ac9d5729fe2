"""Builds: commit statuses (``status``), Gitea Actions (``workflow_run``, ``workflow_job``)
and Forgejo Actions (``action_run_*``, ``workflow_job_*``)."""

from __future__ import annotations

from integrations.common.code_hosting import Commit, Repo, User, branch_wanted, ci_run
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.readers import optional_url, repo_of, sender_of, user_of


@integration.handles("status", action=("success", "failure", "error", "warning", "skipped"))
def on_status(payload: Payload, delivery: Delivery) -> Message:
    """The check's result for its commit, in the repository's topic. An `error` (the check
    could not run) is told apart from a `failure`."""
    sha = payload["sha"].string()
    node = payload["commit"]
    commit = Commit(sha, node["message"].string(default=""), optional_url(node["url"]))
    return ci_run(
        repo_of(payload["repository"], delivery),
        payload["context"].string(default="") or "A status check",
        # Gitea does not say which branch the commit is on, so the status
        # goes to the repository's topic and the branch filter cannot apply.
        None,
        payload["state"].string(),
        url=optional_url(payload["target_url"]),
        commit=commit,
        detail=payload["description"].string(default=None),
    )


integration.ignores("status", action="pending", reason="The result follows.")


def run_name(payload: Payload) -> str:
    run = payload["workflow_run"]
    name = (
        payload["workflow"]["name"].string(default=None)
        or run["path"].string(default=None)
        or "Workflow"
    )
    number = run["run_number"].integer(default=None)
    return f"{name} #{number}" if number is not None else name


def run_actor(payload: Payload) -> User:
    actor = payload["workflow_run"]["trigger_actor"]
    return user_of(actor) if actor.exists() else sender_of(payload)


def run_commit(run: Payload, repo: Repo) -> Commit:
    """The commit a run built, with its title.

    Gitea titles a run with the first line of its commit's message
    (``display_title``); a ``head_commit`` like GitHub's is read first.
    """
    sha = run["head_sha"].string()
    message = run["head_commit"]["message"].string(default=None)
    if message is None:
        message = run["display_title"].string(default="")
    return Commit(sha, message, repo.page("commit", sha))


def for_pull_request(event: str) -> bool:
    """Whether a pull request triggered the run (``pull_request``, ``pull_request_sync``...)."""
    return event.startswith("pull_request")


@integration.handles("workflow_run", action="completed")
def on_workflow_run_completed(payload: Payload, delivery: Delivery) -> Message | None:
    """The Gitea Actions run's result, its branch, its commit and who started it."""
    run = payload["workflow_run"]
    branch = run["head_branch"].string(default=None) or None
    # The branch filter is for a branch's own runs, not for those of pull requests.
    pulled = for_pull_request(run["event"].string(default=""))
    if not pulled and not branch_wanted(branch, delivery):
        return None
    result = run["conclusion"].string(default=None) or run["status"].string()
    repo = repo_of(payload["repository"], delivery)
    return ci_run(
        repo,
        run_name(payload),
        branch,
        result,
        url=optional_url(run["html_url"]),
        commit=run_commit(run, repo),
        actor=run_actor(payload),
    )


integration.ignores(
    "workflow_run", action=("requested", "in_progress"), reason="The result follows."
)
integration.ignores(
    "workflow_job",
    reason="The run's message (`workflow_run`) covers its jobs; where Gitea has no"
    " `workflow_run` yet, the commit status (`status`) each job sets reports it.",
)

# Forgejo Actions ---------------------------------------------------------------

# Forgejo's own events for a run that ended, each with the result in its name.
FORGEJO_RUN_RESULTS = {"action_run_success": "success", "action_run_failure": "failure"}


@integration.handles(*FORGEJO_RUN_RESULTS)
def on_forgejo_run(payload: Payload, delivery: Delivery) -> Message | None:
    """Forgejo Actions: the run's result, its branch, its commit and who started it."""
    run = payload["run"]
    repo = repo_of(run["repository"], delivery)
    pulled = for_pull_request(run["event"].string(default=""))
    # A pull request's run names the pull request, not a branch, in ``prettyref``.
    branch = None if pulled else run["prettyref"].string(default=None) or None
    if not pulled and not branch_wanted(branch, delivery):
        return None
    workflow = run["workflow_id"].string(default=None) or "Workflow"
    number = run["index_in_repo"].integer(default=None)
    sha = run["commit_sha"].string(default=None)
    commit = Commit(sha, run["title"].string(default=""), repo.page("commit", sha)) if sha else None
    trigger = run["trigger_user"]
    status = run["status"].string(default=None)
    return ci_run(
        repo,
        f"{workflow} #{number}" if number else workflow,
        branch,
        status or FORGEJO_RUN_RESULTS[delivery.event],
        url=optional_url(run["html_url"]),
        commit=commit,
        actor=user_of(trigger) if trigger.exists() else None,
    )


integration.ignores(
    "action_run_recover",
    reason="Forgejo sends it with the `action_run_success` of the same run, which reports it.",
)
integration.ignores(
    *(
        f"workflow_job_{state}"
        for state in ("blocked", "cancelled", "failure", "running", "skipped", "success", "waiting")
    ),
    reason="Forgejo's news of each job of a run; the run's result (`action_run_success`,"
    " `action_run_failure`) covers its jobs.",
)
