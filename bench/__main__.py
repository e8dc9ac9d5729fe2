"""Benchmarks of the executable examples, each measured side by side in one run.

(a) pytest over a generated corpus of doc examples, against plain pytest
    running the same handler calls as parametrized tests;
(b) sphinx-build of the same pages with the example extension, against the
    same pages with the examples written as plain code fences;
(c) the gateway against a bare Starlette endpoint on the same server
    (``bench/gateway.py``): webhooks per second and latency;
(d) the user processor time of sphinx-build on the example corpus with every
    example checked against the code while the site builds (the default),
    against the same build with ``zulip_check_examples = "off"``;
(e) first paint of a long page in Chromium, payloads as files beside it
    against payloads in it (``bench/paint.py``).

Rounds alternate between the two sides so that drift in the machine's speed
affects both; the medians and their ratio are printed. Run with `make bench`.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import gateway, paint
from integrations.core import WebhookRequest, default_registry
from integrations.core.integration import WebhookIntegration

WORK = Path(__file__).parent / "_work"
CONF = """
extensions = ["myst_parser"{extension}]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
exclude_patterns = ["_build"]
{settings}
"""
PLAIN_TEST = """
import json
from pathlib import Path

import pytest

from integrations.core import WebhookRequest, default_registry

CASES = json.loads((Path(__file__).parent / "cases.json").read_text())
INTEGRATION = default_registry().get("helloworld")


IDS = [str(number) for number in range(len(CASES))]


@pytest.mark.parametrize(("payload", "topic", "content"), CASES, ids=IDS)
def test_handler(payload, topic, content):
    message = INTEGRATION.handle(WebhookRequest(body=payload.encode()))
    assert message is not None
    assert (message.topic, message.content) == (topic, content)
