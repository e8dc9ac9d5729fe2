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

from integrations.core import (
    BadPayload,
    Delivery,
    Payload,
    Unauthorized,
    UnsupportedEvent,
    default_registry,
)
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.testing.webhooks import WebhookHarness
from integrations.webhooks.github.filters import zulip_names
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
    " reopened review_request_removed review_requested stacked synchronize unassigned unlabeled"
    " unlocked",
    "pull_request_review": "submitted edited dismissed",
    "pull_request_review_comment": "created edited deleted",
    "issues": "assigned closed deleted demilestoned edited labeled locked milestoned opened"
    " pinned reopened transferred typed unassigned unlabeled unlocked unpinned untyped",
    "issue_comment": "created edited deleted pinned unpinned",
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
    "deployment_review": "approved rejected requested",
    "star": "created deleted",
    "watch": "started",
    "repository": "archived created deleted edited privatized publicized renamed transferred"
    " unarchived",
    "member": "added edited removed",
    "membership": "added removed",
    "organization": "deleted member_added member_invited member_removed renamed",
    "team": "added_to_repository created deleted edited removed_from_repository",
    "sponsorship": "cancelled created edited pending_cancellation pending_tier_change tier_changed",
    "milestone": "closed created deleted edited opened",
    "projects_v2": "closed created deleted edited reopened",
    "sub_issues": "parent_issue_added parent_issue_removed sub_issue_added sub_issue_removed",
    "issue_dependencies": "blocked_by_added blocked_by_removed blocking_added blocking_removed",
    "package": "published updated",
    "dependabot_alert": "assignees_changed auto_dismissed auto_reopened created dismissed fixed"
    " reintroduced reopened",
    "code_scanning_alert": "appeared_in_branch closed_by_user created fixed reopened"
    " reopened_by_user updated_assignment",
    "secret_scanning_alert": "assigned created publicly_leaked reopened resolved unassigned"
    " validated",
    "repository_advisory": "published reported",
    "security_advisory": "published updated withdrawn",
    "branch_protection_rule": "created deleted edited",
    "branch_protection_configuration": "disabled enabled",
    "repository_ruleset": "created deleted edited",
    "deploy_key": "created deleted",
    "meta": "deleted",
}

# The events of GitHub's reference declared as a whole: posted whatever the
# action, or left out with their reason.
WHOLE = [
    "push",
    "create",
    "delete",
    "fork",
    "gollum",
    "public",
    "page_build",
    "ping",
    "team_add",
    "repository_import",
    "security_and_analysis",
    "workflow_job",
    "workflow_dispatch",
    "repository_dispatch",
    "merge_group",
    "registry_package",
    "label",
    "project",
    "project_card",
    "project_column",
    "projects_v2_item",
    "projects_v2_status_update",
    "pull_request_review_thread",
    "secret_scanning_alert_location",
    "secret_scanning_scan",
    "repository_vulnerability_alert",
    "custom_property",
    "custom_property_values",
    "org_block",
    "deployment_protection_rule",
    "installation",
    "installation_repositories",
    "installation_target",
    "github_app_authorization",
    "personal_access_token_request",
    "marketplace_purchase",
    "user",
    "enterprise",
    "cache_sync",
    "content_reference",
    "exemption_request_push_ruleset",
    "exemption_request_secret_scanning",
    "dismissal_request_secret_scanning",
    "dismissal_request_code_scanning",
    "dismissal_request_dependabot",
]


@pytest.mark.parametrize("event", sorted(DOCUMENTED))
def test_every_documented_action_is_posted_or_ignored_with_a_reason(event: str) -> None:
    assert ROUTES.by_action(event)
    missing = set(DOCUMENTED[event].split()) - set(ROUTES.actions_of(event))
    assert not missing, f"{event}: {sorted(missing)} would be refused as unsupported"


@pytest.mark.parametrize("event", WHOLE)
def test_every_other_event_of_the_reference_is_declared_as_a_whole(event: str) -> None:
    assert ROUTES.knows(event)
    assert not ROUTES.by_action(event)


def test_nothing_is_declared_beyond_the_reference() -> None:
    assert set(ROUTES.events) == set(DOCUMENTED) | set(WHOLE)


