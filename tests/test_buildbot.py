"""Focused tests of the Buildbot integration: both reporters' shapes beyond the page.

The page shows the four payloads ZulipStatusPush sent and three of
HttpStatusPush. Here: every result code Buildbot has (and one it may add),
what HttpStatusPush leaves out when not asked for it, owners and times in
their odd forms, the topic of a long project, and a property test that no
name from Buildbot makes a live mention.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from integrations.core import BadPayload, UnsupportedEvent
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import untrusted_words

BUILDBOT = WebhookHarness("buildbot")


def zulip_push(results: object = 0, **fields: Any) -> dict[str, Any]:
    """A body as ZulipStatusPush sends it for a finished build."""
    body: dict[str, Any] = {
        "event": "finished",
        "buildid": 33,
        "buildername": "runtests",
        "url": "http://buildbot.example.com/#builders/1/builds/33",
        "project": "hello",
        "timestamp": 1553910552,
        "results": results,
    }
    body.update(fields)
    return {key: value for key, value in body.items() if value is not None}


def http_push(**fields: Any) -> dict[str, Any]:
    """A build record as HttpStatusPush sends it, with properties."""
    body: dict[str, Any] = {
        "buildid": 5121,
        "number": 212,
        "started_at": 1717230240,
        "complete_at": 1717230512,
        "complete": True,
        "state_string": "failed 'pytest' (failure)",
        "results": 2,
        "url": "https://buildbot.example.com/#/builders/3/builds/212",
        "builder": {"name": "unit-tests"},
        "properties": {"project": ["shop", "Build"], "branch": ["main", "Build"]},
    }
    body.update(fields)
    return body


@pytest.mark.parametrize(
    ("code", "headline"),
    [
        (0, "**Succeeded**"),
        (1, "**Succeeded with warnings**"),
        (2, "**Failed**"),
        (3, "**Skipped**"),
        (4, "**Failed with an exception**"),
        (5, "**Will be retried**"),
        (6, "**Cancelled**"),
        (9, "**Finished (result 9)**"),
        (None, "**Finished**"),
    ],
)
def test_every_result_code_reads_as_words(code: int | None, headline: str) -> None:
    content = BUILDBOT.message(None, zulip_push(code)).content
    assert content.startswith(headline + ": [build #33]")


def test_the_zulip_reporters_fixtures_keep_zulips_topics() -> None:
    topics = {
        name: BUILDBOT.message(None, BUILDBOT.fixture(name)).topic
        for name in ("started.json", "finished_success.json", "finished_failure.json")
    }
    assert topics == {
        "started.json": "buildbot-hello",
        "finished_success.json": "buildbot-hello",
        "finished_failure.json": "general",
    }


def test_the_masters_build_id_follows_only_when_it_is_not_the_number_shown() -> None:
    # ZulipStatusPush sends the master's buildid, which Zulip's integration shows.
    elsewhere = zulip_push(url="http://buildbot.example.com/#builders/79/builds/307", buildid=10434)
    assert BUILDBOT.message(None, elsewhere).content.endswith("\nBuild ID 10434")
    assert "ID" not in BUILDBOT.message(None, zulip_push()).content  # buildid 33, build #33
    assert "ID" not in BUILDBOT.message(None, http_push()).content  # it sends its own number


def test_fixed_only_after_a_failure_or_an_exception() -> None:
    def headline(previous: int) -> str:
        body = http_push(results=0, state_string="build successful")
        body["prev_build"] = {"results": previous}
        return BUILDBOT.message(None, body).content.split(":", 1)[0]

    assert headline(2) == "**Fixed**"
    assert headline(4) == "**Fixed**"
    assert headline(0) == "**Succeeded**"
    assert headline(6) == "**Succeeded**"  # after a cancelled build, nothing was broken


@pytest.mark.parametrize(
    ("result", "previous", "headline"),
    [
        (2, 2, "**Still failing**"),
        (2, 4, "**Still failing**"),
        (4, 2, "**Failed with an exception**"),  # it says more than "still failing"
        (2, 0, "**Failed**"),
        (2, None, "**Failed**"),
    ],
)
def test_a_failure_after_a_failure_is_still_failing(
    result: int, previous: int | None, headline: str
) -> None:
    body = http_push(results=result)
    if previous is not None:
        body["prev_build"] = {"results": previous}
    content = BUILDBOT.message(None, body).content
    assert content.startswith(headline + ": [build #212]")
    assert ": failed 'pytest'." in content  # the failing step, whatever the headline


def test_what_http_status_push_leaves_out_without_properties() -> None:
    body = {"buildid": 7, "number": 3, "complete": True, "results": 0, "builder": {"name": "docs"}}
    message = BUILDBOT.message(None, body)
    assert message.topic == "general"
    assert message.content == "**Succeeded**: build #3 of **docs**."


def test_without_properties_the_buildsets_source_stamp_says_branch_and_project() -> None:
    # HttpStatusPush sends the build's buildset (Buildbot's data API shape) even without
    # wantProperties: its one source stamp names the branch, revision and project.
    stamp = {"branch": "main", "project": "shop", "revision": "d34db33fd43db33f", "codebase": ""}
    body = {
        "buildid": 7,
        "number": 3,
        "complete": True,
        "results": 0,
        "builder": {"name": "docs"},
        "properties": {"project": ["", "Build"], "branch": [None, "Build"]},
        "buildset": {"bsid": 98, "sourcestamps": [stamp]},
    }
    message = BUILDBOT.message(None, body)
    assert message.topic == "shop / main"
    assert (
        message.content == "**Succeeded**: build #3 of **docs** on `main`.\nRevision `d34db33fd43d`"
    )


def test_several_source_stamps_say_no_branch_of_their_own() -> None:
    stamps = [{"branch": "main", "project": "a"}, {"branch": "dev", "project": "b"}]
    body = {"number": 3, "complete": False, "builder": {"name": "docs"}}
    body["buildset"] = {"sourcestamps": stamps}
    message = BUILDBOT.message(None, body)
    assert (message.topic, message.content) == ("general", "**Started**: build #3 of **docs**.")


def test_a_revision_per_codebase_is_read_only_when_there_is_one() -> None:
    # Buildbot sets got_revision to a map of codebase to revision for multi-codebase builds.
    one = http_push(results=0)
    one["properties"]["got_revision"] = [{"app": "0a1b2c3d4e5f6071"}, "Git"]
    assert "Revision `0a1b2c3d4e5f`" in BUILDBOT.message(None, one).content
    several = http_push(results=0)
    several["properties"]["got_revision"] = [{"app": "0a1b2c3d", "lib": "9f8e7d6c"}, "Git"]
    assert "Revision" not in BUILDBOT.message(None, several).content


def test_a_build_still_running_is_new() -> None:
    body = http_push(complete=False, complete_at=None, results=None)
    processed = BUILDBOT.process(None, body)
    assert processed.event == "new"
    assert processed.message is not None
    assert processed.message.content.startswith("**Started**: ")
    assert "ook " not in processed.message.content


def test_the_failing_step_is_said_only_for_a_failure() -> None:
    failed = BUILDBOT.message(None, http_push()).content
    cancelled = BUILDBOT.message(None, http_push(results=6, state_string="cancelled")).content
    assert ": failed 'pytest'." in failed
    assert "cancelled." not in cancelled.split("\n")[0].split("**")[-1]


def test_owners_as_a_single_owner_and_as_addresses() -> None:
    single = http_push()
    single["properties"]["owner"] = ["grace@example.com", "Build"]
    assert "\nFor **grace@example.com** · took" in BUILDBOT.message(None, single).content
    many = http_push()
    many["properties"]["owners"] = [[f"Dev {n} <dev{n}@example.com>" for n in range(8)], "Build"]
    content = BUILDBOT.message(None, many).content
    assert "For **Dev 0**, **Dev 1**, **Dev 2**, **Dev 3**, **Dev 4** and 3 more · took" in content


def test_a_time_that_goes_backwards_gives_no_duration() -> None:
    body = http_push(started_at=1717230512, complete_at=1717230240)
    assert "ook" not in BUILDBOT.message(None, body).content


def test_times_in_milliseconds_or_fractions_are_read() -> None:
    body = http_push(started_at=1717230240.25, complete_at=1717230512.75)
    assert BUILDBOT.message(None, body).content.endswith("\nTook 4 min 32 s")


def test_an_event_buildbot_may_add_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedEvent, match="'rebuilt'"):
        BUILDBOT.post(None, zulip_push(event="rebuilt"))


def test_a_result_that_is_not_a_number_is_named() -> None:
    with pytest.raises(BadPayload, match=r"^results: expected an integer, got a string"):
        BUILDBOT.post(None, zulip_push(results="success"))


def test_a_long_project_makes_a_topic_of_zulips_length() -> None:
    message = BUILDBOT.message(None, zulip_push(project="monorepo " * 20))
    assert len(message.topic) == 60
    assert message.topic.endswith("...")


untrusted = untrusted_words("[x](javascript:1)")


@settings(max_examples=150, deadline=None)
@given(builder=untrusted, branch=untrusted, state=untrusted, owner=untrusted)
def test_no_name_from_buildbot_makes_a_live_mention(
    builder: str, branch: str, state: str, owner: str
) -> None:
    body = http_push(builder={"name": builder}, state_string=state)
    body["properties"]["branch"] = [branch, "Build"]
    body["properties"]["owners"] = [[owner], "Build"]
    assert_inert(BUILDBOT.message(None, body).content)
