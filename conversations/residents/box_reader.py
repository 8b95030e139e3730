"""/boite: the members read what residents wrote, newest first, and decide what it becomes.

No view here can show who wrote a message: the records do not know it.
"""

from __future__ import annotations

from telegram import Update

from bot.access import Press, membership_from_link, membership_in_private
from bot.context import BotContext
from bot.domain.entities import Committee, Membership
from bot.domain.priorities import ConsultationStatus, proposal_ref
from bot.domain.residents import AnsweredHow, BoxItem, BoxStatus, box_ref
from bot.i18n import N_
from bot.ui import Button, edit_or_send, h, label, reply
from conversations.decisions.buttons import FollowUpFromBox
from conversations.meetings.buttons import AgendaFromBox
from conversations.residents.box_links import MEMBERS_BOX_LINK, box_url
from conversations.residents.buttons import (
    Abusive,
    AnswerPrivately,
    AnswerPublicly,
    Archive,
    BoxPoster,
    ChannelSetup,
    OldItems,
    OpenBox,
    OpenItem,
    Restore,
    SetContact,
    ToPriority,
)
from conversations.residents.entry import AGENDA_MARK
from conversations.residents.sheets import (
    box_notice,
    lobby_sheet,
    residents_translator,
    send_lobby_sheet,
)

MAX_LISTED = 15
EXCERPT = 70
MOVED_ON = N_("This message was already archived or marked: nothing was changed.")


async def show_box(update: Update, context: BotContext) -> None:
    """/boite: in private, the box; in the group, a button to read it in private."""
    membership = await membership_in_private(
        update,
        context,
        MEMBERS_BOX_LINK,
        context._("What residents wrote is read in private, by the committee's members."),
        context._("Open the box in private"),
    )
    if membership is not None:
        await send_box(update, context, membership.committee, membership)


async def box_from_link(update: Update, context: BotContext, raw: str) -> None:
    """The group's « open in private » link."""
    membership = await membership_from_link(update, context, raw)
    if membership is not None:
        await send_box(update, context, membership.committee, membership)


async def open_box(update: Update, context: BotContext, press: Press[OpenBox, Committee]) -> None:
    await send_box(update, context, press.record, press.membership, edit=True)


async def send_box(
    update: Update,
    context: BotContext,
    committee: Committee,
    membership: Membership,
    *,
    edit: bool = False,
) -> None:
    """New messages first, then those read and still open; one button each."""
    _ = context._
    items = await context.storage.box.of_committee(committee.id)
    counts = await context.storage.box.counts(committee.id)
    lines = [
        _("<b>The box of {committee}</b>").format(committee=h(committee.name)),
        _("New: {new} · Read: {read} · Archived: {archived}").format(
            new=counts[BoxStatus.NEW],
            read=counts[BoxStatus.READ],
            archived=counts[BoxStatus.ARCHIVED] + counts[BoxStatus.ABUSIVE],
        ),
        _("Nobody knows who wrote these messages, not even the bot."),
    ]
    open_items = [item for item in items if item.is_open][:MAX_LISTED]
    for heading, status in ((_("New"), BoxStatus.NEW), (_("Read"), BoxStatus.READ)):
        shown = [item for item in open_items if item.status is status]
        if shown:
            lines += ["", f"<b>{h(heading)}</b>"]
            lines += [_item_line(context, item) for item in shown]
    if not open_items:
        lines += ["", _("No message to read. Share the box's link so residents can write.")]
    buttons: list[list[Button]] = [
        [(f"{box_ref(item.number)} — {label(item.text, EXCERPT)}", OpenItem(id=item.id))]
        for item in open_items
    ]
    buttons.append([(_("The box's link and poster"), BoxPoster(id=committee.id))])
    if counts[BoxStatus.ARCHIVED] + counts[BoxStatus.ABUSIVE]:
        buttons.append([(_("Archived messages"), OldItems(id=committee.id))])
    if membership.is_coordinator:
        buttons.append([(_("Residents' channel"), ChannelSetup(id=committee.id))])
        buttons.append([(_("Contact printed on sheets"), SetContact(id=committee.id))])
    text = "\n".join(lines)
    if edit:
        await edit_or_send(update, context, text, buttons)
    else:
        await reply(update, context, text, buttons)


