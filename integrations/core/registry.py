"""The registry: every integration of the project, found by looking at the packages."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from integrations.core.integration import Integration

# Packages whose sub-packages are integrations, one each.
INTEGRATION_PACKAGES = ("integrations.webhooks", "integrations.scripts", "integrations.plugins")


class UnknownIntegration(LookupError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__(f"no integration named {name!r}; known: {', '.join(sorted(known))}")
        self.name = name


class Registry:
    """Integrations by name."""

    def __init__(self, integrations: Iterable[Integration]) -> None:
        self._by_name: dict[str, Integration] = {}
        self._aliases: dict[str, Integration] = {}
        for integration in integrations:
            if integration.name in self._by_name or integration.name in self._aliases:
                raise ValueError(f"two integrations are named {integration.name!r}")
            self._by_name[integration.name] = integration
        for integration in self._by_name.values():
            for alias in integration.aliases:
                if alias in self._by_name or alias in self._aliases:
                    raise ValueError(f"two integrations are named {alias!r}")
                self._aliases[alias] = integration

    def get(self, name: str) -> Integration:
        """The integration of this name, or of this alias (Zulip's ``bitbucket2``)."""
        found = self._by_name.get(name) or self._aliases.get(name)
        if found is None:
            raise UnknownIntegration(name, self._by_name)
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._by_name or name in self._aliases

    def __iter__(self) -> Iterator[Integration]:
        return iter(sorted(self._by_name.values(), key=lambda item: item.name))

    def __len__(self) -> int:
        return len(self._by_name)


def discover(packages: Iterable[str] = INTEGRATION_PACKAGES) -> list[Integration]:
    """Import each integration package and take the ``integration`` it declares."""
    found: list[Integration] = []
    for package_name in packages:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.iter_modules(package.__path__):
            if not module_info.ispkg:
                continue
            module = importlib.import_module(f"{package_name}.{module_info.name}")
            integration = getattr(module, "integration", None)
            if not isinstance(integration, Integration):
                raise TypeError(
                    f"{module.__name__} must define `integration`, an Integration instance"
                )
            if integration.home is None and module.__file__:
                integration.home = Path(module.__file__).parent
            found.append(integration)
    return found


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry of every integration shipped in this project."""
    return Registry(discover())
