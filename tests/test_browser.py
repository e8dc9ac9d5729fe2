"""The built site in a real headless Chromium: catalog, previews, payloads, URL builder, curl.

The site is built once per session (``tests/site_build.py``), served from
127.0.0.1 by a real HTTP server, and driven with Playwright's sync API
through the installed Chromium (``tests/tools.py`` finds it); no browser is
downloaded. Screenshots for review go to docs/_build/screenshots/.
"""

from __future__ import annotations

import functools
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from integrations.core.registry import default_registry
from integrations.examples import html
from integrations.examples.parse import parse_file
from integrations.site.webhook_url import (
    WebhookSettings,
    curl_command,
    target_url,
    webhook_url,
)
from tests.site_build import DOCS, ROOT, built_site
from tests.tools import require

__all__ = ["built_site"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "docs" / "_build" / "screenshots"

pytestmark = pytest.mark.tools("chromium")


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietFiles, directory=str(built_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        executable = require("chromium")
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page, and every console error, page error and failed request it had."""

    page: Page
    problems: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Browser, site_url: str) -> Iterator[Watched]:
    context = browser.new_context(
        viewport={"width": 1200, "height": 900},
        base_url=site_url,
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    result = Watched(page)
    page.on(
        "console",
        lambda message: (
            result.problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: result.problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: result.problems.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: (
            result.problems.append(f"{response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    yield result
    context.close()


def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)


def visible_names(page: Page) -> list[str]:
    return sorted(page.locator(".zi-card:visible .zi-card-name").all_inner_texts())


# The catalog ----------------------------------------------------------------------


def test_catalog_filters_by_category_and_by_name(watched: Watched) -> None:
    page = watched.page
    page.goto("integrations/index.html")
    everything = sorted(integration.display_name for integration in default_registry())
    assert visible_names(page) == everything
    screenshot(page, "catalog.png")

    page.get_by_role("button", name="Version control").click()
    version_control = sorted(
        i.display_name for i in default_registry() if "version-control" in i.categories
    )
    assert visible_names(page) == version_control
    assert len(version_control) < len(everything)
    page.get_by_role("button", name="All").click()
    assert visible_names(page) == everything

    search = page.get_by_role("searchbox")
    search.fill("git")
    named = sorted(
        i.display_name for i in default_registry() if "git" in f"{i.name} {i.display_name}".lower()
    )
    assert visible_names(page) == named
    assert page.locator(".zi-catalog-status").inner_text() == (
        f"{len(named)} of {len(everything)} integrations"
    )
    screenshot(page, "catalog-filtered.png")
    search.fill("no such integration")
    assert visible_names(page) == []
    assert page.locator(".zi-catalog-empty").is_visible()
    search.fill("")
    assert visible_names(page) == everything
    assert watched.problems == []


def test_catalog_cards_lead_to_the_pages(watched: Watched) -> None:
    page = watched.page
    page.goto("integrations/index.html")
    page.locator(".zi-card", has_text="Hello World").click()
    page.wait_for_url("**/integrations/helloworld.html")
    assert page.locator("h1").inner_text().startswith("Hello World")


# Message previews --------------------------------------------------------------------


def test_preview_renders_mentions_and_a_spoiler_that_opens(watched: Watched) -> None:
    page = watched.page
    page.goto("guide/documenting.html")
    preview = page.locator(".zi-message-preview").first
    preview.scroll_into_view_if_needed()
    assert preview.locator(".user-mention:not(.silent)").first.inner_text() == "@Ada Lovelace"
    assert preview.locator(".user-mention.silent").first.inner_text() == "Bob"
    assert preview.locator(".user-group-mention").inner_text() == "@backend"
    assert preview.locator("a.stream-topic").inner_text() == "#dev team > deploys"
    assert preview.locator(".katex math").first.bounding_box() is not None

    header = preview.locator(".spoiler-header")
    content = preview.locator(".spoiler-content")
    assert header.inner_text().strip() == "What changed"
    assert not content.is_visible()
    assert header.get_attribute("aria-expanded") == "false"
    header.click()
    assert content.is_visible()
    assert header.get_attribute("aria-expanded") == "true"
    assert "nested" in content.inner_text()
    assert content.locator(".codehilite .k").first.inner_text() == "def"
    preview.screenshot(path=str(SCREENSHOTS / "preview-spoiler-open.png"))
    header.click()
    assert not content.is_visible()
    assert watched.problems == []


# The payload, the URL builder, copy as curl ---------------------------------------------


def example(name: str) -> Any:
    doc = parse_file(DOCS / "integrations" / "helloworld.md", default_registry())
    return next(e for e in doc.examples if e.id == name)


def test_payload_loads_when_its_disclosure_opens(watched: Watched) -> None:
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto("integrations/helloworld.html")
    page.wait_for_load_state("networkidle")
    assert [url for url in fetched if "/_examples/" in url] == []
    payload = page.locator("#example-hello details.zi-payload")
    body = payload.locator("pre")
    assert body.count() == 0
    payload.locator("summary").click()
    body.wait_for()
    assert payload.get_attribute("open") is not None
    assert [url for url in fetched if "/_examples/" in url] == [
        f"{page.url.rsplit('/integrations/', 1)[0]}/_examples/integrations/helloworld/hello.json.html"
    ]
    # The text is the fixture, byte for byte, highlighted as JSON.
    assert body.text_content() == example("hello").body.text
    assert body.locator("span.nt").count() > 0
    # Closing and opening again fetches nothing more.
    payload.locator("summary").click()
    payload.locator("summary").click()
    assert len([url for url in fetched if "/_examples/" in url]) == 1
    source = page.locator("#example-hello details.zi-message-source")
    source.locator("summary").click()
    source.locator("pre").wait_for()
    assert source.locator("pre").text_content() == example("hello").expected.content + "\n"
    assert watched.problems == []


def test_without_javascript_a_payload_links_to_its_raw_file(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("integrations/helloworld.html")
    payload = page.locator("#example-hello details.zi-payload")
    payload.locator("summary").click()
    link = payload.get_by_role("link", name="Open the raw file")
    assert link.is_visible()
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/_examples/integrations/helloworld/hello.json")
    raw = context.request.get(page.url)
    assert raw.body() == example("hello").body_bytes
    assert page.locator(".zi-curl-button").count() == 0
    context.close()


def test_the_heaviest_page_loads_light(watched: Watched, built_site: Path) -> None:
    """The largest integration page: under 600 KB, and no payload fetched until asked for."""
    page = watched.page
    largest = max((built_site / "integrations").glob("*.html"), key=lambda p: p.stat().st_size)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    response = page.goto(f"integrations/{largest.name}")
    assert response is not None
    page.wait_for_load_state("networkidle")
    assert len(response.body()) < 600 * 1024
    assert [url for url in fetched if "/_examples/" in url] == []
    # The overview leads to an example.
    overview = page.locator(".zi-overview")
    overview.locator("summary").first.click()
    target = overview.locator("a").first.get_attribute("href")
    assert target is not None
    assert target.startswith("#example-")
    overview.locator("a").first.click()
    assert page.locator(target).is_visible()
    assert page.locator(".zi-example").count() > 100
    assert watched.problems == []


def test_long_event_names_stay_inside_the_overview(watched: Watched) -> None:
    """Azure DevOps' event names are the longest: each wraps within the overview's box."""
    page = watched.page
    page.goto("integrations/azuredevops.html")
    box = page.locator(".zi-overview").bounding_box()
    assert box is not None
    right_edges = page.locator(".zi-overview-events summary code").evaluate_all(
        "codes => codes.flatMap(code => [...code.getClientRects()].map(rect => rect.right))"
    )
    assert right_edges
    assert max(right_edges) <= box["x"] + box["width"]


def test_url_builder_writes_the_documented_url(watched: Watched) -> None:
    page = watched.page
    page.goto("integrations/helloworld.html")
    builder = page.locator(".zi-url-builder").first
    result = builder.locator(".zi-url-result")
    assert result.inner_text() == webhook_url(WebhookSettings("helloworld"))
    assert builder.get_attribute("data-complete") == "false"

    builder.get_by_label("Your Zulip site").fill("chat.example.com")
    builder.get_by_label("Bot API key").fill("abc123")
    builder.get_by_label("Channel").fill("dev team")
    builder.get_by_label("Topic (optional)").fill("Reading list")
    builder.get_by_label("Only the events ticked").check()
    builder.get_by_label("featured_article").check()

    expected = webhook_url(
        WebhookSettings(
            "helloworld",
            site="chat.example.com",
            api_key="abc123",
            stream="dev team",
            topic="Reading list",
            events="only",
            selected=("featured_article",),
        )
    )
    assert result.inner_text() == expected
    # The guide shows this very URL for these inputs.
    assert expected in (DOCS / "guide" / "documenting.md").read_text(encoding="utf-8")
    assert builder.get_attribute("data-complete") == "true"
    builder.get_by_label("All but the events ticked").check()
    assert result.inner_text() == expected.replace("only_events", "exclude_events")
    page.add_style_tag(content=".back-to-top { display: none !important; }")
    builder.screenshot(path=str(SCREENSHOTS / "url-builder.png"))
    assert watched.problems == []


def test_url_builder_has_a_field_for_every_declared_option(watched: Watched) -> None:
    """Ticket Desk adds a choice (`detail`); the code hosts a list and a flag."""
    page = watched.page
    page.goto("integrations/gitea.html")
    builder = page.locator(".zi-url-builder").first
    result = builder.locator(".zi-url-result")
    builder.get_by_label("Your Zulip site").fill("chat.example.com")
    builder.get_by_label("Bot API key").fill("abc123")
    builder.get_by_label("Channel").fill("code")
    builder.locator("[data-option=branches]").fill(" main,release-* ")
    builder.locator("[data-option=ignore_private_repositories]").check()
    options = (("branches", "main,release-*"), ("ignore_private_repositories", "true"))
    expected = webhook_url(
        WebhookSettings(
            "gitea", site="chat.example.com", api_key="abc123", stream="code", options=options
        )
    )
    assert result.inner_text() == expected
    assert expected.endswith("&branches=main%2Crelease-*&ignore_private_repositories=true")
    # Each option shows its declared help.
    assert "only for these branches" in builder.inner_text()

    page.goto("integrations/ticketdesk.html")
    builder = page.locator(".zi-url-builder").first
    choice = builder.locator("[data-option=detail]")
    assert choice.evaluate("field => field.tagName") == "SELECT"
    choice.select_option(label="brief")
    assert builder.locator(".zi-url-result").inner_text().endswith("&detail=brief")
    choice.select_option(label="full")  # the default adds nothing
    assert "detail=" not in builder.locator(".zi-url-result").inner_text()
    assert watched.problems == []


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class _Recorder(BaseHTTPRequestHandler):
    received: list[Received]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.received.append(
            Received(self.path, dict(self.headers.items()), self.rfile.read(length))
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"result": "success"}')

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.mark.tools("curl")
def test_copy_as_curl_sends_the_example(watched: Watched) -> None:
    received: list[Received] = []
    recorder = type("Recorder", (_Recorder,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = watched.page
        page.goto("integrations/helloworld.html")
        box = page.locator("#example-topic-override")
        box.get_by_role("button", name="Copy as curl").click()
        typed = f"http://127.0.0.1:{server.server_port}/api/v1/external/helloworld?api_key=k1&stream=dev"
        box.locator(".zi-curl-url").fill(typed)
        command = box.locator(".zi-curl-command").inner_text()

        documented = example("topic-override")
        _, headers = html.webhook_path(documented, default_registry())
        assert command == curl_command(
            target_url(typed, documented.query), headers, documented.body.text
        )
        box.get_by_role("button", name="Copy", exact=True).click()
        page.wait_for_function(
            "document.querySelector('#example-topic-override .zi-curl-copy').textContent === 'Copied'"
        )
        assert page.evaluate("navigator.clipboard.readText()") == command

        subprocess.run(["bash", "-c", command], check=True, capture_output=True, timeout=30)
    finally:
        server.shutdown()
        server.server_close()
    [request] = received
    assert request.path == (
        "/api/v1/external/helloworld?api_key=k1&stream=dev&topic=Reading%20list"
    )
    assert request.body == documented.body_bytes
    assert request.headers["Content-Type"] == "application/json"
    assert watched.problems == []


# Every page loads cleanly -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "shot"),
    [
        ("integrations/index.html", None),
        ("guide/documenting.html", None),
        ("guide/index.html", None),
        ("integrations/helloworld.html", "helloworld.png"),
    ],
)
def test_pages_load_without_console_errors(watched: Watched, path: str, shot: str | None) -> None:
    page = watched.page
    page.goto(path)
    page.wait_for_load_state("networkidle")
    # The scripts ran: the catalog's controls and the curl buttons show.
    assert (
        page.locator(
            ".zi-catalog-controls:visible, .zi-curl-button:visible, .zi-message-preview"
        ).count()
        > 0
        or path == "guide/index.html"
    )
    if shot:
        screenshot(page, shot)
    assert watched.problems == []


def test_search_finds_an_integration_page(watched: Watched) -> None:
    page = watched.page
    page.goto("search.html?q=mercurial")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    titles = results.all_inner_texts()
    assert any("Mercurial" in title for title in titles), titles
    assert watched.problems == []


# Console sessions read well -------------------------------------------------------------

# Every character of a console block, with its colour and the block's background.
CONSOLE_COLOURS = """
() => {
  const parse = (colour) => colour.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const result = [];
  for (const pre of document.querySelectorAll("div.highlight-console pre")) {
    const background = getComputedStyle(pre.closest(".highlight")).backgroundColor;
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent;
      if (!text.trim()) continue;
      const colour = getComputedStyle(walker.currentNode.parentElement).color;
      result.push([text.trim().slice(0, 40), parse(colour), parse(background)]);
    }
  }
  return result;
}
"""


def contrast(first: list[float], second: list[float]) -> float:
    """The WCAG contrast ratio of two sRGB colours."""

    def luminance(rgb: list[float]) -> float:
        channels = [
            value / 255 / 12.92
            if value / 255 <= 0.03928
            else ((value / 255 + 0.055) / 1.055) ** 2.4
            for value in rgb
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_console_blocks_are_readable_and_show_whole_lines(
    browser: Browser, site_url: str, scheme: Literal["light", "dark"]
) -> None:
    context = browser.new_context(
        base_url=site_url, viewport={"width": 1000, "height": 900}, color_scheme=scheme
    )
    page = context.new_page()
    for path in ("guide/testing.html", "guide/documenting.html", "guide/webhook-walkthrough.html"):
        page.goto(path)
        colours = page.evaluate(CONSOLE_COLOURS)
        assert len(colours) > 10
        low = [
            (text, round(contrast(fg, bg), 2)) for text, fg, bg in colours if contrast(fg, bg) < 4.5
        ]
        assert low == [], f"{path} ({scheme}): text below AA contrast"
        # No line runs past the block's edge: each wraps and shows whole.
        cut = page.evaluate(
            "() => [...document.querySelectorAll('div.highlight-console pre')]"
            ".filter(pre => pre.scrollWidth > pre.clientWidth).map(pre => pre.textContent.slice(0, 60))"
        )
        assert cut == [], path
    page.goto("guide/testing.html")
    block = page.locator("div.highlight-console").first
    block.scroll_into_view_if_needed()
    block.screenshot(path=str(SCREENSHOTS / f"console-{scheme}.png"))
    context.close()
