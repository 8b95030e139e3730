"""/exporter: the committee's record as a printable PDF, Markdown text and a calendar file."""

from __future__ import annotations

import asyncio
import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import Update

from bot.access import Press, require_membership
from bot.context import BotContext
from bot.domain.entities import Committee, Meeting
from bot.domain.records import DecisionLine, RecordSheet, meeting_ref
from bot.exports import export_file_name, render_ics, render_markdown, render_pdf
from bot.ui import Button, acknowledge, reply, send_document
from conversations.exports.buttons import ExportMeeting, ExportMonth
from conversations.meetings.menu import load_record
from conversations.meetings.views import action_line, meeting_sheet


async def choose_export(update: Update, context: BotContext) -> None:
    """The last meeting, this month or last month."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    _ = context._
    committee = membership.committee
    today = context.services.now(committee.timezone).date()
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    buttons: list[list[Button]] = []
    recent = await context.storage.meetings.recent(committee.id, limit=1)
    if recent:
        label = _("Last meeting ({ref}, {day})").format(
            ref=meeting_ref(recent[0].number), day=context.tr.format_day(recent[0].held_on)
        )
        buttons.append([(label, ExportMeeting(id=recent[0].id))])
    for month in (this_month, last_month):
        label = context.tr.format_month(month).capitalize()
        buttons.append([(label, ExportMonth(id=committee.id, month=month))])
    await reply(
        update,
        context,
        _("What do you want to print? You get a PDF for the notice board, the same as text, "
          "and a calendar file."),
        buttons,
    )  # fmt: skip


async def export_meeting(
    update: Update, context: BotContext, press: Press[ExportMeeting, Meeting]
) -> None:
    await acknowledge(update, context, context._("Preparing the files…"))
    record = await load_record(context, press.record.id)
    if record is not None:
        await send_sheet(update, context, record.committee, meeting_sheet(context.tr, record))


async def export_month(
    update: Update, context: BotContext, press: Press[ExportMonth, Committee]
) -> None:
    await acknowledge(update, context, context._("Preparing the files…"))
    month = press.button.month.replace(day=1)
    sheet = await month_sheet(context, press.record, month)
    await send_sheet(update, context, press.record, sheet)


async def month_sheet(context: BotContext, committee: Committee, month: date) -> RecordSheet:
    """Every decision and follow-up recorded that month, and the next meeting."""
    tz = ZoneInfo(committee.timezone)
    end_day = month.replace(day=calendar.monthrange(month.year, month.month)[1]) + timedelta(1)
    start = datetime.combine(month, time(0), tzinfo=tz)
    end = datetime.combine(end_day, time(0), tzinfo=tz)
    decisions = await context.storage.decisions.between(committee.id, start, end)
    follow_ups = await context.storage.follow_ups.created_between(committee.id, start, end)
    recent = await context.storage.meetings.recent(committee.id, limit=1)
    now = context.services.now(committee.timezone)
    next_meeting = recent[0].next_meeting_at if recent else None
    month_name = context.tr.format_month(month)
    return RecordSheet(
        committee_name=committee.name,
        title=context._("Decisions of {month}").format(month=month_name),
        decisions=tuple(DecisionLine(d.number, d.text) for d in decisions),
        actions=tuple(action_line(f) for f in follow_ups),
        next_meeting=next_meeting if next_meeting and next_meeting.day >= now.date() else None,
    )


async def send_sheet(
    update: Update, context: BotContext, committee: Committee, sheet: RecordSheet
) -> None:
    """Three files in the chat where they were asked for."""
    chat = update.effective_chat
    assert chat is not None
    tr = context.tr
    today = context.services.now(committee.timezone).date()
    # Laying out the PDF takes a few tenths of a second: keep the event loop free.
    pdf = await asyncio.to_thread(render_pdf, sheet, tr, printed_on=today)
    files = [
        (pdf, "pdf", tr.gettext("To print for the notice board.")),
        (render_markdown(sheet, tr).encode(), "md", tr.gettext("The same, as text.")),
        (
            render_ics(sheet, tr, tz=ZoneInfo(committee.timezone), stamp=context.services.clock()),
            "ics",
            tr.gettext("Follow-ups and next meeting, for a calendar."),
        ),
    ]
    for content, extension, caption in files:
        sent = await send_document(
            context, chat.id, content, export_file_name(sheet, extension), caption=caption
        )
        if sent is None:  # the chat refused this file: it would refuse the next ones
            return
