"""Cards: created, moved, renamed, described, due, done, archived, commented, people, labels,
custom fields.

An update of a card (``updateCard``) is routed by the field it changed (see
``declaration``): a move to another list, a new name, description or due
date, the due date marked done, the card archived or restored.
"""

from __future__ import annotations

from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    global_time,
    link,
    md,
    parse_time,
)
from integrations.webhooks.trello.declaration import integration
from integrations.webhooks.trello.readers import (
    card_of,
    data_of,
    is_self,
    list_name,
    member_of,
    text_of,
)
from integrations.webhooks.trello.text import named, previously, quoted, said, who


def in_list(payload: Payload, preposition: str = "in") -> Markdown:
    """`` in **To Do**``, when the action names the card's list."""
    name = list_name(data_of(payload)["list"])
    return md(" " + preposition + " {}").format(bold(name)) if name else Markdown("")


@integration.handles("createCard")
def on_card_created(payload: Payload, delivery: Delivery) -> Message:
    """Who created the card, and in which list."""
    return said(
        payload,
        md("{who} created {card}{where}.").format(
            who=who(payload), card=named(card_of(payload)), where=in_list(payload)
        ),
    )


@integration.handles("moveInboxCardToBoard")
def on_inbox_card_moved(payload: Payload, delivery: Delivery) -> Message:
    """A card brought to the board from someone's Inbox (Trello's personal list of cards): it is
    new to the board, as a card created there is."""
    return said(
        payload,
        md("{who} added {card}{where} from their Inbox.").format(
            who=who(payload), card=named(card_of(payload)), where=in_list(payload, "to")
        ),
    )


@integration.handles("updateCard", action="idList")
def on_card_moved(payload: Payload, delivery: Delivery) -> Message:
    """Who moved the card, from which list to which."""
    data = data_of(payload)
    before, after = list_name(data["listBefore"]), list_name(data["listAfter"])
    card = named(card_of(payload))
    if before and after:
        sentence = md("{who} moved {card} from {before} to {after}.").format(
            who=who(payload), card=card, before=bold(before), after=bold(after)
        )
    elif after:
        sentence = md("{who} moved {card} to {after}.").format(
            who=who(payload), card=card, after=bold(after)
        )
    else:
        sentence = md("{who} moved {card} to another list.").format(who=who(payload), card=card)
    return said(payload, sentence)


@integration.handles("updateCard", action="name")
def on_card_renamed(payload: Payload, delivery: Delivery) -> Message:
    """The card's old name and its new one."""
    old = text_of(data_of(payload)["old"]["name"])
    card = named(card_of(payload))
    if old is None:
        return said(
            payload, md("{who} renamed the card {card}.").format(who=who(payload), card=card)
        )
    return said(
        payload,
        md("{who} renamed the card {old} to {card}.").format(
            who=who(payload), old=bold(old), card=card
        ),
    )


@integration.handles("updateCard", action="desc")
def on_card_description(payload: Payload, delivery: Delivery) -> Message:
    """The new description, quoted with its Markdown (the one it replaces in a spoiler), or
    that it was removed."""
    data = data_of(payload)
    old = text_of(data["old"]["desc"])
    new = text_of(data["card"]["desc"])
    card = named(card_of(payload))
    if new is None:
        return said(
            payload,
            md("{who} removed the description of {card}.").format(who=who(payload), card=card),
            body=previously(old, "Removed description"),
        )
    verb = "changed the description of" if old else "added a description to"
    body = quoted(new)
    if old:
        body += md("\n\n") + previously(old, "Previous description")
    return said(
        payload,
        md("{who} {verb} {card}:").format(who=who(payload), verb=verb, card=card),
        body=body,
    )


@integration.handles("updateCard", action="due")
def on_card_due(payload: Payload, delivery: Delivery) -> Message:
    """The due date set, changed (from when to when) or removed, in each reader's time zone."""
    data = data_of(payload)
    old = parse_time(data["old"]["due"].string(default=None))
    new = parse_time(data["card"]["due"].string(default=None))
    card = named(card_of(payload))
    if new is None:
        return said(
            payload,
            md("{who} removed the due date of {card}.").format(who=who(payload), card=card),
        )
    if old is None:
        sentence = md("{who} set the due date of {card} to {new}.").format(
            who=who(payload), card=card, new=global_time(new)
        )
    else:
        sentence = md("{who} changed the due date of {card} from {old} to {new}.").format(
            who=who(payload), card=card, old=global_time(old), new=global_time(new)
        )
    return said(payload, sentence)


