"""Focused tests of the Travis CI integration: the form it posts, its key, and payload variants.

Travis CI posts a form whose ``payload`` field holds the JSON, which the
shared bad-input sweep (JSON bodies only) does not break: the sweep is run
here over the page's form examples, breaking the JSON inside the field. The
signature is checked with a key pair made by the test, as Travis CI's
private key cannot be used; and the fixtures are sent the way Travis CI
sends them, as a form.
"""

from __future__ import annotations

import base64
import copy
import json
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import (
    BadRequest,
    IntegrationError,
    Message,
    Payload,
    Unauthorized,
    WebhookRequest,
    default_registry,
)
from integrations.core.request import Headers
from integrations.examples.parse import parse_file
from integrations.examples.run import request_for
from integrations.examples.variants import fields_read, variants
from integrations.testing.webhooks import WebhookHarness, assert_inert

TRAVIS = WebhookHarness("travis")
FORM = "application/x-www-form-urlencoded"
PAGE = Path(__file__).resolve().parent.parent / "docs" / "integrations" / "travis.md"


def form(build: Any) -> bytes:
    text = build if isinstance(build, str) else json.dumps(build)
    return urlencode({"payload": text}).encode()


def post(build: Any, **options: Any) -> Message | None:
    return TRAVIS.post(None, form(build), content_type=FORM, **options)


def message(build: Any, **options: Any) -> Message:
    posted = post(build, **options)
    assert posted is not None
    return posted


