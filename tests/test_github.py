"""Focused tests of the GitHub integration: what the page's examples do not show.

Signatures, the actions GitHub documents beyond those the fixtures hold
(posted, deliberately quiet, or refused as unsupported), very long input,
untrusted text in places the page does not try, and that the page sends
every fixture with the event GitHub delivers it with.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from integrations.core import (
    Message,
    Unauthorized,
    UnsupportedEvent,
    WebhookRequest,
    default_registry,
)
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.webhooks.github import integration
from integrations.zulip_markdown import render
from tests.conftest import webhook_request
from tests.doc_examples import all_examples

assert default_registry().get("github") is integration
assert integration.fixtures is not None
FIXTURES: Path = integration.fixtures
SECRET = "It's a Secret to Everybody"
ATTACK = "@**all** [x](javascript:alert(1)) <b>hi</b>"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


def request(
    event: str,
    body: dict[str, Any] | bytes,
    *,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> WebhookRequest:
    return webhook_request(integration, event, body, query=query, headers=headers)


def post(event: str, body: dict[str, Any], **query: str) -> Message | None:
    return integration.handle(request(event, body, query=query))


def posted(event: str, body: dict[str, Any], **query: str) -> Message:
    message = post(event, body, **query)
    assert message is not None, f"{event} posted nothing"
    return message


def with_action(name: str, action: str, **changes: Any) -> dict[str, Any]:
    payload = copy.deepcopy(fixture(name))
    payload["action"] = action
    payload.update(changes)
    return payload


# Signatures -----------------------------------------------------------------


def github_signature(body: bytes, secret: str = SECRET) -> str:
    """Computed the way GitHub documents it, independently of the integration."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_a_genuine_signature_is_accepted() -> None:
    body = (FIXTURES / "push__1_commit.json").read_bytes()
    signed = request("push", body, headers={"X-Hub-Signature-256": github_signature(body)})
    assert integration.handle(signed, secret=SECRET) is not None


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "the X-Hub-Signature-256 header is missing, and a secret is configured"),
        ({"X-Hub-Signature-256": ""}, "is missing"),
        ({"X-Hub-Signature-256": "sha256=00"}, "does not match the configured secret"),
        # The older SHA-1 header GitHub also sends is not accepted in its place.
        ({"X-Hub-Signature": "sha1=" + "0" * 40}, "is missing"),
    ],
)
def test_a_missing_or_wrong_signature_is_refused(headers: dict[str, str], reason: str) -> None:
    body = (FIXTURES / "push__1_commit.json").read_bytes()
    with pytest.raises(Unauthorized, match=re.escape(reason)):
        integration.handle(request("push", body, headers=headers), secret=SECRET)


def test_a_signature_made_with_another_secret_is_refused() -> None:
    body = (FIXTURES / "push__1_commit.json").read_bytes()
    forged = {"X-Hub-Signature-256": github_signature(body, "another secret")}
    with pytest.raises(Unauthorized):
        integration.handle(request("push", body, headers=forged), secret=SECRET)


def test_a_signature_covers_the_body_as_sent_not_as_parsed() -> None:
    body = (FIXTURES / "push__1_commit.json").read_bytes()
    same_json = json.dumps(json.loads(body)).encode()  # other spacing, same document
    assert same_json != body
    headers = {"X-Hub-Signature-256": github_signature(body)}
    with pytest.raises(Unauthorized):
        integration.handle(request("push", same_json, headers=headers), secret=SECRET)


def test_a_form_encoded_delivery_is_signed_over_the_form() -> None:
    body = urlencode({"payload": (FIXTURES / "ping.json").read_text()}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Hub-Signature-256": github_signature(body),
    }
    message = integration.handle(request("ping", body, headers=headers), secret=SECRET)
    assert message is not None
    assert "set up this GitHub webhook" in message.content


def test_without_a_secret_nothing_is_checked() -> None:
    body = (FIXTURES / "push__1_commit.json").read_bytes()
    forged = {"X-Hub-Signature-256": "sha256=00"}
    assert integration.handle(request("push", body, headers=forged)) is not None


# Actions beyond the fixtures -------------------------------------------------------

