"""pytest collects every example of the docs as a test item.

Each ``webhook-example`` block of a Markdown file is one item, with the id
``docs/integrations/helloworld.md::<name>``, so ``-k``, ``--lf`` and
``pytest-xdist`` work as for any test. A failure points at the doc's line and
shows a diff. A malformed block is an item too, which fails with every error
of the block at its ``file:line``, while the good examples of the page still
run.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

import pytest

from integrations.core.registry import Registry, default_registry
from integrations.examples.model import (
    BrokenBlock,
    Example,
    ExampleSyntaxError,
    ExpectError,
    ExpectMessage,
    ScriptExample,
    display_path,
)
from integrations.examples.parse import has_examples, parse_text
from integrations.examples.run import Mismatch, Outcome, compare, run_example
from integrations.examples.update import Update, apply_updates, digest_of, read_source

UPDATE_PROPERTY = "zulip_example_update"


class ExampleMismatchError(AssertionError):
    def __init__(self, mismatch: Mismatch) -> None:
        super().__init__(mismatch.summary)
        self.mismatch = mismatch


class BrokenExampleError(AssertionError):
    """A block the parser could not read; its message is every error at file:line."""

    def __init__(self, errors: list[ExampleSyntaxError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("zulip examples")
    group.addoption(
        "--update-examples",
        action="store_true",
        default=False,
        help="rewrite the expected topic, message or error of failing doc examples in place",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix != ".md" or "_build" in file_path.parts:
        return None
    # Reading the text is far cheaper than parsing every Markdown file.
    with file_path.open(encoding="utf-8", errors="replace") as handle:
        if not has_examples(handle.read()):
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
        try:
            text = read_source(self.path)
        except (OSError, UnicodeDecodeError) as error:
            where = f"{display_path(self.path)}:1"
            raise self.CollectError(f"{where}: cannot read the file: {error}") from None
        doc = parse_text(text, self.path, registry)
        digest = digest_of(text)
        items: list[tuple[int, pytest.Item]] = [
            (
                example.line,
                ExampleItem.from_parent(self, name=example.id, example=example, digest=digest),
            )
            for example in doc.examples
        ]
        items += [
            (
                example.line,
                ScriptExampleItem.from_parent(
                    self, name=example.id, example=example, digest=digest
                ),
            )
            for example in doc.script_examples
        ]
        items += [
            (block.line, BrokenExampleItem.from_parent(self, name=block.id, block=block))
            for block in doc.broken
        ]
        page_errors = doc.errors_outside_blocks()
        if page_errors:
            items.append((0, PageErrorItem.from_parent(self, name="page", errors=page_errors)))
        for _, item in sorted(items, key=lambda pair: pair[0]):
            yield item


class BrokenExampleItem(pytest.Item):
    """A block that could not be read: it fails with its errors, at its lines."""

    def __init__(self, *, block: BrokenBlock, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.block = block

    def runtest(self) -> None:
        raise BrokenExampleError(list(self.block.errors))

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> Any:
        if isinstance(excinfo.value, BrokenExampleError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.block.line - 1, f"broken example {self.block.id}"


class PageErrorItem(BrokenExampleItem):
    """What is wrong with the page itself (its front matter), outside any example."""

    def __init__(self, *, errors: list[ExampleSyntaxError], **kwargs: Any) -> None:
        first = errors[0].location
        block = BrokenBlock("page", "", first.path, first.line, first.line, tuple(errors))
        super().__init__(block=block, **kwargs)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.block.line - 1, "the page's front matter"


RecordT = TypeVar("RecordT", Example, ScriptExample)


class _DocItem(pytest.Item, Generic[RecordT]):
    """What every example item shares: its record, and failures told at the page's line."""

    example: RecordT
    kind = "example"

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
        return self.path, self.example.line - 1, f"{self.kind} {self.example.id}"


