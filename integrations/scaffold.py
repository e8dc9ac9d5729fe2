"""``integrations new``: start a webhook integration that is green from the first run.

From a real payload it writes the integration's package (declaration, one
handler, the payload as a fixture, a monogram logo) and its documentation
page with one example, whose expected message is what the new handler
produces. The author then edits the handler and runs
``pytest --update-examples``. The page places the site's URL builder and
table of supported events, which the site builds from the declaration; it
writes neither by hand, so neither can disagree with the code.
"""

from __future__ import annotations

import colorsys
import hashlib
import importlib.util
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integrations.core.categories import CATEGORIES
from integrations.core.integration import WebhookIntegration
from integrations.core.message import Message
from integrations.core.request import Headers, WebhookRequest

NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


class ScaffoldError(Exception):
    """A reason the scaffold cannot be written, for one line of output."""


@dataclass(frozen=True)
class Plan:
    name: str
    display_name: str
    category: str
    event: str
    payload: bytes
    event_header: str | None = None
    event_field: tuple[str, ...] = ()
    # Where the payload says what happened to the event ("action"), if it does.
    action_field: tuple[str, ...] = ()

    @property
    def action(self) -> str | None:
        """The action the payload carries, read from ``action_field``."""
        if not self.action_field:
            return None
        value = _field_value(json.loads(self.payload), self.action_field)
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Written:
    package: Path
    page: Path
    message: Message


def _identifier(text: str) -> str:
    cleaned = re.sub(r"\W+", "_", text).strip("_").lower()
    return cleaned if cleaned and not cleaned[0].isdigit() else f"event_{cleaned}"


PREFERRED_FIELDS = ("title", "name", "summary", "subject", "message", "description")