@pytest.mark.parametrize(
    ("event", "name", "action"),
    [
        ("pull_request", "pull_request__opened.json", "auto_assigned"),
        ("issues", "issues.json", "archived"),
        ("discussion", "discussion__created.json", "archived"),
        ("repository", "repository.json", "converted"),
        ("team", "team__edited_name.json", "archived"),
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
    ("pull_request", fixture("pull_request__stacked.json")),
    ("check_run", fixture("check_run__completed.json", action="requested_action")),
    ("create", fixture("create.json", ref_type="branch", ref="feature")),
    ("delete", fixture("delete.json", ref_type="branch", ref="feature")),
    ("status", fixture("status.json", state="pending")),
    ("workflow_job", {"action": "completed", "workflow_job": {"name": "test"}}),
    # GitHub Enterprise Server's own: a cache replica's sync, and a GitHub App's content links.
    ("cache_sync", fixture("cache_sync.json")),
    ("content_reference", fixture("content_reference.json")),
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
    assert message.topic == "public-repo / releases"
    assert message.content == expected


def test_release_notes_are_quoted_a_distinct_name_shows_the_tag_and_a_prerelease_says_so() -> None:
    payload = fixture("release.json")
    payload["release"].update(
        {"name": "Winter release", "body": "* Faster\n* Smaller", "prerelease": True}
    )
    posted = content("release", payload)
    assert "[Winter release](" in posted
    assert "(`0.0.1`)" in posted
    assert posted.endswith("This is a pre-release.\n\n~~~ quote\n* Faster\n* Smaller\n~~~")


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
        # Its page is gone: not linked.
        ("deleted", {}, "**baxterthehacker** deleted issue #2."),
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
        "~~~ quote\nIt looks like you accidentally spelled 'commit' with two 't's.\n~~~"
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
        "Renamed from **Tips**. Edited the description.\n\n~~~ quote\nNew text\n~~~"
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


def test_a_review_dismissed_names_whose_it_was_and_does_not_quote_it() -> None:
    own = content("pull_request_review", fixture("pull_request_review.json", action="dismissed"))
    assert own == (
        "**baxterthehacker** dismissed their own "
        "[review](https://github.com/baxterthehacker/public-repo/pull/1#pullrequestreview-2626884)"
        f" of {PR}."
    )
    by_a_maintainer = fixture("pull_request_review.json", action="dismissed", sender=OCTOCAT)
    dismissed = content("pull_request_review", by_a_maintainer)
    assert dismissed.startswith("**octocat** dismissed **baxterthehacker**'s [review](")
    assert "Looks great" not in dismissed
    # A review by an account since deleted: GitHub sends its user as null.
    ghost = fixture("pull_request_review.json", action="dismissed", sender=OCTOCAT)
    ghost["review"]["user"] = None
    assert "dismissed **ghost**'s [review](" in content("pull_request_review", ghost)


def test_a_review_edited_is_quoted() -> None:
    edited = content(
        "pull_request_review",
        fixture("pull_request_review.json", action="edited", changes={"body": {"from": "LGTM"}}),
    )
    assert edited.startswith("**baxterthehacker** [edited a review](")
    assert edited.endswith("~~~ quote\nLooks great!\n~~~")


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
    assert message.topic == "public-repo"
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
    assert message.topic == "public-repo"
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
    assert posted.endswith("\n\n~~~ quote\nExplain the install\n~~~")
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
    assert message.topic == "hello-world"
    assert message.content == (
        f"**.github/workflows/ci.yml** finished (completed) for [9f2c4e1]({COMMIT_URL})."
    )


def test_a_check_suite_names_its_app_and_commit() -> None:
    message = GITHUB.message("check_suite", check_suite())
    assert message.topic == "hello-world / main"
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
        assert message.topic == "hello-world / dark-theme"


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
    assert message.topic == "public-repo / releases"
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
    assert len(message.content) < 7000  # the body is cut to 6,000 characters
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
        (
            "dependabot_alert",
            "dependabot_alert__created.json",
            ("alert", "security_advisory", "summary"),
        ),
        (
            "dependabot_alert",
            "dependabot_alert__created.json",
            ("alert", "dependency", "manifest_path"),
        ),
        (
            "code_scanning_alert",
            "code_scanning_alert__created.json",
            ("alert", "rule", "description"),
        ),
        (
            "security_advisory",
            "security_advisory__published.json",
            ("security_advisory", "description"),
        ),
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


# Zulip's names for the event filters --------------------------------------------------------

# The names Zulip's GitHub integration filters on (its ALL_EVENT_TYPES), each
# with deliveries it gives that name to: (event, action, payload fields).
ZULIP_NAMES: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "opened_pull_request": [("pull_request", "opened", {}), ("pull_request", "reopened", {})],
    "updated_pull_request": [("pull_request", "synchronize", {}), ("pull_request", "edited", {})],
    "assigned_or_unassigned_pull_request": [
        ("pull_request", "assigned", {}),
        ("pull_request", "unassigned", {}),
    ],
    "closed_pull_request": [("pull_request", "closed", {})],
    "pull_request_review_requested": [("pull_request", "review_requested", {})],
    "pull_request_ready_for_review": [("pull_request", "ready_for_review", {})],
    "locked_or_unlocked_pull_request": [
        ("pull_request", "locked", {}),
        ("pull_request", "unlocked", {}),
    ],
    "pull_request_auto_merge": [
        ("pull_request", "auto_merge_enabled", {}),
        ("pull_request", "auto_merge_disabled", {}),
    ],
    "pull_request_review": [("pull_request_review", "submitted", {})],
    "pull_request_review_comment": [("pull_request_review_comment", "created", {})],
    "push_commits": [("push", "", {"ref": "refs/heads/main"})],
    "push_tags": [("push", "", {"ref": "refs/tags/v1.0"})],
    "check_run": [("check_run", "completed", {})],
    "team": [("team", "edited", {})],
    "issue_labeled_or_unlabeled": [("issues", "labeled", {}), ("issues", "unlabeled", {})],
    "issue_milestoned_or_demilestoned": [
        ("issues", "milestoned", {}),
        ("issues", "demilestoned", {}),
    ],
    "issues_transferred": [("issues", "transferred", {})],
    "issues_opened_via_transfer": [("issues", "opened", {"changes": {"old_issue": {"number": 4}}})],
    "issues": [("issues", "opened", {}), ("issues", "closed", {}), ("issues", "assigned", {})],
    **{
        name: [(name, action, {})]
        for name, action in (
            ("commit_comment", "created"),
            ("create", ""),
            ("delete", ""),
            ("deployment", "created"),
            ("deployment_status", "success"),
            ("discussion", "created"),
            ("discussion_comment", "created"),
            ("fork", ""),
            ("gollum", ""),
            ("issue_comment", "created"),
            ("member", "added"),
            ("membership", "added"),
            ("page_build", ""),
            ("ping", ""),
            ("public", ""),
            ("release", "published"),
            ("repository", "created"),
            ("star", "created"),
            ("status", "success"),
            ("team_add", ""),
            ("watch", "started"),
        )
    },
    **{
        action: [("sponsorship", action, {})]
        for action in (
            "cancelled",
            "created",
            "edited",
            "pending_cancellation",
            "pending_tier_change",
            "tier_changed",
        )
    },
}

ZULIP_ALL_EVENT_TYPES = [
    "commit_comment",
    "closed_pull_request",
    "create",
    "check_run",
    "delete",
    "deployment",
    "deployment_status",
    "discussion",
    "discussion_comment",
    "fork",
    "gollum",
    "issue_comment",
    "issue_labeled_or_unlabeled",
    "issue_milestoned_or_demilestoned",
    "issues_opened_via_transfer",
    "issues_transferred",
    "issues",
    "member",
    "membership",
    "opened_pull_request",
    "updated_pull_request",
    "assigned_or_unassigned_pull_request",
    "page_build",
    "ping",
    "public",
    "pull_request_ready_for_review",
    "pull_request_review",
    "pull_request_review_comment",
    "pull_request_review_requested",
    "pull_request_auto_merge",
    "locked_or_unlocked_pull_request",
    "push_commits",
    "push_tags",
    "release",
    "repository",
    "star",
    "status",
    "team",
    "team_add",
    "watch",
    "cancelled",
    "created",
    "edited",
    "pending_cancellation",
    "pending_tier_change",
    "tier_changed",
]


def test_every_zulip_event_name_is_given_to_some_delivery() -> None:
    assert set(ZULIP_NAMES) == set(ZULIP_ALL_EVENT_TYPES)


@pytest.mark.parametrize(
    ("name", "event", "action", "fields"),
    [(name, *case) for name, cases in ZULIP_NAMES.items() for case in cases],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_delivery_has_zulip_s_name_for_it(
    name: str, event: str, action: str, fields: dict[str, Any]
) -> None:
    assert list(zulip_names(Payload(fields), Delivery(event, action))) == [name]


@pytest.mark.parametrize(
    ("event", "action"),
    [
        ("pull_request", "labeled"),
        ("pull_request", "converted_to_draft"),
        ("dependabot_alert", "created"),
        ("milestone", "closed"),
    ],
)
def test_deliveries_zulip_never_posts_have_no_zulip_name(event: str, action: str) -> None:
    assert list(zulip_names(Payload({}), Delivery(event, action))) == []


def test_a_zulip_url_s_json_list_of_names_filters_the_same_deliveries() -> None:
    commits, tag = fixture("push__1_commit.json"), fixture("push__tag.json")
    only_tags = {"only_events": '["push_tags"]'}
    assert GITHUB.post("push", commits, query=only_tags) is None
    assert GITHUB.post("push", tag, query=only_tags)
    # Zulip's names and GitHub's mix in one list, with wildcards.
    mixed = {"exclude_events": '["push_commits", "pull_request.*"]'}
    assert GITHUB.post("push", commits, query=mixed) is None
    assert GITHUB.post("push", tag, query=mixed)
    opened = fixture("pull_request__opened.json")
    assert GITHUB.post("pull_request", opened, query=mixed) is None
    sponsorship = {"only_events": '["created"]'}
    assert GITHUB.post("sponsorship", fixture("created.json"), query=sponsorship)
    assert GITHUB.post("sponsorship", fixture("cancelled.json"), query=sponsorship) is None


def test_githubsponsors_is_another_name_of_this_integration() -> None:
    assert default_registry().get("githubsponsors") is GITHUB.integration


# The repository's names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("push__local_branch_without_commits.json", "created branch [feature]("),
        ("push__force_1_commit.json", "force-pushed [temp]("),
        ("push__delete_branch.json", "deleted branch `feature` of ["),
        ("push__1_commit.json", "to [changes]("),
    ],
)
def test_include_repository_name_names_it_after_the_branch(name: str, expected: str) -> None:
    payload = fixture(name)
    named = content("push", payload, query={"include_repository_name": "true"})
    full = payload["repository"]["full_name"]
    assert expected in named
    assert f" of [{full}](" in named.split("\n")[0]
    assert f"of [{full}]" not in content("push", payload)


