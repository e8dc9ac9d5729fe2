"""Focused tests of the GitLab integration: what the page's examples do not show.

Payloads far beyond the fixtures (huge pushes, long texts, every edit and
status GitLab sends, odd and missing fields), old payload shapes, the
events a system hook or a sample names in its payload, and the URL options
at their edges. What every fixture posts is the shared fixture test's.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from integrations.core import BadPayload, IntegrationError, Message, Payload, UnsupportedEvent
from integrations.core.message import MAX_TOPIC_LENGTH
from integrations.testing.webhooks import WebhookHarness
from integrations.webhooks.gitlab.declaration import system_event
from integrations.zulip_markdown import render

GITLAB = WebhookHarness("gitlab")

ATTACK = "@**all** [x](javascript:alert(1)) <b>hi</b> :tada:"
PROJECT = {
    "name": "my-awesome-project",
    "web_url": "https://gitlab.com/tomaszkolek0/my-awesome-project",
    "path_with_namespace": "tomaszkolek0/my-awesome-project",
    "visibility_level": 20,
}
IGNORE = {"ignore_private_repositories": "true"}


def test_the_integration_declares_the_token_header() -> None:
    signature = GITLAB.integration.signature
    assert signature is not None
    assert signature.header == "X-Gitlab-Token"
    request = GITLAB.request("Push Hook", {})
    assert signature.sign(request, "s3cret") == {"X-Gitlab-Token": "s3cret"}


# Fixtures, beyond what their examples show ----------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "issue_hook__issue_created_with_assignee.json",
        "issue_hook__issue_created_without_assignee.json",
        "issue_hook__confidential_issue_reopened.json",
        "issue_hook__confidential_issue_created_without_assignee.json",
        "issue_hook__confidential_issue_created_with_hidden_comment_in_description.json",
    ],
)
def test_issue_fixtures_read_the_same_under_either_issue_event(name: str) -> None:
    body = GITLAB.fixture(name)
    assert GITLAB.message("Issue Hook", body) == GITLAB.post("Confidential Issue Hook", body)


def test_confidential_fixtures_say_so() -> None:
    posted = GITLAB.message(
        "Confidential Issue Hook", GITLAB.fixture("issue_hook__confidential_issue_reopened.json")
    )
    assert posted.content.startswith("**Joe Bloggs** reopened confidential [issue #1]")
    hidden = GITLAB.message(
        "Confidential Issue Hook",
        GITLAB.fixture(
            "issue_hook__confidential_issue_created_with_hidden_comment_in_description.json"
        ),
    )
    assert "hidden comment in it!" in hidden.content
    assert "multiline" not in hidden.content
    assert "&lt;!--" not in hidden.content


def test_two_assignees_and_a_repeated_one() -> None:
    two = GITLAB.message(
        "Issue Hook", GITLAB.fixture("issue_hook__issue_created_with_two_assignees.json")
    )
    assert "Assigned to **Adam Birds** and **Eeshan Garg**." in two.content
    # This fixture lists the same person twice; the message names them once.
    repeated = GITLAB.message(
        "Merge Request Hook",
        GITLAB.fixture("merge_request_hook__merge_request_created_with_multiple_assignees.json"),
    )
    assert "Assigned to **Hemanth V. Alluri**.\n" in repeated.content


@pytest.mark.parametrize(
    "name",
    [
        "system_hook__merge_request_closed.json",
        "system_hook__merge_request_created_without_assignee.json",
    ],
)
def test_system_hook_merge_requests_read_like_project_ones(name: str) -> None:
    body = GITLAB.fixture(name)
    posted = GITLAB.message("System Hook", body)
    assert posted == GITLAB.post("Merge Request Hook", body)


def test_the_old_snippet_comment_gets_its_snippet_s_address() -> None:
    # Before GitLab 16.1 a snippet has no URL; its page is the project's snippets/<id>.
    posted = GITLAB.message("Note Hook", GITLAB.fixture("note_hook__snippet_note_old.json"))
    assert posted.topic == "my-awesome-project / snippet #2 test"
    assert (
        "on snippet [test](https://gitlab.com/tomaszkolek0/my-awesome-project/-/snippets/2):"
        in posted.content
    )


def test_a_pipeline_of_the_old_shape_and_its_result() -> None:
    posted = GITLAB.message(
        "Pipeline Hook", GITLAB.fixture("pipeline_hook__pipeline_succeeded.json")
    )
    assert posted.topic == "my-awesome-project / master"
    assert posted.content.startswith("[Pipeline #4414206](https://gitlab.com/")
    assert "succeeded on `master`" in posted.content


def test_the_job_fixtures_name_the_project_by_its_path() -> None:
    # Old job payloads have no project; the path comes from the homepage.
    assert GITLAB.post("Job Hook", GITLAB.fixture("build_created.json")) is None
    assert GITLAB.post("Job Hook", GITLAB.fixture("build_started.json")) is None
    posted = GITLAB.message("Job Hook", GITLAB.fixture("build_succeeded.json"))
    assert posted.topic == "my-awesome-project / master"


def test_the_approval_that_no_longer_meets_the_rules_reads_like_any_withdrawal() -> None:
    posted = GITLAB.message(
        "Merge Request Hook", GITLAB.fixture("merge_request_hook__merge_request_unapproved.json")
    )
    assert posted.content.startswith("**Eeshan Garg** withdrew their approval of [MR #1](")


def test_the_other_committers_fixture_names_only_other_authors() -> None:
    posted = GITLAB.message("Push Hook", GITLAB.fixture("push_hook__push_multiple_committers.json"))
    lines = [line for line in posted.content.splitlines() if line.startswith("* ")]
    assert not lines[0].endswith("— Tomasz Kolek")
    assert lines[1].endswith("— Ben")


def test_a_push_with_the_same_before_and_after_links_no_empty_comparison() -> None:
    # Tekton's sample: a push of one commit whose before and after are that commit.
    posted = GITLAB.message("Push Hook", GITLAB.fixture("push_hook__same_before_and_after.json"))
    assert posted.topic == "triggers / main"
    assert posted.content.startswith(
        "**Dibyo Mukherjee** pushed 1 commit to [main](https://gitlab.com/dibyom/triggers/-/tree/main)."
    )
    assert "/-/compare/" not in posted.content


# Limits: huge pushes, long texts, long names -----------------------------------


def push_body(count: int, *, listed: int | None = None, branch: str = "main") -> dict[str, Any]:
    commits = [
        {
            "id": f"{n:040x}",
            "message": f"{ATTACK} {n}\n\nbody " + "x" * 300,
            "url": f"https://gitlab.com/o/p/-/commit/{n:040x}",
            "author": {"name": f"Author {n}", "email": "a@example.com"},
        }
        for n in range(1, (listed if listed is not None else count) + 1)
    ]
    return {
        "object_kind": "push",
        "before": "1" * 40,
        "after": "2" * 40,
        "ref": f"refs/heads/{branch}",
        "checkout_sha": "2" * 40,
        "user_name": "Tomasz Kolek",
        "project": PROJECT,
        "commits": commits,
        "total_commits_count": count,
    }


def test_a_500_commit_push_as_gitlab_sends_it() -> None:
    # GitLab lists 20 commits and counts all of them.
    posted = GITLAB.message("Push Hook", push_body(500, listed=20))
    assert "pushed [500 commits]" in posted.content
    assert sum(line.startswith("* ") for line in posted.content.splitlines()) == 10
    assert posted.content.endswith("[and 490 more commits]")
    assert len(posted.content) < 4000


def test_a_push_listing_500_commits_stays_within_limits() -> None:
    posted = GITLAB.message("Push Hook", push_body(500))
    assert posted.content.endswith("[and 490 more commits]")
    assert "user-mention" not in render(posted.content)


def test_a_200_character_branch_name() -> None:
    branch = "feature/" + "very-long-name-" * 13
    assert len(branch) >= 200
    posted = GITLAB.message("Push Hook", push_body(3, branch=branch))
    assert len(posted.topic) == MAX_TOPIC_LENGTH
    assert posted.topic.startswith("my-awesome-project / feature/very-long")
    assert posted.topic.endswith("...")
    # The content names the whole branch, once in the link text.
    assert posted.content.count(branch) == 2  # link text and the tree URL


def merge_request_body(**attributes: Any) -> dict[str, Any]:
    return {
        "object_kind": "merge_request",
        "user": {"name": "Tomasz Kolek", "username": "tomaszkolek0"},
        "project": PROJECT,
        "object_attributes": {
            "iid": 7,
            "title": "Speed up the build",
            "url": "https://gitlab.com/tomaszkolek0/my-awesome-project/-/merge_requests/7",
            "source_branch": "fast",
            "target_branch": "main",
            "description": "",
            "action": "open",
            **attributes,
        },
    }


def issue_body(**attributes: Any) -> dict[str, Any]:
    return {
        "object_kind": "issue",
        "user": {"name": "Tomasz Kolek", "username": "tomaszkolek0"},
        "project": PROJECT,
        "object_attributes": {
            "iid": 9,
            "title": "The build is slow",
            "url": "https://gitlab.com/tomaszkolek0/my-awesome-project/-/issues/9",
            "description": "",
            "confidential": False,
            "action": "open",
            **attributes,
        },
    }


@pytest.mark.parametrize(
    ("event", "body"),
    [
        ("Merge Request Hook", merge_request_body(description="word " * 4000)),
        ("Issue Hook", issue_body(description="word " * 4000)),
        ("Merge Request Hook", merge_request_body(description="line\n" * 4000)),
        ("Issue Hook", issue_body(description=("a" * 19_999) + " b")),
    ],
)
def test_a_20000_character_description_is_quoted_and_cut(event: str, body: dict[str, Any]) -> None:
    assert len(body["object_attributes"]["description"]) >= 20_000
    posted = GITLAB.message(event, body)
    assert len(posted.content) < 7000  # the body is cut to 6,000 characters
    assert posted.content.endswith("\n\n…\n~~~")


def test_a_300_character_title_fits_the_topic() -> None:
    posted = GITLAB.message("Merge Request Hook", merge_request_body(title="t" * 300))
    assert len(posted.topic) == MAX_TOPIC_LENGTH
    assert posted.topic.startswith("my-awesome-project / MR #7 ttt")


def test_many_assignees_are_counted() -> None:
    body = issue_body()
    body["assignees"] = [{"name": f"Person {n}"} for n in range(25)]
    posted = GITLAB.message("Issue Hook", body)
    assert "**Person 9** and 15 others." in posted.content


def test_untrusted_text_renders_as_text() -> None:
    body = merge_request_body(title=ATTACK, description=ATTACK, source_branch=ATTACK)
    body["user"]["name"] = ATTACK
    html = render(GITLAB.message("Merge Request Hook", body).content)
    assert "user-mention" not in html
    assert "javascript:" not in html.split("href=", 1)[-1].split(">", 1)[0]
    assert "<b>" not in html
    assert 'class="emoji"' not in html


# Merge request actions and edits the fixtures lack ------------------------------


def test_a_draft_with_reviewers_is_opened_as_a_draft() -> None:
    body = merge_request_body(draft=True)
    body["reviewers"] = [{"name": "Eeshan Garg"}, {"name": "Tim Abbott"}]
    posted = GITLAB.message("Merge Request Hook", body)
    assert posted.content.startswith("**Tomasz Kolek** opened draft [MR #7]")
    assert "Review requested from **Eeshan Garg** and **Tim Abbott**." in posted.content


def update(changes: dict[str, Any]) -> dict[str, Any]:
    body = merge_request_body(action="update")
    body["changes"] = changes
    return body


ANN = [{"name": "Ann"}]


@pytest.mark.parametrize(
    ("changes", "head", "detail"),
    [
        (
            {"title": {"previous": "Old", "current": "New"}},
            "edited [MR #7]",
            "Renamed from **Old**.",
        ),
        (
            {"description": {"previous": "a", "current": "b"}},
            "edited the description of [MR #7]",
            "~~~ quote\nb\n~~~",
        ),
        (
            {"description": {"previous": "a", "current": "<!-- template -->\n"}},
            "removed the description of [MR #7]",
            None,
        ),
        (
            {"discussion_locked": {"previous": False, "current": True}},
            "locked the discussion on [MR #7]",
            None,
        ),
        ({"assignees": {"previous": [], "current": ANN}}, "assigned **Ann** to [MR #7]", None),
        ({"assignees": {"previous": ANN, "current": []}}, "unassigned **Ann** from [MR #7]", None),
        (
            {"assignees": {"previous": [], "current": [{"name": "Tomasz Kolek"}]}},
            "assigned themselves to [MR #7]",
            None,
        ),
        (
            {"assignees": {"previous": ANN, "current": [{"name": "Bo"}]}},
            "changed the assignees of [MR #7]",
            "Assigned now: **Bo**.",
        ),
        (
            {"reviewers": {"previous": [], "current": ANN}},
            "requested a review from **Ann** on [MR #7]",
            None,
        ),
        (
            {"reviewers": {"previous": ANN, "current": []}},
            "withdrew the review request for **Ann** on [MR #7]",
            None,
        ),
        (
            {"labels": {"previous": [], "current": [{"title": "bug"}, {"title": "ui"}]}},
            "added the labels `bug` and `ui` to [MR #7]",
            None,
        ),
        (
            {"labels": {"previous": [{"title": "bug"}], "current": []}},
            "removed the label `bug` from [MR #7]",
            None,
        ),
        (
            {"labels": {"previous": [{"title": "bug"}], "current": [{"title": "ui"}]}},
            "changed the labels of [MR #7]",
            "Labels now: `ui`.",
        ),
        (
            {"target_branch": {"previous": "main", "current": "stable"}},
            "edited [MR #7]",
            "The target branch is now `stable` (was `main`).",
        ),
        (
            {
                "work_in_progress": {"previous": False, "current": True},
                "draft": {"previous": False, "current": True},
            },
            "converted [MR #7](https://gitlab.com/tomaszkolek0/my-awesome-project/-/merge_requests/7) to a draft.",
            None,
        ),
        (
            {"draft": {"previous": True, "current": False}},
            "marked [MR #7](https://gitlab.com/tomaszkolek0/my-awesome-project/-/merge_requests/7) as ready for review.",
            None,
        ),
    ],
)
def test_one_edit_is_told_in_the_words_the_other_services_use(
    changes: dict[str, Any], head: str, detail: str | None
) -> None:
    posted = GITLAB.message("Merge Request Hook", update(changes))
    first, _, rest = posted.content.partition("\n\n")
    assert first.startswith(f"**Tomasz Kolek** {head}")
    assert rest == (detail or "")


def test_several_edits_are_listed_after_updated() -> None:
    changes = {
        "labels": {"previous": [], "current": [{"title": "bug"}]},
        "assignees": {"previous": [], "current": ANN},
    }
    posted = GITLAB.message("Merge Request Hook", update(changes))
    assert posted.content.endswith(").\n\nAssigned now: **Ann**. Labels now: `bug`.")
    assert posted.content.startswith("**Tomasz Kolek** updated [MR #7]")


def test_a_draft_change_claimed_by_an_issue_is_told_by_its_summary() -> None:
    body = issue_body(action="update")
    body["changes"] = {"draft": {"previous": False, "current": True}}
    posted = GITLAB.message("Issue Hook", body)
    assert posted.content.endswith(").\n\nMarked as draft.")
    assert " updated [issue #" in posted.content


def test_bookkeeping_and_empty_changes_post_nothing() -> None:
    assert GITLAB.post("Merge Request Hook", update({})) is None
    assert (
        GITLAB.post("Merge Request Hook", update({"updated_at": {"previous": 1, "current": 2}}))
        is None
    )


def test_an_update_with_new_commits_but_no_last_commit() -> None:
    posted = GITLAB.message(
        "Merge Request Hook", merge_request_body(action="update", oldrev="a" * 40)
    )
    assert posted.content == (
        "**Tomasz Kolek** pushed new commits to "
        "[MR #7](https://gitlab.com/tomaszkolek0/my-awesome-project/-/merge_requests/7)."
    )


def test_an_unknown_merge_request_action_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent) as error:
        GITLAB.post("Merge Request Hook", merge_request_body(action="teleport"))
    assert error.value.event == "Merge Request Hook.teleport"


def test_a_merge_request_of_gitlab_8_names_its_target_project() -> None:
    # GitLab 8 sent no ``project`` with merge requests, only object_attributes.target.
    body = GITLAB.fixture("merge_request_hook__approved_gitlab_8.json")
    assert "project" not in body
    posted = GITLAB.message("Merge Request Hook", body)
    assert posted.topic == "Awesome Project / MR #1 MS-Viewport"
    assert posted.content.startswith("**Administrator** approved [MR #1](")
    # Without a target either, the error names the missing project.
    del body["object_attributes"]["target"]
    with pytest.raises(BadPayload, match=r"^project: "):
        GITLAB.post("Merge Request Hook", body)


@pytest.mark.parametrize(
    ("action", "system_action", "sentence"),
    [
        ("unapproval", "approvals_reset_on_push", "The approvals of [MR #1]("),
        ("unapproved", "code_owner_approvals_reset_on_push", "The code owners' approvals of [MR"),
        ("unapproval", None, "The approvals of [MR #1]("),
        ("unapproved", "something_new", "The approvals of [MR #1]("),
    ],
)
def test_approvals_gitlab_resets_itself_name_nobody(
    action: str, system_action: str | None, sentence: str
) -> None:
    body = GITLAB.fixture("merge_request_hook__approvals_reset_on_push.json")
    body["object_attributes"]["action"] = action
    body["object_attributes"]["system_action"] = system_action
    posted = GITLAB.message("Merge Request Hook", body)
    assert posted.content.startswith(sentence)
    assert "Eeshan" not in posted.content
    assert ("no longer has all the approvals" in posted.content) == (action == "unapproved")


def test_a_person_s_withdrawal_is_not_a_reset() -> None:
    body = GITLAB.fixture("merge_request_hook__approvals_reset_on_push.json")
    body["object_attributes"]["system"] = False
    posted = GITLAB.message("Merge Request Hook", body)
    assert posted.content.startswith("**Eeshan Garg** withdrew their approval of [MR #1](")


def review_update(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "object_kind": "merge_request",
        "user": {"name": "User1", "username": "user1"},
        "project": PROJECT,
        "object_attributes": {"iid": 16, "title": "Validate", "action": "update"},
        "changes": {"reviewers": [before, after]},
    }


def reviewer(name: str, state: str, *, again: bool = False) -> dict[str, Any]:
    return {"name": name, "username": name.lower(), "state": state, "re_requested": again}


@pytest.mark.parametrize(
    ("before", "after", "content"),
    [
        # The reviewer's own review, as GitLab's documentation shows it.
        (
            [reviewer("User1", "review_started")],
            [reviewer("User1", "reviewed")],
            "**User1** reviewed",
        ),
        # Another reviewer's state, changed by someone else.
        (
            [reviewer("Bo", "review_started")],
            [reviewer("Bo", "requested_changes")],
            "**User1** updated MR #16.\n\n**Bo** requested changes.",
        ),
        # A reviewer added or removed in the two-list shape.
        ([], [reviewer("Bo", "unreviewed")], "**User1** requested a review from **Bo** on"),
        ([reviewer("Bo", "unreviewed")], [], "**User1** withdrew the review request for **Bo**"),
    ],
)
def test_review_states_in_the_two_list_shape(
    before: list[dict[str, Any]], after: list[dict[str, Any]], content: str
) -> None:
    assert GITLAB.message("Merge Request Hook", review_update(before, after)).content.startswith(
        content
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ([reviewer("User1", "unreviewed")], [reviewer("User1", "review_started")]),
        ([reviewer("User1", "review_started")], [reviewer("User1", "approved")]),
        ([reviewer("User1", "approved")], [reviewer("User1", "unapproved")]),
        ([reviewer("User1", "reviewed")], [reviewer("User1", "reviewed")]),
        ([], []),
    ],
)
def test_review_states_gitlab_keeps_for_itself_post_nothing(
    before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> None:
    assert GITLAB.post("Merge Request Hook", review_update(before, after)) is None


def test_a_reviewers_list_of_one_half_is_read_as_far_as_it_goes() -> None:
    body = review_update([], [])
    body["changes"]["reviewers"] = [[reviewer("Bo", "unreviewed")]]
    posted = GITLAB.message("Merge Request Hook", body)
    assert posted.content.startswith("**User1** withdrew the review request for **Bo**")


def test_auto_merge_cancelled_posts_nothing_and_set_joins_other_edits() -> None:
    body = review_update([], [])
    body["changes"] = {"merge_when_pipeline_succeeds": {"previous": True, "current": False}}
    assert GITLAB.post("Merge Request Hook", body) is None
    body["changes"] = {
        "merge_when_pipeline_succeeds": {"previous": False, "current": True},
        "title": {"previous": "Old", "current": "Validate"},
    }
    content = GITLAB.message("Merge Request Hook", body).content
    assert "Set to auto-merge." in content
    assert "Renamed from **Old**." in content


# Issues the fixtures lack ----------------------------------------------------------


def test_issue_edits() -> None:
    body = issue_body(action="update")
    body["changes"] = {
        "due_date": {"previous": None, "current": "2025-01-31"},
        "confidential": {"previous": False, "current": True},
    }
    posted = GITLAB.message("Issue Hook", body)
    assert posted.content.endswith("Due date: 2025-01-31. Made confidential.")
    body["changes"] = {"due_date": {"previous": "2025-01-31", "current": None}}
    assert GITLAB.message("Issue Hook", body).content.endswith("Due date removed.")
    body["changes"] = {"total_time_spent": {"previous": 0, "current": 60}}
    assert GITLAB.post("Issue Hook", body) is None


def test_an_unknown_issue_action_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match=re.escape("Issue Hook.archive")):
        GITLAB.post("Issue Hook", issue_body(action="archive"))


def test_work_items() -> None:
    task = issue_body(type="Task")
    task["object_kind"] = "work_item"
    assert GITLAB.message("Issue Hook", task).topic.endswith("/ issue #9 The build is slow")
    assert "opened [issue #9](" in GITLAB.message("Issue Hook", task).content
    assert GITLAB.message("Issue Hook", task).content.split("\n")[0].endswith(") (a task).")
    # A group's epic has no project: it posts in the group its page belongs to.
    epic = copy.deepcopy(task)
    epic["project"] = None
    epic["object_attributes"].update(
        type="Epic", url="https://gitlab.example.com/gitlab/groups/acme/web/-/epics/5"
    )
    posted = GITLAB.message("Issue Hook", epic)
    assert posted.topic == "web / issue #9 The build is slow"
    assert "[issue #9](https://gitlab.example.com/gitlab/groups/acme/web/-/epics/5) (an epic)" in (
        posted.content
    )
    full = GITLAB.message("Issue Hook", epic, query={"full_repository_name": "true"})
    assert full.topic == "acme/web / issue #9 The build is slow"
    # Without a page to say which group, there is nowhere to post it.
    epic["object_attributes"]["url"] = None
    assert GITLAB.post("Issue Hook", epic) is None
    # An issue without its project is a broken payload, not a group's work item.
    broken = issue_body()
    del broken["project"]
    with pytest.raises(BadPayload, match="project: expected an object, but it is missing"):
        GITLAB.post("Issue Hook", broken)


# Confidentiality and ignore_private_repositories -----------------------------------


def test_confidential_issues_post_unless_private_ones_are_ignored() -> None:
    body = issue_body(confidential=True)  # in a public project
    posted = GITLAB.message("Confidential Issue Hook", body)
    assert "opened confidential [issue #9]" in posted.content
    assert GITLAB.post("Confidential Issue Hook", body, query=IGNORE) is None
    # The payload's flag is enough, whatever the header says.
    assert GITLAB.post("Issue Hook", body, query=IGNORE) is None
    assert GITLAB.post("Issue Hook", issue_body(), query=IGNORE) is not None


def test_comments_on_confidential_issues_are_private_too() -> None:
    body = GITLAB.fixture("note_hook__issue_note.json")
    body["project"]["visibility_level"] = 20
    assert GITLAB.post("Note Hook", body, query=IGNORE) is not None
    secret = copy.deepcopy(body)
    secret["issue"]["confidential"] = True
    assert GITLAB.post("Note Hook", secret, query=IGNORE) is None
    internal = copy.deepcopy(body)
    internal["event_type"] = "confidential_note"  # an internal note
    assert GITLAB.post("Note Hook", internal, query=IGNORE) is None
    # Newer GitLab also marks the note itself, in object_attributes.internal.
    flagged = copy.deepcopy(body)
    flagged["object_attributes"]["internal"] = True
    assert GITLAB.post("Note Hook", flagged, query=IGNORE) is None
    flagged["object_attributes"]["internal"] = False
    assert GITLAB.post("Note Hook", flagged, query=IGNORE) is not None


def test_the_confidential_events_are_private_whatever_the_payload_says() -> None:
    body = issue_body()  # in a public project, and not flagged
    assert GITLAB.post("Issue Hook", body, query=IGNORE) is not None
    assert GITLAB.post("Confidential Issue Hook", body, query=IGNORE) is None
    # Without the option the header changes nothing: the payload says what to write.
    assert GITLAB.post("Confidential Issue Hook", body) == GITLAB.post("Issue Hook", body)
    note = GITLAB.fixture("note_hook__issue_note.json")
    note["project"]["visibility_level"] = 20
    assert GITLAB.post("Note Hook", note, query=IGNORE) is not None
    assert GITLAB.post("Confidential Note Hook", note, query=IGNORE) is None


@pytest.mark.parametrize(
    # Only public projects post: internal ones are visible to signed-in users only.
    ("level", "posted"),
    [(0, False), (10, False), (20, True), (None, False), ("gone", False)],
)
def test_visibility_levels(level: object, posted: bool) -> None:
    body = push_body(1)
    body["project"] = dict(PROJECT)
    if level == "gone":
        del body["project"]["visibility_level"]
    else:
        body["project"]["visibility_level"] = level
    assert (GITLAB.post("Push Hook", body, query=IGNORE) is not None) is posted


def test_without_the_option_visibility_is_not_even_read() -> None:
    body = push_body(1)
    body["project"] = {**PROJECT, "visibility_level": "private"}
    assert GITLAB.post("Push Hook", body) is not None
    with pytest.raises(BadPayload, match=r"project\.visibility_level: expected an integer"):
        GITLAB.post("Push Hook", body, query=IGNORE)


# Branch filter ------------------------------------------------------------------


def test_the_branch_filter_applies_to_deletions_and_creations() -> None:
    query = {"branches": "main"}
    assert (
        GITLAB.post("Push Hook", GITLAB.fixture("push_hook__remove_branch.json"), query=query)
        is None
    )
    created = GITLAB.fixture("push_hook__push_local_branch_without_commits.json")
    assert GITLAB.post("Push Hook", created, query=query) is None
    assert GITLAB.post("Push Hook", created, query={"branches": "main, chan*"}) is not None


def test_the_branch_filter_does_not_touch_tags() -> None:
    assert GITLAB.post(
        "Tag Push Hook", GITLAB.fixture("tag_push_hook__add_tag.json"), query={"branches": "x"}
    )


def pipeline_body(status: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = GITLAB.fixture("pipeline_hook__pipeline_succeeded.json")
    body["object_attributes"]["status"] = status
    body.update(extra)
    return body


def test_the_branch_filter_applies_to_branch_pipelines_and_jobs() -> None:
    query = {"branches": "release-*"}
    assert GITLAB.post("Pipeline Hook", pipeline_body("failed"), query=query) is None
    assert GITLAB.post("Job Hook", GITLAB.fixture("build_succeeded.json"), query=query) is None
    assert GITLAB.post("Pipeline Hook", pipeline_body("failed"), query={"branches": "master"})


def test_merge_request_and_tag_pipelines_ignore_the_branch_filter() -> None:
    merge_request = {"iid": 5, "title": "Search", "url": "https://gitlab.com/x/-/merge_requests/5"}
    body = pipeline_body("success", merge_request=merge_request)
    posted = GITLAB.message("Pipeline Hook", body, query={"branches": "main"})
    assert posted.topic == "my-awesome-project / MR #5 Search"
    tagged = pipeline_body("success")
    tagged["object_attributes"].update(ref="v1.0", tag=True)
    posted = GITLAB.message("Pipeline Hook", tagged, query={"branches": "main"})
    assert posted.topic == "my-awesome-project / releases"
    assert "on `v1.0`" in posted.content


def test_a_job_of_a_merge_request_pipeline_ignores_the_branch_filter() -> None:
    body = job_body(
        "failed", ref="refs/merge-requests/5/head", build_failure_reason="unknown_failure"
    )
    posted = GITLAB.message("Job Hook", body, query={"branches": "main"})
    # Its merge request's title is not in the payload: the project's topic.
    assert posted.topic == "gitlab_test"
    assert " failed for [" in posted.content
    assert posted.content.endswith("\n\nPipeline of MR #5. Stage: test.")


# CI statuses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("success", "succeeded"),
        ("failed", "failed"),
        ("canceled", "was cancelled"),
        ("skipped", "was skipped"),
    ],
)
def test_finished_pipelines_post(status: str, words: str) -> None:
    posted = GITLAB.message("Pipeline Hook", pipeline_body(status))
    assert (
        f"[Pipeline #4414206](https://gitlab.com/TomaszKolek/my-awesome-project/-/pipelines/4414206) {words}"
        in posted.content
    )


@pytest.mark.parametrize(
    "status",
    [
        "created",
        "waiting_for_resource",
        "preparing",
        "waiting_for_callback",
        "pending",
        "running",
        "canceling",
        "manual",
        "scheduled",
    ],
)
def test_pipelines_on_the_way_post_nothing(status: str) -> None:
    assert GITLAB.post("Pipeline Hook", pipeline_body(status)) is None


@pytest.mark.parametrize(
    ("status", "words"), [("pending", "is pending"), ("running", "is running")]
)
def test_pipeline_progress_posts_queued_and_running_pipelines_and_jobs(
    status: str, words: str
) -> None:
    progress = {"pipeline_progress": "true"}
    posted = GITLAB.message("Pipeline Hook", pipeline_body(status), query=progress)
    assert f"/pipelines/4414206) {words} on `master`" in posted.content
    job = GITLAB.message("Job Hook", job_body(status), query=progress)
    assert f"/jobs/1977) {words} on `gitlab-script-trigger`" in job.content
    # The branch filter still applies to them.
    both = {**progress, "branches": "main"}
    assert GITLAB.post("Pipeline Hook", pipeline_body(status), query=both) is None
    # The other statuses on the way stay quiet even with the option.
    assert GITLAB.post("Pipeline Hook", pipeline_body("created"), query=progress) is None
    assert GITLAB.post("Job Hook", job_body("created"), query=progress) is None


def test_a_named_pipeline_and_its_failed_jobs() -> None:
    body = pipeline_body("failed")
    body["object_attributes"]["name"] = "Nightly"
    body["builds"] = [
        {"name": "a", "status": "failed", "allow_failure": False},
        {"name": "b", "status": "failed", "allow_failure": False},
        {"name": "c", "status": "failed", "allow_failure": True},
    ]
    posted = GITLAB.message("Pipeline Hook", body)
    assert posted.content.startswith("[Nightly](https://gitlab.com/")
    # Jobs without an id have no page to link to.
    assert posted.content.endswith(
        "* **a** failed\n* **b** failed\n* **c** failed (allowed to fail)"
    )


def test_jobs_are_listed_in_stage_order_and_a_long_list_leads_with_failures() -> None:
    body = pipeline_body("failed")
    body["object_attributes"]["stages"] = ["build", "test", "deploy"]
    body["builds"] = [
        {"id": 3, "stage": "deploy", "name": "ship", "status": "skipped"},
        {"id": 2, "stage": "test", "name": "unit", "status": "failed"},
        {"id": 1, "stage": "build", "name": "compile", "status": "success"},
        {"id": 4, "stage": "lint", "name": "odd stage", "status": "manual"},
    ]
    lines = GITLAB.message("Pipeline Hook", body).content.split("\n\n")[-1].splitlines()
    assert [line.split("]")[0] for line in lines] == [
        "* [compile",
        "* [unit",
        "* [ship",
        "* [odd stage",
    ]
    assert lines[3].endswith(") waits to be started by hand")
    body["builds"] = [
        {"id": n, "stage": "test", "name": f"job {n}", "status": "success"} for n in range(40)
    ] + [{"id": 99, "stage": "test", "name": "flaky", "status": "failed"}]
    listed = GITLAB.message("Pipeline Hook", body).content.split("\n\n")[-1].splitlines()
    assert listed[0].startswith("* [flaky](")
    assert listed[0].endswith(" failed")
    assert len(listed) == 16
    assert listed[-1] == "[and 26 more jobs]"


def test_a_job_s_artifacts_are_linked() -> None:
    body = pipeline_body("success")
    body["builds"] = [
        {"id": 7, "name": "docs", "status": "success", "artifacts_file": {"filename": "site.zip"}}
    ]
    page = "https://gitlab.com/TomaszKolek/my-awesome-project/-/jobs/7"
    assert GITLAB.message("Pipeline Hook", body).content.endswith(
        f"* [docs]({page}) succeeded — artifacts: [site.zip]({page}/artifacts/download)"
        f" ([browse]({page}/artifacts/browse))"
    )


def job_body(status: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = GITLAB.fixture("job_hook__build_created.json")
    body["build_status"] = status
    body.update(extra)
    return body


@pytest.mark.parametrize(
    "status", ["created", "pending", "running", "canceling", "skipped", "manual", "scheduled"]
)
def test_jobs_on_the_way_post_nothing(status: str) -> None:
    assert GITLAB.post("Job Hook", job_body(status)) is None


def test_a_failed_job_allowed_to_fail_and_a_cancelled_tag_job() -> None:
    posted = GITLAB.message("Job Hook", job_body("failed", build_allow_failure=True))
    assert posted.topic == "gitlab_test / gitlab-script-trigger"
    assert posted.content.endswith(
        "Stage: test. Reason: script failure. The job is allowed to fail."
    )
    tagged = GITLAB.message("Job Hook", job_body("canceled", tag=True, ref="v2"))
    assert tagged.topic == "gitlab_test / releases"
    assert "was cancelled on `v2`" in tagged.content


def test_a_modern_job_payload_uses_its_project() -> None:
    body = job_body("success", project={**PROJECT, "visibility_level": 0})
    assert GITLAB.message("Job Hook", body).topic.startswith("my-awesome-project / ")
    assert GITLAB.post("Job Hook", body, query=IGNORE) is None


# Every status of a pipeline or job GitLab has (Ci::HasStatus), and of a deployment.
CI_STATUSES = (
    "created",
    "waiting_for_resource",
    "preparing",
    "waiting_for_callback",
    "pending",
    "running",
    "success",
    "failed",
    "canceling",
    "canceled",
    "skipped",
    "manual",
    "scheduled",
)
# The lifecycle of a deployment, and the decisions of its approvers (GitLab Premium).
DEPLOYMENT_STATUSES = (
    "created",
    "running",
    "success",
    "failed",
    "canceled",
    "skipped",
    "blocked",
    "approved",
    "rejected",
)


@pytest.mark.parametrize(
    ("event", "statuses"),
    [
        ("Pipeline Hook", CI_STATUSES),
        ("Job Hook", CI_STATUSES),
        ("Build Hook", CI_STATUSES),
        ("Deployment Hook", DEPLOYMENT_STATUSES),
    ],
)
def test_every_status_gitlab_sends_is_declared(event: str, statuses: tuple[str, ...]) -> None:
    routes = GITLAB.integration.routes
    assert routes.by_action(event)
    assert sorted(routes.actions_of(event)) == sorted(statuses)


def test_a_status_gitlab_does_not_have_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent) as error:
        GITLAB.post("Pipeline Hook", pipeline_body("frobbed"))
    assert error.value.event == "Pipeline Hook.frobbed"
    with pytest.raises(UnsupportedEvent, match=re.escape("Job Hook.frobbed")):
        GITLAB.post("Job Hook", job_body("frobbed"))


def test_quiet_statuses_say_why_nothing_is_posted() -> None:
    processed = GITLAB.process("Pipeline Hook", pipeline_body("created"))
    assert (processed.message, processed.skipped) == (None, "The result follows.")
    skipped = GITLAB.process("Job Hook", job_body("skipped"))
    assert (skipped.message, skipped.skipped) == (None, "A skipped job never ran.")


# Tags, notes, wiki, releases ------------------------------------------------------


def test_a_tag_deleted_the_way_gitlab_sends_it() -> None:
    body = GITLAB.fixture("tag_push_hook__add_tag.json")
    body["after"] = "0" * 40
    body["checkout_sha"] = None
    assert GITLAB.message("Tag Push Hook", body).content == "**Tomasz Kolek** deleted tag `xyz`."


def note_body(kind: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = GITLAB.fixture("note_hook__issue_note.json")
    body["object_attributes"]["noteable_type"] = kind
    body.update(extra)
    return body


def test_system_notes_and_edits_post_nothing() -> None:
    system = note_body("Issue")
    system["object_attributes"]["system"] = True
    assert GITLAB.post("Note Hook", system) is None
    edited = note_body("Issue")
    edited["object_attributes"]["action"] = "update"
    assert GITLAB.post("Note Hook", edited) is None


def test_an_issue_comment_without_the_issue_s_url_links_the_issue_by_its_number() -> None:
    # GitLab's documented comment on an issue carries the issue without its url.
    body = note_body("Issue")
    del body["issue"]["url"]
    number = body["issue"]["iid"]
    page = f"{body['project']['web_url']}/-/issues/{number}"
    assert f"on [issue #{number}]({page}):" in GITLAB.message("Note Hook", body).content


def test_a_comment_on_something_unknown_goes_to_the_project() -> None:
    posted = GITLAB.message("Note Hook", note_body("AlertManagement::Alert"))
    assert posted.topic == "testing-zulip-gitlab-integration"
    assert "on an alert:" in posted.content


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("WikiPage::Meta", "on a wiki page:"),
        ("Epic", "on an epic:"),
        ("Vulnerability", "on a vulnerability:"),
        ("ContainerRepository", "on a container repository:"),
        ("Geo::UploadRegistry", "on an upload registry:"),
    ],
)
def test_other_things_comments_are_on_are_named_in_words(kind: str, words: str) -> None:
    assert words in GITLAB.message("Note Hook", note_body(kind)).content


def test_a_comment_without_its_noteable_type_is_placed_by_what_it_carries() -> None:
    # Atlantis' sample spells the field "notable_type"; the merge request it
    # carries still says what the comment is on.
    body = GITLAB.fixture("note_hook__without_noteable_type.json")
    posted = GITLAB.message("Note Hook", body)
    assert posted.topic == "Gitlab Test / MR #1 Tempora et eos debitis quae laborum et."
    assert posted.content.startswith("**Administrator** [commented](")
    # Its merge request has no url: the project's page and the number make it.
    assert "on [MR #1](http://example.com/gitlabhq/gitlab-test/-/merge_requests/1):" in (
        posted.content
    )
    body["project"]["web_url"] = None
    body["project"]["homepage"] = None
    assert "on MR #1:" in GITLAB.message("Note Hook", body).content
    del body["merge_request"]
    assert "on a note:" in GITLAB.message("Note Hook", body).content


def test_a_deleted_wiki_page_is_not_linked() -> None:
    body = GITLAB.fixture("wiki_page_hook__wiki_page_edited.json")
    body["object_attributes"]["action"] = "delete"
    assert GITLAB.message("Wiki Page Hook", body).content.endswith("* deleted **how to**")
    body["object_attributes"]["action"] = "rename"
    with pytest.raises(UnsupportedEvent, match=re.escape("Wiki Page Hook.rename")):
        GITLAB.post("Wiki Page Hook", body)


@pytest.mark.parametrize(
    ("summary", "quoted"),
    [
        ("Explain the build cache", "~~~ quote\nExplain the build cache\n~~~"),
        ("Update how to", None),  # GitLab's own proposal says nothing the list does not
        ("create how to", None),
        ("Update how to use the cache", "~~~ quote\nUpdate how to use the cache\n~~~"),
        ("   ", None),
        (None, None),
    ],
)
def test_the_edit_summary_is_quoted_unless_it_is_gitlab_s_default(
    summary: str | None, quoted: str | None
) -> None:
    body = GITLAB.fixture("wiki_page_hook__wiki_page_edited.json")
    body["object_attributes"]["message"] = summary
    content = GITLAB.message("Wiki Page Hook", body).content
    assert content.split("\n\n")[-1] == (
        quoted
        or "* edited [how to](https://gitlab.com/tomaszkolek0/my-awesome-project/wikis/how-to)"
    )


def test_a_named_release_shows_its_tag_and_unknown_actions_are_unsupported() -> None:
    body = GITLAB.fixture("release_hook__create.json")
    body["name"] = "Spring release"
    posted = GITLAB.message("Release Hook", body)
    assert posted.content.startswith("Release [Spring release](https://")
    assert "(`v1.1`) was created." in posted.content
    body["action"] = "publish"
    with pytest.raises(UnsupportedEvent, match=re.escape("Release Hook.publish")):
        GITLAB.post("Release Hook", body)


# Deployments, reactions, flags, milestones, tokens --------------------------------


def test_a_rejected_deployment_names_who_rejected_it_without_a_comment() -> None:
    body: dict[str, Any] = {
        "object_kind": "deployment",
        "status": "rejected",
        "environment": "production",
        "project": PROJECT,
        "user": {"name": "Ann"},
        "approver": {"name": "Ops Lead", "username": "ops_lead"},
        "approval": {"status": "rejected", "comment": None, "approval_rule": None},
    }
    posted = GITLAB.message("Deployment Hook", body)
    assert posted.topic == "my-awesome-project / Deployment on production"
    assert posted.content == "Deployment to **production** was rejected by **Ops Lead**."
    # Without its approver, nobody is named (not the one who started it).
    del body["approver"]
    assert GITLAB.message("Deployment Hook", body).content == (
        "Deployment to **production** was rejected."
    )


def deployment_body(status: str) -> dict[str, Any]:
    return {
        "object_kind": "deployment",
        "status": status,
        "deployable_url": None,
        "environment": "production",
        "project": PROJECT,
        "short_sha": "279484c0",
        "user": {"name": "Administrator", "username": "root"},
        "commit_url": "https://gitlab.com/o/p/-/commit/279484c0",
        "commit_title": "Add new file",
    }


def test_deployments() -> None:
    running = GITLAB.message("Deployment Hook", deployment_body("running"))
    assert running.topic == "my-awesome-project / Deployment on production"
    assert running.content == (
        "Deployment to **production** started for "
        "[279484c](https://gitlab.com/o/p/-/commit/279484c0) (Add new file) by **Administrator**."
    )
    # Made through the API: no job, no user, no commit title.
    bare = deployment_body("success")
    bare.update(user=None, commit_title=None, environment_external_url="https://shop.example.com")
    assert GITLAB.message("Deployment Hook", bare).content == (
        "Deployment to **production** succeeded for "
        "[279484c](https://gitlab.com/o/p/-/commit/279484c0).\n\n"
        "[View deployment](https://shop.example.com)"
    )
    assert GITLAB.post("Deployment Hook", deployment_body("created")) is None
    assert "was cancelled" in GITLAB.message("Deployment Hook", deployment_body("canceled")).content


def emoji_body(**extra: Any) -> dict[str, Any]:
    return {
        "object_kind": "emoji",
        "event_type": "award",
        "user": {"name": "Blake Bergstrom", "username": "root"},
        "project": PROJECT,
        "object_attributes": {
            "name": "tada",
            "awardable_type": "Note",
            "awarded_on_url": "https://gitlab.com/o/p/-/issues/9#note_1",
        },
        **extra,
    }


def test_reactions_land_where_the_thing_is() -> None:
    issue = {"iid": 9, "title": "Slow", "url": "https://gitlab.com/o/p/-/issues/9"}
    on_note = GITLAB.message("Emoji Hook", emoji_body(issue=issue, note={"note": "Done"}))
    assert on_note.topic == "my-awesome-project / issue #9 Slow"
    assert on_note.content == (
        "**Blake Bergstrom** reacted with :tada: to "
        "[a comment](https://gitlab.com/o/p/-/issues/9#note_1) on "
        "[issue #9](https://gitlab.com/o/p/-/issues/9)."
    )
    on_commit = GITLAB.message("Emoji Hook", emoji_body(commit={"id": "82689ddf00fd7bdadb5c"}))
    assert on_commit.topic == "my-awesome-project"
    assert "to commit `82689dd`." in on_commit.content
    snippet = {"id": 53, "title": "Notes"}
    on_snippet = GITLAB.message("Emoji Hook", emoji_body(project_snippet=snippet))
    assert "to snippet Notes." in on_snippet.content
    assert on_snippet.topic == "my-awesome-project / snippet #53 Notes"
    merge_request = {
        "iid": 3,
        "title": "Faster",
        "url": "https://gitlab.com/o/p/-/merge_requests/3",
    }
    on_mr = GITLAB.message(
        "Emoji Hook",
        emoji_body(merge_request=merge_request),
        query={"use_merge_request_title": "false"},
    )
    assert on_mr.topic == "my-awesome-project / MR #3"
    assert "to [MR #3](https://gitlab.com/o/p/-/merge_requests/3)." in on_mr.content
    elsewhere = GITLAB.message("Emoji Hook", emoji_body())
    assert elsewhere.content.endswith("reacted with :tada: to a note.")
    # Wiki pages take reactions too; GitLab's class name reads as words.
    on_wiki = emoji_body()
    on_wiki["object_attributes"]["awardable_type"] = "WikiPage::Meta"
    assert GITLAB.message("Emoji Hook", on_wiki).content.endswith("to a wiki page.")


def test_an_odd_emoji_name_is_shown_as_code() -> None:
    body = emoji_body()
    body["object_attributes"]["name"] = ":all: **x**"
    posted = GITLAB.message("Emoji Hook", body)
    assert "reacted with `:all: **x**` to" in posted.content
    assert 'class="emoji"' not in render(posted.content)


def test_feature_flags_milestones_and_tokens() -> None:
    flag = {
        "object_kind": "feature_flag",
        "project": PROJECT,
        "user": {"name": "Ann"},
        "object_attributes": {"name": "beta", "active": False},
    }
    assert GITLAB.message("Feature Flag Hook", flag).content == (
        "**Ann** turned off feature flag "
        "[beta](https://gitlab.com/tomaszkolek0/my-awesome-project/-/feature_flags)."
    )
    milestone: dict[str, Any] = {
        "object_kind": "milestone",
        "project": PROJECT,
        "object_attributes": {"iid": 3, "title": "v2"},
        "action": "delete",
    }
    assert GITLAB.message("Milestone Hook", milestone).content == "Milestone **v2** was deleted."
    milestone["project"] = None
    assert GITLAB.post("Milestone Hook", milestone) is None
    token = {
        "object_kind": "access_token",
        "group": {"group_name": "Flight", "full_path": "flightjs"},
        "object_attributes": {"name": "ci", "expires_at": "2024-01-26"},
        "event_name": "expiring_access_token",
    }
    posted = GITLAB.message("Resource Access Token Hook", token)
    # Zulip's topic: the group's name; its path with full_repository_name.
    assert (posted.topic, posted.content) == (
        "Flight",
        "Group access token **ci** expires on **2024-01-26**.",
    )
    full = GITLAB.message("Resource Access Token Hook", token, query={"full_repository_name": "1"})
    assert full.topic == "flightjs"
    # A group does not say how visible it is: the option drops it.
    assert GITLAB.post("Resource Access Token Hook", token, query=IGNORE) is None


@pytest.mark.parametrize(
    ("expires", "shown"),
    [
        ("2025-08-03 07:57:25 UTC", "**2025-08-03**"),
        ("2025-08-03", "**2025-08-03**"),
        ("next week", "**next week**"),
    ],
)
def test_a_group_deploy_token_posts_in_the_group_s_topic(expires: str, shown: str) -> None:
    token: dict[str, Any] = {
        "object_kind": "deploy_token",
        "group": {"group_name": "Flight", "group_path": "flightjs", "full_path": "flightjs"},
        "object_attributes": {
            "name": "registry-pull",
            "expires_at": expires,
            "deploy_token_type": "group_type",
        },
        "event_name": "expiring_deploy_token",
    }
    posted = GITLAB.message("Resource Deploy Token Hook", token)
    assert (posted.topic, posted.content) == (
        "Flight",
        f"Group deploy token **registry-pull** expires on {shown}.",
    )
    del token["object_attributes"]["expires_at"]
    with pytest.raises(BadPayload, match=r"^object_attributes\.expires_at: "):
        GITLAB.post("Resource Deploy Token Hook", token)


# Events GitLab does not send, routed system-hook events, tests ------------------


def test_an_event_gitlab_does_not_send_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent) as error:
        GITLAB.post("Push Event", {"event_name": "push"})
    assert error.value.event == "Push Event"


def test_a_system_event_this_integration_does_not_know_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent) as error:
        GITLAB.post("System Hook", {"event_name": "user_teleport", "name": "Ann"})
    assert error.value.event == "System Hook.user_teleport"
    with pytest.raises(UnsupportedEvent, match=re.escape("Member Hook.user_promote_in_group")):
        GITLAB.post("Member Hook", {"event_name": "user_promote_in_group", "group_name": "Acme"})


@pytest.mark.parametrize(
    ("kind", "event"),
    [
        ("push", "Push Hook"),
        ("tag_push", "Tag Push Hook"),
        ("merge_request", "Merge Request Hook"),
        ("repository_update", "Repository Update Hook"),
        ("project_create", "Project Hook"),
        ("project_transfer", "Project Hook"),
        ("user_add_to_group", "Member Hook"),
        ("user_update_for_team", "Member Hook"),
        ("user_access_request_to_project", "Member Hook"),
        ("user_access_request_revoked_for_group", "Member Hook"),
        ("group_rename", "System Hook"),
        ("user_create", "System Hook"),
        ("key_destroy", "System Hook"),
        ("user_failed_login", "System Hook"),
    ],
)
def test_a_system_hook_routes_each_event_as_the_event_of_its_payload(kind: str, event: str) -> None:
    assert system_event(Payload({"event_name": kind})) == event


def test_system_hook_events_post_as_a_group_webhook_s_do() -> None:
    member = {
        "event_name": "user_add_to_group",
        "group_name": "Acme",
        "group_path": "acme",
        "user_name": "Grace Hopper",
        "user_username": "grace",
        "group_access": "Guest",
    }
    assert GITLAB.post("System Hook", member) == GITLAB.post("Member Hook", member)
    # A member without a role or expiry, in a group named only by its path.
    bare = {"event_name": "user_add_to_group", "group_path": "acme", "user_username": "grace"}
    assert GITLAB.message("Member Hook", bare).content == "**grace** was added to group **acme**."
    revoked = {**member, "event_name": "user_access_request_revoked_for_group"}
    processed = GITLAB.process("System Hook", revoked)
    assert processed.message is None
    assert processed.skipped is not None
    assert "withdrew" in processed.skipped
    # Groups and instances do not say how visible they are; projects do.
    assert GITLAB.post("Member Hook", member, query=IGNORE) is None
    project = {"event_name": "project_destroy", "name": "Site", "path_with_namespace": "acme/site"}
    assert GITLAB.post("Project Hook", {**project, "project_visibility": "public"}, query=IGNORE)
    assert (
        GITLAB.post("Project Hook", {**project, "project_visibility": "internal"}, query=IGNORE)
        is None
    )


def test_member_approvals_of_the_newer_schema_are_known_and_quiet() -> None:
    for kind, action in [
        ("gitlab_subscription_member_approval", "enqueue"),
        ("gitlab_subscription_member_approvals", "approve"),
    ]:
        body = {"object_kind": kind, "action": action, "object_attributes": {}, "user_id": 42}
        processed = GITLAB.process("System Hook", body)
        assert (processed.event, processed.message) == ("System Hook", None)
        assert processed.skipped is not None


def test_the_test_hook_says_the_webhook_works_whatever_the_sample() -> None:
    for name, kind in [
        ("push_hook.json", "push"),
        ("note_hook__issue_note.json", "note"),
        ("pipeline_hook__pipeline_succeeded.json", "pipeline"),
        ("wiki_page_hook__wiki_page_opened.json", "wiki_page"),
        ("release_hook__create.json", "release"),
    ]:
        body = GITLAB.fixture(name)
        posted = GITLAB.message("Test Hook", body)
        assert f" with a sample `{kind}` event: it is set up and works." in posted.content, name
        assert posted.topic == body["project"]["name"], name
    pushed = GITLAB.message("Test Hook", GITLAB.fixture("push_hook.json"))
    assert pushed.content.startswith("**Tomasz Kolek** tested this GitLab webhook for [")
    # A sample without a project (a group's event) still says it works.
    group = GITLAB.message("Test Hook", {"event_name": "user_add_to_group", "user_name": "Ann"})
    assert (group.topic, group.content) == (
        "GitLab",
        "**Ann** tested this GitLab webhook with a sample `user_add_to_group` event: "
        "it is set up and works.",
    )


def test_a_sample_without_an_action_reads_as_an_opening() -> None:
    # Newer GitLab's Test button sends the sample under its own header.
    task = issue_body(type="Task")
    task["object_kind"] = "work_item"
    del task["object_attributes"]["action"]
    assert "opened [issue #9]" in GITLAB.message("Issue Hook", task).content


def test_an_emoji_event_type_gitlab_does_not_have_is_unsupported() -> None:
    with pytest.raises(UnsupportedEvent, match=re.escape("Emoji Hook.frobbed")):
        GITLAB.post("Emoji Hook", emoji_body(event_type="frobbed"))


# Broken requests end in clean errors ------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda body: body.pop("ref"), "ref: expected a string, but it is missing"),
        (lambda body: body.update(commits="x"), "commits: expected a list, got a string"),
        (
            lambda body: body["commits"][1].update(id=7),
            "commits[1].id: expected a string, got an integer",
        ),
        (lambda body: body.update(project="x"), "project: expected an object, got a string"),
        (
            lambda body: body.update(total_commits_count="2"),
            "total_commits_count: expected an integer",
        ),
    ],
)
def test_a_broken_push_names_the_field(mutate: Any, reason: str) -> None:
    body = GITLAB.fixture("push_hook.json")
    mutate(body)
    with pytest.raises(BadPayload) as error:
        GITLAB.post("Push Hook", body)
    assert str(error.value).startswith(reason)


def test_odd_but_harmless_fields() -> None:
    body = GITLAB.fixture("push_hook.json")
    body["user_name"] = None
    body["commits"][0]["message"] = None
    body["commits"][0]["author"] = None
    posted = GITLAB.message("Push Hook", body)
    assert posted.content.startswith("**Someone** pushed [2 commits]")
    # No message and no author: the line still reads, and names nobody.
    first = posted.content.splitlines()[2]
    assert first.startswith("* (no message) ([66abd2d](https://gitlab.com/")
    assert first.endswith("))")


# No field removed or nulled breaks a fixture ----------------------------------------


def without(document: Any, path: tuple[Any, ...]) -> Any:
    copied = copy.deepcopy(document)
    node = copied
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return copied


def nulled(document: Any, path: tuple[Any, ...]) -> Any:
    copied = copy.deepcopy(document)
    node = copied
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = None
    return copied


def paths(document: Any, prefix: tuple[Any, ...] = (), depth: int = 2) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if depth == 0 or not isinstance(document, dict):
        return found
    for key, value in document.items():
        found.append((*prefix, key))
        found += paths(value, (*prefix, key), depth - 1)
    return found


FIXTURE_NAMES = sorted(path.name for path in GITLAB.fixtures.glob("*.json"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_field_removed_or_nulled_crashes_a_fixture(name: str) -> None:
    event = GITLAB.integration.event_for_fixture(name)
    assert event is not None
    body = GITLAB.fixture(name)
    for path in paths(body):
        for variant in (without(body, path), nulled(body, path)):
            query = IGNORE if len(path) % 2 else {}
            assert ends_cleanly(event, variant, query), path


def ends_cleanly(event: str, body: dict[str, Any], query: dict[str, str]) -> bool:
    """A message, nothing, or one of the integration's errors with a reason."""
    try:
        result = GITLAB.post(event, body, query=query)
    except IntegrationError as error:
        return bool(str(error).strip())
    return result is None or isinstance(result, Message)


