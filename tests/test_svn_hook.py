"""The Subversion post-commit hook, installed as the docs say, run by real svn commits."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from integrations.testing.repos import HookedRepository, svn_repository
from integrations.testing.webhooks import assert_inert
from integrations.testing.zulip_standin import ZulipStandIn, closed_site
from integrations.zulip_markdown import render

pytestmark = pytest.mark.tools("svn")

COMMIT = "svn commit -q --username alice"


def test_the_install_steps_put_two_files_in_hooks(svn_repo: HookedRepository) -> None:
    hooks = svn_repo.server / "hooks"
    assert (hooks / "post-commit").stat().st_mode & 0o111
    assert (hooks / "zulip_svn_config.py").is_file()


def test_a_commit_with_author_revision_paths_and_log(svn_repo: HookedRepository) -> None:
    result = svn_repo.run(
        "svn mkdir -q trunk && echo hello > trunk/README && svn add -q trunk/README && "
        f"{COMMIT} -m 'Start the project\n\nWith a README, and a second paragraph.'"
    )
    [message] = result.messages
    assert (message.channel, message.topic) == ("commits", "project")
    assert message.content == (
        "**alice** committed **r1** to `project`.\n\n"
        "> Start the project\n>\n> With a README, and a second paragraph.\n\n"
        "* added `trunk/`\n"
        "* added `trunk/README`"
    )
    assert message.user_agent.startswith("ZulipSubversion/0.1.0 (")


def test_modified_deleted_and_property_changes(svn_repo: HookedRepository) -> None:
    svn_repo.run(f"touch a b c && svn add -q a b c && {COMMIT} -m base")
    result = svn_repo.run(
        f"echo x > a && svn rm -q b && svn propset -q svn:eol-style native c && {COMMIT} -m 'Change things'"
    )
    [message] = result.messages
    assert message.content.startswith("**alice** committed **r2** to `project`.")
    assert message.content.endswith("* modified `a`\n* deleted `b`\n* properties changed `c`")


def test_log_messages_keep_their_characters_and_stay_text(svn_repo: HookedRepository) -> None:
    result = svn_repo.run(
        f"touch f && svn add -q f && {COMMIT} -m 'Ünïcödé 🎉 @**all**\n# not a heading\n    not code'"
    )
    [message] = result.messages
    # The mention reads as a plain name; the heading's # and the indentation are defused.
    assert "> Ünïcödé 🎉 @all\n> &#35; not a heading\n> not code" in message.content
    assert_inert(message.content)
    page = render(message.content)
    assert "<h1>" not in page
    assert "<pre>" not in page
    assert "<p>Ünïcödé 🎉 @all<br />\n# not a heading<br />\nnot code</p>" in page


def test_an_empty_log_and_many_paths(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = svn_repository(tmp_path, zulip_standin, settings={"MAX_PATHS": 2})
    result = repo.run("touch a b c d && svn add -q a b c d && svn commit -q --username bob -m ''")
    [message] = result.messages
    assert message.content == (
        "**bob** committed **r1** to `project`.\n\n"
        "*(no log message)*\n\n"
        "* added `a`\n* added `b`\n[and 2 more paths]"
    )


def test_revision_links_and_destinations(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = svn_repository(
        tmp_path,
        zulip_standin,
        settings={"REVISION_URL": "https://svn.example.com/{repository}?r={revision}"},
    )
    assert repo.config is not None
    with repo.config.open("a") as config:
        config.write(
            "\n\ndef zulip_destination(repository, paths):\n"
            "    if all(path.startswith('sandbox/') for path in paths):\n"
            "        return None\n"
            "    return {'channel': 'svn', 'topic': repository + ' trunk'}\n"
        )
    quiet = repo.run(f"svn mkdir -q sandbox && {COMMIT} -m 'Play'")
    posted = repo.run(f"svn mkdir -q trunk && {COMMIT} -m 'Work'")
    assert quiet.messages == []
    [message] = posted.messages
    assert (message.channel, message.topic) == ("svn", "project trunk")
    assert message.content.startswith(
        "**alice** committed [r2](https://svn.example.com/project?r=2) to `project`."
    )


def run_hook_as_svn_does(repo: HookedRepository, *args: str) -> subprocess.CompletedProcess[str]:
    """Subversion runs the hook with an empty environment and the repository and revision."""
    return subprocess.run(
        [str(repo.server / "hooks" / "post-commit"), *args],
        env={},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_failure_to_post_never_fails_the_commit(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    repo = svn_repository(tmp_path, zulip_standin, site=closed_site())
    result = repo.run(f"touch f && svn add -q f && {COMMIT} -m 'Add f'")
    assert result.returncode == 0
    assert result.stderr == ""  # -q: nothing, not even a warning
    again = run_hook_as_svn_does(repo, str(repo.server), "1")
    assert again.returncode == 1  # what gets the line to the committer
    assert again.stdout == ""
    assert re.fullmatch(
        r"zulip: nothing posted: cannot reach http://127\.0\.0\.1:\d+: connection refused\n",
        again.stderr,
    )
    assert zulip_standin.messages == []


def test_the_hook_run_directly_posts_with_an_empty_environment(
    svn_repo: HookedRepository, zulip_standin: ZulipStandIn
) -> None:
    svn_repo.run(f"touch f && svn add -q f && {COMMIT} -m 'Add f'")
    zulip_standin.clear()
    done = run_hook_as_svn_does(svn_repo, str(svn_repo.server), "1")
    assert (done.returncode, done.stderr) == (0, "")
    assert [message.topic for message in zulip_standin.messages] == ["project"]


def test_wrong_arguments_are_one_clear_line(svn_repo: HookedRepository) -> None:
    missing = run_hook_as_svn_does(svn_repo)
    wrong = run_hook_as_svn_does(svn_repo, str(svn_repo.server), "HEAD")
    unknown = run_hook_as_svn_does(svn_repo, str(svn_repo.server), "7")
    assert (missing.returncode, wrong.returncode, unknown.returncode) == (1, 1, 1)
    assert (
        missing.stderr
        == "zulip: nothing posted: expected the arguments REPOS REV, as Subversion passes them\n"
    )
    assert wrong.stderr == "zulip: nothing posted: the revision 'HEAD' is not a number\n"
    assert unknown.stderr.startswith("zulip: nothing posted: svnlook log failed: ")
    assert unknown.stderr.count("\n") == 1


def test_the_committer_sees_why_nothing_was_posted(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    repo = svn_repository(tmp_path, zulip_standin, site=closed_site())
    result = repo.run("touch f && svn add -q f && svn commit --username alice -m 'Add f'")
    assert result.returncode == 0  # the commit stands
    # svn prints the hook's line among its own, after the commit.
    printed = result.stdout.strip().splitlines()
    warning = printed[printed.index("Committed revision 1.") + 2 :]
    assert warning[0] == "Warning: post-commit hook failed (exit code 1) with output:"
    assert len(warning) == 2
    assert re.fullmatch(
        r"zulip: nothing posted: cannot reach http://127\.0\.0\.1:\d+: connection refused",
        warning[1],
    )


def test_a_move_says_where_the_path_came_from(svn_repo: HookedRepository) -> None:
    svn_repo.run(
        f"svn mkdir -q trunk && touch trunk/café.txt && svn add -q trunk/café.txt && {COMMIT} -m base"
    )
    result = svn_repo.run(f"svn mv -q trunk/café.txt trunk/thé.txt && {COMMIT} -m 'Rename'")
    [message] = result.messages
    assert message.content.endswith(
        "* deleted `trunk/café.txt`\n* added `trunk/thé.txt` (from `trunk/café.txt` r1)"
    )


def test_without_the_package_the_committer_is_told(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    repo = svn_repository(tmp_path, zulip_standin)
    hook = repo.server / "hooks" / "post-commit"
    # Debian's own Python, which does not have zulip-integrations installed.
    hook.write_text("#!/usr/bin/python3 -I\n" + hook.read_text().split("\n", 1)[1])
    result = repo.run("touch f && svn add -q f && svn commit --username alice -m 'Add f'")
    assert result.returncode == 0
    assert (
        "Warning: post-commit hook failed (exit code 1) with output:\n"
        "zulip: nothing posted: No module named 'integrations' "
        "(install zulip-integrations for /usr/bin/python3)\n"
    ) in result.stdout
    assert zulip_standin.messages == []
