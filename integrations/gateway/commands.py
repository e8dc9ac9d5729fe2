"""The gateway's commands: `integrations serve`, `integrations outbox`, `integrations replay`."""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys
import uuid
from pathlib import Path
from typing import TextIO
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests

from integrations.core.config import ConfigError, load_settings
from integrations.core.integration import DELIVERY_ID_HEADERS
from integrations.core.registry import Registry, UnknownIntegration
from integrations.core.request import Headers, WebhookRequest
from integrations.examples.model import (
    Example,
    ExpectError,
    ExpectMessage,
    ExpectNothing,
    ExpectUnsupported,
)
from integrations.examples.parse import parse_file
from integrations.examples.run import request_for, webhook_of
from integrations.gateway.config import DEFAULT_PORT, load_config, outbox_url
from integrations.gateway.store import (
    DEAD,
    PENDING,
    SENDING,
    OutboxInUse,
    OutboxRow,
    Store,
    open_store,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "integrations"


class GatewayCommandError(Exception):
    """A problem the command reports on one line."""


def _location_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE", help="the gateway's settings (TOML)")
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="where the SQLite outbox lives"
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="postgresql://USER@HOST/DB for a shared outbox (the password goes in"
        " ~/.pgpass, PGPASSWORD or GATEWAY_DATABASE, never here)",
    )


def serve_parser() -> argparse.ArgumentParser:
    serve = argparse.ArgumentParser(
        prog="integrations serve",
        description=(
            "Receive webhooks at /api/v1/external/NAME, store each message, and deliver it to"
            " Zulip in the background. Settings come from --config and the environment;"
            " secrets never from the command line."
        ),
    )
    _location_arguments(serve)
    serve.add_argument("--host", help="the address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help=f"the port (default {DEFAULT_PORT})")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return serve


def outbox_parser() -> argparse.ArgumentParser:
    outbox = argparse.ArgumentParser(
        prog="integrations outbox",
        description="Look at the messages the gateway has not delivered; retry or drop them.",
    )
    _location_arguments(outbox)
    actions = outbox.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="list waiting and dead-lettered messages")
    listing.add_argument("--dead", action="store_true", help="only the dead-lettered ones")
    listing.add_argument("--limit", type=int, default=100, help="at most this many (100)")
    listing.add_argument("--json", action="store_true", help="print JSON, one object per line")
    retry = actions.add_parser("retry", help="send messages again now")
    retry.add_argument("ids", nargs="*", type=int, metavar="ID")
    retry.add_argument("--all-dead", action="store_true", help="every dead-lettered message")
    drop = actions.add_parser("drop", help="forget messages without sending them")
    drop.add_argument("ids", nargs="+", type=int, metavar="ID")
    return outbox


def replay_parser() -> argparse.ArgumentParser:
    replay = argparse.ArgumentParser(
        prog="integrations replay",
        description=(
            "Post a page's examples to a running gateway, to see their messages in your own"
            " Zulip before the real service is wired."
        ),
    )
    replay.add_argument("page", help="an integration's name or the path of its page (.md)")
    replay.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help="the gateway, such as http://127.0.0.1:9991 (a path and parameters may follow)",
    )
    replay.add_argument(
        "--stream", default="test", help="the channel, unless the URL names one (test)"
    )
    return replay


# serve ------------------------------------------------------------------------------