# Zulip's event names, for only_events and exclude_events --------------------------

# Every name Zulip's GitLab integration filters by, with a delivery it names.
ZULIP_NAMES = [
    ("Push Hook", "Push Hook", "push_hook.json"),
    ("Tag Push Hook", "Tag Push Hook", "tag_push_hook__add_tag.json"),
    ("Test Hook", "Test Hook", "test_hook__issue_test_payload.json"),
    ("Issue Hook open", "Issue Hook", "issue_hook__issue_created_with_assignee.json"),
    ("Issue Hook close", "Issue Hook", "issue_hook__issue_closed.json"),
    ("Issue Hook reopen", "Issue Hook", "issue_hook__issue_reopened.json"),
    ("Issue Hook update", "Issue Hook", "issue_hook__issue_updated.json"),
    (
        "Confidential Issue Hook open",
        "Confidential Issue Hook",
        "issue_hook__confidential_issue_created_with_assignee.json",
    ),
    (
        "Confidential Issue Hook close",
        "Confidential Issue Hook",
        "issue_hook__confidential_issue_closed.json",
    ),
    (
        "Confidential Issue Hook reopen",
        "Confidential Issue Hook",
        "issue_hook__confidential_issue_reopened.json",
    ),
    (
        "Confidential Issue Hook update",
        "Confidential Issue Hook",
        "issue_hook__confidential_issue_updated.json",
    ),
    ("Note Hook Commit", "Note Hook", "note_hook__commit_note.json"),
    ("Note Hook MergeRequest", "Note Hook", "note_hook__merge_request_note.json"),
    ("Note Hook Issue", "Note Hook", "note_hook__issue_note.json"),
    (
        "Confidential Note Hook Issue",
        "Confidential Note Hook",
        "note_hook__confidential_issue_note.json",
    ),
    ("Note Hook DesignManagement::Design", "Note Hook", "note_hook__design_note.json"),
    (
        "Confidential Note Hook DesignManagement::Design",
        "Confidential Note Hook",
        "note_hook__design_note.json",
    ),
    ("Note Hook Snippet", "Note Hook", "note_hook__snippet_note.json"),
    (
        "Merge Request Hook approved",
        "Merge Request Hook",
        "merge_request_hook__merge_request_approved.json",
    ),
    (
        "Merge Request Hook unapproved",
        "Merge Request Hook",
        "merge_request_hook__merge_request_unapproved.json",
    ),
    (
        "Merge Request Hook approval",
        "Merge Request Hook",
        "merge_request_hook__merge_request_approval.json",
    ),
    (
        "Merge Request Hook unapproval",
        "Merge Request Hook",
        "merge_request_hook__merge_request_unapproval.json",
    ),
    (
        "Merge Request Hook open",
        "Merge Request Hook",
        "merge_request_hook__merge_request_created_with_assignee.json",
    ),
    (
        "Merge Request Hook update",
        "Merge Request Hook",
        "merge_request_hook__merge_request_updated.json",
    ),
    (
        "Merge Request Hook merge",
        "Merge Request Hook",
        "merge_request_hook__merge_request_merged.json",
    ),
    (
        "Merge Request Hook close",
        "Merge Request Hook",
        "merge_request_hook__merge_request_closed.json",
    ),
    (
        "Merge Request Hook reopen",
        "Merge Request Hook",
        "merge_request_hook__merge_request_reopened.json",
    ),
    ("Wiki Page Hook create", "Wiki Page Hook", "wiki_page_hook__wiki_page_opened.json"),
    ("Wiki Page Hook update", "Wiki Page Hook", "wiki_page_hook__wiki_page_edited.json"),
    ("Job Hook", "Job Hook", "build_succeeded.json"),
    ("Build Hook", "Build Hook", "build_succeeded.json"),
    ("Pipeline Hook", "Pipeline Hook", "pipeline_hook__pipeline_succeeded.json"),
    ("Release Hook", "Release Hook", "release_hook__create.json"),
    (
        "Merge Request Hook open",
        "System Hook",
        "system_hook__merge_request_created_with_assignee.json",
    ),
    ("Push Hook", "System Hook", "system_hook__push_hook.json"),
]