def build(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = TRAVIS.fixture("build.json")
    body.update(changes)
    return body


def test_the_fixtures_sent_as_travis_sends_them() -> None:
    passed = message((TRAVIS.fixtures / "build.json").read_text())
    assert passed.topic == "fhir-svn / master"
    assert passed.content.startswith(":check_mark: **Passed**: build [#4601](")
    relabelled = message((TRAVIS.fixtures / "pull_request.json").read_text())
    assert relabelled.topic == "fhir-svn / master"
    assert "of a pull request into `master`" in relabelled.content


def test_a_json_body_is_read_too() -> None:
    posted = TRAVIS.message(None, TRAVIS.fixture("build.json"))
    assert posted.topic == "fhir-svn / master"


def test_a_form_without_the_payload_field_is_refused_by_name() -> None:
    with pytest.raises(BadRequest, match="the form field 'payload'"):
        TRAVIS.post(None, b"build=1", content_type=FORM)


def test_a_build_that_names_no_repository_goes_to_zulips_topic() -> None:
    assert message(build(repository=None)).topic == "builds"


def test_a_pull_request_without_a_title_is_keyed_on_its_number() -> None:
    posted = message(build(type="pull_request", pull_request=True, pull_request_number=7))
    assert posted.topic == "fhir-svn / PR #7"


def test_ignore_pull_requests_leaves_out_what_zulip_leaves_out_by_default() -> None:
    pull = (TRAVIS.fixtures / "pull_request.json").read_text()
    push = (TRAVIS.fixtures / "build.json").read_text()
    ignoring = {"ignore_pull_requests": "true"}
    processed = TRAVIS.process(None, form(pull), content_type=FORM, query=ignoring)
    assert processed.message is None
    # A build marked as a pull request's, whatever its type.
    labelled_push = build(pull_request=True)
    assert post(labelled_push, query=ignoring) is None
    assert post(push, query=ignoring) is not None
    assert post(pull) is not None
    assert post(pull, query={"ignore_pull_requests": "false"}) is not None


def test_numbers_may_be_numbers_or_text() -> None:
    assert "build [#4601](" in message(build(number=4601)).content
    pull = build(type="pull_request", pull_request=True, pull_request_number="7")
    assert message(pull).topic == "fhir-svn / PR #7"


def test_old_and_new_job_states_say_which_failed() -> None:
    jobs = [
        {"id": 1, "number": "9.1", "state": "finished", "result": 1, "config": {"env": "DB=pg"}},
        {"id": 2, "number": "9.2", "state": "finished", "result": 0},
        {"id": 3, "number": "9.3", "state": "errored", "result": None, "config": {"env": ["A=1"]}},
        {"id": 4, "number": "9.4", "state": "failed", "allow_failure": True},
        {"id": 5, "number": 9.5, "state": "passed"},
    ]
    posted = message(build(matrix=jobs, status_message="Failed"))
    last = posted.content.splitlines()[-1]
    assert last == (
        "Failed jobs: [#9.1 DB=pg](https://travis-ci.org/hl7-fhir/fhir-svn/jobs/1),"
        " [#9.3](https://travis-ci.org/hl7-fhir/fhir-svn/jobs/3)"
    )


def test_many_failed_jobs_are_counted() -> None:
    jobs = [{"id": n, "number": f"9.{n}", "state": "failed"} for n in range(1, 15)]
    assert message(build(matrix=jobs)).content.endswith(" and 4 more")


@pytest.mark.parametrize(
    ("status", "start"),
    [
        ("Still Failing", ":cross_mark: **Still Failing**"),
        ("Errored", ":cross_mark: **Errored**"),
        ("Canceled", ":stop_sign: **Canceled**"),
        ("Pending", ":hourglass: **Pending**"),
        ("Skipped", "**Skipped**"),
    ],
)
def test_every_status_reads(status: str, start: str) -> None:
    assert message(build(status_message=status)).content.startswith(start + ":")


def test_a_build_without_status_message_falls_back_to_its_state() -> None:
    posted = message(build(status_message=None, result_message=None, state="passed"))
    assert posted.content.startswith(":check_mark: **Passed**:")


def test_commit_links_follow_the_host() -> None:
    gitlab = {"id": 1, "name": "r", "url": "https://gitlab.com/o/r"}
    assert "](https://gitlab.com/o/r/-/commit/6c457d3" in message(build(repository=gitlab)).content
    elsewhere = {"id": 1, "name": "r", "url": "https://git.example.com/o/r"}
    posted = message(build(repository=elsewhere, compare_url=None))
    assert "`6c457d3` Debug+build+hooks" in posted.content


# Signatures ---------------------------------------------------------------


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def signed(key: rsa.RSAPrivateKey, value: str) -> str:
    return base64.b64encode(key.sign(value.encode(), padding.PKCS1v15(), hashes.SHA1())).decode()


def signed_request(body: bytes, signature: str) -> WebhookRequest:
    return WebhookRequest(
        body=body, headers=Headers({"Content-Type": FORM, "Signature": signature})
    )


def test_the_payload_field_signed_with_the_key_is_accepted(key: rsa.RSAPrivateKey) -> None:
    value = (TRAVIS.fixtures / "build.json").read_text()
    request = signed_request(form(value), signed(key, value))
    assert TRAVIS.integration.process(request, secret=public_pem(key)).message is not None


def test_a_changed_payload_or_another_key_is_refused(key: rsa.RSAPrivateKey) -> None:
    value = (TRAVIS.fixtures / "build.json").read_text()
    changed = signed_request(form(value.replace("Passed", "Failed")), signed(key, value))
    with pytest.raises(Unauthorized, match="not a signature of this request"):
        TRAVIS.integration.process(changed, secret=public_pem(key))
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(Unauthorized):
        TRAVIS.integration.process(
            signed_request(form(value), signed(other, value)), secret=public_pem(key)
        )


def test_a_secret_that_is_no_public_key_is_said(key: rsa.RSAPrivateKey) -> None:
    value = (TRAVIS.fixtures / "build.json").read_text()
    request = signed_request(form(value), signed(key, value))
    with pytest.raises(Unauthorized, match="is not a PEM public key"):
        TRAVIS.integration.process(request, secret="a shared secret")


# The bad-input sweep, inside the form -------------------------------------


def form_examples() -> list[Any]:
    doc = parse_file(PAGE, default_registry())
    return [
        example
        for example in doc.examples
        if example.content_type == FORM and "payload" in dict(parse_qsl(example.body.text))
    ]


@pytest.mark.parametrize("example", form_examples(), ids=lambda example: example.id)
def test_broken_payloads_inside_the_form_end_cleanly(example: Any) -> None:
    fields = dict(parse_qsl(example.body.text))
    request = request_for(example, TRAVIS.integration)
    body = json.loads(fields["payload"])
    paths = fields_read(TRAVIS.integration, request, body)
    assert paths, "the handler read nothing"
    for variant in variants(body, fields["payload"].encode(), paths):
        try:
            if variant.raw is not None:
                raw = form(variant.raw.decode("utf-8", errors="replace"))
                TRAVIS.integration.process(
                    WebhookRequest(body=raw, headers=request.headers, query=request.query)
                )
            else:
                TRAVIS.integration.dispatch(request, Payload(variant.body))
        except IntegrationError as error:
            if not str(error).strip():
                pytest.fail(f"{variant.description}: an error without a reason")
        except Exception:
            pytest.fail(f"{variant.description}: crashed\n{traceback.format_exc()}")


PIECES = st.sampled_from(
    ["@**all**", "@*backend*", "**", "`", "~~", "$$", "[", "](", "<b>", "#", "\n", " ", "x"]
)
TEXT = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(branch=TEXT, subject=TEXT, author=TEXT, title=TEXT, job=TEXT)
def test_nothing_in_a_build_pings_anyone(
    branch: str, subject: str, author: str, title: str, job: str
) -> None:
    body = copy.deepcopy(build())
    body.update(
        branch=branch,
        message=subject,
        author_name=author,
        type="pull_request",
        pull_request=True,
        pull_request_number=3,
        pull_request_title=title,
        status_message="Failed",
    )
    body["matrix"][0].update(state="failed", config={"name": job})
    assert_inert(message(body).content)
