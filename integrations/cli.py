"""The ``integrations`` command: try integrations on payloads from the shell.

Exit codes of ``integrations render``:

* 0: a message was produced (printed on stdout);
* 2: the input is unusable (not JSON, a bad payload, a bad option);
* 3: the integration does not support the event;
* 4: the integration deliberately posts nothing for this payload.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

import integrations
from integrations.core.client import user_agent
from integrations.core.config import ConfigError, load_settings
from integrations.core.errors import IntegrationError, UnsupportedEvent
from integrations.core.integration import WebhookIntegration
from integrations.core.registry import Registry, UnknownIntegration, default_registry
from integrations.core.request import Headers, WebhookRequest
from integrations.scaffold import Plan, ScaffoldError, scaffold
from integrations.server import Bridge, WebhookServer, client_sender, printing_sender

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_UNSUPPORTED = 3
EXIT_NOTHING = 4


class CommandError(Exception):
    """A problem to report on one line, with the exit code it deserves."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def _render_parser() -> argparse.ArgumentParser:
    render = argparse.ArgumentParser(
        prog="integrations render",
        description="Run an integration on a payload and print the message it would post.",
        epilog="Exit codes: 0 a message, 2 unusable input, 3 unsupported event, 4 nothing posted.",
    )
    render.add_argument("name", help="the integration, e.g. helloworld")
    render.add_argument(
        "file", nargs="?", default="-", help="the payload file ('-' or none: stdin)"
    )
    render.add_argument(
        "--event",
        "-e",
        help="the event, for services that send it in a header"
        " (default: from a fixture's file name, the part before '__')",
    )
    render.add_argument(
        "--header",
        "-H",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="an HTTP header (repeatable)",
    )
    render.add_argument(
        "--query",
        "-q",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a URL parameter, such as topic=Deploys (repeatable)",
    )
    render.add_argument(
        "--content-type", default="application/json", help="the body's content type"
    )
    render.add_argument("--json", action="store_true", help='print {"topic": ..., "content": ...}')
    return render


def _new_parser() -> argparse.ArgumentParser:
    new = argparse.ArgumentParser(
        prog="integrations new",
        description="Start a webhook integration and its page from a real payload.",
    )
    new.add_argument("name", help="the integration's name: lower case letters, digits, _")
    new.add_argument("--payload", required=True, help="a real JSON payload of the service")
    new.add_argument("--event", required=True, help="the event this payload is")
    new.add_argument("--display-name", help="the name readers see (default: from NAME)")
    new.add_argument("--category", default="misc", help="a catalog category (default: misc)")
    source = new.add_mutually_exclusive_group()
    source.add_argument("--event-header", metavar="HEADER", help="the header naming the event")
    source.add_argument("--event-field", metavar="PATH", help="the payload field naming it (a.b)")
    new.add_argument(
        "--action-field",
        metavar="PATH",
        help="the payload field saying what happened to the event, such as action (a.b)",
    )
    new.add_argument("--root", default=".", help="the project's folder (default: .)")
    return new