@pytest.mark.parametrize(
    ("name", "event", "fixture"), ZULIP_NAMES, ids=[n for n, _, _ in ZULIP_NAMES]
)
def test_every_zulip_event_name_selects_its_deliveries(name: str, event: str, fixture: str) -> None:
    body = GITLAB.fixture(fixture)
    only = {"only_events": json.dumps([name])}
    assert GITLAB.post(event, body, query=only) is not None
    assert GITLAB.post(event, body, query={"exclude_events": json.dumps([name])}) is None
    # Zulip's patterns are shell wildcards, as here.
    assert GITLAB.post(event, body, query={"exclude_events": json.dumps([name[:5] + "*"])}) is None


@pytest.mark.parametrize(
    ("name", "event", "body"),
    [
        (
            "Feature Flag Hook",
            "Feature Flag Hook",
            {
                "object_kind": "feature_flag",
                "project": PROJECT,
                "user": {"name": "Ann"},
                "object_attributes": {"name": "beta", "active": True},
            },
        ),
        (
            "Resource Access Token Hook",
            "Resource Access Token Hook",
            {
                "object_kind": "access_token",
                "project": PROJECT,
                "object_attributes": {"name": "ci", "expires_at": "2024-01-26"},
            },
        ),
        (
            "Deployment Hook",
            "Deployment Hook",
            {"status": "success", "environment": "production", "project": PROJECT},
        ),
        (
            "Project Create Hook",
            "System Hook",
            {"event_name": "project_create", "name": "Site", "path_with_namespace": "acme/site"},
        ),
        (
            "User Add To Group Hook",
            "System Hook",
            {"event_name": "user_add_to_group", "group_name": "Acme", "user_name": "Ann"},
        ),
        ("User Create Hook", "System Hook", {"event_name": "user_create", "name": "Ann"}),
    ],
)
def test_zulip_names_of_events_without_a_fixture(name: str, event: str, body: Any) -> None:
    assert GITLAB.post(event, body, query={"only_events": json.dumps([name])}) is not None
    assert GITLAB.post(event, body, query={"only_events": json.dumps(["Nothing"])}) is None


