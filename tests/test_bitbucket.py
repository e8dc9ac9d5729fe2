"""Bitbucket Cloud: what the page's examples do not show.

The page (docs/integrations/bitbucket.md) shows one example per event; these
are the cases a reader would not want there: generated payloads beyond the
fixtures, long and odd payloads, the URL options at their edges, and the
declarations (which keys are handled, the signature scheme, the fixtures'
events).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
from typing import Any

import pytest

from integrations.common.code_hosting import COMMIT_LIMIT
from integrations.core import BadPayload, Message, Unauthorized, UnsupportedEvent
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.testing.webhooks import WebhookHarness
from integrations.zulip_markdown import render

HOST = WebhookHarness("bitbucket")
FIXTURES = sorted(path.name for path in HOST.fixtures.glob("*.json"))
ATTACK = "@**all** [x](javascript:alert(1)) <b>hi</b> :tada:"
BB = "https://bitbucket.org/acme/widgets"

# Every event key Bitbucket Cloud offers for a webhook (the API's list of hook events).
BITBUCKET_CLOUD_EVENTS = {
    "issue:comment_created",
    "issue:created",
    "issue:updated",
    "pipeline:span_created",
    "project:updated",
    "pullrequest:approved",
    "pullrequest:changes_request_created",
    "pullrequest:changes_request_removed",
    "pullrequest:comment_created",
    "pullrequest:comment_deleted",
    "pullrequest:comment_reopened",
    "pullrequest:comment_resolved",
    "pullrequest:comment_updated",
    "pullrequest:created",
    "pullrequest:fulfilled",
    "pullrequest:push",
    "pullrequest:rejected",
    "pullrequest:unapproved",
    "pullrequest:updated",
    "repo:commit_comment_created",
    "repo:commit_status_created",
    "repo:commit_status_updated",
    "repo:created",
    "repo:deleted",
    "repo:fork",
    "repo:imported",
    "repo:push",
    "repo:transfer",
    "repo:updated",
}
UNSUPPORTED = {"pipeline:span_created", "project:updated"}
PULL_REQUEST_EVENTS = sorted(
    key for key in BITBUCKET_CLOUD_EVENTS if key.startswith("pullrequest:")
)


def post(event: str | None, body: Any, **options: Any) -> Message | None:
    return HOST.post(event, body, **options)


def posted(event: str, body: Any, **options: Any) -> Message:
    return HOST.message(event, body, **options)


def fixture(name: str) -> Any:
    return HOST.fixture(name)


# Generated payloads ------------------------------------------------------


def repo(private: bool = False) -> dict[str, Any]:
    return {
        "full_name": "acme/widgets",
        "is_private": private,
        "links": {"html": {"href": BB}},
    }


def user(name: str) -> dict[str, Any]:
    return {"type": "user", "display_name": name}


def commit(n: int, message: str = "", author: str = "Ann Lee") -> dict[str, Any]:
    sha = f"{n:040x}"
    return {
        "hash": sha,
        "message": message or f"Commit number {n}\n\nwith a body",
        "author": {"raw": f"{author} <{author.split()[0].lower()}@example.com>"},
        "links": {"html": {"href": f"{BB}/commits/{sha}"}},
    }


def ref(name: str, kind: str = "branch", sha: str = "a" * 40) -> dict[str, Any]:
    return {
        "type": kind,
        "name": name,
        "target": {"hash": sha},
        "links": {"html": {"href": f"{BB}/branch/{name}"}},
    }


def change(
    name: str,
    commits: list[dict[str, Any]] | None = None,
    *,
    kind: str = "branch",
    created: bool = False,
    deleted: bool = False,
    forced: bool = False,
    truncated: bool = False,
) -> dict[str, Any]:
    return {
        "old": None if created else ref(name, kind, "b" * 40),
        "new": None if deleted else ref(name, kind, "c" * 40),
        "created": created,
        "closed": deleted,
        "forced": forced,
        "truncated": truncated,
        "links": {"html": {"href": f"{BB}/branches/compare/{'c' * 40}..{'b' * 40}"}},
        "commits": commits or [],
    }


def push_body(*changes: dict[str, Any], private: bool = False) -> dict[str, Any]:
    return {
        "actor": user("Ann Lee"),
        "repository": repo(private),
        "push": {"changes": list(changes)},
    }


def newest_first(count: int) -> list[dict[str, Any]]:
    """Commits as Bitbucket lists them: the newest first."""
    return [commit(n) for n in reversed(range(count))]


def pr_body(**pullrequest: Any) -> dict[str, Any]:
    details: dict[str, Any] = {
        "id": 7,
        "title": "Load widgets lazily",
        "links": {"html": {"href": f"{BB}/pull-requests/7"}},
        "source": {"branch": {"name": "lazy-load"}, "repository": {"full_name": "acme/widgets"}},
        "destination": {"branch": {"name": "main"}, "repository": {"full_name": "acme/widgets"}},
        "description": "Widgets load when they scroll into view.",
        "reviewers": [],
    }
    details.update(pullrequest)
    return {
        "actor": user("Ann Lee"),
        "repository": repo(),
        "pullrequest": details,
        "comment": {
            "content": {"raw": "Looks good"},
            "links": {"html": {"href": f"{BB}/pull-requests/7#comment-1"}},
        },
    }


def issue_body(changes: dict[str, Any], **issue: Any) -> dict[str, Any]:
    details: dict[str, Any] = {
        "id": 12,
        "title": "Thumbnails flicker",
        "links": {"html": {"href": f"{BB}/issues/12"}},
        "content": {"raw": "They blink once."},
    }
    details.update(issue)
    return {
        "actor": user("Bo Chen"),
        "repository": repo(),
        "issue": details,
        "changes": changes,
        "comment": {"content": {"raw": None}},
    }


def status_body(**status: Any) -> dict[str, Any]:
    details: dict[str, Any] = {"name": "CI", "state": "SUCCESSFUL", "url": f"{BB}/pipelines/1"}
    details.update(status)
    return {"actor": user("Ann Lee"), "repository": repo(), "commit_status": details}


def bullets(content: str) -> list[str]:
    return [line for line in content.splitlines() if line.startswith("* ")]


# Declaration -------------------------------------------------------------


def test_every_bitbucket_cloud_event_is_declared_or_deliberately_unsupported() -> None:
    assert set(HOST.integration.events) == BITBUCKET_CLOUD_EVENTS - UNSUPPORTED
    for event in UNSUPPORTED:
        with pytest.raises(UnsupportedEvent, match=event):
            post(event, {"actor": user("Ann Lee"), "repository": repo()})


def test_every_fixture_names_a_declared_event() -> None:
    for name in FIXTURES:
        assert HOST.integration.event_for_fixture(name) in HOST.integration.events, name


def test_bitbucket_s_signature_is_a_prefixed_sha256_of_the_raw_body() -> None:
    body = HOST.fixture_bytes("push.json")
    digest = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    signed = HOST.post(
        "repo:push", body, headers={"X-Hub-Signature": f"sha256={digest}"}, secret="s3cret"
    )
    assert signed is not None
    assert signed.topic == "kolaszek/repository-name / master"
    # The bare digest, without Bitbucket's algorithm prefix, is not its signature.
    with pytest.raises(Unauthorized, match="does not match"):
        HOST.post("repo:push", body, headers={"X-Hub-Signature": digest}, secret="s3cret")


# Pushes ------------------------------------------------------------------


def test_a_500_commit_push_lists_ten_and_counts_the_rest() -> None:
    message = posted("repo:push", push_body(change("main", newest_first(500))))
    assert message.topic == "acme/widgets / main"
    assert message.content.startswith(f"**Ann Lee** pushed [500 commits]({BB}/branches/compare/")
    assert len(bullets(message.content)) == COMMIT_LIMIT
    assert message.content.endswith("[and 490 more commits]")
    assert len(message.content) < MAX_CONTENT_LENGTH


def test_commits_are_listed_oldest_first() -> None:
    message = posted("repo:push", push_body(change("main", newest_first(3))))
    assert [line.split(" (")[0] for line in bullets(message.content)] == [
        "* Commit number 0",
        "* Commit number 1",
        "* Commit number 2",
    ]


def test_a_truncated_push_says_more_than_it_lists() -> None:
    message = posted("repo:push", push_body(change("main", newest_first(5), truncated=True)))
    assert message.content.startswith("**Ann Lee** pushed [more than 5 commits](")
    assert len(bullets(message.content)) == 5
    # A new branch with more commits than listed: its count is unknown, and
    # "with 5 commits" would be wrong, so the creation is reported alone.
    created = posted(
        "repo:push", push_body(change("topic", newest_first(5), created=True, truncated=True))
    )
    assert created.content == f"**Ann Lee** created branch [topic]({BB}/branch/topic)."


def test_a_huge_truncated_push_still_counts_what_it_cannot_show() -> None:
    message = posted("repo:push", push_body(change("main", newest_first(500), truncated=True)))
    assert "more than 500 commits" in message.content
    assert message.content.endswith("[and 490 more commits]")


def test_a_200_character_branch_fits_the_topic_and_reads_whole_in_the_message() -> None:
    branch = "feature/" + "x" * 192
    message = posted("repo:push", push_body(change(branch, newest_first(2))))
    assert len(message.topic) == MAX_TOPIC_LENGTH
    assert message.topic.startswith("acme/widgets / feature/xxx")
    assert message.topic.endswith("...")
    assert f"[{branch}]" in message.content


def test_the_author_shows_only_when_someone_else_wrote_the_commit() -> None:
    commits = [commit(2, "Mine", "Ann Lee"), commit(1, "Theirs", "Bo Chen")]
    message = posted("repo:push", push_body(change("main", commits)))
    mine, theirs = bullets(message.content)[1], bullets(message.content)[0]
    assert "—" not in mine
    assert theirs.endswith("— Bo Chen")
    assert "@example.com" not in message.content  # addresses stay out of the channel


def test_many_committers_are_named_by_their_bitbucket_names() -> None:
    message = posted("repo:push", fixture("push_multiple_committers_with_others.json"))
    assert message.content.startswith("**Tomasz** created branch")
    assert "with 10 commits." in message.content
    authors = [line.rsplit("— ", 1)[1] for line in bullets(message.content) if "— " in line]
    assert authors == ["Ben", "Brendon", "Brendon", "James", "James", "James"]


def test_a_new_branch_without_commits_is_one_sentence() -> None:
    message = posted("repo:push", push_body(change("empty", created=True)))
    assert message.content == f"**Ann Lee** created branch [empty]({BB}/branch/empty)."


def test_a_moved_tag_is_pushed_again_and_a_named_branch_is_a_branch() -> None:
    moved = posted("repo:push", push_body(change("v1", kind="tag")))
    assert moved.topic == "acme/widgets / releases"
    assert moved.content.startswith("**Ann Lee** pushed tag [v1](")
    hg = posted("repo:push", push_body(change("default", newest_first(1), kind="named_branch")))
    assert hg.topic == "acme/widgets / default"


def test_a_multi_change_push_posts_the_first_branch_and_lists_the_rest() -> None:
    body = push_body(
        change("v2", kind="tag", created=True),
        change("main", newest_first(2)),
        change("old", deleted=True),
        change("dev", newest_first(1), forced=True),
    )
    message = posted("repo:push", body)
    assert message.topic == "acme/widgets / main"
    first, also = message.content.split("\n\nAlso in this push:\n")
    assert first.startswith("**Ann Lee** pushed [2 commits]")
    # Branches with commits first, then deletions, then tags; the pusher is
    # named once, in the first sentence.
    assert also.splitlines() == [
        f"* force-pushed [dev]({BB}/branch/dev) from `bbbbbbb` to `ccccccc`",
        "* deleted branch `old`",
        f"* pushed tag [v2]({BB}/branch/v2)",
    ]


def test_without_new_commits_a_deletion_or_a_tag_leads_and_lists_the_rest() -> None:
    deletion = posted("repo:push", push_body(change("v3", kind="tag"), change("old", deleted=True)))
    assert deletion.topic == "acme/widgets / old"
    assert deletion.content == (
        "**Ann Lee** deleted branch `old`.\n\n"
        f"Also in this push:\n* pushed tag [v3]({BB}/branch/v3)"
    )
    tags = posted("repo:push", push_body(*(change(f"v{n}", kind="tag") for n in range(15))))
    assert tags.topic == "acme/widgets / releases"
    assert len(bullets(tags.content)) == COMMIT_LIMIT
    assert tags.content.endswith("[and 4 more]")


def test_a_push_of_many_refs_lists_ten_others_and_counts_the_rest() -> None:
    body = push_body(*(change(f"b{n}", newest_first(1)) for n in range(30)))
    message = posted("repo:push", body)
    assert message.topic == "acme/widgets / b0"
    assert message.content.endswith("[and 19 more]")
    assert len(message.content) < MAX_CONTENT_LENGTH


def test_the_branch_filter_keeps_matching_branches_and_every_tag() -> None:
    body = push_body(
        change("dev", newest_first(1)),
        change("release-2", newest_first(3)),
        change("v2", kind="tag"),
    )
    message = posted("repo:push", body, query={"branches": "main, release-*"})
    assert message.topic == "acme/widgets / release-2"
    assert "dev" not in message.content
    assert message.content.endswith(f"* pushed tag [v2]({BB}/branch/v2)")
    only_dev = push_body(change("dev", newest_first(1)), change("dev2", deleted=True))
    assert post("repo:push", only_dev, query={"branches": "main"}) is None


def test_a_deleted_branch_is_filtered_like_a_push() -> None:
    body = push_body(change("dev", deleted=True))
    assert post("repo:push", body, query={"branches": "main"}) is None
    assert posted("repo:push", body, query={"branches": "d*"}).content == (
        "**Ann Lee** deleted branch `dev`."
    )


@pytest.mark.parametrize(
    ("is_private", "option", "posts"),
    [
        (True, "true", False),
        (True, "yes", False),
        (True, "", True),
        (False, "true", True),
        (None, "true", False),  # unknown counts as private
        (None, "", True),
    ],
)
def test_private_repositories_are_ignored_on_request(
    is_private: bool | None, option: str, posts: bool
) -> None:
    body = push_body(change("main", newest_first(1)))
    if is_private is None:
        del body["repository"]["is_private"]
    else:
        body["repository"]["is_private"] = is_private
    query = {"ignore_private_repositories": option} if option else {}
    assert (post("repo:push", body, query=query) is not None) is posts


def test_every_event_honours_ignore_private_repositories() -> None:
    samples = {
        "issue:created": "issue_created.json",
        "issue:updated": "issue_updated.json",
        "issue:comment_created": "issue_commented.json",
        "repo:fork": "fork.json",
        "repo:updated": "repo_updated.json",
        "repo:commit_comment_created": "commit_comment_created.json",
        "repo:commit_status_updated": "commit_status_changed.json",
        "pullrequest:approved": "pull_request_approved_or_unapproved.json",
    }
    query = {"ignore_private_repositories": "true"}
    for event, name in samples.items():
        assert fixture(name)["repository"]["is_private"] is True
        assert post(event, fixture(name)) is not None
        assert post(event, fixture(name), query=query) is None, event
    for event in PULL_REQUEST_EVENTS:
        body = pr_body()
        body["repository"]["is_private"] = True
        assert post(event, body, query=query) is None, event


def test_a_change_without_old_or_new_names_the_field() -> None:
    body = push_body({"created": False, "closed": False, "old": None, "new": None})
    with pytest.raises(BadPayload, match=r"push\.changes\[0\]\.old"):
        post("repo:push", body)


def test_changes_that_are_not_a_list_name_the_field() -> None:
    body = push_body()
    body["push"]["changes"] = {"new": ref("main")}
    with pytest.raises(BadPayload, match=r"push\.changes: expected a list"):
        post("repo:push", body)


def test_an_actor_without_any_name_is_someone_but_a_missing_actor_is_an_error() -> None:
    body = push_body(change("main", newest_first(1)))
    body["actor"] = {"display_name": "", "nickname": ""}
    assert posted("repo:push", body).content.startswith("**Someone** pushed")
    del body["actor"]
    with pytest.raises(BadPayload, match=r"^actor: expected an object, but it is missing$"):
        post("repo:push", body)


# Pull requests -----------------------------------------------------------


def test_a_20000_character_description_is_quoted_as_an_excerpt() -> None:
    body = pr_body(description=("word " * 4000).strip(), title="t" * 300)
    message = posted("pullrequest:created", body)
    assert len(message.topic) == MAX_TOPIC_LENGTH
    assert message.topic.startswith("acme/widgets / PR #7 ttt")
    assert len(message.content) < 2000
    assert message.content.endswith(" …")


def test_a_20000_line_description_is_cut_to_a_dozen_lines() -> None:
    body = pr_body(description="\n".join(f"line {n}" for n in range(20_000)))
    message = posted("pullrequest:created", body)
    assert sum(line.startswith("> ") for line in message.content.splitlines()) == 12
    assert message.content.endswith("> line 11 …")


def test_a_pull_request_from_a_fork_names_the_fork() -> None:
    body = pr_body(
        source={"branch": {"name": "lazy-load"}, "repository": {"full_name": "bo/widgets"}}
    )
    message = posted("pullrequest:fulfilled", body)
    assert message.content == (
        f"**Ann Lee** merged [PR #7]({BB}/pull-requests/7) from `bo/widgets:lazy-load` into `main`."
    )


def test_reviewers_are_named_even_without_a_username() -> None:
    message = posted(
        "pullrequest:created", fixture("pull_request_created_or_updated_without_username.json")
    )
    reviewer = fixture("pull_request_created_or_updated_without_username.json")["pullrequest"][
        "reviewers"
    ][0]
    assert "nickname" not in reviewer
    assert "\n\nReview requested from **Tomasz Kolek**.\n\n" in message.content


def test_many_reviewers_are_counted_after_ten() -> None:
    body = pr_body(reviewers=[user(f"Reviewer {n}") for n in range(15)])
    message = posted("pullrequest:updated", body)
    assert "**Reviewer 9** and 5 others." in message.content
    assert "Reviewer 10" not in message.content
    one_more = pr_body(reviewers=[user(f"Reviewer {n}") for n in range(11)])
    assert "**Reviewer 9** and 1 other." in posted("pullrequest:updated", one_more).content


def test_a_reviewer_known_only_by_nickname() -> None:
    body = pr_body(reviewers=[{"nickname": "bo"}, {"display_name": None, "nickname": "cleo"}])
    assert (
        "Review requested from **bo** and **cleo**." in posted("pullrequest:created", body).content
    )
    # An update lists the reviewers as they are now: Bitbucket does not say what changed.
    assert "Reviewers: **bo** and **cleo**." in posted("pullrequest:updated", body).content


def test_a_decline_without_a_reason_has_no_reason_line() -> None:
    for reason in ("", "   ", None):
        message = posted("pullrequest:rejected", pr_body(reason=reason))
        assert message.content == f"**Ann Lee** declined [PR #7]({BB}/pull-requests/7)."


def test_a_push_to_a_pull_request_without_its_head_says_only_that() -> None:
    message = posted("pullrequest:push", pr_body())
    assert message.content == f"**Ann Lee** pushed new commits to [PR #7]({BB}/pull-requests/7)."


def test_a_comment_without_text_or_link_still_reads() -> None:
    body = pr_body()
    body["comment"] = {"content": {"raw": None}}
    message = posted("pullrequest:comment_created", body)
    assert message.content == f"**Ann Lee** commented on [PR #7]({BB}/pull-requests/7):"


@pytest.mark.parametrize("event", sorted(PULL_REQUEST_EVENTS))
def test_every_pull_request_event_posts_in_the_pull_requests_topic(event: str) -> None:
    message = posted(event, pr_body())
    assert message.topic == "acme/widgets / PR #7 Load widgets lazily"
    assert message.content.startswith("**Ann Lee** ")
    assert f"]({BB}/pull-requests/7)" in message.content


@pytest.mark.parametrize("event", sorted(PULL_REQUEST_EVENTS))
def test_a_pull_request_without_links_or_branches_still_posts(event: str) -> None:
    body = pr_body()
    for field in ("links", "source", "destination", "description", "reviewers"):
        del body["pullrequest"][field]
    if event in ("pullrequest:created", "pullrequest:fulfilled"):
        # Opening and merging name the branches, which these events always carry.
        with pytest.raises(BadPayload, match=r"pullrequest\.source"):
            post(event, body)
        return
    message = posted(event, body)
    assert "PR #7" in message.content
    assert "[PR #7]" not in message.content  # no page to link to


# Issues ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "head", "status_line"),
    [
        ("open", "resolved", "resolved", None),
        ("new", "closed", "closed", None),
        ("resolved", "open", "reopened", "Status: resolved → open"),
        ("closed", "new", "reopened", "Status: closed → new"),
        ("open", "wontfix", "updated", "Status: open → wontfix"),
        ("open", "on hold", "updated", "Status: open → on hold"),
        ("new", "open", "updated", "Status: new → open"),
    ],
)
def test_issue_status_changes(old: str, new: str, head: str, status_line: str | None) -> None:
    message = posted("issue:updated", issue_body({"status": {"old": old, "new": new}}))
    assert message.topic == "acme/widgets / issue #12 Thumbnails flicker"
    first, *rest = message.content.split("\n\n")
    assert first == f"**Bo Chen** {head} [issue #12]({BB}/issues/12)."
    assert rest == ([status_line] if status_line else [])


def test_an_issue_state_key_is_read_like_status() -> None:
    message = posted("issue:updated", issue_body({"state": {"old": "open", "new": "resolved"}}))
    assert message.content.startswith("**Bo Chen** resolved")


def test_issue_field_changes_are_listed_and_long_values_clipped() -> None:
    changes = {
        "title": {"old": "T" * 200, "new": "Thumbnails flicker"},
        "priority": {"old": "major", "new": "critical"},
        "assignee": {"old": None, "new": user("Bo Chen")},
        "milestone": {"old": {"name": "M1"}, "new": {"name": "M2"}},
        "version": {"old": 1, "new": [1, 2]},  # odd types are not fatal
    }
    message = posted("issue:updated", issue_body(changes))
    detail = message.content.split("\n\n")[1]
    assert detail.startswith("Title: " + "T" * 79 + "… → Thumbnails flicker; ")
    assert "Priority: major → critical; Assignee: none → Bo Chen; Milestone: M1 → M2" in detail
    assert detail.endswith("Version: 1 → (not shown)")


def test_an_issue_change_with_a_comment_quotes_the_comment_not_the_description() -> None:
    body = issue_body({"content": {"old": "a", "new": "b"}, "kind": {"old": "bug", "new": "task"}})
    body["comment"] = {"content": {"raw": "Rewrote it as a task."}}
    message = posted("issue:updated", body)
    assert message.content.split("\n\n")[1:] == [
        "Kind: bug → task. The description changed.",
        "> Rewrote it as a task.",
    ]


def test_a_bare_new_issue_has_no_summary_line() -> None:
    body = issue_body({})
    del body["changes"]
    body["issue"]["content"] = {"raw": ""}
    message = posted("issue:created", body)
    assert message.content == f"**Bo Chen** opened [issue #12]({BB}/issues/12)."
    body["issue"]["kind"] = "task"
    assert posted("issue:created", body).content.endswith("\n\nA task.")
    body["issue"]["assignee"] = user("@**all**")
    assert posted("issue:created", body).content.endswith(
        "\n\nA task. Assigned to **@&#42;&#42;all&#42;&#42;**."
    )


def test_a_20000_character_issue_stays_short() -> None:
    body = issue_body({})
    body["issue"]["content"] = {"raw": "x" * 20_000}
    body["issue"]["title"] = "y" * 500
    message = posted("issue:created", body)
    assert len(message.topic) == MAX_TOPIC_LENGTH
    assert len(message.content) < 2000


# Repository events -------------------------------------------------------


def test_repository_settings_of_every_type() -> None:
    body = {
        "actor": user("Ann Lee"),
        "repository": repo(),
        "changes": {
            "is_private": {"old": False, "new": True},
            "mainbranch": {"old": {"name": "master"}, "new": {"name": "main"}},
            "description": {"old": "", "new": "d" * 500},
            "links": {"old": {}, "new": {}},
        },
    }
    message = posted("repo:updated", body)
    assert bullets(message.content) == [
        "* Description: none → " + "d" * 79 + "…",
        "* Main branch: master → main",
        "* Private: no → yes",
    ]


def test_repository_settings_without_a_known_field_are_one_sentence() -> None:
    body = {"actor": user("Ann Lee"), "repository": repo(), "changes": {"links": {}}}
    assert posted("repo:updated", body).content == "**Ann Lee** changed the repository settings."


def test_a_transfer_without_the_previous_owner() -> None:
    body = {"actor": user("Ann Lee"), "repository": repo()}
    assert posted("repo:transfer", body).content == "**Ann Lee** transferred the repository."


@pytest.mark.parametrize(
    ("state", "result"),
    [
        ("SUCCESSFUL", "succeeded"),
        ("FAILED", "failed"),
        ("STOPPED", "was stopped"),
    ],
)
def test_build_states(state: str, result: str) -> None:
    message = posted("repo:commit_status_updated", status_body(state=state))
    assert message.content == f"[CI]({BB}/pipelines/1) {result}."
    assert message.topic == "acme/widgets"


def test_a_state_bitbucket_does_not_document_is_unsupported_by_name() -> None:
    with pytest.raises(UnsupportedEvent, match=re.escape("repo:commit_status_updated.PAUSED")):
        post("repo:commit_status_updated", status_body(state="PAUSED"))


@pytest.mark.parametrize("event", ["repo:commit_status_created", "repo:commit_status_updated"])
def test_a_build_in_progress_posts_nothing(event: str) -> None:
    # Its result follows in another status, as on the other services.
    processed = HOST.process(event, status_body(state="INPROGRESS"))
    assert processed.message is None
    assert processed.skipped == "The result follows."


def test_the_branch_filter_applies_to_build_statuses_of_branches() -> None:
    on_dev = status_body(refname="dev")
    assert post("repo:commit_status_updated", on_dev, query={"branches": "main"}) is None
    kept = posted("repo:commit_status_updated", on_dev, query={"branches": "d*"})
    assert kept.topic == "acme/widgets / dev"
    # A status that does not name its branch is not known to be left out.
    unnamed = posted("repo:commit_status_updated", status_body(), query={"branches": "main"})
    assert unnamed.topic == "acme/widgets"


def test_a_build_status_finds_its_commit_in_the_api_link_when_it_must() -> None:
    sha = "9fec847784abb10b2fa567ee63b85bd238955d0e"
    api = {
        "commit": {"href": f"https://api.bitbucket.org/2.0/repositories/acme/widgets/commit/{sha}"}
    }
    message = posted("repo:commit_status_created", status_body(links=api, refname="main"))
    assert message.topic == "acme/widgets / main"
    assert message.content == (
        f"[CI]({BB}/pipelines/1) succeeded on `main` for [9fec847]({BB}/commits/{sha})."
    )
    not_a_commit = {"commit": {"href": "https://api.bitbucket.org/2.0/oops"}}
    assert (
        " for " not in posted("repo:commit_status_created", status_body(links=not_a_commit)).content
    )


def test_a_build_status_without_a_name_or_link() -> None:
    message = posted("repo:commit_status_created", status_body(name=None, url=None, key="lint"))
    assert message.content == "**lint** succeeded."
    bare = posted("repo:commit_status_created", status_body(name="", url=None))
    assert bare.content == "**Build** succeeded."


# Untrusted text everywhere -----------------------------------------------


def attacked_bodies() -> dict[str, Any]:
    pr = pr_body(title=ATTACK, description=ATTACK, reason=ATTACK, reviewers=[user(ATTACK)])
    pr["actor"] = user(ATTACK)
    pr["comment"]["content"]["raw"] = ATTACK
    issue = issue_body({"title": {"old": ATTACK, "new": ATTACK}}, title=ATTACK, kind=ATTACK)
    issue["comment"]["content"]["raw"] = ATTACK
    push = push_body(change("main", [commit(1, ATTACK, ATTACK)]), change("v1", kind="tag"))
    push["actor"] = user(ATTACK)
    settings = {
        "actor": user(ATTACK),
        "repository": repo(),
        "changes": {"description": {"old": ATTACK, "new": ATTACK}},
    }
    status = status_body(name=ATTACK, description=ATTACK, refname="main")
    return {
        "repo:push": push,
        "pullrequest:created": pr,
        "pullrequest:rejected": pr,
        "pullrequest:comment_created": pr,
        "issue:updated": issue,
        "issue:created": issue,
        "repo:updated": settings,
        "repo:commit_status_updated": status,
    }


@pytest.mark.parametrize("event", sorted(attacked_bodies()))
def test_untrusted_text_renders_as_text(event: str) -> None:
    html = render(posted(event, attacked_bodies()[event]).content)
    assert "user-mention" not in html
    assert "javascript:" not in "".join(part.split('"')[0] for part in html.split("href=")[1:])
    assert "<b>" not in html
    assert "emoji" not in html


# Every fixture, under every key -------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_under_every_other_event_ends_cleanly(name: str) -> None:
    """A payload sent with the wrong event key ends in a message, nothing or a clean error."""
    body = fixture(name)
    for event in sorted(BITBUCKET_CLOUD_EVENTS):
        try:
            result = post(event, copy.deepcopy(body))
        except (BadPayload, UnsupportedEvent):
            continue
        assert result is None or isinstance(result, Message)
