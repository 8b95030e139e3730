"""/reunion: record a meeting step by step in private chat; the compte rendu goes to the group."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler, ConversationHandler, MessageHandler, filters

from bot.access import MEETING, on_button, on_press, require_membership
from bot.callbacks import Callback
from bot.context import BotContext
from bot.domain.entities import MeetingTime
from bot.domain.onboarding import clean_text
from bot.domain.records import MeetingKind
from bot.ui import Button, edit_or_send
from bot.wizard import (
    Wizard,
    back_button,
    clear_draft,
    date_answer,
    read_date,
    wizard,
)
from conversations.meetings import buttons
from conversations.meetings.attendance import (
    attendees_typed,
    save_attendees,
    show_attendees,
    toggle_attendee,
    toggle_named_attendee,
)
from conversations.meetings.items import (
    ASK_ACTIONS,
    ASK_ATTENDEES,
    ASK_DATE,
    ASK_DECISIONS,
    ASK_KIND,
    ASK_NEXT,
    ASK_PARTNER,
    WIZARD,
    action_typed,
    add_to_meeting,
    ask_actions,
    ask_decisions,
    decision_typed,
    draft_committee,
    draft_meeting,
    draft_of,
)
from conversations.meetings.menu import export_buttons, load_record, post_minutes
from conversations.meetings.views import KIND_LABELS, meeting_sheet, minutes_text
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import notice_from_record, residents_translator

B = TypeVar("B", bound=Callback)

PARTNER_NAME_LIMIT = 120
# The committee's own meetings take up the agenda waiting for « the next meeting »; a meeting
# with a partner has its own.
TAKES_UP_THE_AGENDA = frozenset({MeetingKind.COMMITTEE, MeetingKind.GENERAL_ASSEMBLY})


async def new_meeting(update: Update, context: BotContext, _button: buttons.NewMeeting) -> int:
    """« New meeting »: a fresh record for the person's committee, from its date."""
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft_of(context)["committee_id"] = membership.committee.id
    return await ask_date(update, context)


async def ask_date(update: Update, context: BotContext) -> int:
    """When was the meeting (today by default)."""
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    today = context.services.now(committee.timezone).date()
    yesterday = today - timedelta(days=1)
    _ = context._
    await edit_or_send(
        update,
        context,
        _("When was the meeting? Press a button or write the date (example: 18/11)."),
        [
            [
                (
                    _("Today ({day})").format(day=context.tr.format_day(today)),
                    buttons.Day(days_back=0),
                )
            ],
            [
                (
                    _("Yesterday ({day})").format(day=context.tr.format_day(yesterday)),
                    buttons.Day(days_back=1),
                )
            ],
        ],
    )
    return ASK_DATE


async def date_by_button(update: Update, context: BotContext, button: buttons.Day) -> int:
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    today = context.services.now(committee.timezone).date()
    draft_of(context)["held_on"] = (today - timedelta(days=button.days_back)).isoformat()
    return await ask_kind(update, context)


async def date_by_text(update: Update, context: BotContext) -> int | None:
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    # The meeting already took place: a past date is the usual answer.
    finding = await read_date(update, context, committee.timezone, past_ok=True)
    if finding is None or finding.due_date is None:
        return None
    draft_of(context)["held_on"] = finding.due_date.isoformat()
    return await ask_kind(update, context)


async def ask_kind(update: Update, context: BotContext) -> int:
    held_on = date.fromisoformat(draft_of(context)["held_on"])
    choices: list[list[Button]] = [
        [(context._(label), buttons.Kind(kind=kind))] for kind, label in KIND_LABELS.items()
    ]
    choices.append(back_button(context, ASK_DATE))
    await edit_or_send(
        update,
        context,
        context._("Meeting of {day}. What kind of meeting?").format(
            day=context.tr.format_day(held_on)
        ),
        choices,
    )
    return ASK_KIND


async def kind_chosen(update: Update, context: BotContext, button: buttons.Kind) -> int:
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    if button.kind is MeetingKind.PARTNER:
        return await ask_partner(update, context)
    partner = committee.housing_office if button.kind is MeetingKind.HOUSING_OFFICE else None
    return await _create_meeting(update, context, button.kind, partner)


async def ask_partner(update: Update, context: BotContext) -> int:
    await edit_or_send(
        update,
        context,
        context._("Which partner? Example: CLSC de Limoilou"),
        [back_button(context, ASK_KIND)],
    )
    return ASK_PARTNER


