"""The integrations command: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from integrations.cli import EXIT_BAD_INPUT, EXIT_NOTHING, EXIT_OK, EXIT_UNSUPPORTED, main
from integrations.core import default_registry

FIXTURES = default_registry().get("helloworld").fixtures
assert FIXTURES is not None
HELLO = str(FIXTURES / "hello.json")


def run(capsys: pytest.CaptureFixture[str], *args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        code = main(list(args))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def test_render_prints_topic_and_content(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", "helloworld", HELLO)
    assert code == EXIT_OK
    assert out.startswith(
        "topic: Featured articles\n\nToday's featured article is **[Marilyn Monroe]"
    )
    assert err == ""


def test_render_json_and_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    body = Path(HELLO).read_bytes()
    code, out, _ = run(capsys, "render", "helloworld", "--json", "-", stdin=body)
    assert code == EXIT_OK
    assert json.loads(out)["topic"] == "Featured articles"


def test_options_after_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "render", "helloworld", HELLO, "-q", "topic=Reading")
    assert code == EXIT_OK
    assert out.startswith("topic: Reading\n")


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (
            ("render", "helloworld"),
            b"{not json",
            EXIT_BAD_INPUT,
            "the request body is not valid JSON",
        ),
        (
            ("render", "helloworld"),
            b'{"featured_title": null}',
            EXIT_BAD_INPUT,
            "featured_title: expected a string, got null",
        ),
        (
            ("render", "helloworld", "-q", "exclude_events=*", HELLO),
            b"",
            EXIT_NOTHING,
            "helloworld posts nothing for this featured_article payload",
        ),
        (("render", "nope", HELLO), b"", EXIT_BAD_INPUT, "no integration named 'nope'"),
        (("render", "helloworld", "/does/not/exist.json"), b"", EXIT_BAD_INPUT, "cannot read"),
        (("render", "helloworld", "-H", "no-colon", HELLO), b"", EXIT_BAD_INPUT, "NAME:VALUE"),
        (("frobnicate",), b"", EXIT_BAD_INPUT, "unknown command 'frobnicate'"),
    ],
)
def test_errors_are_one_line_with_an_exit_code(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], stdin: bytes, code: int, message: str
) -> None:
    got, out, err = run(capsys, *args, stdin=stdin)
    assert got == code
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1 or args == ("frobnicate",)


def test_unsupported_event_exits_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from integrations.core import Registry
    from tests.conftest import make_header_integration

    monkeypatch.setattr(
        "integrations.cli.default_registry", lambda: Registry([make_header_integration()])
    )
    code, _, err = run(capsys, "render", "demo", "--event", "star", "-", stdin=b"{}")
    assert code == EXIT_UNSUPPORTED
    assert "demo does not support the event 'star'" in err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == EXIT_OK
    names = [row["name"] for row in json.loads(out)]
    assert "helloworld" in names


def test_the_installed_command_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "integrations", "render", "helloworld", "-"],
        input=b"\xff\xfe garbage",
        capture_output=True,
        check=False,
    )
    assert result.returncode == EXIT_BAD_INPUT
    assert b"Traceback" not in result.stderr
    assert result.stderr.startswith(b"integrations: the request body is not UTF-8")
