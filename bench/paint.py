"""(e) First paint of a long integration page: payloads as files beside it, or in it.

One page of examples shaped like the GitHub page's (a few hundred, each
with a payload of tens of kilobytes) is built twice: with the payloads
written as files the page loads on demand (the default), and with
``zulip_payloads = "inline"``, as pages were before. Both are served from
127.0.0.1 and opened in Debian's Chromium (through Playwright), in a fresh
browser context each time, alternating; the medians of each one's
"first-contentful-paint" and of the end of its load event are printed,
with the size of each page's HTML. On loopback the transfer costs next to
nothing, so the difference is what parsing and laying out the payloads
costs; over a real network the heavier page also takes longer to arrive.
"""

from __future__ import annotations

import functools
import json
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from integrations.core import WebhookRequest, default_registry
from integrations.core.integration import WebhookIntegration

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CONF = """
extensions = ["myst_parser", "integrations.examples.sphinxext", "integrations.site"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
zulip_payloads = "{mode}"
"""
EXAMPLE = """
:::{{webhook-example}} Example {number}
:name: e{number}
:topic: {topic}

```json
{payload}
```

```zulip
{content}
```
:::
"""


def _payload(number: int) -> str:
    """A helloworld payload padded to the size of a GitHub one (about 8 KB) with URLs."""
    padding = {
        f"field_{index}": f"https://example.com/api/{number}/{index}?page={index}"
        for index in range(130)
    }
    return json.dumps(
        {
            "featured_title": f"Article {number}",
            "featured_url": f"https://en.wikipedia.org/wiki/Article_{number}",
            **padding,
        },
        indent=2,
    )


def _page(examples: int) -> str:
    integration = default_registry().get("helloworld")
    assert isinstance(integration, WebhookIntegration)
    blocks = []
    for number in range(examples):
        payload = _payload(number)
        message = integration.handle(WebhookRequest(body=payload.encode()))
        assert message is not None
        blocks.append(
            EXAMPLE.format(
                number=number, topic=message.topic, payload=payload, content=message.content
            )
        )
    return "---\nintegration: helloworld\n---\n# A long page\n\nIntro.\n" + "".join(blocks)


def build(work: Path, examples: int) -> dict[str, Path]:
    """The page built both ways; the HTML folder of each."""
    page = _page(examples)
    sites = {}
    for mode in ("files", "inline"):
        source = work / f"paint-{mode}"
        shutil.rmtree(source, ignore_errors=True)
        source.mkdir(parents=True)
        (source / "conf.py").write_text(CONF.format(mode=mode))
        (source / "index.md").write_text(page)
        command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", ".", "_build/html"]
        result = subprocess.run(command, cwd=source, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.exit(f"benchmark page failed to build ({mode}):\n{result.stderr[-2000:]}")
        sites[mode] = source / "_build" / "html"
    return sites


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def run(work: Path, *, rounds: int, examples: int) -> None:
    name = "(e) Chromium, payloads as files vs in the page"
    if not CHROMIUM.exists():
        print(f"{name}: skipped, no Chromium at {CHROMIUM}", flush=True)
        return
    from playwright.sync_api import sync_playwright

    sites = build(work, examples)
    sizes = {mode: (site / "index.html").stat().st_size for mode, site in sites.items()}
    paint: dict[str, list[float]] = {"files": [], "inline": []}
    loaded: dict[str, list[float]] = {"files": [], "inline": []}
    with (
        _served(sites["files"]) as files_url,
        _served(sites["inline"]) as inline_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        urls = {"files": files_url, "inline": inline_url}
        for _ in range(rounds):
            for mode in ("inline", "files"):
                context = browser.new_context()
                page = context.new_page()
                page.goto(urls[mode], wait_until="load")
                first, load = page.evaluate(
                    "() => [performance.getEntriesByName('first-contentful-paint')[0].startTime,"
                    " performance.getEntriesByType('navigation')[0].loadEventEnd]"
                )
                paint[mode].append(float(first))
                loaded[mode].append(float(load))
                context.close()
        browser.close()
    for label, times in (("first contentful paint", paint), ("load event", loaded)):
        ours, baseline = statistics.median(times["files"]), statistics.median(times["inline"])
        print(
            f"{name}, {label}: {ours:.0f} ms vs {baseline:.0f} ms  ->  {ours / baseline:.2f}x"
            f"   (medians of {rounds}: {[round(t) for t in times['files']]} vs"
            f" {[round(t) for t in times['inline']]}; HTML {sizes['files'] / 1024:,.0f} KB vs"
            f" {sizes['inline'] / 1024:,.0f} KB; one page of {examples} examples)",
            flush=True,
        )