def test_include_repository_name_leaves_tags_as_they_are() -> None:
    tag = fixture("push__tag.json")
    query = {"include_repository_name": "true"}
    assert content("push", tag, query=query) == content("push", tag)


def test_full_repository_name_changes_topics_only() -> None:
    full = {"full_repository_name": "true"}
    pr = fixture("pull_request__opened.json")
    message = GITHUB.message("pull_request", pr, query=full)
    assert message.topic.startswith("baxterthehacker/public-repo / PR #1 ")
    assert message.content == content("pull_request", pr)
    assert (
        GITHUB.message("star", fixture("star.json"), query=full).topic == "Codertocat/Hello-World"
    )
    # Topics that name no repository stay as they are.
    assert GITHUB.message("membership", fixture("membership.json"), query=full).topic == (
        "baxterandthehackers organization"
    )


def test_a_repository_known_only_by_its_full_name_is_named_by_its_last_part() -> None:
    payload = fixture("push__1_commit.json")
    payload["repository"] = {"full_name": "octo-org/hello-world"}
    assert GITHUB.message("push", payload).topic == "hello-world / changes"


# Optional fields, older and other shapes ------------------------------------------------------


def test_a_push_relayed_without_its_flags_reads_them_from_the_commit_ids() -> None:
    created = fixture("push__local_branch_without_commits.json")
    deleted = fixture("push__delete_branch.json")
    for payload in (created, deleted):
        for flag in ("created", "deleted", "forced"):
            payload.pop(flag, None)
    assert "created branch" in content("push", created)
    assert "deleted branch" in content("push", deleted)