def serve(arguments: argparse.Namespace, registry: Registry) -> int:
    # Imported here: the web stack is needed only by the command that serves.
    from integrations.gateway.service import serve as run_service

    logging.basicConfig(
        level=arguments.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    _refuse_password(arguments.database)
    overrides = {
        "host": arguments.host,
        "port": arguments.port,
        "data_dir": arguments.data_dir,
        "database": arguments.database,
    }
    try:
        config = load_config(arguments.config, registry, overrides=overrides)
        run_service(config, registry)
    except (ConfigError, OutboxInUse) as error:
        raise GatewayCommandError(str(error)) from None
    except Exception as error:  # the outbox cannot be opened: say which and why, in a line
        raise GatewayCommandError(f"cannot start: {type(error).__name__}: {error}") from None
    return 0


def _refuse_password(database: str | None) -> None:
    if database and urlsplit(database).password:
        raise GatewayCommandError(
            "--database carries a password, which any user can read in ps; put it in"
            " ~/.pgpass, PGPASSWORD or GATEWAY_DATABASE"
        )


# outbox -----------------------------------------------------------------------------


def outbox(arguments: argparse.Namespace, out: TextIO) -> int:
    _refuse_password(arguments.database)
    try:
        url = outbox_url(arguments.config, database=arguments.database, data_dir=arguments.data_dir)
    except ConfigError as error:
        raise GatewayCommandError(str(error)) from None
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise GatewayCommandError(f"no outbox at {url.removeprefix('sqlite:///')}")
    try:
        store = open_store(url)
    except Exception as error:
        raise GatewayCommandError(f"cannot open the outbox: {error}") from None
    try:
        if arguments.action == "list":
            return _list(store, arguments, out)
        if arguments.action == "retry":
            return _retry(store, arguments, out)
        return _drop(store, arguments, out)
    finally:
        store.close()


def _list(store: Store, arguments: argparse.Namespace, out: TextIO) -> int:
    states = [DEAD] if arguments.dead else [PENDING, SENDING, DEAD]
    rows = store.rows(states, limit=arguments.limit)
    if arguments.json:
        for row in rows:
            out.write(json.dumps(_row_json(row)) + "\n")
        return 0
    if not rows:
        out.write("the outbox is empty: every message was delivered\n")
        return 0
    for row in rows:
        received = datetime.datetime.fromtimestamp(row.received_at).strftime("%Y-%m-%d %H:%M:%S")
        out.write(
            f"{row.id:>6}  {row.state:<8} {received}  {row.integration}  #{row.channel} >"
            f" {row.topic}  (tries: {row.attempts})\n"
        )
        if row.last_error:
            out.write(f"        {row.last_error}\n")
    return 0


def _row_json(row: OutboxRow) -> dict[str, object]:
    return {
        "id": row.id,
        "state": row.state,
        "received_at": row.received_at,
        "integration": row.integration,
        "channel": row.channel,
        "topic": row.topic,
        "content": row.content,
        "attempts": row.attempts,
        "last_error": row.last_error,
    }


def _retry(store: Store, arguments: argparse.Namespace, out: TextIO) -> int:
    ids = list(arguments.ids)
    if arguments.all_dead:
        ids += [row.id for row in store.rows([DEAD], limit=1_000_000)]
    if not ids:
        raise GatewayCommandError("name the messages to retry (IDs), or give --all-dead")
    missing = [row_id for row_id in ids if not store.requeue(row_id)]
    out.write(f"{len(ids) - len(missing)} message(s) will be sent again shortly\n")
    if missing:
        raise GatewayCommandError(f"no waiting or dead message with id {_ids(missing)}")
    return 0


def _drop(store: Store, arguments: argparse.Namespace, out: TextIO) -> int:
    missing = [row_id for row_id in arguments.ids if not store.drop(row_id)]
    out.write(f"{len(arguments.ids) - len(missing)} message(s) dropped\n")
    if missing:
        raise GatewayCommandError(f"no waiting or dead message with id {_ids(missing)}")
    return 0


def _ids(ids: list[int]) -> str:
    return ", ".join(str(row_id) for row_id in ids)


# replay -----------------------------------------------------------------------------


def replay(arguments: argparse.Namespace, registry: Registry, out: TextIO) -> int:
    page = _page_of(arguments.page, registry)
    doc = parse_file(page, registry)
    if doc.errors:
        raise GatewayCommandError(str(doc.errors[0]))
    if not doc.examples:
        raise GatewayCommandError(f"{page} has no webhook examples")
    target = urlsplit(arguments.to)
    if target.scheme not in ("http", "https") or not target.netloc:
        raise GatewayCommandError(f"--to {arguments.to!r} is not an http(s) URL")
    base = f"{target.scheme}://{target.netloc}{target.path.rstrip('/')}"
    given = dict(parse_qsl(target.query))
    given.setdefault("stream", arguments.stream)
    if "api_key" not in given:
        given["api_key"] = _api_key()
    matched = 0
    with requests.Session() as session:
        for example in doc.examples:
            answer = _replay_one(session, base, given, example, registry)
            agrees = _answer_agrees(example, answer)
            matched += agrees
            out.write(f"{page.name}:{example.line} {example.id}: {answer.status} {answer.text}\n")
    out.write(f"{matched} of {len(doc.examples)} examples were answered as the page says\n")
    return 0 if matched == len(doc.examples) else 1


class _Answer:
    def __init__(self, status: int, body: dict[str, object]) -> None:
        self.status = status
        self.body = body

    @property
    def text(self) -> str:
        if self.body.get("result") == "success":
            if self.body.get("queued"):
                return f"queued as message {self.body.get('id')}"
            if self.body.get("duplicate"):
                return "a delivery seen already"
            return f"nothing to post ({self.body.get('reason', '')})"
        return f"{self.body.get('code', 'error')}: {self.body.get('msg', '')}"


def _replay_one(
    session: requests.Session,
    base: str,
    given: dict[str, str],
    example: Example,
    registry: Registry,
) -> _Answer:
    integration = webhook_of(example, registry)
    query = {**dict(example.query), **given}
    url = f"{base}/api/v1/external/{integration.name}?{urlencode(query)}"
    prepared = request_for(example, integration)
    # A replay is a new delivery: a fixed id from the page would be seen as
    # a duplicate the second time.
    headers = [
        (name, str(uuid.uuid4()) if name.lower() in _DELIVERY_HEADERS else value)
        for name, value in prepared.headers.items()
    ]
    secret = os.environ.get(f"GATEWAY_SECRET_{integration.name.upper()}", "").strip()
    if integration.signature is not None and secret:
        unsigned = WebhookRequest(
            body=prepared.body, headers=Headers(headers), query=query, url=url
        )
        header = integration.signature.header.lower()
        headers = [(name, value) for name, value in headers if name.lower() != header]
        headers += integration.signature.sign(unsigned, secret).items()
    try:
        response = session.post(url, data=prepared.body, headers=dict(headers), timeout=30)
    except requests.RequestException as error:
        raise GatewayCommandError(f"cannot reach {base}: {error}") from None
    try:
        body = response.json()
    except ValueError:
        body = {"result": "error", "msg": response.text[:200]}
    return _Answer(response.status_code, body if isinstance(body, dict) else {})


_DELIVERY_HEADERS = {header.lower() for header in DELIVERY_ID_HEADERS}


def _answer_agrees(example: Example, answer: _Answer) -> bool:
    expected = example.expected
    success = answer.status == 200 and answer.body.get("result") == "success"
    if isinstance(expected, ExpectMessage):
        return success and bool(answer.body.get("queued"))
    if isinstance(expected, ExpectNothing):
        return success and not answer.body.get("queued")
    if isinstance(expected, ExpectUnsupported):
        return answer.body.get("code") == "UNSUPPORTED_WEBHOOK_EVENT_TYPE"
    if isinstance(expected, ExpectError):
        return 400 <= answer.status < 500
    return False


def _page_of(name: str, registry: Registry) -> Path:
    if name.endswith(".md"):
        page = Path(name)
        if not page.is_file():
            raise GatewayCommandError(f"no page at {name}")
        return page
    try:
        integration = registry.get(name)
    except UnknownIntegration:
        raise GatewayCommandError(f"no integration named {name!r}") from None
    page = DOCS / f"{integration.name}.md"
    if not page.is_file():
        raise GatewayCommandError(f"{integration.name} has no page at {page}")
    return page


def _api_key() -> str:
    """The key to put in the URL: the first the gateway accepts, else the bot's."""
    keys = [key.strip() for key in os.environ.get("GATEWAY_API_KEYS", "").split(",")]
    if any(keys):
        return next(key for key in keys if key)
    if os.environ.get("ZULIP_API_KEY", "").strip():
        return os.environ["ZULIP_API_KEY"].strip()
    try:
        return load_settings(source="--to").api_key
    except ConfigError as error:
        raise GatewayCommandError(str(error)) from None
