"""The pytest collection of doc examples, run in a separate pytest (pytester)."""

from __future__ import annotations

import textwrap

import pytest

pytest_plugins = ["pytester"]

PAGE = """\
---
integration: helloworld
---
# Hello

:::{{webhook-example}} Marilyn
:name: hello
:fixture: hello.json
:topic: Featured articles

```zulip
Today's featured article is **[{title}](https://en.wikipedia.org/wiki/Marilyn_Monroe)**.
```
:::

:::{{webhook-example}} Goodbye
:fixture: goodbye.json
:topic: Featured articles

```zulip
Today's featured article is **[Goodbye](https://en.wikipedia.org/wiki/Goodbye)**.
```
:::
"""


@pytest.fixture
def docs(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest('pytest_plugins = ["integrations.examples.pytest_plugin"]')
    pytester.mkdir("docs")
    return pytester


def write_page(pytester: pytest.Pytester, title: str = "Marilyn Monroe") -> None:
    (pytester.path / "docs" / "hello.md").write_text(PAGE.format(title=title))


def test_examples_are_items_with_stable_ids(docs: pytest.Pytester) -> None:
    write_page(docs)
    result = docs.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(["docs/hello.md::hello", "docs/hello.md::goodbye"])
    assert docs.runpytest().ret == 0


def test_a_wrong_message_fails_at_the_doc_line_with_a_diff(docs: pytest.Pytester) -> None:
    write_page(docs, title="Marilyn Monro")
    result = docs.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "docs/hello.md:11: the message differs (example 'hello')",
            "--- documented",
            "+++ actual",
            "*",
            " topic: Featured articles",
        ]
    )
    output = result.stdout.str()
    assert "\n-Today's featured article is **[Marilyn Monro](" in output
    assert "\n+Today's featured article is **[Marilyn Monroe](" in output
    result.stdout.fnmatch_lines(
        ["FAILED docs/hello.md::hello - docs/hello.md:11: the message differs*"]
    )
    assert "Traceback" not in result.stdout.str()


def test_a_malformed_block_fails_collection_at_its_line(docs: pytest.Pytester) -> None:
    (docs.path / "docs" / "bad.md").write_text(
        "---\nintegration: helloworld\n---\n\n:::{webhook-example} X\n:fixtures: hello.json\n:::\n"
    )
    result = docs.runpytest()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(
        ["*ERROR collecting docs/bad.md*", "docs/bad.md:6: Unknown option key: 'fixtures'*"]
    )


def test_selection_and_last_failed_work(docs: pytest.Pytester) -> None:
    write_page(docs, title="wrong")
    docs.runpytest().assert_outcomes(passed=1, failed=1)
    docs.runpytest("--lf").assert_outcomes(failed=1)
    docs.runpytest("-k", "goodbye").assert_outcomes(passed=1)


def test_runs_under_xdist(docs: pytest.Pytester) -> None:
    write_page(docs, title="wrong")
    result = docs.runpytest("-n", "2")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*docs/hello.md:11: the message differs*"])


def test_non_example_markdown_is_ignored(docs: pytest.Pytester) -> None:
    (docs.path / "docs" / "prose.md").write_text(textwrap.dedent("# Prose\n\n```json\n{}\n```\n"))
    write_page(docs)
    result = docs.runpytest("--collect-only", "-q")
    assert "prose.md" not in result.stdout.str()
