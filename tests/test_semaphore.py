"""Focused tests of the Semaphore integration: what the page does not show a reader.

Repositories off GitHub, organization names that are no host, pipelines
with many failed blocks, times Semaphore leaves unset, Classic payloads with
less in them, the signature against Semaphore's own test vector, and a
property test that nothing in a payload makes a live mention.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import BadPayload, UnsupportedEvent, WebhookRequest
from integrations.testing.webhooks import WebhookHarness, assert_inert

SEMAPHORE = WebhookHarness("semaphore")


def push(**revision: Any) -> dict[str, Any]:
    body: dict[str, Any] = SEMAPHORE.fixture("push.json")
    body["revision"].update(revision)
    return body


def test_the_signature_is_semaphores_own() -> None:
    # The test vector of Semaphore's notifications service (Webhook.Signature.sign).
    signature = SEMAPHORE.integration.signature
    assert signature is not None
    request = WebhookRequest(body=b"body")
    expected = "dc46983557fea127b43af721467eb9b3fde2338fe3e14f51952aa8478c13d355"
    assert signature.sign(request, "secret") == {"X-Semaphore-Signature-256": expected}
    body = SEMAPHORE.fixture_bytes("tag.json")
    good = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    headers = {"X-Semaphore-Signature-256": good}
    assert SEMAPHORE.post(None, body, headers=headers, secret="s3cret") is not None


@pytest.mark.parametrize(
    ("url", "commit", "pull"),
    [
        ("https://gitlab.com/o/r", "https://gitlab.com/o/r/-/commit/", "/-/merge_requests/3"),
        ("https://bitbucket.org/o/r", "https://bitbucket.org/o/r/commits/", "/pull-requests/3"),
    ],
)
def test_pages_on_gitlab_and_bitbucket(url: str, commit: str, pull: str) -> None:
    body = SEMAPHORE.fixture("pull_request.json")
    body["repository"]["url"] = url
    content = SEMAPHORE.message(None, body).content
    assert f"]({commit}6fd84f4c2aecae7b1e6ce516b634c220d4a3e3e4)" in content
    assert f"]({url}{pull})" in content


def test_a_repository_elsewhere_is_named_without_links() -> None:
    body = SEMAPHORE.fixture("tag.json")
    body["repository"]["url"] = "git@git.example.com:o/r.git"
    content = SEMAPHORE.message(None, body).content
    assert "for tag `v1.0.1`" in content
    assert "`8d31831` Use pytest starter workflow" in content


@pytest.mark.parametrize(
    ("url", "sender"),
    [
        ("https://github.com/o/r", ", by [radwo](https://github.com/radwo)."),
        ("https://gitlab.com/o/r", ", by **radwo**."),
        ("git@git.example.com:o/r.git", ", by **radwo**."),
    ],
)
def test_the_sender_is_linked_to_a_profile_only_on_github(url: str, sender: str) -> None:
    body = SEMAPHORE.fixture("tag.json")
    body["repository"]["url"] = url
    assert sender in SEMAPHORE.message(None, body).content.split("\n")[0]


@pytest.mark.parametrize("login", ["-radwo", "rad wo", "radwo/../x", "r" * 40])
def test_a_login_github_would_not_accept_is_no_profile_link(login: str) -> None:
    body = SEMAPHORE.fixture("tag.json")
    body["revision"]["sender"]["login"] = login
    first_line = SEMAPHORE.message(None, body).content.split("\n")[0]
    assert "https://github.com/" + login[:5] not in first_line
    assert first_line.endswith(", by **" + login + "**.")


def test_a_classic_author_is_named_with_the_address_classic_sends() -> None:
    body = SEMAPHORE.fixture("build.json")
    assert "— **Don Quixote (don@lamancha.com)**" in SEMAPHORE.message(None, body).content
    del body["commit"]["author_name"]
    assert SEMAPHORE.message(None, body).content.endswith(" — **don@lamancha.com**")


def test_an_organization_that_is_no_host_label_gets_no_links() -> None:
    body = SEMAPHORE.fixture("pull_request.json")
    body["organization"]["name"] = "evil.example/x?"
    content = SEMAPHORE.message(None, body).content
    assert "semaphoreci.com" not in content
    assert "pipeline **Notifications**" in content
    assert "Failed in block **Test**: **pytest**" in content


def test_many_blocks_with_failures_are_counted() -> None:
    body = SEMAPHORE.fixture("pull_request.json")
    block = body["blocks"][0]
    body["blocks"] = [dict(block, name=f"Block {n}") for n in range(13)]
    content = SEMAPHORE.message(None, body).content
    assert content.count("Failed in block") == 10
    assert content.endswith("and 3 more blocks with failed jobs")


def test_a_pipeline_that_could_not_run_shows_semaphores_error() -> None:
    # Semaphore's notifications service sends the pipeline's error_description; it is
    # empty for a pipeline that ran, and says what is wrong with a malformed YAML.
    body = SEMAPHORE.fixture("push.json")
    body["pipeline"].update(
        result="failed", result_reason="malformed", error_description="Unknown field 'jobz'"
    )
    body["blocks"] = []
    content = SEMAPHORE.message(None, body).content
    assert content.endswith("\n```text\nUnknown field 'jobz'\n```")
    body["pipeline"]["error_description"] = "x" * 5000
    assert "x" * 1000 + "…\n```" in SEMAPHORE.message(None, body).content
    body["pipeline"].update(result="passed", result_reason="test")
    assert "```" not in SEMAPHORE.message(None, body).content


def test_numbers_may_come_as_numbers_or_as_text() -> None:
    body = SEMAPHORE.fixture("pull_request.json")
    body["revision"]["pull_request"]["number"] = 3
    assert "[PR #3 Testing PR notifications](" in SEMAPHORE.message(None, body).content
    deploy = SEMAPHORE.fixture("deploy.json")
    deploy.update(number="17", build_number="314")
    assert "deploy [#17](" in SEMAPHORE.message(None, deploy).content


def test_a_deploy_without_numbers_is_still_linked() -> None:
    deploy = SEMAPHORE.fixture("deploy.json")
    deploy.update(number=None, build_number=None)
    content = SEMAPHORE.message(None, deploy).content
    assert content.startswith(":check_mark: **Passed**: a [deploy](https://semaphoreci.com/")
    assert " to **lamancha-271** in 10 s." in content


def test_a_pull_request_without_a_head_shows_the_built_commit() -> None:
    body = SEMAPHORE.fixture("pull_request.json")
    body["revision"]["pull_request"]["head_sha"] = None
    assert "[0387f43](" in SEMAPHORE.message(None, body).content


def test_times_semaphore_leaves_unset_fall_back_or_drop_the_duration() -> None:
    body = push()
    del body["pipeline"]["running_at"]
    assert " in 34 s," in SEMAPHORE.message(None, body).content  # from created_at
    body["pipeline"]["done_at"] = "1970-01-01T00:00:00Z"
    assert " in " not in SEMAPHORE.message(None, body).content.splitlines()[0]


@pytest.mark.parametrize(
    ("result", "reason", "start"),
    [
        ("failed", "timeout", ":cross_mark: **Failed** (timed out):"),
        ("failed", "malformed", ":cross_mark: **Failed** (the pipeline's YAML is not valid):"),
        ("stopped", "strategy", ":stop_sign: **Stopped** (by the auto-cancel strategy):"),
        ("canceled", "fast_failing", ":stop_sign: **Canceled** (by fail-fast):"),
        ("passed", "test", ":check_mark: **Passed**:"),
        ("skipped", None, "**Skipped**:"),
    ],
)
def test_results_and_their_reasons(result: str, reason: str | None, start: str) -> None:
    body = push()
    body["pipeline"].update(result=result, result_reason=reason)
    assert SEMAPHORE.message(None, body).content.startswith(start)


def test_a_classic_build_with_little_in_it_still_posts() -> None:
    body = {"event": "build", "project_name": "knighthood", "result": "pending"}
    message = SEMAPHORE.message(None, body)
    assert message.topic == "knighthood"
    assert message.content == ":hourglass: **Pending**: a build."


def test_events_semaphore_does_not_send_are_refused_by_name() -> None:
    with pytest.raises(UnsupportedEvent, match="'unknown'"):
        SEMAPHORE.post(None, SEMAPHORE.fixture("unknown.json"))
    with pytest.raises(UnsupportedEvent, match="'merge_group'"):
        SEMAPHORE.post(None, push(reference_type="merge_group"))
    with pytest.raises(BadPayload, match="event: expected the event's name, got an empty"):
        SEMAPHORE.post(None, {"event": "", "project_name": "p", "result": "passed"})


PIECES = st.sampled_from(
    ["@**all**", "@*backend*", "**", "`", "~~", "$$", "[", "](", "<b>", "#", "\n", " ", "x"]
)
TEXT = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(branch=TEXT, subject=TEXT, sender=TEXT, pipeline=TEXT, job=TEXT, title=TEXT)
def test_nothing_in_a_pipeline_pings_anyone(
    branch: str, subject: str, sender: str, pipeline: str, job: str, title: str
) -> None:
    body = copy.deepcopy(SEMAPHORE.fixture("pull_request.json"))
    request = body["revision"]["pull_request"]
    request.update(branch_name=branch, name=title)
    body["revision"].update(commit_message=subject, sender={"login": sender})
    body["pipeline"]["name"] = pipeline
    body["blocks"][0]["jobs"][0]["name"] = job
    assert_inert(SEMAPHORE.message(None, body).content)
