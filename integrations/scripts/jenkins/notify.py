"""The pipeline step: read the build, choose where it goes, post it. Never fails the build.

``zulip-jenkins`` (the file users copy) only calls ``run``. Everything else
lives in the installed package, so upgrading the package upgrades the
script, and the user's ``zulip_jenkins_config.py`` stays as it is.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

import integrations
from integrations.common.ci.jenkins import job_name
from integrations.core.client import ZulipError, user_agent
from integrations.core.config import (
    ConfigError,
    chosen_destination,
    load_script_config,
    setting,
)
from integrations.core.message import Message
from integrations.scripts.jenkins.environment import Build, BuildError, build_of
from integrations.scripts.jenkins.message import build_message

CONFIG_FILE = "zulip_jenkins_config.py"
USER_AGENT = user_agent("Jenkins", integrations.__version__)


def destination_of(config: ModuleType, build: Build) -> tuple[str, str] | None:
    """The channel and topic ``zulip_destination`` chooses; None to post nothing."""
    channel = setting(config, "CHANNEL", str, "jenkins")
    chooser: Callable[..., Any] | None = getattr(config, "zulip_destination", None)
    if chooser is None:
        return channel, job_name(build.job_path)
    if not callable(chooser):
        raise ConfigError(f"{config.__file__}: zulip_destination must be a function")
    return chosen_destination(
        chooser(build.job, build.branch), f"zulip_destination({build.job!r}, {build.branch!r})"
    )


def quiet(config: ModuleType, build: Build) -> bool:
    """Smart notifications: a success after a success is not news."""
    smart = setting(config, "SMART_NOTIFICATIONS", bool, False)
    return smart and build.result == "SUCCESS" and build.previous == "SUCCESS"


def run(
    script_file: str,
    argv: Sequence[str],
    *,
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
    workspace: Path | None = None,
) -> int:
    """Post the build's result. Always 0: a message that cannot be sent never fails the build."""
    stderr = sys.stderr if stderr is None else stderr
    environ = os.environ if environ is None else environ
    folder = Path(script_file).absolute().parent
    try:
        config, zulip = load_script_config(folder / CONFIG_FILE, environ)
        build = build_of(argv, environ, workspace or Path(environ.get("WORKSPACE") or "."))
        where = destination_of(config, build)
        if where is None or quiet(config, build):
            return 0
        template = setting(config, "COMMIT_URL", str, "") or None
        content = build_message(build, commit_url_template=template)
        with zulip.client(USER_AGENT) as client:
            client.send(where[0], Message(topic=where[1], content=content))
    except (ConfigError, BuildError, ZulipError) as exc:
        print(f"zulip: nothing posted: {exc}", file=stderr)
    except Exception as exc:  # a bug, or a user's function failing: never a traceback
        print(f"zulip: nothing posted: unexpected {type(exc).__name__}: {exc}", file=stderr)
    return 0
