"""A build log that says what matters: two lines that said nothing, gone.

* myst-parser logs its whole configuration when the builder starts, on
  every build.
* "The configuration has changed (... 'html_static_path')" on every
  incremental build. Extensions (this project's, sphinx-copybutton) add
  their static folders to ``html_static_path`` when the builder starts, as
  Sphinx asks them to; the environment was saved with the longer list, and
  the next build compares it with conf.py's list before they add theirs.
  Here the environment is saved with the list as conf.py gave it, and the
  full list is back before anything is copied.

(The theme's own options are the other half: ``docs/conf.py`` loads Furo
early so that they exist when the saved configuration is compared.)
"""

from __future__ import annotations

import logging

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"


class _WithoutMystConfiguration(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "myst v%s:" not in str(record.msg)


class StaticPathAsWritten:
    """Saves the environment with ``html_static_path`` as conf.py wrote it."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.full: list[str] | None = None

    def remember(self, app: Sphinx, config: Config) -> None:
        self.written = list(config.html_static_path)

    def before_saving(self, app: Sphinx, env: BuildEnvironment) -> None:
        self.full = list(app.config.html_static_path)
        app.config.html_static_path = list(self.written)

    def after_saving(self, app: Sphinx, builder: Builder) -> None:
        if self.full is not None:
            app.config.html_static_path = self.full
            self.full = None


def setup(app: Sphinx) -> None:
    logger = logging.getLogger(MYST_LOGGER)
    if not any(isinstance(found, _WithoutMystConfiguration) for found in logger.filters):
        logger.addFilter(_WithoutMystConfiguration())
    static = StaticPathAsWritten()
    # After Sphinx checks the list (priority 800); the saving comes last of all.
    app.connect("config-inited", static.remember, priority=900)
    app.connect("env-updated", static.before_saving, priority=1000)
    app.connect("write-started", static.after_saving, priority=0)