@pytest.mark.parametrize(
    ("branches", "topic", "said"),
    [
        (["main"], "hello-world / main", None),
        (["feature", "main"], "hello-world", "The commit is on `feature` and `main`."),
        ([f"b{n}" for n in range(7)], "hello-world", "The commit is on 7 branches."),
        ([], "hello-world", None),
    ],
)
def test_a_status_names_one_branch_only_when_its_commit_is_on_one(
    branches: list[str], topic: str, said: str | None
) -> None:
    payload = {
        "state": "success",
        "sha": SHA,
        "context": "ci/test",
        "commit": {"commit": {"message": "Add a dark theme"}},
        "branches": [{"name": name, "commit": {"sha": SHA}} for name in branches],
        "repository": HELLO,
        "sender": OCTOCAT,
    }
    message = GITHUB.message("status", payload)
    assert message.topic == topic
    assert message.content.endswith(said) if said else "The commit is on" not in message.content
    # The branch filter lets a status through when one of its branches is wanted.
    wanted = GITHUB.post("status", payload, query={"branches": "main,b3"})
    assert (wanted is None) == (bool(branches) and not {"main", "b3"} & set(branches))


def test_a_failed_deployment_says_why_and_a_success_does_not_repeat_it() -> None:
    payload = fixture("deployment_status.json")
    payload["deployment_status"]["description"] = "Deployment finished successfully."
    assert "finished successfully" not in content("deployment_status", payload)
    payload["deployment_status"].update(state="failure", description="The disk is full.")
    assert content("deployment_status", payload).endswith("\n\nThe disk is full.")


