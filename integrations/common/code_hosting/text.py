"""The small pieces of every code-hosting message: people, lists, excerpts, references."""

from __future__ import annotations

from collections.abc import Sequence

from integrations.common.code_hosting.records import Ref, Repo, User, short
from integrations.core.bodies import quoted_body
from integrations.core.markup import Markdown, bold, code, escape, link, md

NAMED_LIMIT = 10  # people or labels named in one sentence; the rest are counted


def who(user: User) -> Markdown:
    return bold(user.name)


def sha_link(sha: str, url: str | None) -> Markdown:
    return link(short(sha), url) if url else code(short(sha))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def quoted(text: str | None) -> Markdown:
    """A body its author wrote in Markdown, in a quote it cannot leave, or nothing."""
    return quoted_body(text)


def paragraphs(*parts: Markdown) -> Markdown:
    """The non-empty parts, a blank line apart."""
    return Markdown("\n\n").join(part for part in parts if part)


def detail_text(detail: Markdown | str | None) -> Markdown:
    """An extra sentence: trusted markup as it is, plain text escaped."""
    return detail if isinstance(detail, Markdown) else escape(detail or "")


def listing(items: Sequence[Markdown], nothing: str = "nobody") -> Markdown:
    """A, B and C; past ten, "and N others"; ``nothing`` when there are none."""
    shown = list(items[:NAMED_LIMIT])
    left_out = len(items) - len(shown)
    if left_out:
        shown.append(md("{} others").format(left_out) if left_out > 1 else md("1 other"))
    if len(shown) <= 1:
        return shown[0] if shown else escape(nothing)
    return Markdown(", ").join(shown[:-1]) + md(" and ") + shown[-1]


def people(names: Sequence[str], nothing: str = "nobody") -> Markdown:
    """Names in bold, the way every message shows people: **A**, **B** and **C**."""
    return listing([bold(name) for name in names], nothing)


def ref_link(label: str, ref: Ref) -> Markdown:
    return link(f"{label} #{ref.number}", ref.url) if ref.url else escape(f"{label} #{ref.number}")


def repo_link(repo: Repo) -> Markdown:
    """The repository by its full name, linked to its page when there is one."""
    return link(repo.shown, repo.url) if repo.url else bold(repo.shown)
