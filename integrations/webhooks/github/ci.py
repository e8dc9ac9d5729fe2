"""What runs on the code: commit statuses, check runs and suites, GitHub Actions runs.

Each reports once, when it has a result; the deliveries on the way (queued,
in progress, requested) post nothing. Like pushes, results on a branch follow
the ``branches`` option, except a workflow run triggered by a pull request,
which is about the pull request rather than its branch.

GitHub Actions reports the same work three ways: a workflow run
(``workflow_run``), a check suite for that run (``check_suite``) and a check
run for each of its jobs (``check_run``, also ``workflow_job``). The page
advises subscribing to one of them.
"""

from __future__ import annotations

from integrations.common.code_hosting import Commit, Repo, User, branch_wanted, ci_run, first_line
from integrations.core import Message, Payload, WebhookRequest
from integrations.webhooks.github.common import (
    action_of,
    handles,
    page_url,
    repo_of,
    unsupported,
    user_of,
)


def on_branch_wanted(branch: str | None, request: WebhookRequest) -> bool:
    """Whether ``branches`` lets a result on ``branch`` through; one without a branch passes."""
    return branch is None or branch_wanted(branch, request.query)


def commit_at(repo: Repo, sha: str, message: str = "") -> Commit:
    return Commit(sha, message, page_url(repo, "commit", sha))


# Commit statuses ------------------------------------------------------------------


@handles("status")
def on_status(payload: Payload, request: WebhookRequest) -> Message | None:
    state = payload["state"].string()
    if state == "pending":
        return None  # the final state follows
    sha = payload["sha"].string()
    commit = payload["commit"]
    # ``branches`` lists up to ten branches that contain the commit; the
    # one whose head it is names the topic.
    branch = next(
        (
            item["name"].string()
            for item in payload["branches"].array([])
            if item["commit"]["sha"].string(None) == sha
        ),
        None,
    )
    if not on_branch_wanted(branch, request):
        return None
    return ci_run(
        repo_of(payload),
        payload["context"].string(),
        branch,
        state,
        url=payload["target_url"].string(None),
        commit=Commit(sha, commit["commit"]["message"].string(""), commit["html_url"].string(None)),
        detail=payload["description"].string(None),
    )


# Check runs and check suites ---------------------------------------------------------


@handles("check_run")
def on_check_run(payload: Payload, request: WebhookRequest) -> Message | None:
    action = action_of(payload)
    if action in ("rerequested", "requested_action"):
        return None  # a request to run again; the new run reports itself
    if action not in ("created", "completed"):
        raise unsupported("check_run", action)
    run = payload["check_run"]
    if run["status"].string() != "completed":
        return None  # queued or in progress; "completed" follows
    branch = run["check_suite"]["head_branch"].string(None)
    if not on_branch_wanted(branch, request):
        return None
    repo = repo_of(payload)
    output = run["output"]
    title = output["title"].string(None)
    summary = first_line(output["summary"].string(""))
    detail = ": ".join(part for part in (title, summary) if part)
    return ci_run(
        repo,
        run["name"].string(),
        branch,
        run["conclusion"].string(),
        url=run["html_url"].string(None),
        # A check run does not carry its commit's message.
        commit=commit_at(repo, run["head_sha"].string()),
        detail=detail or None,
    )


# GitHub's conclusions beyond the shared wording: a run whose workflow file
# could not even start it failed with an error.
CONCLUSIONS = {"startup_failure": "error"}

# A suite is requested when commits arrive and again when someone asks for a
# re-run; the suite reports once it has completed.
SUITE_QUIET = frozenset({"requested", "rerequested"})


@handles("check_suite")
def on_check_suite(payload: Payload, request: WebhookRequest) -> Message | None:
    action = action_of(payload)
    if action in SUITE_QUIET:
        return None
    if action != "completed":
        raise unsupported("check_suite", action)
    suite = payload["check_suite"]
    # Null for a suite on a pull request from a fork: its branch is not here.
    branch = suite["head_branch"].string(None)
    if not on_branch_wanted(branch, request):
        return None
    repo = repo_of(payload)
    conclusion = suite["conclusion"].string(None) or suite["status"].string()
    app: str | None = suite["app"]["name"].string(None)
    return ci_run(
        repo,
        app or "Checks",
        branch,
        CONCLUSIONS.get(conclusion, conclusion),
        commit=commit_at(
            repo, suite["head_sha"].string(), suite["head_commit"]["message"].string("")
        ),
    )


# GitHub Actions ------------------------------------------------------------------------

RUN_QUIET = frozenset({"requested", "in_progress"})


def run_name(run: Payload) -> str:
    """The workflow's name and the run's number, as GitHub lists runs: "CI #42"."""
    name = run["name"].string(None) or run["path"].string(None) or "Workflow"
    number = run["run_number"].integer(None)
    return f"{name} #{number}" if number is not None else name


def run_actor(run: Payload) -> User | None:
    """Who started this attempt of the run (``triggering_actor``), else who started the run."""
    for key in ("triggering_actor", "actor"):
        if run[key].exists():
            return user_of(run[key])
    return None


def for_pull_request(run: Payload) -> bool:
    """Whether a pull request triggered the run (``pull_request``, ``pull_request_target``...)."""
    return run["event"].string("").startswith("pull_request")


@handles("workflow_run")
def on_workflow_run(payload: Payload, request: WebhookRequest) -> Message | None:
    action = action_of(payload)
    if action in RUN_QUIET:
        return None  # a run is reported once, when it has a result
    if action != "completed":
        raise unsupported("workflow_run", action)
    run = payload["workflow_run"]
    branch = run["head_branch"].string(None)
    # The branch filter is for a branch's own runs, not for those of pull requests.
    if not for_pull_request(run) and not on_branch_wanted(branch, request):
        return None
    repo = repo_of(payload)
    conclusion = run["conclusion"].string(None) or run["status"].string()
    return ci_run(
        repo,
        run_name(run),
        branch,
        CONCLUSIONS.get(conclusion, conclusion),
        url=run["html_url"].string(None),
        commit=commit_at(repo, run["head_sha"].string(), run["head_commit"]["message"].string("")),
        actor=run_actor(run),
    )


@handles("workflow_job")
def on_workflow_job(payload: Payload, request: WebhookRequest) -> None:
    """Nothing, on purpose: the run's message says how its jobs ended, in one message."""
    return
