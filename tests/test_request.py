from __future__ import annotations

import pytest

from integrations.core import BadRequest, Headers, WebhookRequest, form_field_json, json_body


def test_headers_ignore_case_and_keep_names() -> None:
    headers = Headers([("X-GitHub-Event", "push"), ("content-type", "application/json")])
    assert headers["x-github-event"] == "push"
    assert "CONTENT-TYPE" in headers
    assert list(headers) == ["X-GitHub-Event", "content-type"]
    assert len(headers) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the request body is empty; expected JSON"),
        (
            b"{",
            "the request body is not valid JSON: Expecting property name enclosed in double quotes",
        ),
        (b"\xff\xfe", "the request body is not UTF-8 (byte 0)"),
        (b"[" * 100_000, "nests too deeply"),
    ],
)
def test_json_body_errors_are_clear(body: bytes, message: str) -> None:
    with pytest.raises(BadRequest, match=None) as caught:
        json_body(WebhookRequest(body=body))
    assert message in str(caught.value)


def test_form_field_json_reads_the_field_or_plain_json() -> None:
    read = form_field_json("payload")
    form = WebhookRequest(
        body=b"payload=%7B%22a%22%3A+1%7D",
        headers=Headers({"Content-Type": "application/x-www-form-urlencoded"}),
    )
    assert read(form) == {"a": 1}
    assert read(WebhookRequest(body=b'{"b": 2}')) == {"b": 2}
    missing = WebhookRequest(
        body=b"other=1", headers=Headers({"Content-Type": "application/x-www-form-urlencoded"})
    )
    with pytest.raises(BadRequest, match="'payload'"):
        read(missing)
