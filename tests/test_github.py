"""Focused tests of the GitHub integration: what the page's examples do not show.

The actions GitHub documents (each declared, posted or deliberately
quiet), payloads beyond the fixtures (every action, old shapes without an
action, odd and missing fields), edits that change several things, very long
and untrusted input, the URL options at their edges, and the ping that
reads the declarations. What every fixture posts is the shared fixture
test's.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any
from urllib.parse import urlencode

import pytest

from integrations.core import Unauthorized, UnsupportedEvent
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.testing.webhooks import WebhookHarness
from integrations.zulip_markdown import render

GITHUB = WebhookHarness("github")
FIXTURES = GITHUB.fixtures
ROUTES = GITHUB.integration.routes
SECRET = "It's a Secret to Everybody"
ATTACK = "@**all** [x](javascript:alert(1)) <b>hi</b>"
IGNORE = {"ignore_private_repositories": "true"}


def fixture(name: str, **changes: Any) -> dict[str, Any]:
    """A fixture, with top-level fields replaced (``action="closed"``)."""
    payload: dict[str, Any] = GITHUB.fixture(name)
    payload.update(changes)
    return payload


def content(event: str, payload: dict[str, Any], **options: Any) -> str:
    return GITHUB.message(event, payload, **options).content


# The signature -----------------------------------------------------------------------


def github_signature(body: bytes, secret: str = SECRET) -> str:
    """Computed the way GitHub documents it, independently of the integration."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_the_sha256_header_is_checked_over_the_form_body_as_sent() -> None:
    body = urlencode({"payload": (FIXTURES / "ping.json").read_text()}).encode()
    form = "application/x-www-form-urlencoded"
    signed = {"X-Hub-Signature-256": github_signature(body)}
    message = GITHUB.message("ping", body, headers=signed, content_type=form, secret=SECRET)
    assert "set up this GitHub webhook" in message.content
    # The older SHA-1 header GitHub also sends is not accepted in its place.
    sha1 = {"X-Hub-Signature": "sha1=" + hmac.new(SECRET.encode(), body, "sha1").hexdigest()}
    request = GITHUB.request("ping", body, headers=sha1, content_type=form)
    with pytest.raises(Unauthorized):
        GITHUB.integration.process(request, secret=SECRET)


# Every action GitHub documents is declared ---------------------------------------------

# The actions of GitHub's webhook reference, for the events routed by action
# (for ``status`` and ``deployment_status``, their states; a deployment
# waiting for an approval is ``waiting``, which the reference omits).
DOCUMENTED = {
    "pull_request": "assigned auto_merge_disabled auto_merge_enabled closed converted_to_draft"
    " demilestoned dequeued edited enqueued labeled locked milestoned opened ready_for_review"
    " reopened review_request_removed review_requested synchronize unassigned unlabeled unlocked",
    "pull_request_review": "submitted edited dismissed",
    "pull_request_review_comment": "created edited deleted",
    "issues": "assigned closed deleted demilestoned edited labeled locked milestoned opened"
    " pinned reopened transferred unassigned unlabeled unlocked unpinned",
    "issue_comment": "created edited deleted",
    "discussion": "answered category_changed closed created deleted edited labeled locked pinned"
    " reopened transferred unanswered unlabeled unlocked unpinned",
    "discussion_comment": "created edited deleted",
    "commit_comment": "created",
    "release": "created deleted edited prereleased published released unpublished",
    "workflow_run": "completed in_progress requested",
    "check_suite": "completed requested rerequested",
    "check_run": "completed created requested_action rerequested",
    "status": "pending success failure error",
    "deployment": "created",
    "deployment_status": "pending queued in_progress waiting inactive success failure error",
    "star": "created deleted",
    "watch": "started",
    "repository": "created deleted archived unarchived publicized privatized",
    "member": "added removed",
    "membership": "added removed",
    "team": "edited",
    "sponsorship": "cancelled created edited pending_cancellation pending_tier_change tier_changed",
}


