"""Sphinx configuration for the Zulip integrations site."""

from __future__ import annotations

import integrations
from integrations.examples.parse import MYST_EXTENSIONS

project = "Zulip integrations"
author = "The Zulip integrations contributors"
copyright = "2026, the Zulip integrations contributors"
release = integrations.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx_copybutton",
    "integrations.examples.sphinxext",
    "integrations.site",
]

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
pygments_style = "friendly"
pygments_dark_style = "monokai"

# Copy buttons: leave out the prompts and the output of console sessions.
copybutton_prompt_text = r"\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos, .gp, .go"
