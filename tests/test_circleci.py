"""Focused tests of the CircleCI integration: what the page does not show a reader.

The fixtures not on the page (Bitbucket's and GitLab's jobs), the shapes
CircleCI sends for other providers (the GitHub App), the event in the
header only, the delivery id, legacy payloads with less in them, the
signature's several values, statuses CircleCI may add, and a property test
that nothing in a payload makes a live mention.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import BadPayload, Unauthorized, UnsupportedEvent
from integrations.testing.webhooks import WebhookHarness, assert_inert

CIRCLECI = WebhookHarness("circleci")


def workflow(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = CIRCLECI.fixture("github_workflow_completed.json")
    body["workflow"].update(changes)
    return body


def test_jobs_on_bitbucket_and_gitlab_link_their_commits_on_their_hosts() -> None:
    bitbucket = CIRCLECI.message(None, CIRCLECI.fixture("bitbucket_job_completed.json"))
    gitlab = CIRCLECI.message(None, CIRCLECI.fixture("gitlab_job_completed.json"))
    assert bitbucket.topic == "circleci-webhook-testing / master"
    assert (
        "bitbucket.org/hariprashant1/circleci-webhook-testing/commits/8ab595d2" in bitbucket.content
    )
    assert "/workflows/fd29ef0c-3e39-4c8f-b1d5-d8be1bab8165/jobs/4)" in bitbucket.content
    assert gitlab.topic == "circleci-webhook-test / main"
    assert "gitlab.com/zulip-testing/circleci-webhook-test/-/commit/c31f8699" in gitlab.content
    assert "app: Enhance message within hello(). — **Hari Prashant Bhimaraju**" in gitlab.content


def test_a_github_app_project_is_read_from_its_trigger_parameters() -> None:
    body = CIRCLECI.fixture("gitlab_workflow_completed.json")
    parameters = body["pipeline"]["trigger_parameters"]
    block = parameters.pop("gitlab")
    block["web_url"] = "https://github.com/octo-org/hello-world"
    parameters["github_app"] = block
    parameters["git"]["branch"] = "feature/login"
    block["user_name"] = "Grace Hopper"
    message = CIRCLECI.message(None, body)
    assert "(pipeline #3, pushed by **Grace Hopper**)." in message.content
    assert message.topic == "circleci-webhook-test / feature/login"
    assert "](https://github.com/octo-org/hello-world/commit/c31f86994c54" in message.content
    assert "on `feature/login`" in message.content


def test_a_provider_we_cannot_address_gets_its_commit_unlinked() -> None:
    body = CIRCLECI.fixture("gitlab_workflow_completed.json")
    body["pipeline"]["trigger_parameters"]["gitlab"]["web_url"] = "https://git.example.com/x/y"
    body["pipeline"]["trigger_parameters"]["bitbucket_dc"] = body["pipeline"][
        "trigger_parameters"
    ].pop("gitlab")
    body["pipeline"]["trigger_parameters"]["bitbucket_dc"]["web_url"] = "ssh://git.example.com"
    message = CIRCLECI.message(None, body)
    assert "`c31f869` app: Enhance message within hello()." in message.content


def test_a_tag_is_said_and_the_tag_pipeline_goes_to_the_project() -> None:
    body = CIRCLECI.fixture("github_tag_workflow_completed.json")
    body["pipeline"]["vcs"]["tag"] = "v2.4.0"
    message = CIRCLECI.message(None, body)
    assert message.topic == "circleci-webhook-test"
    assert "on tag `v2.4.0` in 19 s" in message.content


def test_the_event_is_the_bodys_type_and_the_header_only_stands_in_for_it() -> None:
    body = CIRCLECI.fixture("github_job_completed.json")
    mislabelled = CIRCLECI.request(
        None, body, headers={"Circleci-Event-Type": "workflow-completed"}
    )
    assert CIRCLECI.integration.process(mislabelled).event == "job-completed"
    del body["type"]
    headed = CIRCLECI.request(None, body, headers={"Circleci-Event-Type": "job-completed"})
    processed = CIRCLECI.integration.process(headed)
    assert processed.event == "job-completed"
    assert processed.message is not None


def test_an_empty_type_is_refused_by_name() -> None:
    with pytest.raises(BadPayload, match="type: expected the event's type, got an empty string"):
        CIRCLECI.post(None, {"type": " ", "id": "1"})


def test_the_event_id_is_the_delivery_id() -> None:
    processed = CIRCLECI.process(None, CIRCLECI.fixture("github_workflow_completed.json"))
    assert processed.delivery_id == (
        "20d1ec27-1d95-43df-9f92-cadcff3eb6a1/630a6132-5bf1-3600-b26d-a020d41358f9"
    )
    without_webhook = CIRCLECI.fixture("github_workflow_completed.json")
    del without_webhook["webhook"]
    assert CIRCLECI.process(None, without_webhook).delivery_id == (
        "630a6132-5bf1-3600-b26d-a020d41358f9"
    )
    legacy = {"payload": {"reponame": "hello-world", "status": "success", "build_num": 7}}
    assert CIRCLECI.process(None, legacy).delivery_id is None


def test_several_signatures_pass_when_one_matches() -> None:
    body = json.dumps(CIRCLECI.fixture("github_workflow_completed.json")).encode()
    good = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    header = {"Circleci-Signature": f"v2=abc,v1={'0' * 64}, v1={good}"}
    request = CIRCLECI.request(None, body, headers=header)
    assert CIRCLECI.integration.process(request, secret="s3cret").message is not None
    forged = CIRCLECI.request(None, body, headers={"Circleci-Signature": good})
    with pytest.raises(Unauthorized):
        CIRCLECI.integration.process(forged, secret="s3cret")


def test_a_legacy_build_with_little_in_it_still_posts() -> None:
    body = {"payload": {"reponame": "hello-world", "outcome": "failed", "build_num": 7}}
    message = CIRCLECI.message(None, body)
    assert message.topic == "hello-world"
    assert message.content == ":cross_mark: **Failed**: build **#7**."


def test_a_legacy_failure_after_a_pass_is_a_plain_failure() -> None:
    body = {
        "payload": {
            "reponame": "hello-world",
            "branch": "main",
            "status": "failed",
            "previous": {"status": "success"},
            "build_url": "https://circleci.com/gh/octo-org/hello-world/9",
            "build_num": 9,
            "start_time": "2026-03-02T14:02:13Z",
            "stop_time": "2026-03-02T14:04:20Z",
            "vcs_url": "https://bitbucket.org/octo-org/hello-world",
            "vcs_revision": "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c",
            "subject": "Fix it\n\nReally.",
        }
    }
    message = CIRCLECI.message(None, body)
    assert message.content.startswith(":cross_mark: **Failed**: build [#9](")
    assert "in 2 min 7 s." in message.content
    assert "](https://bitbucket.org/octo-org/hello-world/commits/0d1a26e67d8f" in message.content
    assert message.content.endswith(") Fix it")  # the subject's first line only


@pytest.mark.parametrize(
    ("status", "previous", "start"),
    [
        ("failed", "timedout", ":cross_mark: **Still failing**"),
        ("timedout", "failed", ":cross_mark: **Timed out**"),  # it says more than "still failing"
        ("success", "failed", ":check_mark: **Fixed**"),
        ("success", "canceled", ":check_mark: **Succeeded**"),
        ("failed", "not_run", ":cross_mark: **Failed**"),
    ],
)
def test_a_legacy_build_after_a_failure(status: str, previous: str, start: str) -> None:
    body = {"payload": {"reponame": "r", "status": status, "previous": {"status": previous}}}
    assert CIRCLECI.message(None, body).content.startswith(start + ": a build.")


def test_many_failed_legacy_steps_are_counted() -> None:
    steps = [
        {"name": f"step {n}", "actions": [{"status": "failed", "failed": True}]} for n in range(14)
    ]
    body = {"payload": {"reponame": "r", "status": "failed", "steps": steps}}
    assert "**step 9** and 4 more" in CIRCLECI.message(None, body).content


@pytest.mark.parametrize(
    ("status", "start"),
    [
        ("error", ":cross_mark: **Errored**"),
        ("unauthorized", ":cross_mark: **Unauthorized**"),
        ("not_run", ":stop_sign: **Not run**"),
        ("on_hold", "**On hold**"),
    ],
)
def test_every_status_reads(status: str, start: str) -> None:
    assert CIRCLECI.message(None, workflow(status=status)).content.startswith(start + ":")


def test_ignoring_successful_jobs_never_drops_a_workflow_or_a_failed_job() -> None:
    query = {"ignore_successful_jobs": "true"}
    assert CIRCLECI.post(None, CIRCLECI.fixture("github_workflow_completed.json"), query=query)
    job = CIRCLECI.fixture("github_job_completed.json")
    assert CIRCLECI.post(None, job, query=query) is None
    job["job"]["status"] = "timedout"
    assert CIRCLECI.post(None, job, query=query) is not None


def test_times_that_cannot_be_read_leave_out_the_duration() -> None:
    message = CIRCLECI.message(None, workflow(stopped_at=None, created_at="yesterday"))
    assert " in " not in message.content.splitlines()[0].split("on `main`")[1]


def test_an_unknown_event_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedEvent, match="'workflow-started'"):
        CIRCLECI.post(None, {"type": "workflow-started"})


# Pieces of markup, joined: mentions, emphasis, code, links, block openers.
TEXT = st.lists(
    st.sampled_from(["@**all**", "@*backend*", "**", "`", "~~", "$$", "[", "](", "<", ">", "#"])
    | st.sampled_from(["\n", " ", "-", "1.", "x", "https://a.example", "javascript:", "@_**"]),
    max_size=12,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(name=TEXT, subject=TEXT, author=TEXT, branch=TEXT, project=TEXT)
def test_nothing_in_a_payload_pings_anyone(
    name: str, subject: str, author: str, branch: str, project: str
) -> None:
    body = copy.deepcopy(workflow(name=name or "w", status="failed"))
    vcs = body["pipeline"]["vcs"]
    vcs["commit"]["subject"], vcs["commit"]["author"]["name"], vcs["branch"] = (
        subject,
        author,
        branch,
    )
    body["project"]["name"] = project or "p"
    message = CIRCLECI.message(None, body)
    assert_inert(message.content)