def test_an_old_secret_scanning_alert_without_its_page_links_to_the_repository_s() -> None:
    # The shape of Octokit's example of a reopened alert: no page, no display name.
    payload = {
        "action": "reopened",
        "alert": {"number": 191, "secret_type": "adafruit_io_key", "resolution": None},
        "repository": HELLO,
        "sender": OCTOCAT,
    }
    assert content("secret_scanning_alert", payload) == (
        "**octocat** reopened [secret scanning alert #191]"
        "(https://github.com/octo-org/hello-world/security/secret-scanning/191): "
        "**adafruit_io_key**"
    )


def test_a_critical_code_scanning_alert_stands_out_and_a_bare_one_still_reads() -> None:
    payload = fixture("code_scanning_alert__created.json")
    payload["alert"]["rule"]["security_severity_level"] = "critical"
    assert content("code_scanning_alert", payload).startswith(
        ":rotating_light: New **critical** severity [code scanning alert #10]("
    )
    bare = {"action": "fixed", "alert": {"number": 3}, "repository": HELLO, "sender": OCTOCAT}
    assert content("code_scanning_alert", bare) == "Code scanning alert #3 was fixed."


def test_a_dependabot_alert_without_its_page_or_a_fix_still_tells_what_to_do() -> None:
    payload = fixture("dependabot_alert__created.json")
    del payload["alert"]["html_url"]
    payload["alert"]["security_vulnerability"]["first_patched_version"] = None
    posted = content("dependabot_alert", payload)
    assert "(https://github.com/wolfy1339/pika-pack/security/dependabot/20)" in posted
    assert "* Affects `semver` (npm) `< 7.5.2`, not fixed in any version yet" in posted


def test_a_high_alert_stands_out_and_a_dismissed_one_does_not() -> None:
    payload = fixture("dependabot_alert__created.json")
    payload["alert"]["security_vulnerability"]["severity"] = "high"
    assert content("dependabot_alert", payload).startswith(":warning: New **high** severity ")
    payload.update(action="dismissed", sender=OCTOCAT)
    payload["alert"].update(dismissed_reason="tolerable_risk", dismissed_by=OCTOCAT)
    assert content("dependabot_alert", payload).startswith(
        "**octocat** dismissed **high** severity [Dependabot alert #20]("
    )