UNSUPPORTED_ACTIONS = [
    ("pull_request", "pull_request__opened.json", "auto_assigned"),
    ("pull_request_review", "pull_request_review.json", "requested"),
    ("pull_request_review_comment", "pull_request_review_comment.json", "resolved"),
    ("issues", "issues.json", "typed"),
    ("issue_comment", "issue_comment.json", "pinned"),
    ("discussion", "discussion__created.json", "archived"),
    ("discussion_comment", "discussion_comment.json", "minimized"),
    ("commit_comment", "commit_comment.json", "deleted"),
    ("release", "release.json", "yanked"),
    ("check_run", "check_run__in_progress.json", "requested"),
    ("check_suite", "check_run__in_progress.json", "deleted"),
    ("workflow_run", "check_run__in_progress.json", "deleted"),
    ("star", "star.json", "starred"),
    ("watch", "watch__repository.json", "stopped"),
    ("repository", "repository.json", "renamed"),
    ("repository", "repository.json", "transferred"),
    ("repository", "repository.json", "edited"),
    ("member", "member.json", "edited"),
    ("membership", "membership.json", "invited"),
    ("team", "team__edited_name.json", "created"),
    ("team", "team__edited_name.json", "added_to_repository"),
    ("sponsorship", "created.json", "renewed"),
]


@pytest.mark.parametrize(("event", "name", "action"), UNSUPPORTED_ACTIONS)
def test_an_action_neither_posted_nor_quiet_is_unsupported_naming_both(
    event: str, name: str, action: str
) -> None:
    with pytest.raises(UnsupportedEvent) as raised:
        post(event, with_action(name, action))
    assert raised.value.event == f"{event}.{action}"
    assert str(raised.value) == f"github does not support the event '{event}.{action}'"
    assert raised.value.http_status == 400


def test_a_deployment_with_an_action_other_than_created_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match=r"deployment\.edited"):
        post("deployment", with_action("deployment.json", "edited"))


@pytest.mark.parametrize("event", ["label", "milestone", "meta", "installation", "merge_group"])
def test_events_without_a_handler_are_unsupported(event: str) -> None:
    with pytest.raises(UnsupportedEvent, match=re.escape(f"'{event}'")):
        post(event, fixture("ping.json"))


QUIET = [
    *(
        ("pull_request", with_action("pull_request__opened.json", action))
        for action in (
            "labeled",
            "unlabeled",
            "milestoned",
            "demilestoned",
            "review_request_removed",
            "enqueued",
            "dequeued",
        )
    ),
    *(
        ("release", with_action("release.json", action))
        for action in ("created", "edited", "released", "prereleased")
    ),
    ("check_run", with_action("check_run__completed.json", "requested_action")),
    (
        "check_run",
        with_action("check_run__completed.json", "completed", check_run={"status": "queued"}),
    ),
    ("create", fixture("create.json") | {"ref_type": "branch", "ref": "feature"}),
    ("delete", fixture("delete.json") | {"ref_type": "branch", "ref": "feature"}),
    ("status", fixture("status.json") | {"state": "pending"}),
    ("pull_request", with_action("pull_request__edited.json", "edited", changes={})),
    ("issues", with_action("issues.json", "edited", changes={})),
    ("discussion", with_action("discussion__edited_title.json", "edited", changes={})),
    (
        "pull_request_review_comment",
        with_action(
            "pull_request_review_comment.json",
            "edited",
            changes={"body": {"from": "Maybe you should use more emojji on this line."}},
        ),
    ),
    (
        "discussion_comment",
        with_action(
            "discussion_comment.json", "edited", changes={"body": {"from": "some random comment"}}
        ),
    ),
]


@pytest.mark.parametrize(
    ("event", "payload"), QUIET, ids=lambda value: value if isinstance(value, str) else ""
)
def test_deliberately_quiet_deliveries_post_nothing(event: str, payload: dict[str, Any]) -> None:
    assert post(event, payload) is None


@pytest.mark.parametrize("state", ["pending", "queued", "in_progress", "inactive"])
def test_deployment_statuses_on_the_way_post_nothing(state: str) -> None:
    payload = copy.deepcopy(fixture("deployment_status.json"))
    payload["deployment_status"]["state"] = state
    assert post("deployment_status", payload) is None


@pytest.mark.parametrize("status", ["building", "queued", None])
def test_a_pages_build_in_progress_posts_nothing(status: str | None) -> None:
    payload = copy.deepcopy(fixture("page_build.json"))
    payload["build"]["status"] = status
    assert post("page_build", payload) is None


