"""An example's long parts as files beside the page, loaded when the reader opens them.

A page of a few hundred examples would weigh megabytes with every payload
in it. So the build writes, under ``_examples/<page>/``, each example's
payload (``<id>.json``, or ``<id>.txt`` when it is not JSON: the bytes the
example sends) and its message's source (``<id>.message.txt``), each next
to its highlighted block (the same name plus ``.html``). The page keeps
the closed disclosures, "Payload" and "Message source", each linking to
its raw file; the site's script fetches the highlighted block the first
time a disclosure opens, and "Copy as curl" reads the body from it. Without
the script, or where it cannot fetch (a page opened from ``file://``), the
link still opens the raw file.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from sphinx.util.osutil import relative_uri

from integrations.examples.html import body_block, text_block

FOLDER = "_examples"
# What the script adds to a file's address to get its highlighted block.
HIGHLIGHTED_SUFFIX = ".html"


@dataclass(frozen=True)
class ExampleFile:
    """One part of an example, as a raw file and its highlighted block."""

    target: str  # where it goes, relative to the output folder (a URL path)
    text: str
    highlighted: str  # the HTML block the page shows

    def write(self, outdir: Path) -> None:
        """Write both files; unchanged ones are left alone."""
        raw = outdir / self.target
        raw.parent.mkdir(parents=True, exist_ok=True)
        _write_if_changed(raw, self.text)
        _write_if_changed(raw.with_name(raw.name + HIGHLIGHTED_SUFFIX), self.highlighted)


def payload_file(docname: str, example_id: str, text: str, language: str) -> ExampleFile:
    """An example's payload: ``<id>.json``, or ``<id>.txt`` for a body that is not JSON."""
    extension = "json" if language == "json" else "txt"
    target = f"{FOLDER}/{docname}/{example_id}.{extension}"
    return ExampleFile(target, text, body_block(text, language))


def source_file(docname: str, example_id: str, text: str) -> ExampleFile:
    """The source of an example's message: ``<id>.message.txt``."""
    return ExampleFile(f"{FOLDER}/{docname}/{example_id}.message.txt", text, text_block(text))


def shown(part: ExampleFile, outdir: Path | None, page: str) -> str:
    """What the page holds of a part: its block (no ``outdir``), or a link to its file.

    ``page`` is the URL of the page being written, which the link is relative to.
    """
    if outdir is None:
        return part.highlighted
    part.write(outdir)
    url = relative_uri(page, part.target)
    return f'<a class="zi-file" href="{escape(url)}">Open the raw file</a>'


def _write_if_changed(path: Path, text: str) -> None:
    # Byte for byte: a raw payload must be the body the example sends.
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.write_bytes(data)