@pytest.mark.parametrize("event", sorted(DOCUMENTED))
def test_every_documented_action_is_posted_or_ignored_with_a_reason(event: str) -> None:
    assert ROUTES.by_action(event)
    missing = set(DOCUMENTED[event].split()) - set(ROUTES.actions_of(event))
    assert not missing, f"{event}: {sorted(missing)} would be refused as unsupported"


@pytest.mark.parametrize(
    ("event", "name", "action"),
    [
        ("pull_request", "pull_request__opened.json", "auto_assigned"),
        ("issues", "issues.json", "typed"),
        ("discussion", "discussion__created.json", "archived"),
        ("repository", "repository.json", "renamed"),
        ("team", "team__edited_name.json", "created"),
        ("sponsorship", "created.json", "renewed"),
    ],
)
def test_an_action_not_declared_is_refused_naming_both(event: str, name: str, action: str) -> None:
    with pytest.raises(UnsupportedEvent) as raised:
        GITHUB.post(event, fixture(name, action=action))
    assert raised.value.event == f"{event}.{action}"


def test_a_state_not_declared_is_refused_naming_it() -> None:
    with pytest.raises(UnsupportedEvent) as raised:
        GITHUB.post("status", fixture("status.json", state="cancelled"))
    assert raised.value.event == "status.cancelled"


# Deliveries that post nothing -----------------------------------------------------------

IGNORED = [
    *(
        ("pull_request", fixture("pull_request__opened.json", action=action))
        for action in ("labeled", "milestoned", "review_request_removed", "enqueued", "dequeued")
    ),
    *(
        ("release", fixture("release.json", action=action))
        for action in ("created", "edited", "released", "prereleased")
    ),
    ("check_run", fixture("check_run__completed.json", action="requested_action")),
    ("create", fixture("create.json", ref_type="branch", ref="feature")),
    ("delete", fixture("delete.json", ref_type="branch", ref="feature")),
    ("status", fixture("status.json", state="pending")),
    ("workflow_job", {"action": "completed", "workflow_job": {"name": "test"}}),
]


@pytest.mark.parametrize(
    ("event", "payload"), IGNORED, ids=lambda value: value if isinstance(value, str) else ""
)
def test_deliberately_quiet_deliveries_are_ignored_with_their_reason(
    event: str, payload: dict[str, Any]
) -> None:
    processed = GITHUB.process(event, payload)
    assert processed.message is None
    assert processed.skipped
    assert not processed.skipped.startswith("left out")


@pytest.mark.parametrize("state", ["pending", "queued", "in_progress", "waiting", "inactive"])
def test_deployment_statuses_without_a_result_are_ignored(state: str) -> None:
    payload = fixture("deployment_status.json")
    payload["deployment_status"]["state"] = state
    assert GITHUB.process("deployment_status", payload).skipped


NOTHING_CHANGED = [
    ("pull_request", fixture("pull_request__edited.json", changes={})),
    ("issues", fixture("issues.json", action="edited", changes={})),
    ("discussion", fixture("discussion__edited_title.json", changes={})),
    (
        "pull_request_review_comment",
        fixture(
            "pull_request_review_comment.json",
            action="edited",
            changes={"body": {"from": "Maybe you should use more emojji on this line."}},
        ),
    ),
    (
        "discussion_comment",
        fixture(
            "discussion_comment.json",
            action="edited",
            changes={"body": {"from": "some random comment"}},
        ),
    ),
]


@pytest.mark.parametrize(
    ("event", "payload"), NOTHING_CHANGED, ids=lambda value: value if isinstance(value, str) else ""
)
def test_an_edit_that_changed_nothing_visible_posts_nothing(
    event: str, payload: dict[str, Any]
) -> None:
    processed = GITHUB.process(event, payload)
    assert processed.action == "edited"
    assert processed.message is None


def test_a_check_run_created_before_it_completes_posts_nothing() -> None:
    payload = fixture("check_run__completed.json", action="completed")
    payload["check_run"]["status"] = "queued"
    assert GITHUB.post("check_run", payload) is None
    payload["check_run"]["status"] = "completed"
    assert GITHUB.post("check_run", payload) is not None