def test_a_failed_deployment_links_to_its_log() -> None:
    payload = copy.deepcopy(fixture("deployment_status.json"))
    payload["deployment_status"].update(
        {"state": "error", "log_url": "https://example.com/logs/12", "environment": "staging"}
    )
    message = posted("deployment_status", payload)
    assert message.content.startswith("Deployment to [staging](https://example.com/logs/12) failed")


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("deleted", "**baxterthehacker** deleted release **0.0.1**."),
        (
            "unpublished",
            "**baxterthehacker** unpublished release "
            "[0.0.1](https://github.com/baxterthehacker/public-repo/releases/tag/0.0.1).",
        ),
    ],
)
def test_a_release_withdrawn(action: str, expected: str) -> None:
    message = posted("release", with_action("release.json", action))
    assert message.topic == "baxterthehacker/public-repo / releases"
    assert message.content == expected


def test_release_notes_are_quoted_and_a_distinct_name_shows_the_tag() -> None:
    payload = copy.deepcopy(fixture("release.json"))
    payload["release"].update({"name": "Winter release", "body": "* Faster\n* Smaller"})
    message = posted("release", payload)
    assert "[Winter release](" in message.content
    assert "(`0.0.1`)" in message.content
    assert message.content.endswith("> &#42; Faster\n> &#42; Smaller")


ISSUE = "[issue #2](https://github.com/baxterthehacker/public-repo/issues/2)"


@pytest.mark.parametrize(
    ("action", "issue_changes", "expected"),
    [
        (
            "closed",
            {"state_reason": "completed"},
            f"**baxterthehacker** closed {ISSUE} as completed.",
        ),
        ("closed", {"state_reason": None}, f"**baxterthehacker** closed {ISSUE}."),
        ("deleted", {}, f"**baxterthehacker** deleted {ISSUE}."),
        ("pinned", {}, f"**baxterthehacker** pinned {ISSUE}."),
        ("unlocked", {}, f"**baxterthehacker** unlocked {ISSUE}."),
        (
            "locked",
            {"active_lock_reason": "too heated"},
            f"**baxterthehacker** locked {ISSUE}.\n\nReason: too heated.",
        ),
    ],
)
def test_issue_actions_beyond_the_fixtures(
    action: str, issue_changes: dict[str, Any], expected: str
) -> None:
    payload = with_action("issues.json", action)
    payload["issue"].update(issue_changes)
    assert posted("issues", payload).content == expected


def test_an_issue_renamed_and_reworded() -> None:
    payload = with_action(
        "issues.json",
        "edited",
        changes={"title": {"from": "Speling"}, "body": {"from": "old text"}},
    )
    assert posted("issues", payload).content == (
        f"**baxterthehacker** edited {ISSUE}.\n\n"
        "Renamed from **Speling**.\n\n"
        "> It looks like you accidentally spelled 'commit' with two 't's."
    )


PR = "[PR #1](https://github.com/baxterthehacker/public-repo/pull/1)"


def test_a_pull_request_reopened_converted_and_opened_as_a_draft() -> None:
    reopened = posted("pull_request", with_action("pull_request__opened.json", "reopened"))
    assert reopened.content == f"**baxterthehacker** reopened {PR}."
    draft = posted("pull_request", with_action("pull_request__opened.json", "converted_to_draft"))
    assert draft.content == f"**baxterthehacker** converted {PR} to a draft."
    opened = copy.deepcopy(fixture("pull_request__opened.json"))
    opened["pull_request"]["draft"] = True
    assert posted("pull_request", opened).content.startswith(
        f"**baxterthehacker** opened draft {PR} from `changes` into `master`."
    )


def test_a_pull_request_from_a_fork_names_the_fork_owner() -> None:
    payload = copy.deepcopy(fixture("pull_request__opened.json"))
    payload["pull_request"]["head"]["label"] = "mona:patch-1"
    payload["pull_request"]["head"]["ref"] = "patch-1"
    assert "from `mona:patch-1` into `master`." in posted("pull_request", payload).content


def test_a_pull_request_retargeted_and_its_description_removed() -> None:
    payload = with_action(
        "pull_request__edited.json",
        "edited",
        changes={"base": {"ref": {"from": "develop"}}, "body": {"from": "Some text"}},
    )
    assert posted("pull_request", payload).content == (
        f"**baxterthehacker** edited {PR}.\n\n"
        "The description was removed.\n\n"
        "The target branch is now `master` (was `develop`)."
    )


