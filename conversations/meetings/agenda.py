"""The agenda of the next meeting (subjects from the box, for one), and the notice of that
meeting for the residents."""

from __future__ import annotations

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import AgendaItem, Committee, Meeting
from bot.domain.residents import BoxItem
from bot.ui import Button, acknowledge, edit_or_send, h, label, reply
from conversations.meetings.buttons import (
    AgendaFromBox,
    AnnounceNext,
    RemoveAgendaItem,
    ShowAgenda,
)
from conversations.residents.box_reader import show_item
from conversations.residents.entry import AGENDA_MARK, ALREADY_USED, use_box_item
from conversations.residents.notices import meeting_notice
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import residents_translator

MAX_LISTED = 20


async def agenda_view(context: BotContext, committee: Committee) -> tuple[str, list[list[Button]]]:
    _ = context._
    items = await context.storage.agenda.pending(committee.id)
    lines = ["<b>" + _("On the agenda of the next meeting") + "</b>"]
    lines += [f"• {h(item.text)}" for item in items] or [_("Nothing yet.")]
    lines += ["", _("The next committee meeting takes them up; its compte rendu lists them.")]
    buttons: list[list[Button]] = [
        [(_("Remove: {what}").format(what=label(item.text, 40)), RemoveAgendaItem(id=item.id))]
        for item in items[:MAX_LISTED]
    ]
    return "\n".join(lines), buttons


async def show_agenda(
    update: Update, context: BotContext, press: Press[ShowAgenda, Committee]
) -> None:
    text, buttons = await agenda_view(context, press.record)
    await edit_or_send(update, context, text, buttons)


async def remove_item(
    update: Update, context: BotContext, press: Press[RemoveAgendaItem, AgendaItem]
) -> None:
    """Off the agenda (while no meeting took it up)."""
    if not await context.storage.agenda.remove(press.record.id):
        await acknowledge(update, context, context._("This button no longer works."), alert=True)
        return
    text, buttons = await agenda_view(context, press.membership.committee)
    await edit_or_send(update, context, text, buttons)


async def announce_next(
    update: Update, context: BotContext, press: Press[AnnounceNext, Meeting]
) -> None:
    """« Announce the next meeting »: when, and what it will talk about, for the residents."""
    meeting, committee = press.record, press.membership.committee
    when = meeting.next_meeting_at
    today = context.services.now(committee.timezone).date()
    if when is None or when.day < today:
        await acknowledge(update, context, context._("No next meeting is set."), alert=True)
        return
    tr = residents_translator(committee)
    agenda = [item.text for item in await context.storage.agenda.pending(committee.id)]
    notice = meeting_notice(tr, tr.gettext("Next meeting of the committee"), when, agenda=agenda)
    await offer_publication(update, context, committee.id, notice)


async def agenda_from_box(
    update: Update, context: BotContext, press: Press[AgendaFromBox, BoxItem]
) -> None:
    """A box message, on the agenda of the next meeting (once); the message says so."""
    item, committee = press.record, press.membership.committee
    storage = context.storage
    async with storage.db.transaction():
        claimed = await use_box_item(storage, item.id, AGENDA_MARK)
        if claimed:
            await storage.agenda.add(
                committee.id, item.text, press.membership.person_id, box_item_id=item.id
            )
    if not claimed:
        await acknowledge(update, context, context._(ALREADY_USED), alert=True)
        return
    moved = await storage.box.get(item.id)
    if moved is not None:
        await show_item(update, context, moved, committee)
    await reply(
        update,
        context,
        context._("Added to the agenda of the next meeting. See /reunion."),
    )
