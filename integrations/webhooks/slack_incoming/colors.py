"""An attachment's ``color`` as a coloured marker at the start of its first line.

Slack draws a coloured bar beside an attachment: ``good``, ``warning``,
``danger`` or any hex colour. Zulip has no bars, so the colour becomes the
nearest of the coloured circle emoji: alerts still read red or green at a
glance.
"""

from __future__ import annotations

import colorsys
import re

NAMED = {"good": "🟢", "warning": "🟠", "danger": "🔴"}
_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\Z")
# Hue ranges (degrees) and their circle, for colours that are not grey.
_HUES = ((15, "🔴"), (45, "🟠"), (70, "🟡"), (165, "🟢"), (240, "🔵"), (330, "🟣"), (361, "🔴"))


def marker(color: str) -> str | None:
    """The circle closest to ``color``; None when it is no colour Slack knows."""
    color = color.strip()
    if color.lower() in NAMED:
        return NAMED[color.lower()]
    match = _HEX.match(color)
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    red, green, blue = (int(digits[index : index + 2], 16) / 255 for index in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if saturation < 0.2 or lightness < 0.1 or lightness > 0.95:
        return "⚫" if lightness < 0.5 else "⚪"
    degrees = hue * 360
    if 15 <= degrees < 45 and lightness < 0.35:
        return "🟤"  # a dark orange is brown
    return next(circle for limit, circle in _HUES if degrees < limit)