def _serve_parser() -> argparse.ArgumentParser:
    serve = argparse.ArgumentParser(
        prog="integrations serve",
        description=(
            "Receive webhooks at /api/v1/external/NAME and post the messages to Zulip as the"
            " bot of ZULIP_EMAIL, ZULIP_API_KEY and ZULIP_SITE (or ~/.zuliprc)."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument(
        "--secret",
        action="append",
        default=[],
        metavar="NAME=SECRET",
        help="check NAME's signatures with SECRET (repeatable)",
    )
    serve.add_argument(
        "--dry-run", action="store_true", help="print the messages instead of sending them"
    )
    return serve


def _list_parser() -> argparse.ArgumentParser:
    listing = argparse.ArgumentParser(
        prog="integrations list", description="List the integrations."
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    return listing


SUBCOMMANDS = {
    "render": (_render_parser, "run an integration on a payload and print the message"),
    "list": (_list_parser, "list the integrations"),
    "new": (_new_parser, "start a webhook integration and its page from a payload"),
    "serve": (_serve_parser, "receive webhooks over HTTP and post the messages to Zulip"),
}


def _usage() -> str:
    lines = ["usage: integrations COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<8} {summary}" for name, (_, summary) in SUBCOMMANDS.items()]
    lines += ["", "Run 'integrations COMMAND --help' for a command's options."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(_usage(), file=sys.stdout if args else sys.stderr)
        return EXIT_OK if args else EXIT_BAD_INPUT
    command = args[0]
    if command not in SUBCOMMANDS:
        print(f"integrations: unknown command {command!r}\n\n{_usage()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    # Intermixed, so that FILE may come after options as well as before them.
    arguments = SUBCOMMANDS[command][0]().parse_intermixed_args(args[1:])
    try:
        if command == "render":
            return render(arguments, default_registry(), sys.stdin.buffer, sys.stdout)
        if command == "new":
            return new_integration(arguments, sys.stdout)
        if command == "serve":
            return serve(arguments, default_registry(), sys.stdout)
        return list_integrations(arguments, default_registry(), sys.stdout)
    except CommandError as error:
        print(f"integrations: {error}", file=sys.stderr)
        return error.code


def _read_body(name: str, stdin: object) -> bytes:
    if name == "-":
        read = getattr(stdin, "read", None)
        return read() if read is not None else b""
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise CommandError(f"cannot read {name}: {error.strerror}") from None


def _pairs(values: list[str], separator: str, what: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        name, found, rest = value.partition(separator)
        if not found or not name.strip():
            raise CommandError(f"{what} {value!r} is not of the form NAME{separator}VALUE")
        pairs.append((name.strip(), rest.strip()))
    return pairs


def _webhook(registry: Registry, name: str) -> WebhookIntegration:
    try:
        integration = registry.get(name)
    except UnknownIntegration as error:
        raise CommandError(str(error)) from None
    if not isinstance(integration, WebhookIntegration):
        raise CommandError(
            f"{name} is a {integration.kind} integration; only webhooks render payloads"
        )
    return integration


def _event_of(
    integration: WebhookIntegration, arguments: argparse.Namespace, headers: list[tuple[str, str]]
) -> str | None:
    """The event to send: ``--event``, else what a fixture's file name says, else none."""
    if arguments.event:
        return str(arguments.event)
    source = integration.event_source
    given = source.header is not None and any(
        name.lower() == source.header.lower() for name, _ in headers
    )
    if given or arguments.file == "-":
        return None
    return integration.event_for_fixture(arguments.file)


def render(arguments: argparse.Namespace, registry: Registry, stdin: object, out: TextIO) -> int:
    integration = _webhook(registry, arguments.name)
    given = _pairs(arguments.header, ":", "the header")
    headers = [("Content-Type", arguments.content_type)]
    event = _event_of(integration, arguments, given)
    if event:
        headers += integration.event_source.headers_for(event).items()
    headers += given
    request = WebhookRequest(
        body=_read_body(arguments.file, stdin),
        headers=Headers(headers),
        query=dict(_pairs(arguments.query, "=", "the query parameter")),
    )
    try:
        processed = integration.process(request)
    except UnsupportedEvent as error:
        raise CommandError(str(error), EXIT_UNSUPPORTED) from None
    except IntegrationError as error:
        raise CommandError(str(error)) from None
    if (
        arguments.event
        and integration.event_source.in_payload
        and processed.event != arguments.event
    ):
        raise CommandError(
            f"the payload carries the event {processed.event!r}, not {arguments.event!r}"
        )
    message = processed.message
    if message is None:
        why = f": {processed.skipped}" if processed.skipped else ""
        raise CommandError(
            f"{integration.name} posts nothing for this {processed.name} payload{why}",
            EXIT_NOTHING,
        )
    if arguments.json:
        json.dump(
            {"topic": message.topic, "content": str(message.content)}, out, ensure_ascii=False
        )
        out.write("\n")
    else:
        out.write(f"topic: {message.topic}\n\n{message.content}\n")
    return EXIT_OK


def list_integrations(arguments: argparse.Namespace, registry: Registry, out: TextIO) -> int:
    rows = []
    for integration in registry:
        row: dict[str, object] = {
            "name": integration.name,
            "kind": integration.kind,
            "display_name": integration.display_name,
            "categories": list(integration.categories),
            "description": integration.description,
        }
        if isinstance(integration, WebhookIntegration):
            row["events"] = {
                event: list(integration.routes.actions_of(event)) for event in integration.events
            }
            row["options"] = {option.name: option.help for option in integration.options}
        rows.append(row)
    if arguments.json:
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    width = max((len(str(row["name"])) for row in rows), default=4)
    for row in rows:
        out.write(f"{row['name']:<{width}}  {row['kind']:<8}  {row['description']}\n")
    return EXIT_OK


def new_integration(arguments: argparse.Namespace, out: TextIO) -> int:
    name = arguments.name
    plan = Plan(
        name=name,
        display_name=arguments.display_name or name.replace("_", " ").title(),
        category=arguments.category,
        event=arguments.event,
        payload=_read_body(arguments.payload, None),
        event_header=arguments.event_header,
        event_field=tuple(arguments.event_field.split(".")) if arguments.event_field else (),
        action_field=tuple(arguments.action_field.split(".")) if arguments.action_field else (),
    )
    try:
        written = scaffold(plan, Path(arguments.root))
    except (ScaffoldError, IntegrationError) as error:
        raise CommandError(str(error)) from None
    out.write(
        f"wrote {written.package}/ and {written.page}\n"
        f"its example expects:\n\ntopic: {written.message.topic}\n\n{written.message.content}\n\n"
        "Next: edit the handler, then run `pytest --update-examples` to refresh the page.\n"
    )
    return EXIT_OK


def serve(arguments: argparse.Namespace, registry: Registry, out: TextIO) -> int:
    secrets = dict(_pairs(arguments.secret, "=", "the secret"))
    unknown = [name for name in secrets if name not in registry]
    if unknown:
        raise CommandError(f"--secret names no integration: {', '.join(unknown)}")
    if arguments.dry_run:
        bridge = Bridge(registry, printing_sender(out), api_key=None, secrets=secrets)
        client = None
    else:
        try:
            settings = load_settings(source="the command line")
        except ConfigError as error:
            raise CommandError(str(error)) from None
        client = settings.client(user_agent("Integrations", integrations.__version__))
        bridge = Bridge(registry, client_sender(client), settings.api_key, secrets)
    try:
        server = WebhookServer(bridge, arguments.host, arguments.port)
    except OSError as error:
        raise CommandError(
            f"cannot listen on {arguments.host}:{arguments.port}: {error.strerror}"
        ) from None
    out.write(f"receiving webhooks at {server.url}/api/v1/external/<name>; Ctrl-C stops\n")
    out.flush()
    try:
        server.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server.server_close()
        if client is not None:
            client.close()
    return EXIT_OK


def run() -> NoReturn:
    sys.exit(main())
