"""Validation of requests against Zulip's published OpenAPI description.

The description is ``integrations/spec/zulip-openapi.yaml``, a copy of the
Zulip server's own file (see ``integrations/spec/NOTICE.md``). Validation is
done by openapi-core; this module only adapts a raw HTTP request to it and
turns its exceptions into one line of text.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPEC_PATH = Path(__file__).resolve().parent.parent / "spec" / "zulip-openapi.yaml"


@lru_cache(maxsize=1)
def zulip_openapi() -> OpenAPI:
    """The parsed description, loaded once per process (it is 1.2 MB of YAML)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with SPEC_PATH.open("rb") as file:
        document = yaml.load(file, Loader=loader)
    # Checking the whole description against the OpenAPI meta-schema takes
    # long and proves nothing about our requests; the file is Zulip's own.
    return OpenAPI.from_dict(document, config=Config(spec_validator_cls=None))


class _Request:
    """A raw HTTP request in the shape openapi-core reads (its ``Request`` protocol)."""

    def __init__(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> None:
        parts = urlsplit(url)
        self.host_url = f"{parts.scheme}://{parts.netloc}"
        self.path = parts.path
        self.method = method.lower()
        self.body: bytes | None = body
        self.content_type = headers.get("Content-Type", "").lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qs(parts.query)),
            header=Headers(dict(headers)),
        )


def describe(error: BaseException) -> str:
    """One line for an openapi-core error: the schema errors if it has any."""
    causes: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(causes) < 5:
        causes.append(current)
        current = current.__cause__
    for cause in causes:
        schema_errors: Any = getattr(cause, "schema_errors", None)
        if schema_errors:
            return "; ".join(str(getattr(item, "message", item)) for item in schema_errors)
    texts = []
    for cause in causes:
        try:
            text = str(cause)
        except Exception:  # openapi-core's own __str__ can fail on str values
            text = ""
        texts.append(text or type(cause).__name__)
    return ": ".join(dict.fromkeys(texts))


def validate_request(method: str, url: str, headers: Mapping[str, str], body: bytes) -> str | None:
    """None if the request is valid for Zulip's API, else what is wrong with it."""
    try:
        zulip_openapi().validate_request(_Request(method, url, headers, body))
    except Exception as exc:  # openapi-core raises a family of unrelated errors
        return describe(exc)
    return None


class _Response:
    """A response in the shape openapi-core reads (its ``Response`` protocol)."""

    def __init__(self, status: int, content_type: str, body: bytes) -> None:
        self.status_code = status
        self.content_type = content_type
        self.data = body
        self.headers = Headers({"Content-Type": content_type})


def validate_response(
    method: str, url: str, headers: Mapping[str, str], body: bytes, status: int, answer: bytes
) -> str | None:
    """None if ``answer`` is a response Zulip's API documents for this request."""
    request = _Request(method, url, headers, body)
    try:
        zulip_openapi().validate_response(request, _Response(status, "application/json", answer))
    except Exception as exc:
        return describe(exc)
    return None
