"""The state a message opens with: an emoji or a coloured circle, and a bold word.

The first words of a notification say how bad it is. Incident tools open
with an emoji (🚨 firing, ✅ resolved); alerts with a severity or a level
open with a circle of its colour (red for critical and error, orange for
warning, blue for info, white for debug), and green once resolved.
"""

from __future__ import annotations

from integrations.common.monitoring.severity import severity_of
from integrations.core import Markdown, bold, md

FIRING = Markdown(":rotating_light:")
RESOLVED = Markdown(":check_mark:")

RESOLVED_CIRCLE = Markdown(":green_circle:")
_CIRCLES = {
    "debug": ":white_circle:",
    "info": ":blue_circle:",
    "warning": ":orange_circle:",
    "error": ":red_circle:",
    "critical": ":red_circle:",
}


def circle(severity: str | None, default: str) -> Markdown:
    """The colour of a severity or level (``page`` is ``critical``'s); ``default`` for others."""
    word = (severity or "").strip().lower()
    return Markdown(_CIRCLES.get(word) or _CIRCLES.get(severity_of(word) or "", default))


def badge(emoji: Markdown, word: str) -> Markdown:
    """``:red_circle: **Error**``: the state's emoji and its word in bold."""
    return md("{} {}").format(emoji, bold(word))
