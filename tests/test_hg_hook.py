"""The Mercurial hook, loaded by Debian's real hg into its own Python, run by real pushes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from integrations.testing.repos import HG_DATE, HookedRepository, hg_repository
from integrations.testing.webhooks import assert_inert
from integrations.testing.zulip_standin import ZulipStandIn, closed_site
from integrations.zulip_markdown import render

pytestmark = pytest.mark.tools("hg")

COMMIT = f"hg commit -d '{HG_DATE}' -m"


def node(repo: HookedRepository, revision: str) -> str:
    done = subprocess.run(
        ["hg", "log", "-r", revision, "-T", "{node}"],
        cwd=repo.work,
        env=repo.env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_hg_runs_the_hook_in_its_own_python(hg_repo: HookedRepository) -> None:
    """The hook is code loaded into Mercurial, not a program it starts."""
    done = subprocess.run(
        ["hg", "debuginstall", "-T", "{pythonexe}"],
        env=hg_repo.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "/usr/bin/python3"
    hgrc = (hg_repo.server / ".hg" / "hgrc").read_text()
    assert re.search(
        r"^changegroup\.zulip = python:/\S+/integrations/plugins/hg/zulip_hg_hook\.py:hook$",
        hgrc,
        re.MULTILINE,
    )


def test_a_push_posts_its_changesets(hg_repo: HookedRepository) -> None:
    result = hg_repo.run(
        f"echo a > a && hg add -q a && {COMMIT} 'Add a' && echo b > b && hg add -q b && {COMMIT} 'Add b' && hg push -q"
    )
    [message] = result.messages
    assert (message.channel, message.topic) == ("commits", "project / default")
    assert message.content == (
        "**alice** pushed 2 commits to branch `default`.\n\n"
        f"* Add a (`{node(hg_repo, '0')[:12]}`) by Alice Example\n"
        f"* Add b (`{node(hg_repo, '1')[:12]}`) by Alice Example"
    )
    assert message.user_agent.startswith("ZulipMercurial/0.1.0 (")
    assert "zulip" not in result.stderr


def test_one_message_per_branch_with_filters(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = hg_repository(
        tmp_path,
        zulip_standin,
        zulip={"branches": "default, release-*", "ignore_branches": "release-old"},
    )
    result = repo.run(
        f"touch a && hg add -q a && {COMMIT} base && "
        f"hg branch -q release-2 && {COMMIT} 'Release work' && "
        f"hg branch -q release-old && {COMMIT} 'Old release' && "
        f"hg branch -q experiment && {COMMIT} 'Experiment' && "
        "hg push -q --new-branch"
    )
    assert [(m.topic, m.content.split("\n")[0]) for m in result.messages] == [
        ("project / default", "**alice** pushed 1 commit to branch `default`."),
        ("project / release-2", "**alice** pushed 1 commit to branch `release-2`."),
    ]


def test_the_incoming_hook_posts_each_changeset(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    repo = hg_repository(tmp_path, zulip_standin, hook_type="incoming")
    result = repo.run(
        f"touch a && hg add -q a && {COMMIT} one && {COMMIT} two --config ui.allowemptycommit=1 && hg push -q"
    )
    assert [m.content.split("\n")[-1].split(" (")[0] for m in result.messages] == ["* one", "* two"]


def test_channel_topic_and_links_from_the_hgrc(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = hg_repository(
        tmp_path,
        zulip_standin,
        zulip={
            "channel": "hg",
            "topic": "{branch} of {repository}",
            "commit_url": "https://hg.example.com/{repository}/rev/{node}",
        },
    )
    result = repo.run(
        f"touch a && hg add -q a && {COMMIT} '[x](javascript:alert(1)) @**all**' && hg push -q"
    )
    [message] = result.messages
    full = node(repo, "0")
    assert (message.channel, message.topic) == ("hg", "default of project")
    assert message.content.endswith(
        f"* &#91;x&#93;(javascript:alert(1)) @all "
        f"([{full[:12]}](https://hg.example.com/project/rev/{full})) by Alice Example"
    )
    assert_inert(message.content)  # no javascript: link, and @all pings nobody
    assert "<li>[x](javascript:alert(1)) @all (<a" in render(message.content)


def test_a_failure_to_post_never_fails_the_push(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    repo = hg_repository(tmp_path, zulip_standin, site=closed_site())
    result = repo.run(f"touch a && hg add -q a && {COMMIT} base && hg push -q", check=False)
    assert result.returncode == 0
    assert re.fullmatch(
        r"zulip: nothing posted: cannot reach http://127\.0\.0\.1:\d+: connection refused\n",
        result.stderr,
    )
    outgoing = subprocess.run(
        ["hg", "outgoing", "-q"], cwd=repo.work, env=repo.env, capture_output=True, check=False
    )
    assert outgoing.returncode == 1  # nothing left to push: the push went through


def test_bad_settings_are_one_clear_line(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = hg_repository(tmp_path, zulip_standin, zulip={"topic": "{repository} {author}"})
    result = repo.run(f"touch a && hg add -q a && {COMMIT} base && hg push -q")
    assert result.stderr == (
        "zulip: nothing posted: [zulip] topic = {repository} {author}: "
        "only {repository} and {branch} can be filled in ('author')\n"
    )
    assert zulip_standin.messages == []


def test_without_the_package_the_hook_says_so(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = hg_repository(tmp_path, zulip_standin)
    lonely = tmp_path / "lonely" / "zulip_hg_hook.py"
    lonely.parent.mkdir()
    lonely.write_text(
        (Path(__file__).parents[1] / "integrations/plugins/hg/zulip_hg_hook.py").read_text()
    )
    hgrc = repo.server / ".hg" / "hgrc"
    hgrc.write_text(re.sub(r"python:\S+:hook", f"python:{lonely}:hook", hgrc.read_text()))
    result = repo.run(f"touch a && hg add -q a && {COMMIT} base && hg push -q")
    assert result.returncode == 0
    assert result.stderr == (
        "zulip: nothing posted: No module named 'integrations' "
        "(install zulip-integrations for /usr/bin/python3, Mercurial's Python)\n"
    )


def test_text_keeps_its_characters_when_the_server_runs_in_ascii(
    hg_repo: HookedRepository,
) -> None:
    # A local push runs the server's hook in the pushing process: HGENCODING=ascii
    # plays a server whose hooks run under the C locale.
    result = hg_repo.run(
        f"touch a && hg add -q a && {COMMIT} 'Café ✓ déjà vu' -u 'José Müller <jm@example.com>' && "
        "hg branch -q 'straße' && "
        f"{COMMIT} 'Zweig' -u 'José Müller <jm@example.com>' && "
        "HGENCODING=ascii hg push -q --new-branch"
    )
    assert [(m.topic, m.content) for m in result.messages] == [
        (
            "project / default",
            "**alice** pushed 1 commit to branch `default`.\n\n"
            f"* Café ✓ déjà vu (`{node(hg_repo, '0')[:12]}`) by José Müller",
        ),
        (
            "project / straße",
            "**alice** pushed 1 commit to branch `straße`.\n\n"
            f"* Zweig (`{node(hg_repo, '1')[:12]}`) by José Müller",
        ),
    ]


def test_a_refused_message_leaves_the_other_branches(
    hg_repo: HookedRepository, zulip_standin: ZulipStandIn
) -> None:
    zulip_standin.fail_next(500, times=3)  # every try of the first message
    result = hg_repo.run(
        f"touch a && hg add -q a && {COMMIT} base && "
        f"hg branch -q stable && {COMMIT} 'Stable work' && hg push -q --new-branch"
    )
    assert result.returncode == 0
    assert [m.topic for m in result.messages] == ["project / stable"]
    assert result.stderr == (
        "zulip: not posted to commits: Zulip refused the message (HTTP 500): "
        "not a Zulip API answer (Internal Server Error)\n"
    )
