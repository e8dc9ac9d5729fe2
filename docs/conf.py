"""Sphinx configuration for the Zulip integrations site."""

from __future__ import annotations

from sphinx.application import Sphinx

import integrations
from integrations.examples.parse import MYST_EXTENSIONS

project = "Zulip integrations"
author = "The Zulip integrations contributors"
copyright = "2026, the Zulip integrations contributors"
release = integrations.__version__
version = release

extensions = [
    "myst_parser",
    # The guide's reference page is generated from the framework's docstrings.
    "sphinx.ext.autodoc",
    "sphinx_copybutton",
    "integrations.examples.sphinxext",
    "integrations.site",
]

# A docstring says what the project's code does; str's own (Markdown.join) would not.
autodoc_inherit_docstrings = False
autodoc_member_order = "bysource"

# The example parser reads pages with the same markdown-it set-up.
myst_enable_extensions = sorted(MYST_EXTENSIONS)
myst_heading_anchors = 3

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
suppress_warnings: list[str] = []

html_theme = "furo"
html_title = "Zulip integrations"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
# Styles whose every colour reads against their background (WCAG AA), from
# accessible-pygments, which Furo depends on.
pygments_style = "a11y-light"
pygments_dark_style = "a11y-dark"

# Copy buttons: leave out the prompts and the output of console sessions.
copybutton_prompt_text = r"\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos, .gp, .go"


def setup(app: Sphinx) -> None:
    # Furo declares its options (pygments_dark_style) when the builder loads
    # the theme, after Sphinx has compared this configuration with the one
    # saved by the last build; loaded now, they are there for the comparison,
    # and an incremental build no longer says the configuration changed.
    app.setup_extension("furo")
    # Not html_css_files: Sphinx adds to that list's entries while it
    # builds, so the saved configuration would differ from this one.
    app.add_css_file("site.css")