def _string_fields(value: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths of the payload's non-empty string fields, shallow ones first."""
    if not isinstance(value, dict):
        return []
    keys = [key for key in value if re.fullmatch(r"[A-Za-z_]\w*", key)]
    found = [(*path, key) for key in keys if isinstance(value[key], str) and value[key].strip()]
    for key in keys:
        found += _string_fields(value[key], (*path, key))
    return found


def _field_to_show(payload: Any, skip: tuple[str, ...]) -> tuple[str, ...] | None:
    """A string field worth showing in the first message: a title if there is one."""
    fields = [field for field in _string_fields(payload) if field != skip]
    for preferred in PREFERRED_FIELDS:
        for field in fields:
            if field[-1] == preferred:
                return field
    return fields[0] if fields else None


def _py(text: str) -> str:
    """A Python string literal in the project's style (double quotes)."""
    return json.dumps(text, ensure_ascii=False)


def _event_source(plan: Plan) -> tuple[str, str]:
    """The import and the expression that declare where the event comes from."""
    if plan.event_header:
        return "HeaderEvent", f"HeaderEvent({_py(plan.event_header)})"
    if plan.event_field:
        fields = ", ".join(_py(part) for part in plan.event_field)
        return "BodyEvent", f"BodyEvent({fields})"
    return "SingleEvent", f"SingleEvent({_py(plan.event)})"


def with_article(noun: str) -> str:
    """``a push``, ``an order.placed``: the article a reader expects before ``noun``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def sentence_case(text: str) -> str:
    """The first letter in capitals, the rest as written (``A Push Hook``, not ``A push hook``)."""
    return text[:1].upper() + text[1:]


# Option values written as they are: nothing myst-parser's option reader could
# take for quotes, a comment, a list or a mapping. Any other value is quoted.
PLAIN_OPTION_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.,()/+-]*(?<! )\Z")


def option_value(value: str) -> str:
    """``value`` as a directive option's value that reads back unchanged."""
    return value if PLAIN_OPTION_VALUE.match(value) else json.dumps(value, ensure_ascii=False)


def module_source(plan: Plan, field: tuple[str, ...] | None) -> str:
    source_class, source = _event_source(plan)
    action = plan.action
    handler = "on_" + _identifier(f"{plan.event}_{action}" if action else plan.event)
    names = ["Delivery", "Message", "Payload", source_class, "WebhookIntegration"]
    if action:
        names.append("Actions")
    imports = "".join(f"    {name},\n" for name in [*sorted(names), "code", "md"])
    actions = f"    actions=Actions({_py('.'.join(plan.action_field))}),\n" if action else ""
    handles = _py(plan.event) + (f", action={_py(action)}" if action else "")
    # The event as the core names it (Processed.name): `order.placed`.
    named = f"{plan.event}.{action}" if action else plan.event
    article = with_article(plan.event).split(" ", 1)[0]
    if field:
        variable = _identifier(field[-1])
        access = "".join(f"[{_py(part)}]" for part in field)
        read = f"    {variable} = payload{access}.string()\n"
        template = f"{{source}} sent {article} {{event}} event: {{value}}"
        value = f", value={variable}"
        posts = f"The event's name, and the payload's `{'.'.join(field)}`."
    else:
        read, template, value = "", f"{{source}} sent {article} {{event}} event.", ""
        posts = "The event's name."
    return (
        f'"""{plan.display_name}: posts its events to Zulip."""\n\n'
        f"from integrations.core import (\n{imports})\n\n"
        "integration = WebhookIntegration(\n"
        f"    name={_py(plan.name)},\n"
        f"    display_name={_py(plan.display_name)},\n"
        f"    description={_py(f'Posts {plan.display_name} events to a Zulip topic.')},\n"
        f"    categories=[{_py(plan.category)}],\n"
        f"    events={source},\n"
        f"{actions}"
        "    # options=[...] declares URL parameters beyond topic, only_events and\n"
        "    # exclude_events; handlers read them as delivery.options[OPTION].\n"
        ")\n\n\n"
        f"@integration.handles({handles})\n"
        f"def {handler}(payload: Payload, delivery: Delivery) -> Message:\n"
        f'    """{posts}"""\n'
        "    # The docstring says what this posts: the page's table of supported events\n"
        "    # shows it. Read the fields that matter with payload[...].string(), .integer()...;\n"
        "    # build the message with md(...).format(...), which escapes them.\n"
        f"{read}"
        f"    content = md({_py(template)}).format(\n"
        f"        source={_py(plan.display_name)}, event=code({_py(named)}){value}\n"
        "    )\n"
        f"    return Message(topic={_py(plan.display_name)}, content=content)\n"
        "\n\n"
        "# What the service sends that this integration leaves out on purpose, with the\n"
        "# reason readers see in the docs, is declared too:\n"
        '# integration.ignores("some_event", reason="Why it posts nothing.")\n'
    )


def logo_svg(name: str, display_name: str) -> str:
    """A neutral monogram: the first letter on a colour derived from the name."""
    hue = int(hashlib.sha256(name.encode()).hexdigest()[:4], 16) / 0xFFFF
    red, green, blue = (round(channel * 255) for channel in colorsys.hls_to_rgb(hue, 0.42, 0.55))
    letter = (display_name.strip()[:1] or name[:1]).upper()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img"'
        f' aria-label="{display_name}">\n'
        f'  <rect width="64" height="64" rx="14" fill="#{red:02x}{green:02x}{blue:02x}"/>\n'
        '  <text x="32" y="43" font-family="sans-serif" font-size="32" font-weight="700"'
        f' text-anchor="middle" fill="#ffffff">{letter}</text>\n'
        "</svg>\n"
    )


def options_source(integration: WebhookIntegration) -> str:
    """The page's list of URL options, from the declaration, for the author to expand on."""
    return "".join(f"`{option.name}`\n: {option.help}\n\n" for option in integration.options)


def page_source(plan: Plan, fixture: str, message: Message, options: str) -> str:
    event_option = f":event: {plan.event}\n" if plan.event_header or plan.event_field else ""
    title = f"{plan.event} {plan.action}" if plan.action else plan.event
    fence = "```"
    while fence in message.content:
        fence += "`"
    return (
        f"---\nintegration: {plan.name}\n---\n\n"
        f"# {plan.display_name}\n\n"
        f"Posts {plan.display_name} events to a Zulip topic.\n\n"
        "## What it posts\n\n"
        f"One message per event, in the topic **{plan.display_name}**.\n\n"
        "## Setting it up\n\n"
        "1. In Zulip, create a bot of the **Incoming webhook** type and copy its API key.\n"
        "2. Fill in the form below with your site, the bot's key and a channel; copy the URL.\n"
        "3. Add the URL in the service's webhook settings.\n\n"
        # The site builds the URL builder and the events table from the declaration.
        "```{webhook-url-builder}\n```\n\n"
        "## Options\n\n"
        "Add these to the URL as parameters:\n\n"
        f"{options}"
        "## Supported events\n\n"
        "```{supported-events}\n```\n\n"
        "## Examples\n\n"
        f":::{{webhook-example}} {sentence_case(with_article(title))} event\n"
        f":name: {_identifier(title).replace('_', '-')}\n"
        f"{event_option}"
        f":fixture: {fixture}\n"
        f":topic: {option_value(message.topic)}\n\n"
        f"{fence}zulip\n{message.content}\n{fence}\n"
        ":::\n"
    )