"""


def _cases(count: int) -> list[tuple[str, str, str]]:
    integration = default_registry().get("helloworld")
    assert isinstance(integration, WebhookIntegration)
    cases = []
    for number in range(count):
        payload = json.dumps(
            {
                "featured_title": f"Article {number}: *notes* on @**all** and #{number}",
                "featured_url": f"https://en.wikipedia.org/wiki/Article_{number}",
            },
            indent=2,
        )
        message = integration.handle(WebhookRequest(body=payload.encode()))
        assert message is not None
        cases.append((payload, message.topic, str(message.content)))
    return cases


def _example_page(page: int, cases: list[tuple[str, str, str]]) -> str:
    parts = [f"---\nintegration: helloworld\n---\n\n# Page {page}\n"]
    for index, (payload, topic, content) in enumerate(cases):
        parts.append(
            f":::{{webhook-example}} Example {index}\n:name: e{index}\n:topic: {topic}\n\n"
            f"```json\n{payload}\n```\n\n```zulip\n{content}\n```\n:::\n"
        )
    return "\n".join(parts)


def _plain_page(page: int, cases: list[tuple[str, str, str]]) -> str:
    parts = [f"# Page {page}\n"]
    for index, (payload, topic, content) in enumerate(cases):
        parts.append(
            f"**Example {index}** (topic: {topic})\n\n```json\n{payload}\n```\n\n"
            f"```text\n{content}\n```\n"
        )
    return "\n".join(parts)


def _site(root: Path, pages: list[str], extension: str, settings: str = "") -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF.format(extension=extension, settings=settings))
    names = [f"page{number}" for number in range(len(pages))]
    toctree = "\n".join(names)
    (root / "index.md").write_text(f"# Corpus\n\n```{{toctree}}\n{toctree}\n```\n")
    for name, text in zip(names, pages, strict=True):
        (root / f"{name}.md").write_text(text)
    return root


def prepare(pages: int, per_page: int) -> dict[str, Path]:
    shutil.rmtree(WORK, ignore_errors=True)
    cases = _cases(pages * per_page)
    chunks = [cases[start : start + per_page] for start in range(0, len(cases), per_page)]

    docs = WORK / "doc-examples"
    (docs / "docs").mkdir(parents=True)
    (docs / "conftest.py").write_text('pytest_plugins = ["integrations.examples.pytest_plugin"]\n')
    for number, chunk in enumerate(chunks):
        (docs / "docs" / f"page{number}.md").write_text(_example_page(number, chunk))

    plain = WORK / "parametrized"
    plain.mkdir()
    (plain / "conftest.py").write_text("")
    (plain / "cases.json").write_text(json.dumps(cases))
    (plain / "test_plain.py").write_text(PLAIN_TEST)

    with_extension = _site(
        WORK / "site-extension",
        [_example_page(n, chunk) for n, chunk in enumerate(chunks)],
        ', "integrations.examples.sphinxext"',
    )
    plain_site = _site(WORK / "site-plain", [_plain_page(n, c) for n, c in enumerate(chunks)], "")
    unchecked = _site(
        WORK / "site-unchecked",
        [_example_page(n, chunk) for n, chunk in enumerate(chunks)],
        ', "integrations.examples.sphinxext"',
        'zulip_check_examples = "off"',
    )
    return {
        "docs": docs,
        "plain": plain,
        "site_ext": with_extension,
        "site_plain": plain_site,
        "site_unchecked": unchecked,
    }


def _timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        output = result.stdout[-2000:] + result.stderr[-2000:]
        sys.exit(f"benchmark command failed in {cwd}: {' '.join(command)}\n{output}")
    return elapsed


def _pytest(cwd: Path) -> Callable[[], float]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    return lambda: _timed(command, cwd)


def _sphinx(source: Path) -> Callable[[], float]:
    def build() -> float:
        shutil.rmtree(source / "_build", ignore_errors=True)
        command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-W", ".", "_build/html"]
        return _timed(command, source)

    return build


def _sphinx_cpu(source: Path) -> Callable[[], float]:
    """A fresh build's user processor time, which other loads on the machine disturb less
    than its wall-clock time. System time is left out: it goes mostly to creating the
    pages' files, the same in both builds, and on some file systems it swings by seconds
    from one build to the next."""
    build = _sphinx(source)

    def timed() -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        build()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return after.ru_utime - before.ru_utime

    return timed


def side_by_side(
    name: str, ours: Callable[[], float], baseline: Callable[[], float], rounds: int
) -> float:
    ours_times: list[float] = []
    baseline_times: list[float] = []
    for _ in range(rounds):
        baseline_times.append(baseline())
        ours_times.append(ours())
    ours_median = statistics.median(ours_times)
    baseline_median = statistics.median(baseline_times)
    ratio = ours_median / baseline_median
    print(
        f"{name}: {ours_median:.2f} s vs {baseline_median:.2f} s  ->  {ratio:.2f}x"
        f"   (medians of {rounds}; ours {[round(t, 2) for t in ours_times]},"
        f" baseline {[round(t, 2) for t in baseline_times]})",
        flush=True,
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--per-page", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--paint-rounds", type=int, default=7, help="(e): page loads of each kind")
    parser.add_argument(
        "--paint-examples", type=int, default=230, help="(e): examples on the long page"
    )
    parser.add_argument("--only", choices=["examples", "gateway"], help="run only these benchmarks")
    parser.add_argument("--seconds", type=float, default=8.0, help="gateway: seconds per load")
    parser.add_argument("--rate", type=float, default=500.0, help="gateway: requests/s for latency")
    parser.add_argument(
        "--synchronous", choices=["FULL", "NORMAL"], default="FULL", help="gateway: fsync setting"
    )
    arguments = parser.parse_args()
    if arguments.only != "gateway":
        examples(arguments)
    if arguments.only != "examples":
        gateway.run(
            WORK / "gateway",
            rounds=arguments.rounds,
            seconds=arguments.seconds,
            rate=arguments.rate,
            synchronous=arguments.synchronous,
        )


def examples(arguments: argparse.Namespace) -> None:
    paths = prepare(arguments.pages, arguments.per_page)
    total = arguments.pages * arguments.per_page
    print(f"corpus: {total} examples on {arguments.pages} pages", flush=True)
    side_by_side(
        "(a) pytest, doc examples vs parametrized tests",
        _pytest(paths["docs"]),
        _pytest(paths["plain"]),
        arguments.rounds,
    )
    side_by_side(
        "(b) sphinx-build, example extension vs plain code fences",
        _sphinx(paths["site_ext"]),
        _sphinx(paths["site_plain"]),
        arguments.rounds,
    )
    side_by_side(
        "(d) sphinx-build user CPU time, examples checked against the code vs not checked",
        _sphinx_cpu(paths["site_ext"]),
        _sphinx_cpu(paths["site_unchecked"]),
        arguments.rounds,
    )
    paint.run(WORK, rounds=arguments.paint_rounds, examples=arguments.paint_examples)


if __name__ == "__main__":
    main()
