"""Guards: rules the core applies to every delivery before its handler, driven by an option.

A family of integrations shares some options that decide whether anything
is posted at all, such as ``ignore_private_repositories``. Declared as a
guard, such an option is read and applied in one place instead of in every
handler: the core asks the guard, after routing and before the handler, and
a delivery it drops posts nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from integrations.core.options import Option
from integrations.core.payload import Payload
from integrations.core.routing import Delivery


@dataclass(frozen=True)
class Guard:
    """``drops(payload, delivery)`` says whether to post nothing; ``options`` are what it reads."""

    name: str
    options: Sequence[Option[Any]]
    drops: Callable[[Payload, Delivery], bool]
