"""/reunion menu (with the requests to raise), past meetings, and the compte rendu sent to the
committee's groups."""

from __future__ import annotations

from telegram import Update

from bot.access import Press, membership_from_link, membership_in_private, require_membership
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.assemblies import assembly_ref
from bot.domain.entities import Meeting, Membership
from bot.domain.records import meeting_ref
from bot.domain.requests import request_ref
from bot.ui import Button, edit_or_send, h, post_to_groups, reply
from conversations.exports.buttons import ExportMeeting
from conversations.meetings.buttons import (
    AddToMeeting,
    AnnounceNext,
    NewAssembly,
    NewMeeting,
    OpenAssembly,
    OpenMeeting,
    PastMeetings,
    ShowAgenda,
)
from conversations.meetings.views import HandedOver, MeetingRecord, meeting_title, minutes_text
from conversations.requests.entry import agenda

MEETING_LINK = DeepLink("meeting-")


async def open_menu(update: Update, context: BotContext) -> None:
    """/reunion: new meeting, add to today's meeting, or open a past one."""
    membership = await membership_in_private(
        update,
        context,
        MEETING_LINK,
        context._("Meetings are recorded in private chat with me. The minutes come back here."),
        context._("Record a meeting in private"),
    )
    if membership is not None:
        await show_menu(update, context, membership)


async def open_from_link(update: Update, context: BotContext, committee_id: str) -> None:
    """The deep link from a group: work on that group's committee."""
    membership = await membership_from_link(update, context, committee_id)
    if membership is not None:
        await show_menu(update, context, membership)


async def show_menu(update: Update, context: BotContext, membership: Membership) -> None:
    _ = context._
    committee = membership.committee
    today = context.services.now(committee.timezone).date()
    recent = await context.storage.meetings.recent(committee.id)
    buttons: list[list[Button]] = [[(_("New meeting"), NewMeeting())]]
    todays = next((m for m in recent if m.held_on == today), None)
    if todays is not None:
        buttons.append(
            [(_("Add to today's meeting ({ref})").format(ref=meeting_ref(todays.number)),
              AddToMeeting(id=todays.id))]
        )  # fmt: skip
    if recent:
        buttons.append([(_("Past meetings"), PastMeetings())])
    coming = next((m for m in recent if m.next_meeting_at is not None), None)
    if coming is not None and coming.next_meeting_at and coming.next_meeting_at.day >= today:
        buttons.append([(_("Announce the next meeting"), AnnounceNext(id=coming.id))])
    buttons.append([(_("Prepare a general assembly"), NewAssembly())])
    for assembly in await context.storage.assemblies.of_committee(committee.id, limit=2):
        label = _("General assembly {ref} ({day})").format(
            ref=assembly_ref(assembly.number), day=context.tr.format_day(assembly.held_at.day)
        )
        buttons.append([(label, OpenAssembly(id=assembly.id))])
    waiting = await context.storage.agenda.pending(committee.id)
    if waiting:
        buttons.append(
            [
                (
                    _("Agenda of the next meeting ({count})").format(count=len(waiting)),
                    ShowAgenda(id=committee.id),
                )
            ]
        )
    text = _("Meetings — <b>{committee}</b>\nWhat do you want to do?").format(
        committee=h(committee.name)
    )
    # Requests the partner left unanswered after every relance: the committee raises them.
    to_raise = await agenda(context.storage, committee.id)
    if to_raise:
        text += "\n\n<b>" + h(_("On the agenda: requests without an answer")) + "</b>\n"
        text += "\n".join(
            "• " + context.tr.line(request_ref(r.number), f"« {h(r.what)} »", h(r.partner_name))
            if r.partner_name
            else "• " + context.tr.line(request_ref(r.number), f"« {h(r.what)} »")
            for r in to_raise
        )
    await reply(update, context, text, buttons)


async def post_minutes(context: BotContext, record: MeetingRecord) -> None:
    """The compte rendu goes to the committee's groups, in the committee's language."""
    tr = context.services.translator_for(None, hint=record.committee.locale)
    await post_to_groups(context, record.committee.id, minutes_text(tr, record))


async def load_record(context: BotContext, meeting_id: int) -> MeetingRecord | None:
    storage = context.storage
    meeting = await storage.meetings.get(meeting_id)
    committee = await storage.committees.get(meeting.committee_id) if meeting else None
    if meeting is None or committee is None:
        return None
    handed_over = []
    for mandate in await storage.mandates.carrying_priorities(committee.id, meeting.held_on):
        consultation = (
            await storage.priorities.get(mandate.consultation_id)
            if mandate.consultation_id
            else None
        )
        if consultation is not None and mandate.positions:
            handed_over.append(HandedOver(consultation.year, mandate.positions))
    return MeetingRecord(
        committee=committee,
        meeting=meeting,
        attendees=await storage.meetings.attendees(meeting.id),
        decisions=await storage.decisions.of_meeting(meeting.id),
        actions=await storage.follow_ups.of_meeting(meeting.id),
        agenda=tuple(item.text for item in await storage.agenda.of_meeting(meeting.id)),
        handed_over=tuple(handed_over),
    )


async def list_past(update: Update, context: BotContext, _button: PastMeetings) -> None:
    membership = await require_membership(update, context)
    if membership is None:
        return
    recent = await context.storage.meetings.recent(membership.committee.id)
    buttons: list[list[Button]] = [
        [
            (
                f"{context.tr.format_day(m.held_on)} — {meeting_title(context.tr, m)}",
                OpenMeeting(id=m.id),
            )
        ]
        for m in recent
    ]
    await edit_or_send(update, context, context._("Which meeting?"), buttons)


async def open_past(
    update: Update, context: BotContext, press: Press[OpenMeeting, Meeting]
) -> None:
    record = await load_record(context, press.record.id)
    if record is not None:
        await edit_or_send(
            update,
            context,
            minutes_text(context.tr, record),
            export_buttons(context, press.record),
        )


def export_buttons(context: BotContext, meeting: Meeting) -> list[list[Button]]:
    """Under a compte rendu: the same as files to print and to put in a calendar."""
    return [[(context._("Printable sheet and calendar"), ExportMeeting(id=meeting.id))]]
