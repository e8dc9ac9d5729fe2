"""The gateway's settings: a TOML file, then environment variables, then defaults.

Secrets (the bot's API key, webhook secrets, the keys incoming URLs may
carry) come from the file or the environment, never from the command line,
where any user of the machine can read them in ``ps``. A setting that cannot
work is an error at start-up, not a surprise later: an unknown integration,
or a secret for an integration whose service signs nothing.

Environment variables (each wins over the file):

* ``ZULIP_SITE``, ``ZULIP_EMAIL``, ``ZULIP_API_KEY``, ``ZULIP_CONFIG`` (a
  zuliprc): the bot, as every integration of the project reads it;
* ``GATEWAY_SECRET_<NAME>``: the webhook secret of integration ``<name>``;
* ``GATEWAY_API_KEYS``: comma-separated keys incoming URLs may carry;
* ``GATEWAY_DATABASE``: ``sqlite:///path`` or ``postgresql://...``;
* ``GATEWAY_DATA_DIR``: where the SQLite outbox lives by default.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from integrations.core.config import ConfigError, ZulipSettings, load_settings
from integrations.core.integration import WebhookIntegration
from integrations.core.registry import Registry

DEFAULT_PORT = 9991


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = 1 << 20
    max_concurrent_requests: int = 128
    max_header_bytes: int = 16 * 1024
    max_url_bytes: int = 8 * 1024
    header_timeout: float = 10.0
    keep_alive_timeout: float = 5.0
    graceful_shutdown_timeout: float = 20.0


@dataclass(frozen=True)
class Delivery:
    """How the sender talks to Zulip."""

    timeout: float = 10.0
    # Before sending again a message whose first try had no answer, wait this
    # long, then look whether Zulip stored it anyway.
    doubt_delay: float = 5.0
    max_delay: float = 300.0
    concurrency: int = 4


Table = TypeVar("Table", Limits, Delivery)


@dataclass(frozen=True)
class GatewayConfig:
    zulip: ZulipSettings
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    public_url: str = ""
    database: str = ""  # empty: SQLite in data_dir
    data_dir: Path = field(default_factory=lambda: default_data_dir())
    synchronous: str = "FULL"
    api_keys: tuple[str, ...] = ()
    secrets: Mapping[str, str] = field(default_factory=dict)
    dedup_days: float = 3.0
    limits: Limits = field(default_factory=Limits)
    delivery: Delivery = field(default_factory=Delivery)

    @property
    def database_url(self) -> str:
        return self.database or f"sqlite:///{self.data_dir / 'outbox.sqlite3'}"

    @property
    def accepted_keys(self) -> tuple[str, ...]:
        """The API keys a webhook URL may carry: those configured, else the bot's own."""
        return self.api_keys or (self.zulip.api_key,)


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/zulip-integrations``, by default ``~/.local/share/zulip-integrations``."""
    base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base) / "zulip-integrations"


def _section(document: Mapping[str, Any], name: str, source: str) -> dict[str, Any]:
    value = document.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: [{name}] must be a table")
    return value


def _typed(table: Mapping[str, Any], key: str, kind: type, default: Any, where: str) -> Any:
    if key not in table:
        return default
    value = table[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ConfigError(f"{where}.{key} must be {kind.__name__}, not {value!r}")
    return value


def _settings_of(kind: type[Table], table: Mapping[str, Any], where: str) -> Table:
    """A table of settings read into ``kind``: each field of the type of its default."""
    defaults = kind()
    values: dict[str, Any] = {}
    for item in fields(defaults):
        default = getattr(defaults, item.name)
        values[item.name] = _typed(table, item.name, type(default), default, where)
    return kind(**values)


def load_config(
    path: Path | None,
    registry: Registry,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> GatewayConfig:
    """Read and check the settings; ``ConfigError`` names what is wrong and where."""
    environ = os.environ if environ is None else environ
    source = str(path) if path else "the environment"
    document = _read(path)
    _check_keys(document, source)
    server = _section(document, "server", source)
    zulip = _section(document, "zulip", source)
    webhooks = _section(document, "webhooks", source)
    outbox = _section(document, "outbox", source)
    limits_table = _section(document, "limits", source)
    delivery_table = _section(document, "delivery", source)
    secrets_table = _section(document, "secrets", source)

    secrets = {str(name): str(value) for name, value in secrets_table.items()}
    for key, value in environ.items():
        if key.startswith("GATEWAY_SECRET_") and value.strip():
            secrets[key.removeprefix("GATEWAY_SECRET_").lower()] = value.strip()
    _check_secrets(secrets, registry, source)

    keys = _typed(webhooks, "api_keys", list, [], f"{source}: webhooks")
    if environ.get("GATEWAY_API_KEYS", "").strip():
        keys = environ["GATEWAY_API_KEYS"].split(",")
    api_keys = tuple(str(key).strip() for key in keys if str(key).strip())

    limits = _settings_of(Limits, limits_table, f"{source}: limits")
    delivery = _settings_of(Delivery, delivery_table, f"{source}: delivery")
    data_dir = _data_dir(outbox, environ, source)
    host = _typed(server, "host", str, "127.0.0.1", f"{source}: server")
    port = _typed(server, "port", int, DEFAULT_PORT, f"{source}: server")
    public_url = _typed(server, "public_url", str, "", f"{source}: server").rstrip("/")
    synchronous = _typed(outbox, "synchronous", str, "FULL", f"{source}: outbox").upper()
    dedup_days = _typed(outbox, "dedup_days", float, 3.0, f"{source}: outbox")
    rc = _typed(zulip, "zuliprc", str, "", f"{source}: zulip")
    rc_environ = dict(environ)
    if rc:
        rc_environ["ZULIP_CONFIG"] = str(Path(rc).expanduser())
    settings = load_settings(
        email=_typed(zulip, "email", str, None, f"{source}: zulip"),
        api_key=_typed(zulip, "api_key", str, None, f"{source}: zulip"),
        site=_typed(zulip, "site", str, None, f"{source}: zulip"),
        source=f"[zulip] of {path}" if path else "a --config file",
        environ=rc_environ,
    )

    config = GatewayConfig(
        zulip=settings,
        host=host,
        port=port,
        public_url=public_url,
        database=_database(outbox, environ, source),
        data_dir=data_dir,
        synchronous=synchronous,
        dedup_days=dedup_days,
        api_keys=api_keys,
        secrets=secrets,
        limits=limits,
        delivery=delivery,
    )
    for name, value in (overrides or {}).items():
        if value is not None:
            object.__setattr__(config, name, value)
    if config.synchronous not in ("FULL", "NORMAL"):
        raise ConfigError(f"{source}: outbox.synchronous is FULL or NORMAL")
    if not config.database_url.startswith(("sqlite:///", "postgresql://", "postgres://")):
        raise ConfigError(f"{source}: outbox.database is sqlite:///PATH or postgresql://...")
    return config


def outbox_url(
    path: Path | None,
    *,
    environ: Mapping[str, str] | None = None,
    database: str | None = None,
    data_dir: Path | None = None,
) -> str:
    """Where the outbox is, from the same file and variables, without needing the bot."""
    environ = os.environ if environ is None else environ
    source = str(path) if path else "the environment"
    outbox = _section(_read(path), "outbox", source)
    if database:
        return database
    configured = _database(outbox, environ, source)
    if configured:
        return configured
    directory = data_dir or _data_dir(outbox, environ, source)
    return f"sqlite:///{directory / 'outbox.sqlite3'}"


KNOWN_KEYS: dict[str, tuple[str, ...] | None] = {
    "server": ("host", "port", "public_url"),
    "zulip": ("site", "email", "api_key", "zuliprc"),
    "webhooks": ("api_keys",),
    "outbox": ("database", "data_dir", "synchronous", "dedup_days"),
    "limits": tuple(Limits.__dataclass_fields__),
    "delivery": tuple(Delivery.__dataclass_fields__),
    "secrets": None,  # integration names, checked against the registry
}


def _check_keys(document: Mapping[str, Any], source: str) -> None:
    """A misspelt setting is an error, not a default silently kept."""
    for name, value in document.items():
        if name not in KNOWN_KEYS:
            known = ", ".join(f"[{section}]" for section in KNOWN_KEYS)
            raise ConfigError(f"{source}: unknown section [{name}]; the sections are {known}")
        allowed = KNOWN_KEYS[name]
        if allowed is None or not isinstance(value, dict):
            continue
        for key in value:
            if key not in allowed:
                raise ConfigError(
                    f"{source}: unknown setting {name}.{key}; [{name}] takes {', '.join(allowed)}"
                )


def _read(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        return tomllib.loads(path.read_text())
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None


def _database(outbox: Mapping[str, Any], environ: Mapping[str, str], source: str) -> str:
    return str(
        environ.get("GATEWAY_DATABASE", "").strip()
        or _typed(outbox, "database", str, "", f"{source}: outbox")
    )


def _data_dir(outbox: Mapping[str, Any], environ: Mapping[str, str], source: str) -> Path:
    configured = environ.get("GATEWAY_DATA_DIR", "").strip() or _typed(
        outbox, "data_dir", str, "", f"{source}: outbox"
    )
    return Path(configured).expanduser() if configured else default_data_dir()


def _check_secrets(secrets: Mapping[str, str], registry: Registry, source: str) -> None:
    for name in secrets:
        if name not in registry:
            raise ConfigError(f"{source}: a secret is set for {name!r}, which is no integration")
        integration = registry.get(name)
        if not isinstance(integration, WebhookIntegration):
            raise ConfigError(f"{source}: {name} is a {integration.kind}, not a webhook")
        if integration.signature is None:
            raise ConfigError(
                f"{source}: a secret is set for {name}, but {integration.display_name} signs"
                " nothing a secret could check; remove it"
            )
