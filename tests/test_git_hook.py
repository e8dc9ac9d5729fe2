"""The git post-receive hook, installed as the docs say, run by real git pushes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import integrations.scripts.git
from integrations.testing.repos import HookedRepository, git_repository
from integrations.testing.webhooks import assert_inert
from integrations.testing.zulip_standin import ZulipStandIn, closed_site
from integrations.zulip_markdown import render

pytestmark = pytest.mark.tools("git")

COMMIT = "git commit -q --allow-empty -m"


def rev(repo: HookedRepository, name: str, short: int = 7) -> str:
    done = subprocess.run(
        ["git", "rev-parse", name],
        cwd=repo.work,
        env=repo.env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()[:short]


def test_the_install_steps_put_two_files_in_hooks(git_repo: HookedRepository) -> None:
    hooks = git_repo.server / "hooks"
    integration = integrations.scripts.git.integration
    assert integration.kind == "script"
    assert integration.files == ("post-receive", "zulip_git_config.py")
    for name in integration.files:
        assert (hooks / name).is_file()
    assert (hooks / "post-receive").stat().st_mode & 0o111
    # The hook file itself is shipped unchanged but for its first line.
    home = Path(integrations.scripts.git.__file__).parent
    shipped = (home / "post-receive").read_text().split("\n", 1)[1]
    assert (hooks / "post-receive").read_text().split("\n", 1)[1] == shipped


def test_first_push_creates_the_branch(git_repo: HookedRepository) -> None:
    result = git_repo.run(
        f"{COMMIT} 'Start the project' && {COMMIT} 'Add a README' && git push -q origin main"
    )
    [message] = result.messages
    assert (message.channel, message.topic) == ("commits", "project / main")
    assert message.content == (
        "**alice** created branch `main` with 2 new commits.\n\n"
        f"* Start the project (`{rev(git_repo, 'main~1')}`) by Alice Example\n"
        f"* Add a README (`{rev(git_repo, 'main')}`) by Alice Example"
    )
    assert message.user_agent.startswith("ZulipGit/0.1.0 (")
    assert result.stderr == ""


def test_a_push_to_an_existing_branch(git_repo: HookedRepository) -> None:
    git_repo.run(f"{COMMIT} one && git push -q origin main")
    result = git_repo.run(f"{COMMIT} two && {COMMIT} three && git push -q origin main")
    [message] = result.messages
    assert message.content == (
        "**alice** pushed 2 commits to branch `main`.\n\n"
        f"* two (`{rev(git_repo, 'main~1')}`) by Alice Example\n"
        f"* three (`{rev(git_repo, 'main')}`) by Alice Example"
    )


def test_a_new_branch_lists_only_its_own_commits(git_repo: HookedRepository) -> None:
    git_repo.run(f"{COMMIT} base && git push -q origin main")
    same = git_repo.run("git push -q origin main:copy")
    result = git_repo.run(
        f"git checkout -qb feature && {COMMIT} 'Feature work' && git push -q origin feature"
    )
    assert [m.content for m in same.messages] == [
        f"**alice** created branch `copy` at `{rev(git_repo, 'main')}`."
    ]
    [message] = result.messages
    assert message.topic == "project / feature"
    assert message.content == (
        "**alice** created branch `feature` with 1 new commit.\n\n"
        f"* Feature work (`{rev(git_repo, 'feature')}`) by Alice Example"
    )


def test_a_deleted_branch(git_repo: HookedRepository) -> None:
    git_repo.run(f"{COMMIT} base && git push -q origin main main:old")
    result = git_repo.run("git push -q origin :old")
    assert [m.content for m in result.messages] == [
        f"**alice** deleted branch `old` (it was at `{rev(git_repo, 'main')}`)."
    ]


def test_a_force_push_lists_removed_and_added_commits(git_repo: HookedRepository) -> None:
    git_repo.run(f"{COMMIT} base && {COMMIT} 'Wrong turn' && git push -q origin main")
    wrong = rev(git_repo, "main")
    result = git_repo.run(
        f"git reset -q --hard HEAD~1 && {COMMIT} 'Right turn' && git push -q -f origin main"
    )
    [message] = result.messages
    assert message.content == (
        "**alice** force-pushed branch `main`: 1 commit removed, 1 commit added.\n\n"
        f"Removed:\n* Wrong turn (`{wrong}`) by Alice Example\n\n"
        f"Added:\n* Right turn (`{rev(git_repo, 'main')}`) by Alice Example"
    )


def test_tags_pushed_moved_and_deleted(git_repo: HookedRepository) -> None:
    git_repo.run(f"{COMMIT} base && git push -q origin main")
    first = rev(git_repo, "main")
    pushed = git_repo.run("git tag -a v1.0 -m 'Release 1.0' && git push -q origin v1.0")
    moved = git_repo.run(
        f"{COMMIT} fix && git tag -f v1.0 >/dev/null && git push -q -f origin v1.0"
    )
    deleted = git_repo.run("git push -q origin :refs/tags/v1.0")
    assert [m.content for m in pushed.messages] == [f"**alice** pushed tag `v1.0` at `{first}`."]
    assert [m.content for m in moved.messages] == [
        f"**alice** moved tag `v1.0` to `{rev(git_repo, 'main')}`."
    ]
    assert [m.content for m in deleted.messages] == ["**alice** deleted tag `v1.0`."]
    assert {m.topic for m in pushed.messages + moved.messages + deleted.messages} == {
        "project / tags"
    }


def test_a_merge_lists_the_merged_commits_and_the_merge(git_repo: HookedRepository) -> None:
    git_repo.run(f"{COMMIT} base && git push -q origin main")
    result = git_repo.run(
        f"git checkout -qb topic && {COMMIT} 'Topic work' && git checkout -q main && "
        f"{COMMIT} 'Main work' && git merge -q --no-ff topic -m 'Merge branch topic' && git push -q origin main"
    )
    [message] = result.messages
    lines = message.content.split("\n")
    assert lines[0] == "**alice** pushed 3 commits to branch `main`."
    assert sorted(lines[2:4]) == sorted(
        [
            f"* Topic work (`{rev(git_repo, 'topic')}`) by Alice Example",
            f"* Main work (`{rev(git_repo, 'main^1')}`) by Alice Example",
        ]
    )
    assert lines[4] == f"* Merge branch topic (`{rev(git_repo, 'main')}`) by Alice Example"


def test_a_long_push_is_truncated_with_a_count(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = git_repository(tmp_path, zulip_standin, settings={"MAX_COMMITS": 3})
    result = repo.run(
        f'for i in 1 2 3 4 5 6 7; do {COMMIT} "Commit $i"; done && git push -q origin main'
    )
    [message] = result.messages
    lines = message.content.split("\n")
    assert lines[0] == "**alice** created branch `main` with 7 new commits."
    assert [line.split(" (")[0] for line in lines[2:5]] == [
        "* Commit 1",
        "* Commit 2",
        "* Commit 3",
    ]
    assert lines[5:] == ["[and 4 more commits]"]


def test_untrusted_names_and_messages_stay_text(git_repo: HookedRepository) -> None:
    result = git_repo.run(
        "git checkout -qb 'x`y' && "
        "GIT_AUTHOR_NAME='@**all**' git commit -q --allow-empty -m '[click](https://evil.example) @**all** :tada:' && "
        "git push -q origin 'x`y'"
    )
    [message] = result.messages
    # Mentions read as plain names; only the brackets that would make a link are encoded.
    assert message.content == (
        "**alice** created branch ``x`y`` with 1 new commit.\n\n"
        "* &#91;click&#93;(https://evil.example) @all :tada: "
        f"(`{rev(git_repo, 'x`y')}`) by @all"
    )
    assert_inert(message.content)
    assert ">click</a>" not in render(message.content)  # the address shows, hidden by nothing


def test_config_routes_and_formats(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = git_repository(
        tmp_path,
        zulip_standin,
        settings={
            "CHANNEL": "code",
            "COMMIT_URL": "https://git.example.com/{repository}/commit/{id}",
        },
    )
    assert repo.config is not None
    with repo.config.open("a") as config:
        config.write(
            "\n\ndef zulip_destination(repository, ref):\n"
            "    if ref == 'refs/heads/private':\n"
            "        return None\n"
            "    return {'channel': CHANNEL, 'topic': 'all of ' + repository}\n"
        )
    result = repo.run(f"{COMMIT} base && git push -q origin main main:private")
    [message] = result.messages
    full = rev(repo, "main", short=40)
    assert (message.channel, message.topic) == ("code", "all of project")
    assert message.content.endswith(
        f"* base ([{full[:7]}](https://git.example.com/project/commit/{full})) by Alice Example"
    )


def test_a_custom_commit_line(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = git_repository(tmp_path, zulip_standin)
    assert repo.config is not None
    with repo.config.open("a") as config:
        config.write(
            "\n\ndef format_commit_line(commit):\n    return md('{s} by {a}').format(s=commit.subject, a=commit.author)\n"
        )
    result = repo.run(f"{COMMIT} 'Tidy *up*' && git push -q origin main")
    assert result.messages[0].content.endswith("* Tidy &#42;up&#42; by Alice Example")


def test_retries_a_rate_limited_post(
    git_repo: HookedRepository, zulip_standin: ZulipStandIn
) -> None:
    zulip_standin.rate_limit_next(retry_after=1)
    result = git_repo.run(f"{COMMIT} base && git push -q origin main")
    assert len(result.messages) == 1
    assert [request.status for request in zulip_standin.requests] == [429, 200]


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (
            "down",
            r"zulip: not posted to commits: cannot reach http://127\.0\.0\.1:\d+: connection refused",
        ),
        (
            "500",
            r"zulip: not posted to commits: Zulip refused the message \(HTTP 500\): not a Zulip API answer \(Internal Server Error\)",
        ),
        (
            "key",
            r"zulip: not posted to commits: Zulip refused the message \(HTTP 401, INVALID_API_KEY\): Invalid API key",
        ),
    ],
)
def test_a_failure_to_post_never_fails_the_push(
    tmp_path: Path, zulip_standin: ZulipStandIn, problem: str, expected: str
) -> None:
    settings: dict[str, object] = {"ZULIP_API_KEY": "wrong"} if problem == "key" else {}
    site = closed_site() if problem == "down" else None
    repo = git_repository(tmp_path, zulip_standin, settings=settings, site=site)
    if problem == "500":
        zulip_standin.fail_next(500, times=3)
    result = repo.run(f"{COMMIT} base && git push origin main")
    assert result.returncode == 0
    assert rev(repo, "origin/main") == rev(repo, "main")
    hook_lines = [line for line in result.stderr.splitlines() if "zulip:" in line]
    assert len(hook_lines) == 1
    assert re.fullmatch(r"remote: " + expected + r"\s*", hook_lines[0]), hook_lines[0]
    assert "Traceback" not in result.stderr
    assert zulip_standin.messages == []


def test_settings_from_the_environment_and_zuliprc(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".zuliprc").write_text(
        f"[api]\nemail = {zulip_standin.email}\nsite = {zulip_standin.site}\n"
    )
    repo = git_repository(
        tmp_path,
        None,
        env={"ZULIP_API_KEY": zulip_standin.api_key},
    )
    repo.standin = zulip_standin
    result = repo.run(f"{COMMIT} base && git push -q origin main")
    assert len(result.messages) == 1
    assert result.messages[0].sender == zulip_standin.email


def test_missing_credentials_are_one_clear_line(tmp_path: Path) -> None:
    repo = git_repository(tmp_path, None)
    result = repo.run(f"{COMMIT} base && git push origin main")
    config = repo.server / "hooks" / "zulip_git_config.py"
    assert (
        "remote: zulip: nothing posted: no email (ZULIP_EMAIL, or email in [api] of a zuliprc), api_key"
        in result.stderr
    )
    assert f"in {config}, the environment or" in result.stderr


def test_a_broken_config_is_one_clear_line(git_repo: HookedRepository) -> None:
    assert git_repo.config is not None
    with git_repo.config.open("a") as config:
        config.write("\nMAX_COMMITS = (\n")
    lines = git_repo.config.read_text().count("\n")
    result = git_repo.run(f"{COMMIT} base && git push origin main")
    assert f"remote: zulip: nothing posted: {git_repo.config}:{lines}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_without_the_package_the_hook_says_so(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = git_repository(tmp_path, zulip_standin)
    hook = repo.server / "hooks" / "post-receive"
    # Debian's own Python, which does not have zulip-integrations installed.
    hook.write_text("#!/usr/bin/python3 -I\n" + hook.read_text().split("\n", 1)[1])
    result = repo.run(f"{COMMIT} base && git push origin main")
    assert result.returncode == 0
    assert (
        "remote: zulip: nothing posted: No module named 'integrations' (install zulip-integrations for /usr/bin/python3)"
        in result.stderr
    )
    assert zulip_standin.messages == []


def test_a_tag_of_a_tree_or_a_blob_says_what_it_tags(git_repo: HookedRepository) -> None:
    git_repo.run(f"{COMMIT} base && git push -q origin main")
    result = git_repo.run(
        "git tag -a tree-tag -m 'The tree' 'HEAD^{tree}' && "
        "echo hello > notes.txt && git tag blob-tag $(git hash-object -w notes.txt) && "
        "git push -q origin tree-tag blob-tag"
    )
    tree, blob = rev(git_repo, "HEAD^{tree}"), rev(git_repo, "blob-tag")
    assert [m.content for m in result.messages] == [
        f"**alice** pushed tag `tree-tag` at tree `{tree}`.",
        f"**alice** pushed tag `blob-tag` at blob `{blob}`.",
    ]
    assert result.stderr == ""


def test_control_characters_in_subjects_and_names_are_read(git_repo: HookedRepository) -> None:
    # \x1e and \x1f are allowed in commit messages and names; they must not split fields.
    result = git_repo.run(
        "GIT_AUTHOR_NAME=\"$(printf 'Bob\\x1fBuilder')\" "
        "git commit -q --allow-empty -F <(printf 'One\\x1etwo\\x1fthree\\n') && "
        f"{COMMIT} 'Next' && git push -q origin main"
    )
    [message] = result.messages
    lines = message.content.split("\n")
    assert lines[0] == "**alice** created branch `main` with 2 new commits."
    # Zulip's messages carry no control characters; the text around them stays.
    assert lines[2] == f"* Onetwothree (`{rev(git_repo, 'main~1')}`) by BobBuilder"
    assert lines[3] == f"* Next (`{rev(git_repo, 'main')}`) by Alice Example"
    assert result.stderr == ""


def test_a_ref_that_cannot_be_told_leaves_the_others(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    repo = git_repository(tmp_path, zulip_standin)
    assert repo.config is not None
    with repo.config.open("a") as config:
        config.write(
            "\n\ndef zulip_destination(repository, ref):\n"
            "    return {'channel': CHANNEL, 'topic': {'refs/heads/main': 'main'}[ref]}\n"
        )
    result = repo.run(f"{COMMIT} base && git push origin main main:other")
    assert [m.topic for m in result.messages] == ["main"]
    hook_lines = [line for line in result.stderr.splitlines() if "zulip:" in line]
    assert [line.strip() for line in hook_lines] == [
        "remote: zulip: refs/heads/other not posted: unexpected KeyError: 'refs/heads/other'"
    ]


def test_an_unreachable_zulip_is_tried_once_per_push(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    repo = git_repository(tmp_path, zulip_standin, site=closed_site())
    result = repo.run(f"{COMMIT} base && git tag v1 && git push origin main main:other v1")
    assert result.returncode == 0
    hook_lines = [line.strip() for line in result.stderr.splitlines() if "zulip:" in line]
    assert len(hook_lines) == 2
    assert re.fullmatch(
        r"remote: zulip: not posted to commits: cannot reach http://127\.0\.0\.1:\d+: "
        "connection refused",
        hook_lines[0],
    )
    assert hook_lines[1] == "remote: zulip: 2 more messages not posted, for the same reason"


def test_many_new_tags_make_one_message(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    repo = git_repository(tmp_path, zulip_standin, settings={"MAX_COMMITS": 3})
    result = repo.run(
        f"{COMMIT} base && for i in $(seq 1 30); do git tag v1.$i; done && "
        "git tag -a v2.0 -m 'Release 2.0' && git push -q origin main --tags"
    )
    head = rev(repo, "main")
    assert [(m.topic, m.content) for m in result.messages] == [
        (
            "project / main",
            "**alice** created branch `main` with 1 new commit.\n\n"
            f"* base (`{head}`) by Alice Example",
        ),
        (
            "project / tags",
            "**alice** pushed 31 tags.\n\n"
            f"* `v1.1` at `{head}`\n* `v1.10` at `{head}`\n* `v1.11` at `{head}`\n"
            "[and 28 more tags]",
        ),
    ]
    assert result.stderr == ""


def test_a_branch_name_that_is_not_utf8_still_posts(git_repo: HookedRepository) -> None:
    # git takes any bytes in a ref name; here a Latin-1 "café".
    result = git_repo.run(
        f"{COMMIT} base && git push -q origin main && git push -q origin main:\"$(printf 'caf\\xe9')\""
    )
    [message] = result.messages[1:]
    assert (message.topic, message.content) == (
        "project / caf\ufffd",
        f"**alice** created branch `caf\ufffd` at `{rev(git_repo, 'main')}`.",
    )
    assert result.stderr == ""


def test_a_commit_without_an_author_name(git_repo: HookedRepository) -> None:
    # Tools that import history can write "author  <>"; git stores it as it is.
    result = git_repo.run(
        "tree=$(git write-tree) && "
        "commit=$(printf 'tree %s\\nauthor  <> 1714564800 +0000\\ncommitter  <> 1714564800 +0000\\n\\nImported\\n' "
        "$tree | git hash-object -t commit -w --stdin --literally) && "
        "git push -q origin $commit:refs/heads/main"
    )
    [message] = result.messages
    assert message.content.endswith(f"* Imported (`{rev(git_repo, 'origin/main')}`) by (no author)")
