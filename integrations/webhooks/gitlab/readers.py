"""Reading the shapes GitLab's payloads share into the records of the code-hosting formats.

GitLab's payloads put the project in ``project`` (``name``, the display
name topics use as Zulip's integration does; ``path_with_namespace``;
``web_url``; ``visibility_level``), the person who acted in ``user`` (or,
for pushes, in ``user_name``), and a merge request, issue or comment in
``object_attributes``; a comment carries what it is on under that thing's
own key (``merge_request``, ``issue``...). Group and self-managed payloads
leave out more than the documented examples do (a merge request without
``iid``, an old job without ``project``), so little here is required.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from integrations.common.code_hosting import Commit, Ref, Repo, User, topic_name
from integrations.core import Delivery, Markdown, Payload, md
from integrations.webhooks.gitlab.options import USE_MERGE_REQUEST_TITLE

PUBLIC = 20  # GitLab's visibility_level: 0 private, 10 internal, 20 public

# GitLab's ``event_type`` of an issue or comment only some people may see.
CONFIDENTIAL_TYPES = frozenset({"confidential_issue", "confidential_note"})


# The project -----------------------------------------------------------------


def repo_of(project: Payload, delivery: Delivery) -> Repo:
    """The project: topics name it by its display name, as Zulip's own integration does (by
    ``group/project`` with ``full_repository_name``); sentences by its path."""
    full = project["path_with_namespace"].string(default=None)
    url = project["web_url"].string(default=None) or project["homepage"].string(default=None)
    name = project["name"].string(default=None) or last_part(full) or project["name"].string()
    return Repo(topic_name(name, full, delivery), url, full)


def project_of(payload: Payload, delivery: Delivery) -> Repo:
    """The project of any event: ``project``, or ``repository`` in old job payloads."""
    if payload["project"].exists() or not payload["repository"].exists():
        return repo_of(payload["project"], delivery)
    repository = payload["repository"]
    homepage = repository["homepage"].string(default=None)
    # Old job payloads name the project by its display name and its page;
    # the page's path is the ``group/project`` every other event has.
    full = (urlsplit(homepage).path.strip("/") or None) if homepage else None
    name = repository["name"].string(default=None) or last_part(full)
    return Repo(topic_name(name or repository["name"].string(), full, delivery), homepage, full)


def merge_request_project(payload: Payload) -> Payload:
    """A merge request's project: ``project``, or in GitLab 8 and older, whose merge request
    events carry no ``project``, the target project in ``object_attributes.target``."""
    target = payload["object_attributes"]["target"]
    if payload["project"].exists() or not target.exists():
        return payload["project"]
    return target


def last_part(path: str | None) -> str | None:
    return (path.rstrip("/").rsplit("/", 1)[-1] or None) if path else None


def group_repo(name: str, full_path: str | None, url: str | None, delivery: Delivery) -> Repo:
    """A group, where a group's events post: topics name it as projects are named."""
    return Repo(topic_name(name, full_path, delivery), url, full_path)


# A group's page, such as https://gitlab.com/groups/acme/web/-/epics/5.
GROUP_PAGE = re.compile(r"(?P<site>https?://[^/]+(?:/[^/]+)*?)/groups/(?P<path>[^-][^?#]*?)/-/")


def group_of_url(url: str | None, delivery: Delivery) -> Repo | None:
    """The group a page belongs to, for a group's work items, whose payloads name no project."""
    found = GROUP_PAGE.match(url or "")
    if found is None:
        return None
    path = found["path"]
    return group_repo(last_part(path) or path, path, f"{found['site']}/groups/{path}", delivery)


def visibility_of(payload: Payload) -> int | None:
    """How visible the project is; None when the payload does not say.

    Old job payloads say it in ``repository``; a group's events (``group``)
    do not say how visible the group is.
    """
    for owner in ("project", "repository", "group"):
        if payload[owner].exists():
            level: int | None = payload[owner]["visibility_level"].integer(default=None)
            return level
    return None


def is_confidential(payload: Payload) -> bool:
    """A confidential issue, or a comment on one or marked internal: private even in a public
    project."""
    return (
        payload["object_attributes"]["confidential"].boolean(default=False)
        # An internal note (``internal``, GitLab 15 and later) only members see.
        or payload["object_attributes"]["internal"].boolean(default=False)
        or payload["issue"]["confidential"].boolean(default=False)
        or payload["event_type"].string(default=None) in CONFIDENTIAL_TYPES
    )