class ExampleItem(_DocItem[Example]):
    """One example: run its request through the integration, compare the outcome."""

    def __init__(self, *, example: Example, digest: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example
        self.digest = digest

    def runtest(self) -> None:
        registry = registry_for(self.config)
        outcome = run_example(self.example, registry)
        mismatch = compare(self.example, outcome, registry)
        if mismatch is None:
            return
        if self.config.getoption("update_examples"):
            update = self._update(outcome)
            if update is not None:
                # The controller process applies all edits once, at the end.
                self.user_properties.append((UPDATE_PROPERTY, update.to_json()))
                return
        raise ExampleMismatchError(mismatch)

    def _update(self, outcome: Outcome) -> Update | None:
        """New expected values, when the outcome is of the documented kind."""
        expected = self.example.expected
        path, example_id = str(self.example.path), self.example.id
        if isinstance(expected, ExpectMessage) and outcome.message is not None:
            message = outcome.message
            return Update(
                path,
                example_id,
                self.digest,
                topic=message.topic if message.topic != expected.topic else None,
                content=str(message.content) if message.content != expected.content else None,
            )
        if isinstance(expected, ExpectError) and outcome.kind == "error" and outcome.error:
            return Update(path, example_id, self.digest, error=outcome.error)
        return None


class ScriptExampleItem(_DocItem[ScriptExample]):
    """One script example: do what it shows with the real tool, compare what Zulip got."""

    kind = "script example"

    def __init__(self, *, example: ScriptExample, digest: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example
        self.digest = digest

    def runtest(self) -> None:
        if self.example.continues_broken:
            raise ExampleMismatchError(
                Mismatch(
                    self.example.line,
                    "this example continues the one at line"
                    f" {self.example.continues_broken}, which is broken; fix that one first",
                )
            )
        # Imported here: only pages with script examples need the tools' helpers.
        from integrations.examples.script_run import compare_script, run_script_example

        with tempfile.TemporaryDirectory(prefix="script-example-") as directory:
            outcome = run_script_example(self.example, Path(directory))
        mismatch = compare_script(self.example, outcome)
        if mismatch is None:
            return
        received = tuple((outcome.place_of(m), m.content) for m in outcome.messages)
        # Only the messages are rewritten, and only when there are as many
        # as the page shows: anything else is a change of behaviour to read.
        if (
            self.config.getoption("update_examples")
            and mismatch.summary == "the messages differ"
            and len(received) == len(self.example.posts)
        ):
            update = Update(str(self.example.path), self.example.id, self.digest, posts=received)
            self.user_properties.append((UPDATE_PROPERTY, update.to_json()))
            return
        raise ExampleMismatchError(mismatch)


class ExampleUpdater:
    """Collects example updates from every process and applies them once, at the end.

    Registered in every process; under pytest-xdist only the controller sees
    the workers' reports and applies edits, so each file is written once.
    """

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.pending: list[Update] = []
        self.changed: list[str] = []
        self.refused: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call":
            return  # later phases carry the same properties again
        for name, value in report.user_properties:
            if name == UPDATE_PROPERTY and isinstance(value, dict):
                self.pending.append(Update.from_json(value))

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(self.config, "workerinput") or not self.pending:
            return
        self.changed, self.refused = apply_updates(self.pending, registry_for(self.config))
        self.pending = []
        if self.refused:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not (self.changed or self.refused):
            return
        terminalreporter.section("updated examples")
        for line in self.changed:
            terminalreporter.line(line)
        for line in self.refused:
            terminalreporter.line(line, red=True)


class VariantCounter:
    """Adds up the bad-input variants that tests record, across xdist workers too."""

    PROPERTY = "bad_input_variants"

    def __init__(self) -> None:
        self.counts: list[int] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.counts += [
                int(str(value)) for name, value in report.user_properties if name == self.PROPERTY
            ]

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.counts:
            terminalreporter.write_line(
                f"bad-input variants: {sum(self.counts)} over {len(self.counts)} examples,"
                " each ending in a message, nothing, or a clean error"
            )


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(VariantCounter(), "zulip-variant-counter")
    if config.getoption("update_examples", default=False):
        config.pluginmanager.register(ExampleUpdater(config), "zulip-example-updater")