@pytest.mark.parametrize("status", ["building", "queued", None])
def test_a_pages_build_in_progress_posts_nothing(status: str | None) -> None:
    payload = fixture("page_build.json")
    payload["build"]["status"] = status
    assert GITHUB.post("page_build", payload) is None


# Old payloads ---------------------------------------------------------------------------


def test_old_commit_comments_and_deployments_without_an_action_were_creations() -> None:
    old_comment = fixture("commit_comment.json")
    old_comment.pop("action", None)
    assert GITHUB.process("commit_comment", old_comment).action == "created"
    assert content("commit_comment", old_comment) == content(
        "commit_comment", fixture("commit_comment.json", action="created")
    )
    old_deployment = fixture("deployment.json")
    assert "action" not in old_deployment
    assert content("deployment", old_deployment).startswith(
        "Deployment to **production** is pending"
    )
    with pytest.raises(UnsupportedEvent, match=r"deployment\.edited"):
        GITHUB.post("deployment", fixture("deployment.json", action="edited"))


# Payloads beyond the fixtures ------------------------------------------------------------


def test_a_failed_deployment_links_to_its_log() -> None:
    payload = fixture("deployment_status.json")
    payload["deployment_status"].update(
        {"state": "error", "log_url": "https://example.com/logs/12", "environment": "staging"}
    )
    assert content("deployment_status", payload).startswith(
        "Deployment to [staging](https://example.com/logs/12) failed"
    )


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
    message = GITHUB.message("release", fixture("release.json", action=action))
    assert message.topic == "baxterthehacker/public-repo / releases"
    assert message.content == expected


def test_release_notes_are_quoted_a_distinct_name_shows_the_tag_and_a_prerelease_says_so() -> None:
    payload = fixture("release.json")
    payload["release"].update(
        {"name": "Winter release", "body": "* Faster\n* Smaller", "prerelease": True}
    )
    posted = content("release", payload)
    assert "[Winter release](" in posted
    assert "(`0.0.1`)" in posted
    assert posted.endswith("This is a pre-release.\n\n> &#42; Faster\n> &#42; Smaller")


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
        ("unpinned", {}, f"**baxterthehacker** unpinned {ISSUE}."),
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
    payload = fixture("issues.json", action=action)
    payload["issue"].update(issue_changes)
    assert content("issues", payload) == expected


def test_an_issue_renamed_and_reworded_at_once_says_updated_and_lists_both() -> None:
    payload = fixture(
        "issues.json",
        action="edited",
        changes={"title": {"from": "Speling"}, "body": {"from": "old text"}},
    )
    assert content("issues", payload) == (
        f"**baxterthehacker** updated {ISSUE}.\n\n"
        "Renamed from **Speling**. Edited the description.\n\n"
        "> It looks like you accidentally spelled 'commit' with two 't's."
    )


PR = "[PR #1](https://github.com/baxterthehacker/public-repo/pull/1)"


def test_a_pull_request_retargeted_alone_and_with_its_description_removed() -> None:
    retargeted = fixture(
        "pull_request__edited.json", changes={"base": {"ref": {"from": "develop"}}}
    )
    assert content("pull_request", retargeted) == (
        f"**baxterthehacker** edited {PR}.\n\nThe target branch is now `master` (was `develop`)."
    )
    both = fixture(
        "pull_request__edited.json",
        changes={"base": {"ref": {"from": "develop"}}, "body": {"from": "Some text"}},
    )
    both["pull_request"]["body"] = ""
    assert content("pull_request", both) == (
        f"**baxterthehacker** updated {PR}.\n\n"
        "The description was removed. The target branch is now `master` (was `develop`)."
    )


def test_an_issue_or_discussion_has_no_target_branch_to_move() -> None:
    changes = {"base": {"ref": {"from": "develop"}}}
    assert GITHUB.post("issues", fixture("issues.json", action="edited", changes=changes)) is None
    discussion = fixture("discussion__edited_title.json", changes=changes)
    assert GITHUB.post("discussion", discussion) is None