def test_someone_assigned_by_someone_else_is_named() -> None:
    payload = copy.deepcopy(fixture("pull_request__assigned.json"))
    payload["assignee"] = {"login": "hubot", "html_url": "https://github.com/hubot"}
    assert posted("pull_request", payload).content == (
        f"**baxterthehacker** assigned **hubot** to {PR}."
    )


@pytest.mark.parametrize(
    ("state", "verb"),
    [
        ("changes_requested", "requested changes on"),
        ("commented", "reviewed"),
        ("APPROVED", "approved"),
    ],
)
def test_review_verdicts(state: str, verb: str) -> None:
    payload = copy.deepcopy(fixture("pull_request_review.json"))
    payload["review"]["state"] = state
    assert f"**baxterthehacker** [{verb}](" in posted("pull_request_review", payload).content


def test_a_review_dismissed_does_not_quote_it_and_an_edited_one_does() -> None:
    dismissed = posted("pull_request_review", with_action("pull_request_review.json", "dismissed"))
    assert dismissed.content.startswith("**baxterthehacker** [dismissed a review on](")
    assert "Looks great" not in dismissed.content
    edited = posted(
        "pull_request_review",
        with_action("pull_request_review.json", "edited", changes={"body": {"from": "LGTM"}}),
    )
    assert edited.content.startswith("**baxterthehacker** [edited a review](")
    assert edited.content.endswith("> Looks great!")


def test_a_review_comment_edited_and_deleted() -> None:
    edited = posted(
        "pull_request_review_comment",
        with_action("pull_request_review_comment.json", "edited", changes={"body": {"from": "x"}}),
    )
    assert edited.content.startswith("**baxterthehacker** [edited a comment](")
    deleted = posted(
        "pull_request_review_comment", with_action("pull_request_review_comment.json", "deleted")
    )
    assert deleted.content == f"**baxterthehacker** deleted a comment on {PR}."


def test_a_discussion_comment_deleted_keeps_its_text_out() -> None:
    message = posted("discussion_comment", with_action("discussion_comment.json", "deleted"))
    assert message.content == (
        "**sbansal1999** deleted a comment on "
        "[discussion #20](https://github.com/sbansal1999/testing-gh/discussions/20)."
    )


@pytest.mark.parametrize(
    ("action", "sentence"),
    [
        ("deleted", "deleted the repository"),
        ("archived", "archived"),
        ("unarchived", "unarchived"),
        ("publicized", "made"),
        ("privatized", "made"),
    ],
)
def test_repository_actions(action: str, sentence: str) -> None:
    message = posted("repository", with_action("repository.json", action))
    assert message.topic == "baxterandthehackers/public-repo"
    assert message.content.startswith(f"**baxterthehacker** {sentence} ")


def test_stars_removed_and_collaborators_removed() -> None:
    assert posted("star", with_action("star.json", "deleted")).content.startswith(
        "**Codertocat** unstarred ["
    )
    assert posted("member", with_action("member.json", "removed")).content.startswith(
        "**baxterthehacker** removed **octocat** as a collaborator on ["
    )


def test_a_team_edit_with_several_changes_and_one_with_none_shown() -> None:
    payload = copy.deepcopy(fixture("team__edited_name.json"))
    payload["changes"]["privacy"] = {"from": "secret"}
    assert posted("team", payload).content == (
        "**Hypro999** renamed the team **Testing** to **Testing Team**.\n\n"
        "**Hypro999** made the **Testing Team** team visible to every member of the organization."
    )
    payload["changes"] = {"repository": {"permissions": {"from": {"push": False}}}}
    assert posted("team", payload).content == "**Hypro999** edited the **Testing Team** team."


def test_a_public_sponsor_is_named_and_a_private_one_is_not() -> None:
    public = copy.deepcopy(fixture("cancelled.json"))
    public["sponsorship"]["privacy_level"] = "public"
    assert posted("sponsorship", public).content.startswith("**monalisa** cancelled")
    private = posted("sponsorship", fixture("cancelled.json"))
    assert "monalisa" not in private.content
    made_public = with_action("edited.json", "edited")
    made_public["sponsorship"]["privacy_level"] = "public"
    assert posted("sponsorship", made_public).content == (
        "**monalisa** made their sponsorship public."
    )


def test_a_ping_for_every_event() -> None:
    payload = copy.deepcopy(fixture("ping.json"))
    payload["hook"]["events"] = ["*"]
    assert posted("ping", payload).content.endswith("It sends every event.")


