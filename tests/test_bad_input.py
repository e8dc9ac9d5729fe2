"""No payload crashes an integration: broken variants of every doc example.

Each variant must end in a message, in nothing, or in one of the
integration's own errors (a clear 4xx reason); any other exception fails
with the variant that caused it. The number of variants run is reported at
the end of the test session.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable

import pytest

from integrations.core import IntegrationError, Message, Payload, default_registry
from integrations.examples.model import Example
from integrations.examples.pytest_plugin import VariantCounter
from integrations.examples.run import request_for, webhook_of
from integrations.examples.variants import fields_read, variants
from tests.doc_examples import all_examples, example_id

JSON_EXAMPLES = [
    example for example in all_examples() if example.content_type == "application/json"
]


@pytest.mark.parametrize("example", JSON_EXAMPLES, ids=example_id)
def test_broken_payloads_end_cleanly(
    example: Example, record_property: Callable[[str, object], None]
) -> None:
    registry = default_registry()
    integration = webhook_of(example, registry)
    request = request_for(example, integration)
    body = json.loads(example.body.text)
    paths = fields_read(integration, request, body)
    count = 0
    for variant in variants(body, example.body_bytes, paths):
        count += 1
        try:
            if variant.raw is not None:
                result = integration.process(
                    request.__class__(
                        body=variant.raw, headers=request.headers, query=request.query
                    )
                ).message
            else:
                result = integration.dispatch(request, Payload(variant.body)).message
        except IntegrationError as error:
            reason = str(error).strip()
            if not reason:
                pytest.fail(f"{variant.description}: an error without a reason")
            continue
        except Exception:
            pytest.fail(f"{variant.description}: crashed\n{traceback.format_exc()}")
        assert result is None or isinstance(result, Message)
    record_property(VariantCounter.PROPERTY, count)