def test_a_discussion_renamed_and_reworded_at_once() -> None:
    payload = fixture(
        "discussion__edited_title.json",
        changes={"title": {"from": "Tips"}, "body": {"from": "Old text"}},
    )
    payload["discussion"]["body"] = "New text"
    assert content("discussion", payload) == (
        "**Niloth-p** updated "
        "[discussion #3](https://github.com/Niloth-p/webhook-tester/discussions/3).\n\n"
        "Renamed from **Tips**. Edited the description.\n\n> New text"
    )


def test_a_pull_request_reopened_converted_and_opened_as_a_draft() -> None:
    reopened = fixture("pull_request__opened.json", action="reopened")
    assert content("pull_request", reopened) == f"**baxterthehacker** reopened {PR}."
    draft = fixture("pull_request__opened.json", action="converted_to_draft")
    assert content("pull_request", draft) == f"**baxterthehacker** converted {PR} to a draft."
    opened = fixture("pull_request__opened.json")
    opened["pull_request"]["draft"] = True
    assert content("pull_request", opened).startswith(
        f"**baxterthehacker** opened draft {PR} from `changes` into `master`."
    )


def test_a_pull_request_reopened_names_its_assignees() -> None:
    payload = fixture("pull_request__opened_with_preassigned_assignee.json", action="reopened")
    assert content("pull_request", payload).endswith("\n\nAssigned to **eeshangarg**.")


def test_a_pull_request_from_a_fork_names_the_fork_owner() -> None:
    payload = fixture("pull_request__opened.json")
    payload["pull_request"]["head"]["label"] = "mona:patch-1"
    payload["pull_request"]["head"]["ref"] = "patch-1"
    assert "from `mona:patch-1` into `master`." in content("pull_request", payload)


def test_someone_assigned_by_someone_else_is_named() -> None:
    payload = fixture(
        "pull_request__assigned.json",
        assignee={"login": "hubot", "html_url": "https://github.com/hubot"},
    )
    assert content("pull_request", payload) == f"**baxterthehacker** assigned **hubot** to {PR}."


@pytest.mark.parametrize(
    ("state", "verb"),
    [
        ("changes_requested", "requested changes on"),
        ("commented", "reviewed"),
        ("APPROVED", "approved"),
    ],
)
def test_review_verdicts(state: str, verb: str) -> None:
    payload = fixture("pull_request_review.json")
    payload["review"]["state"] = state
    assert f"**baxterthehacker** [{verb}](" in content("pull_request_review", payload)


def test_a_review_dismissed_does_not_quote_it_and_an_edited_one_does() -> None:
    dismissed = content(
        "pull_request_review", fixture("pull_request_review.json", action="dismissed")
    )
    assert dismissed.startswith("**baxterthehacker** [dismissed a review on](")
    assert "Looks great" not in dismissed
    edited = content(
        "pull_request_review",
        fixture("pull_request_review.json", action="edited", changes={"body": {"from": "LGTM"}}),
    )
    assert edited.startswith("**baxterthehacker** [edited a review](")
    assert edited.endswith("> Looks great!")


def test_a_review_comment_edited_and_deleted() -> None:
    edited = fixture(
        "pull_request_review_comment.json", action="edited", changes={"body": {"from": "x"}}
    )
    assert content("pull_request_review_comment", edited).startswith(
        "**baxterthehacker** [edited a comment]("
    )
    deleted = fixture("pull_request_review_comment.json", action="deleted")
    assert content("pull_request_review_comment", deleted) == (
        f"**baxterthehacker** deleted a comment on {PR}."
    )