def test_check_runs_and_statuses_on_a_commit_no_branch_heads() -> None:
    status = copy.deepcopy(fixture("status.json"))
    status["branches"] = []
    status["state"] = "failure"
    message = posted("status", status)
    assert message.topic == "baxterthehacker/public-repo"
    assert message.content.startswith("**default** failed for [9049f12](")
    run = with_action("check_run__completed.json", "completed")
    run["check_run"]["check_suite"]["head_branch"] = None
    run["check_run"]["output"] = {"title": None, "summary": None}
    assert posted("check_run", run).content == (
        "[randscape](http://github.com/github/hello-world/runs/4) succeeded for "
        "[d6fde92](http://github.com/github/hello-world/commit/d6fde92930d4715a2b49857d24b940956b26d2d3)."
    )


# Actions runs, check suites and jobs --------------------------------------------------

HELLO = {
    "name": "hello-world",
    "full_name": "octo-org/hello-world",
    "html_url": "https://github.com/octo-org/hello-world",
    "private": False,
}
OCTOCAT = {"login": "octocat", "html_url": "https://github.com/octocat"}
SHA = "9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b13"
COMMIT_URL = f"https://github.com/octo-org/hello-world/commit/{SHA}"


def workflow_run(action: str = "completed", **run: Any) -> dict[str, Any]:
    details: dict[str, Any] = {
        "id": 30433642,
        "name": "CI",
        "head_branch": "main",
        "head_sha": SHA,
        "path": ".github/workflows/ci.yml",
        "display_title": "Add a dark theme",
        "run_number": 42,
        "run_attempt": 1,
        "event": "push",
        "status": "completed",
        "conclusion": "failure",
        "html_url": "https://github.com/octo-org/hello-world/actions/runs/30433642",
        "pull_requests": [],
        "actor": OCTOCAT,
        "triggering_actor": OCTOCAT,
        "head_commit": {"id": SHA, "message": "Add a dark theme\n\nWith a toggle."},
    }
    details.update(run)
    return {"action": action, "workflow_run": details, "repository": HELLO, "sender": OCTOCAT}


def check_suite(action: str = "completed", **suite: Any) -> dict[str, Any]:
    details: dict[str, Any] = {
        "id": 118578147,
        "head_branch": "main",
        "head_sha": SHA,
        "status": "completed",
        "conclusion": "success",
        "app": {"slug": "travis-ci", "name": "Travis CI"},
        "pull_requests": [],
        "head_commit": {"id": SHA, "message": "Add a dark theme"},
    }
    details.update(suite)
    return {"action": action, "check_suite": details, "repository": HELLO, "sender": OCTOCAT}


def test_a_workflow_run_names_its_workflow_number_commit_and_who_ran_it() -> None:
    message = posted("workflow_run", workflow_run())
    assert message.topic == "octo-org/hello-world / main"
    assert message.content == (
        "[CI #42](https://github.com/octo-org/hello-world/actions/runs/30433642) failed on `main`"
        f" for [9f2c4e1]({COMMIT_URL}) (Add a dark theme). Triggered by **octocat**."
    )


@pytest.mark.parametrize(
    ("conclusion", "words"),
    [
        ("success", "succeeded"),
        ("cancelled", "was cancelled"),
        ("timed_out", "timed out"),
        ("skipped", "was skipped"),
        ("action_required", "needs action"),
        ("startup_failure", "failed with an error"),
        ("stale", "went stale"),
    ],
)
def test_workflow_run_conclusions(conclusion: str, words: str) -> None:
    content = posted("workflow_run", workflow_run(conclusion=conclusion)).content
    assert content.startswith(
        f"[CI #42](https://github.com/octo-org/hello-world/actions/runs/30433642) {words} on"
    )


def test_a_re_run_names_who_re_ran_it_and_odd_runs_still_read() -> None:
    rerun = workflow_run(triggering_actor={"login": "hubot"}, run_attempt=2)
    assert posted("workflow_run", rerun).content.endswith("Triggered by **hubot**.")
    bare = workflow_run(
        name=None,
        run_number=None,
        head_branch=None,
        conclusion=None,
        html_url=None,
        triggering_actor=None,
        actor=None,
        head_commit=None,
    )
    message = posted("workflow_run", bare)
    assert message.topic == "octo-org/hello-world"
    assert (
        message.content
        == f"**.github/workflows/ci.yml** finished (completed) for [9f2c4e1]({COMMIT_URL})."
    )


