"""What a repository ships: releases, and packages published to GitHub Packages."""

from __future__ import annotations

from integrations.common.code_hosting import Repo, release, releases_topic, who
from integrations.core import Delivery, Message, Payload, bold, code, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import repo_of, sender_of

PRERELEASE = "This is a pre-release."


def released(
    payload: Payload,
    delivery: Delivery,
    action: str,
    *,
    linked: bool = True,
    body: str | None = None,
    detail: str | None = None,
) -> Message:
    node = payload["release"]
    tag = node["tag_name"].string(default="")
    return release(
        repo_of(payload["repository"], delivery),
        sender_of(payload),
        node["name"].string(default="") or tag or "(untitled)",
        tag,
        action,
        url=node["html_url"].string(default=None) if linked else None,
        body=body,
        detail=detail,
    )


@integration.handles("release", action="published")
def on_release_published(payload: Payload, delivery: Delivery) -> Message:
    """The release, linked, with its notes; a pre-release says so."""
    node = payload["release"]
    prerelease = node["prerelease"].boolean(default=False)
    body = node["body"].string(default=None)
    detail = PRERELEASE if prerelease else None
    return released(payload, delivery, "published", body=body, detail=detail)


@integration.handles("release", action="unpublished")
def on_release_unpublished(payload: Payload, delivery: Delivery) -> Message:
    """That the release was unpublished, linked."""
    return released(payload, delivery, "unpublished")


@integration.handles("release", action="deleted")
def on_release_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The release's name, without a dead link."""
    return released(payload, delivery, "deleted", linked=False)


integration.ignores(
    "release",
    action=("created", "edited", "released", "prereleased"),
    reason="GitHub sends `created`, `published` and `released` (or `prereleased`) together for "
    "one release, and `created` and `edited` alone for drafts nobody can see yet. `published` "
    "is the one message.",
)


# GitHub Packages ----------------------------------------------------------------------

# Characters of a container image's digest shown: enough to tell two apart.
DIGEST = len("sha256:") + 12


def version_of(node: Payload) -> str:
    """A package version as people name it: a container image's tag, else its version."""
    tag = node["container_metadata"]["tag"]["name"].string(default="")
    version = tag or node["version"].string(default="") or node["name"].string(default="")
    return version[:DIGEST] if version.startswith("sha256:") else version


@integration.handles("package", action="published")
def on_package_published(payload: Payload, delivery: Delivery) -> Message:
    """The package and its new version, linked, and its ecosystem (npm, container, Maven...),
    with the releases."""
    package = payload["package"]
    name = package["name"].string(default="") or "a package"
    url = package["html_url"].string(default=None)
    version_node = package["package_version"]
    version = version_of(version_node)
    version_url = version_node["html_url"].string(default=None)
    shown_version = link(version, version_url) if version and version_url else code(version)
    head = md("{who} published {package}").format(
        who=who(sender_of(payload)), package=link(name, url) if url else bold(name)
    )
    if version:
        head += md(" version {}").format(shown_version)
    ecosystem = package["package_type"].string(default="") or package["ecosystem"].string(
        default=""
    )
    if ecosystem:
        head += md(" ({})").format(ecosystem.lower())
    if payload["repository"].exists():
        topic = releases_topic(repo_of(payload["repository"], delivery))
    else:
        # A package of an account rather than of a repository.
        owner = package["owner"]["login"].string(default="") or "packages"
        topic = releases_topic(Repo(owner))
    return Message(topic=topic, content=head + md("."))


integration.ignores(
    "package",
    action="updated",
    reason="A version published before was changed (its files or metadata); the version itself "
    "was posted when it was published.",
)
integration.ignores(
    "registry_package",
    reason="GitHub's older name for `package`, sent alongside it: the `package` event posts "
    "each version once.",
)
