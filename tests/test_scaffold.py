"""integrations new: a scaffolded integration starts green, and its code is lint-clean."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from myst_parser.parsers.options import options_to_tokens

from integrations.cli import main
from integrations.core import Registry
from integrations.examples.parse import parse_file
from integrations.examples.run import compare, run_example
from integrations.scaffold import _load, option_value
from integrations.testing.webhooks import assert_inert
from tests.site_build import build_small_site

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
    # The title was chosen to show escaping: the mention reads @all, the code span stays.
    expected = doc.examples[0].expected.content  # type: ignore[union-attr]
    assert "Crash on @all `boot`" in expected
    assert_inert(expected)
    assert (package / "logo.svg").read_text().startswith("<svg")
    [fixture] = (package / "fixtures").glob("*.json")
    assert json.loads(fixture.read_text()) == PAYLOAD
    # A header-named service's fixture says its event, so `render` needs no --event.
    if "--event-header" in source:
        assert integration.event_for_fixture(fixture.name) == doc.examples[0].event
    if "--action-field" in source:
        assert fixture.name == "ticket__opened.json"
        assert list(integration.routes.handled()) == [("ticket", "opened")]
    # The page places the site's URL builder and events table, and writes neither itself.
    page = (project / "docs" / "integrations" / "tracker.md").read_text()
    assert page.count("```{webhook-url-builder}\n```") == 1
    assert page.count("```{supported-events}\n```") == 1
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


# Extends the package's search path with the scaffolded one, so the site's registry finds it.
SITE_CONF = """
import integrations.webhooks
integrations.webhooks.__path__.append({webhooks!r})
extensions = ["myst_parser", "integrations.examples.sphinxext", "integrations.site"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
"""


def test_the_page_shows_the_sites_url_builder_and_events_table(project: Path) -> None:
    args = ["--event", "ticket", "--event-header", "X-Tracker-Event", "--action-field", "action"]
    assert new(project, "--display-name", "Tracker", *args) == 0
    page = (project / "docs" / "integrations" / "tracker.md").read_text()
    webhooks = str(project / "integrations" / "webhooks")
    (project / "site-build").mkdir()
    built = build_small_site(
        project / "site-build",
        SITE_CONF.format(webhooks=webhooks),
        {"tracker": page},
        "-W",
        "--keep-going",
    )
    assert built.returncode == 0, built.stderr
    html = (project / "site-build" / "out" / "tracker.html").read_text()
    assert html.count('<form class="zi-url-builder"') == 1
    assert "stream=STREAM" in html
    assert "CHANNEL" not in html
    # One sentence says where the event comes from: the site's, above its table.
    assert html.count("zi-supported-events-block") == 1
    assert html.count("X-Tracker-Event header") == 1
    # The table says what the handler posts, from its docstring.
    # (Sphinx writes curly apostrophes.)
    assert "The event\u2019s name, and the payload\u2019s <code" in html


@pytest.mark.parametrize(
    ("args", "title", "says"),
    [
        (["--event", "ticket", "--event-header", "X-T", "--action-field", "action"],
         "A ticket opened event", "sent a `ticket.opened` event"),
        (["--event", "Issue Hook", "--event-header", "X-T"], "An Issue Hook event",
         "sent an `Issue Hook` event"),
        (["--event", "opened", "--event-field", "action"], "An opened event",
         "sent an `opened` event"),
    ],
)  # fmt: skip
def test_the_page_and_the_message_read_right(
    project: Path, args: list[str], title: str, says: str
) -> None:
    assert new(project, "--display-name", "Tracker", *args) == 0
    page = (project / "docs" / "integrations" / "tracker.md").read_text()
    assert f":::{{webhook-example}} {title}\n" in page
    assert f"Tracker {says}: Crash on @all `boot`" in page
    assert "The event comes from" not in page


@given(st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"])))
def test_option_values_read_back_unchanged(value: str) -> None:
    tokens, state = options_to_tokens(f"topic: {option_value(value)}")
    assert not state.has_comments
    [(_, read)] = tokens
    assert read is not None
    assert read.value == value
