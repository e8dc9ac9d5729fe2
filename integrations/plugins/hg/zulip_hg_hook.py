"""The Mercurial hook that posts pushes to Zulip. Mercurial loads it into its own Python.

In the repository's ``.hg/hgrc``::

    [hooks]
    changegroup.zulip = python:/opt/zulip-hg/integrations/plugins/hg/zulip_hg_hook.py:hook

    [zulip]
    email = hg-bot@example.zulipchat.com
    api_key = ...
    site = https://example.zulipchat.com
    channel = commits

This file only makes the package importable and hands over to
``integrations.plugins.hg.notify``; it never raises, so a failure to post
never fails the push.
"""

from __future__ import annotations

import contextlib
import os
import site
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any


def _package_root() -> str:
    # <root>/integrations/plugins/hg/zulip_hg_hook.py: <root> holds the package
    # and, after `pip install --target <root>`, its dependencies too. The path
    # is not resolved: <root> may hold links to the files.
    here = os.path.abspath(__file__)
    for _ in range(4):
        here = os.path.dirname(here)
    return here


def _eager_imports() -> AbstractContextManager[Any]:
    # Mercurial imports modules lazily ("demandimport"); requests and urllib3
    # then fail to catch their own exceptions. Import and run eagerly.
    try:
        from mercurial import demandimport  # type: ignore[import-not-found]
    except ImportError:
        return contextlib.nullcontext()
    deactivated: Callable[[], AbstractContextManager[Any]] = demandimport.deactivated
    return deactivated()


def hook(
    ui: Any, repo: Any, hooktype: bytes | str, node: bytes | None = None, **kwargs: Any
) -> bool:
    """Mercurial's entry point for ``changegroup`` and ``incoming`` hooks."""
    with _eager_imports():
        try:
            from integrations.plugins.hg.notify import notify
        except ImportError:
            site.addsitedir(_package_root())
            try:
                from integrations.plugins.hg.notify import notify
            except ImportError as error:
                ui.warn(
                    f"zulip: nothing posted: {error} (install zulip-integrations for "
                    f"{sys.executable}, Mercurial's Python)\n".encode()
                )
                return False
        return notify(ui, repo, hooktype, node, **kwargs)
