"""The examples on the pages of the script and plugin integrations are true.

Each page's "Examples" section shows commands (```sh blocks) and the
messages they cause (```text blocks: "channel > topic", a blank line, the
content). These tests run the commands, one section after the other, in a
repository installed as the page says, and compare what the stand-in
received with what the page shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from integrations.testing.repos import hooked_repository
from integrations.testing.trac import trac_environment
from integrations.testing.zulip_standin import ReceivedMessage, ZulipStandIn

PAGES = Path(__file__).resolve().parent.parent / "docs" / "integrations"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# "With `MAX_COMMITS = 3` in `zulip_git_config.py`, in a new repository"
NEW_REPOSITORY = re.compile(r"With `(\w+) = (\d+)` in `\w+\.py`, in a new repository")


@dataclass
class Section:
    title: str
    prose: str
    commands: str
    messages: list[str]


def example_sections(name: str) -> list[Section]:
    text = (PAGES / f"{name}.md").read_text(encoding="utf-8")
    examples = text.split("\n## Examples\n", 1)[1].split("\n## ", 1)[0]
    sections = []
    for part in examples.split("\n### ")[1:]:
        title, _, body = part.partition("\n")
        blocks = FENCE.findall(body)
        sections.append(
            Section(
                title=title,
                prose=FENCE.sub("", body),
                commands="\n".join(code for kind, code in blocks if kind == "sh"),
                messages=[code.rstrip("\n") for kind, code in blocks if kind == "text"],
            )
        )
    return sections


def shown(message: ReceivedMessage) -> str:
    return f"{message.channel} > {message.topic}\n\n{message.content}"


@pytest.mark.parametrize(
    ("tool", "settings"), [("git", {}), ("svn", {}), ("hg", {"ignore_branches": "wip-*"})]
)
def test_the_examples_of_the_page_happen(
    tool: str, settings: dict[str, object], tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    sections = example_sections(tool)
    assert sections, f"{tool}.md has no examples"
    repo = hooked_repository(tool, tmp_path / "repo", zulip_standin, settings)
    for number, section in enumerate(sections):
        fresh = NEW_REPOSITORY.search(section.prose)
        if fresh:
            where = tmp_path / f"fresh-{number}"
            repo = hooked_repository(tool, where, zulip_standin, {fresh[1]: int(fresh[2])})
        result = repo.run(section.commands)
        assert [shown(message) for message in result.messages] == section.messages, section.title
        assert "zulip:" not in result.stderr


def test_the_hg_page_names_the_filter_its_examples_use() -> None:
    text = (PAGES / "hg.md").read_text(encoding="utf-8")
    assert "`ignore_branches = wip-*`" in text.split("\n## Examples\n", 1)[1]


# Trac 1.6 imports the crypt and cgi modules, which Python 3.11 deprecates.
@pytest.mark.filterwarnings("ignore:'(crypt|cgi)' is deprecated:DeprecationWarning")
def test_the_life_of_a_ticket_on_the_trac_page(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    from trac.ticket.model import Ticket  # type: ignore[import-untyped]

    trac = trac_environment(tmp_path, zulip_standin)
    trac.admin("config", "set", "trac", "base_url", "https://trac.example.com/project")
    with trac.open() as env:
        ticket = Ticket(env)
        fields = {
            "summary": "The login page forgets the user name",
            "reporter": "alice",
            "type": "defect",
            "priority": "major",
            "component": "component1",
            "owner": "somebody",
            "status": "new",
            "description": "After a failed login, the form comes back empty.\n\nIt should keep the user name.",
        }
        for name, value in fields.items():
            ticket[name] = value
        number = ticket.insert()
        ticket = Ticket(env, number)
        ticket["owner"] = "bob"
        ticket["status"] = "accepted"
        ticket.save_changes("bob", "I'll take it.")
        ticket = Ticket(env, number)
        ticket.save_changes("alice", "Thanks! It also happens on the sign-up page.")
        ticket = Ticket(env, number)
        ticket["status"] = "closed"
        ticket["resolution"] = "fixed"
        ticket.save_changes("bob", "Fixed in [42].")
    trac.admin("ticket", "remove", str(number))
    expected = [message for section in example_sections("trac") for message in section.messages]
    assert [shown(message) for message in zulip_standin.messages] == expected
