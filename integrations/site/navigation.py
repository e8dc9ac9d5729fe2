"""Every page is written again when the site's navigation changes.

Each page's sidebar lists the pages of the site. Sphinx writes only the
pages it read again, so after a page is added, removed or retitled the
other pages would keep their old sidebars until each is edited. The shape
of the navigation (the pages, their titles, what each toctree holds) is
kept in the environment; when reading changes it, every page is written
again. Writing is the cheap half of a build: nothing is read again.
"""

from __future__ import annotations

import hashlib
import json

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def navigation_shape(env: BuildEnvironment) -> str:
    """A digest of what the sidebars show."""
    pages = [
        [
            docname,
            env.titles[docname].astext() if docname in env.titles else "",
            env.toctree_includes.get(docname, []),
        ]
        for docname in sorted(env.found_docs)
    ]
    return hashlib.sha256(json.dumps(pages).encode()).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    shape = navigation_shape(env)
    before: str | None = getattr(env, "zi_navigation_shape", None)
    env.zi_navigation_shape = shape  # type: ignore[attr-defined]
    if before is None or before == shape:
        return []
    return sorted(env.found_docs)


def setup(app: Sphinx) -> None:
    app.connect("env-updated", pages_to_rewrite)
