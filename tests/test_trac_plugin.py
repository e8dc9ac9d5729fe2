"""The Trac component, in a real Trac environment, fired by Trac's own ticket model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from integrations.testing.trac import COMPONENTS, TracEnvironment, trac_environment
from integrations.testing.webhooks import assert_inert
from integrations.testing.zulip_standin import ZulipStandIn, closed_site
from integrations.zulip_markdown import render

# Trac 1.6 imports the crypt and cgi modules, which Python 3.11 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:'(crypt|cgi)' is deprecated:DeprecationWarning")


def new_ticket(env: Any, **fields: str) -> Any:
    from trac.ticket.model import Ticket  # type: ignore[import-untyped]

    ticket = Ticket(env)
    for name, value in fields.items():
        ticket[name] = value
    ticket.insert()
    return Ticket(env, ticket.id)


def test_the_install_steps_enable_the_component(trac_env: TracEnvironment) -> None:
    trac = trac_env
    assert (trac.path / "plugins" / "zulip_trac.py").is_file()
    assert trac.admin("config", "get", "components", COMPONENTS).strip() == "enabled"
    with trac.open() as env:
        from integrations.plugins.trac.component import ZulipTicketNotifier

        assert env.is_component_enabled(ZulipTicketNotifier)


def test_ticket_created_changed_commented_deleted(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    trac = trac_environment(
        tmp_path,
        zulip_standin,
        settings={"channel": "tickets"},
    )
    trac.admin("config", "set", "trac", "base_url", "https://trac.example.com/project")
    with trac.open() as env:
        ticket = new_ticket(
            env,
            summary="Saving loses the title",
            reporter="alice",
            owner="bob",
            type="defect",
            priority="major",
            description="Steps:\n1. open a page\n2. save it",
        )
        ticket["priority"] = "critical"
        ticket["owner"] = ""
        ticket.save_changes("carol", "Confirmed on 1.6.\nSee the log.")
        ticket.save_changes("dave", "Any news?")
        ticket.delete()
    created, changed, commented, deleted = zulip_standin.messages
    link = "[ticket #1](https://trac.example.com/project/ticket/1)"
    assert {message.channel for message in zulip_standin.messages} == {"tickets"}
    assert {message.topic for message in zulip_standin.messages} == {"#1: Saving loses the title"}
    assert created.content == (
        f"**alice** created {link}: **Saving loses the title**\n\n"
        "* type: defect\n* priority: major\n* owner: bob\n\n"
        "> Steps:\n> 1&#46; open a page\n> 2&#46; save it"
    )
    assert changed.content == (
        f"**carol** updated {link}: Saving loses the title\n\n"
        "* priority: major → **critical**\n* owner cleared (was bob)\n\n"
        "> Confirmed on 1.6.\n> See the log."
    )
    assert (
        commented.content == f"**dave** commented on {link}: Saving loses the title\n\n> Any news?"
    )
    assert deleted.content == "**Ticket #1** was deleted: Saving loses the title"
    assert created.user_agent.startswith("ZulipTrac/0.1.0 (")


def test_events_topic_and_untrusted_text(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    trac = trac_environment(
        tmp_path,
        zulip_standin,
        settings={"events": "created", "topic": "{component}: {summary}"},
    )
    with trac.open() as env:
        ticket = new_ticket(
            env,
            summary="@**all** look [here](https://evil.example)",
            reporter="<script>",
            component="component1",
        )
        ticket.save_changes("carol", "not posted")
    [message] = zulip_standin.messages
    assert message.topic == "component1: @**all** look [here](https://evil.example)"
    assert message.content.startswith(
        "**<script>** created **ticket #1**: **@all look &#91;here&#93;(https://evil.example)**"
    )
    assert_inert(message.content)  # no <script> element, and @all pings nobody
    page = render(message.content)
    assert page.startswith("<p><strong>&lt;script&gt;</strong> created")
    assert ">here</a>" not in page  # the address shows, hidden by nothing


def test_a_failure_to_post_never_fails_saving_the_ticket(
    tmp_path: Path, zulip_standin: ZulipStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    trac = trac_environment(tmp_path, zulip_standin, settings={"site": closed_site()})
    with trac.open() as env:
        ticket = new_ticket(env, summary="Still saved", reporter="alice")
        from trac.ticket.model import Ticket

        assert Ticket(env, ticket.id)["summary"] == "Still saved"
    err = capsys.readouterr().err
    assert err.startswith("zulip: ticket #1 not posted: cannot reach http://127.0.0.1:")
    assert err.endswith(": connection refused\n")
    assert zulip_standin.messages == []


def attach(env: Any, realm: str, parent: str, filename: str, description: str) -> None:
    import io

    from trac.attachment import Attachment  # type: ignore[import-untyped]

    attachment = Attachment(env, realm, parent)
    attachment.author = "bob"
    attachment.description = description
    attachment.insert(filename, io.BytesIO(b"log lines"), 9)


def test_a_file_attached_to_a_ticket(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    trac = trac_environment(tmp_path, zulip_standin)
    trac.admin("config", "set", "trac", "base_url", "https://trac.example.com/project")
    with trac.open() as env:
        ticket = new_ticket(env, summary="Crash on save", reporter="alice")
        zulip_standin.clear()
        attach(env, "ticket", str(ticket.id), "crash `1`.log", "The log of @**all** runs")
        attach(env, "wiki", "WikiStart", "notes.txt", "")  # not a ticket's: not posted
    [message] = zulip_standin.messages
    assert message.topic == "#1: Crash on save"
    assert message.content == (
        "**bob** attached ``crash `1`.log`` to "
        "[ticket #1](https://trac.example.com/project/ticket/1): Crash on save\n\n"
        "> The log of @all runs"
    )
    assert_inert(message.content)


def test_attachments_can_be_left_out(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    trac = trac_environment(tmp_path, zulip_standin, settings={"events": "created"})
    with trac.open() as env:
        ticket = new_ticket(env, summary="Crash on save", reporter="alice")
        attach(env, "ticket", str(ticket.id), "crash.log", "")
    assert [m.content.split(" ")[1] for m in zulip_standin.messages] == ["created"]
