"""/exporter: the committee's record as the sheet for the notice board (the lobby sheet),
Markdown text, a calendar file and JSON data, in the committee's language or any other of the
four."""

from __future__ import annotations

import asyncio
import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import Update

from bot.access import STALE, Press, require_membership
from bot.callbacks import Callback
from bot.context import BotContext
from bot.domain.entities import Committee, Meeting
from bot.domain.records import DecisionLine, RecordSheet, meeting_ref
from bot.exports import export_file_name, render_ics, render_json, render_markdown
from bot.exports.lobby import render_lobby_sheet
from bot.i18n import LANGUAGE_NAMES, SUPPORTED_LOCALES, Translator, translator
from bot.ui import Button, acknowledge, edit_or_send, reply, send_document
from conversations.exports.buttons import (
    ExportLanguage,
    ExportMeeting,
    ExportMeetingIn,
    ExportMonth,
    ExportMonthIn,
)
from conversations.meetings.menu import load_record
from conversations.meetings.views import action_line, meeting_sheet
from conversations.requests.entry import in_period
from conversations.residents.sheets import lobby_sheet, notice_from_record


async def choose_export(update: Update, context: BotContext) -> None:
    """The last meeting, this month or last month, in the committee's language at first."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    text, buttons = await export_menu(context, membership.committee, membership.committee.locale)
    await reply(update, context, text, buttons)


async def export_menu(
    context: BotContext, committee: Committee, locale: str
) -> tuple[str, list[list[Button]]]:
    """What can be printed, the language of the files, and the other languages.

    A sheet for the lobby serves everyone, so the committee's language comes first; any of
    the four can be chosen, for a neighbour who reads another one better.
    """
    _ = context._
    today = context.services.now(committee.timezone).date()
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    chosen = locale != committee.locale
    buttons: list[list[Button]] = []
    recent = await context.storage.meetings.recent(committee.id, limit=1)
    if recent:
        label = _("Last meeting ({ref}, {day})").format(
            ref=meeting_ref(recent[0].number), day=context.tr.format_day(recent[0].held_on)
        )
        meeting: Callback = (
            ExportMeetingIn(id=recent[0].id, locale=locale)
            if chosen
            else ExportMeeting(id=recent[0].id)
        )
        buttons.append([(label, meeting)])
    for month in (this_month, last_month):
        label = context.tr.format_month(month).capitalize()
        period: Callback = (
            ExportMonthIn(id=committee.id, month=month, locale=locale)
            if chosen
            else ExportMonth(id=committee.id, month=month)
        )
        buttons.append([(label, period)])
    buttons.append(
        [
            (LANGUAGE_NAMES[code], ExportLanguage(id=committee.id, locale=code))
            for code in SUPPORTED_LOCALES
            if code != locale
        ]
    )
    text = "\n\n".join(
        [
            _("What do you want to print? You get a PDF for the notice board, the same as "
              "text, and a calendar file."),
            _("Language of the files: {language}. Another one? Press it below.").format(
                language=LANGUAGE_NAMES[locale]
            ),
        ]
    )  # fmt: skip
    return text, buttons


async def change_language(
    update: Update, context: BotContext, press: Press[ExportLanguage, Committee]
) -> None:
    """The menu again, its files in the language pressed."""
    if press.button.locale not in SUPPORTED_LOCALES:  # forged, or dropped since
        await acknowledge(update, context, context._(STALE), alert=True)
        return
    text, buttons = await export_menu(context, press.record, press.button.locale)
    await edit_or_send(update, context, text, buttons)


async def export_meeting(
    update: Update, context: BotContext, press: Press[ExportMeeting, Meeting]
) -> None:
    """The meeting's files, in the committee's language (a sheet for everyone)."""
    await _meeting_files(update, context, press.record.id, None)


async def export_meeting_in(
    update: Update, context: BotContext, press: Press[ExportMeetingIn, Meeting]
) -> None:
    await _meeting_files(update, context, press.record.id, press.button.locale)


async def _meeting_files(
    update: Update, context: BotContext, meeting_id: int, locale: str | None
) -> None:
    await acknowledge(update, context, context._("Preparing the files…"))
    record = await load_record(context, meeting_id)
    if record is not None:
        tr = sheet_translator(record.committee, locale)
        await send_sheet(update, context, record.committee, meeting_sheet(tr, record), tr)


async def export_month(
    update: Update, context: BotContext, press: Press[ExportMonth, Committee]
) -> None:
    """A month's files, in the committee's language."""
    await _month_files(update, context, press.record, press.button.month, None)


async def export_month_in(
    update: Update, context: BotContext, press: Press[ExportMonthIn, Committee]
) -> None:
    await _month_files(update, context, press.record, press.button.month, press.button.locale)


async def _month_files(
    update: Update, context: BotContext, committee: Committee, month: date, locale: str | None
) -> None:
    await acknowledge(update, context, context._("Preparing the files…"))
    tr = sheet_translator(committee, locale)
    sheet = await month_sheet(context, committee, month.replace(day=1), tr)
    await send_sheet(update, context, committee, sheet, tr)


def sheet_translator(committee: Committee, locale: str | None) -> Translator:
    """The language of a sheet: the one chosen, else the committee's."""
    return translator(locale if locale in SUPPORTED_LOCALES else committee.locale)


