"""TeX as MathML, for ``$$inline$$`` math and ```` ```math ```` blocks.

latex2mathml does the conversion; its output is not trusted as it is: it
passes ``\\text{...}`` through without escaping and keeps ``\\href`` and
``\\style`` as attributes. So the MathML is parsed and written out again with
only presentation elements and plain-valued attributes, every text escaped.
Anything that fails on the way gives None, and the caller shows the source
the way Zulip shows TeX it cannot render.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from html import escape

_ELEMENTS = frozenset(
    (
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msup",
        "msub",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mover",
        "munder",
        "munderover",
        "mtable",
        "mtr",
        "mtd",
        "mlabeledtr",
        "mstyle",
        "mpadded",
        "mphantom",
        "menclose",
        "merror",
        "mmultiscripts",
        "mprescripts",
        "none",
        "semantics",
    )
)
_ATTRIBUTES = frozenset(
    (
        "display",
        "mathvariant",
        "stretchy",
        "fence",
        "separator",
        "lspace",
        "rspace",
        "columnalign",
        "rowalign",
        "columnspacing",
        "rowspacing",
        "columnlines",
        "rowlines",
        "frame",
        "width",
        "height",
        "depth",
        "accent",
        "accentunder",
        "movablelimits",
        "linethickness",
        "mathsize",
        "minsize",
        "maxsize",
        "symmetric",
        "largeop",
        "form",
        "scriptlevel",
        "displaystyle",
        "notation",
        "align",
        "voffset",
        "mathcolor",
        "mathbackground",
    )
)
# Lengths, colours, keywords: nothing that could name a URL or a script.
_PLAIN_VALUE = re.compile(r"[\w .,#%+-]*\Z")
# Long input is more likely an accident than a formula; do not spend time on it.
MAX_SOURCE = 2000


class _Unsafe(Exception):
    pass


@lru_cache(maxsize=1024)
def tex_to_mathml(source: str, *, display: bool) -> str | None:
    """Safe MathML for ``source``, or None when it cannot be rendered."""
    if not source.strip() or len(source) > MAX_SOURCE:
        return None
    from latex2mathml.converter import convert  # imported on first use: most pages have no math

    try:
        converted = convert(source, display="block" if display else "inline")
        root = ElementTree.fromstring(converted)
        return _write(root)
    except (_Unsafe, ElementTree.ParseError):
        return None
    except Exception:  # latex2mathml reports bad TeX with assorted exceptions
        return None


def _write(element: ElementTree.Element) -> str:
    tag = element.tag.rpartition("}")[2]
    if tag not in _ELEMENTS:
        raise _Unsafe(tag)
    attributes = ""
    for name, value in sorted(element.attrib.items()):
        if name not in _ATTRIBUTES or not _PLAIN_VALUE.match(value):
            raise _Unsafe(name)
        attributes += f' {name}="{escape(value)}"'
    inner = escape(element.text or "", quote=False)
    for child in element:
        inner += _write(child) + escape(child.tail or "", quote=False)
    return f"<{tag}{attributes}>{inner}</{tag}>"
