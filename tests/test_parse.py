"""The example parser: records with the line of every part, and every error at file:line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from integrations.core import Registry, default_registry
from integrations.examples.model import (
    ExpectError,
    ExpectMessage,
    ExpectNothing,
    ExpectUnsupported,
    FixtureBody,
    InlineBody,
    ParsedDoc,
)
from integrations.examples.parse import markdown_parser, parse_file, parse_text, slug

DOC = Path("docs/integrations/demo.md")


def parse(text: str, registry: Registry) -> ParsedDoc:
    return parse_text(textwrap.dedent(text).lstrip("\n"), DOC, registry)


def errors(text: str, registry: Registry) -> list[str]:
    return [f"{error.location.line}: {error.message}" for error in parse(text, registry).errors]


FRONT = """\
---
integration: demo
---
"""


def test_a_full_example_and_the_line_of_every_part(registry: Registry) -> None:
    doc = parse(
        FRONT
        + """
# Demo

:::{webhook-example} Push to main
:name: push-main
:event: push
:header: X-Request-Id: 42
:header: X-Other: yes
:query: topic=Deploys&stream=ops
:query: only_events=push
:topic: Deploys

A short description
over two lines.

```json
{"ref": "refs/heads/main", "pusher": {"name": "octocat"}}
```

```zulip
octocat pushed to `main`.
```
:::
""",
        registry,
    )
    assert doc.errors == []
    (example,) = doc.examples
    assert example.id == "push-main"
    assert example.title == "Push to main"
    assert (example.line, example.end_line) == (7, 26)
    assert example.event == "push"
    assert example.headers == (("X-Request-Id", "42"), ("X-Other", "yes"))
    assert example.query == (("topic", "Deploys"), ("stream", "ops"), ("only_events", "push"))
    assert example.line_of("event") == 9
    assert example.line_of("query") == 12
    assert example.description == "A short description\nover two lines."
    assert example.description_line == 16
    assert isinstance(example.body, InlineBody)
    assert example.body.line == 19
    assert isinstance(example.expected, ExpectMessage)
    assert (example.expected.topic, example.expected.topic_line) == ("Deploys", 14)
    assert example.expected.content == "octocat pushed to `main`."
    assert example.expected.content_line == 23


def test_topic_line_and_fixture_body(registry: Registry) -> None:
    doc = parse(
        FRONT
        + """
:::{webhook-example} From a fixture
:event: push
:fixture: push.json
:topic: demo / main

```zulip
octocat pushed to `main`.
```
:::
""",
        registry,
    )
    assert doc.errors == []
    (example,) = doc.examples
    assert example.id == "from-a-fixture"
    assert isinstance(example.body, FixtureBody)
    assert example.body.line == 7
    assert '"refs/heads/main"' in example.body.text
    assert isinstance(example.expected, ExpectMessage)
    assert example.expected.topic_line == 8


def test_examples_nested_in_other_directives_keep_their_lines(registry: Registry) -> None:
    doc = parse(
        FRONT
        + """
::::{note}
Some text.

:::{webhook-example} Inside a note
:event: ping
:expect: nothing

```json
{}
```
:::
::::

````{tip}
```{webhook-example} Inside a backtick directive
:event: star
:expect: unsupported

~~~json
{}
~~~
```
````

````markdown
:::{webhook-example} Shown as source, not collected
:::
````
""",
        registry,
    )
    assert doc.errors == []
    nothing, unsupported = doc.examples
    assert nothing.line == 8
    assert isinstance(nothing.expected, ExpectNothing)
    assert nothing.expected.line == 10
    assert isinstance(nothing.body, InlineBody)
    assert nothing.body.line == 12
    assert unsupported.line == 19
    assert isinstance(unsupported.expected, ExpectUnsupported)
    assert isinstance(unsupported.body, InlineBody)
    assert unsupported.body.line == 23


def test_yaml_option_block_and_error_expectation(registry: Registry) -> None:
    doc = parse(
        FRONT
        + """
