"""Focused tests of the Gitea integration: what the page's examples do not show.

Signatures, payloads beyond the fixtures (huge pushes, long texts, every
action Gitea sends, odd and missing fields), the URL options, and
``integrations render`` on every fixture.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
from pathlib import Path
from typing import Any

import pytest

from integrations.cli import EXIT_NOTHING, EXIT_OK, main
from integrations.core import (
    BadPayload,
    BadRequest,
    Headers,
    Message,
    Unauthorized,
    UnsupportedEvent,
    WebhookRequest,
    default_registry,
)
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.webhooks.gitea import integration
from integrations.zulip_markdown import render
from tests.conftest import webhook_request

# The registry fills in where the integration's files live.
assert default_registry().get("gitea") is integration
assert integration.fixtures is not None
FIXTURES: Path = integration.fixtures
ATTACK = "@**all** [x](javascript:alert(1)) <b>hi</b>"
ZERO = "0" * 40
SECRET = "s3cret"

# Payload parts, in the shapes Gitea sends (see the fixtures) ---------------


def user(login: str = "alice") -> dict[str, Any]:
    return {"id": 7, "login": login, "full_name": "", "email": f"{login}@example.com"}


def repository(*, private: bool = False, name: str = "acme/widgets") -> dict[str, Any]:
    return {
        "id": 42,
        "name": name.split("/")[-1],
        "full_name": name,
        "html_url": f"https://gitea.example.com/{name}",
        "private": private,
    }


def sha(n: int) -> str:
    return f"{n:040x}"


def commit(n: int, *, author: str = "alice", message: str | None = None) -> dict[str, Any]:
    return {
        "id": sha(n),
        "message": message if message is not None else f"Change number {n}\n\nDetails.",
        "url": f"https://gitea.example.com/acme/widgets/commit/{sha(n)}",
        "author": {"name": author.title(), "email": f"{author}@example.com", "username": author},
    }


def push_payload(
    branch: str = "main",
    commits: list[dict[str, Any]] | None = None,
    *,
    before: str = sha(1),
    after: str = sha(2),
    total: int | None = None,
    ref: str | None = None,
) -> dict[str, Any]:
    listed = [commit(3)] if commits is None else commits
    return {
        "ref": ref or f"refs/heads/{branch}",
        "before": before,
        "after": after,
        "compare_url": f"https://gitea.example.com/acme/widgets/compare/{before}...{after}",
        "commits": listed,
        "total_commits": len(listed) if total is None else total,
        "head_commit": None,
        "repository": repository(),
        "pusher": user(),
        "sender": user(),
    }


def pr_payload(action: str, **changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "action": action,
        "number": 12,
        "pull_request": {
            "id": 310,
            "number": 12,
            "title": "Add a dark theme",
            "body": "Adds a theme switcher.",
            "html_url": "https://gitea.example.com/acme/widgets/pulls/12",
            "labels": [],
            "milestone": None,
            "assignees": None,
            "merged": False,
            "base": {"ref": "main", "sha": sha(1)},
            "head": {"ref": "feature/dark-theme", "sha": sha(2)},
        },
        "repository": repository(),
        "sender": user(),
        "review": None,
    }
    payload["pull_request"].update(changes)
    return payload


def issue_payload(action: str, **changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "action": action,
        "number": 3,
        "issue": {
            "id": 8184,
            "number": 3,
            "title": "Crash on start",
            "body": "It crashes.",
            "labels": [],
            "milestone": None,
            "assignees": None,
            "pull_request": None,
        },
        "repository": repository(),
        "sender": user(),
    }
    payload["issue"].update(changes)
    return payload


def comment_payload(action: str, *, is_pull: bool | None = False, body: str = "Me too") -> Any:
    payload = issue_payload(action)
    payload["comment"] = {
        "id": 24400,
        "html_url": "https://gitea.example.com/acme/widgets/issues/3#issuecomment-24400",
        "body": body,
        "user": user(),
    }
    if is_pull is not None:  # older payloads have no is_pull
        payload["is_pull"] = is_pull
    return payload


def review_payload(content: str = "Looks good") -> dict[str, Any]:
    payload = pr_payload("reviewed")
    payload["review"] = {"type": "pull_request_review_approved", "content": content}
    return payload


def release_payload(action: str = "published", **changes: Any) -> dict[str, Any]:
    release = {
        "id": 77,
        "tag_name": "v2.3.0",
        "name": "Widgets 2.3",
        "body": "Notes",
        "html_url": "https://gitea.example.com/acme/widgets/releases/tag/v2.3.0",
        "draft": False,
        "prerelease": False,
    }
    release.update(changes)
    return {"action": action, "release": release, "repository": repository(), "sender": user()}


def status_payload(state: str, context: str = "ci/test") -> dict[str, Any]:
    return {
        "commit": {"id": sha(5), "message": "Fix\n", "url": "https://gitea.example.com/c/5"},
        "context": context,
        "description": "Build finished",
        "id": 1,
        "repository": repository(),
        "sender": user("ci"),
        "sha": sha(5),
        "state": state,
        "target_url": "https://ci.example.com/build/1",
    }


def run_payload(action: str = "completed", **changes: Any) -> dict[str, Any]:
    run = {
        "id": 1042,
        "display_title": "Add a dark theme",
        "head_branch": "main",
        "head_sha": sha(2),
        "path": "ci.yml@refs/heads/main",
        "run_number": 58,
        "status": "completed",
        "conclusion": "success",
        "html_url": "https://gitea.example.com/acme/widgets/actions/runs/58",
        "trigger_actor": user("bob"),
    }
    run.update(changes)
    return {
        "action": action,
        "workflow": {"id": 3, "name": "CI"},
        "workflow_run": run,
        "repository": repository(),
        "sender": user(),
    }


# Sending ---------------------------------------------------------------------


def request(
    event: str,
    body: Any,
    *,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> WebhookRequest:
    return webhook_request(integration, event, body, query=query, headers=headers)


def post(event: str, body: Any, *, query: dict[str, str] | None = None) -> Message | None:
    return integration.handle(request(event, body, query=query))


def message(event: str, body: Any, *, query: dict[str, str] | None = None) -> Message:
    result = post(event, body, query=query)
    assert result is not None, f"{event} posted nothing"
    return result


def html(result: Message) -> str:
    return render(result.content)


def assert_inert(result: Message) -> None:
    """No mention, no link the template did not make, no HTML from the payload."""
    page = html(result)
    assert "user-mention" not in page
    assert not any(href.startswith("javascript") for href in re.findall(r'href="([^"]*)"', page))
    assert "<b>" not in page


# Signatures ----------------------------------------------------------------


def signature(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_a_genuine_signature_is_accepted() -> None:
    body = (FIXTURES / "issues__opened.json").read_bytes()
    signed = request("issues", body, headers={"X-Gitea-Signature": signature(body)})
    result = integration.handle(signed, secret=SECRET)
    assert result is not None
    assert result.topic == "kostekIV/test / issue #3 Test issue"


def test_a_forged_signature_is_refused() -> None:
    body = (FIXTURES / "issues__opened.json").read_bytes()
    forged = request("issues", body, headers={"X-Gitea-Signature": signature(body, "guess")})
    with pytest.raises(Unauthorized, match="does not match the configured secret"):
        integration.handle(forged, secret=SECRET)


def test_the_signature_covers_the_raw_body() -> None:
    body = (FIXTURES / "issues__opened.json").read_bytes()
    # The same JSON, written differently, no longer matches its signature.
    reformatted = json.dumps(json.loads(body)).encode()
    assert reformatted != body
    moved = request("issues", reformatted, headers={"X-Gitea-Signature": signature(body)})
    with pytest.raises(Unauthorized):
        integration.handle(moved, secret=SECRET)


def test_a_prefixed_signature_is_not_gitea_s_and_is_refused() -> None:
    body = (FIXTURES / "issues__opened.json").read_bytes()
    prefixed = request("issues", body, headers={"X-Gitea-Signature": "sha256=" + signature(body)})
    with pytest.raises(Unauthorized):
        integration.handle(prefixed, secret=SECRET)


def test_a_missing_signature_is_refused_when_a_secret_is_configured() -> None:
    body = (FIXTURES / "issues__opened.json").read_bytes()
    with pytest.raises(Unauthorized, match="X-Gitea-Signature header is missing"):
        integration.handle(request("issues", body), secret=SECRET)


def test_without_a_secret_nothing_is_checked() -> None:
    body = (FIXTURES / "issues__opened.json").read_bytes()
    unsigned = request("issues", body, headers={"X-Gitea-Signature": "nonsense"})
    assert integration.handle(unsigned) is not None


# Pushes ----------------------------------------------------------------------


def test_a_500_commit_push_lists_ten_and_counts_the_rest() -> None:
    result = message("push", push_payload(commits=[commit(n) for n in range(500)]))
    lines = result.content.splitlines()
    assert sum(line.startswith("* ") for line in lines) == 10
    assert result.content.endswith("[and 490 more commits]")
    assert "pushed [500 commits]" in result.content
    assert len(result.content) < MAX_CONTENT_LENGTH


def test_gitea_s_short_commit_list_still_counts_every_commit() -> None:
    # Gitea sends a few commits and the real count in total_commits.
    result = message("push", push_payload(commits=[commit(n) for n in range(5)], total=40))
    assert "pushed [40 commits]" in result.content
    assert result.content.endswith("[and 35 more commits]")


def test_a_200_character_branch_name_fits_the_topic() -> None:
    branch = "feature/" + "very-long-name-" * 13
    assert len(branch) >= 200
    result = message("push", push_payload(branch))
    assert len(result.topic) == MAX_TOPIC_LENGTH
    assert result.topic.startswith("acme/widgets / feature/very-long-name-")
    assert result.topic.endswith("...")
    assert f"[{branch}](" in result.content  # the body keeps the whole name, linked


def test_untrusted_text_in_a_push_stays_text() -> None:
    payload = push_payload(ATTACK, [commit(3, author="mallory", message=ATTACK)])
    payload["pusher"] = payload["sender"] = user(ATTACK)
    payload["commits"][0]["author"]["name"] = ATTACK
    result = message("push", payload)
    assert_inert(result)
    assert result.topic == f"acme/widgets / {ATTACK}"


def test_the_author_is_named_only_when_not_the_pusher() -> None:
    # Gitea lists the newest commit first; the message, oldest first.
    result = message("push", push_payload(commits=[commit(4, author="bob"), commit(3)]))
    first, second = [line for line in result.content.splitlines() if line.startswith("* ")]
    assert "—" not in first
    assert second.endswith("— Bob")
    assert sha(3)[:7] in first


def test_a_new_branch_is_reported_without_gitea_s_old_commits() -> None:
    payload = push_payload("topic", [commit(n) for n in range(10)], before=ZERO)
    result = message("push", payload)
    assert result.content == (
        "**alice** created branch [topic](https://gitea.example.com/acme/widgets/src/branch/topic)."
    )


def test_a_push_deleting_a_branch_reports_the_deletion() -> None:
    result = message("push", push_payload("old", [], after=ZERO))
    assert result.topic == "acme/widgets / old"
    assert result.content == "**alice** deleted branch `old`."


def test_a_push_without_new_commits_is_a_force_push() -> None:
    result = message("push", push_payload("main", [], before=sha(9), after=sha(8)))
    assert result.content.startswith("**alice** force-pushed [main](")
    assert result.content.endswith(f"from `{sha(9)[:7]}` to `{sha(8)[:7]}`.")


def test_a_tag_push_goes_to_the_releases_topic_and_ignores_the_branch_filter() -> None:
    payload = push_payload(ref="refs/tags/v1.0", commits=[], before=ZERO)
    result = message("push", payload, query={"branches": "main"})
    assert result.topic == "acme/widgets / releases"
    assert result.content == (
        "**alice** pushed tag [v1.0](https://gitea.example.com/acme/widgets/src/tag/v1.0)."
    )


def test_branch_filter_with_wildcards() -> None:
    query = {"branches": "main, release-*"}
    assert post("push", push_payload("release-2.3"), query=query) is not None
    assert post("push", push_payload("main"), query=query) is not None
    assert post("push", push_payload("feature/x"), query=query) is None


def test_a_push_without_pusher_names_the_sender() -> None:
    payload = push_payload()
    del payload["pusher"]
    payload["sender"] = user("carol")
    assert message("push", payload).content.startswith("**carol** pushed")


def test_old_gitea_users_with_only_a_username_are_read() -> None:
    payload = push_payload()
    payload["pusher"] = {"id": 7, "username": "dora"}
    assert message("push", payload).content.startswith("**dora** pushed")


def test_a_user_without_any_name_is_a_clear_error() -> None:
    payload = push_payload()
    payload["pusher"] = {"id": 7, "login": ""}
    with pytest.raises(BadPayload, match=r"^pusher\.login: expected the user's login"):
        post("push", payload)


def test_an_empty_compare_url_is_not_linked() -> None:
    payload = push_payload()
    payload["compare_url"] = ""
    assert "pushed 1 commit to [main](" in message("push", payload).content


# Create and delete -------------------------------------------------------------


def ref_payload(ref: str, ref_type: str) -> dict[str, Any]:
    return {"ref": ref, "ref_type": ref_type, "repository": repository(), "sender": user()}


def test_create_posts_nothing_for_branches_and_tags() -> None:
    assert post("create", ref_payload("feature", "branch") | {"sha": sha(1)}) is None
    assert post("create", ref_payload("v1.0", "tag") | {"sha": sha(1)}) is None


def test_deleting_a_branch_follows_the_branch_filter() -> None:
    payload = ref_payload("feature/x", "branch")
    assert message("delete", payload).content == "**alice** deleted branch `feature/x`."
    assert post("delete", payload, query={"branches": "main"}) is None


def test_deleting_a_tag_posts_nothing() -> None:
    assert post("delete", ref_payload("v1.0", "tag")) is None


# Pull requests -----------------------------------------------------------------


def test_a_20000_character_description_is_quoted_briefly() -> None:
    body = ("A long paragraph of words. " * 800)[:20_000]
    result = message("pull_request", pr_payload("opened", body=body))
    assert len(result.content) < 2_000
    assert result.content.splitlines()[-1].endswith(" …")
    assert result.topic == "acme/widgets / PR #12 Add a dark theme"


def test_a_300_character_title_fits_the_topic() -> None:
    result = message("pull_request", pr_payload("opened", title="T" * 300))
    assert len(result.topic) == MAX_TOPIC_LENGTH
    assert result.topic.startswith("acme/widgets / PR #12 TTT")


def test_untrusted_title_and_branches_stay_text() -> None:
    payload = pr_payload("opened", title=ATTACK, body=ATTACK)
    payload["pull_request"]["head"]["ref"] = ATTACK
    result = message("pull_request", payload)
    assert_inert(result)


@pytest.mark.parametrize(
    ("action", "changes", "expected"),
    [
        ("synchronized", {}, "**alice** pushed new commits to [PR #12]("),
        ("unassigned", {}, "Assigned now: nobody."),
        (
            "assigned",
            {"assignees": [user("bob"), user("carol")]},
            "Assigned now: **bob** and **carol**.",
        ),
        (
            "label_updated",
            {"labels": [{"id": 1, "name": "ui"}, {"id": 2, "name": "kind/feature"}]},
            "Labels now: `ui` and `kind/feature`.",
        ),
        ("label_cleared", {}, "**alice** removed every label from [PR #12]("),
        (
            "milestoned",
            {"milestone": {"id": 1, "title": "2.4"}},
            "**alice** set milestone **2.4** on [PR #12](",
        ),
        ("milestoned", {}, "**alice** set a milestone on [PR #12]("),
        ("demilestoned", {}, "**alice** removed the milestone from [PR #12]("),
    ],
)
def test_pull_request_actions_beyond_the_fixtures(
    action: str, changes: dict[str, Any], expected: str
) -> None:
    result = message("pull_request", pr_payload(action, **changes))
    assert expected in result.content
    assert result.topic == "acme/widgets / PR #12 Add a dark theme"


def test_review_request_removed_names_the_reviewer() -> None:
    payload = pr_payload("review_request_removed")
    payload["requested_reviewer"] = user("bob")
    assert message("pull_request", payload).content.startswith(
        "**alice** withdrew the review request for **bob** on [PR #12]("
    )


def test_a_review_request_without_reviewer_still_reads() -> None:
    result = message("pull_request", pr_payload("review_requested"))
    assert result.content.startswith("**alice** requested a review on [PR #12](")


def test_an_edited_description_is_quoted_and_a_new_target_named() -> None:
    payload = pr_payload("edited", body="The new description.")
    payload["changes"] = {"body": {"from": "Old."}, "ref": {"from": "develop"}}
    result = message("pull_request", payload)
    assert "The target branch is now `main` (was `develop`)." in result.content
    assert result.content.endswith("> The new description.")


def test_an_edit_without_changes_only_says_so() -> None:
    result = message("pull_request", pr_payload("edited"))
    assert result.content == (
        "**alice** edited [PR #12](https://gitea.example.com/acme/widgets/pulls/12)."
    )


def test_the_top_level_number_wins_over_a_wrong_one_in_the_pull_request() -> None:
    # pull_request__merged.json carries pull_request.number 1905 for PR #4.
    body = json.loads((FIXTURES / "pull_request__merged.json").read_bytes())
    assert body["pull_request"]["number"] == 1905
    assert message("pull_request", body).topic.startswith("kostekIV/test / PR #4 ")
    del body["number"]
    assert message("pull_request", body).topic.startswith("kostekIV/test / PR #1905 ")


def test_an_unknown_pull_request_action_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match=re.escape("'pull_request.converted_to_draft'")):
        post("pull_request", pr_payload("converted_to_draft"))


# Reviews ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "verb"),
    [
        ("pull_request_approved", "approved"),
        ("pull_request_rejected", "requested changes on"),
        ("pull_request_comment", "reviewed"),
    ],
)
def test_each_review_event_has_its_verdict(event: str, verb: str) -> None:
    result = message(event, review_payload())
    assert result.content.startswith(f"**alice** {verb} [PR #12](")
    assert result.content.endswith("> Looks good")


def test_a_review_without_text_is_one_line() -> None:
    result = message("pull_request_approved", review_payload(""))
    assert result.content == (
        "**alice** approved [PR #12](https://gitea.example.com/acme/widgets/pulls/12)."
    )


def test_a_review_with_another_action_is_unsupported() -> None:
    payload = review_payload()
    payload["action"] = "dismissed"
    with pytest.raises(UnsupportedEvent, match=re.escape("'pull_request_rejected.dismissed'")):
        post("pull_request_rejected", payload)


def test_a_plain_pull_request_comment_under_the_review_name_is_a_comment() -> None:
    result = message("pull_request_comment", comment_payload("created", is_pull=True))
    assert result.topic == "acme/widgets / PR #3 Crash on start"
    assert result.content.startswith("**alice** [commented](")
    assert "[PR #3](https://gitea.example.com/acme/widgets/pulls/3)" in result.content


# Issues and comments -------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "changes", "expected"),
    [
        ("unassigned", {}, "Assigned now: nobody."),
        ("label_cleared", {}, "**alice** removed every label from [issue #3]("),
        ("milestoned", {"milestone": {"title": ATTACK}}, "set milestone **@&#42;&#42;all"),
        ("demilestoned", {}, "**alice** removed the milestone from [issue #3]("),
    ],
)
def test_issue_actions_beyond_the_fixtures(
    action: str, changes: dict[str, Any], expected: str
) -> None:
    result = message("issues", issue_payload(action, **changes))
    assert expected in result.content
    assert_inert(result)


def test_an_issue_link_is_built_when_gitea_sends_only_the_api_address() -> None:
    payload = issue_payload("closed", url="https://gitea.example.com/api/v1/repos/acme/w/issues/3")
    assert "[issue #3](https://gitea.example.com/acme/widgets/issues/3)" in (
        message("issues", payload).content
    )


def test_an_issue_with_its_own_page_address_uses_it() -> None:
    payload = issue_payload("closed", html_url="https://git.example.org/acme/widgets/issues/3")
    assert "(https://git.example.org/acme/widgets/issues/3)" in message("issues", payload).content


def test_an_unknown_issue_action_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match=re.escape("'issues.pinned'")):
        post("issues", issue_payload("pinned"))


def test_a_deleted_comment_is_reported_without_text_or_link() -> None:
    result = message("issue_comment", comment_payload("deleted", body="secret"))
    assert result.content == (
        "**alice** deleted a comment on "
        "[issue #3](https://gitea.example.com/acme/widgets/issues/3)."
    )


def test_a_deleted_comment_on_a_pull_request_goes_to_its_topic() -> None:
    result = message("issue_comment", comment_payload("deleted", is_pull=True))
    assert result.topic == "acme/widgets / PR #3 Crash on start"
    assert result.content.startswith("**alice** deleted a comment on [PR #3](")


def test_without_is_pull_the_issue_s_pull_request_field_decides() -> None:
    payload = comment_payload("created", is_pull=None)
    payload["issue"]["pull_request"] = {"merged": False, "merged_at": None}
    assert message("issue_comment", payload).topic == "acme/widgets / PR #3 Crash on start"
    payload["issue"]["pull_request"] = None
    assert message("issue_comment", payload).topic == "acme/widgets / issue #3 Crash on start"


def test_a_20000_character_comment_is_quoted_briefly() -> None:
    result = message("issue_comment", comment_payload("created", body="word " * 4_000))
    assert len(result.content) < 2_000
    assert result.content.endswith(" …")


def test_an_unknown_comment_action_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match=re.escape("'issue_comment.pinned'")):
        post("issue_comment", comment_payload("pinned"))


# Releases, wiki, forks, repositories -------------------------------------------------


def test_a_deleted_release_has_no_link_and_no_notes() -> None:
    result = message("release", release_payload("deleted"))
    assert result.topic == "acme/widgets / releases"
    assert result.content == "**alice** deleted release **Widgets 2.3** (`v2.3.0`)."


def test_a_pre_release_says_so() -> None:
    result = message("release", release_payload(prerelease=True))
    assert result.content == (
        "**alice** published release "
        "[Widgets 2.3](https://gitea.example.com/acme/widgets/releases/tag/v2.3.0) (`v2.3.0`)."
        "\n\nThis is a pre-release.\n\n> Notes"
    )
    gone = message("release", release_payload("deleted", prerelease=True))
    assert "pre-release" not in gone.content


def test_an_unnamed_release_is_called_by_its_tag() -> None:
    result = message("release", release_payload("updated", name="", body=""))
    assert result.content == (
        "**alice** updated release "
        "[v2.3.0](https://gitea.example.com/acme/widgets/releases/tag/v2.3.0)."
    )


def test_an_unknown_release_action_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match=re.escape("'release.created'")):
        post("release", release_payload("created"))


def wiki_payload(action: str, comment: str = "") -> dict[str, Any]:
    return {
        "action": action,
        "repository": repository(),
        "sender": user(),
        "page": "Getting Started",
        "comment": comment,
    }


def test_a_deleted_wiki_page_is_not_linked() -> None:
    result = message("wiki", wiki_payload("deleted"))
    assert result.content == "**alice** updated the wiki:\n\n* deleted **Getting Started**"


def test_a_created_wiki_page_is_linked_with_its_address_escaped() -> None:
    result = message("wiki", wiki_payload("created", comment=ATTACK))
    assert "(https://gitea.example.com/acme/widgets/wiki/Getting%20Started)" in result.content
    assert_inert(result)


def test_a_deleted_repository_is_not_linked() -> None:
    payload = {"action": "deleted", "repository": repository(), "sender": user()}
    result = message("repository", payload)
    assert result.topic == "acme/widgets"
    assert result.content == "**alice** deleted the repository **acme/widgets**."


def test_a_fork_without_an_address_is_named_in_bold() -> None:
    fork = repository(name="dave/widgets")
    del fork["html_url"]
    payload = {"forkee": repository(), "repository": fork, "sender": user("dave")}
    result = message("fork", payload)
    assert result.topic == "acme/widgets"
    assert result.content == "**dave** forked the repository into **dave/widgets**."


# Checks and Actions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "result"),
    [
        ("success", "succeeded"),
        ("failure", "failed"),
        ("error", "failed with an error"),
        ("warning", "finished with warnings"),
    ],
)
def test_commit_status_states(state: str, result: str) -> None:
    content = message("status", status_payload(state)).content
    assert content.startswith(f"[ci/test](https://ci.example.com/build/1) {result} for [")
    # The commit's title, set apart after its link.
    assert content.endswith(
        f"[{sha(5)[:7]}](https://gitea.example.com/c/5) (Fix).\n\nBuild finished"
    )


def test_a_status_without_context_or_address_still_reads() -> None:
    payload = status_payload("failure", context="")
    payload["target_url"] = ""
    content = message("status", payload).content
    assert content.startswith("**A status check** failed for [")


def test_a_successful_run_names_who_triggered_it() -> None:
    result = message("workflow_run", run_payload())
    assert result.topic == "acme/widgets / main"
    assert result.content == (
        "[CI #58](https://gitea.example.com/acme/widgets/actions/runs/58) succeeded on `main`"
        f" for [{sha(2)[:7]}](https://gitea.example.com/acme/widgets/commit/{sha(2)})"
        " (Add a dark theme). Triggered by **bob**."
    )


def test_a_run_s_commit_title_comes_from_its_head_commit_when_there_is_one() -> None:
    head = {"id": sha(2), "message": "Cache the theme\n\nIt was read twice."}
    result = message("workflow_run", run_payload(head_commit=head))
    assert f"/commit/{sha(2)}) (Cache the theme). Triggered" in result.content
    untitled = message("workflow_run", run_payload(display_title=None))
    assert f"/commit/{sha(2)}). Triggered" in untitled.content


def test_a_run_follows_the_branch_filter() -> None:
    assert post("workflow_run", run_payload(), query={"branches": "release-*"}) is None
    assert post("workflow_run", run_payload(), query={"branches": "ma*"}) is not None


@pytest.mark.parametrize("trigger", ["pull_request", "pull_request_sync"])
def test_a_pull_request_s_run_is_not_filtered_by_branch(trigger: str) -> None:
    payload = run_payload(event=trigger, head_branch="feature/dark-theme")
    result = message("workflow_run", payload, query={"branches": "main"})
    assert result.topic == "acme/widgets / feature/dark-theme"


def test_a_status_has_no_branch_to_filter() -> None:
    result = message("status", status_payload("failure"), query={"branches": "main"})
    assert result.topic == "acme/widgets"


def test_a_run_with_missing_details_falls_back() -> None:
    payload = run_payload(conclusion="", trigger_actor=None, run_number=None)
    payload["workflow"] = None
    result = message("workflow_run", payload)
    assert result.content.startswith(
        "[ci.yml@refs/heads/main](https://gitea.example.com/acme/widgets/actions/runs/58)"
        " finished (completed) on `main`"
    )
    assert result.content.endswith("Triggered by **alice**.")


def test_requested_runs_post_nothing_and_unknown_run_actions_are_unsupported() -> None:
    assert post("workflow_run", run_payload("requested")) is None
    with pytest.raises(UnsupportedEvent, match=re.escape("'workflow_run.paused'")):
        post("workflow_run", run_payload("paused"))


# Unsupported and unusable requests ---------------------------------------------------


@pytest.mark.parametrize("event", ["package", "schedule", "issue_label", "ping", "star"])
def test_events_without_a_handler_are_unsupported(event: str) -> None:
    with pytest.raises(UnsupportedEvent, match=f"gitea does not support the event '{event}'"):
        post(event, {"action": "created", "repository": repository(), "sender": user()})


def test_a_request_without_the_event_header_is_refused() -> None:
    bare = WebhookRequest(json.dumps(push_payload()).encode(), Headers({}), {})
    with pytest.raises(BadRequest, match="X-Gitea-Event header"):
        integration.handle(bare)


@pytest.mark.parametrize(
    ("event", "payload", "path"),
    [
        ("push", push_payload() | {"repository": None}, "repository"),
        ("push", push_payload() | {"commits": [{"id": sha(1)}]}, "commits[0].message"),
        ("pull_request", pr_payload("opened") | {"sender": None}, "sender.login"),
        ("issues", issue_payload("opened") | {"issue": "3"}, "issue"),
        ("status", status_payload("success") | {"state": 1}, "state"),
    ],
)
def test_odd_payloads_name_the_field(event: str, payload: dict[str, Any], path: str) -> None:
    with pytest.raises(BadPayload) as raised:
        post(event, copy.deepcopy(payload))
    assert raised.value.path == path


# Private repositories ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("push", push_payload()),
        ("pull_request", pr_payload("opened")),
        ("issues", issue_payload("opened")),
        ("issue_comment", comment_payload("created")),
        ("pull_request_approved", review_payload()),
        ("release", release_payload()),
        ("workflow_run", run_payload()),
        ("status", status_payload("failure")),
    ],
)
def test_private_repositories_can_be_ignored(event: str, payload: dict[str, Any]) -> None:
    private = copy.deepcopy(payload)
    private["repository"]["private"] = True
    ignore = {"ignore_private_repositories": "true"}
    assert post(event, private, query=ignore) is None
    assert post(event, private) is not None  # only when asked
    assert post(event, payload, query=ignore) is not None  # public ones still post


@pytest.mark.parametrize(
    ("repository_fields", "posted"),
    [
        ({"private": False}, True),
        ({"private": False, "internal": True}, False),  # visible to signed-in users only
        ({"private": True}, False),
        ({}, False),  # does not say: counted as private
        ({"private": None}, False),
    ],
)
def test_only_repositories_known_to_be_public_post_under_the_option(
    repository_fields: dict[str, Any], posted: bool
) -> None:
    payload = push_payload()
    del payload["repository"]["private"]
    payload["repository"].update(repository_fields)
    ignore = {"ignore_private_repositories": "true"}
    assert (post("push", payload, query=ignore) is not None) is posted
    assert post("push", payload) is not None  # without the option, visibility is not read


# The command line, on every fixture ------------------------------------------------------

# Every fixture and what rendering it must end in.
FIXTURE_OUTCOMES = {
    "create__branch.json": (EXIT_NOTHING, ""),
    "issue_comment__edited.json": (EXIT_OK, "topic: kostekIV/test / issue #3 Test issue 2"),
    "issue_comment__in_pr.json": (EXIT_OK, "topic: kostekIV/test / PR #1 dummy"),
    "issue_comment__new.json": (EXIT_OK, "topic: kostekIV/test / issue #3 Test issue"),
    "issues__assigned.json": (EXIT_OK, "topic: kostekIV/test / issue #3 Test issue"),
    "issues__closed.json": (EXIT_OK, "topic: kostekIV/test / issue #3 Test issue 2"),
    "issues__edited.json": (EXIT_OK, "topic: kostekIV/test / issue #3 Test issue 2"),
    "issues__opened.json": (EXIT_OK, "topic: kostekIV/test / issue #3 Test issue"),
    "issues__reopened.json": (EXIT_OK, "topic: kostekIV/test / issue #3 Test issue 2"),
    "pull_request__assigned.json": (EXIT_OK, "topic: kostekIV/test / PR #5 test 2"),
    "pull_request__closed.json": (EXIT_OK, "topic: kostekIV/test / PR #5 test 2"),
    "pull_request__edited.json": (EXIT_OK, "topic: kostekIV/test / PR #5 test 2"),
    "pull_request__merged.json": (
        EXIT_OK,
        "topic: kostekIV/test / PR #4 Fix remove-op on reaction event",
    ),
    "pull_request__opened.json": (EXIT_OK, "topic: kostekIV/test / PR #4 New pr"),
    "pull_request__reopened.json": (EXIT_OK, "topic: kostekIV/test / PR #5 test 2"),
    "push__5_commits.json": (EXIT_OK, "topic: kostekIV/test / d"),
}


def test_the_outcome_table_names_every_fixture() -> None:
    shipped = {path.name for path in FIXTURES.glob("*.json")}
    assert shipped == set(FIXTURE_OUTCOMES)


@pytest.mark.parametrize("name", sorted(FIXTURE_OUTCOMES))
def test_render_handles_every_fixture(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, first_line = FIXTURE_OUTCOMES[name]
    event = name.split("__")[0]  # the file name starts with the X-Gitea-Event value
    assert main(["render", "gitea", "--event", event, str(FIXTURES / name)]) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == EXIT_OK:
        assert out.splitlines()[0] == first_line
    else:
        assert err.strip() == f"integrations: gitea posts nothing for this {event} payload"
