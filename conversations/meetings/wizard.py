"""/reunion: record a meeting step by step in private chat; the compte rendu goes to the group."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.access import require_membership
from bot.context import BotContext
from bot.domain.entities import Attendee
from bot.domain.french_dates import DateProblem, find_due_date
from bot.domain.onboarding import clean_text
from bot.domain.records import MeetingKind
from bot.ui import Button, callback_parts, edit_or_send, h, reply
from bot.wizard import Wizard, use_buttons, wizard
from conversations.meetings.items import (
    ASK_ACTIONS,
    ASK_ATTENDEES,
    ASK_DATE,
    ASK_DECISIONS,
    ASK_KIND,
    ASK_NEXT,
    ASK_PARTNER,
    action_typed,
    add_to_meeting,
    ask_actions,
    ask_decisions,
    decision_typed,
    draft_committee,
    draft_meeting,
    draft_of,
)
from conversations.meetings.menu import (
    load_record,
    post_to_groups,
)
from conversations.meetings.views import KIND_LABELS, minutes_text

log = logging.getLogger(__name__)


DEFAULT_MEETING_TIME = time(19, 0)


async def ask_date(update: Update, context: BotContext) -> int:
    """First step: when was the meeting (today by default)."""
    query = update.callback_query
    membership = await require_membership(update, context)
    if query is not None:
        await query.answer()
    if membership is None:
        return ConversationHandler.END
    draft_of(context).clear()
    draft_of(context)["committee_id"] = membership.committee.id
    today = context.services.now(membership.committee.timezone).date()
    yesterday = today - timedelta(days=1)
    _ = context._
    await edit_or_send(
        update,
        context,
        _("When was the meeting? Press a button or write the date (example: 18/11)."),
        [
            [(_("Today ({day})").format(day=context.tr.format_day(today)), "mtg:day:0")],
            [(_("Yesterday ({day})").format(day=context.tr.format_day(yesterday)), "mtg:day:1")],
        ],
    )
    return ASK_DATE


async def date_by_button(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    parts = callback_parts(query, "mtg")
    days_back = 1 if parts == ["day", "1"] else 0
    await query.answer()
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    held_on = context.services.now(committee.timezone).date() - timedelta(days=days_back)
    return await _ask_kind(update, context, held_on)


async def date_by_text(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    finding = find_due_date(update.message.text, now=context.services.now(committee.timezone))
    if finding.due_date is None or finding.problem is DateProblem.UNREADABLE:
        await reply(update, context, context._("I could not read this date. Example: 18/11."))
        return ASK_DATE
    return await _ask_kind(update, context, finding.due_date)


async def _ask_kind(update: Update, context: BotContext, held_on: date) -> int:
    draft_of(context)["held_on"] = held_on.isoformat()
    buttons: list[list[Button]] = [
        [(context._(label), f"mtg:kind:{kind.value}")] for kind, label in KIND_LABELS.items()
    ]
    buttons.append([(context._("« Back"), "mtg:back")])
    await edit_or_send(
        update,
        context,
        context._("Meeting of {day}. What kind of meeting?").format(
            day=context.tr.format_day(held_on)
        ),
        buttons,
    )
    return ASK_KIND


async def kind_chosen(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    parts = callback_parts(query, "mtg")
    kinds = {kind.value for kind in MeetingKind}
    if not parts or len(parts) != 2 or parts[1] not in kinds:
        await query.answer(context._("This button no longer works."))
        return ASK_KIND
    await query.answer()
    kind = MeetingKind(parts[1])
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    if kind is MeetingKind.PARTNER:
        draft_of(context)["kind"] = kind.value
        await edit_or_send(update, context, context._("Which partner? Example: CLSC de Limoilou"))
        return ASK_PARTNER
    partner = committee.housing_office if kind is MeetingKind.HOUSING_OFFICE else None
    return await _create_meeting(update, context, kind, partner)


async def partner_named(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    partner = clean_text(update.message.text)[:120]
    if not partner:
        return ASK_PARTNER
    return await _create_meeting(update, context, MeetingKind.PARTNER, partner)


async def back_to_date(update: Update, context: BotContext) -> int:
    return await ask_date(update, context)


async def _create_meeting(
    update: Update, context: BotContext, kind: MeetingKind, partner: str | None
) -> int:
    """The meeting exists from here on: every later answer is saved as it comes."""
    user = update.effective_user
    committee = await draft_committee(context)
    draft = draft_of(context)
    if committee is None or user is None or "held_on" not in draft:
        return ConversationHandler.END
    meeting = await context.storage.meetings.start(
        committee.id, date.fromisoformat(draft["held_on"]), kind, partner, user.id
    )
    draft.update(meeting_id=meeting.id, present=[user.id], extra=[])
    await _save_attendees(context, meeting.id)
    return await show_attendees(update, context)


async def show_attendees(update: Update, context: BotContext) -> int:
    draft = draft_of(context)
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    present = set(draft.get("present", []))
    members = await context.storage.committees.members(committee.id)
    buttons: list[list[Button]] = [
        [(("✓ " if m.person_id in present else "") + m.display_name, f"mtg:att:{m.person_id}")]
        for m in members[:30]
    ]
    buttons.append([(context._("Done"), "mtg:attdone")])
    extra = draft.get("extra", [])
    text = context._(
        "Who was there? Press the names. Write other names (not on Telegram), separated by commas."
    )
    if extra:
        text += "\n" + context._("Also present: {names}").format(names=h(", ".join(extra)))
    await edit_or_send(update, context, text, buttons)
    return ASK_ATTENDEES


async def toggle_attendee(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    parts = callback_parts(query, "mtg")
    person_id = int(parts[1]) if parts and len(parts) == 2 and parts[1].isdecimal() else None
    draft = draft_of(context)
    present: list[int] = draft.setdefault("present", [])
    if person_id is not None:
        if person_id in present:
            present.remove(person_id)
        else:
            present.append(person_id)
    await query.answer()
    await _save_attendees(context, int(draft["meeting_id"]))
    return await show_attendees(update, context)


async def attendees_typed(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    draft = draft_of(context)
    extra: list[str] = draft.setdefault("extra", [])
    for name in update.message.text.replace(";", ",").split(","):
        cleaned = clean_text(name)[:60]
        if cleaned and cleaned not in extra:
            extra.append(cleaned)
    await _save_attendees(context, int(draft["meeting_id"]))
    return await show_attendees(update, context)


async def _save_attendees(context: BotContext, meeting_id: int) -> None:
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


async def ask_next_meeting(update: Update, context: BotContext) -> int:
    if update.callback_query is not None:
        await update.callback_query.answer()
    meeting = await draft_meeting(context)
    if meeting is not None and draft_of(context).get("adding"):
        # Adding to an earlier meeting: its next date was already asked.
        return await finish(update, context, meeting.next_meeting_at)
    await edit_or_send(
        update,
        context,
        context._("When is the next meeting? Example: December 15 at 7 pm."),
        [[(context._("Not set yet"), "mtg:nonext")]],
    )
    return ASK_NEXT


async def next_meeting_typed(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    now = context.services.now(committee.timezone)
    finding = find_due_date(update.message.text, now=now)
    if finding.due_date is None or finding.problem is not None:
        await reply(
            update, context, context._("I could not read a future date. Example: December 15.")
        )
        return ASK_NEXT
    moment = datetime.combine(
        finding.due_date, finding.due_time or DEFAULT_MEETING_TIME, tzinfo=now.tzinfo
    )
    return await finish(update, context, moment)


async def no_next_meeting(update: Update, context: BotContext) -> int:
    assert update.callback_query is not None
    await update.callback_query.answer()
    return await finish(update, context, None)


async def finish(update: Update, context: BotContext, next_at: datetime | None) -> int:
    """Close the meeting, show the compte rendu, post it to the committee's group."""
    meeting = await draft_meeting(context)
    if meeting is None:
        return ConversationHandler.END
    await context.storage.meetings.finish(meeting.id, next_at)
    draft_of(context).clear()
    record = await load_record(context, meeting.id)
    if record is None:
        return ConversationHandler.END
    text = minutes_text(context.tr, record)
    await edit_or_send(
        update,
        context,
        text,
        [[(context._("Printable sheet and calendar"), f"exp:mtg:{meeting.id}")]],
    )
    await post_to_groups(context, record)
    return ConversationHandler.END