async def month_sheet(
    context: BotContext, committee: Committee, month: date, tr: Translator
) -> RecordSheet:
    """Every decision and follow-up recorded that month, the requests to partners made or
    answered that month or still open, and the next meeting."""
    tz = ZoneInfo(committee.timezone)
    end_day = month.replace(day=calendar.monthrange(month.year, month.month)[1]) + timedelta(1)
    start = datetime.combine(month, time(0), tzinfo=tz)
    end = datetime.combine(end_day, time(0), tzinfo=tz)
    decisions = await context.storage.decisions.between(committee.id, start, end)
    follow_ups = await context.storage.follow_ups.created_between(committee.id, start, end)
    recent = await context.storage.meetings.recent(committee.id, limit=1)
    now = context.services.now(committee.timezone)
    next_meeting = recent[0].next_meeting_at if recent else None
    requests = await in_period(context.storage, committee, tr, month, end_day, today=now.date())
    return RecordSheet(
        committee_name=committee.name,
        title=tr.gettext("Decisions of {month}").format(month=tr.format_month(month)),
        decisions=tuple(DecisionLine(d.number, d.text) for d in decisions),
        actions=tuple(action_line(f) for f in follow_ups),
        next_meeting=next_meeting if next_meeting and next_meeting.day >= now.date() else None,
        requests=requests,
    )


async def send_sheet(
    update: Update,
    context: BotContext,
    committee: Committee,
    sheet: RecordSheet,
    tr: Translator,
) -> None:
    """Four files in the chat where they were asked for: in the sheet's language `tr`,
    their captions in the chat's. The sheet for the notice board is the lobby sheet, made
    from the same notice as a post for the residents (large type, first names only, no
    internal codes, the contact, QR codes to the box and the channel); the text and the data
    keep the committee's own record, with its references."""
    chat = update.effective_chat
    assert chat is not None
    _ = context._
    today = context.services.now(committee.timezone).date()
    lobby = await lobby_sheet(context, committee, notice_from_record(tr, sheet), tr=tr)
    # Laying out the PDF takes a few tenths of a second: keep the event loop free.
    pdf = await asyncio.to_thread(render_lobby_sheet, lobby, tr, printed_on=today)
    files = [
        (pdf, "pdf", _("To print for the notice board.")),
        (render_markdown(sheet, tr).encode(), "md", _("The same, as text.")),
        (
            render_ics(sheet, tr, tz=ZoneInfo(committee.timezone), stamp=context.services.clock()),
            "ics",
            _("Follow-ups and next meeting, for a calendar."),
        ),
        (render_json(sheet), "json", _("The same as data, for another tool.")),
    ]
    for content, extension, caption in files:
        sent = await send_document(
            context, chat.id, content, export_file_name(sheet, extension), caption=caption
        )
        if sent is None:  # the chat refused this file: it would refuse the next ones
            return
