"""The ``integrations`` command: try integrations on payloads from the shell.

Exit codes of ``integrations render``:

* 0: a message was produced (printed on stdout);
* 2: the input is unusable (not JSON, a bad payload, a bad option);
* 3: the integration does not support the event;
* 4: the integration deliberately posts nothing for this payload.

Each command imports what it needs when it runs: a plain install (without
the ``docs`` extra) runs every command but ``replay``, which reads
documentation pages and says which extra to install.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from integrations.core.errors import BadPayload, IntegrationError, UnsupportedEvent
from integrations.core.events import HeaderEvent
from integrations.core.integration import WebhookIntegration
from integrations.core.registry import Registry, UnknownIntegration, default_registry
from integrations.core.request import Headers, WebhookRequest
from integrations.examples.variants import fields_read
from integrations.scaffold import Plan, ScaffoldError, scaffold

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


def _list_parser() -> argparse.ArgumentParser:
    listing = argparse.ArgumentParser(
        prog="integrations list", description="List the integrations."
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    return listing


# The gateway's commands are imported only by the commands that run them.
def _serve_parser() -> argparse.ArgumentParser:
    from integrations.gateway.commands import serve_parser

    return serve_parser()


def _outbox_parser() -> argparse.ArgumentParser:
    from integrations.gateway.commands import outbox_parser

    return outbox_parser()


def _replay_parser() -> argparse.ArgumentParser:
    from integrations.gateway.commands import replay_parser

    return replay_parser()


SUBCOMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], str]] = {
    "render": (_render_parser, "run an integration on a payload and print the message"),
    "list": (_list_parser, "list the integrations"),
    "new": (_new_parser, "start a webhook integration and its page from a payload"),
    "serve": (_serve_parser, "run the gateway: receive webhooks, deliver them to Zulip"),
    "outbox": (_outbox_parser, "list, retry or drop the messages the gateway holds"),
    "replay": (_replay_parser, "post a page's examples to a running gateway"),
}

# The optional parts of the project (pyproject.toml's extras), by the
# top-level modules they bring.
EXTRA_OF_MODULE = {
    "docutils": "docs",
    "myst_parser": "docs",
    "sphinx": "docs",
    "psycopg": "postgresql",
}
# Commands that cannot run without an extra: replay reads documentation pages.
EXTRA_OF_COMMAND = {"replay": "docs"}
PROJECT = "zulip-integrations"


def _missing_extra(command: str, module: str, extra: str) -> int:
    print(
        f"integrations {command} needs the {extra} extra ({module} is not installed):"
        f" pip install '{PROJECT}[{extra}]'",
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT


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
    needed = EXTRA_OF_COMMAND.get(command)
    for module, extra in EXTRA_OF_MODULE.items():
        if extra == needed and importlib.util.find_spec(module) is None:
            return _missing_extra(command, module, extra)
    try:
        return _run_command(command, args[1:])
    except CommandError as error:
        print(f"integrations: {error}", file=sys.stderr)
        return error.code
    except ModuleNotFoundError as error:
        # An extra's module that the command reached without saying so up front.
        module = (error.name or "").partition(".")[0]
        if module not in EXTRA_OF_MODULE:
            raise
        return _missing_extra(command, module, EXTRA_OF_MODULE[module])


def _run_command(command: str, args: list[str]) -> int:
    parser = SUBCOMMANDS[command][0]()
    # Intermixed, so that FILE may come after options as well as before them
    # (argparse cannot do that for commands with actions, such as outbox).
    if parser._subparsers is None:
        arguments = parser.parse_intermixed_args(args)
    else:
        arguments = parser.parse_args(args)
    if command == "render":
        return render(arguments, default_registry(), sys.stdin.buffer, sys.stdout)
    if command == "new":
        return new_integration(arguments, sys.stdout)
    if command == "list":
        return list_integrations(arguments, default_registry(), sys.stdout)
    from integrations.gateway import commands as gateway

    try:
        if command == "serve":
            return gateway.serve(arguments, default_registry())
        if command == "outbox":
            return gateway.outbox(arguments, sys.stdout)
        return gateway.replay(arguments, default_registry(), sys.stdout)
    except gateway.GatewayCommandError as error:
        print(f"integrations {command}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


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
) -> tuple[str | None, str]:
    """The event to send and where it came from: ``--event``, a fixture's file name, or none."""
    if arguments.event:
        return str(arguments.event), "--event"
    if _header_given(integration, headers) or arguments.file == "-":
        return None, ""
    event = integration.event_for_fixture(arguments.file)
    return (event, f"the file name {Path(arguments.file).name}") if event else (None, "")


