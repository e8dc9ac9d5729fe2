"""Which event a fixture file is, for services that name the event in a header.

Zulip's convention, which the shipped fixtures follow: the part of the file
name before the first ``__`` names the event (``pull_request__opened.json``
is a ``pull_request``); the rest only tells variants apart. Services spell
their events differently (GitLab's ``Merge Request Hook``), so an
integration declares how a file name becomes its event, and the files that
break the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePath


def as_named(prefix: str) -> str:
    """The prefix is the event as the service spells it (GitHub, Gitea)."""
    return prefix


def title_words(prefix: str) -> str:
    """``merge_request_hook`` -> ``Merge Request Hook`` (GitLab)."""
    return " ".join(word.capitalize() for word in prefix.split("_"))


class FixtureEvents:
    """How a fixture's file name names its event.

    ``rule`` turns the part before ``__`` into the event; None when file
    names do not follow the convention. ``files`` names the event of single
    files by their stem, for those the rule does not fit.
    """

    def __init__(
        self,
        rule: Callable[[str], str] | None = as_named,
        *,
        files: Mapping[str, str] | None = None,
    ) -> None:
        self.rule = rule
        self.files = dict(files or {})

    def event_for(self, file: str | PurePath) -> str | None:
        """The event of the fixture at ``file``; None when its name does not say."""
        stem = PurePath(file).stem
        if stem in self.files:
            return self.files[stem]
        if self.rule is None:
            return None
        return self.rule(stem.split("__", 1)[0])
