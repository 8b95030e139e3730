"""Answers: any member records what the partner answered (accepted, partly, refused, « on
regarde ça », no answer), with its date and a few words; the group hears it. « On regarde ça »
sets a new date to expect an answer by. What the partner promised is noted next (promises.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import Press
from bot.context import BotContext
from bot.domain.partnerships import clip
from bot.domain.requests import (
    ANSWER_DAY_CHOICES,
    NOTE_LIMIT,
    OUTCOME_LABELS,
    PROMISING,
    Outcome,
    Request,
    can_answer,
    next_rung,
    request_ref,
)
from bot.outbox import announcing
from bot.ui import Button, edit_or_send, h, reply
from bot.wizard import Wizard, back_button, clear_draft, date_answer, draft, read_date, wizard
from conversations.requests.buttons import (
    AnswerDay,
    AnswerReceived,
    LookingFor,
    NoNote,
    PickOutcome,
)
from conversations.requests.common import (
    MOVED_ON,
    committee_of,
    day_rows,
    hand_over,
    on_request,
    request_in_question,
    show_card,
    today_in,
)
from conversations.requests.views import partner_text

WIZARD = "request-answers"
OUTCOME, DAY, NOTE, LOOKING = range(4)


def draft_of(context: BotContext) -> dict[str, Any]:
    return draft(context, WIZARD)


def answerable(request: Request) -> bool:
    return can_answer(request.status)


async def _request(
    update: Update, context: BotContext, allowed: Callable[[Request], bool] = answerable
) -> Request | None:
    return await request_in_question(update, context, WIZARD, allowed)


# --- the answer ------------------------------------------------------------------------------


async def begin(update: Update, context: BotContext, press: Press[AnswerReceived, Request]) -> int:
    """« Answer received »: what, when, a few words."""
    if not await hand_over(update, context, press.record):
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft_of(context)["request_id"] = press.record.id
    return await ask_outcome(update, context)


async def ask_outcome(update: Update, context: BotContext) -> int:
    request = await _request(update, context)
    if request is None:
        return ConversationHandler.END
    buttons: list[list[Button]] = [
        [(context._(label), PickOutcome(id=request.id, outcome=outcome))]
        for outcome, label in OUTCOME_LABELS.items()
    ]
    text = context._("What did {partner} answer to {ref} « {what} »?").format(
        partner=partner_text(context.tr, request),
        ref=request_ref(request.number),
        what=h(request.what),
    )
    await edit_or_send(update, context, text, buttons)
    return OUTCOME


async def outcome_picked(
    update: Update, context: BotContext, press: Press[PickOutcome, Request]
) -> int:
    draft_of(context).update(request_id=press.record.id, outcome=press.button.outcome.value)
    return await ask_day(update, context)


async def ask_day(update: Update, context: BotContext) -> int:
    request = await _request(update, context)
    if request is None:
        return ConversationHandler.END
    today = today_in(context, await committee_of(context, request))
    buttons = day_rows(context, today, lambda back: AnswerDay(id=request.id, days_back=back))
    buttons.append(back_button(context, OUTCOME))
    text = context._("When did the answer come? Press a button or write the date.")
    await edit_or_send(update, context, text, buttons)
    return DAY


async def day_picked(update: Update, context: BotContext, press: Press[AnswerDay, Request]) -> int:
    today = today_in(context, press.membership.committee)
    draft_of(context)["answered_on"] = (today - timedelta(days=press.button.days_back)).isoformat()
    return await ask_note(update, context)


async def day_typed(update: Update, context: BotContext) -> int | None:
    request = await _request(update, context)
    if request is None:
        return ConversationHandler.END
    committee = await committee_of(context, request)
    finding = await read_date(update, context, committee.timezone, past_ok=True)
    if finding is None or finding.due_date is None:
        return None
    if finding.due_date > today_in(context, committee):
        await reply(update, context, context._("This date is still to come: when did it come?"))
        return None
    draft_of(context)["answered_on"] = finding.due_date.isoformat()
    return await ask_note(update, context)


async def ask_note(update: Update, context: BotContext) -> int:
    request_id = int(draft_of(context)["request_id"])
    buttons: list[list[Button]] = [
        [(context._("No note"), NoNote(id=request_id))],
        back_button(context, DAY),
    ]
    text = context._("In a few words, what did they say? Or press « No note ».")
    await edit_or_send(update, context, text, buttons)
    return NOTE


async def no_note(update: Update, context: BotContext, press: Press[NoNote, Request]) -> int:
    draft_of(context)["note"] = None
    return await _after_note(update, context)


async def note_typed(update: Update, context: BotContext) -> int | None:
    assert update.message is not None and update.message.text is not None
    note, _cut = clip(update.message.text, NOTE_LIMIT + 1)
    if len(note) > NOTE_LIMIT:
        await reply(update, context, _too_long(context, NOTE_LIMIT))
        return None
    draft_of(context)["note"] = note or None
    return await _after_note(update, context)


async def _after_note(update: Update, context: BotContext) -> int:
    if Outcome(draft_of(context)["outcome"]) is Outcome.LOOKING:
        return await ask_looking(update, context)
    return await _record(update, context)


async def ask_looking(update: Update, context: BotContext) -> int:
    """« On regarde ça »: by when they say they will answer (30 days unless told)."""
    request = await _request(update, context)
    if request is None:
        return ConversationHandler.END
    answered_on = _answered_on(context)
    buttons: list[list[Button]] = [
        [
            (
                context._("In {days} days ({day})").format(
                    days=days,
                    day=context.tr.format_short_day(answered_on + timedelta(days=days)),
                ),
                LookingFor(id=request.id, days=days),
            )
        ]
        for days in ANSWER_DAY_CHOICES
    ]
    text = context._(
        "They are looking into it. By when should they answer? Press a button or write a date."
    )
    await edit_or_send(update, context, text, buttons)
    return LOOKING


async def looking_picked(
    update: Update, context: BotContext, press: Press[LookingFor, Request]
) -> int:
    draft_of(context)["expect_again_on"] = (
        _answered_on(context) + timedelta(days=press.button.days)
    ).isoformat()
    return await _record(update, context)


async def looking_typed(update: Update, context: BotContext) -> int | None:
    request = await _request(update, context)
    if request is None:
        return ConversationHandler.END
    committee = await committee_of(context, request)
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    draft_of(context)["expect_again_on"] = finding.due_date.isoformat()
    return await _record(update, context)


def _answered_on(context: BotContext) -> date:
    return date.fromisoformat(draft_of(context)["answered_on"])


async def _record(update: Update, context: BotContext) -> int:
    """The answer and the request's new state together; the group hears it."""
    request = await _request(update, context)
    user = update.effective_user
    if request is None or user is None:
        return ConversationHandler.END
    values = draft_of(context)
    outcome = Outcome(values["outcome"])
    again = values.get("expect_again_on")
    committee = await committee_of(context, request)
    group_tr = context.services.translator_for(None, hint=committee.locale)
    chat = update.effective_chat
    # The answer and its word to the groups are committed together (bot/outbox.py).
    async with announcing(context) as tell:
        answer = await context.storage.requests.record_answer(
            request.id,
            outcome,
            _answered_on(context),
            values.get("note"),
            by=user.id,
            expect_again_on=date.fromisoformat(again) if again else None,
        )
        if answer is not None:
            told = group_tr.gettext(
                "📬 Answer to {ref} « {what} » ({partner}): {outcome}."
            ).format(
                ref=request_ref(request.number),
                what=h(request.what),
                partner=partner_text(group_tr, request),
                outcome=group_tr.gettext(OUTCOME_LABELS[outcome]),
            )
            if answer.note:
                told += f"\n« {h(answer.note)} »"
            tell.groups(committee.id, told, skip_chat=chat.id if chat else None)
    clear_draft(context, WIZARD)
    if answer is None:
        await reply(update, context, context._(MOVED_ON))
        return ConversationHandler.END
    await show_card(
        update,
        context,
        request.id,
        edit=False,
        note=await _next_step(context, request.id, outcome),
    )
    await tell.send()
    return ConversationHandler.END