def test_a_secret_whose_validity_github_could_not_check_posts_nothing() -> None:
    payload = {
        "action": "validated",
        "alert": {"number": 7, "secret_type": "slack_api_token", "validity": "unknown"},
        "repository": HELLO,
        "sender": OCTOCAT,
    }
    assert GITHUB.post("secret_scanning_alert", payload) is None


def test_an_advisory_without_its_page_links_to_github_s_database() -> None:
    payload = fixture("security_advisory__published.json")
    message = GITHUB.message("security_advisory", payload)
    assert message.topic == "security advisories"
    assert "(https://github.com/advisories/GHSA-rf4j-j272-fj86)" in message.content


def test_a_package_of_an_account_goes_to_its_owner_s_releases() -> None:
    payload = {
        "action": "published",
        "package": {
            "name": "hello-world",
            "package_type": "CONTAINER",
            "owner": {"login": "octo-org"},
            "package_version": {"version": "sha256:3da1996a8115d7616457760d9920b815241d0a03b34cf5"},
        },
        "sender": OCTOCAT,
    }
    message = GITHUB.message("package", payload)
    assert message.topic == "octo-org / releases"
    assert message.content == (
        "**octocat** published **hello-world** version `sha256:3da1996a8115` (container)."
    )


def test_a_deployment_approved_without_an_approver_names_the_sender() -> None:
    payload = {
        "action": "approved",
        "workflow_run": {"name": "Deploy"},
        "workflow_job_runs": [{"environment": "staging"}, {"environment": "production"}],
        "repository": HELLO,
        "sender": OCTOCAT,
    }
    message = GITHUB.message("deployment_review", payload)
    assert message.topic == "hello-world / Deployment on staging"
    assert message.content == (
        "**octocat** approved the deployment of **Deploy** to **staging** and **production**."
    )


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("milestone", {"action": "edited", "changes": {"state": {"from": "open"}}}),
        ("repository", {"action": "edited", "changes": {"has_wiki": {"from": True}}}),
    ],
)
def test_an_edit_of_a_setting_nobody_reads_posts_nothing(
    event: str, payload: dict[str, Any]
) -> None:
    payload.update(milestone={"title": "v1"}, repository=HELLO, sender=OCTOCAT)
    assert GITHUB.post(event, payload) is None


@pytest.mark.parametrize(
    ("status", "ended"),
    [("success", "finished"), ("failure", "failed"), ("cancelled", "was cancelled")],
)
def test_an_import_says_how_it_ended(status: str, ended: str) -> None:
    payload = {"status": status, "repository": HELLO, "sender": OCTOCAT}
    assert content("repository_import", payload) == (
        "**octocat**'s import into "
        f"[octo-org/hello-world](https://github.com/octo-org/hello-world) {ended}."
    )


def test_an_organization_member_invited_by_e_mail_is_not_named() -> None:
    payload = {
        "action": "member_invited",
        "invitation": {"login": None, "email": "new@example.com", "role": "direct_member"},
        "organization": {"login": "octo-org"},
        "sender": OCTOCAT,
    }
    posted = content("organization", payload)
    assert posted == (
        "**octocat** invited someone, by e-mail, to join the **octo-org** organization as a member."
    )


def test_the_ping_of_a_github_app_s_webhook_names_no_repository() -> None:
    # A GitHub App's webhook: neither a repository nor an organization.
    payload = {
        "zen": "Speak like a human.",
        "hook_id": 12,
        "hook": {"type": "App", "app_id": 3, "events": ["pull_request"]},
        "sender": OCTOCAT,
    }
    message = GITHUB.message("ping", payload)
    assert message.topic == "GitHub"
    assert message.content == (
        "**octocat** set up this GitHub webhook.\n\nIt sends: `pull_request`."
    )


def test_the_ping_of_an_enterprise_s_webhook_names_the_enterprise() -> None:
    # An enterprise's webhook (hook type ``Business``) names no repository and no organization.
    payload = {
        "zen": "Approachable is better than simple.",
        "hook_id": 7,
        "hook": {"type": "Business", "events": ["repository"]},
        "enterprise": {"slug": "octo-corp", "name": "Octo Corp"},
        "sender": OCTOCAT,
    }
    message = GITHUB.message("ping", payload)
    assert message.topic == "octo-corp"
    assert message.content == (
        "**octocat** set up this GitHub webhook for the **octo-corp** enterprise."
        "\n\nIt sends: `repository`."
    )
    # Without a sender, nobody is credited (least of all GitHub's ``ghost``).
    del payload["sender"]
    assert GITHUB.message("ping", payload).content.startswith(
        "This GitHub webhook for the **octo-corp** enterprise is set up."
    )


