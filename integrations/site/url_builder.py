"""The webhook URL builder: a form whose script writes the URL to paste into a service.

The HTML is written here; the script (``static/zulip-site.js``) builds the
URL as ``integrations.site.webhook_url`` documents it. Without the script the
form still shows the URL's format with its placeholders.
"""

from __future__ import annotations

from html import escape
from typing import Any

from integrations.core.integration import WebhookIntegration
from integrations.core.options import COMMON_OPTIONS, ChoiceOption, Option
from integrations.site.webhook_url import WebhookSettings, webhook_url


def _field(prefix: str, name: str, label: str, kind: str, placeholder: str, hint: str) -> str:
    return (
        '<div class="zi-field">'
        f'<label for="{prefix}-{name}">{label}</label>'
        f'<input id="{prefix}-{name}" name="{name}" type="{kind}" placeholder="{placeholder}"'
        f' autocomplete="off" spellcheck="false" aria-describedby="{prefix}-{name}-hint">'
        f'<span class="zi-hint" id="{prefix}-{name}-hint">{hint}</span>'
        "</div>"
    )


def own_options(integration: WebhookIntegration) -> list[Option[Any]]:
    """The options the integration adds to those every webhook has (which have their own fields)."""
    common = {option.name for option in COMMON_OPTIONS}
    return [option for option in integration.options if option.name not in common]


def _option_field(prefix: str, option: Option[Any]) -> str:
    """A field whose value the script adds to the URL as ``&name=value``."""
    name = escape(option.name)
    field_id = f"{prefix}-option-{name}"
    hint = f'<span class="zi-hint" id="{field_id}-hint">{escape(option.help)}</span>'
    described = f'aria-describedby="{field_id}-hint"'
    if option.kind == "flag":
        return (
            '<div class="zi-field zi-flag">'
            f'<label for="{field_id}"><input id="{field_id}" type="checkbox" value="true"'
            f' data-option="{name}" {described}> <code>{name}</code></label>{hint}</div>'
        )
    if isinstance(option, ChoiceOption):
        choices = "".join(
            f'<option value="{"" if choice == option.default else escape(choice)}">'
            f"{escape(choice)}</option>"
            for choice in option.choices
        )
        control = f'<select id="{field_id}" data-option="{name}" {described}>{choices}</select>'
    else:
        control = (
            f'<input id="{field_id}" type="text" data-option="{name}"'
            f' placeholder="{escape(option.placeholder)}" autocomplete="off" spellcheck="false"'
            f" {described}>"
        )
    return (
        f'<div class="zi-field"><label for="{field_id}"><code>{name}</code></label>'
        f"{control}{hint}</div>"
    )


def url_builder_html(integration: WebhookIntegration, prefix: str) -> str:
    """The form for ``integration``; ``prefix`` makes its element ids unique on the page."""
    name = escape(integration.name)
    events = "".join(
        '<label class="zi-event">'
        f'<input type="checkbox" name="event" value="{escape(event)}"> <code>{escape(event)}</code>'
        "</label>"
        for event in integration.events
    )
    example = webhook_url(WebhookSettings(integration.name))
    return (
        f'<form class="zi-url-builder" data-integration="{name}" data-complete="false"'
        f' aria-label="Webhook URL for {escape(integration.display_name)}">'
        + _field(
            prefix,
            "site",
            "Your Zulip site",
            "url",
            "https://your-org.zulipchat.com",
            "The address you open Zulip at.",
        )
        + _field(
            prefix,
            "api_key",
            "Bot API key",
            "text",
            "BOT_API_KEY",
            "The key of the incoming webhook bot you created; it stays in your browser.",
        )
        + _field(prefix, "stream", "Channel", "text", "STREAM", "Where the messages go.")
        + _field(
            prefix,
            "topic",
            "Topic (optional)",
            "text",
            "",
            "Leave empty to let the integration choose a topic for each message.",
        )
        + '<fieldset class="zi-events"><legend>Events</legend>'
        '<div class="zi-event-modes">'
        f'<label><input type="radio" name="events" value="all" checked> All events</label>'
        f'<label><input type="radio" name="events" value="only"> Only the events ticked</label>'
        f'<label><input type="radio" name="events" value="exclude"> All but the events ticked'
        "</label></div>"
        f'<div class="zi-event-list">{events}</div></fieldset>'
        + _options_fieldset(integration, prefix)
        + '<div class="zi-url-output">'
        f'<span class="zi-url-label" id="{prefix}-result-label">Webhook URL</span>'
        '<div class="highlight-text notranslate"><div class="highlight">'
        f'<pre class="zi-url-result" aria-labelledby="{prefix}-result-label"'
        f' aria-live="polite">{escape(example)}</pre></div></div>'
        '<button type="button" class="zi-url-copy" hidden>Copy the URL</button>'
        '<p class="zi-url-missing">Fill in your site, the bot API key and the channel'
        " to replace the placeholders.</p>"
        "</div></form>"
    )


def url_builder_text(integration: WebhookIntegration) -> str:
    """The URL's format and the integration's own options, for builders without HTML."""
    lines = [webhook_url(WebhookSettings(integration.name))]
    lines += [f"&{option.name}=...  {option.help}" for option in own_options(integration)]
    return "\n".join(lines)


def _options_fieldset(integration: WebhookIntegration, prefix: str) -> str:
    options = own_options(integration)
    if not options:
        return ""
    fields = "".join(_option_field(prefix, option) for option in options)
    return f'<fieldset class="zi-options"><legend>Options</legend>{fields}</fieldset>'
