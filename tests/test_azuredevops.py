"""Focused tests of the Azure DevOps integration: what the page's examples do not show.

The delivery id and its retries; pushes of several refs; builds of other
repositories and shapes, and the branch filter; work item updates in the
newer identity shape and updates of bookkeeping only; comments that are
Azure's own, edited or deleted; both shapes of a deployment; and a
property test that nothing from Azure makes a live mention.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings

from integrations.core import Unauthorized
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import untrusted_words

AZURE = WebhookHarness("azuredevops")
REPO = {
    "name": "shop",
    "project": {"name": "Contoso"},
    "remoteUrl": "https://ann@dev.azure.com/contoso/Contoso/_git/shop",
}
SHA_A = "a" * 40
SHA_B = "b" * 40
ZERO = "0" * 40


def push(*refs: dict[str, str], commits: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "eventType": "git.push",
        "resource": {
            "commits": commits or [],
            "refUpdates": list(refs),
            "repository": REPO,
            "pushedBy": {"displayName": "Ann Beech"},
        },
    }


def ref(name: str, old: str, new: str) -> dict[str, str]:
    return {"name": name, "oldObjectId": old, "newObjectId": new}


def build(**resource: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "eventType": "build.complete",
        "resource": {
            "buildNumber": "20240601.3",
            "result": "succeeded",
            "definition": {"name": "shop CI"},
            "sourceBranch": "refs/heads/main",
            "sourceVersion": SHA_A,
            "repository": {
                "type": "TfsGit",
                "name": "shop",
                "url": "https://dev.azure.com/contoso/Contoso/_git/shop",
            },
        },
    }
    body["resource"].update(resource)
    return body


def test_the_delivery_id_is_the_subscription_and_the_event() -> None:
    body = AZURE.fixture("code_push.json")
    first = AZURE.process(None, body)
    again = AZURE.process(None, copy.deepcopy(body))
    other_hook = AZURE.process(None, {**body, "subscriptionId": "another-hook"})
    assert (
        first.delivery_id
        == "bb3738ff-00ae-472e-b752-d192c676780c/9c335e3e-e047-405c-a420-d679bd54a299"
    )
    assert again.delivery_id == first.delivery_id
    assert other_hook.delivery_id not in (None, first.delivery_id)


def test_a_payload_without_its_subscription_has_no_delivery_id() -> None:
    body = AZURE.fixture("code_push.json")
    del body["subscriptionId"]
    assert AZURE.process(None, body).delivery_id is None


def test_the_shared_secret_is_a_header_of_the_service_hook() -> None:
    body = AZURE.fixture("code_push.json")
    assert AZURE.post(None, body, secret="s3cret") is not None
    with pytest.raises(Unauthorized, match="X-Zulip-Webhook-Secret header is missing"):
        AZURE.integration.process(AZURE.request(None, body), secret="s3cret")


def test_a_clone_address_loses_its_user_in_links() -> None:
    message = AZURE.message(None, push(ref("refs/heads/main", SHA_A, SHA_B)))
    assert "https://dev.azure.com/contoso/Contoso/_git/shop?version=GBmain" in message.content
    assert "ann@" not in message.content


def test_a_push_of_a_branch_and_a_tag_leads_with_the_branch() -> None:
    commits = [{"commitId": SHA_B, "comment": "Ship it", "author": {"name": "Ann Beech"}}]
    body = push(
        ref("refs/tags/v1.0", ZERO, SHA_B), ref("refs/heads/main", SHA_A, SHA_B), commits=commits
    )
    message = AZURE.message(None, body)
    assert message.topic == "shop"
    assert message.content.startswith("**Ann Beech** pushed [1 commit](")
    assert "Also in this push:\n* pushed tag [v1.0](" in message.content


def test_a_tag_alone_goes_to_the_releases_topic() -> None:
    message = AZURE.message(None, push(ref("refs/tags/v1.0", ZERO, SHA_B)))
    assert message.topic == "shop / releases"
    assert message.content.startswith("**Ann Beech** pushed tag [v1.0](")


def test_the_branch_filter_applies_to_builds_but_not_to_pull_requests() -> None:
    query = {"branches": "release/*"}
    assert AZURE.post(None, build(), query=query) is None
    pull = build(sourceBranch="refs/pull/12/merge", reason="pullRequest")
    assert AZURE.post(None, pull, query=query) is not None


def test_a_pull_requests_build_uses_its_topic_when_azure_gives_the_title() -> None:
    body = build(
        sourceBranch="refs/pull/12/merge",
        triggerInfo={"pr.number": "12", "pr.title": "Unread counts"},
    )
    assert AZURE.message(None, body).topic == "shop / PR #12 Unread counts"


def test_a_github_repository_gets_github_commit_links() -> None:
    body = build(
        repository={
            "type": "GitHub",
            "name": "contoso/shop",
            "url": "https://github.com/contoso/shop.git",
        }
    )
    assert f"[aaaaaaa](https://github.com/contoso/shop/commit/{SHA_A})" in (
        AZURE.message(None, body).content
    )


def test_a_repository_of_another_kind_gets_no_commit_link() -> None:
    body = build(
        repository={"type": "Bitbucket", "name": "shop", "url": "https://bitbucket.org/c/shop"}
    )
    assert "Commit `aaaaaaa`" in AZURE.message(None, body).content


@pytest.mark.parametrize(
    ("result", "headline"),
    [
        ("succeeded", "**Succeeded**"),
        ("partiallySucceeded", "**Partially succeeded**"),
        ("failed", "**Failed**"),
        ("canceled", "**Canceled**"),
        ("none", "**Finished (none)**"),
    ],
)
def test_every_build_result(result: str, headline: str) -> None:
    assert AZURE.message(None, build(result=result)).content.startswith(headline + ": ")


def test_a_build_without_times_or_people_says_only_what_it_knows() -> None:
    body = build(sourceVersion=None, repository=None)
    message = AZURE.message(None, body)
    assert message.topic == "shop CI / main"
    assert message.content == "**Succeeded**: run 20240601.3 of **shop CI** on `main`."


def work_item_update(fields: dict[str, Any], **resource: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "eventType": "workitem.updated",
        "resource": {
            "id": 4,
            "workItemId": 88,
            "revisedBy": {"displayName": "Ann Beech", "uniqueName": "ann@contoso.com"},
            "fields": fields,
            "revision": {
                "id": 88,
                "fields": {
                    "System.TeamProject": "Contoso",
                    "System.WorkItemType": "User Story",
                    "System.Title": "Unread counts",
                },
            },
        },
        "resourceContainers": {"project": {"baseUrl": "https://dev.azure.com/contoso/"}},
    }
    body["resource"].update(resource)
    return body


def test_a_work_item_update_in_the_identity_shape() -> None:
    fields = {
        "System.AssignedTo": {
            "oldValue": {"displayName": "Bob Lee", "uniqueName": "bob@contoso.com"},
            "newValue": {"displayName": "Ann Beech", "uniqueName": "ann@contoso.com"},
        },
        "Microsoft.VSTS.Scheduling.StoryPoints": {"oldValue": 3.0, "newValue": 5.0},
        "System.Description": {"oldValue": "<div>old</div>", "newValue": "<div>new</div>"},
        "System.History": {"newValue": "<div>Taking this <b>one</b>.</div>"},
    }
    message = AZURE.message(None, work_item_update(fields))
    assert message.topic == "Contoso / User Story #88 Unread counts"
    assert message.content == (
        "**Ann Beech** updated [User Story #88](https://dev.azure.com/contoso/Contoso/_workitems/edit/88):\n"
        "* Assigned to: Bob Lee → **Ann Beech**\n"
        "* Story points: 3 → **5**\n"
        "* Description changed\n\n"
        "~~~ quote\nTaking this **one**.\n~~~"
    )


def test_an_update_of_bookkeeping_only_posts_nothing() -> None:
    fields = {
        "System.Rev": {"oldValue": 1, "newValue": 2},
        "System.ChangedDate": {
            "oldValue": "2024-01-01T00:00:00Z",
            "newValue": "2024-01-02T00:00:00Z",
        },
        "System.State": {"oldValue": "Active", "newValue": "Active"},
    }
    assert AZURE.post(None, work_item_update(fields)) is None


def test_a_comment_with_an_update_and_nothing_else() -> None:
    fields = {"System.History": {"newValue": "Looks good"}}
    message = AZURE.message(None, work_item_update(fields))
    assert message.content.startswith("**Ann Beech** updated [User Story #88](")
    assert message.content.endswith(".\n\n~~~ quote\nLooks good\n~~~")


def test_many_changes_are_counted() -> None:
    fields = {f"Custom.Field{n}": {"oldValue": "a", "newValue": f"b{n}"} for n in range(13)}
    assert AZURE.message(None, work_item_update(fields)).content.endswith("[and 3 more changes]")


def comment_event(**comment: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "eventType": "ms.vss-code.git-pullrequest-comment-event",
        "resource": {
            "comment": {
                "id": 1,
                "parentCommentId": 0,
                "author": {"displayName": "Ann Beech"},
                "content": "Nice",
                "publishedDate": "2024-06-17T11:22:33Z",
                "lastContentUpdatedDate": "2024-06-17T11:22:33Z",
                "commentType": "text",
            },
            "pullRequest": {"repository": REPO, "pullRequestId": 3, "title": "Unread"},
        },
        "resourceVersion": "2.0",
    }
    body["resource"]["comment"].update(comment)
    return body


def test_comment_verbs() -> None:
    first = AZURE.message(None, comment_event()).content
    edited = AZURE.message(
        None, comment_event(lastContentUpdatedDate="2024-06-17T12:00:00Z")
    ).content
    reply = AZURE.message(None, comment_event(parentCommentId=1)).content
    assert first.startswith("**Ann Beech** [commented](")
    assert edited.startswith("**Ann Beech** [edited a comment](")
    assert reply.startswith("**Ann Beech** [replied](")


def test_system_and_deleted_comments_post_nothing() -> None:
    assert AZURE.post(None, comment_event(commentType="system", content="Ann voted 10")) is None
    assert AZURE.post(None, comment_event(isDeleted=True)) is None


def test_a_pull_request_abandoned_by_nobody_named() -> None:
    body = AZURE.fixture("code_pull_request__updated.json")
    body["resource"]["status"] = "abandoned"
    message = AZURE.message(None, body)
    assert message.content == (
        "[PR #2](https://dev.azure.com/ttchong/test-zulip/_git/test-zulip/pullrequest/2)"
        " was abandoned."
    )


def test_an_update_quotes_azures_detailed_account_without_its_address_line() -> None:
    body = AZURE.fixture("code_pull_request__updated.json")
    quoted = (
        "> Yuro Itaki updated the source branch of pull request 2 (Raised 2nd PR!) in test-zulip\n"
    )
    assert AZURE.message(None, body).content.endswith(quoted + "> Raised 2nd PR!")
    del body["detailedMessage"]
    assert AZURE.message(None, body).content.endswith(quoted.rstrip("\n"))


@pytest.mark.parametrize(
    ("fixture", "said"),
    [
        ("code_push__local_branch_without_commits.json", "It points at [0929a34]("),
        ("code_push__remove_branch.json", "It pointed at [0929a34]("),
    ],
)
def test_a_branch_created_or_deleted_without_commits_names_its_commit(
    fixture: str, said: str
) -> None:
    content = AZURE.message(None, AZURE.fixture(fixture)).content
    url = (
        "https://dev.azure.com/ttchong/test-zulip/_git/test-zulip/commit/"
        "0929a3404b39f6e39076a640779b2c1c961e19b5"
    )
    assert content.endswith(f"\n\n{said}{url}).")


def test_a_trial_merge_of_an_open_pull_request_posts_nothing() -> None:
    body = AZURE.fixture("code_pull_request__merged.json")
    body["resource"]["status"] = "active"
    assert AZURE.post(None, body) is None


def test_a_merge_without_its_status_is_not_yet_news() -> None:
    body = AZURE.fixture("code_pull_request__merged.json")
    del body["resource"]["mergeStatus"]
    processed = AZURE.process(None, body)
    assert (processed.name, processed.message) == ("git.pullrequest.merged.notSet", None)


def test_a_check_in_for_someone_else() -> None:
    body = {
        "eventType": "tfvc.checkin",
        "resource": {
            "changesetId": 19,
            "author": {"displayName": "Ann Beech"},
            "checkedInBy": {"displayName": "Build Agent"},
            "comment": "",
        },
    }
    assert AZURE.message(None, body).content == (
        "**Build Agent** checked in **changeset 19** for **Ann Beech**."
    )


def test_a_deployment_without_a_stage_is_named() -> None:
    body = {"eventType": "ms.vss-release.deployment-started-event", "resource": {"release": {}}}
    with pytest.raises(Exception, match=r"^resource\.environment\.name: expected the stage's name"):
        AZURE.post(None, body)


untrusted = untrusted_words("[x](javascript:1)")


@settings(max_examples=100, deadline=None)
@given(title=untrusted, person=untrusted, branch=untrusted, summary=untrusted)
def test_nothing_from_azure_makes_a_live_mention(
    title: str, person: str, branch: str, summary: str
) -> None:
    body = AZURE.fixture("code_pull_request__updated.json")
    body["resource"]["title"] = title
    body["resource"]["sourceRefName"] = f"refs/heads/{branch}"
    body["resource"]["reviewers"] = [{"displayName": person, "vote": 10}]
    body["message"]["text"] = summary
    body["detailedMessage"]["text"] = f"{summary}\r\nhttps://dev.azure.com/x\r\n{title}\r\n"
    assert_inert(AZURE.message(None, body).content)
    del body["detailedMessage"]
    assert_inert(AZURE.message(None, body).content)
    fields = {"System.State": {"oldValue": summary, "newValue": f"new {title}"}}
    update = work_item_update(fields, revisedBy={"displayName": person})
    assert_inert(AZURE.message(None, update).content)