@integration.handles("updateCard", action="dueComplete")
def on_card_due_complete(payload: Payload, delivery: Delivery) -> Message:
    """That the card's due date was marked complete, or not complete again."""
    done = data_of(payload)["card"]["dueComplete"].boolean(default=True)
    verb = "marked {card} complete" if done else "marked {card} not complete"
    return said(
        payload,
        md("{who} " + verb + ".").format(who=who(payload), card=named(card_of(payload))),
    )


@integration.handles("updateCard", action="closed")
def on_card_archived(payload: Payload, delivery: Delivery) -> Message:
    """That the card was archived, or restored from the archive."""
    closed = data_of(payload)["card"]["closed"].boolean(default=True)
    verb = "archived {card}" if closed else "restored {card} from the archive"
    return said(
        payload,
        md("{who} " + verb + ".").format(who=who(payload), card=named(card_of(payload))),
    )


integration.ignores(
    "updateCard",
    action=("pos", "start", "dueReminder", "recurrenceRule"),
    reason="Reordering cards within a list, start dates, personal due-date reminders and how"
    " often a card repeats: planning detail that would crowd the board's topic.",
)
integration.ignores(
    "updateCard",
    action=("cover", "idAttachmentCover", "locationName", "address", "coordinates", "isTemplate"),
    reason="How a card looks (its cover), where it is on a map, and whether it is a template.",
)


