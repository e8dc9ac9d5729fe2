"""What runs on the code: GitHub Actions runs, check suites and runs, commit statuses.

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

from integrations.common.code_hosting import (
    Commit,
    User,
    branch_wanted,
    ci_run,
    first_line,
    listing,
    paragraphs,
)
from integrations.core import Delivery, Markdown, Message, Payload, code, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import commit_at, repo_of, user_of

# Branches named when a commit status's commit is on several; past this, counted.
NAMED_BRANCHES = 5

# GitHub's conclusions beyond the shared wording: a run whose workflow file
# could not even start it failed with an error.
CONCLUSIONS = {"startup_failure": "error"}


def conclusion_of(node: Payload) -> str:
    """A run's or suite's conclusion, or its status when it has none."""
    conclusion = node["conclusion"].string(default=None) or node["status"].string()
    return CONCLUSIONS.get(conclusion, conclusion)


# GitHub Actions --------------------------------------------------------------------


def run_name(run: Payload) -> str:
    """The workflow's name and the run's number, as GitHub lists runs: "CI #42"."""
    name = run["name"].string(default=None) or run["path"].string(default=None) or "Workflow"
    number = run["run_number"].integer(default=None)
    return f"{name} #{number}" if number is not None else name


def run_actor(run: Payload) -> User | None:
    """Who started this attempt of the run (``triggering_actor``), else who started the run."""
    for key in ("triggering_actor", "actor"):
        if run[key].exists():
            return user_of(run[key])
    return None


def for_pull_request(run: Payload) -> bool:
    """Whether a pull request triggered the run (``pull_request``, ``pull_request_target``...)."""
    return run["event"].string(default="").startswith("pull_request")


@integration.handles("workflow_run", action="completed")
def on_workflow_run_completed(payload: Payload, delivery: Delivery) -> Message | None:
    """The GitHub Actions run's result, its branch, its commit and who started it."""
    run = payload["workflow_run"]
    branch = run["head_branch"].string(default=None)
    # The branch filter is for a branch's own runs, not for those of pull requests.
    if not for_pull_request(run) and not branch_wanted(branch, delivery):
        return None
    repo = repo_of(payload["repository"], delivery)
    message = run["head_commit"]["message"].string(default="")
    return ci_run(
        repo,
        run_name(run),
        branch,
        conclusion_of(run),
        url=run["html_url"].string(default=None),
        commit=commit_at(repo, run["head_sha"].string(), message),
        actor=run_actor(run),
    )


integration.ignores(
    "workflow_run", action=("requested", "in_progress"), reason="The result follows."
)
integration.ignores("workflow_job", reason="The run's message covers its jobs.")


# Check suites and check runs ---------------------------------------------------------


@integration.handles("check_suite", action="completed")
def on_check_suite_completed(payload: Payload, delivery: Delivery) -> Message | None:
    """The suite's result, the app that ran it, and its commit."""
    suite = payload["check_suite"]
    # Null for a suite on a pull request from a fork: its branch is not here.
    branch = suite["head_branch"].string(default=None)
    if not branch_wanted(branch, delivery):
        return None
    repo = repo_of(payload["repository"], delivery)
    conclusion = conclusion_of(suite)
    app = suite["app"]["name"].string(default=None)
    message = suite["head_commit"]["message"].string(default="")
    return ci_run(
        repo,
        app or "Checks",
        branch,
        conclusion,
        commit=commit_at(repo, suite["head_sha"].string(), message),
    )


integration.ignores(
    "check_suite",
    action=("requested", "rerequested"),
    reason="The suite reports when it completes.",
)


@integration.handles("check_run", action=("created", "completed"))
def on_check_run(payload: Payload, delivery: Delivery) -> Message | None:
    """The check's conclusion once its status is `completed`. **Nothing** while it is queued or
    in progress."""
    run = payload["check_run"]
    # A run may be created already completed, or queued: then "completed" follows.
    if run["status"].string() != "completed":
        return None
    branch = run["check_suite"]["head_branch"].string(default=None)
    if not branch_wanted(branch, delivery):
        return None
    repo = repo_of(payload["repository"], delivery)
    output = run["output"]
    title = output["title"].string(default=None)
    summary = first_line(output["summary"].string(default=""))
    detail = ": ".join(part for part in (title, summary) if part)
    return ci_run(
        repo,
        run["name"].string(default="") or "Check",
        branch,
        conclusion_of(run),
        url=run["html_url"].string(default=None),
        # A check run does not carry its commit's message.
        commit=commit_at(repo, run["head_sha"].string()),
        detail=detail or None,
    )


integration.ignores(
    "check_run",
    action=("rerequested", "requested_action"),
    reason="The run they ask for reports itself.",
)


# What starts runs, and the merge queue ----------------------------------------------

integration.ignores(
    "workflow_dispatch",
    "repository_dispatch",
    reason="A request to start a workflow (by hand, or through the API with a custom event "
    "name): the run it starts reports its result as a `workflow_run`.",
)
integration.ignores(
    "merge_group",
    reason="The merge queue's own bookkeeping: it asks for checks on each group it builds "
    "and destroys the group once merged or dequeued. The pull request's merge and the "
    "checks' results are posted.",
)


# Commit statuses ------------------------------------------------------------------


@integration.handles("status", action=("success", "failure", "error"))
def on_status(payload: Payload, delivery: Delivery) -> Message | None:
    """The commit status's result, for its commit: in the topic of its branch when the commit is
    on one branch only, else in the repository's topic, naming the branches it is on. An `error`
    (the check could not run) is told apart from a `failure`."""
    sha = payload["sha"].string()
    commit = payload["commit"]
    # The branches that contain the commit (GitHub lists up to ten); a
    # commit on several of them is not one branch's news.
    branches = [
        name
        for item in payload["branches"].array(default=[])
        if (name := item["name"].string(default=None))
    ]
    if branches and not any(branch_wanted(branch, delivery) for branch in branches):
        return None
    repo = repo_of(payload["repository"], delivery)
    message = ci_run(
        repo,
        payload["context"].string(default="") or "Commit status",
        branches[0] if len(branches) == 1 else None,
        payload["state"].string(),
        url=payload["target_url"].string(default=None),
        commit=Commit(
            sha,
            commit["commit"]["message"].string(default=""),
            commit["html_url"].string(default=None) or repo.page("commit", sha),
        ),
        detail=payload["description"].string(default=None),
    )
    if len(branches) < 2:
        return message
    return Message(topic=message.topic, content=paragraphs(message.content, on_branches(branches)))


def on_branches(branches: list[str]) -> Markdown:
    """The branches a commit is on: all of a few, or how many."""
    if len(branches) > NAMED_BRANCHES:
        return md("The commit is on {} branches.").format(len(branches))
    return md("The commit is on {}.").format(listing([code(branch) for branch in branches]))


integration.ignores("status", action="pending", reason="The result follows.")
