"""The Jenkins pipeline script, installed as its page says, run as a pipeline's post step runs it.

Each test installs ``zulip-jenkins`` and its config in a ``$JENKINS_HOME/zulip``
folder, makes a git workspace, and runs the script there with the variables
Jenkins sets for a build, against the Zulip stand-in. The page's examples
show the common builds; these hold the rest: arguments Jenkins may pass
(``null``, the environment's ``BUILD_RESULT``), destinations and commit
links from the settings, failures to post, and the messages' safety.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from integrations.scripts.jenkins.environment import BuildError, build_of
from integrations.scripts.jenkins.message import result_of
from integrations.testing.repos import install_script_hook, tool_environment
from integrations.testing.webhooks import assert_inert
from integrations.testing.zulip_standin import ReceivedMessage, ZulipStandIn, closed_site

pytestmark = pytest.mark.tools("git")


class Jenkins:
    """A Jenkins home with the script installed, and a job's workspace with one commit."""

    def __init__(self, directory: Path, standin: ZulipStandIn | None, **settings: object) -> None:
        self.home = directory / "jenkins"
        self.workspace = self.home / "workspace" / "shop"
        self.workspace.mkdir(parents=True)
        self.env = tool_environment(directory / "home", {"JENKINS_HOME": str(self.home)})
        values: dict[str, object] = dict(settings)
        if standin is not None:
            values |= {
                "ZULIP_EMAIL": standin.email,
                "ZULIP_API_KEY": standin.api_key,
                "ZULIP_SITE": standin.site,
            }
        tools = self.home / "zulip"
        tools.mkdir()
        self.config = install_script_hook("jenkins", tools, values)
        self.script = tools / "zulip-jenkins"
        self.standin = standin
        self.git("init", "-q")
        self.git("commit", "-q", "--allow-empty", "-m", "Show unread counts\n\nIn the sidebar.")
        self.sha = self.git("rev-parse", "HEAD").strip()

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.workspace,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def run(
        self, *args: str, **variables: str
    ) -> tuple[subprocess.CompletedProcess[str], list[ReceivedMessage]]:
        before = len(self.standin.messages) if self.standin else 0
        env = {
            **self.env,
            "JOB_NAME": "shop/main",
            "BUILD_NUMBER": "7",
            "BUILD_URL": "https://ci.example.com/job/shop/job/main/7/",
            "GIT_COMMIT": self.sha,
            "GIT_BRANCH": "origin/main",
            **variables,
        }
        done = subprocess.run(
            [str(self.script), *args],
            cwd=self.workspace,
            env={key: value for key, value in env.items() if value},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        received = list(self.standin.messages[before:]) if self.standin else []
        return done, received


@pytest.fixture
def jenkins(tmp_path: Path, zulip_standin: ZulipStandIn) -> Jenkins:
    return Jenkins(tmp_path, zulip_standin)


def test_the_install_steps_put_two_files_in_a_folder(jenkins: Jenkins) -> None:
    assert jenkins.script.stat().st_mode & 0o111
    assert (jenkins.home / "zulip" / "zulip_jenkins_config.py").is_file()


def test_a_result_with_its_commit_and_user_agent(jenkins: Jenkins) -> None:
    done, [message] = jenkins.run("SUCCESS", "--duration", "65000")
    assert done.returncode == 0
    assert (done.stdout, done.stderr) == ("", "")
    assert (message.channel, message.topic) == ("jenkins", "shop » main")
    assert message.content == (
        "**Succeeded**: [build #7](https://ci.example.com/job/shop/job/main/7/) of **shop » main**.\n"
        f"Commit `{jenkins.sha[:7]}` Show unread counts · by **Alice Example** · took 1 min 5 s"
    )
    assert message.user_agent.startswith("ZulipJenkins/0.1.0 (")


def test_the_result_from_the_environment_and_a_first_builds_null(jenkins: Jenkins) -> None:
    done, [message] = jenkins.run("--previous", "null", BUILD_RESULT="failure")
    assert done.stderr == ""
    assert message.content.startswith("**Failed**: ")


@pytest.mark.parametrize(
    ("result", "previous", "headline"),
    [
        ("SUCCESS", "FAILURE", "**Fixed**"),
        ("SUCCESS", "UNSTABLE", "**Fixed**"),
        ("FAILURE", "FAILURE", "**Still failing**"),
        ("UNSTABLE", "FAILURE", "**Unstable**"),
        ("SUCCESS", "ABORTED", "**Succeeded**"),
        ("NOT_BUILT", "SUCCESS", "**Not built**"),
    ],
)
def test_headlines_after_the_previous_build(result: str, previous: str, headline: str) -> None:
    build = build_of([result, "--previous", previous], {"JOB_NAME": "shop"}, Path("."))
    assert f"**{result_of(build).word}**" == headline


def test_a_branch_other_than_the_job_and_an_encoded_job_name(jenkins: Jenkins) -> None:
    _, [message] = jenkins.run(
        "SUCCESS", JOB_NAME="shop/feature%2Flogin", GIT_BRANCH="origin/feature/login"
    )
    assert message.topic == "shop » feature/login"
    assert "of **shop » feature/login**." in message.content
    _, [plain] = jenkins.run("SUCCESS", JOB_NAME="nightly", GIT_BRANCH="origin/release/2.x")
    assert "of **nightly** on `release/2.x`." in plain.content


def test_commit_links_from_github_gitlab_and_the_setting(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    jenkins = Jenkins(
        tmp_path, zulip_standin, COMMIT_URL="https://git.example.com/shop/commit/{commit}"
    )
    _, [configured] = jenkins.run("SUCCESS", GIT_URL="https://github.com/example/shop.git")
    assert (
        f"[{jenkins.sha[:7]}](https://git.example.com/shop/commit/{jenkins.sha})"
        in configured.content
    )
    jenkins.config.write_text(
        jenkins.config.read_text().replace("COMMIT_URL = 'https", "# COMMIT_URL = 'https")
    )
    _, [gitlab] = jenkins.run("SUCCESS", GIT_URL="git@gitlab.com:example/shop.git")
    assert f"(https://gitlab.com/example/shop/-/commit/{jenkins.sha})" in gitlab.content


def test_a_commit_git_does_not_know_is_shown_by_its_id(jenkins: Jenkins) -> None:
    _, [message] = jenkins.run("SUCCESS", GIT_COMMIT="f" * 40)
    assert "\nCommit `fffffff`\n" in message.content + "\n"


def test_destinations_and_smart_notifications(tmp_path: Path, zulip_standin: ZulipStandIn) -> None:
    jenkins = Jenkins(tmp_path, zulip_standin, SMART_NOTIFICATIONS=True)
    with jenkins.config.open("a") as config:
        config.write(
            "\n\ndef zulip_destination(job, branch):\n"
            "    if job.startswith('Sandbox/'):\n"
            "        return None\n"
            "    return {'channel': 'ci', 'topic': f'{job} ({branch})'}\n"
        )
    _, quiet = jenkins.run("SUCCESS", "--previous", "SUCCESS")
    _, sandbox = jenkins.run("FAILURE", JOB_NAME="Sandbox/try")
    _, [fixed] = jenkins.run("SUCCESS", "--previous", "FAILURE")
    assert (quiet, sandbox) == ([], [])
    assert (fixed.channel, fixed.topic) == ("ci", "shop/main (main)")


def test_a_destination_of_the_wrong_shape_is_said(
    tmp_path: Path, zulip_standin: ZulipStandIn
) -> None:
    jenkins = Jenkins(tmp_path, zulip_standin)
    with jenkins.config.open("a") as config:
        config.write("\n\ndef zulip_destination(job, branch):\n    return 'ci'\n")
    done, received = jenkins.run("SUCCESS")
    assert received == []
    assert done.returncode == 0
    assert done.stderr.startswith(
        "zulip: nothing posted: zulip_destination('shop/main', 'main') returned 'ci'"
    )


@pytest.mark.parametrize(
    ("args", "variables", "said"),
    [
        (["PASSED"], {}, "the result 'PASSED' is not one of SUCCESS, UNSTABLE, FAILURE"),
        (["SUCCESS", "--duration", "soon"], {}, "the duration 'soon' is not a number"),
        (["SUCCESS", "--duration", "inf"], {}, "the duration 'inf' is not a number"),
        (["SUCCESS"], {"JOB_NAME": ""}, "JOB_NAME is not set"),
        (["SUCCESS", "--frobnicate"], {}, "unrecognized arguments: --frobnicate; expected"),
    ],
)
def test_a_step_run_wrongly_says_why_and_never_fails_the_build(
    jenkins: Jenkins, args: list[str], variables: dict[str, str], said: str
) -> None:

    done, received = jenkins.run(*args, **variables)
    assert received == []
    assert done.returncode == 0
    assert done.stderr.startswith("zulip: nothing posted: ")
    assert said in done.stderr
    assert "Traceback" not in done.stderr


def test_zulip_unreachable_never_fails_the_build(tmp_path: Path) -> None:
    jenkins = Jenkins(
        tmp_path, None, ZULIP_EMAIL="bot@example.com", ZULIP_API_KEY="k", ZULIP_SITE=closed_site()
    )
    done, _ = jenkins.run("SUCCESS")
    assert done.returncode == 0
    assert "zulip: nothing posted: cannot reach" in done.stderr


def test_the_build_reader_raises_a_clear_error_without_a_result() -> None:
    with pytest.raises(BuildError, match=r"currentBuild\.currentResult"):
        build_of([], {"JOB_NAME": "shop"}, Path("."))


def test_untrusted_names_and_messages_stay_text(jenkins: Jenkins) -> None:
    jenkins.git(
        "commit", "-q", "--allow-empty", "-m", "@**all** look [here](https://evil.example.com)"
    )
    sha = jenkins.git("rev-parse", "HEAD").strip()
    _, [message] = jenkins.run(
        "FAILURE",
        GIT_COMMIT=sha,
        JOB_NAME="@**all**/main",
        CHANGE_ID="3",
        CHANGE_TITLE="@*team* `x",
        CHANGE_AUTHOR="@**Ann|12**",
        STAGE_NAME="**Test**",
    )
    assert_inert(message.content)
    assert "@all look &#91;here&#93;(https://evil.example.com)" in message.content


def test_variables_in_another_encoding_still_post(jenkins: Jenkins) -> None:
    # An agent in a Latin-1 locale: "Café" arrives as bytes that are not UTF-8
    # (Python holds the lone byte as the surrogate written here).
    done, [message] = jenkins.run("SUCCESS", JOB_NAME="Caf\udce9/main", BRANCH_NAME="r\udce9vision")
    assert done.stderr == ""
    assert message.topic == "Caf\ufffd » main"
    assert message.content.startswith(
        "**Succeeded**: [build #7](https://ci.example.com/job/shop/job/main/7/) of **Caf\ufffd » main**"
    )