def _item_line(context: BotContext, item: BoxItem) -> str:
    marks = " ✉️" if item.can_be_answered_privately else ""
    day = context.tr.format_short_day(item.received_on)
    return f"• {box_ref(item.number)} · {day}{marks} — « {h(label(item.text, EXCERPT))} »"


async def old_items(
    update: Update, context: BotContext, press: Press[OldItems, Committee]
) -> None:
    _ = context._
    items = [i for i in await context.storage.box.of_committee(press.record.id) if not i.is_open]
    lines = [_("<b>Archived messages</b>")]
    buttons: list[list[Button]] = []
    for item in items[:MAX_LISTED]:
        hidden = item.status is BoxStatus.ABUSIVE
        text = _("(marked abusive)") if hidden else f"« {h(label(item.text, EXCERPT))} »"
        lines.append(f"• {box_ref(item.number)} — {text}")
        buttons.append([(box_ref(item.number), OpenItem(id=item.id))])
    buttons.append([(_("« Back to the box"), OpenBox(id=press.record.id))])
    await edit_or_send(update, context, "\n".join(lines), buttons)


async def open_item(update: Update, context: BotContext, press: Press[OpenItem, BoxItem]) -> None:
    """One message, in full, with what it can become. Opening it marks it read."""
    item = press.record
    if item.status is BoxStatus.NEW:
        await context.storage.box.set_status(item.id, BoxStatus.READ, only_from={BoxStatus.NEW})
        item = await context.storage.box.get(item.id) or item
    await show_item(update, context, item, press.membership.committee)


async def show_item(
    update: Update, context: BotContext, item: BoxItem, committee: Committee
) -> None:
    _ = context._
    lines = [
        _("<b>{ref}</b> · received on {day}").format(
            ref=box_ref(item.number), day=context.tr.format_day(item.received_on)
        ),
        f"« {h(item.text)} »",
        "",
    ]
    if item.status is BoxStatus.ARCHIVED:
        lines.append(_("Archived."))
    elif item.status is BoxStatus.ABUSIVE:
        lines.append(_("Marked abusive: it no longer shows in the box."))
    if item.answer is not None:
        how = _("in the channel") if item.answered_how is AnsweredHow.PUBLIC else _("privately")
        lines.append(_("Answered {how}: « {answer} »").format(how=how, answer=h(item.answer)))
    elif item.answerable:
        lines.append(
            _("The writer can read a private answer (the bot does not know who they are).")
        )
    proposal = await _proposal_of(context, item)
    if proposal is not None:
        lines.append(_("It is a proposed priority ({ref}).").format(ref=proposal))
    elif item.used_as == AGENDA_MARK:
        lines.append(_("It became: {what}").format(what=_("the agenda of the next meeting")))
    elif item.used_as:
        lines.append(_("It became: {what}").format(what=h(item.used_as)))
    await edit_or_send(
        update, context, "\n".join(lines), await _item_buttons(context, item, committee, proposal)
    )


async def _proposal_of(context: BotContext, item: BoxItem) -> str | None:
    for proposal_id in await context.storage.priorities.from_box_item(item.id):
        proposal = await context.storage.priorities.proposal(proposal_id)
        if proposal is not None:
            return proposal_ref(proposal.number)
    return None