def test_a_zulip_name_is_not_confused_with_another() -> None:
    merged = GITLAB.fixture("merge_request_hook__merge_request_merged.json")
    only_open = {"only_events": json.dumps(["Merge Request Hook open"])}
    assert GITLAB.post("Merge Request Hook", merged, query=only_open) is None
    commit_note = GITLAB.fixture("note_hook__commit_note.json")
    only_mr_notes = {"only_events": json.dumps(["Note Hook MergeRequest"])}
    assert GITLAB.post("Note Hook", commit_note, query=only_mr_notes) is None
    # A sample without an action is an opening, for Zulip's names too.
    sample = merge_request_body()
    del sample["object_attributes"]["action"]
    assert GITLAB.post("Merge Request Hook", sample, query=only_open) is not None


# use_merge_request_title, full_repository_name -------------------------------------


def test_merge_request_topics_without_titles_everywhere_they_appear() -> None:
    untitled = {"use_merge_request_title": "false"}
    note = GITLAB.message(
        "Note Hook", GITLAB.fixture("note_hook__merge_request_note.json"), query=untitled
    )
    assert note.topic == "testing-zulip-gitlab-integration / MR #1"
    merge_request = {"iid": 5, "title": "Search", "url": "https://gitlab.com/x/-/merge_requests/5"}
    pipeline = pipeline_body("success", merge_request=merge_request)
    assert GITLAB.message("Pipeline Hook", pipeline, query=untitled).topic == (
        "my-awesome-project / MR #5"
    )
    edited = update({"title": {"previous": "Old", "current": "Speed up the build"}})
    posted = GITLAB.message("Merge Request Hook", edited, query=untitled)
    assert posted.topic == "my-awesome-project / MR #7"
    assert "Renamed from **Old**." in posted.content
    # Issues keep their titles: the option is about merge requests only.
    issue = GITLAB.message("Issue Hook", issue_body(), query=untitled)
    assert issue.topic == "my-awesome-project / issue #9 The build is slow"


