"""The site build runs the examples against the code, as pytest does.

Without it, a page whose expected message the code no longer produces
builds cleanly and shows a stale message until someone runs the tests. So
when Sphinx has read the pages (``env-updated``), every example of every
page runs through its integration, and one whose outcome differs is a
warning at its ``file:line``, which ``-W`` turns into a failed build.

Every page is checked, not only the pages Sphinx re-read: the code can
change while a page does not. A page that passed is not run again until its
source or a file under ``integrations/`` changes; what passed is kept in
the doctree folder. A page that failed runs (and warns) again on every
build until it is fixed.

``zulip_check_examples`` in ``conf.py`` says what runs: ``"webhooks"`` (the
default: well under a millisecond an example), ``"all"`` (the script
examples too, which run real git, svn, hg and Trac, seconds each), or
``"off"``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util import logging

import integrations
from integrations.core.registry import Registry, default_registry
from integrations.examples.model import Example, ParsedDoc, ScriptExample, display_path
from integrations.examples.run import Mismatch, compare, run_example
from integrations.examples.sphinxext import parsed_doc

logger = logging.getLogger(__name__)
MODES = ("webhooks", "all", "off")
PASSED_FILE = "zulip-examples-passed.json"
CODE = Path(integrations.__file__).resolve().parent
SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules", ".mypy_cache", ".pytest_cache"})


def code_fingerprint(root: Path = CODE) -> str:
    """Changes whenever a file under ``root`` (code, fixtures) is added, removed or edited.

    Installed dependencies (``node_modules``) and caches are left out: they
    are thousands of files that change only with a lock file, which counts.
    """
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED_FOLDERS)
        for name in sorted(files):
            path = Path(folder, name)
            stat = path.stat()
            relative = path.relative_to(root)
            digest.update(f"{relative}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


def _page_key(path: Path, fingerprint: str, mode: str) -> str:
    stat = path.stat()
    return f"{mode}:{fingerprint}:{stat.st_mtime_ns}:{stat.st_size}"


def _load(file: Path) -> dict[str, str]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}


def check_page(doc: ParsedDoc, registry: Registry, mode: str) -> Iterator[tuple[int, str]]:
    """Each example of the page that does not do what the page says: (line, why)."""
    for example in doc.examples:
        found = _check_webhook(example, registry)
        if found is not None:
            yield found
    if mode == "all":
        for script in doc.script_examples:
            found = _check_script(script)
            if found is not None:
                yield found


def _check_webhook(example: Example, registry: Registry) -> tuple[int, str] | None:
    try:
        mismatch = compare(example, run_example(example, registry), registry)
    except Exception as error:  # a bug in the integration, told where it shows
        return example.line, f"the integration failed on this example: {_failure(error)}"
    return None if mismatch is None else _told(example, mismatch)


def _check_script(example: ScriptExample) -> tuple[int, str] | None:
    if example.continues_broken:
        return None  # the broken block it continues is reported already
    # Imported here: only a build that asks for it needs the tools' helpers.
    from integrations.examples.script_run import compare_script, run_script_example

    try:
        with tempfile.TemporaryDirectory(prefix="script-example-") as directory:
            outcome = run_script_example(example, Path(directory))
        mismatch = compare_script(example, outcome)
    except Exception as error:  # a missing tool, or a bug, told where it shows
        return example.line, f"the example could not run: {_failure(error)}"
    return None if mismatch is None else _told(example, mismatch)


def _failure(error: Exception) -> str:
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__


def _told(example: Example | ScriptExample, mismatch: Mismatch) -> tuple[int, str]:
    text = (
        f"{mismatch.summary} (example {example.id!r}): the page no longer says what the code"
        " does. If the code is right, run"
        f" `pytest --update-examples {display_path(example.path)}`"
    )
    return mismatch.line, f"{text}\n{mismatch.diff}" if mismatch.diff else text


def _check_all(app: Sphinx, env: BuildEnvironment) -> None:
    mode = app.config.zulip_check_examples
    if mode == "off":
        return
    record = Path(app.doctreedir) / PASSED_FILE
    passed = _load(record)
    fingerprint = code_fingerprint()
    registry = default_registry()
    still_passing: dict[str, str] = {}
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        key = _page_key(path, fingerprint, mode)
        if passed.get(docname) != key:
            failures = list(check_page(parsed_doc(path), registry, mode))
            for line, why in failures:
                logger.warning(
                    why, location=(docname, line), type="zulip-examples", subtype="outdated"
                )
            if failures:
                continue
        still_passing[docname] = key
    record.write_text(json.dumps(still_passing, indent=0, sort_keys=True), encoding="utf-8")


def _check_config(app: Sphinx, config: Config) -> None:
    if config.zulip_check_examples not in MODES:
        raise ConfigError(
            f"zulip_check_examples is one of {', '.join(MODES)};"
            f" got {config.zulip_check_examples!r}"
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("zulip_check_examples", "webhooks", "", types=frozenset({str}))
    app.connect("config-inited", _check_config)
    app.connect("env-updated", _check_all)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
