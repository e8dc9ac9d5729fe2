"""integrations new: a scaffolded integration starts green, and its code is lint-clean."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from integrations.cli import main
from integrations.core import Registry
from integrations.examples.parse import parse_file
from integrations.examples.run import compare, run_example
from integrations.scaffold import _load

PAYLOAD = {
    "action": "opened",
    "ticket": {"id": 7, "title": "Crash on @**all** `boot`", "url": "https://tracker.example/7"},
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "integrations" / "webhooks").mkdir(parents=True)
    (tmp_path / "docs" / "integrations").mkdir(parents=True)
    (tmp_path / "payload.json").write_text(json.dumps(PAYLOAD, indent=2))
    return tmp_path


def new(project: Path, *args: str) -> int:
    return main(
        [
            "new",
            "tracker",
            "--payload",
            str(project / "payload.json"),
            "--root",
            str(project),
            *args,
        ]
    )


@pytest.mark.parametrize(
    "source",
    [
        ["--event", "opened", "--event-field", "action"],
        ["--event", "ticket_opened", "--event-header", "X-Tracker-Event"],
        ["--event", "ticket_opened"],
        ["--event", "ticket", "--event-header", "X-Tracker-Event", "--action-field", "action"],
    ],
)
def test_scaffold_starts_green(
    project: Path, source: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        new(project, "--display-name", "Tracker", "--category", "project-management", *source) == 0
    )
    assert "wrote" in capsys.readouterr().out
    package = project / "integrations" / "webhooks" / "tracker"
    integration = _load(package, "tracker")
    registry = Registry([integration])
    doc = parse_file(project / "docs" / "integrations" / "tracker.md", registry)
    assert doc.errors == []
    assert len(doc.examples) == 1
    for example in doc.examples:
        assert compare(example, run_example(example, registry), registry) is None
    # The title was chosen to show, and escaped.
    assert "Crash on @&#42;&#42;all&#42;&#42; &#96;boot&#96;" in doc.examples[0].expected.content  # type: ignore[union-attr]
    assert (package / "logo.svg").read_text().startswith("<svg")
    [fixture] = (package / "fixtures").glob("*.json")
    assert json.loads(fixture.read_text()) == PAYLOAD
    # A header-named service's fixture says its event, so `render` needs no --event.
    if "--event-header" in source:
        assert integration.event_for_fixture(fixture.name) == doc.examples[0].event
    if "--action-field" in source:
        assert fixture.name == "ticket__opened.json"
        assert list(integration.routes.handled()) == [("ticket", "opened")]
    # The site adds the URL builder and the events table from the declaration.
    page = (project / "docs" / "integrations" / "tracker.md").read_text()
    assert "api_key=" not in page
    assert "\n| " not in page


def test_scaffolded_code_is_lint_clean(project: Path) -> None:
    assert new(project, "--event", "opened", "--event-field", "action") == 0
    package = project / "integrations" / "webhooks" / "tracker"
    for command in (["ruff", "check", str(package)], ["ruff", "format", "--check", str(package)]):
        result = subprocess.run(
            [sys.executable, "-m", *command],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path.cwd(),
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_refuses_to_overwrite_or_mislabel(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(project, "--event", "closed", "--event-field", "action") == 2
    assert "the payload's action is 'opened', not the event 'closed'" in capsys.readouterr().err
    assert not (project / "integrations" / "webhooks" / "tracker").exists()
    assert new(project, "--event", "opened", "--event-field", "action") == 0
    assert new(project, "--event", "opened", "--event-field", "action") == 2
    assert "already exists" in capsys.readouterr().err


def test_outside_a_project_it_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p.json").write_text("{}")
    code = main(
        ["new", "x", "--payload", str(tmp_path / "p.json"), "--event", "e", "--root", str(tmp_path)]
    )
    assert code == 2
    assert "use --root" in capsys.readouterr().err


def test_an_action_field_must_name_an_action(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--event", "ticket", "--event-header", "X-T", "--action-field", "ticket.id"]
    assert new(project, *args) == 2
    assert "the payload's ticket.id is not a string naming an action" in capsys.readouterr().err
    assert not (project / "integrations" / "webhooks" / "tracker").exists()