def test_full_repository_name_reads_the_path_wherever_the_payload_gives_it() -> None:
    full = {"full_repository_name": "true"}
    # An old job names its project only by the address of its page.
    old_job = GITLAB.message("Job Hook", GITLAB.fixture("build_succeeded.json"), query=full)
    assert old_job.topic == "TomaszKolek/my-awesome-project / master"
    tag = GITLAB.message("Tag Push Hook", GITLAB.fixture("tag_push_hook__add_tag.json"), query=full)
    assert tag.topic == "tomaszkolek0/my-awesome-project / releases"
    # A project without a display name is named by the end of its path.
    body = push_body(1)
    body["project"] = {**PROJECT, "name": None}
    assert GITLAB.message("Push Hook", body).topic == "my-awesome-project / main"


# Optional fields of group-level and self-managed payloads --------------------------


def test_a_merge_request_without_iid_or_url_falls_back_to_its_id() -> None:
    body = merge_request_body(action="merge", id=15917)
    del body["object_attributes"]["iid"]
    body["object_attributes"]["url"] = "https://gitlab.example.com/g/p/-/merge_requests/4/"
    assert GITLAB.message("Merge Request Hook", body).topic.startswith(
        "my-awesome-project / MR #4 "
    )
    del body["object_attributes"]["url"]
    posted = GITLAB.message("Merge Request Hook", body)
    assert posted.topic == "my-awesome-project / MR #15917 Speed up the build"
    assert posted.content.startswith("**Tomasz Kolek** merged MR #15917 from `fast` into `main`.")


