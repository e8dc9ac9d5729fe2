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


def test_a_malformed_block_fails_at_its_line_and_the_others_run(docs: pytest.Pytester) -> None:
    broken = (
        ":::{webhook-example} Typo\n:name: typo\n:fixtures: hello.json\n:topic: x\n\n"
        "```zulip\nx\n```\n:::\n\n"
    )
    page = PAGE.format(title="Marilyn Monroe").replace(
        ":::{webhook-example} Goodbye", broken + ":::{webhook-example} Goodbye"
    )
    (docs.path / "docs" / "hello.md").write_text(page)
    result = docs.runpytest("-rf")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ broken example typo _*",
            "docs/hello.md:18: Unknown option key: 'fixtures'*",
            "docs/hello.md:16: the example has no payload: add a ```json block or :fixture:",
            "FAILED docs/hello.md::typo - docs/hello.md:18: Unknown option key*",
        ]
    )
    assert "Traceback" not in result.stdout.str()
    assert "ERROR collecting" not in result.stdout.str()
    docs.runpytest("-k", "typo").assert_outcomes(failed=1)


def test_a_broken_front_matter_fails_as_the_page(docs: pytest.Pytester) -> None:
    (docs.path / "docs" / "bad.md").write_text(
        "---\nintegration: [helloworld\n---\n\n:::{webhook-example} X\n:integration: helloworld\n"
        ":fixture: hello.json\n:expect: nothing\n:query: exclude_events=*\n:::\n"
    )
    result = docs.runpytest("-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["docs/bad.md::page FAILED*", "docs/bad.md:*: invalid front matter YAML"]
    )


def test_an_example_continuing_a_broken_one_says_so(docs: pytest.Pytester) -> None:
    (docs.path / "docs" / "git.md").write_text(
        "---\nintegration: git\n---\n\n"
        ":::{script-example} First\n:name: first\n:zulip: nonsense\n:expect: nothing\n\n"
        "```console\n$ git commit -q --allow-empty -m 'Add a README'\n```\n:::\n\n"
        ":::{script-example} Second\n:name: second\n:expect: nothing\n\n"
        "```console\n$ git log --oneline\n```\n:::\n"
    )
    result = docs.runpytest()
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "docs/git.md:15: this example continues the one at line 5, which is broken;"
            " fix that one first (example 'second')",
        ]
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
