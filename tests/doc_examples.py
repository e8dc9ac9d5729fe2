"""Every example of the documentation, parsed once for the tests that sweep them all."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from integrations.core import default_registry
from integrations.examples.model import Example
from integrations.examples.parse import iter_markdown_files, parse_file

DOCS = Path(__file__).resolve().parent.parent / "docs"


@lru_cache(maxsize=1)
def all_examples() -> tuple[Example, ...]:
    examples: list[Example] = []
    for path in iter_markdown_files(DOCS):
        doc = parse_file(path, default_registry())
        assert not doc.errors, doc.errors  # the doc tests report these in detail
        examples += doc.examples
    return tuple(examples)


def example_id(example: Example) -> str:
    return f"{example.path.relative_to(DOCS.parent)}::{example.id}"