def test_a_merge_request_without_branches_or_user_still_reads() -> None:
    body = merge_request_body()
    del body["object_attributes"]["source_branch"]
    body["user"] = None
    posted = GITLAB.message("Merge Request Hook", body)
    assert posted.content.startswith("**Someone** opened [MR #7](")
    assert " from " not in posted.content.split("\n")[0]


def test_a_push_of_a_tag_under_a_push_hook_goes_to_the_releases_topic() -> None:
    body = push_body(1)
    body["ref"] = "refs/tags/v1.0"
    posted = GITLAB.message("Push Hook", body)
    assert posted.topic == "my-awesome-project / releases"
    assert posted.content.startswith("**Tomasz Kolek** pushed tag [v1.0](")


def test_a_design_comment_without_its_issue_in_the_path() -> None:
    body = GITLAB.fixture("note_hook__design_note.json")
    body["object_attributes"]["position"]["new_path"] = "home.png"
    posted = GITLAB.message("Note Hook", body)
    assert posted.topic == "testing-zulip-gitlab-integration / design home.png"
    assert posted.content.startswith("**Satyam Bansal** commented on design home.png:")
    body["object_attributes"]["position"] = None
    assert GITLAB.message("Note Hook", body).topic.endswith(" / design design")


def test_a_description_edit_drops_hidden_comments() -> None:
    hidden = "<!-- template -->\nThe fix\n<!-- end -->"
    posted = GITLAB.message(
        "Issue Hook",
        issue_body(action="update") | {"changes": {"description": {"current": hidden}}},
    )
    assert posted.content == (
        "**Tomasz Kolek** edited the description of "
        "[issue #9](https://gitlab.com/tomaszkolek0/my-awesome-project/-/issues/9)."
        "\n\n~~~ quote\nThe fix\n~~~"
    )
    assert "template" not in posted.content