def build_wizard() -> Wizard:
    """The meeting wizard, top to bottom. Private chat only."""
    text = filters.TEXT & ~filters.COMMAND
    private = filters.ChatType.PRIVATE
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CallbackQueryHandler(ask_date, pattern=r"^mtg:new$"),
        CallbackQueryHandler(add_to_meeting, pattern=r"^mtg:more:"),
    ]
    states: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
        ASK_DATE: [
            CallbackQueryHandler(date_by_button, pattern=r"^mtg:day:"),
            MessageHandler(text & private, date_by_text),
        ],
        ASK_KIND: [
            CallbackQueryHandler(kind_chosen, pattern=r"^mtg:kind:"),
            CallbackQueryHandler(back_to_date, pattern=r"^mtg:back$"),
            MessageHandler(text & private, use_buttons),
        ],
        ASK_PARTNER: [MessageHandler(text & private, partner_named)],
        ASK_ATTENDEES: [
            CallbackQueryHandler(toggle_attendee, pattern=r"^mtg:att:"),
            CallbackQueryHandler(ask_decisions, pattern=r"^mtg:attdone$"),
            MessageHandler(text & private, attendees_typed),
        ],
        ASK_DECISIONS: [
            CallbackQueryHandler(ask_actions, pattern=r"^mtg:decdone$"),
            MessageHandler(text & private, decision_typed),
        ],
        ASK_ACTIONS: [
            CallbackQueryHandler(ask_next_meeting, pattern=r"^mtg:actdone$"),
            MessageHandler(text & private, action_typed),
        ],
        ASK_NEXT: [
            CallbackQueryHandler(no_next_meeting, pattern=r"^mtg:nonext$"),
            MessageHandler(text & private, next_meeting_typed),
        ],
    }
    return wizard("meeting", entry_points, states)