@pytest.mark.parametrize("action", ["requested", "in_progress"])
def test_a_workflow_run_on_its_way_posts_nothing(action: str) -> None:
    assert post("workflow_run", workflow_run(action, status=action, conclusion=None)) is None


@pytest.mark.parametrize("action", ["queued", "in_progress", "waiting", "completed"])
def test_workflow_jobs_post_nothing_whatever_their_action(action: str) -> None:
    job = {"action": action, "workflow_job": {"name": "test"}, "repository": HELLO}
    assert post("workflow_job", job) is None


def test_the_branch_filter_applies_to_runs_of_branches_not_of_pull_requests() -> None:
    assert post("workflow_run", workflow_run(head_branch="dev"), branches="main") is None
    assert post("workflow_run", workflow_run(head_branch="dev"), branches="d*") is not None
    for trigger in ("pull_request", "pull_request_target"):
        of_a_pr = workflow_run(head_branch="dark-theme", event=trigger)
        assert posted("workflow_run", of_a_pr, branches="main").topic == (
            "octo-org/hello-world / dark-theme"
        )


def test_a_check_suite_names_its_app_and_commit() -> None:
    message = posted("check_suite", check_suite())
    assert message.topic == "octo-org/hello-world / main"
    assert message.content == (
        f"**Travis CI** succeeded on `main` for [9f2c4e1]({COMMIT_URL}) (Add a dark theme)."
    )
    from_a_fork = check_suite(head_branch=None, app=None, head_commit=None, conclusion="failure")
    assert posted("check_suite", from_a_fork).content == (
        f"**Checks** failed for [9f2c4e1]({COMMIT_URL})."
    )


@pytest.mark.parametrize("action", ["requested", "rerequested"])
def test_a_check_suite_requested_posts_nothing(action: str) -> None:
    assert post("check_suite", check_suite(action, status="queued", conclusion=None)) is None


def test_checks_and_statuses_follow_the_branch_filter() -> None:
    assert post("check_suite", check_suite(head_branch="dev"), branches="main") is None
    run = with_action("check_run__completed.json", "completed")
    assert post("check_run", run, branches="main") is None  # its suite is on "master"
    assert post("check_run", run, branches="master") is not None
    assert post("status", fixture("status.json"), branches="main") is None
    assert post("status", fixture("status.json"), branches="ma*") is not None
    # Without a branch, nothing says the result is on one the filter leaves out.
    no_branch = copy.deepcopy(fixture("status.json"))
    no_branch["branches"] = []
    assert post("status", no_branch, branches="main") is not None


def test_a_pre_release_says_so_and_wiki_summaries_are_quoted_once() -> None:
    release = copy.deepcopy(fixture("release.json"))
    release["release"]["prerelease"] = True
    assert posted("release", release).content.endswith("\n\nThis is a pre-release.")
    wiki = copy.deepcopy(fixture("gollum__wiki_pages.json"))
    for page in wiki["pages"]:
        page["summary"] = "Explain the install"
    assert posted("gollum", wiki).content.endswith("\n\n> Explain the install")


def test_the_ping_names_events_with_a_handler_that_never_posts() -> None:
    ping = copy.deepcopy(fixture("ping.json"))
    ping["hook"]["events"] = ["push", "workflow_job", "create", "workflow_run", "label"]
    assert posted("ping", ping).content.endswith(
        "Not posted here: `workflow_job`, `create`, `label`."
    )


# The URL options, beyond the page -------------------------------------------------


def test_branches_filter_deletions_but_not_tags() -> None:
    assert post("push", fixture("push__delete_branch.json"), branches="main") is None
    assert post("push", fixture("push__tag.json"), branches="main") is not None


def test_ignore_private_repositories_drops_what_is_not_known_to_be_public() -> None:
    option = {"ignore_private_repositories": "true"}
    assert post("push", fixture("push__1_commit.json"), **option)
    assert post("repository", fixture("repository_private.json"), **option) is None
    # Events about an organization, a team or a sponsorship carry no
    # repository: they do not say, so they count as private.
    assert post("membership", fixture("membership.json"), **option) is None
    assert post("sponsorship", fixture("created.json"), **option) is None
    assert post("ping", fixture("ping__organization.json"), **option) is None
    # An internal repository is visible to the enterprise, not to everyone.
    internal = copy.deepcopy(fixture("push__1_commit.json"))
    internal["repository"].update(private=True, visibility="internal")
    assert post("push", internal, **option) is None
    public = copy.deepcopy(fixture("push__1_commit.json"))
    public["repository"].update(private=False, visibility="public")
    assert post("push", public, **option)
    unknown = copy.deepcopy(fixture("push__1_commit.json"))
    del unknown["repository"]["private"]
    assert post("push", unknown, **option) is None
    assert post("push", unknown)  # without the option, nothing is read


