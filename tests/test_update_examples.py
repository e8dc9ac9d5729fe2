"""pytest --update-examples: rewrite expected outcomes in place, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrations.core import default_registry
from integrations.examples.update import Update, apply_to_text, digest_of, option_value

pytest_plugins = ["pytester"]

PAGE = """\
---
integration: helloworld
---
# Hello

Prose that must survive   byte for byte.\t

:::{{webhook-example}} Marilyn
:name: hello
:fixture: hello.json
:topic: {topic}

```zulip
{content}
```
:::

:::{{webhook-example}} Missing field
:name: broken
:expect: error

```json
{{"featured_url": "https://x.org"}}
```

```error
{error}
```
:::
"""
RIGHT_CONTENT = "Today's featured article is **[Marilyn Monroe](https://en.wikipedia.org/wiki/Marilyn_Monroe)**."
RIGHT_ERROR = "featured_title: expected a string, but it is missing"


def page(
    topic: str = "Featured articles", content: str = RIGHT_CONTENT, error: str = RIGHT_ERROR
) -> str:
    return PAGE.format(topic=topic, content=content, error=error)


@pytest.fixture
def docs(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest('pytest_plugins = ["integrations.examples.pytest_plugin"]')
    pytester.mkdir("docs")
    return pytester


def test_update_rewrites_only_the_expected_parts(docs: pytest.Pytester) -> None:
    doc = docs.path / "docs" / "hello.md"
    doc.write_text(page(topic="Old topic", content="old\nmessage", error="old error"))
    result = docs.runpytest("--update-examples")
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        [
            "*updated examples*",
            "docs/hello.md::hello: updated the expected topic and message",
            "docs/hello.md::broken: updated the expected error",
        ]
    )
    assert doc.read_text() == page()
    docs.runpytest().assert_outcomes(passed=2)


def test_update_works_under_xdist(docs: pytest.Pytester) -> None:
    doc = docs.path / "docs" / "hello.md"
    doc.write_text(page(content="stale"))
    result = docs.runpytest("--update-examples", "-n", "2")
    assert result.ret == 0
    assert doc.read_text() == page()


def test_without_the_flag_nothing_is_written(docs: pytest.Pytester) -> None:
    doc = docs.path / "docs" / "hello.md"
    doc.write_text(page(content="stale"))
    docs.runpytest().assert_outcomes(passed=1, failed=1)
    assert doc.read_text() == page(content="stale")


def test_a_file_changed_since_collection_is_refused(docs: pytest.Pytester) -> None:
    doc = docs.path / "docs" / "hello.md"
    doc.write_text(page(content="stale"))
    docs.makeconftest(
        """
pytest_plugins = ["integrations.examples.pytest_plugin"]
from pathlib import Path

def pytest_collection_finish(session):
    path = Path("docs/hello.md")
    path.write_text(path.read_text() + "\\nEdited while the tests ran.\\n")
"""
    )
    result = docs.runpytest("--update-examples")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["docs/hello.md: changed since the tests read it; not updated"])
    assert "stale" in doc.read_text()


def test_line_endings_and_other_bytes_are_kept(tmp_path: Path) -> None:
    text = page(content="stale").replace("\n", "\r\n")
    path = tmp_path / "hello.md"
    update = Update(str(path), "hello", digest_of(text), content="new line one\nnew line two")
    new = apply_to_text(text, path, [update], default_registry())
    expected = page(content="new line one\nnew line two").replace("\n", "\r\n")
    assert new == expected


def test_the_fence_grows_when_the_message_holds_a_fence(tmp_path: Path) -> None:
    text = page(content="stale")
    path = tmp_path / "hello.md"
    content = "Log:\n````\nx\n````"
    new = apply_to_text(
        text,
        path,
        [Update(str(path), "hello", digest_of(text), content=content)],
        default_registry(),
    )
    assert "`````zulip\nLog:\n````\nx\n````\n`````\n" in new


def test_topics_that_would_misparse_are_quoted() -> None:
    assert option_value("Featured articles") == "Featured articles"
    assert option_value("repo / PR #12 Fix") == '"repo / PR #12 Fix"'
    assert option_value('say "hi"') == 'say "hi"'
    assert option_value("|pipe") == '"|pipe"'


SCRIPT_PAGE = """\
---
integration: git
---
# Git

:::{{script-example}} The first push
:name: first-push

```console
$ git commit -q --allow-empty -m "Start"
$ git push -q origin main
```

```zulip {where}
{content}
```
:::
"""


@pytest.mark.tools("git")
def test_update_rewrites_the_messages_of_a_script_example(docs: pytest.Pytester) -> None:
    doc = docs.path / "docs" / "git.md"
    doc.write_text(SCRIPT_PAGE.format(where="code > old topic", content="stale"))
    result = docs.runpytest("--update-examples")
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines(["docs/git.md::first-push: updated the expected messages"])
    text = doc.read_text()
    assert "```zulip commits > project / main\n**alice** created branch `main`" in text
    assert text.startswith(SCRIPT_PAGE.split("```zulip")[0].replace("{{", "{").replace("}}", "}"))
    docs.runpytest().assert_outcomes(passed=1)
