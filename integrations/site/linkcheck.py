"""Check the links inside a built site: every local link leads to a file, every #fragment to an id.

External links are not followed (there is no network where the site is
built and tested); ``make linkcheck`` runs this on ``docs/_build/html``.
Zulip's own narrow links in message previews (``#narrow/...``) point into
Zulip, not into the site, and are left alone.

Usage: ``python -m integrations.site.linkcheck DIRECTORY``
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIPPED_SCHEMES = frozenset({"http", "https", "mailto", "data", "javascript", "ftp"})


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(str(values[name]))
        for name in ("href", "src"):
            link = values.get(name)
            if link and not (tag == "link" and values.get("rel") in {"preconnect", "dns-prefetch"}):
                self.page.links.append(link)


def _read(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        reader = _Reader()
        reader.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = reader.page
    return cache[path]


def _problem(root: Path, page: Path, link: str, cache: dict[Path, _Page]) -> str | None:
    parts = urlsplit(link)
    if parts.scheme in SKIPPED_SCHEMES or parts.netloc:
        return None
    fragment = unquote(parts.fragment)
    if fragment.startswith("narrow/"):
        return None
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"{page.relative_to(root)}: {link}: no such file"
    if fragment and target.suffix == ".html" and fragment not in _read(target, cache).ids:
        return f"{page.relative_to(root)}: {link}: no element with id {fragment!r}"
    return None


def check(root: Path) -> list[str]:
    """Every broken local link of the site in ``root``, as ``page: link: why``."""
    root = root.resolve()
    cache: dict[Path, _Page] = {}
    problems = []
    for page in sorted(root.rglob("*.html")):
        if "_sources" in page.relative_to(root).parts:
            continue
        for link in _read(page, cache).links:
            problem = _problem(root, page, link, cache)
            if problem:
                problems.append(problem)
    return problems


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: python -m integrations.site.linkcheck DIRECTORY", file=sys.stderr)
        return 2
    root = Path(arguments[0])
    if not (root / "index.html").is_file():
        print(f"{root}: no built site here (no index.html)", file=sys.stderr)
        return 2
    problems = check(root)
    for problem in problems:
        print(problem)
    pages = sum(1 for _ in root.rglob("*.html"))
    print(f"{len(problems)} broken links in {pages} pages (external links not checked)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