def _header_given(integration: WebhookIntegration, headers: list[tuple[str, str]]) -> bool:
    header = integration.event_source.header
    return header is not None and any(name.lower() == header.lower() for name, _ in headers)


def _ask_for_event(integration: WebhookIntegration) -> CommandError:
    """A service that names its event in a header, and nothing said which event this is."""
    source = integration.event_source
    example = f" --event {shlex.quote(integration.events[0])}" if integration.events else ""
    return CommandError(
        f"{integration.name} names its event in the {source.header} header: say which event"
        f" this payload is with --event, such as{example} (`integrations list --json` lists"
        " them all)"
    )


def _close_events(integration: WebhookIntegration, event: str) -> list[str]:
    """The declared events spelled most like ``event``: ``Push`` for GitLab's ``Push Hook``."""
    by_lower = {declared.lower(): declared for declared in integration.events}
    return [by_lower[found] for found in difflib.get_close_matches(event.lower(), by_lower, n=2)]


def _unsupported(
    integration: WebhookIntegration, error: UnsupportedEvent, where: str
) -> CommandError:
    text = str(error)
    if error.event not in integration.events:
        close = _close_events(integration, error.event)
        if close:
            text += "; did you mean " + " or ".join(repr(event) for event in close) + "?"
        if where.startswith("the file name"):
            text += f", which {where} says; give the event with --event"
    return CommandError(text, EXIT_UNSUPPORTED)


def _present(body: Any, path: tuple[str | int, ...]) -> bool:
    """Whether the parsed JSON ``body`` has a value at ``path``."""
    for key in path:
        if isinstance(body, dict):
            if key not in body:
                return False
            body = body[key]
        elif isinstance(body, list) and isinstance(key, int) and -len(body) <= key < len(body):
            body = body[key]
        else:
            return False
    return True


def _events_that_fit(
    integration: WebhookIntegration, request: WebhookRequest, tried: str
) -> list[str]:
    """The other declared events this request becomes a message as, best fit first.

    A handler that reads more of the payload's fields fits it better: any
    payload makes a ping, only a push payload makes a push.
    """
    header = integration.event_source.header
    body = integration.read_body(request)  # parsed already once, so it parses
    scored: list[tuple[int, str]] = []
    for event in integration.events:
        sent = integration.event_source.headers_for(event)
        if event == tried or not sent or header is None:
            continue
        kept = [(k, v) for k, v in request.headers.items() if k.lower() != header.lower()]
        retried = WebhookRequest(request.body, Headers([*kept, *sent.items()]), request.query)
        # A handler given the payload of another event may fail in any way; a
        # failure only means that this event does not fit.
        try:
            if integration.process(retried).message is None:
                continue
        except Exception:
            continue
        read = fields_read(integration, retried, body)
        scored.append((sum(_present(body, path) for path in read), event))
    best = max((score for score, _ in scored), default=0)
    return [event for score, event in scored if score == best and best > 0]


def _misread(
    integration: WebhookIntegration,
    request: WebhookRequest,
    error: BadPayload,
    event: str,
    where: str,
) -> CommandError:
    """A payload that does not read as the event it was sent as: say so, and what it reads as."""
    fits = _events_that_fit(integration, request, event)
    if not fits:
        return CommandError(f"{error} (read as the event {event!r}, as {where} says)")
    return CommandError(
        f"{where} says {event!r}, but the payload does not read as one ({error});"
        f" it reads as {' or '.join(repr(fit) for fit in fits[:2])}:"
        f" use --event {shlex.quote(fits[0])}"
    )


def render(arguments: argparse.Namespace, registry: Registry, stdin: object, out: TextIO) -> int:
    integration = _webhook(registry, arguments.name)
    given = _pairs(arguments.header, ":", "the header")
    headers = [("Content-Type", arguments.content_type)]
    event, where = _event_of(integration, arguments, given)
    if event:
        headers += integration.event_source.headers_for(event).items()
    elif isinstance(integration.event_source, HeaderEvent) and not _header_given(
        integration, given
    ):
        raise _ask_for_event(integration)
    headers += given
    request = WebhookRequest(
        body=_read_body(arguments.file, stdin),
        headers=Headers(headers),
        query=dict(_pairs(arguments.query, "=", "the query parameter")),
    )
    try:
        processed = integration.process(request)
    except UnsupportedEvent as error:
        raise _unsupported(integration, error, where) from None
    except BadPayload as error:
        if event and integration.event_source.headers_for(event):
            raise _misread(integration, request, error, event, where) from None
        raise CommandError(str(error)) from None
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


def run() -> NoReturn:
    sys.exit(main())