:::{webhook-example} A broken payload
---
event: push
expect: error
---

```json
{"ref": 1}
```

```error
ref: expected a string, got an integer
```
:::
""",
        registry,
    )
    assert doc.errors == []
    (example,) = doc.examples
    assert example.event == "push"
    assert example.line_of("event") == 7
    assert isinstance(example.expected, ExpectError)
    assert example.expected.text == "ref: expected a string, got an integer"
    assert example.expected.line == 15


def test_integration_can_be_named_on_the_example(registry: Registry) -> None:
    doc = parse(
        """
# A guide page, no front matter

:::{webhook-example} Hello
:integration: helloworld
:fixture: hello.json
:topic: Featured articles

```zulip
x
```
:::
""",
        registry,
    )
    assert doc.errors == []
    assert doc.examples[0].integration == "helloworld"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            ":event: push\n:colour: red\n:topic: t\n\n```json\n{}\n```\n\n```zulip\nx\n```",
            "7: Unknown option key: 'colour'",
        ),
        (
            ":event: push\n:topic: a\n:topic: b\n\n```json\n{}\n```\n\n```zulip\nx\n```",
            "8: the option :topic: is given twice (first at line 7)",
        ),
        (
            ':event: push\n:topic: t\n\n```json\n{\n  "a": 1,\n}\n```\n\n```zulip\nx\n```',
            "12: the json block is not valid JSON: Expecting property name enclosed in double quotes",
        ),
        (":event: push\n:topic: t\n\n```json\n{}\n```", "5: the expected message is missing"),
        (
            ":event: push\n\n```json\n{}\n```\n\n```zulip\nx\n```",
            "5: the expected topic is missing",
        ),
        (
            ":topic: t\n\n```json\n{}\n```\n\n```zulip\nx\n```",
            "5: demo reads the event from the X-Demo-Event header: add :event:",
        ),
        (
            ":event: star\n:topic: t\n\n```json\n{}\n```\n\n```zulip\nx\n```",
            "6: demo does not declare the event 'star' (declared: push, ping)",
        ),
        (
            ":event: push\n:fixture: missing.json\n:topic: t\n\n```zulip\nx\n```",
            "7: no fixture 'missing.json' in",
        ),
        (
            ":event: push\n:fixture: broken.json\n:topic: t\n\n```zulip\nx\n```",
            "7: the fixture broken.json is not valid JSON: Expecting value at its line 3",
        ),
        (
            ":event: push\n:fixture: push.json\n:topic: t\n\n```json\n{}\n```\n\n```zulip\nx\n```",
            "10: an example has a :fixture: or a payload block, not both",
        ),
        (":event: push\n:topic: t\n\n```zulip\nx\n```", "5: the example has no payload"),
        (
            ":event: push\n:header: no colon here\n:expect: nothing\n\n```json\n{}\n```",
            "7: a :header: is `Name: value`, got 'no colon here'",
        ),
        (
            ":event: push\n:query: a\n:expect: nothing\n\n```json\n{}\n```",
            "7: a :query: is `name=value&name=value`, got 'a'",
        ),
        (":event: push\n:expect: nothing\n\n```python\nx\n```", "9: unexpected ```python block"),
        (
            ":event: push\n:expect: nothing\n\n```json\n{}\n```\n\n```json\n{}\n```",
            "13: a second ```json block (the first is at line 9)",
        ),
        (
            ":event: push\n:expect: nothing\n\n```json\n{}\n```\n\nLate prose.",
            "13: prose must come before the example's code blocks",
        ),
        (":event: push\n:expect: maybe\n\n```json\n{}\n```", "7: :expect: must be one of"),
        (
            ":event: push\n:topic: t\n\n```json\n{}\n```\n\n```zulip\nx\n```\n\n```error\ne\n```",
            "17: an ```error block needs :expect: error",
        ),
        (
            ":event: ping\n:expect: nothing\n:topic: t\n\n```json\n{}\n```\n\n```zulip\nx\n```",
            "14: an example with :expect: nothing has no ```zulip block",
        ),
        (
            ":event: ping\n:expect: nothing\n:topic: t\n\n```json\n{}\n```",
            "8: an example with :expect: nothing has no :topic:",
        ),
        (
            ":event: push\n:expect: error\n\n```json\n{}\n```",
            "7: say which error in an ```error block",
        ),
        (
            ":event: push\n:expect: nothing\n\n```json\n{}\n```\n\n```{note}\nx\n```",
            "13: an example cannot hold another directive",
        ),
        (
            ":name: bad name!\n:event: ping\n:expect: nothing\n\n```json\n{}\n```",
            "6: the :name: 'bad name!' may hold letters, digits, - _ .",
        ),
        (
            ":integration: nope\n:expect: nothing\n\n```json\n{}\n```",
            "6: no integration named 'nope'; known: alerts, demo, helloworld",
        ),
    ],
)
def test_every_malformed_block_is_an_error_at_its_line(
    registry: Registry, body: str, expected: str
) -> None:
    text = FRONT + "\n:::{webhook-example} Title\n" + body + "\n:::\n"
    found = errors(text, registry)
    assert any(error.startswith(expected) for error in found), found
    assert parse(text, registry).examples == []


def test_a_title_is_required(registry: Registry) -> None:
    text = (
        FRONT + "\n:::{webhook-example}\n:event: ping\n:expect: nothing\n\n```json\n{}\n```\n:::\n"
    )
    assert errors(text, registry)[0].startswith("5: the webhook-example needs a title")


def test_duplicate_ids_name_both_lines(registry: Registry) -> None:
    block = ":::{{webhook-example}} {title}\n:event: ping\n:expect: nothing\n\n```json\n{{}}\n```\n:::\n"
    text = FRONT + "\n" + block.format(title="Same") + "\n" + block.format(title="Same")
    doc = parse(text, registry)
    assert [example.line for example in doc.examples] == [5]
    assert [str(error.location.line) + ": " + error.message for error in doc.errors] == [
        "14: the example id 'same' is already used at line 5; give one of them a different :name:"
    ]


def test_a_broken_block_is_recorded_with_its_errors_and_the_others_kept(
    registry: Registry,
) -> None:
    good = ":::{{webhook-example}} {title}\n:event: ping\n:expect: nothing\n\n```json\n{{}}\n```\n:::\n"
    text = (
        FRONT
        + "\n"
        + good.format(title="First")
        + "\n:::{webhook-example} Broken one\n:name: broken\n:evnt: ping\n:::\n\n"
        + good.format(title="Last")
    )
    doc = parse(text, registry)
    assert [example.id for example in doc.examples] == ["first", "last"]
    (broken,) = doc.broken
    assert (broken.id, broken.title, broken.line, broken.end_line) == (
        "broken",
        "Broken one",
        14,
        17,
    )
    assert broken.errors[0].location.line == 16
    assert broken.errors[0].message.startswith("Unknown option key: 'evnt'")
    assert list(broken.errors) == doc.errors
    assert doc.broken_at(14) is broken
    assert doc.errors_outside_blocks() == []


def test_a_broken_block_gets_an_id_no_other_example_has(registry: Registry) -> None:
    block = ":::{{webhook-example}} {title}\n:event: ping\n:expect: nothing\n\n```json\n{{}}\n```\n:::\n"
    text = FRONT + "\n" + block.format(title="Same") + "\n" + block.format(title="Same")
    text += "\n:::{webhook-example} !!!\n:event: ping\n:::\n"
    doc = parse(text, registry)
    assert [block.id for block in doc.broken] == ["line-14", "line-23"]


def test_examples_continuing_a_broken_script_example_know_it() -> None:
    step = ":::{{script-example}} {title}\n:integration: git\n{options}:expect: nothing\n\n```console\n$ true\n```\n:::\n\n"
    text = (
        step.format(title="One", options="")
        + step.format(title="Two", options=":zulip: never\n")
        + step.format(title="Three", options="")
        + step.format(title="Four", options=":fresh:\n")
    )
    doc = parse(text, default_registry())
    assert [block.id for block in doc.broken] == ["two"]
    two = doc.broken[0].line
    assert {example.id: example.continues_broken for example in doc.script_examples} == {
        "one": 0,
        "three": two,
        "four": 0,
    }


def test_a_page_without_an_integration_says_how_to_name_one(registry: Registry) -> None:
    text = "# Page\n\n:::{webhook-example} X\n:expect: nothing\n\n```json\n{}\n```\n:::\n"
    assert errors(text, registry) == [
        "3: which integration does this example run? Add `integration: NAME` to the page's"
        " front matter or :integration: to the example"
    ]


def test_unknown_integration_in_front_matter_points_at_it(registry: Registry) -> None:
    text = "---\ntitle: x\nintegration: nope\n---\n\n:::{webhook-example} X\n:expect: nothing\n\n```json\n{}\n```\n:::\n"
    assert errors(text, registry)[0].startswith("3: no integration named 'nope'")


def test_broken_front_matter_is_an_error(registry: Registry) -> None:
    text = "---\nintegration: [\n---\n\n:::{webhook-example} X\n:expect: nothing\n\n```json\n{}\n```\n:::\n"
    assert errors(text, registry)[0].startswith("2: invalid front matter YAML")


def test_errors_render_as_file_and_line(registry: Registry) -> None:
    text = FRONT + "\n:::{webhook-example} T\n:bogus: 1\n:::\n"
    (first, *_) = parse(text, registry).errors
    assert str(first).startswith("docs/integrations/demo.md:6: Unknown option key: 'bogus'")


def test_pages_without_examples_are_not_parsed(registry: Registry) -> None:
    assert parse("# Just prose\n\n```json\n{}\n```\n", registry).examples == []


def test_unreadable_file_is_an_error(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(b"\xff\xfe webhook-example")
    doc = parse_file(path, registry)
    assert doc.errors[0].location.line == 1
    assert "cannot read the file" in doc.errors[0].message


def test_slug() -> None:
    assert slug("Push to `main` (forced!)") == "push-to-main-forced"


def test_myst_line_number_contract() -> None:
    """What the parser relies on in myst-parser's markdown-it set-up.

    If an upgrade of myst-parser changes any of this, the example lines
    reported by pytest and Sphinx would drift; this test says so first.
    """
    source = textwrap.dedent(
        """\
        ---
        integration: x
        ---
        # Title

        ::::{note}
        :::{webhook-example} Nested
        ```json
        {}
        ```
        :::
        ::::

        - item

          :::{webhook-example} In a list
          :::
        """
    )
    tokens = markdown_parser().parse(source)
    fences = [(token.type, token.info, token.map) for token in tokens if "fence" in token.type]
    assert fences == [
        ("colon_fence", "{note}", [5, 12]),
        ("colon_fence", "{webhook-example} In a list", [15, 17]),
    ]
    assert tokens[0].type == "front_matter"
    assert tokens[0].map == [0, 3]
    inner = markdown_parser().parse(next(t for t in tokens if t.info == "{note}").content)
    assert [(t.type, t.map) for t in inner if "fence" in t.type] == [("colon_fence", [0, 5])]
    nested_fence = next(t for t in inner if t.type == "colon_fence")
    assert nested_fence.content == "```json\n{}\n```\n"


def test_an_unsupported_example_may_name_a_handled_event(registry: Registry) -> None:
    # The handler itself may reject one of the event's actions.
    text = (
        FRONT
        + "\n:::{webhook-example} Rejected action\n:event: push\n:expect: unsupported\n\n```json\n{}\n```\n:::\n"
    )
    doc = parse(text, registry)
    assert doc.errors == []
    assert isinstance(doc.examples[0].expected, ExpectUnsupported)
