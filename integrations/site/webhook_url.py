"""The webhook URL a reader pastes into a service, and the curl command of an example.

These are the reference of two formats the site's script builds in the
reader's browser (``static/zulip-site.js`` and the examples' script); the
browser tests check that both give exactly what these functions give, and
the guide documents them.

The webhook URL::

    {site}/api/v1/external/{integration}?api_key={key}&stream={channel}
        [&topic={topic}][&only_events={a,b}|&exclude_events={a,b}][&{option}={value}...]

``site`` loses surrounding spaces and trailing slashes and gains
``https://`` when it names no scheme. Every value is percent-encoded as
JavaScript's ``encodeURIComponent`` does (a space is ``%20``); in an event
list each name is encoded and the names are joined by plain commas. The
integration's own options follow in the order it declares them, each only
when given a value (a ticked flag is ``true``). A required value left empty
shows as its placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, unquote_plus

SITE_PLACEHOLDER = "https://your-org.zulipchat.com"
API_KEY_PLACEHOLDER = "BOT_API_KEY"
STREAM_PLACEHOLDER = "STREAM"
# What encodeURIComponent leaves as it is, besides letters and digits.
_URI_COMPONENT_SAFE = "-_.!~*'()"

EventMode = Literal["all", "only", "exclude"]


def encode_component(value: str) -> str:
    """``value`` percent-encoded the way JavaScript's ``encodeURIComponent`` does."""
    return quote(value, safe=_URI_COMPONENT_SAFE)


def normalize_site(site: str) -> str:
    site = site.strip().rstrip("/")
    if not site:
        return SITE_PLACEHOLDER
    return site if "://" in site else f"https://{site}"


@dataclass(frozen=True)
class WebhookSettings:
    """What the reader enters in the URL builder."""

    integration: str
    site: str = ""
    api_key: str = ""
    stream: str = ""
    topic: str = ""
    events: EventMode = "all"
    selected: Sequence[str] = field(default_factory=tuple)
    # The integration's own options, (name, value), in the order it declares them.
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        """Whether the URL has no placeholder left."""
        return all(value.strip() for value in (self.site, self.api_key, self.stream))


def webhook_url(settings: WebhookSettings) -> str:
    """The exact URL to paste into the service."""
    parameters = [
        ("api_key", settings.api_key.strip() or API_KEY_PLACEHOLDER),
        ("stream", settings.stream.strip() or STREAM_PLACEHOLDER),
    ]
    if settings.topic.strip():
        parameters.append(("topic", settings.topic.strip()))
    query = "&".join(f"{name}={encode_component(value)}" for name, value in parameters)
    if settings.events != "all" and settings.selected:
        names = ",".join(encode_component(event) for event in settings.selected)
        query += f"&{settings.events}_events={names}"
    for name, value in settings.options:
        if value.strip():
            query += f"&{encode_component(name)}={encode_component(value.strip())}"
    path = f"/api/v1/external/{encode_component(settings.integration)}"
    return f"{normalize_site(settings.site)}{path}?{query}"


# Copy as curl ------------------------------------------------------------------


def shell_quote(text: str) -> str:
    """``text`` as one single-quoted shell word."""
    return "'" + text.replace("'", "'\\''") + "'"


def query_names(url: str) -> list[str]:
    query = url.split("#")[0].partition("?")[2]
    return [unquote_plus(part.split("=")[0]) for part in query.split("&") if part]


def target_url(typed: str, example_query: Iterable[tuple[str, str]]) -> str:
    """The URL typed by the reader, plus the example's own parameters it does not set."""
    url = typed.strip()
    present = set(query_names(url))
    for name, value in example_query:
        if name in present:
            continue
        separator = "?" if "?" not in url else "" if url.endswith(("?", "&")) else "&"
        url += f"{separator}{encode_component(name)}={encode_component(value)}"
    return url


def curl_command(url: str, headers: Iterable[tuple[str, str]], body: str) -> str:
    """The command the "Copy as curl" button copies: it sends the example's request."""
    lines = [f"curl -X POST {shell_quote(url)}"]
    lines += [f"  -H {shell_quote(f'{name}: {value}')}" for name, value in headers]
    lines.append(f"  --data-binary {shell_quote(body)}")
    return " \\\n".join(lines)
