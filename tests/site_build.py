"""Sphinx builds for the tests: the documentation site, and small sites of a few pages.

The documentation site is built once per test session. With pytest-xdist each
worker asks for it; the first builds it under a lock in the session's shared
temporary folder and the others wait and reuse it.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@contextmanager
def locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_site(output: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "--no-color"),
            *("-b", "html"),
            *("-d", str(output.parent / "doctrees"), str(DOCS), str(output)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"the site does not build:\n{result.stderr}"


def build_small_site(
    root: Path, conf: str, pages: dict[str, str], *options: str, quiet: bool = True
) -> subprocess.CompletedProcess[str]:
    """Build ``pages`` (name: MyST text) with ``conf`` into ``root/out``; the HTML builder's result."""
    source = root / "site"
    source.mkdir(exist_ok=True)
    (source / "conf.py").write_text(conf)
    toctree = "\n".join(pages)
    (source / "index.md").write_text(f"# Site\n\n```{{toctree}}\n{toctree}\n```\n")
    for name, text in pages.items():
        (source / f"{name}.md").write_text(text)
    return rebuild_small_site(root, *options, quiet=quiet)


def rebuild_small_site(
    root: Path, *options: str, quiet: bool = True
) -> subprocess.CompletedProcess[str]:
    """Build the small site in ``root`` again, as an incremental ``make html`` would."""
    return subprocess.run(
        [
            # Plain output whatever the environment says (Sphinx colours when CI=true): the tests read it.
            *(sys.executable, "-m", "sphinx", "-b", "html", "--no-color"),
            *(["-q"] if quiet else []),
            *options,
            *(str(root / "site"), str(root / "out")),
        ],
        capture_output=True,
        text=True,
        check=False,
        # Sphinx saves the traceback of a failed build in the temporary folder: the test's.
        env={**os.environ, "TMPDIR": str(root)},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site's HTML, built from docs/ with warnings as errors."""
    base = tmp_path_factory.getbasetemp()
    # Workers share their parent folder, which belongs to this session alone.
    shared = (base if worker_id == "master" else base.parent) / "site"
    shared.mkdir(exist_ok=True)
    output = shared / "html"
    with locked(shared / "lock"):
        if not (shared / "built").exists():
            build_site(output)
            (shared / "built").touch()
    return output