# Long and untrusted input ---------------------------------------------------------


def commit(n: int, message: str = "Change") -> dict[str, Any]:
    sha = f"{n:040x}"
    return {
        "id": sha,
        "message": f"{message} {n}",
        "url": f"https://github.com/o/r/commit/{sha}",
        "author": {"name": "Octo Cat", "username": "octocat"},
    }


def test_a_push_of_2048_commits_stays_within_zulip_limits() -> None:
    payload = copy.deepcopy(fixture("push__1_commit.json"))
    payload["commits"] = [commit(n) for n in range(2048)]
    message = posted("push", payload)
    assert "pushed [2048 commits](" in message.content
    assert message.content.endswith("[and 2038 more commits]")
    assert len(message.content) < MAX_CONTENT_LENGTH


def test_long_titles_branches_and_bodies_are_cut() -> None:
    payload = copy.deepcopy(fixture("pull_request__opened.json"))
    payload["pull_request"]["title"] = "t" * 500
    payload["pull_request"]["body"] = "word " * 20_000
    message = posted("pull_request", payload)
    assert len(message.topic) == MAX_TOPIC_LENGTH
    assert message.topic.endswith("...")
    assert len(message.content) < 2000
    push = copy.deepcopy(fixture("push__1_commit.json"))
    push["ref"] = "refs/heads/" + "b" * 300
    assert len(posted("push", push).topic) == MAX_TOPIC_LENGTH


@pytest.mark.parametrize(
    ("event", "name", "path"),
    [
        ("pull_request", "pull_request__opened.json", ("pull_request", "body")),
        ("pull_request", "pull_request__opened.json", ("pull_request", "head", "ref")),
        ("issues", "issues.json", ("issue", "body")),
        ("issue_comment", "issue_comment.json", ("comment", "body")),
        ("discussion", "discussion__created.json", ("discussion", "category", "name")),
        ("push", "push__1_commit.json", ("ref",)),
        ("push", "push__1_commit.json", ("sender", "login")),
        ("team", "team__edited_name.json", ("changes", "name", "from")),
        ("sponsorship", "created.json", ("sponsorship", "tier", "name")),
        ("ping", "ping.json", ("hook", "events", 0)),
        ("issues", "issues__labeled.json", ("label", "name")),
        ("status", "status__with_target_url.json", ("context",)),
    ],
)
def test_untrusted_text_anywhere_stays_text(event: str, name: str, path: tuple[Any, ...]) -> None:
    payload = copy.deepcopy(fixture(name))
    node = payload
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = ATTACK if path != ("ref",) else "refs/heads/" + ATTACK
    html = render(posted(event, payload).content)
    assert "all" in html  # the text is shown...
    assert "user-mention" not in html  # ...and mentions no one,
    assert not any(href.startswith("javascript") for href in re.findall(r'href="([^"]*)"', html))
    assert "<b>" not in html


# The page sends each fixture as GitHub would ------------------------------------


def delivered_events() -> dict[str, str]:
    """The ``X-GitHub-Event`` of each fixture, from the table in fixtures/NOTICE.md."""
    rows = re.findall(
        r"^\| `([^`]+\.json)` \| `([^`]+)` \|", (FIXTURES / "NOTICE.md").read_text(), re.M
    )
    return dict(rows)


def test_the_notice_names_the_event_of_every_fixture() -> None:
    names = {path.name for path in FIXTURES.glob("*.json")}
    assert set(delivered_events()) == names


def test_every_example_sends_its_fixture_with_the_event_github_delivers_it_with() -> None:
    events = delivered_events()
    wrong = [
        f"{example.id}: {example.body.name} is a {events[example.body.name]!r} delivery"
        for example in all_examples()
        if example.integration == "github"
        and hasattr(example.body, "name")
        and example.event is not None
        and events[example.body.name] != example.event
    ]
    assert not wrong