def test_a_discussion_comment_deleted_keeps_its_text_out() -> None:
    payload = fixture("discussion_comment.json", action="deleted")
    assert content("discussion_comment", payload) == (
        "**sbansal1999** deleted a comment on "
        "[discussion #20](https://github.com/sbansal1999/testing-gh/discussions/20)."
    )


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("deleted", "deleted the repository **baxterandthehackers/public-repo**."),
        ("archived", "archived [baxterandthehackers/public-repo]("),
        ("unarchived", "unarchived [baxterandthehackers/public-repo]("),
        ("publicized", "made [baxterandthehackers/public-repo]("),
        ("privatized", "made [baxterandthehackers/public-repo]("),
    ],
)
def test_repository_actions(action: str, expected: str) -> None:
    message = GITHUB.message("repository", fixture("repository.json", action=action))
    assert message.topic == "baxterandthehackers/public-repo"
    assert message.content.startswith(f"**baxterthehacker** {expected}")
    if action in ("publicized", "privatized"):
        assert message.content.endswith(" public." if action == "publicized" else " private.")


def test_stars_removed_and_collaborators_removed() -> None:
    assert content("star", fixture("star.json", action="deleted")).startswith(
        "**Codertocat** unstarred ["
    )
    assert content("member", fixture("member.json", action="removed")).startswith(
        "**baxterthehacker** removed **octocat** as a collaborator on ["
    )


def test_a_team_edit_with_several_changes_and_one_with_none_shown() -> None:
    payload = fixture("team__edited_name.json")
    payload["changes"]["privacy"] = {"from": "secret"}
    assert content("team", payload) == (
        "**Hypro999** renamed the team **Testing** to **Testing Team**.\n\n"
        "**Hypro999** made the **Testing Team** team visible to every member of the organization."
    )
    payload["changes"] = {"repository": {"permissions": {"from": {"push": False}}}}
    assert content("team", payload) == "**Hypro999** edited the **Testing Team** team."


def test_a_public_sponsor_is_named_and_a_private_one_is_not() -> None:
    public = fixture("cancelled.json")
    public["sponsorship"]["privacy_level"] = "public"
    assert content("sponsorship", public).startswith("**monalisa** cancelled")
    assert "monalisa" not in content("sponsorship", fixture("cancelled.json"))
    made_public = fixture("edited.json")
    made_public["sponsorship"]["privacy_level"] = "public"
    assert content("sponsorship", made_public) == "**monalisa** made their sponsorship public."


def test_a_sponsorship_date_that_is_not_a_date_is_shown_as_sent() -> None:
    payload = fixture("pending_cancellation.json", effective_date="soon")
    assert content("sponsorship", payload).endswith(" sponsorship on soon.")


def test_check_runs_and_statuses_on_a_commit_no_branch_heads() -> None:
    status = fixture("status.json", state="failure", branches=[])
    message = GITHUB.message("status", status)
    assert message.topic == "baxterthehacker/public-repo"
    assert message.content.startswith("**default** failed for [9049f12](")
    run = fixture("check_run__completed.json", action="completed")
    run["check_run"]["check_suite"]["head_branch"] = None
    run["check_run"]["output"] = {"title": None, "summary": None}
    assert content("check_run", run) == (
        "[randscape](http://github.com/github/hello-world/runs/4) succeeded for "
        "[d6fde92](http://github.com/github/hello-world/commit/d6fde92930d4715a2b49857d24b940956b26d2d3)."
    )


def test_wiki_summaries_are_quoted_once() -> None:
    wiki = fixture("gollum__wiki_pages.json")
    for page in wiki["pages"]:
        page["summary"] = "Explain the install"
    posted = content("gollum", wiki)
    assert posted.endswith("\n\n> Explain the install")
    assert posted.count("Explain the install") == 1


# The ping reads the declarations ---------------------------------------------------------


def test_the_ping_names_what_is_not_posted_from_the_declarations() -> None:
    ping = fixture("ping.json")
    ping["hook"]["events"] = [
        "push",  # handled
        "workflow_job",  # ignored as a whole
        "create",
        "status",  # some states ignored, the others posted
        "deployment_status",
        "label",  # declared nowhere
        "repository_vulnerability_alert",
    ]
    assert content("ping", ping).endswith(
        "Not posted here: `workflow_job`, `create`, `label`, `repository_vulnerability_alert`."
    )
    every = fixture("ping.json")
    every["hook"]["events"] = ["*"]
    assert content("ping", every).endswith("It sends every event.")