@integration.handles("commentCard")
def on_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment, quoted with its Markdown."""
    return said(
        payload,
        md("{who} commented on {card}:").format(who=who(payload), card=named(card_of(payload))),
        body=quoted(data_of(payload)["text"].string(default="")),
    )


@integration.handles("addMemberToCard", "removeMemberFromCard")
def on_card_member(payload: Payload, delivery: Delivery) -> Message:
    """Who was added to or removed from the card (who joined or left it)."""
    card = named(card_of(payload))
    added = delivery.event == "addMemberToCard"
    if is_self(payload):
        verb = "joined {card}" if added else "left {card}"
        return said(payload, md("{who} " + verb + ".").format(who=who(payload), card=card))
    verb = "added {member} to {card}" if added else "removed {member} from {card}"
    return said(
        payload,
        md("{who} " + verb + ".").format(
            who=who(payload), member=bold(member_of(payload)), card=card
        ),
    )


@integration.handles("addLabelToCard", "removeLabelFromCard")
def on_card_label(payload: Payload, delivery: Delivery) -> Message:
    """The label added to or removed from the card: its name and colour."""
    data = data_of(payload)
    label = data["label"]
    name = text_of(label["name"]) or text_of(data["text"])
    color = text_of(label["color"]) or text_of(data["value"])
    if name and color:
        shown = md("the label {name} ({color})").format(name=bold(name), color=color)
    elif name:
        shown = md("the label {}").format(bold(name))
    elif color:
        shown = md("the {} label").format(color)
    else:
        shown = Markdown("a label")
    verb = (
        "added {label} to {card}"
        if delivery.event == "addLabelToCard"
        else ("removed {label} from {card}")
    )
    return said(
        payload,
        md("{who} " + verb + ".").format(
            who=who(payload), label=shown, card=named(card_of(payload))
        ),
    )


@integration.handles("updateCheckItemStateOnCard")
def on_check_item(payload: Payload, delivery: Delivery) -> Message:
    """Which checklist item was checked or unchecked, in which checklist."""
    data = data_of(payload)
    item = text_of(data["checkItem"]["name"]) or "an item"
    done = data["checkItem"]["state"].string(default="complete") == "complete"
    checklist = text_of(data["checklist"]["name"])
    where = md(" in {}").format(bold(checklist)) if checklist else Markdown("")
    return said(
        payload,
        md("{who} {verb} {item}{where} on {card}.").format(
            who=who(payload),
            verb="checked" if done else "unchecked",
            item=bold(item),
            where=where,
            card=named(card_of(payload)),
        ),
    )


@integration.handles("addChecklistToCard")
def on_checklist_added(payload: Payload, delivery: Delivery) -> Message:
    """The checklist added to the card."""
    name = text_of(data_of(payload)["checklist"]["name"]) or "a checklist"
    return said(
        payload,
        md("{who} added the checklist {checklist} to {card}.").format(
            who=who(payload), checklist=bold(name), card=named(card_of(payload))
        ),
    )


@integration.handles("addAttachmentToCard")
def on_attachment(payload: Payload, delivery: Delivery) -> Message:
    """The attachment, linked, and the card it was attached to."""
    attachment = data_of(payload)["attachment"]
    name = text_of(attachment["name"]) or "a file"
    url = text_of(attachment["url"])
    return said(
        payload,
        md("{who} attached {attachment} to {card}.").format(
            who=who(payload),
            attachment=link(name, url) if url else bold(name),
            card=named(card_of(payload)),
        ),
    )


# A drop-down's choice the action does not name.
UNNAMED = Markdown("")


def _written(node: Payload) -> str | None:
    """A number or flag Trello writes as text (``"40"``, ``"true"``), or sends as JSON."""
    value = node.raw() if node.exists() else None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}"
    return text_of(node) if isinstance(value, str) else None


def field_value(field: Payload, item: Payload) -> Markdown | None:
    """A custom field's value as the card shows it; None when it is cleared.

    Trello keeps a value by its kind (``{"text": …}``, ``{"number": "40"}``,
    ``{"date": …}``, ``{"checked": "true"}``); a drop-down's value is the id
    of one of the field's ``options``, named where the action gives them
    (else the value is ``UNNAMED``).
    """
    value = item["value"]
    text = text_of(value["text"]) or _written(value["number"])
    if text is not None:
        return bold(text)
    date = parse_time(value["date"].string(default=None))
    if date is not None:
        return global_time(date)
    checked = _written(value["checked"])
    if checked is not None:
        return bold("checked" if checked.lower() == "true" else "unchecked")
    chosen = text_of(item["idValue"])
    if chosen is None:
        return None
    for option in field["options"].array(default=[]):
        if text_of(option["id"]) == chosen:
            name = text_of(option["value"]["text"])
            return bold(name) if name else UNNAMED
    return UNNAMED


@integration.handles("updateCustomFieldItem")
def on_custom_field(payload: Payload, delivery: Delivery) -> Message:
    """The custom field set on the card (Priority, Estimate...) and its new value, or cleared."""
    data = data_of(payload)
    field = data["customField"]
    name = bold(text_of(field["name"]) or "a custom field")
    card = named(card_of(payload))
    value = field_value(field, data["customFieldItem"])
    if value is None or value == UNNAMED:
        verb = "cleared" if value is None else "changed"
        sentence = md("{who} " + verb + " {field} on {card}.").format(
            who=who(payload), field=name, card=card
        )
    else:
        sentence = md("{who} set {field} on {card} to {value}.").format(
            who=who(payload), field=name, card=card, value=value
        )
    return said(payload, sentence)


@integration.handles("deleteCard")
def on_card_deleted(payload: Payload, delivery: Delivery) -> Message:
    """That the card was deleted (Trello then names it only by its number), and from which list."""
    return said(
        payload,
        md("{who} deleted {card}{where}.").format(
            who=who(payload), card=bold(card_of(payload).name), where=in_list(payload, "from")
        ),
    )


@integration.handles("moveCardToBoard", "moveCardFromBoard")
def on_card_other_board(payload: Payload, delivery: Delivery) -> Message:
    """The card moved here from another board, or from here to another board."""
    data = data_of(payload)
    card = named(card_of(payload))
    if delivery.event == "moveCardToBoard":
        other = text_of(data["boardSource"]["name"])
        template = "{who} moved {card} to this board" + (" from {board}." if other else ".")
    else:
        other = text_of(data["boardTarget"]["name"])
        template = "{who} moved {card} to " + ("the board {board}." if other else "another board.")
    return said(
        payload,
        md(template).format(who=who(payload), card=card, board=bold(other or "")),
    )


integration.ignores(
    "copyCard",
    "copyCommentCard",
    "convertToCardFromCheckItem",
    reason="A card made from another card (with its comments) or from a checklist item: Zulip's"
    " Trello integration leaves them out too, and the original says what they are about.",
)
integration.ignores(
    "createInboxCard",
    "copyInboxCard",
    reason="Cards in a member's own Inbox, which is no board's: a card reaches the board when it"
    " is moved there (`moveInboxCardToBoard`).",
)
integration.ignores(
    "createCheckItem",
    "updateCheckItem",
    "deleteCheckItem",
    "removeChecklistFromCard",
    "updateChecklist",
    "copyChecklist",
    reason="Editing a checklist's items: only checking an item off is posted.",
)
integration.ignores(
    "updateComment",
    "deleteComment",
    "deleteAttachmentFromCard",
    "voteOnCard",
    "emailCard",
    reason="Comments edited or deleted, attachments removed, votes and cards e-mailed to the"
    " board: housekeeping of what was already posted.",
)
