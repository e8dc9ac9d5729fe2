"""A group's members, projects and subgroups (``Member Hook``, ``Project Hook``, ``Subgroup
Hook``), which only group webhooks send, and the same events of an instance's system hook.

These payloads are flat: ``event_name`` says what happened, and the group,
project and user are named by top-level fields (``group_name``,
``path_with_namespace``, ``user_name``...). They carry no web address, so
names are not linked, and they do not say who acted. A group's events post
in the group's topic; a project's in the project's.
"""

from __future__ import annotations

from integrations.common.code_hosting import Repo, activity, who
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import group_repo, pusher_of

# Members ---------------------------------------------------------------------

# What happened to a member of a group (or, from a system hook, of a project:
# GitLab calls those "team" events); {role} is left out when GitLab gives none.
MEMBER_SENTENCES = {
    "user_add_to_group": ("{who} was added to {place}", " as {role}"),
    "user_update_for_group": ("{who}'s membership of {place} changed", ": {role}"),
    "user_remove_from_group": ("{who} was removed from {place}", ""),
    "user_access_request_to_group": ("{who} asked for access to {place}", ""),
    "user_access_request_denied_for_group": ("{who} was denied access to {place}", ""),
    "user_add_to_team": ("{who} was added to {place}", " as {role}"),
    "user_update_for_team": ("{who}'s membership of {place} changed", ": {role}"),
    "user_remove_from_team": ("{who} was removed from {place}", ""),
    "user_access_request_to_project": ("{who} asked for access to {place}", ""),
}


@integration.handles("Member Hook", action=tuple(MEMBER_SENTENCES))
def on_member(payload: Payload, delivery: Delivery) -> Message:
    """Who was added to or removed from a group or project, whose role or access expiry
    changed, and who asked for access or was denied it, with the role and the date access
    ends."""
    sentence, with_role = MEMBER_SENTENCES[delivery.action]
    place, shown = member_place(payload, delivery)
    said = md(sentence).format(who=who(pusher_of(payload)), place=shown)
    role = payload["group_access"].string(default=None) or payload["access_level"].string(
        default=None
    )
    if role and with_role:
        said += md(with_role).format(role=bold(role))
    expires = payload["expires_at"].string(default=None)
    if expires and with_role:
        said += md(", with access until {}").format(expires[:10])
    return activity(place, said + md("."))


integration.ignores(
    "Member Hook",
    action=("user_access_request_revoked_for_group", "user_access_request_revoked_for_project"),
    reason="The person withdrew their own request for access: nobody needs to act on it.",
)


def member_place(payload: Payload, delivery: Delivery) -> tuple[Repo, Markdown]:
    """The group (or project) a membership is of, and how a sentence names it."""
    if payload["group_name"].exists() or payload["group_path"].exists():
        group: str | None = payload["group_path"].string(default=None)
        name = payload["group_name"].string(default=None) or group or ""
        return group_repo(name, group, None, delivery), md("group {}").format(bold(name))
    project: str | None = payload["project_path_with_namespace"].string(default=None)
    shown: str | None = payload["project_name"].string(default=None) or project
    if shown is None:
        shown = payload["project_name"].string()  # says what is missing
    return group_repo(shown, project, None, delivery), md("project {}").format(bold(shown))


# Projects --------------------------------------------------------------------


@integration.handles("Project Hook", action=("project_create", "project_destroy"))
def on_project(payload: Payload, delivery: Delivery) -> Message:
    """The project created or deleted, with its path and visibility and, for a new one, its
    owners."""
    repo, name, path = project_named(payload, delivery)
    created = delivery.action == "project_create"
    sentence = md("Project {name} was {verb} ({path}").format(
        name=bold(name), verb="created" if created else "deleted", path=code(path)
    )
    visibility = payload["project_visibility"].string(default=None)
    if created and visibility:
        sentence += md(", {}").format(visibility)
    sentence += md(").")
    owners = [owner["name"].string(default="") for owner in payload["owners"].array(default=[])]
    owners = [owner for owner in owners if owner]
    if created and owners:
        sentence += md(" Owned by {}.").format(Markdown(", ").join(bold(owner) for owner in owners))
    return activity(repo, sentence)


@integration.handles("Project Hook", action=("project_rename", "project_transfer"))
def on_project_moved(payload: Payload, delivery: Delivery) -> Message:
    """The project's old and new path, after a rename or a move to another group (system
    hooks)."""
    repo, name, path = project_named(payload, delivery)
    old = payload["old_path_with_namespace"].string(default=None)
    verb = "renamed" if delivery.action == "project_rename" else "moved"
    sentence = md("Project {name} was {verb}").format(name=bold(name), verb=verb)
    if old:
        sentence += md(": {old} is now {new}").format(old=code(old), new=code(path))
    return activity(repo, sentence + md("."))


integration.ignores(
    "Project Hook",
    action="project_update",
    reason="A project's settings changed (its description, its topics...): a system hook "
    "sends it for every change, and a rename or move has its own event.",
)


def project_named(payload: Payload, delivery: Delivery) -> tuple[Repo, str, str]:
    """The project's topic, its name and its path."""
    path = payload["path_with_namespace"].string(default=None) or payload["path"].string()
    name = payload["name"].string(default=None) or path.rsplit("/", 1)[-1]
    return group_repo(name, path, None, delivery), name, path


# Subgroups -------------------------------------------------------------------

SUBGROUP_VERBS = {"subgroup_create": "created", "subgroup_destroy": "removed"}


@integration.handles("Subgroup Hook", action=tuple(SUBGROUP_VERBS))
def on_subgroup(payload: Payload, delivery: Delivery) -> Message:
    """The subgroup created in the group or removed from it, in the group's topic."""
    name = payload["name"].string(default=None) or payload["path"].string()
    full = payload["full_path"].string(default=None)
    parent_path = payload["parent_full_path"].string(default=None)
    parent_name = payload["parent_name"].string(default=None) or parent_path or ""
    group = group_repo(parent_name, parent_path, None, delivery)
    sentence = md("Subgroup {name} was {verb}").format(
        name=bold(name), verb=SUBGROUP_VERBS[delivery.action]
    )
    if full:
        sentence += md(" ({})").format(code(full))
    return activity(group, sentence + md("."))