# Actions runs and check suites ----------------------------------------------------------

HELLO = {
    "name": "hello-world",
    "full_name": "octo-org/hello-world",
    "html_url": "https://github.com/octo-org/hello-world",
    "private": False,
}
OCTOCAT = {"login": "octocat", "html_url": "https://github.com/octocat"}
SHA = "9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b13"
COMMIT_URL = f"https://github.com/octo-org/hello-world/commit/{SHA}"
RUN_URL = "https://github.com/octo-org/hello-world/actions/runs/30433642"


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
        "html_url": RUN_URL,
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
    posted = content("workflow_run", workflow_run(conclusion=conclusion))
    assert posted.startswith(f"[CI #42]({RUN_URL}) {words} on")


def test_a_re_run_names_who_re_ran_it_and_odd_runs_still_read() -> None:
    rerun = workflow_run(triggering_actor={"login": "hubot"}, run_attempt=2)
    assert content("workflow_run", rerun).endswith("Triggered by **hubot**.")
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
    message = GITHUB.message("workflow_run", bare)
    assert message.topic == "octo-org/hello-world"
    assert message.content == (
        f"**.github/workflows/ci.yml** finished (completed) for [9f2c4e1]({COMMIT_URL})."
    )


def test_a_check_suite_names_its_app_and_commit() -> None:
    message = GITHUB.message("check_suite", check_suite())
    assert message.topic == "octo-org/hello-world / main"
    assert message.content == (
        f"**Travis CI** succeeded on `main` for [9f2c4e1]({COMMIT_URL}) (Add a dark theme)."
    )
    from_a_fork = check_suite(head_branch=None, app=None, head_commit=None, conclusion="failure")
    assert content("check_suite", from_a_fork) == f"**Checks** failed for [9f2c4e1]({COMMIT_URL})."


# The URL options, beyond the page ---------------------------------------------------------


def test_the_branch_filter_applies_to_runs_of_branches_not_of_pull_requests() -> None:
    assert (
        GITHUB.post("workflow_run", workflow_run(head_branch="dev"), query={"branches": "main"})
        is None
    )
    assert GITHUB.post("workflow_run", workflow_run(head_branch="dev"), query={"branches": "d*"})
    for trigger in ("pull_request", "pull_request_target"):
        of_a_pr = workflow_run(head_branch="dark-theme", event=trigger)
        message = GITHUB.message("workflow_run", of_a_pr, query={"branches": "main"})
        assert message.topic == "octo-org/hello-world / dark-theme"


def test_checks_and_statuses_follow_the_branch_filter() -> None:
    main = {"branches": "main"}
    assert GITHUB.post("check_suite", check_suite(head_branch="dev"), query=main) is None
    run = fixture("check_run__completed.json", action="completed")
    assert GITHUB.post("check_run", run, query=main) is None  # its suite is on "master"
    assert GITHUB.post("check_run", run, query={"branches": "master"})
    assert GITHUB.post("status", fixture("status.json"), query=main) is None
    assert GITHUB.post("status", fixture("status.json"), query={"branches": "ma*"})
    # Without a branch, nothing says the result is on one the filter leaves out.
    assert GITHUB.post("status", fixture("status.json", branches=[]), query=main)


def test_branches_filter_deletions_but_not_tags() -> None:
    main = {"branches": "main"}
    assert GITHUB.post("push", fixture("push__delete_branch.json"), query=main) is None
    assert GITHUB.post("push", fixture("push__tag.json"), query=main)


def test_a_deleted_tag_is_said_without_a_link() -> None:
    payload = fixture("push__tag.json", deleted=True)
    message = GITHUB.message("push", payload)
    assert message.topic == "baxterthehacker/public-repo / releases"
    assert message.content == "**baxterthehacker** deleted tag `abc`."


