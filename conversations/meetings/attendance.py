"""Who was at a meeting: the members, with or without Telegram, pressed on a list; others typed
by name. The list is saved at each change: a crash loses no one."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.domain.entities import Attendee
from bot.domain.named_members import as_named
from bot.domain.onboarding import clean_text
from bot.domain.typed_text import is_meaningful
from bot.ui import Button, edit_or_send, h, reply
from bot.wizard import empty_text_problem
from conversations.meetings import buttons
from conversations.meetings.items import ASK_ATTENDEES, draft_committee, draft_of

ATTENDEE_NAME_LIMIT = 60
# Members offered as buttons on the attendance list.
MAX_MEMBER_BUTTONS = 30


async def show_attendees(update: Update, context: BotContext) -> int:
    """Who was there: the members, with or without Telegram, as buttons; others typed."""
    draft = draft_of(context)
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    present = set(draft.get("present", []))
    extra = draft.get("extra", [])
    members = await context.storage.committees.members(committee.id)
    named = await context.storage.named_members.of_committee(committee.id)
    choices: list[list[Button]] = [
        [
            (
                ("✓ " if m.person_id in present else "") + m.display_name,
                buttons.Attendee(person=m.person_id),
            )
        ]
        for m in members[:MAX_MEMBER_BUTTONS]
    ]
    choices += [
        [
            (
                ("✓ " if n.name in extra else "")
                + context._("{name} (without Telegram)").format(name=n.name),
                buttons.NamedAttendee(member=n.id),
            )
        ]
        for n in named[:MAX_MEMBER_BUTTONS]
    ]
    choices.append([(context._("Done"), buttons.AttendeesDone())])
    text = context._(
        "Who was there? Press the names. Write other names (not on Telegram), separated by commas."
    )
    typed = [name for name in extra if name not in {n.name for n in named}]
    if typed:
        text += "\n" + context._("Also present: {names}").format(names=h(", ".join(typed)))
    await edit_or_send(update, context, text, choices)
    return ASK_ATTENDEES


async def toggle_attendee(update: Update, context: BotContext, button: buttons.Attendee) -> int:
    draft = draft_of(context)
    present: list[int] = draft.setdefault("present", [])
    if button.person in present:
        present.remove(button.person)
    else:
        present.append(button.person)
    await save_attendees(context, int(draft["meeting_id"]))
    return await show_attendees(update, context)


async def toggle_named_attendee(
    update: Update, context: BotContext, button: buttons.NamedAttendee
) -> int:
    """A member without Telegram is kept by name, like a name typed."""
    draft = draft_of(context)
    member = await context.storage.named_members.get(button.member)
    committee = await draft_committee(context)
    if member is not None and committee is not None and member.committee_id == committee.id:
        extra: list[str] = draft.setdefault("extra", [])
        if member.name in extra:
            extra.remove(member.name)
        else:
            extra.append(member.name)
        await save_attendees(context, int(draft["meeting_id"]))
    return await show_attendees(update, context)


async def attendees_typed(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    draft = draft_of(context)
    extra: list[str] = draft.setdefault("extra", [])
    committee = await draft_committee(context)
    named = await context.storage.named_members.of_committee(committee.id) if committee else []
    refused = None
    for name in update.message.text.replace(";", ",").split(","):
        cleaned = as_named(clean_text(name)[:ATTENDEE_NAME_LIMIT], named)
        # « Marie, ㅤ, A »: a name that shows nothing, or one letter, is not an attendee.
        refused = refused or (empty_text_problem(context, cleaned) if cleaned else None)
        if cleaned and is_meaningful(cleaned) and cleaned not in extra:
            extra.append(cleaned)
    if refused:
        await reply(update, context, refused)
    await save_attendees(context, int(draft["meeting_id"]))
    return await show_attendees(update, context)


async def save_attendees(context: BotContext, meeting_id: int) -> None:
    draft = draft_of(context)
    committee = await draft_committee(context)
    if committee is None:
        return
    names = {
        m.person_id: m.display_name for m in await context.storage.committees.members(committee.id)
    }
    attendees = [Attendee(pid, names[pid]) for pid in draft.get("present", []) if pid in names]
    attendees += [Attendee(None, name) for name in draft.get("extra", [])]
    await context.storage.meetings.set_attendees(meeting_id, attendees)