async def partner_named(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    partner = clean_text(update.message.text)[:PARTNER_NAME_LIMIT]
    if not partner:
        return await ask_partner(update, context)
    return await _create_meeting(update, context, MeetingKind.PARTNER, partner)


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
    if kind in TAKES_UP_THE_AGENDA:
        await context.storage.agenda.take_up(committee.id, meeting.id)
    await save_attendees(context, meeting.id)
    return await show_attendees(update, context)


async def ask_next_meeting(update: Update, context: BotContext) -> int:
    meeting = await draft_meeting(context)
    if meeting is not None and draft_of(context).get("adding"):
        # Adding to an earlier meeting: its next date was already asked.
        return await finish(update, context, meeting.next_meeting_at)
    await edit_or_send(
        update,
        context,
        context._("When is the next meeting? Example: December 15 at 7 pm."),
        [[(context._("Not set yet"), buttons.NoNextMeeting())], back_button(context, ASK_ACTIONS)],
    )
    return ASK_NEXT


async def next_meeting_typed(update: Update, context: BotContext) -> int | None:
    committee = await draft_committee(context)
    if committee is None:
        return ConversationHandler.END
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    # The hour only when one was typed: « le 15 décembre » has none until someone gives it.
    return await finish(update, context, MeetingTime(finding.due_date, finding.due_time))


async def no_next_meeting(
    update: Update, context: BotContext, _button: buttons.NoNextMeeting
) -> int:
    return await finish(update, context, None)


async def finish(update: Update, context: BotContext, next_at: MeetingTime | None) -> int:
    """Close the meeting, show the compte rendu, post it to the committee's group."""
    meeting = await draft_meeting(context)
    if meeting is None:
        return ConversationHandler.END
    await context.storage.meetings.finish(meeting.id, next_at)
    clear_draft(context, WIZARD)
    record = await load_record(context, meeting.id)
    if record is None:
        return ConversationHandler.END
    await edit_or_send(
        update, context, minutes_text(context.tr, record), export_buttons(context, meeting)
    )
    await post_minutes(context, record)
    # What residents may read of it: offered, never sent by itself.
    tr = residents_translator(record.committee)
    notice = notice_from_record(tr, meeting_sheet(tr, record))
    await offer_publication(update, context, record.committee.id, notice)
    return ConversationHandler.END


def moves_to(
    kind: type[B], question: Callable[[Update, BotContext], Awaitable[int]]
) -> CallbackQueryHandler[BotContext, Any]:
    """A « Done » button: on to the next question."""

    async def next_question(update: Update, context: BotContext, _button: B) -> int:
        return await question(update, context)

    next_question.__name__ = question.__name__
    return on_button(kind, next_question)


def build_wizard() -> Wizard:
    """The meeting wizard, top to bottom. Private chat only."""
    typed = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[
            on_button(buttons.NewMeeting, new_meeting),
            on_press(buttons.AddToMeeting, add_to_meeting, records=MEETING),
        ],
        states={
            ASK_DATE: [
                on_button(buttons.Day, date_by_button),
                *date_answer(date_by_text),
            ],
            ASK_KIND: [on_button(buttons.Kind, kind_chosen)],
            ASK_PARTNER: [MessageHandler(typed, partner_named)],
            ASK_ATTENDEES: [
                on_button(buttons.Attendee, toggle_attendee),
                on_button(buttons.NamedAttendee, toggle_named_attendee),
                moves_to(buttons.AttendeesDone, ask_decisions),
                MessageHandler(typed, attendees_typed),
            ],
            ASK_DECISIONS: [
                moves_to(buttons.DecisionsDone, ask_actions),
                MessageHandler(typed, decision_typed),
            ],
            ASK_ACTIONS: [
                moves_to(buttons.ActionsDone, ask_next_meeting),
                MessageHandler(typed, action_typed),
            ],
            ASK_NEXT: [
                on_button(buttons.NoNextMeeting, no_next_meeting),
                *date_answer(next_meeting_typed),
            ],
        },
        questions={
            ASK_DATE: ask_date,
            ASK_KIND: ask_kind,
            ASK_PARTNER: ask_partner,
            ASK_ATTENDEES: show_attendees,
            ASK_DECISIONS: ask_decisions,
            ASK_ACTIONS: ask_actions,
            ASK_NEXT: ask_next_meeting,
        },
    )