# People ----------------------------------------------------------------------


def user_of(node: Payload) -> User:
    """A GitLab user by the name GitLab shows (``name``), or the username without one."""
    name = node["name"].string(default=None) or node["username"].string(default=None)
    return User(name or "Someone")


def pusher_of(payload: Payload) -> User:
    """Push payloads name the pusher in ``user_name`` (``user_username`` is the handle)."""
    name = payload["user_name"].string(default=None) or payload["user_username"].string(
        default=None
    )
    return User(name or "Someone")


def actor_of(payload: Payload) -> User | None:
    """Who started a pipeline, job or deployment; None when GitLab does not say."""
    user = payload["user"]
    return user_of(user) if user.exists() else None


def names_of(nodes: Sequence[Payload]) -> list[str]:
    """The names of a list of users, each once, in order (GitLab may repeat one)."""
    seen: dict[str, None] = {}
    for node in nodes:
        seen.setdefault(user_of(node).name, None)
    return list(seen)


def assignees_of(payload: Payload) -> list[str]:
    """Who a merge request or issue is assigned to: ``assignees``, or one ``assignee`` in older
    payloads."""
    assignees = names_of(payload["assignees"].array(default=[]))
    if not assignees and payload["assignee"].exists():
        assignees = names_of([payload["assignee"]])
    return assignees


# Merge requests, issues, commits -----------------------------------------------

# The number at the end of a merge request's or issue's page.
NUMBER_IN_URL = re.compile(r"/(\d+)/?\Z")


def number_of(node: Payload) -> int:
    """The per-project number (``iid``). Group webhooks of some GitLab versions leave it out;
    the page's address still ends with it, and the database ``id`` is the last resort."""
    iid = node["iid"].integer(default=None)
    if iid is not None:
        return iid
    found = NUMBER_IN_URL.search(node["url"].string(default=""))
    if found:
        return int(found[1])
    database_id: int | None = node["id"].integer(default=None)
    return database_id if database_id is not None else node["iid"].integer()


def issue_ref(node: Payload) -> Ref:
    """An issue (``iid``, ``title``, ``url``): in ``object_attributes``, or under ``issue`` in
    comments and reactions."""
    return Ref(number_of(node), node["title"].string(default=""), node["url"].string(default=None))


def mr_ref(node: Payload, delivery: Delivery) -> Ref:
    """A merge request, labelled ``MR`` as GitLab calls it; without its title in topics when
    ``use_merge_request_title`` is false."""
    title = node["title"].string(default="") if delivery.options[USE_MERGE_REQUEST_TITLE] else ""
    return Ref(number_of(node), title, node["url"].string(default=None), label="MR")


def commit_of(node: Payload, pusher: User | None = None) -> Commit:
    """A commit: one of a push (given its ``pusher``), or the one a comment or pipeline is about.

    A pushed commit's author is worth naming only when someone else pushed it.
    """
    author = None
    if pusher is not None:
        name = node["author"]["name"].string(default=None)
        author = name if name and name != pusher.name else None
    return Commit(
        sha=node["id"].string(),
        message=node["message"].string(default=""),
        url=node["url"].string(default=None),
        author=author,
    )


# How a sentence names the other things a comment or an emoji may be on, by
# GitLab's class name (``noteable_type``, ``awardable_type``).
THING_WORDS = {
    "Epic": "an epic",
    "Vulnerability": "a vulnerability",
    "WikiPage::Meta": "a wiki page",
    "AlertManagement::Alert": "an alert",
}


def thing_named(kind: str) -> Markdown:
    """'a wiki page', 'an epic'; a class this does not know by its last part, in words."""
    if kind in THING_WORDS:
        return md(THING_WORDS[kind])
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind.rsplit("::", 1)[-1]).lower() or "note"
    return md("{} {}").format("an" if words[:1] in "aeiou" else "a", words)


HIDDEN_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def description_of(attributes: Payload) -> str | None:
    """A description as GitLab shows it: without its ``<!-- hidden comments -->``."""
    text = attributes["description"].string(default=None)
    if text is None:
        return None
    return HIDDEN_COMMENT.sub("", text).strip()