async def _next_step(context: BotContext, request_id: int, outcome: Outcome) -> str:
    _ = context._
    text = _("Noted: {outcome}.").format(outcome=_(OUTCOME_LABELS[outcome]))
    if outcome in PROMISING:
        return (
            text
            + " "
            + _(
                "What did they promise? Note each promise (what, by when): it becomes a "
                "follow-up, and I will remind you to check it."
            )
        )
    if outcome is Outcome.REFUSED:
        return (
            text
            + " "
            + _("The committee can ask again, raise it with its representatives, or close it.")
        )
    request = await context.storage.requests.get(request_id)
    if request is None:
        return text
    events = await context.storage.requests.events(request_id)
    upcoming = next_rung(request.status, request.expected_on, events)
    if upcoming is not None:
        text += " " + _("If nothing comes, I will remind you on {day}.").format(
            day=context.tr.format_day(upcoming.on)
        )
    return text


def _too_long(context: BotContext, limit: int) -> str:
    return context._("Please write it in {limit} characters at most.").format(limit=limit)


def build_wizard() -> Wizard:
    """The answer, one question at a time (private only: a group hands over with a link)."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[on_request(AnswerReceived, begin, allowed=answerable)],
        states={
            OUTCOME: [on_request(PickOutcome, outcome_picked, allowed=answerable)],
            DAY: [on_request(AnswerDay, day_picked, allowed=answerable), *date_answer(day_typed)],
            NOTE: [
                on_request(NoNote, no_note, allowed=answerable),
                MessageHandler(text, note_typed),
            ],
            LOOKING: [
                on_request(LookingFor, looking_picked, allowed=answerable),
                *date_answer(looking_typed),
            ],
        },
        questions={OUTCOME: ask_outcome, DAY: ask_day, NOTE: ask_note, LOOKING: ask_looking},
    )
