"""Focused tests of the Jenkins webhook (the Notification plugin's JSON) beyond the page.

Job addresses with folders and encoded branch names, the older plugin
versions' fields, a result the plugin may add, long lists and logs, notes
without text, and a property test that nothing from Jenkins makes a live
mention.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from integrations.core import BadPayload, UnsupportedEvent
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import untrusted_words

JENKINS = WebhookHarness("jenkins")


def notification(phase: str = "FINALIZED", **build: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "main",
        "url": "job/shop/job/main/",
        "build": {
            "full_url": "https://ci.example.com/job/shop/job/main/7/",
            "number": 7,
            "phase": phase,
            "status": "SUCCESS",
            "url": "job/shop/job/main/7/",
        },
    }
    body["build"].update(build)
    return body


def test_an_encoded_branch_job_is_decoded_in_the_topic() -> None:
    body = notification()
    body.update(name="feature%2Flogin", url="job/shop/job/feature%252Flogin/")
    message = JENKINS.message(None, body)
    assert message.topic == "shop » feature/login"
    assert "of **shop » feature/login**." in message.content


def test_a_job_without_its_address_is_named_by_its_name() -> None:
    body = notification()
    del body["url"]
    assert JENKINS.message(None, body).topic == "main"


@pytest.mark.parametrize(
    ("status", "headline"),
    [
        ("SUCCESS", "**Succeeded**"),
        ("UNSTABLE", "**Unstable**"),
        ("FAILURE", "**Failed**"),
        ("ABORTED", "**Aborted**"),
        ("NOT_BUILT", "**Not built**"),
        ("CYCLE", "**Finished (CYCLE)**"),
        (None, "**Finished**"),
    ],
)
def test_every_status(status: str | None, headline: str) -> None:
    content = JENKINS.message(None, notification(status=status)).content
    assert content.startswith(headline + ": [build #7]")


def test_older_versions_timestamp_text_and_no_duration() -> None:
    body = notification(timestamp="2024-06-01T08:24:00.0+00:00", duration=0)
    assert "ook" not in JENKINS.message(None, body).content


def test_gitlab_bitbucket_and_unknown_hosts() -> None:
    sha = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
    gitlab = notification(scm={"url": "git@gitlab.com:shop/app.git", "commit": sha})
    bitbucket = notification(scm={"url": "https://bitbucket.org/shop/app.git", "commit": sha})
    other = notification(scm={"url": "https://git.example.com/shop.git", "commit": sha})
    assert f"(https://gitlab.com/shop/app/-/commit/{sha})" in JENKINS.message(None, gitlab).content
    assert f"(https://bitbucket.org/shop/app/commits/{sha})" in (
        JENKINS.message(None, bitbucket).content
    )
    assert "Commit `0a1b2c3`" in JENKINS.message(None, other).content


def test_many_culprits_are_counted() -> None:
    culprits = [f"dev{n}" for n in range(8)]
    body = notification(scm={"commit": "0a1b2c3d4e5f", "culprits": culprits})
    content = JENKINS.message(None, body).content
    assert " · changes by **dev0**, **dev1**, **dev2**, **dev3**, **dev4** and 3 more" in content


def test_many_failed_tests_and_a_long_log_are_cut() -> None:
    names = [f"tests.test_{n}" for n in range(14)]
    log = "\n".join(f"line {n} " + "x" * 300 for n in range(50))
    body = notification(
        status="FAILURE",
        test_summary={"total": 30, "failed": 14, "skipped": 0, "failed_tests": names},
        log=log,
    )
    content = JENKINS.message(None, body).content
    assert "[and 4 more failed tests]" in content
    assert "line 29 " not in content
    assert "line 30 " in content
    assert "x" * 201 not in content


def test_the_log_is_shown_only_for_a_failure() -> None:
    assert "log" not in JENKINS.message(None, notification(log="all good")).content


def test_many_artifacts_are_counted() -> None:
    artifacts = {f"file{n}.jar": {"archive": f"https://ci.example.com/a/{n}"} for n in range(7)}
    content = JENKINS.message(None, notification(artifacts=artifacts)).content
    assert content.endswith(" and 2 more")


def test_a_note_without_text_posts_nothing() -> None:
    assert JENKINS.post(None, notification("NONE", status=None)) is None


def test_notes_on_a_start() -> None:
    content = JENKINS.message(
        None, notification("STARTED", status=None, notes="Release 2.1")
    ).content
    assert content.endswith("~~~ quote\nRelease 2.1\n~~~")


def test_a_phase_the_plugin_may_add_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedEvent, match="'DELETED'"):
        JENKINS.post(None, notification("DELETED"))


def test_a_build_of_the_wrong_shape_is_named() -> None:
    with pytest.raises(BadPayload, match=r"^build\.number: expected an integer, got a string"):
        JENKINS.post(None, notification(number="7"))


untrusted = untrusted_words("[x](javascript:1)")


@settings(max_examples=100, deadline=None)
@given(name=untrusted, branch=untrusted, culprit=untrusted, test=untrusted, log=untrusted)
def test_nothing_from_jenkins_makes_a_live_mention(
    name: str, branch: str, culprit: str, test: str, log: str
) -> None:
    body = notification(
        status="FAILURE",
        scm={"branch": branch, "commit": "abc1234", "culprits": [culprit]},
        test_summary={"total": 2, "failed": 1, "failed_tests": [test]},
        log=log,
        notes=log,
    )
    body["name"] = name
    assert_inert(JENKINS.message(None, body).content)
