"""The integrations command: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import importlib.util
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


# What to do when the event is not right ----------------------------------------------

GITHUB = default_registry().get("github").fixtures
assert GITHUB is not None
GITLAB = default_registry().get("gitlab").fixtures
assert GITLAB is not None
PUSH = GITHUB / "push__1_commit.json"
GITLAB_ISSUE = GITLAB / "issue_hook__issue_created_with_assignee.json"


def test_a_header_named_event_nobody_gave_is_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", "github", "-", stdin=PUSH.read_bytes())
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert err.startswith(
        "integrations: github names its event in the X-GitHub-Event header:"
        " say which event this payload is with --event, such as --event "
    )
    assert len(err.splitlines()) == 1


def test_a_file_name_that_names_no_event_says_where_the_event_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    payload = tmp_path / "payload.json"
    payload.write_bytes(PUSH.read_bytes())
    code, _, err = run(capsys, "render", "github", str(payload))
    assert code == EXIT_UNSUPPORTED
    assert err == (
        "integrations: github does not support the event 'payload', which the file name"
        " payload.json says; give the event with --event\n"
    )


@pytest.mark.parametrize(
    ("name", "given", "meant"),
    [("gitlab", "Push", "'Push Hook'"),
     ("gitlab", "push hook", "'Push Hook' or 'Tag Push Hook'"),
     ("github", "pull-request", "'pull_request' or 'pull_request_review'")],
)  # fmt: skip
def test_a_misspelt_event_gets_the_declared_ones_spelled_like_it(
    capsys: pytest.CaptureFixture[str], name: str, given: str, meant: str
) -> None:
    code, _, err = run(capsys, "render", name, "-e", given, "-", stdin=b"{}")
    assert code == EXIT_UNSUPPORTED
    assert err == (
        f"integrations: {name} does not support the event {given!r}; did you mean {meant}?\n"
    )


def test_a_payload_of_another_event_is_named_as_such(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "render", "github", "-e", "pull_request", str(PUSH))
    assert code == EXIT_BAD_INPUT
    assert err == (
        "integrations: --event says 'pull_request', but the payload does not read as one"
        " (action: expected a string, but it is missing); it reads as 'push':"
        " use --event push\n"
    )


def test_a_fixture_name_that_lies_is_named_as_such(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    payload = tmp_path / "pull_request__opened.json"
    payload.write_bytes(PUSH.read_bytes())
    code, _, err = run(capsys, "render", "github", str(payload))
    assert code == EXIT_BAD_INPUT
    assert err.startswith(
        "integrations: the file name pull_request__opened.json says 'pull_request', but the"
        " payload does not read as one"
    )
    assert err.endswith("it reads as 'push': use --event push\n")


def test_an_event_name_with_spaces_is_suggested_quoted_for_the_shell(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "render", "gitlab", "-e", "Push Hook", str(GITLAB_ISSUE))
    assert code == EXIT_BAD_INPUT
    assert err.endswith("it reads as 'Issue Hook' or 'Confidential Issue Hook':"
                        " use --event 'Issue Hook'\n")  # fmt: skip


def test_a_payload_that_reads_as_no_event_keeps_its_error_and_says_which_was_tried(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "render", "github", "-e", "pull_request", "-", stdin=b"{}")
    assert code == EXIT_BAD_INPUT
    assert err == (
        "integrations: action: expected a string, but it is missing"
        " (read as the event 'pull_request', as --event says)\n"
    )


# A plain install: the docs tooling is the docs extra's --------------------------------

DOCS_TOOLING = ("docutils", "myst_parser", "sphinx")


@pytest.mark.parametrize(
    "code",
    [
        "import integrations.cli",
        "import integrations.gateway.commands",
        "from integrations.cli import main; main(['list'])",
    ],
)
def test_the_commands_load_no_docs_tooling(code: str) -> None:
    probe = f"import sys; {code}; print(sorted(m for m in sys.modules if m.split('.')[0] in {DOCS_TOOLING!r}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_a_command_needing_an_extra_names_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        "importlib.util.find_spec", lambda name, *a: None if name == "docutils" else real(name, *a)
    )
    code, out, err = run(capsys, "replay", "helloworld", "--to", "http://127.0.0.1:1")
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert err == (
        "integrations replay needs the docs extra (docutils is not installed):"
        " pip install 'zulip-integrations[docs]'\n"
    )


def test_an_extras_module_missing_on_the_way_is_named_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def serve(*args: object) -> int:
        raise ModuleNotFoundError("No module named 'psycopg'", name="psycopg")

    monkeypatch.setattr("integrations.gateway.commands.serve", serve)
    code, _, err = run(capsys, "serve", "--database", "postgresql://u@h/db")
    assert code == EXIT_BAD_INPUT
    assert err == (
        "integrations serve needs the postgresql extra (psycopg is not installed):"
        " pip install 'zulip-integrations[postgresql]'\n"
    )


def test_any_other_missing_module_is_a_bug_and_is_not_hidden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def serve(*args: object) -> int:
        raise ModuleNotFoundError("No module named 'nope'", name="nope")

    monkeypatch.setattr("integrations.gateway.commands.serve", serve)
    with pytest.raises(ModuleNotFoundError):
        main(["serve"])
