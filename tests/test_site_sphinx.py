"""The site extension in a real Sphinx build, and the internal link check."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from integrations.site import linkcheck
from integrations.site.overview import MIN_EXAMPLES
from tests.site_build import DOCS, build_small_site, built_site, rebuild_small_site

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


# Long pages get an overview ----------------------------------------------------------

NOTHING = """
:::{{webhook-example}} Left out, number {number}
:name: left-out-{number}
:fixture: hello.json
:query: exclude_events=*
:expect: nothing
:::
"""


def long_page(examples: int) -> str:
    blocks = "".join(NOTHING.format(number=number) for number in range(examples))
    return (
        "---\nintegration: helloworld\n---\n# Long\n\nIntro.\n\n## Setting it up\n\nSteps.\n\n"
        "## Examples\n" + blocks
    )


def test_a_long_page_gets_an_overview_of_its_examples_by_event(tmp_path: Path) -> None:
    count = MIN_EXAMPLES
    result = build(tmp_path, {"long": long_page(count), "short": long_page(count - 1)})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "long.html").read_text()
    # Near the top: after the introduction, before the first section.
    assert (
        page.index("Intro.") < page.index('class="zi-overview"') < page.index('id="setting-it-up"')
    )
    assert f"<p>The {count} examples of this page, by event:</p>" in page
    assert (
        '<summary><code>featured_article</code> <span class="zi-overview-count">'
        f"{count}</span></summary>"
    ) in page
    for number in range(count):
        assert (
            f'<li><a href="#example-left-out-{number}">Left out, number {number}</a></li>' in page
        )
    assert linkcheck.check(tmp_path / "out") == []
    assert 'class="zi-overview"' not in (tmp_path / "out" / "short.html").read_text()


# The documentation site's own configuration -----------------------------------------------

PAGE = "# Page {name}\n\nSome text.\n"


def docs_site(root: Path, pages: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A small site built with docs/conf.py, its static files and its extensions."""
    shutil.copytree(DOCS / "_static", root / "site" / "_static")
    return build_small_site(root, (DOCS / "conf.py").read_text(), pages, quiet=False)


def test_an_incremental_build_says_only_what_changed(tmp_path: Path) -> None:
    first = docs_site(tmp_path, {"a": PAGE.format(name="a"), "b": PAGE.format(name="b")})
    assert first.returncode == 0, first.stderr
    assert "myst v" not in first.stdout
    (tmp_path / "site" / "b.md").write_text(PAGE.format(name="b, edited"))
    again = rebuild_small_site(tmp_path, "-W", quiet=False)
    assert again.returncode == 0, again.stderr
    assert "updating environment: 0 added, 1 changed, 0 removed" in again.stdout
    assert "configuration has changed" not in again.stdout
    assert "myst v" not in again.stdout


def test_adding_a_page_refreshes_every_sidebar(tmp_path: Path) -> None:
    assert docs_site(tmp_path, {"a": PAGE.format(name="a")}).returncode == 0
    site = tmp_path / "site"
    (site / "c.md").write_text(PAGE.format(name="c"))
    index = site / "index.md"
    index.write_text(index.read_text().replace("a\n```", "a\nc\n```"))
    result = rebuild_small_site(tmp_path, "-W", quiet=False)
    assert result.returncode == 0, result.stderr
    # Only the index was read again, yet the untouched page's sidebar lists the new one.
    assert "updating environment: 1 added, 1 changed, 0 removed" in result.stdout
    sidebar = (tmp_path / "out" / "a.html").read_text().split('class="sidebar-tree"')[1]
    assert 'href="c.html">Page c</a>' in sidebar
    # Nothing changed: nothing is written again.
    mtime = (tmp_path / "out" / "a.html").stat().st_mtime_ns
    assert rebuild_small_site(tmp_path, "-W").returncode == 0
    assert (tmp_path / "out" / "a.html").stat().st_mtime_ns == mtime


def test_a_glob_toctree_lists_its_pages_by_title(tmp_path: Path) -> None:
    """As the integrations' index gathers their pages: a page below the root, with a glob."""
    listing = "# List\n\n```{toctree}\n:glob:\n\nitems/*\n```\n"
    assert docs_site(tmp_path, {"list": listing}).returncode == 0
    items = tmp_path / "site" / "items"
    items.mkdir()
    for name, title in (("a", "Zeta"), ("b", "alpha"), ("c", "Mu")):
        (items / f"{name}.md").write_text(f"# {title}\n\nText.\n")
    result = rebuild_small_site(tmp_path, "-W")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "index.html").read_text()
    sidebar = page.split('class="sidebar-tree"')[1].split("</div>")[0]
    assert re.findall(r'href="items/[abc].html">([^<]*)</a>', sidebar) == ["alpha", "Mu", "Zeta"]
    # The previous/next links follow the same order.
    assert (
        'rel="next" title="Mu" href="c.html"'
        in (items.parent.parent / "out/items/b.html").read_text()
    )


# The weight of the documentation site's pages ------------------------------------------

PAGE_LIMIT = 600 * 1024


def test_every_integration_page_weighs_under_600_kb(built_site: Path) -> None:
    pages = sorted((built_site / "integrations").glob("*.html"))
    assert len(pages) > 10
    heavy = {page.name: page.stat().st_size for page in pages if page.stat().st_size >= PAGE_LIMIT}
    assert heavy == {}
    # The payloads are beside the pages: the largest page holds none of them.
    largest = max(pages, key=lambda page: page.stat().st_size)
    name = largest.stem
    payloads = list((built_site / "_examples" / "integrations" / name).glob("*.json"))
    assert payloads
    text = largest.read_text()
    assert all(f"{payload.name}" in text for payload in payloads)
    assert not any(
        payload.read_text()[:200] in text for payload in payloads if len(payload.read_text()) > 200
    )