def test_a_push_in_github_s_oldest_shape_links_its_branch_and_names_its_repository() -> None:
    # No ``full_name`` and no ``html_url``: the owner's ``name`` and the ``url`` (the web page
    # in these payloads) stand in for them.
    payload = fixture("push__oldest_shape.json")
    message = GITHUB.message("push", payload, query={"full_repository_name": "true"})
    assert message.topic == "kohsuke/foo / master"
    assert message.content.startswith(
        "**kohsuke** pushed [2 commits](https://github.com/kohsuke/foo/compare/501f46e...ea50ac0)"
        " to [master](https://github.com/kohsuke/foo/tree/master).\n\n"
    )
    # Elsewhere ``url`` is the API's address, never taken for the page.
    payload["repository"]["url"] = "https://api.github.com/repos/kohsuke/foo"
    assert " to `master`.\n\n" in GITHUB.message("push", payload).content


def test_a_pull_request_whose_branches_have_only_labels_names_them_from_the_labels() -> None:
    # The shape of the sample payloads GitHub's former github-services kept: ``head`` and
    # ``base`` name only ``label`` (``owner:branch``), no ``ref``.
    payload: dict[str, Any] = {
        "action": "opened",
        "pull_request": {
            "number": 5,
            "title": "booya",
            "body": "boom town",
            "head": {"label": "foo:feature"},
            "base": {"label": "mojombo:master"},
        },
        "repository": {"name": "grit", "owner": {"login": "mojombo"}},
        "sender": {"login": "defunkt"},
    }
    message = GITHUB.message("pull_request", payload)
    assert message.content.startswith("**defunkt** opened PR #5 from `foo:feature` into `master`.")
    # A branch named neither way is still an error naming the field.
    del payload["pull_request"]["head"]["label"]
    with pytest.raises(BadPayload, match=r"pull_request\.head\.ref"):
        GITHUB.message("pull_request", payload)


def test_an_enterprise_server_milestone_is_read_from_the_issue_or_left_unnamed() -> None:
    # GitHub Enterprise Server's payloads have no top-level ``milestone``.
    added = GITHUB.message("issues", fixture("issues__milestoned_enterprise_server.json"))
    assert added.topic == "Hello-World / PR #2 Update the README with new information."
    assert added.content == (
        "**Codertocat** added [PR #2](https://octocoders.github.io/Codertocat/Hello-World/pull/2)"
        " to the milestone [v1.0](https://octocoders.github.io/Codertocat/Hello-World/milestone/1)."
    )
    # Once removed, the issue no longer names it either.
    removed = GITHUB.message("issues", fixture("issues__demilestoned_enterprise_server.json"))
    assert removed.topic == added.topic
    assert removed.content == (
        "**Codertocat** removed [PR #2](https://octocoders.github.io/Codertocat/Hello-World/pull/2)"
        " from its milestone."
    )


def test_an_issue_s_milestone_stays_in_the_issue_s_topic() -> None:
    payload = fixture("issues__milestoned_pull_request.json")
    del payload["issue"]["pull_request"]
    message = GITHUB.message("issues", payload)
    assert message.topic.startswith("Hello-World / issue #2 ")
    assert message.content.startswith("**Codertocat** added [issue #2](")


def test_a_private_report_that_names_no_package_yet_lists_none() -> None:
    payload = fixture("repository_advisory__reported_without_package.json")
    message = GITHUB.message("repository_advisory", payload)
    assert message.topic == "land_of_confusion"
    assert message.content == (
        "**promofaux2** privately reported **low** severity [security advisory"
        " GHSA-hv58-4hqr-7vxj](https://github.com/pi-hole/land_of_confusion/security/advisories/"
        "GHSA-hv58-4hqr-7vxj): **Test**"
    )
