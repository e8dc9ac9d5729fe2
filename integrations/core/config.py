"""Where a script or plugin finds the bot's email, API key and Zulip site.

In order, the first that sets a value wins:

1. the integration's own configuration (``zulip_git_config.py``, ``[zulip]``
   in ``.hg/hgrc`` or ``trac.ini``);
2. the environment variables ``ZULIP_EMAIL``, ``ZULIP_API_KEY``, ``ZULIP_SITE``;
3. a zuliprc file, the one ``ZULIP_CONFIG`` names or else ``~/.zuliprc``,
   with ``email``, ``key`` and ``site`` in its ``[api]`` section, the same
   file Zulip's own command-line tools read.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from integrations.core.client import (
    DEFAULT_BACKOFF,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    ZulipClient,
    normalize_site,
)

T = TypeVar("T")


class ConfigError(Exception):
    """The settings are missing or unreadable; the message says which and where."""


@dataclass(frozen=True)
class ZulipSettings:
    email: str
    api_key: str
    site: str

    def client(
        self,
        user_agent: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
    ) -> ZulipClient:
        """A client posting as this bot to this site."""
        return ZulipClient(
            site=self.site,
            email=self.email,
            api_key=self.api_key,
            user_agent=user_agent,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
        )


_ENVIRONMENT = {"email": "ZULIP_EMAIL", "api_key": "ZULIP_API_KEY", "site": "ZULIP_SITE"}
_ZULIPRC_KEYS = {"email": "email", "api_key": "key", "site": "site"}


def zuliprc_path(environ: Mapping[str, str]) -> Path:
    """The zuliprc file to read: ``$ZULIP_CONFIG``, else ``~/.zuliprc``."""
    named = environ.get("ZULIP_CONFIG", "").strip()
    if named:
        return Path(named).expanduser()
    home = environ.get("HOME", "").strip()
    # Hooks may run with an empty environment (Subversion's do).
    return (Path(home) if home else Path.home()) / ".zuliprc"


def _read_zuliprc(path: Path, explicit: bool) -> dict[str, str]:
    if not path.exists():
        if explicit:
            raise ConfigError(f"ZULIP_CONFIG names {path}, which does not exist")
        return {}
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as file:
            parser.read_file(file)
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise ConfigError(f"{path}: cannot read it: {exc}") from None
    if not parser.has_section("api"):
        return {}
    section = parser["api"]
    return {name: section[key].strip() for name, key in _ZULIPRC_KEYS.items() if key in section}


def load_settings(
    *,
    email: str | None = None,
    api_key: str | None = None,
    site: str | None = None,
    source: str = "the configuration",
    environ: Mapping[str, str] | None = None,
) -> ZulipSettings:
    """Complete the values ``source`` gave from the environment and the zuliprc file.

    ``source`` names the integration's configuration in error messages.
    Raises ``ConfigError`` naming every value that is still missing.
    """
    environ = os.environ if environ is None else environ
    given = {"email": email, "api_key": api_key, "site": site}
    values: dict[str, str] = {}
    for name, value in given.items():
        if value is not None and value.strip():
            values[name] = value.strip()
        elif environ.get(_ENVIRONMENT[name], "").strip():
            values[name] = environ[_ENVIRONMENT[name]].strip()
    if len(values) < len(given):
        rc_path = zuliprc_path(environ)
        rc = _read_zuliprc(rc_path, explicit=bool(environ.get("ZULIP_CONFIG", "").strip()))
        for name, value in rc.items():
            if value:
                values.setdefault(name, value)
    missing = [name for name in given if name not in values]
    if missing:
        names = ", ".join(
            f"{name} ({_ENVIRONMENT[name]}, or {_ZULIPRC_KEYS[name]} in [api] of a zuliprc)"
            for name in missing
        )
        raise ConfigError(f"no {names} in {source}, the environment or {zuliprc_path(environ)}")
    return ZulipSettings(
        email=values["email"], api_key=values["api_key"], site=normalize_site(values["site"])
    )


def load_python_config(path: Path) -> ModuleType:
    """Run a script integration's ``zulip_<tool>_config.py`` and return it as a module.

    A missing file, a syntax error or an exception while it runs becomes a
    ``ConfigError`` that names the file and, where known, the line.
    """
    if not path.is_file():
        raise ConfigError(f"{path}: the configuration file is missing")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"{path}: cannot be loaded as Python")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: {exc.msg}") from None
    except Exception as exc:
        line = _line_in(path, exc)
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: {type(exc).__name__}: {exc}") from None
    return module


def _line_in(path: Path, exc: BaseException) -> int | None:
    """The last line of ``path`` the exception's traceback went through."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == str(path):
            line = frame.lineno
    return line


def setting(module: ModuleType, name: str, kind: type[T], default: T) -> T:
    """``module.name`` if it is set and of the right type, else ``default``."""
    value = getattr(module, name, None)
    if value is None:
        return default
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(
            f"{module.__file__}: {name} must be a {kind.__name__}, not {type(value).__name__}"
        )
    return value


def chosen_destination(chosen: object, call: str) -> tuple[str, str] | None:
    """What a config's ``zulip_destination`` returned, as (channel, topic); None posts nothing.

    ``call`` shows the call in the error, as ``zulip_destination('repo', 'main')``.
    """
    if chosen is None:
        return None
    if isinstance(chosen, Mapping):
        channel, topic = chosen.get("channel"), chosen.get("topic")
        if isinstance(channel, str) and channel.strip() and isinstance(topic, str):
            return channel.strip(), topic
    raise ConfigError(
        f"{call} returned {chosen!r}; expected {{'channel': ..., 'topic': ...}} or None"
    )


def load_script_config(
    path: Path, environ: Mapping[str, str] | None = None
) -> tuple[ModuleType, ZulipSettings]:
    """A script's ``zulip_<tool>_config.py``, and the bot it names (completed as above)."""
    config = load_python_config(path)
    zulip = load_settings(
        email=setting(config, "ZULIP_EMAIL", str, ""),
        api_key=setting(config, "ZULIP_API_KEY", str, ""),
        site=setting(config, "ZULIP_SITE", str, ""),
        source=str(path),
        environ=environ,
    )
    return config, zulip