# Vulnerabilities ------------------------------------------------------------------


def vulnerability_body(**attributes: Any) -> dict[str, Any]:
    return {
        "object_kind": "vulnerability",
        "object_attributes": {
            "url": "https://gitlab.example.com/acme/shop/-/security/vulnerabilities/9",
            "title": "SQL injection",
            "state": "detected",
            "severity": "critical",
            "report_type": "sast",
            "location": {"file": "app/models/user.rb", "start_line": 12},
            "identifiers": [{"name": "CWE-89", "url": None}],
            "created_at": "2025-01-08T00:46:14.413Z",
            "updated_at": "2025-01-08T00:46:14.413Z",
            **attributes,
        },
    }


def test_a_new_code_vulnerability_names_its_file_and_line() -> None:
    posted = GITLAB.message("Vulnerability Hook", vulnerability_body())
    assert posted.topic == "shop"
    assert posted.content == (
        ":rotating_light: New **critical** severity "
        "[vulnerability #9](https://gitlab.example.com/acme/shop/-/security/vulnerabilities/9): "
        "**SQL injection**\n\n"
        "* In `app/models/user.rb, line 12`\n* Found by sast\n* Known as `CWE-89`"
    )
    full = GITLAB.message(
        "Vulnerability Hook", vulnerability_body(), query={"full_repository_name": "1"}
    )
    assert full.topic == "acme/shop"


