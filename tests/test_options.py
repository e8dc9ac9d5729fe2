"""URL options: parsing, defaults, and errors that name the parameter."""

from __future__ import annotations

import pytest

from integrations.core import (
    BadRequest,
    ChoiceOption,
    FlagOption,
    Patterns,
    PatternsOption,
    TextOption,
)
from integrations.core.options import Options


def test_patterns_split_on_commas_and_match_with_wildcards() -> None:
    patterns = Patterns.parse(" main , release-*,,")
    assert patterns.patterns == ("main", "release-*")
    assert patterns.allows("release-1.2")
    assert not patterns.allows("feature")
    assert not patterns.matches("Main")  # names are compared as the service sends them
    assert str(patterns) == "main,release-*"
    assert Patterns().allows("anything")
    assert not Patterns()


@pytest.mark.parametrize(
    ("text", "value"), [("true", True), ("ON", True), ("1", True), ("no", False), ("False", False)]
)
def test_flags_take_the_usual_words(text: str, value: bool) -> None:
    assert FlagOption("quiet", help="Say less.").read({"quiet": text}) is value


def test_absent_or_empty_values_give_the_default() -> None:
    flag = FlagOption("quiet", help="Say less.", default=True)
    assert flag.read({}) is True
    assert flag.read({"quiet": "  "}) is True
    assert TextOption("topic", help="A topic.").read({"topic": ""}) == ""
    assert PatternsOption("branches", help="Some branches.").read({}) == Patterns()


def test_a_bad_value_is_a_bad_request_naming_the_parameter_and_what_it_takes() -> None:
    style = ChoiceOption("style", help="How.", choices=("short", "long"), default="short")
    with pytest.raises(BadRequest) as caught:
        style.read({"style": "x" * 100})
    reason = str(caught.value)
    assert reason.startswith("the URL parameter style='xxxx")
    assert reason.endswith("...' is not valid: expected short or long")
    assert len(reason) < 120


def test_declarations_are_checked() -> None:
    with pytest.raises(ValueError, match="lower case"):
        FlagOption("Quiet", help="Say less.")
    with pytest.raises(ValueError, match="one line"):
        FlagOption("quiet", help="Say\nless.")
    with pytest.raises(ValueError, match="default"):
        ChoiceOption("style", help="How.", choices=("a", "b"), default="c")


def test_options_read_every_declared_one_and_default_the_rest() -> None:
    quiet = FlagOption("quiet", help="Say less.")
    topic = TextOption("topic", help="A topic.")
    options = Options.read([quiet], {"quiet": "true", "unrelated": "x"})
    assert options[quiet] is True
    assert options[topic] == ""  # not declared here: its default


def test_patterns_also_come_as_zulips_json_lists() -> None:
    assert Patterns.parse('["push_commits", "opened_pull_request "]').patterns == (
        "push_commits",
        "opened_pull_request",
    )
    assert Patterns.parse("[]") == Patterns()
    for broken in ('["push"', "[1, 2]", '{"a": 1}'.replace("{", "[{")):
        with pytest.raises(ValueError, match="JSON list of names"):
            Patterns.parse(broken)
    option = PatternsOption("only_events", help="Some events.")
    with pytest.raises(BadRequest, match=r"^the URL parameter only_events='\[1\]' is not valid"):
        option.read({"only_events": "[1]"})
