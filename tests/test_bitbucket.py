"""Bitbucket Cloud: what the page's examples do not show.

The page (docs/integrations/bitbucket.md) shows one example per event; these
are the cases a reader would not want there: generated payloads beyond the
fixtures, long and odd payloads, the URL options at their edges, and the
declarations (which keys are handled, the signature scheme, the fixtures'
events, Zulip's names for the event filters).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import html
import re
from typing import Any

import pytest

from integrations.common.code_hosting import COMMIT_LIMIT
from integrations.core import BadPayload, Message, Unauthorized, UnsupportedEvent
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH
from integrations.core.registry import default_registry
from integrations.testing.webhooks import WebhookHarness, assert_inert
from integrations.zulip_markdown import render

HOST = WebhookHarness("bitbucket")
FIXTURES = sorted(path.name for path in HOST.fixtures.glob("*.json"))
ATTACK = "@**all** [x](javascript:alert(1)) [y](https://evil.example) <b>hi</b> **bold** :tada:"
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
IGNORED = {"pipeline:span_created", "project:updated"}
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
    # Bitbucket's display name may differ from the slug; topics use it, as Zulip's do.
    return {
        "name": "Widgets",
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


def test_every_bitbucket_cloud_event_is_declared() -> None:
    assert set(HOST.integration.events) == BITBUCKET_CLOUD_EVENTS
    for event in IGNORED:
        processed = HOST.process(event, {"actor": user("Ann Lee"), "repository": repo()})
        assert processed.message is None
        assert processed.skipped
    with pytest.raises(UnsupportedEvent, match="repo:frobbed"):
        post("repo:frobbed", {"actor": user("Ann Lee"), "repository": repo()})


def test_zulip_s_url_name_reaches_this_integration() -> None:
    assert default_registry().get("bitbucket2") is HOST.integration


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
    assert signed.topic == "Repository name / master"
    # The bare digest, without Bitbucket's algorithm prefix, is not its signature.
    with pytest.raises(Unauthorized, match="does not match"):
        HOST.post("repo:push", body, headers={"X-Hub-Signature": digest}, secret="s3cret")


# Pushes ------------------------------------------------------------------


def test_a_500_commit_push_lists_ten_and_counts_the_rest() -> None:
    message = posted("repo:push", push_body(change("main", newest_first(500))))
    assert message.topic == "Widgets / main"
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
    assert message.topic.startswith("Widgets / feature/xxx")
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
    assert moved.topic == "Widgets / releases"
    assert moved.content.startswith("**Ann Lee** pushed tag [v1](")
    hg = posted("repo:push", push_body(change("default", newest_first(1), kind="named_branch")))
    assert hg.topic == "Widgets / default"


def test_a_push_of_several_topics_goes_to_the_repository_s_topic() -> None:
    body = push_body(
        change("v2", kind="tag", created=True),
        change("main", newest_first(2)),
        change("old", deleted=True),
        change("dev", newest_first(1), forced=True),
    )
    message = posted("repo:push", body)
    # Neither a branch's topic nor releases is the place for the others' news.
    assert message.topic == "Widgets"
    first, also = message.content.split("\n\nAlso in this push:\n")
    assert first.startswith("**Ann Lee** pushed [2 commits]")
    # Branches with commits first, then deletions, then tags; the pusher is
    # named once, in the first sentence.
    assert also.splitlines() == [
        f"* force-pushed [dev]({BB}/branch/dev) from `bbbbbbb` to `ccccccc`",
        "* deleted branch `old`",
        f"* pushed tag [v2]({BB}/branch/v2)",
    ]


@pytest.mark.parametrize(
    "changes",
    [
        [change("main", newest_first(1)), change("v1", kind="tag")],
        [change("v1", kind="tag"), change("main", newest_first(1))],
        [change("main", deleted=True), change("v1", kind="tag", deleted=True)],
        [change("main", created=True), change("v1", kind="tag"), change("v2", kind="tag")],
        [change("main", newest_first(1), forced=True), change("v1", kind="tag")],
    ],
)
def test_a_tag_never_lands_in_a_branch_s_topic(changes: list[dict[str, Any]]) -> None:
    message = posted("repo:push", push_body(*changes))
    assert message.topic == "Widgets"
    assert "tag" in message.content
    assert "main" in message.content


def test_changes_of_one_topic_stay_in_it() -> None:
    tags = posted("repo:push", push_body(*(change(f"v{n}", kind="tag") for n in range(15))))
    assert tags.topic == "Widgets / releases"
    assert len(bullets(tags.content)) == COMMIT_LIMIT
    assert tags.content.endswith("[and 4 more]")
    # Bitbucket may list one branch twice (created, then pushed to): still one topic.
    twice = posted("repo:push", push_body(change("main", created=True), change("main")))
    assert twice.topic == "Widgets / main"


def test_without_new_commits_a_deletion_leads_and_lists_the_rest() -> None:
    deletion = posted("repo:push", push_body(change("v3", kind="tag"), change("old", deleted=True)))
    assert deletion.content == (
        "**Ann Lee** deleted branch `old`.\n\n"
        f"Also in this push:\n* pushed tag [v3]({BB}/branch/v3)"
    )


def test_a_push_of_many_refs_lists_ten_others_and_counts_the_rest() -> None:
    body = push_body(*(change(f"b{n}", newest_first(1)) for n in range(30)))
    message = posted("repo:push", body)
    assert message.topic == "Widgets"
    assert message.content.startswith("**Ann Lee** pushed [1 commit](")
    assert message.content.endswith("[and 19 more]")
    assert len(message.content) < MAX_CONTENT_LENGTH


def test_the_branch_filter_keeps_matching_branches_and_every_tag() -> None:
    body = push_body(
        change("dev", newest_first(1)),
        change("release-2", newest_first(3)),
        change("v2", kind="tag"),
    )
    message = posted("repo:push", body, query={"branches": "main, release-*"})
    assert message.topic == "Widgets"
    assert "dev" not in message.content
    assert message.content.endswith(f"* pushed tag [v2]({BB}/branch/v2)")
    # What the filter leaves decides the topic: here the one branch it keeps.
    one_left = posted(
        "repo:push", push_body(*body["push"]["changes"][:2]), query={"branches": "r*"}
    )
    assert one_left.topic == "Widgets / release-2"
    assert "Also in this push" not in one_left.content
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


@pytest.mark.parametrize(
    "actor", [{"display_name": "", "nickname": ""}, {"nickname": None}, {}, None, "missing"]
)
def test_an_actor_without_any_name_is_someone(actor: Any) -> None:
    body = push_body(change("main", newest_first(1)))
    if actor == "missing":
        del body["actor"]
    else:
        body["actor"] = actor
    assert posted("repo:push", body).content.startswith("**Someone** pushed")


# Pull requests -----------------------------------------------------------


def test_a_20000_character_description_is_quoted_as_an_excerpt() -> None:
    body = pr_body(description=("word " * 4000).strip(), title="t" * 300)
    message = posted("pullrequest:created", body)
    assert len(message.topic) == MAX_TOPIC_LENGTH
    assert message.topic.startswith("Widgets / PR #7 ttt")
    assert len(message.content) < 7000  # the body is cut to 6,000 characters
    assert message.content.endswith("\n\n…\n~~~")


def test_a_20000_line_description_is_cut_at_a_line() -> None:
    body = pr_body(description="\n".join(f"line {n}" for n in range(20_000)))
    message = posted("pullrequest:created", body)
    last = message.content.split("\n\n…\n~~~")[0].splitlines()[-1]
    assert re.fullmatch(r"line \d+", last)  # whole lines, then an ellipsis
    assert len(message.content) < 7000


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
    assert "with reviewers **bo** and **cleo**." in posted("pullrequest:updated", body).content


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
    assert message.topic == "Widgets / PR #7 Load widgets lazily"
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
    assert message.topic == "Widgets / issue #12 Thumbnails flicker"
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
        "~~~ quote\nRewrote it as a task.\n~~~",
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
    assigned = posted("issue:created", body).content
    assert assigned.endswith("\n\nA task. Assigned to **@all**.")  # read as a name, inert
    assert_inert(assigned)


def test_a_20000_character_issue_stays_short() -> None:
    body = issue_body({})
    body["issue"]["content"] = {"raw": "x" * 20_000}
    body["issue"]["title"] = "y" * 500
    message = posted("issue:created", body)
    assert len(message.topic) == MAX_TOPIC_LENGTH
    assert len(message.content) < 7000  # the body is cut to 6,000 characters


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
    assert posted("repo:updated", body).content == (
        f"**Ann Lee** changed the settings of [acme/widgets]({BB})."
    )


def test_a_transfer_without_the_previous_owner() -> None:
    body = {"actor": user("Ann Lee"), "repository": repo()}
    assert posted("repo:transfer", body).content == (
        f"**Ann Lee** transferred the repository; it is now [acme/widgets]({BB})."
    )


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
    assert message.topic == "Widgets"


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
    assert kept.topic == "Widgets / dev"
    # A status that does not name its branch is not known to be left out.
    unnamed = posted("repo:commit_status_updated", status_body(), query={"branches": "main"})
    assert unnamed.topic == "Widgets"


def test_a_build_status_finds_its_commit_in_the_api_link_when_it_must() -> None:
    sha = "9fec847784abb10b2fa567ee63b85bd238955d0e"
    api = {
        "commit": {"href": f"https://api.bitbucket.org/2.0/repositories/acme/widgets/commit/{sha}"}
    }
    message = posted("repo:commit_status_created", status_body(links=api, refname="main"))
    assert message.topic == "Widgets / main"
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


# Moving from Zulip's integration ------------------------------------------

# Zulip's names for Bitbucket's events (ALL_EVENT_TYPES of its bitbucket2 view).
ZULIP_EVENT_NAMES = {
    "push": "repo:push",
    "fork": "repo:fork",
    "repo:updated": "repo:updated",
    "commit_comment": "repo:commit_comment_created",
    "change_commit_status": "repo:commit_status_updated",
    "issue_created": "issue:created",
    "issue_updated": "issue:updated",
    "issue_commented": "issue:comment_created",
    "pull_request_created": "pullrequest:created",
    "pull_request_updated": "pullrequest:updated",
    "pull_request_approved": "pullrequest:approved",
    "pull_request_unapproved": "pullrequest:unapproved",
    "pull_request_fulfilled": "pullrequest:fulfilled",
    "pull_request_rejected": "pullrequest:rejected",
    "pull_request_comment_created": "pullrequest:comment_created",
    "pull_request_comment_updated": "pullrequest:comment_updated",
    "pull_request_comment_deleted": "pullrequest:comment_deleted",
}


def sample(event: str) -> dict[str, Any]:
    """A payload of ``event`` that posts a message."""
    if event.startswith("pullrequest:"):
        return pr_body()
    if event.startswith("issue:"):
        body = issue_body({"title": {"old": "Flicker", "new": "Thumbnails flicker"}})
        body["comment"] = {"content": {"raw": "Me too."}}
        return body
    fixtures = {
        "repo:fork": "fork.json",
        "repo:updated": "repo_updated.json",
        "repo:commit_comment_created": "commit_comment_created.json",
    }
    if event in fixtures:
        found: dict[str, Any] = fixture(fixtures[event])
        return found
    if event.startswith("repo:commit_status_"):
        return status_body()
    if event == "repo:push":
        return push_body(change("main", newest_first(1)))
    return {"actor": user("Ann Lee"), "repository": repo()}


POSTING_EVENTS = sorted(BITBUCKET_CLOUD_EVENTS - IGNORED)


@pytest.mark.parametrize(("name", "event"), sorted(ZULIP_EVENT_NAMES.items()))
def test_zulip_s_event_names_filter_the_same_deliveries(name: str, event: str) -> None:
    only, excluded = {"only_events": f'["{name}"]'}, {"exclude_events": f'["{name}"]'}
    assert post(event, sample(event), query=only) is not None
    assert post(event, sample(event), query=excluded) is None
    # No other event answers to the name: a Zulip URL filters exactly what it did.
    for other in POSTING_EVENTS:
        same = other == event or (name == "change_commit_status" and "commit_status" in other)
        if not same:
            assert post(other, sample(other), query=only) is None, (name, other)


def test_pull_request_events_zulip_does_not_post_follow_its_pattern() -> None:
    query = {"only_events": '["pull_request_*"]'}
    for event in ("pullrequest:comment_resolved", "pullrequest:changes_request_created"):
        assert post(event, pr_body(), query=query) is not None
    resolved = {"exclude_events": '["pull_request_comment_*"]'}
    assert post("pullrequest:comment_resolved", pr_body(), query=resolved) is None
    assert post("pullrequest:changes_request_removed", pr_body(), query=resolved) is not None


def test_a_pull_request_payload_that_carries_a_push_is_zulip_s_push() -> None:
    # Zulip names a delivery by its payload's keys: one with "push" is a push.
    body = pr_body()
    query = {"only_events": '["push"]'}
    assert post("pullrequest:push", body, query=query) is None
    body["push"] = {"changes": []}
    assert post("pullrequest:push", body, query=query) is not None


def test_bitbucket_s_names_and_zulip_s_mix_in_one_filter() -> None:
    query = {"only_events": "repo:fork,pull_request_fulfilled"}
    assert post("pullrequest:fulfilled", pr_body(), query=query) is not None
    assert post("repo:fork", fixture("fork.json"), query=query) is not None
    assert post("pullrequest:rejected", pr_body(), query=query) is None


def test_zulip_s_branch_lists_filter_each_change_of_a_push() -> None:
    # The URLs of Zulip's own tests: exact names, comma-separated.
    both = posted(
        "repo:push",
        fixture("more_than_one_push_event.json"),
        query={"branches": "master,development"},
    )
    assert both.topic == "Repository name"
    assert "Also in this push:\n* pushed tag [a](" in both.content
    # Zulip decides by the last change (the tag) and posts the tag; so does this.
    tag = posted(
        "repo:push",
        fixture("more_than_one_push_event.json"),
        query={"branches": "changes,development"},
    )
    assert tag.topic == "Repository name / releases"
    assert "master" not in tag.content
    assert (
        post("repo:push", fixture("push.json"), query={"branches": "changes,development"}) is None
    )


def test_topics_use_the_display_name_or_the_full_path_on_request() -> None:
    full = {"full_repository_name": "true"}
    for event in POSTING_EVENTS:
        topic = posted(event, sample(event)).topic
        fixture_name = sample(event)["repository"]["name"]
        assert topic.split(" / ")[0] == fixture_name, event
        full_topic = posted(event, sample(event), query=full).topic
        assert full_topic.split(" / ")[0] == sample(event)["repository"]["full_name"], event


def test_a_repository_without_a_display_name_is_named_by_its_slug() -> None:
    body = push_body(change("main", newest_first(1)))
    del body["repository"]["name"]
    assert posted("repo:push", body).topic == "widgets / main"
    body["repository"]["name"] = "Repository with spaces"
    assert posted("repo:push", body).topic == "Repository with spaces / main"
    del body["repository"]["full_name"]
    assert posted("repo:push", body, query={"full_repository_name": "true"}).topic == (
        "Repository with spaces / main"
    )


def test_sentences_name_repositories_by_their_full_path() -> None:
    fork = posted("repo:fork", fixture("fork.json"))
    assert fork.topic == "Repository name"
    assert "[kolaszek/repository-name2](" in fork.content
    created = posted("repo:created", sample("repo:created")).content
    assert created == f"**Ann Lee** created the repository [acme/widgets]({BB})."
    # A deleted repository's page is gone: its name is not a link.
    deleted = posted("repo:deleted", sample("repo:deleted")).content
    assert deleted == "**Ann Lee** deleted the repository **acme/widgets**."


# Pull requests as they stand ------------------------------------------------


def test_an_update_says_what_the_pull_request_now_is() -> None:
    body = pr_body(draft=True, reviewers=[user("Bo Chen")])
    message = posted("pullrequest:updated", body)
    assert message.content == (
        f"**Ann Lee** updated [PR #7]({BB}/pull-requests/7).\n\n"
        "Now: `lazy-load` into `main`, a draft, with reviewers **Bo Chen**.\n\n"
        "~~~ quote\nWidgets load when they scroll into view.\n~~~"
    )
    bare = pr_body(description="")
    for field in ("source", "destination", "reviewers"):
        del bare["pullrequest"][field]
    assert posted("pullrequest:updated", bare).content == (
        f"**Ann Lee** updated [PR #7]({BB}/pull-requests/7)."
    )


def test_a_draft_is_opened_as_a_draft() -> None:
    message = posted("pullrequest:created", pr_body(draft=True))
    assert message.content.startswith(
        f"**Ann Lee** opened [PR #7]({BB}/pull-requests/7) as a draft from `lazy-load` into `main`."
    )
    assert " draft" not in posted("pullrequest:created", pr_body(draft=False)).content


def test_a_push_to_a_pull_request_links_its_new_head() -> None:
    body = pr_body()
    body["pullrequest"]["source"]["commit"] = {"hash": "5a4b3c2d1e0f"}
    assert posted("pullrequest:push", body).content.endswith(
        f"`lazy-load` is now at [5a4b3c2]({BB}/commits/5a4b3c2d1e0f)."
    )


# Comments on pull requests --------------------------------------------------


def comment_body(author: str = "Ann Lee", **comment: Any) -> dict[str, Any]:
    body = pr_body()
    body["comment"] = {
        "content": {"raw": "Looks good"},
        "links": {"html": {"href": f"{BB}/pull-requests/7#comment-1"}},
        "user": user(author),
        **comment,
    }
    return body


@pytest.mark.parametrize(
    ("inline", "place"),
    [
        ({"path": "a.py", "from": None, "to": 12}, "`a.py` (line 12)"),
        ({"path": "a.py", "from": 8, "to": None}, "`a.py` (line 8)"),  # a removed line
        ({"path": "a.py"}, "`a.py`"),  # a comment on the whole file
        ({"path": "", "to": 3}, None),
        (None, None),
    ],
)
def test_a_comment_on_the_diff_names_its_file_and_line(
    inline: dict[str, Any] | None, place: str | None
) -> None:
    message = posted("pullrequest:comment_created", comment_body(inline=inline))
    where = f"on {place} in [PR #7]" if place else "on [PR #7]"
    assert message.content.startswith(
        f"**Ann Lee** [commented]({BB}/pull-requests/7#comment-1) {where}("
    )


def test_whose_comment_is_said_when_someone_else_acts_on_it() -> None:
    resolved = posted("pullrequest:comment_resolved", comment_body("Bo Chen")).content
    assert resolved.startswith(
        f"**Ann Lee** [resolved a comment]({BB}/pull-requests/7#comment-1) by **Bo Chen** on "
    )
    own = posted("pullrequest:comment_reopened", comment_body("Ann Lee")).content
    assert " by " not in own.split("\n")[0]
    deleted = posted("pullrequest:comment_deleted", comment_body("Bo Chen")).content
    assert deleted == (
        f"**Ann Lee** deleted a comment by **Bo Chen** on [PR #7]({BB}/pull-requests/7)."
    )
    # A new comment is always the actor's own.
    assert " by " not in posted("pullrequest:comment_created", comment_body("Bo Chen")).content


def test_a_commit_comment_finds_its_commit_in_the_comment() -> None:
    body = fixture("commit_comment_created.json")
    del body["commit"]
    message = posted("repo:commit_comment_created", body)
    assert "on commit [32c4ea1](" in message.content


def test_a_commit_given_as_its_hash_alone_links_to_the_repository_s_commit_page() -> None:
    body = fixture("commit_comment_created_hash_only.json")
    message = posted("repo:commit_comment_created", body)
    page = (
        "https://bitbucket.org/team_name/repo_name/commits/d3022fc0ca3d65c7f6654eea129d6bf0cf0ee08e"
    )
    assert f"on commit [d3022fc]({page}):" in message.content


# Untrusted text everywhere -----------------------------------------------


def attacked_bodies() -> dict[str, Any]:
    pr = pr_body(title=ATTACK, description=ATTACK, reason=ATTACK, reviewers=[user(ATTACK)])
    pr["actor"] = user(ATTACK)
    pr["comment"]["content"]["raw"] = ATTACK
    issue = issue_body(
        {"title": {"old": ATTACK, "new": ATTACK}},
        title=ATTACK,
        kind=ATTACK,
        content={"raw": ATTACK},
    )
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


# The events whose message quotes a body (a description or a comment) written in Markdown.
QUOTING = {"issue:created", "issue:updated", "pullrequest:comment_created", "pullrequest:created"}
QUOTE = re.compile(r"<blockquote>.*?</blockquote>", re.DOTALL)


def shown(page: str) -> str:
    """The text a reader sees in rendered HTML."""
    return html.unescape(re.sub(r"<[^>]*>", "", page))


@pytest.mark.parametrize("event", sorted(attacked_bodies()))
def test_untrusted_text_renders_as_text(event: str) -> None:
    content = posted(event, attacked_bodies()[event]).content
    assert_inert(content)  # nobody is pinged, no odd link, no HTML from the payload
    page = render(content)
    assert ">x</a>" not in page  # [x](javascript:...) made no link, in a title or a body
    # Titles, names and kinds read as written, the mention as a plain name...
    outside = QUOTE.sub("", page)
    assert "@all [x](javascript:alert(1)) [y](https://evil.example) <b>hi</b> **bold**" in (
        shown(outside)
    )
    # ...and make no markup of their own: no bold, no link but the bare address.
    assert "<strong>hi</strong>" not in outside
    assert "<strong>bold</strong>" not in outside
    assert ">y</a>" not in outside
    # A body keeps its author's Markdown, <b> as bold too, and pings nobody.
    quoted = "".join(QUOTE.findall(page))
    assert bool(quoted) == (event in QUOTING)
    if quoted:
        assert '<a href="https://evil.example">y</a> <strong>hi</strong> <strong>bold</strong>' in (
            quoted
        )
        assert shown(quoted).split()[0] == "@all"


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
