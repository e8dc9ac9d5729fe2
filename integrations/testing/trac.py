"""A real Trac environment with the Zulip component installed the way the docs say.

``trac_environment(directory, standin)`` creates the environment with
``trac-admin initenv``, copies ``zulip_trac.py`` into its ``plugins/`` folder
and sets ``[components]`` and ``[zulip]`` with ``trac-admin config set``: the
steps of ``docs/integrations/trac.md``. ``TracEnvironment.open()`` then opens
it in this process, so tickets made with Trac's own ``Ticket`` model fire the
component's listeners for real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integrations.testing.repos import PLUGINS
from integrations.testing.zulip_standin import ZulipStandIn

COMPONENTS = "integrations.plugins.trac.*"


@dataclass(frozen=True)
class TracEnvironment:
    path: Path

    def admin(self, *args: str) -> str:
        """Run ``trac-admin <env> args...``; its output."""
        return trac_admin(str(self.path), *args)

    @contextmanager
    def open(self) -> Iterator[Any]:
        """The ``trac.env.Environment``, shut down afterwards."""
        from trac.env import Environment  # type: ignore[import-untyped]

        env = Environment(str(self.path))
        try:
            yield env
        finally:
            env.shutdown()


def trac_admin(*args: str, commands: Sequence[str] = ()) -> str:
    """``trac-admin`` of this Python's installation of Trac.

    ``commands`` are run in one interactive session (one start of Trac for
    all, the same as typing them one by one).
    """
    command = Path(sys.executable).with_name("trac-admin")
    done = subprocess.run(
        [str(command), *args],
        input="".join(f"{line}\n" for line in commands),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if done.returncode != 0 or "Error:" in done.stdout + done.stderr:
        raise AssertionError(f"trac-admin {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def trac_environment(
    directory: Path,
    standin: ZulipStandIn | None,
    *,
    settings: Mapping[str, str] | None = None,
) -> TracEnvironment:
    """A Trac environment in ``directory/trac`` with the component enabled and configured."""
    path = directory / "trac"
    trac_admin(str(path), "initenv", "Project", "sqlite:db/trac.db")
    shutil.copyfile(PLUGINS / "trac" / "zulip_trac.py", path / "plugins" / "zulip_trac.py")
    values = dict(settings or {})
    if standin is not None:
        values = {
            "email": standin.email,
            "api_key": standin.api_key,
            "site": standin.site,
        } | values
    steps = [f"config set components {COMPONENTS} enabled"]
    steps += [f'config set zulip {name} "{value}"' for name, value in values.items()]
    trac_admin(str(path), commands=steps)
    return TracEnvironment(path)
