"""The site extension in a real Sphinx build, and the internal link check."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from integrations.site import linkcheck
from tests.site_build import build_small_site, built_site

__all__ = ["built_site"]

CONF = """
extensions = ["myst_parser", "integrations.examples.sphinxext", "integrations.site"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
exclude_patterns = ["_build"]
"""

EXAMPLE = """
:::{webhook-example} A featured article
:name: hello
:fixture: hello.json
:topic: Featured articles

```zulip
Today's featured article is **[Marilyn Monroe](https://en.wikipedia.org/wiki/Marilyn_Monroe)**.
```
:::
"""

PAGES = {
    "auto": "---\nintegration: helloworld\n---\n# Auto\n\nIntro.\n\n## Setting it up\n\n"
    "1. Make a bot.\n\n## Examples\n" + EXAMPLE,
    "placed": "---\nintegration: helloworld\n---\n# Placed\n\n```{webhook-url-builder}\n```\n\n"
    "## Events\n\n```{supported-events}\n```\n\n## Examples\n" + EXAMPLE,
    "own": "---\nintegration: helloworld\n---\n# Own\n\n## Supported events\n\n"
    "| event | posts |\n| - | - |\n| featured_article | the article |\n",
    "catalog": "# Catalog\n\n```{integration-catalog}\n```\n",
}


def build(root: Path, pages: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return build_small_site(root, CONF, pages, "-W", "--keep-going")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    result = build(root, PAGES)
    assert result.returncode == 0, result.stderr
    return root / "out"


def sections(page: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)">', page)


def test_webhook_pages_get_the_builder_and_the_table(site: Path) -> None:
    page = (site / "auto.html").read_text()
    assert page.count('<form class="zi-url-builder"') == 1
    assert page.count("zi-supported-events-block") == 1
    # The builder ends "Setting it up"; the table gets a section before the examples.
    setup = page.index('id="setting-it-up"')
    assert setup < page.index("zi-url-builder") < page.index('id="supported-events"')
    assert page.index('id="supported-events"') < page.index('id="examples"')
    assert '<a class="reference internal" href="#example-hello">A featured article</a>' in page


def test_placed_directives_are_not_added_twice(site: Path) -> None:
    page = (site / "placed.html").read_text()
    assert page.count('<form class="zi-url-builder"') == 1
    assert page.count("zi-supported-events-block") == 1
    assert "supported-events" not in sections(page)


def test_an_authors_own_events_table_is_kept_alone(site: Path) -> None:
    page = (site / "own.html").read_text()
    assert "zi-supported-events-block" not in page
    assert "the article" in page
    # Without a "Setting it up" section the builder gets its own.
    assert "webhook-url" in sections(page)


def test_catalog_lists_the_registry(site: Path) -> None:
    page = (site / "catalog.html").read_text()
    assert 'data-name="helloworld hello world"' in page
    assert '<div class="zi-catalog-controls" hidden>' in page
    assert (site / "_static" / "zulip-logos.css").read_text().count("data:image/svg+xml") > 0


def test_a_directive_without_an_integration_is_a_warning(tmp_path: Path) -> None:
    result = build(tmp_path, {"lost": "# Lost\n\n```{supported-events}\n```\n"})
    assert result.returncode != 0
    assert "lost.md:3: WARNING: supported-events: give :integration:" in result.stderr


# Internal links ---------------------------------------------------------------------


def test_the_small_site_has_no_broken_links(site: Path) -> None:
    assert linkcheck.check(site) == []


def test_the_documentation_site_has_no_broken_links(built_site: Path) -> None:
    assert linkcheck.check(built_site) == []


def test_broken_files_and_anchors_are_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<p id="top"><a href="#top">ok</a> <a href="other.html#missing">bad anchor</a>'
        ' <a href="gone.html">gone</a> <img src="_static/x.png"> <a href="https://x.org">ext</a>'
        ' <a href="#narrow/channel/general">zulip</a> <a href="sub/">dir</a></p>'
    )
    (tmp_path / "other.html").write_text('<a name="named">x</a>')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text('<a href="../other.html#named">ok</a>')
    assert linkcheck.check(tmp_path) == [
        "index.html: other.html#missing: no element with id 'missing'",
        "index.html: gone.html: no such file",
        "index.html: _static/x.png: no such file",
    ]
    assert linkcheck.main([str(tmp_path)]) == 1
    assert linkcheck.main([str(tmp_path / "sub" / "nothing")]) == 2
