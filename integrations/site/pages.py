"""Which integration a documentation page is about, from its front matter."""

from __future__ import annotations

from pathlib import Path

import yaml

from integrations.core.integration import Integration, WebhookIntegration
from integrations.core.registry import UnknownIntegration, default_registry


def front_matter(path: Path) -> dict[str, object]:
    """The YAML between a page's opening ``---`` lines; empty if it has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if not text.startswith("---\n"):
        return {}
    block, found, _ = text[4:].partition("\n---")
    if not found:
        return {}
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}  # the example parser reports bad front matter at its line
    return data if isinstance(data, dict) else {}


def page_integration(path: Path) -> Integration | None:
    name = front_matter(path).get("integration")
    if not isinstance(name, str):
        return None
    try:
        return default_registry().get(name)
    except UnknownIntegration:
        return None


def webhook_named(name: str | None, path: Path) -> WebhookIntegration | str:
    """The webhook an option names, or else the page's; an error message if there is none."""
    registry = default_registry()
    if name:
        if name not in registry:
            return f"no integration named {name!r}"
        integration: Integration | None = registry.get(name)
    else:
        integration = page_integration(path)
    if integration is None:
        return "give :integration: or name the integration in the page's front matter"
    if not isinstance(integration, WebhookIntegration):
        return f"{integration.name} is not a webhook integration"
    return integration