async def _item_buttons(
    context: BotContext, item: BoxItem, committee: Committee, proposal: str | None
) -> list[list[Button]]:
    _ = context._
    buttons: list[list[Button]] = []
    if item.is_open:
        if proposal is None and item.used_as is None:
            buttons.append([(_("⭐ Add to the priorities"), ToPriority(id=item.id))])
            buttons.append(
                [(_("📋 On the agenda of the next meeting"), AgendaFromBox(id=item.id))]
            )
            buttons.append([(_("✅ Make it a follow-up"), FollowUpFromBox(id=item.id))])
        channel = await context.storage.resident_channels.of_committee(committee.id)
        if item.answer is None and channel is not None and channel.bot_present:
            buttons.append([(_("📣 Answer in the channel"), AnswerPublicly(id=item.id))])
        if item.can_be_answered_privately:
            buttons.append([(_("✉️ Answer privately"), AnswerPrivately(id=item.id))])
        buttons.append(
            [(_("Archive"), Archive(id=item.id)), (_("Mark as abusive"), Abusive(id=item.id))]
        )
    else:
        buttons.append([(_("Put it back in the box"), Restore(id=item.id))])
    buttons.append([(_("« Back to the box"), OpenBox(id=committee.id))])
    return buttons


def is_open(item: BoxItem) -> bool:
    return item.is_open


def is_closed(item: BoxItem) -> bool:
    return not item.is_open


async def archive(update: Update, context: BotContext, press: Press[Archive, BoxItem]) -> None:
    await _move(update, context, press.record, press.membership.committee, BoxStatus.ARCHIVED)


async def mark_abusive(
    update: Update, context: BotContext, press: Press[Abusive, BoxItem]
) -> None:
    await _move(update, context, press.record, press.membership.committee, BoxStatus.ABUSIVE)


async def restore(update: Update, context: BotContext, press: Press[Restore, BoxItem]) -> None:
    await _move(update, context, press.record, press.membership.committee, BoxStatus.READ)


async def _move(
    update: Update, context: BotContext, item: BoxItem, committee: Committee, status: BoxStatus
) -> None:
    allowed = (
        {BoxStatus.NEW, BoxStatus.READ}
        if status is not BoxStatus.READ
        else {
            BoxStatus.ARCHIVED,
            BoxStatus.ABUSIVE,
        }
    )
    await context.storage.box.set_status(item.id, status, only_from=allowed)
    moved = await context.storage.box.get(item.id)
    if moved is not None:
        await show_item(update, context, moved, committee)


async def to_priority(
    update: Update, context: BotContext, press: Press[ToPriority, BoxItem]
) -> None:
    """The message becomes a proposed priority: for the consultation in progress, or kept for
    the next one."""
    _ = context._
    item = press.record
    committee = press.membership.committee
    proposal = await context.storage.priorities.propose_from_box(committee.id, item.id, item.text)
    if proposal is None:
        await reply(update, context, _("This message is already a proposed priority."))
        return
    await context.storage.box.mark_used(item.id, proposal_ref(proposal.number))
    consultation = await context.storage.priorities.in_progress(committee.id)
    if consultation is not None and consultation.status is ConsultationStatus.COLLECTING:
        text = _("Added to the proposals of the consultation for {year} ({ref}). See /priorites.")
        text = text.format(year=consultation.year, ref=proposal_ref(proposal.number))
    else:
        text = _("Kept for the next consultation on priorities ({ref}).").format(
            ref=proposal_ref(proposal.number)
        )
    moved = await context.storage.box.get(item.id)
    if moved is not None:
        await show_item(update, context, moved, committee)
    await reply(update, context, text)


async def poster(update: Update, context: BotContext, press: Press[BoxPoster, Committee]) -> None:
    """The link to share, and a sheet with its QR code to post in the lobby."""
    committee = press.record
    chat = update.effective_chat
    assert chat is not None
    url = await box_url(context, committee.id)
    await reply(
        update,
        context,
        context._("The box's link, to share with residents (anyone may write, anonymously):")
        + f"\n{url}",
    )
    notice = box_notice(residents_translator(committee), committee)
    await send_lobby_sheet(
        context, chat.id, committee, await lobby_sheet(context, committee, notice)
    )
