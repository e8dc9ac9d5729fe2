"""The categories an integration can be listed under in the catalog."""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "bots": "Bots",
    "communication": "Communication",
    "continuous-integration": "Continuous integration",
    "customer-support": "Customer support",
    "deployment": "Deployment",
    "financial": "Financial",
    "meta-integration": "Integrations of integrations",
    "misc": "Miscellaneous",
    "monitoring": "Monitoring and alerts",
    "productivity": "Productivity",
    "project-management": "Project management",
    "version-control": "Version control",
}
