"""Boards: members added and removed, the board renamed, closed or reopened, its description."""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.trello.declaration import integration
from integrations.webhooks.trello.readers import board_of, data_of, member_of, text_of
from integrations.webhooks.trello.text import named, previously, quoted, said, who

# How Trello names a member's role on a board, as a reader would.
ROLES = {"admin": "an admin", "normal": "a member", "observer": "an observer"}


def the_board(payload: Payload) -> Markdown:
    board = board_of(payload)
    return named(board) if board is not None else Markdown("the board")


@integration.handles("addMemberToBoard", "removeMemberFromBoard")
def on_board_member(payload: Payload, delivery: Delivery) -> Message:
    """Who was added to the board (and as what: member, admin, observer) or removed from it."""
    member = bold(member_of(payload))
    if delivery.event == "removeMemberFromBoard":
        sentence = md("{who} removed {member} from {board}.").format(
            who=who(payload), member=member, board=the_board(payload)
        )
        return said(payload, sentence)
    role = ROLES.get(data_of(payload)["memberType"].string(default=""))
    template = "{who} added {member} to {board}" + (" as {role}." if role else ".")
    return said(
        payload,
        md(template).format(
            who=who(payload), member=member, board=the_board(payload), role=role or ""
        ),
    )


@integration.handles("updateBoard", action="name")
def on_board_renamed(payload: Payload, delivery: Delivery) -> Message:
    """The board's old name and its new one; the topic follows the new name."""
    old = text_of(data_of(payload)["old"]["name"])
    template = "{who} renamed the board {old} to {board}." if old else "{who} renamed {board}."
    return said(
        payload,
        md(template).format(who=who(payload), old=bold(old or ""), board=the_board(payload)),
    )


@integration.handles("updateBoard", action="closed")
def on_board_closed(payload: Payload, delivery: Delivery) -> Message:
    """That the board was closed, or reopened."""
    closed = data_of(payload)["board"]["closed"].boolean(default=True)
    verb = "closed {board}" if closed else "reopened {board}"
    return said(
        payload, md("{who} " + verb + ".").format(who=who(payload), board=the_board(payload))
    )


@integration.handles("updateBoard", action="desc")
def on_board_description(payload: Payload, delivery: Delivery) -> Message:
    """The board's new description, quoted with its Markdown, or that it was removed."""
    data = data_of(payload)
    new = text_of(data["board"]["desc"])
    old = text_of(data["old"]["desc"])
    if new is None:
        return said(
            payload,
            md("{who} removed the description of {board}.").format(
                who=who(payload), board=the_board(payload)
            ),
            body=previously(old, "Removed description"),
        )
    return said(
        payload,
        md("{who} changed the description of {board}:").format(
            who=who(payload), board=the_board(payload)
        ),
        body=quoted(new),
    )


integration.ignores(
    "updateBoard",
    action=("prefs", "idOrganization", "labelNames"),
    reason="The board's settings (background, visibility, voting), its workspace and its label"
    " names: administration, not work; Zulip's Trello integration leaves out backgrounds too.",
)
integration.ignores(
    "makeAdminOfBoard",
    "makeNormalMemberOfBoard",
    "makeObserverOfBoard",
    "enablePowerUp",
    "disablePowerUp",
    "enablePlugin",
    "disablePlugin",
    "addToOrganizationBoard",
    "removeFromOrganizationBoard",
    "createLabel",
    "updateLabel",
    "deleteLabel",
    "createCustomField",
    "updateCustomField",
    "deleteCustomField",
    reason="Who administers the board, its Power-Ups, workspace, labels and custom fields:"
    " administration, not work on the board.",
)
integration.ignores(
    "unconfirmedBoardInvitation",
    "createBoardInvitation",
    "deleteBoardInvitation",
    "deactivatedMemberInBoard",
    "reactivatedMemberInBoard",
    reason="Invitations still pending (joining the board is `addMemberToBoard`) and members an"
    " admin deactivated or reactivated: membership administration.",
)
integration.ignores(
    "updateBoardOrg",
    "updateBoardVisibility",
    "createBoardPreference",
    "enterpriseAdminViewedPrivateBoard",
    "butlerRuleFailedBoard",
    "removeDeprecatedPlugin",
    reason="The board's workspace, visibility and preferences, an Enterprise admin's audit trail,"
    " Butler's reports of rules that failed and Power-Ups Trello retired: administration, not"
    " work on the board.",
)
