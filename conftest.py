"""Every example block in docs/ is a test; the plugin that collects them lives in the package."""

pytest_plugins = [
    "integrations.examples.pytest_plugin",
    "integrations.testing.pytest_plugin",
    # The tools the tests drive (git, svn, hg, Chromium...): skipped or, in CI, failed when missing.
    "tests.tools",
]
