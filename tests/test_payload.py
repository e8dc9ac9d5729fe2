from __future__ import annotations

import pytest

from integrations.core import BadPayload, Payload

DOC = {
    "commits": [
        {"id": "a1", "author": {"name": "Ada"}, "distinct": True, "added": ["x.py"]},
        {"id": "b2", "author": {"name": None}},
        {"id": "c3"},
    ],
    "pull_request": None,
    "title": "Fix",
    "count": 3,
    "ratio": 0.5,
    "flag": False,
    "weird key": {"a": 1},
}


def error_of(read: object) -> str:
    assert callable(read)
    with pytest.raises(BadPayload) as caught:
        read()
    return str(caught.value)


def test_reads_values_of_every_type() -> None:
    payload = Payload(DOC)
    assert payload["title"].string() == "Fix"
    assert payload["count"].integer() == 3
    assert payload["ratio"].number() == 0.5
    assert payload["count"].number() == 3.0
    assert payload["flag"].boolean() is False
    assert [commit["id"].string() for commit in payload["commits"]] == ["a1", "b2", "c3"]
    assert set(payload["weird key"].object()) == {"a"}
    assert payload["commits"][-1]["id"].string() == "c3"


def test_errors_name_the_path_and_what_was_found() -> None:
    payload = Payload(DOC)
    assert error_of(lambda: payload["commits"][1]["author"]["name"].string()) == (
        "commits[1].author.name: expected a string, got null"
    )
    assert error_of(lambda: payload["commits"][2]["author"]["name"].string()) == (
        "commits[2].author: expected an object, but it is missing"
    )
    assert error_of(lambda: payload["commits"][7]["id"].string()) == (
        "commits[7]: expected an object, but the list has 3 items"
    )
    assert error_of(lambda: payload["pull_request"]["title"].string()) == (
        "pull_request: expected an object, got null"
    )
    assert (
        error_of(lambda: payload["title"]["x"].string())
        == "title: expected an object, got a string"
    )
    assert error_of(lambda: payload["count"].string()) == "count: expected a string, got an integer"
    assert error_of(lambda: payload["weird key"]["a"].string()) == (
        '["weird key"].a: expected a string, got an integer'
    )
    assert error_of(lambda: payload.string()) == "(body): expected a string, got an object"
    assert (
        error_of(lambda: payload["missing"].array())
        == "missing: expected a list, but it is missing"
    )
    assert error_of(lambda: list(payload["title"])) == "title: expected a list, got a string"


def test_booleans_are_not_numbers_and_numbers_are_not_integers() -> None:
    payload = Payload(DOC)
    assert error_of(lambda: payload["flag"].integer()) == "flag: expected an integer, got a boolean"
    assert error_of(lambda: payload["flag"].number()) == "flag: expected a number, got a boolean"
    assert (
        error_of(lambda: payload["ratio"].integer()) == "ratio: expected an integer, got a number"
    )


def test_defaults_cover_missing_and_null_but_not_wrong_types() -> None:
    payload = Payload(DOC)
    assert payload["pull_request"]["title"].string(None) is None
    assert payload["nope"]["deeper"].integer(0) == 0
    assert payload["commits"][9]["id"].string("none") == "none"
    assert payload["commits"][1]["author"]["name"].string("unknown") == "unknown"
    assert payload["missing"].array([]) == []
    # A wrong type is still an error: the payload is not what we think it is.
    assert error_of(lambda: payload["title"]["x"].string(None)) == (
        "title: expected an object, got a string"
    )
    assert (
        error_of(lambda: payload["count"].string("")) == "count: expected a string, got an integer"
    )


def test_exists_and_contains() -> None:
    payload = Payload(DOC)
    assert payload["title"].exists()
    assert not payload["pull_request"].exists()
    assert not payload["nope"]["x"].exists()
    assert "title" in payload
    assert "pull_request" not in payload


def test_raw_returns_the_value_or_names_what_is_missing() -> None:
    payload = Payload(DOC)
    assert payload["commits"][0]["added"].raw() == ["x.py"]
    assert (
        error_of(lambda: payload["nope"]["x"].raw())
        == "nope: expected an object, but it is missing"
    )


def test_empty_string_is_described() -> None:
    assert (
        error_of(lambda: Payload({"a": ""})["a"].integer())
        == "a: expected an integer, got an empty string"
    )


def test_a_missing_or_null_list_or_object_gives_the_default() -> None:
    payload = Payload({"empty": None, "items": [1], "thing": {"a": 1}})
    assert payload["absent"].array(default=None) is None
    assert payload["empty"].array(default=None) is None
    assert payload["empty"].object(default=None) is None
    assert payload["absent"].object(default={}) == {}
    assert [item.integer() for item in payload["items"].array(default=None) or []] == [1]
    assert list((payload["thing"].object(default=None) or {}).keys()) == ["a"]
