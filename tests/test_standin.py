"""The Zulip stand-in: it must accept what Zulip accepts and refuse what Zulip refuses."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import requests

from integrations.testing.openapi import SPEC_PATH
from integrations.testing.zulip_standin import ZulipStandIn, closed_site

# The sha256 recorded in integrations/spec/NOTICE.md: the copy is unchanged.
SPEC_SHA256 = "35bf1502c46fa36fbeceb887dd956cdfbd95878180e876c46c325a5f6e2896e6"


def post(
    standin: ZulipStandIn,
    data: dict[str, str],
    *,
    auth: tuple[str, str] | None = None,
    path: str = "/api/v1/messages",
) -> requests.Response:
    return requests.post(
        standin.site + path,
        data=data,
        auth=auth or (standin.email, standin.api_key),
        timeout=10,
    )


VALID = {"type": "stream", "to": json.dumps("commits"), "topic": "t", "content": "hello"}


def test_the_spec_is_zulips_file_unchanged() -> None:
    assert hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest() == SPEC_SHA256
    notice = (SPEC_PATH.parent / "NOTICE.md").read_text(encoding="utf-8")
    assert SPEC_SHA256 in notice
    assert "Apache" in notice


def test_listens_on_the_loopback_only(zulip_standin: ZulipStandIn) -> None:
    assert zulip_standin.site.startswith("http://127.0.0.1:")


def test_accepts_and_records_a_valid_message(zulip_standin: ZulipStandIn) -> None:
    response = post(zulip_standin, VALID)
    assert response.status_code == 200
    assert response.json() == {"result": "success", "msg": "", "id": 1}
    [message] = zulip_standin.messages
    assert (message.channel, message.topic, message.content) == ("commits", "t", "hello")
    assert zulip_standin.requests[0].valid
    zulip_standin.assert_all_valid()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"type": "stream", "content": "x"}, "'to' is a required property"),
        ({**VALID, "type": "broadcast"}, "'broadcast' is not one of"),
        (
            {"type": "stream", "to": json.dumps("commits"), "topic": "t"},
            "'content' is a required property",
        ),
        # The API describes `to` as JSON; a bare name is not.
        ({**VALID, "to": "commits"}, "MediaTypeDeserializeError"),
    ],
)
def test_refuses_what_the_api_description_refuses(
    zulip_standin: ZulipStandIn, data: dict[str, str], problem: str
) -> None:
    zulip_standin.allow_invalid = True
    response = post(zulip_standin, data)
    assert response.status_code == 400
    assert response.json()["code"] == "BAD_REQUEST"
    [recorded] = zulip_standin.requests
    assert recorded.problem is not None
    assert problem in recorded.problem
    assert zulip_standin.messages == []
    with pytest.raises(AssertionError, match="1 request\\(s\\) did not follow Zulip's API"):
        zulip_standin.assert_all_valid()


def test_an_unknown_endpoint_is_not_in_the_api(zulip_standin: ZulipStandIn) -> None:
    zulip_standin.allow_invalid = True
    response = post(zulip_standin, VALID, path="/api/v1/nowhere")
    assert response.status_code == 404
    assert not zulip_standin.requests[0].valid


@pytest.mark.parametrize(
    "auth",
    [("git-bot@example.com", "wrong"), ("someone@example.com", "0123456789abcdef0123456789abcdef")],
)
def test_checks_the_bots_credentials(zulip_standin: ZulipStandIn, auth: tuple[str, str]) -> None:
    response = post(zulip_standin, VALID, auth=auth)
    assert response.status_code == 401
    assert response.json() == {
        "result": "error",
        "msg": "Invalid API key",
        "code": "INVALID_API_KEY",
    }
    assert zulip_standin.messages == []


def test_refuses_a_request_without_credentials(zulip_standin: ZulipStandIn) -> None:
    response = requests.post(zulip_standin.site + "/api/v1/messages", data=VALID, timeout=10)
    assert response.status_code == 401


def test_answers_429_with_retry_after_when_told(zulip_standin: ZulipStandIn) -> None:
    zulip_standin.rate_limit_next(retry_after=2)
    first = post(zulip_standin, VALID)
    second = post(zulip_standin, VALID)
    assert first.status_code == 429
    assert first.headers["Retry-After"] == "2"
    assert first.json()["retry-after"] == 2
    assert first.json()["code"] == "RATE_LIMIT_HIT"
    assert second.status_code == 200
    assert len(zulip_standin.messages) == 1


def test_answers_a_server_error_page_when_told(zulip_standin: ZulipStandIn) -> None:
    zulip_standin.fail_next(502, times=2)
    answers = [post(zulip_standin, VALID).status_code for _ in range(3)]
    assert answers == [502, 502, 200]
    assert zulip_standin.requests[0].status == 502


def test_knows_its_channels() -> None:
    with ZulipStandIn(channels={"commits"}) as standin:
        response = post(standin, {**VALID, "to": json.dumps("elsewhere")})
    assert response.status_code == 400
    assert response.json() == {
        "result": "error",
        "msg": "Channel 'elsewhere' does not exist",
        "code": "STREAM_DOES_NOT_EXIST",
        "stream": "elsewhere",
    }


def test_down_means_connection_refused(zulip_standin: ZulipStandIn) -> None:
    site = zulip_standin.site
    zulip_standin.down()
    with pytest.raises(requests.ConnectionError):
        requests.post(site + "/api/v1/messages", data=VALID, timeout=5)
    with pytest.raises(requests.ConnectionError):
        requests.post(closed_site() + "/api/v1/messages", data=VALID, timeout=5)


def test_clear_forgets_what_was_received(zulip_standin: ZulipStandIn) -> None:
    post(zulip_standin, VALID)
    zulip_standin.clear()
    assert zulip_standin.messages == []
    assert zulip_standin.requests == []


def test_the_fixture_fails_a_test_that_sent_an_invalid_request(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["integrations.testing.pytest_plugin"]')
    pytester.makepyfile(
        """
        import requests

        def test_sends_garbage(zulip_standin):
            requests.post(
                zulip_standin.site + "/api/v1/messages",
                data={"type": "stream"},
                auth=(zulip_standin.email, zulip_standin.api_key),
                timeout=10,
            )
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*did not follow Zulip's API*", "*'to' is a required property*"])


def test_spec_lives_inside_the_project() -> None:
    assert SPEC_PATH.is_relative_to(Path(__file__).resolve().parent.parent / "integrations")
