"""Where a commit, a pull request or a tag is on the web, from the repository's address.

CI services name the repository a run built, seldom the commit's page. On
GitHub, GitLab and Bitbucket that page is the repository's followed by a
path each host spells its own way; elsewhere (a self-hosted Gitea, an SVN
server) the address cannot be guessed, and the message shows the commit
without a link. A clone address of those hosts (``git@github.com:o/r.git``)
is read as the repository's page.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# How each host addresses a commit, a pull request and a tag under the repository's page.
_PATHS = {
    "github": {"commit": "commit", "pull": "pull", "tag": "tree"},
    "gitlab": {"commit": "-/commit", "pull": "-/merge_requests", "tag": "-/tree"},
    "bitbucket": {"commit": "commits", "pull": "pull-requests", "tag": "src"},
}
_HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "bitbucket.org": "bitbucket"}
_CLONE = re.compile(r"\Agit@(github\.com|gitlab\.com|bitbucket\.org):(.+)\Z")


def repository_page(address: str | None) -> str | None:
    """The repository's web page: a web address as it is, or a known host's clone address.

    ``.git`` and a trailing slash are left out; None for anything else.
    """
    address = (address or "").strip()
    clone = _CLONE.match(address)
    if clone:
        address = f"https://{clone.group(1)}/{clone.group(2)}"
    elif not address.startswith(("https://", "http://")):
        return None
    return address.rstrip("/").removesuffix(".git").rstrip("/")


def page(repository: str | None, kind: str, name: str, *, host: str | None = None) -> str | None:
    """The page of a ``commit``, a ``pull`` request or a ``tag``; None off the known hosts.

    ``host`` (``github``, ``gitlab``, ``bitbucket``) says which host's paths
    to use when the address does not (GitHub Enterprise, a self-hosted GitLab).
    """
    base = repository_page(repository)
    if base is None:
        return None
    path = _PATHS.get(host or _HOSTS.get((urlsplit(base).hostname or "").lower(), ""), {}).get(kind)
    return f"{base}/{path}/{quote(name, safe='/')}" if path else None
