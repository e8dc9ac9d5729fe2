"""Fixtures for testing script and plugin integrations against a Zulip stand-in.

``zulip_standin``
: a running ``ZulipStandIn``; when the test ends it checks that every request
  it received followed Zulip's OpenAPI description (set ``allow_invalid`` on
  it in a test that sends invalid requests on purpose).

``git_repo``, ``svn_repo``, ``hg_repo``
: a repository with the hook installed as the docs say, posting to the
  stand-in; ``.run("shell commands")`` returns the messages they caused.

``trac_env``
: a real Trac environment with the Zulip component enabled.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from integrations.testing import repos, trac
from integrations.testing.zulip_standin import ZulipStandIn


@pytest.fixture
def zulip_standin() -> Iterator[ZulipStandIn]:
    with ZulipStandIn() as standin:
        yield standin
    if not standin.allow_invalid:
        standin.assert_all_valid()


@pytest.fixture
def git_repo(tmp_path: Path, zulip_standin: ZulipStandIn) -> repos.HookedRepository:
    return repos.git_repository(tmp_path, zulip_standin)


@pytest.fixture
def svn_repo(tmp_path: Path, zulip_standin: ZulipStandIn) -> repos.HookedRepository:
    return repos.svn_repository(tmp_path, zulip_standin)


@pytest.fixture
def hg_repo(tmp_path: Path, zulip_standin: ZulipStandIn) -> repos.HookedRepository:
    return repos.hg_repository(tmp_path, zulip_standin)


@pytest.fixture
def trac_env(tmp_path: Path, zulip_standin: ZulipStandIn) -> trac.TracEnvironment:
    return trac.trac_environment(tmp_path, zulip_standin)
