"""Pages a glob toctree gathers are listed by title, not by file name.

The integration pages are gathered with ``:glob:`` so that a new page needs
no list edited; Sphinx orders what a glob finds by file name, which puts
"Prometheus Alertmanager" (``alertmanager.md``) first and "Mercurial"
(``hg.md``) before "Hubot". Once every title is known (``env-updated``),
the entries of each glob toctree are sorted by title, in the sidebars and in
the previous/next links alike. (Not a glob in the root document: Sphinx
builds the sidebar from the root's stored doctree. The site's glob is in
``integrations/index``.)
"""

from __future__ import annotations

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

# Before navigation.py compares the sidebars' shape (at the default, 500).
PRIORITY = 400


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return (title.astext() if title is not None else docname).casefold()


def sort_glob_toctrees(app: Sphinx, env: BuildEnvironment) -> None:
    for docname, toc in env.tocs.items():
        for toctree in toc.findall(addnodes.toctree):
            if not toctree.get("glob"):
                continue
            # An entry with an explicit title keeps it; others are listed by the page's title.
            toctree["entries"].sort(key=lambda entry: entry[0] or _title(env, entry[1]))
            globbed = [ref for _, ref in toctree["entries"]]
            toctree["includefiles"] = [ref for ref in globbed if ref in toctree["includefiles"]]
            order = {ref: index for index, ref in enumerate(globbed)}
            includes = env.toctree_includes.get(docname, [])
            includes.sort(key=lambda ref: order.get(ref, len(order)))


def setup(app: Sphinx) -> None:
    app.connect("env-updated", sort_glob_toctrees, priority=PRIORITY)
