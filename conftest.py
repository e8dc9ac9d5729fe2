"""Every example block in docs/ is a test; the plugin that collects them lives in the package."""

pytest_plugins = ["integrations.examples.pytest_plugin", "integrations.testing.pytest_plugin"]
