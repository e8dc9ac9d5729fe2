"""pytest collects every example of the docs as a test item.

Each ``webhook-example`` block of a Markdown file is one item, with the id
``docs/integrations/helloworld.md::<name>``, so ``-k``, ``--lf`` and
``pytest-xdist`` work as for any test. A failure points at the doc's line and
shows a diff; a malformed block fails the file's collection with its
``file:line``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from integrations.core.registry import Registry, default_registry
from integrations.examples.model import Example, display_path
from integrations.examples.parse import DIRECTIVE, parse_file
from integrations.examples.run import Mismatch, compare, run_example


class ExampleMismatchError(AssertionError):
    def __init__(self, mismatch: Mismatch) -> None:
        super().__init__(mismatch.summary)
        self.mismatch = mismatch


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix != ".md" or "_build" in file_path.parts:
        return None
    # Reading a few bytes is far cheaper than parsing every Markdown file.
    with file_path.open(encoding="utf-8", errors="replace") as handle:
        if DIRECTIVE not in handle.read():
            return None
    return DocFile.from_parent(parent, path=file_path)


def registry_for(config: pytest.Config) -> Registry:
    registry: Registry | None = getattr(config, "_integrations_registry", None)
    if registry is None:
        registry = default_registry()
        config._integrations_registry = registry  # type: ignore[attr-defined]
    return registry


class DocFile(pytest.File):
    """A Markdown page; its examples are its items."""

    def collect(self) -> Iterator[pytest.Item]:
        registry = registry_for(self.config)
        doc = parse_file(self.path, registry)
        if doc.errors:
            raise self.CollectError("\n".join(str(error) for error in doc.errors))
        for example in doc.examples:
            yield ExampleItem.from_parent(self, name=example.id, example=example)


class ExampleItem(pytest.Item):
    """One example: run its request through the integration, compare the outcome."""

    def __init__(self, *, example: Example, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example

    def runtest(self) -> None:
        registry = registry_for(self.config)
        outcome = run_example(self.example, registry)
        mismatch = compare(self.example, outcome, registry)
        if mismatch is not None:
            raise ExampleMismatchError(mismatch)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> Any:
        if isinstance(excinfo.value, ExampleMismatchError):
            mismatch = excinfo.value.mismatch
            where = f"{display_path(self.example.path)}:{mismatch.line}"
            text = f"{where}: {mismatch.summary} (example {self.example.id!r})"
            return f"{text}\n{mismatch.diff}" if mismatch.diff else text
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.example.line - 1, f"example {self.example.id}"
