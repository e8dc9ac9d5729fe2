"""An instance's own events (``System Hook``): its groups and users, for its administrators.

A system hook (Admin, System hooks) sends these besides the repository,
project and membership events, which post as a project's or group's do.
``event_name`` says what happened; groups post in the group's topic, users
in a `users` topic. Nothing here carries a web address or says who acted.
"""

from __future__ import annotations

from integrations.common.code_hosting import Repo, activity
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import group_repo

EVENT = "System Hook"
USERS_TOPIC = "users"

# Groups ----------------------------------------------------------------------

GROUP_VERBS = {"group_create": "created", "group_destroy": "deleted"}


@integration.handles(EVENT, action=tuple(GROUP_VERBS))
def on_group(payload: Payload, delivery: Delivery) -> Message:
    """The group created or deleted, with its path, in the group's topic."""
    group, name, path = group_named(payload, delivery)
    sentence = md("Group {name} was {verb} ({path}).").format(
        name=bold(name), verb=GROUP_VERBS[delivery.action], path=code(path)
    )
    return activity(group, sentence)


@integration.handles(EVENT, action="group_rename")
def on_group_renamed(payload: Payload, delivery: Delivery) -> Message:
    """The group's old and new path."""
    group, name, path = group_named(payload, delivery)
    old = payload["old_full_path"].string(default=None) or payload["old_path"].string(default=None)
    sentence = md("Group {name} was renamed").format(name=bold(name))
    if old:
        sentence += md(": {old} is now {new}").format(old=code(old), new=code(path))
    return activity(group, sentence + md("."))


def group_named(payload: Payload, delivery: Delivery) -> tuple[Repo, str, str]:
    """The group's topic, name and full path."""
    path = payload["full_path"].string(default=None) or payload["path"].string()
    name = payload["name"].string(default=None) or path.rsplit("/", 1)[-1]
    return group_repo(name, path, None, delivery), name, path


# Users -----------------------------------------------------------------------

USER_PHRASES = {
    "user_create": "User {who} was created.",
    "user_destroy": "User {who} was deleted.",
    "user_failed_login": "User {who}, who is blocked, tried to sign in.",
}


@integration.handles(EVENT, action=tuple(USER_PHRASES))
def on_user(payload: Payload, delivery: Delivery) -> Message:
    """A user created or deleted, or a blocked user's attempt to sign in, in the `users`
    topic."""
    sentence = md(USER_PHRASES[delivery.action]).format(who=user_named(payload))
    return Message(topic=USERS_TOPIC, content=sentence)


@integration.handles(EVENT, action="user_rename")
def on_user_renamed(payload: Payload, delivery: Delivery) -> Message:
    """A user's old and new username, in the `users` topic."""
    old = payload["old_username"].string(default=None)
    sentence = md("User {who} was renamed").format(who=user_named(payload))
    if old:
        sentence += md(" from {}").format(code(old))
    return Message(topic=USERS_TOPIC, content=sentence + md("."))


def user_named(payload: Payload) -> Markdown:
    """**Name** (`username`), or whichever of the two the payload has."""
    name = payload["name"].string(default=None)
    username = payload["username"].string(default=None)
    if name and username:
        return md("{} ({})").format(bold(name), code(username))
    return bold(name or username or payload["name"].string())


integration.ignores(
    EVENT,
    action=("key_create", "key_destroy"),
    reason="SSH keys are their owner's business; GitLab e-mails the owner when one is added.",
)
integration.ignores(
    EVENT,
    action="gitlab_subscription_member_approval",
    reason="Role promotions waiting for an administrator's approval "
    "(`gitlab_subscription_member_approval` and `_approvals`) are handled in the Admin area.",
)
