"""Security alerts and advisories: a vulnerable dependency, a flaw in the code, a leaked secret.

A code host reads each of its alerts (GitHub's Dependabot, code scanning and
secret scanning alerts and its advisories; GitLab's vulnerabilities) into an
``Alert`` and tells it with one of two builders:

* ``alert_raised``: an alert that needs someone now, new or open again. It
  leads with its severity (critical and high ones with a sign that stands
  out in a busy channel) and lists what a maintainer needs to act: the
  package and the versions affected, the version that fixes it, where it
  is, what found it, the advisory and its score.
* ``alert_closed``: one sentence, dismissed, fixed or resolved, with the
  reason and the person's comment.

Only what the service put in the payload is shown; a leaked secret itself
never is (the payloads do not carry it, and no field here would show it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from integrations.common.code_hosting.records import User
from integrations.common.code_hosting.text import listing, paragraphs, quoted, who
from integrations.core.markup import Markdown, bold, bullet_list, code, escape, link, md
from integrations.core.message import Message

# Severities that call for someone now get a sign a reader cannot miss.
SEVERITY_MARKS = {"critical": ":rotating_light: ", "high": ":warning: "}
# Words services use for "we do not know".
UNKNOWN_SEVERITIES = {"", "unknown", "none", "undefined"}


@dataclass(frozen=True)
class Package:
    name: str
    ecosystem: str | None = None  # npm, pip, maven...


@dataclass(frozen=True)
class Affected:
    """A package a vulnerability affects: which versions, and the first that fixes it."""

    package: Package
    versions: str | None = None  # "< 7.5.2", as the advisory says it
    fixed_in: str | None = None  # "7.5.2"; None when no version fixes it yet


@dataclass(frozen=True)
class Identifier:
    """A name the vulnerability is known by elsewhere: ``CVE-2022-25883``, ``GHSA-…``."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class Alert:
    """A security alert or advisory, as a maintainer needs it to act.

    ``name`` is what links to it ("Dependabot alert #20", "security advisory
    GHSA-…"); ``title`` what it is about (the advisory's summary, the rule
    broken, the kind of secret). ``location`` is where it is (a manifest, a
    file and line), linked by ``location_url``; ``notes`` are further facts
    the service gives, one line each.
    """

    name: str
    title: str
    url: str | None = None
    severity: str | None = None
    affected: Sequence[Affected] = ()
    location: str | None = None
    location_url: str | None = None
    found_by: str | None = None
    identifiers: Sequence[Identifier] = ()
    score: float | None = None
    notes: Sequence[Markdown] = ()

    @property
    def level(self) -> str | None:
        """The severity in lower case, or None when the service does not know it."""
        level = (self.severity or "").strip().lower()
        return None if level in UNKNOWN_SEVERITIES else level


def alert_raised(
    topic: str,
    alert: Alert,
    *,
    actor: User | None = None,
    verb: str | None = None,
    note: Markdown | None = None,
    text: str | None = None,
) -> Message:
    """An alert that needs attention, with the facts to act on it.

    New when neither ``actor`` nor ``verb`` is given (the service raised
    it); "``actor`` ``verb`` the alert" ("reopened"); or the alert followed
    by ``verb`` when the service did it ("is open again"). ``note`` says why,
    in a sentence; ``text`` (an advisory's description) is quoted last.
    """
    level = alert.level
    mark = Markdown(SEVERITY_MARKS.get(level or "", ""))
    ref = reference(alert)
    graded = md("{} severity {}").format(bold(level), ref) if level else ref
    if actor is not None:
        head = md("{who} {verb} {alert}").format(
            who=who(actor), verb=verb or "opened", alert=graded
        )
    elif verb is None:
        head = md("New {}").format(graded)
    else:
        head = md("{alert} {verb}").format(alert=capitalised(graded), verb=verb)
    head = mark + head + (md(": {}").format(bold(alert.title)) if alert.title else md("."))
    return Message(
        topic=topic, content=paragraphs(head, note or Markdown(""), facts(alert), quoted(text))
    )


def alert_closed(
    topic: str,
    alert: Alert,
    verb: str,
    *,
    actor: User | None = None,
    reason: str | None = None,
    comment: str | None = None,
) -> Message:
    """An alert closed: ``actor`` (or the service, when None) ``verb`` it ("dismissed",
    "fixed", "resolved"), ``reason`` ("as a false positive") follows, ``comment`` is quoted."""
    level = alert.level
    ref = reference(alert)
    graded = md("{} severity {}").format(bold(level), ref) if level else ref
    if actor is not None:
        head = md("{who} {verb} {alert}").format(who=who(actor), verb=verb, alert=graded)
    else:
        head = md("{alert} was {verb}").format(alert=capitalised(graded), verb=verb)
    if reason:
        head += md(" {}").format(reason)
    head += md(": {}").format(bold(alert.title)) if alert.title else md(".")
    return Message(topic=topic, content=paragraphs(head, quoted(comment)))


def reference(alert: Alert) -> Markdown:
    return link(alert.name, alert.url) if alert.url else escape(alert.name)


def capitalised(sentence: Markdown) -> Markdown:
    """The sentence with its first letter upper case, even inside bold or a link's text."""
    for index, char in enumerate(sentence):
        if char.isalpha():
            return Markdown(sentence[:index] + char.upper() + sentence[index + 1 :])
        if char not in "*[":
            break
    return sentence


def facts(alert: Alert) -> Markdown:
    """What a maintainer needs to act, one line each: packages, place, tool, references."""
    lines = [affects(item) for item in alert.affected]
    if alert.location:
        where = link(alert.location, alert.location_url) if alert.location_url else None
        lines.append(md("In {}").format(where or code(alert.location)))
    if alert.found_by:
        lines.append(md("Found by {}").format(alert.found_by))
    lines.extend(alert.notes)
    if alert.identifiers:
        names = [
            link(item.name, item.url) if item.url else code(item.name) for item in alert.identifiers
        ]
        lines.append(md("Known as {}").format(listing(names)))
    if alert.score:
        lines.append(md("CVSS score {}").format(f"{alert.score:g}"))
    return bullet_list(lines)


def affects(item: Affected) -> Markdown:
    """``semver`` (npm) ``< 7.5.2``, fixed in ``7.5.2``."""
    package = item.package
    line = md("Affects {}").format(code(package.name))
    if package.ecosystem:
        line += md(" ({})").format(package.ecosystem)
    if item.versions:
        line += md(" {}").format(code(item.versions))
    if item.fixed_in:
        return line + md(", fixed in {}").format(code(item.fixed_in))
    return line + md(", not fixed in any version yet")


def identifiers_of(names: Sequence[tuple[str, str | None]]) -> list[Identifier]:
    """Identifiers from (name, url) pairs, each name once, in order."""
    seen: dict[str, Identifier] = {}
    for name, url in names:
        if name and name not in seen:
            seen[name] = Identifier(name, url)
    return list(seen.values())