def test_ignore_private_repositories_drops_what_is_not_known_to_be_public() -> None:
    assert GITHUB.post("push", fixture("push__1_commit.json"), query=IGNORE)
    assert GITHUB.post("repository", fixture("repository_private.json"), query=IGNORE) is None
    # Events about an organization, a team or a sponsorship carry no
    # repository: they do not say, so they count as private.
    assert GITHUB.post("membership", fixture("membership.json"), query=IGNORE) is None
    assert GITHUB.post("sponsorship", fixture("created.json"), query=IGNORE) is None
    assert GITHUB.post("ping", fixture("ping__organization.json"), query=IGNORE) is None
    # An internal repository is visible to the enterprise, not to everyone.
    internal = fixture("push__1_commit.json")
    internal["repository"].update(private=True, visibility="internal")
    assert GITHUB.post("push", internal, query=IGNORE) is None
    public = fixture("push__1_commit.json")
    public["repository"].update(private=False, visibility="public")
    assert GITHUB.post("push", public, query=IGNORE)
    unknown = fixture("push__1_commit.json")
    del unknown["repository"]["private"]
    assert GITHUB.post("push", unknown, query=IGNORE) is None
    assert GITHUB.post("push", unknown)  # without the option, nothing is read


# Long and untrusted input -------------------------------------------------------------


def commit(n: int, message: str = "Change") -> dict[str, Any]:
    sha = f"{n:040x}"
    return {
        "id": sha,
        "message": f"{message} {n}",
        "url": f"https://github.com/o/r/commit/{sha}",
        "author": {"name": "Octo Cat", "username": "octocat"},
    }


def test_a_push_of_2048_commits_stays_within_zulip_limits() -> None:
    payload = fixture("push__1_commit.json", commits=[commit(n) for n in range(2048)])
    posted = content("push", payload)
    assert "pushed [2048 commits](" in posted
    assert posted.endswith("[and 2038 more commits]")
    assert len(posted) < MAX_CONTENT_LENGTH


def test_long_titles_branches_and_bodies_are_cut() -> None:
    payload = fixture("pull_request__opened.json")
    payload["pull_request"]["title"] = "t" * 500
    payload["pull_request"]["body"] = "word " * 20_000
    message = GITHUB.message("pull_request", payload)
    assert len(message.topic) == MAX_TOPIC_LENGTH
    assert message.topic.endswith("...")
    assert len(message.content) < 2000
    push = fixture("push__1_commit.json", ref="refs/heads/" + "b" * 300)
    assert len(GITHUB.message("push", push).topic) == MAX_TOPIC_LENGTH


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
    payload = fixture(name)
    node = payload
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = ATTACK if path != ("ref",) else "refs/heads/" + ATTACK
    html = render(content(event, payload))
    assert "all" in html  # the text is shown...
    assert "user-mention" not in html  # ...and mentions no one,
    assert not any(href.startswith("javascript") for href in re.findall(r'href="([^"]*)"', html))
    assert "<b>" not in html


# Fixtures -------------------------------------------------------------------------------


def test_every_fixture_is_the_event_its_notice_says_github_delivers_it_as() -> None:
    """The declared fixture names agree with fixtures/NOTICE.md, where each payload came from."""
    notice = (FIXTURES / "NOTICE.md").read_text()
    delivered = dict(re.findall(r"^\| `([^`]+\.json)` \| `([^`]+)` \|", notice, re.M))
    assert set(delivered) == {path.name for path in FIXTURES.glob("*.json")}
    wrong = {
        name: (GITHUB.integration.event_for_fixture(name), event)
        for name, event in delivered.items()
        if GITHUB.integration.event_for_fixture(name) != event
    }
    assert not wrong


def test_sponsorship_fixtures_are_named_after_their_action() -> None:
    for action in ("cancelled", "created", "edited", "tier_changed", "pending_cancellation"):
        processed = GITHUB.integration.process(GITHUB.fixture_request(f"{action}.json"))
        assert (processed.event, processed.action) == ("sponsorship", action)
