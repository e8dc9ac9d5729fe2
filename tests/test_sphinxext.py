"""The Sphinx extension: build a small site and read the HTML a reader gets."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from integrations.core import (
    Delivery,
    Message,
    Payload,
    Registry,
    SingleEvent,
    WebhookIntegration,
)
from integrations.examples import build_check
from integrations.examples.parse import parse_text
from tests.site_build import ROOT, build_small_site, rebuild_small_site

HELLO_FIXTURE = ROOT / "integrations" / "webhooks" / "helloworld" / "fixtures" / "hello.json"

CONF = """
extensions = ["myst_parser", "integrations.examples.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
exclude_patterns = ["_build"]
"""
# The rendering tests show markup (a mention, an emoji) that helloworld would
# not post; the build's own check of examples is tested with pages it runs.
UNCHECKED = CONF + 'zulip_check_examples = "off"\n'

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

:::{webhook-example} Good in between
:name: good
:fixture: hello.json
:topic: Featured articles

```zulip
Today's featured article is **[Marilyn Monroe](https://en.wikipedia.org/wiki/Marilyn_Monroe)**.
```
:::

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


def build(
    tmp_path: Path, pages: dict[str, str], *extra: str, conf: str = UNCHECKED
) -> subprocess.CompletedProcess[str]:
    return build_small_site(tmp_path, conf, pages, *extra)


def warnings_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if "WARNING" in line]


@pytest.fixture(scope="module")
def good_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("good")
    result = build(tmp_path, {"hello": GOOD}, "-W")
    assert result.returncode == 0, result.stderr
    return tmp_path / "out"


@pytest.fixture(scope="module")
def good_site(good_out: Path) -> str:
    return (good_out / "hello.html").read_text()


def test_example_renders_title_and_request(good_site: str) -> None:
    assert 'id="example-hello"' in good_site
    assert "A featured article" in good_site
    assert "Shown above the example." in good_site
    assert "/api/v1/external/helloworld?api_key=BOT_API_KEY&amp;stream=reading" in good_site
    assert "Marilyn_Monroe" in good_site


def test_the_payload_is_a_file_beside_the_page(good_out: Path, good_site: str) -> None:
    assert (
        '<details class="zi-payload"><summary>Payload · hello.json · 105 bytes</summary>'
        '<a class="zi-file" href="_examples/hello/hello.json">Open the raw file</a></details>'
    ) in good_site
    # The raw file is the body the example sends, byte for byte; its
    # highlighted twin is what the script shows; the page holds neither.
    raw = good_out / "_examples" / "hello" / "hello.json"
    assert raw.read_bytes() == HELLO_FIXTURE.read_bytes()
    highlighted = (good_out / "_examples" / "hello" / "hello.json.html").read_text()
    assert highlighted.startswith('<div class="highlight-json zi-body notranslate">')
    assert '<span class="nt">"featured_url"</span>' in highlighted
    assert "featured_url" not in good_site
    # An inline body gets a file named after its example.
    rejected = good_out / "_examples" / "hello" / "rejected.json"
    assert rejected.read_text() == '{"featured_title": 1}'


def test_the_message_source_is_a_file_beside_the_page(good_out: Path, good_site: str) -> None:
    source = good_out / "_examples" / "hello" / "hello.message.txt"
    assert source.read_text().startswith("Today's featured article is **[Marilyn Monroe](")
    assert (
        "<summary>Message source (Zulip Markdown)</summary>"
        '<a class="zi-file" href="_examples/hello/hello.message.txt">'
    ) in good_site
    assert "**[Marilyn Monroe]" not in good_site


def test_payloads_can_be_written_in_the_page(tmp_path: Path) -> None:
    result = build(tmp_path, {"hello": GOOD}, "-W", conf=UNCHECKED + 'zulip_payloads = "inline"\n')
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "hello.html").read_text()
    assert '<div class="highlight-json zi-body notranslate">' in page
    assert '<span class="nt">"featured_url"</span>' in page
    assert "**[Marilyn Monroe](https://en.wikipedia.org/wiki/Marilyn_Monroe)**" in page
    assert not (tmp_path / "out" / "_examples").exists()


def test_an_unknown_payload_mode_is_refused(tmp_path: Path) -> None:
    result = build(tmp_path, {"hello": GOOD}, conf=UNCHECKED + 'zulip_payloads = "lazy"\n')
    assert result.returncode != 0
    assert "zulip_payloads is one of files, inline; got 'lazy'" in result.stderr


def test_example_renders_the_message_as_zulip_shows_it(good_site: str) -> None:
    assert '<span class="zi-channel">#reading</span>' in good_site
    assert '<span class="zi-topic">Featured articles</span>' in good_site
    assert 'Hello World <span class="zi-bot-badge">bot</span>' in good_site
    assert 'data-integration="helloworld" data-initial="H"' in good_site
    assert (
        '<strong><a href="https://en.wikipedia.org/wiki/Marilyn_Monroe">Marilyn Monroe</a></strong>'
        in good_site
    )
    assert '<span class="user-mention channel-wildcard-mention">@all</span>' in good_site
    assert "🎉" in good_site
    assert "Message source (Zulip Markdown)" in good_site


def test_a_preview_without_a_channel_in_the_url_names_the_integrations(tmp_path: Path) -> None:
    page = GOOD.replace(":query: stream=reading\n", "")
    assert build(tmp_path, {"hello": page}, "-W").returncode == 0
    html = (tmp_path / "out" / "hello.html").read_text()
    assert '<span class="zi-channel">#helloworld</span>' in html
    assert "#stream" not in html


def test_other_outcomes_render_as_notes(good_site: str) -> None:
    assert "Nothing is posted for this request." in good_site
    assert "The integration rejects this request with the error:" in good_site
    assert "featured_title: expected a string, got an integer" in good_site


def test_css_is_shipped(tmp_path_factory: pytest.TempPathFactory, good_site: str) -> None:
    assert "_static/zulip-examples.css" in good_site


def test_a_broken_block_is_a_warning_at_its_line_and_the_rest_renders(tmp_path: Path) -> None:
    result = build(tmp_path, {"broken": BAD}, "-W", "--keep-going")
    assert result.returncode != 0
    warnings = warnings_of(result)
    assert any("broken.md:7: WARNING: Unknown option key: 'fixtur'" in line for line in warnings), (
        warnings
    )
    assert any(
        "broken.md:31: WARNING: the json block is not valid JSON" in line for line in warnings
    ), warnings
    page = (tmp_path / "out" / "broken.html").read_text()
    # The good example between the broken ones renders in full.
    assert 'id="example-good"' in page
    assert '<span class="zi-topic">Featured articles</span>' in page
    # Each broken one says what is wrong where it would be.
    assert page.count('class="zi-example zi-broken') == 2
    assert 'id="example-typo-in-an-option"' in page
    assert "broken.md:7: Unknown option key: &#x27;fixtur&#x27;" in page


# The build runs the examples ------------------------------------------------------

STALE = GOOD.replace("**. @**all** :tada:", "**. @**all**")
CHECKED_PAGE = """\
---
integration: helloworld
---
# Hello

:::{webhook-example} A featured article
:name: hello
:fixture: hello.json
:topic: Featured articles

```zulip
Today's featured article is **[Marilyn Monroe](https://en.wikipedia.org/wiki/Marilyn_Monroe)**.
```
:::
"""


def test_a_stale_message_fails_the_build_at_its_line(tmp_path: Path) -> None:
    stale = CHECKED_PAGE.replace("[Marilyn Monroe]", "[Marilyn]")
    result = build(tmp_path, {"hello": stale}, "-W", "--keep-going", conf=CONF)
    assert result.returncode != 0
    (warning,) = warnings_of(result)
    assert "hello.md:11: WARNING: the message differs (example 'hello'):" in warning
    assert "run `pytest --update-examples" in warning
    assert "+Today's featured article is **[Marilyn Monroe](" in result.stderr
    assert "-Today's featured article is **[Marilyn](" in result.stderr


def test_a_page_that_passed_is_checked_again_when_it_changes(tmp_path: Path) -> None:
    assert build(tmp_path, {"hello": CHECKED_PAGE}, "-W", conf=CONF).returncode == 0
    passed = json.loads((tmp_path / "out" / ".doctrees" / build_check.PASSED_FILE).read_text())
    assert set(passed) == {"hello", "index"}
    page = tmp_path / "site" / "hello.md"
    page.write_text(CHECKED_PAGE.replace(":topic: Featured articles", ":topic: Featured"))
    result = rebuild_small_site(tmp_path, "-W")
    assert result.returncode != 0
    assert "hello.md:9: WARNING: the topic differs (example 'hello')" in result.stderr
    # A failing page warns on every build until it is fixed.
    assert "the topic differs" in rebuild_small_site(tmp_path, "-W").stderr
    page.write_text(CHECKED_PAGE)
    assert rebuild_small_site(tmp_path, "-W").returncode == 0


def test_checking_can_be_turned_off(tmp_path: Path) -> None:
    stale = CHECKED_PAGE.replace("[Marilyn Monroe]", "[Marilyn]")
    assert build(tmp_path, {"hello": stale}, "-W", conf=UNCHECKED).returncode == 0


def test_the_code_fingerprint_follows_every_file(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "handler.py").write_text("A = 1\n")
    first = build_check.code_fingerprint(tmp_path)
    assert build_check.code_fingerprint(tmp_path) == first
    (tmp_path / "pkg" / "handler.py").write_text("A = 22\n")
    second = build_check.code_fingerprint(tmp_path)
    assert second != first
    (tmp_path / "pkg" / "fixture.json").write_text("{}")
    third = build_check.code_fingerprint(tmp_path)
    assert third != second
    # Installed dependencies are not the code under test.
    (tmp_path / "pkg" / "node_modules").mkdir()
    (tmp_path / "pkg" / "node_modules" / "left-pad.js").write_text("module.exports = 1;\n")
    assert build_check.code_fingerprint(tmp_path) == third


def test_an_integration_that_crashes_is_told_at_the_example() -> None:
    boom = WebhookIntegration(
        name="boom",
        display_name="Boom",
        description="A service whose integration has a bug.",
        categories=["misc"],
        events=SingleEvent("boom"),
    )

    @boom.handles("boom")
    def crash(payload: Payload, delivery: Delivery) -> Message:
        raise RuntimeError("a bug\nwith a second line")

    text = """\
---
integration: boom
---
:::{webhook-example} Boom
:topic: x

```json
{}
```

```zulip
x
```
:::
"""
    registry = Registry([boom])
    doc = parse_text(text, Path("boom.md"), registry)
    assert doc.errors == []
    assert list(build_check.check_page(doc, registry, "webhooks")) == [
        (4, "the integration failed on this example: RuntimeError: a bug")
    ]


def test_prose_can_link_to_an_example(tmp_path: Path) -> None:
    page = GOOD.replace("# Hello\n", "# Hello\n\nSee [the first example](#example-hello).\n")
    result = build(tmp_path, {"hello": page}, "-W")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "hello.html").read_text()
    assert '<a class="reference internal" href="#example-hello">' in html