def test_vulnerability_states() -> None:
    triage = GITLAB.message(
        "Vulnerability Hook",
        vulnerability_body(severity="medium", updated_at="2025-02-01T00:00:00Z"),
    )
    assert triage.content.startswith("**Medium** severity [vulnerability #9](")
    assert ") needs triage: **SQL injection**" in triage.content
    dismissed = GITLAB.message(
        "Vulnerability Hook",
        vulnerability_body(state="dismissed", dismissal_reason="false_positive"),
    )
    assert dismissed.content == (
        "**Critical** severity "
        "[vulnerability #9](https://gitlab.example.com/acme/shop/-/security/vulnerabilities/9)"
        " was dismissed as false positive: **SQL injection**"
    )
    resolved = GITLAB.message("Vulnerability Hook", vulnerability_body(state="resolved"))
    assert ") was resolved: **SQL injection**" in resolved.content
    unknown = GITLAB.message(
        "Vulnerability Hook", vulnerability_body(severity="unknown", state="confirmed")
    )
    assert unknown.content.startswith("[Vulnerability #9](")
    assert ") was confirmed: **SQL injection**" in unknown.content


def test_a_vulnerability_with_a_project_or_without_an_address() -> None:
    with_project = vulnerability_body()
    with_project["project"] = PROJECT
    assert GITLAB.message("Vulnerability Hook", with_project).topic == "my-awesome-project"
    # Without its address nothing says which project it is in.
    lost = vulnerability_body(url=None)
    with pytest.raises(BadPayload, match="project"):
        GITLAB.post("Vulnerability Hook", lost)
    # A vulnerability never says how visible its project is.
    assert GITLAB.post("Vulnerability Hook", vulnerability_body(), query=IGNORE) is None


def test_an_image_or_a_web_address_is_where_a_vulnerability_is() -> None:
    image = vulnerability_body(
        report_type="container_scanning",
        location={
            "image": "registry.example.com/shop:1.2",
            "dependency": {"package": {"name": "openssl"}, "version": "3.0.1"},
        },
    )
    content = GITLAB.message("Vulnerability Hook", image).content
    assert "* In `registry.example.com/shop:1.2`\n" in content
    assert "* Package `openssl`, version `3.0.1`\n" in content
    web = vulnerability_body(
        report_type="dast", location={"hostname": "https://shop.example.com", "path": "/login"}
    )
    assert (
        "* In `https://shop.example.com/login`" in GITLAB.message("Vulnerability Hook", web).content
    )
