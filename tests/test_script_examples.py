"""Script examples: parsed by the same parser, run for real, compared with the page."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from integrations.core import default_registry
from integrations.examples.model import ParsedDoc
from integrations.examples.output import matches
from integrations.examples.parse import parse_text
from integrations.examples.script_blocks import console_commands
from integrations.examples.script_run import compare_script, run_script_example

PAGE = Path("docs/integrations/git.md")


def parse(text: str) -> ParsedDoc:
    return parse_text(textwrap.dedent(text).lstrip("\n"), PAGE, default_registry())


FIRST = """
---
integration: git
---

:::{script-example} First
```console
$ git commit -q --allow-empty -m "One"
$ git push -q origin main
```

```zulip commits > project / main
**alice** created branch `main` with 1 new commit.
```
:::

:::{script-example} Second
:name: second

```console
$ for word in two three; do
>   git commit -q --allow-empty -m "$word"
> done
$ git push -q origin main
```

```zulip commits > project / main
pushed
```
:::

:::{script-example} Fresh
:settings: MAX_COMMITS = 1
:settings: CHANNEL = "code"

```console
$ git push -q origin main
```

```zulip code > project / main
x
```
:::

:::{script-example} After fresh
:expect: nothing

```console
$ true
```
:::
"""


def test_examples_chain_and_fresh_ones_restart() -> None:
    doc = parse(FIRST)
    assert doc.errors == []
    first, second, fresh, after = doc.script_examples
    assert first.setup == ()
    assert [block.line for block in second.setup] == [first.action.line]
    assert fresh.setup == ()
    assert fresh.settings == (("MAX_COMMITS", "1"), ("CHANNEL", '"code"'))
    # A later example inherits the repository, settings included.
    assert after.settings == fresh.settings
    assert [block.line for block in after.setup] == [fresh.action.line]
    assert console_commands(second.action) == (
        'for word in two three; do\n  git commit -q --allow-empty -m "$word"\ndone\n'
        "git push -q origin main"
    )
    assert second.posts[0].channel == "commits"
    assert second.posts[0].topic == "project / main"
    assert first.posts[0].line == 11


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "```console\n$ true\n```",
            "say what Zulip receives in ```zulip blocks, or :expect: nothing",
        ),
        ("```zulip commits > t\nx\n```", "the example does nothing"),
        (
            "```console\n$ true\nsome output\n```\n\n```zulip c > t\nx\n```",
            "a console block holds commands",
        ),
        (
            "```console\n$ true\n```\n\n```zulip no topic here\nx\n```",
            "a ```zulip block names where it arrives",
        ),
        (
            ":zulip: sleepy\n\n```console\n$ true\n```\n\n```zulip c > t\nx\n```",
            ":zulip: is one of down, error, rate-limited",
        ),
        (
            ":settings: NOT A SETTING\n\n```console\n$ true\n```\n\n```zulip c > t\nx\n```",
            "a :settings: line is `NAME = value`",
        ),
        (
            ":expect: nothing\n\n```console\n$ true\n```\n\n```zulip c > t\nx\n```",
            "an example with :expect: nothing has no ```zulip block",
        ),
        (
            "```console\n$ true\n```\n\n```json\n{}\n```\n\n```zulip c > t\nx\n```",
            "unexpected ```json block",
        ),
    ],
)
def test_malformed_script_examples_are_errors(body: str, message: str) -> None:
    doc = parse(f"---\nintegration: git\n---\n\n:::{{script-example}} T\n{body}\n:::\n")
    assert any(message in error.message for error in doc.errors), doc.errors
    assert doc.script_examples == []


def test_a_webhook_cannot_run_a_script_example() -> None:
    doc = parse(
        "---\nintegration: helloworld\n---\n\n:::{script-example} T\n```console\n$ true\n```\n:::\n"
    )
    assert "helloworld is a webhook integration" in doc.errors[0].message


@pytest.mark.tools("git")
def test_a_wrong_message_is_reported_with_a_diff(tmp_path: Path) -> None:
    doc = parse(FIRST)
    example = doc.script_examples[0]
    outcome = run_script_example(example, tmp_path)
    mismatch = compare_script(example, outcome)
    assert mismatch is not None
    assert mismatch.summary == "the messages differ"
    assert " **alice** created branch `main` with 1 new commit." in mismatch.diff
    assert "+* One (" in mismatch.diff
    assert outcome.invalid_requests == []


def test_output_matching() -> None:
    assert matches("a\n...\nz", "a\nb\nc\nz\n")
    assert matches("cannot reach ...: refused", "cannot reach http://127.0.0.1:1: refused")
    assert not matches("a\nz", "a\nb\nz\n")
