"""The Sphinx extension: build a small site and read the HTML a reader gets."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.site_build import build_small_site

CONF = """
extensions = ["myst_parser", "integrations.examples.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
exclude_patterns = ["_build"]
"""

GOOD = """\
---
integration: helloworld
---
# Hello

:::{webhook-example} A featured article
:name: hello
:fixture: hello.json
:query: stream=reading
:topic: Featured articles

Shown above the example.

```zulip
Today's featured article is **[Marilyn Monroe](https://en.wikipedia.org/wiki/Marilyn_Monroe)**. @**all** :tada:
```
:::

:::{webhook-example} Not posted
:fixture: goodbye.json
:query: exclude_events=*
:expect: nothing
:::

:::{webhook-example} Rejected
:expect: error

```json
{"featured_title": 1}
```

```error
featured_title: expected a string, got an integer
```
:::
"""

BAD = """\
---
integration: helloworld
---
# Broken

:::{webhook-example} Typo in an option
:fixtur: hello.json
:topic: x

```zulip
x
```
:::

Text between.

:::{webhook-example} Bad JSON
:topic: x

```json
{"featured_title": }
```

```zulip
x
```
:::
"""


def build(tmp_path: Path, pages: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return build_small_site(tmp_path, CONF, pages, *extra)


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp_path = tmp_path_factory.mktemp("good")
    result = build(tmp_path, {"hello": GOOD}, "-W")
    assert result.returncode == 0, result.stderr
    return (tmp_path / "out" / "hello.html").read_text()


def test_example_renders_title_request_and_payload(good_site: str) -> None:
    assert 'id="example-hello"' in good_site
    assert "A featured article" in good_site
    assert "Shown above the example." in good_site
    assert "/api/v1/external/helloworld?api_key=BOT_API_KEY&amp;stream=reading" in good_site
    assert '<details class="zi-payload">' in good_site
    assert "Payload · hello.json · 105 bytes" in good_site
    assert "Marilyn_Monroe" in good_site
    assert 'class="highlight-json' in good_site


def test_example_renders_the_message_as_zulip_shows_it(good_site: str) -> None:
    assert '<span class="zi-channel">#reading</span>' in good_site
    assert '<span class="zi-topic">Featured articles</span>' in good_site
    assert 'Hello World <span class="zi-bot-badge">bot</span>' in good_site
    assert (
        '<strong><a href="https://en.wikipedia.org/wiki/Marilyn_Monroe">Marilyn Monroe</a></strong>'
        in good_site
    )
    assert '<span class="user-mention channel-wildcard-mention">@all</span>' in good_site
    assert "🎉" in good_site
    assert "Message source (Zulip Markdown)" in good_site


def test_other_outcomes_render_as_notes(good_site: str) -> None:
    assert "Nothing is posted for this request." in good_site
    assert "The integration rejects this request with the error:" in good_site
    assert "featured_title: expected a string, got an integer" in good_site


def test_css_is_shipped(tmp_path_factory: pytest.TempPathFactory, good_site: str) -> None:
    assert "_static/zulip-examples.css" in good_site


def test_malformed_blocks_are_warnings_at_their_lines(tmp_path: Path) -> None:
    result = build(tmp_path, {"broken": BAD}, "-W", "--keep-going")
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert any("broken.md:7: WARNING: Unknown option key: 'fixtur'" in line for line in warnings), (
        warnings
    )
    assert any(
        "broken.md:21: WARNING: the json block is not valid JSON" in line for line in warnings
    ), warnings