def notice_source(fixture: str) -> str:
    return (
        "# Where these payloads come from\n\n"
        "| file | source |\n| --- | --- |\n"
        f"| `{fixture}` | (say where this payload was captured, and under which licence) |\n"
    )


def _load(package: Path, name: str) -> WebhookIntegration:
    module_name = f"_integrations_scaffold_{name}"
    spec = importlib.util.spec_from_file_location(module_name, package / "__init__.py")
    if spec is None or spec.loader is None:
        raise ScaffoldError(f"cannot load {package}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(module_name, None)
    integration = module.integration
    assert isinstance(integration, WebhookIntegration)
    integration.home = package
    return integration


def _first_message(integration: WebhookIntegration, plan: Plan) -> Message:
    headers = {"Content-Type": "application/json"}
    headers.update(integration.event_source.headers_for(plan.event))
    request = WebhookRequest(body=plan.payload, headers=Headers(headers))
    processed = integration.process(request)
    if processed.event != plan.event:
        raise ScaffoldError(
            f"the payload carries the event {processed.event!r}, not {plan.event!r}"
        )
    if processed.message is None:
        raise ScaffoldError("the new handler posted nothing")
    return processed.message


def scaffold(plan: Plan, root: Path) -> Written:
    """Write the integration and its page under ``root``, the project's folder."""
    if not NAME.match(plan.name):
        raise ScaffoldError(f"the name {plan.name!r} must be lower case letters, digits and _")
    if plan.category not in CATEGORIES:
        raise ScaffoldError(f"unknown category {plan.category!r}; one of {', '.join(CATEGORIES)}")
    webhooks, pages = root / "integrations" / "webhooks", root / "docs" / "integrations"
    if not webhooks.is_dir() or not pages.is_dir():
        raise ScaffoldError(
            f"{root} has no integrations/webhooks/ and docs/integrations/; use --root"
        )
    package, page = webhooks / plan.name, pages / f"{plan.name}.md"
    for path in (package, page):
        if path.exists():
            raise ScaffoldError(f"{path} already exists; not overwriting it")
    try:
        payload = json.loads(plan.payload)
    except (ValueError, UnicodeDecodeError) as error:
        raise ScaffoldError(f"the payload is not JSON: {error}") from None
    if plan.event_field:
        carried = _field_value(payload, plan.event_field)
        if carried != plan.event:
            field = ".".join(plan.event_field)
            raise ScaffoldError(
                f"the payload's {field} is {carried!r}, not the event {plan.event!r}"
            )

    if plan.action_field and plan.action is None:
        field = ".".join(plan.action_field)
        raise ScaffoldError(f"the payload's {field} is not a string naming an action")
    fixture = fixture_name(plan)
    try:
        (package / "fixtures").mkdir(parents=True)
        (package / "fixtures" / fixture).write_bytes(plan.payload)
        (package / "fixtures" / "NOTICE.md").write_text(notice_source(fixture))
        shown = _field_to_show(payload, plan.event_field)
        (package / "__init__.py").write_text(module_source(plan, shown))
        (package / "logo.svg").write_text(logo_svg(plan.name, plan.display_name))
        integration = _load(package, plan.name)
        message = _first_message(integration, plan)
        page.write_text(page_source(plan, fixture, message, options_source(integration)))
    except BaseException:
        # Leave nothing half-made behind, so the command can simply be run again.
        shutil.rmtree(package, ignore_errors=True)
        page.unlink(missing_ok=True)
        raise
    return Written(package, page, message)


SAFE_IN_FILE_NAMES = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*\Z")


def fixture_name(plan: Plan) -> str:
    """``<event>__<action>.json``: by Zulip's convention the name before ``__`` is the event.

    ``integrations render`` reads the event of a header-named service from it;
    an event that cannot be part of a file name gets a plain one instead.
    """
    variant = f"__{_identifier(plan.action).replace('_', '-')}" if plan.action else ""
    if plan.event_header and SAFE_IN_FILE_NAMES.match(plan.event):
        return f"{plan.event}{variant}.json"
    return f"{_identifier(plan.event).replace('_', '-')}{variant}.json"


def _field_value(payload: Any, path: tuple[str, ...]) -> object:
    value = payload
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value
