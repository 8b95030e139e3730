"""What the partner promised (after an answer accepted, or partly): each promise becomes a
follow-up of the request's responsible member (what, by when), linked to the request; the
follow-ups' reminders then ask the committee to check that the partner did it."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import Press
from bot.context import BotContext
from bot.domain.french_dates import DateFinding
from bot.domain.partnerships import clip
from bot.domain.records import follow_up_ref
from bot.domain.requests import PROMISING, TEXT_LIMIT, Request, RequestStatus, request_ref
from bot.storage.decisions import FollowUpDraft
from bot.ui import ask_text, h, reply
from bot.wizard import Wizard, clear_draft, date_answer, draft, read_date, wizard
from conversations.followups.reminders import follow_up_changed
from conversations.requests.buttons import AddPromise, NoPromiseDate, PromisesDone
from conversations.requests.common import (
    MOVED_ON,
    committee_of,
    hand_over,
    on_request,
    request_in_question,
    show_card,
)
from conversations.requests.views import partner_text

WIZARD = "request-promises"
PROMISE, PROMISE_DUE = range(2)


def draft_of(context: BotContext) -> dict[str, Any]:
    return draft(context, WIZARD)


def promising(request: Request) -> bool:
    """Accepted, or partly: what the partner promised can be followed up."""
    return request.status is RequestStatus.ANSWERED and request.outcome in PROMISING


async def _request(update: Update, context: BotContext) -> Request | None:
    """The request the open question is about, while its promises can still be noted."""
    return await request_in_question(update, context, WIZARD, promising)


async def begin_promise(
    update: Update, context: BotContext, press: Press[AddPromise, Request]
) -> int:
    if not await hand_over(update, context, press.record):
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft_of(context)["request_id"] = press.record.id
    return await ask_promise(update, context)


async def ask_promise(update: Update, context: BotContext) -> int:
    request = await _request(update, context)
    if request is None:
        return ConversationHandler.END
    await ask_text(
        update,
        context,
        context._(
            "What did {partner} promise? One promise per message.\n"
            "Example: Repair the door of the common room."
        ).format(partner=partner_text(context.tr, request)),
    )
    return PROMISE


async def promise_typed(update: Update, context: BotContext) -> int | None:
    assert update.message is not None and update.message.text is not None
    text, _cut = clip(update.message.text, TEXT_LIMIT + 1)
    if not text or len(text) > TEXT_LIMIT:
        await reply(
            update,
            context,
            context._("Please write it in {limit} characters at most.").format(limit=TEXT_LIMIT),
        )
        return None
    draft_of(context)["promise"] = text
    return await ask_promise_due(update, context)


async def ask_promise_due(update: Update, context: BotContext) -> int:
    request_id = int(draft_of(context)["request_id"])
    await reply(
        update,
        context,
        context._("By when? Write the date (example: December 15), or press « No date »."),
        [[(context._("No date"), NoPromiseDate(id=request_id))]],
    )
    return PROMISE_DUE


async def no_promise_date(
    update: Update, context: BotContext, press: Press[NoPromiseDate, Request]
) -> int:
    return await _promise(update, context, None)


async def promise_due_typed(update: Update, context: BotContext) -> int | None:
    request = await _request(update, context)
    if request is None:
        return ConversationHandler.END
    committee = await committee_of(context, request)
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    return await _promise(update, context, finding)


async def _promise(update: Update, context: BotContext, finding: DateFinding | None) -> int:
    """The promise becomes a follow-up of the request's responsible member, linked to it."""
    request = await _request(update, context)
    user = update.effective_user
    if request is None or user is None or "promise" not in draft_of(context):
        return ConversationHandler.END
    text = f"{request_ref(request.number)} — {draft_of(context)['promise']}"
    follow_up = await context.storage.follow_ups.create(
        request.committee_id,
        FollowUpDraft(
            text=text,
            responsible_id=request.responsible_id,
            responsible_name=request.responsible_name,
            due_date=finding.due_date if finding else None,
            due_time=finding.due_time if finding else None,
        ),
        created_by=user.id,
    )
    await context.storage.requests.link_follow_up(request.id, follow_up.id)
    await follow_up_changed(context, follow_up.id)
    clear_draft(context, WIZARD)
    when = (
        context.tr.format_day(follow_up.due_date) if follow_up.due_date else context._("no date")
    )
    await reply(
        update,
        context,
        context._("Follow-up {ref} noted: {what} — {when}. Another promise?").format(
            ref=follow_up_ref(follow_up.number), what=h(text), when=when
        ),
        [
            [(context._("Another promise"), AddPromise(id=request.id))],
            [(context._("That's all"), PromisesDone(id=request.id))],
        ],
    )
    return ConversationHandler.END


async def promises_done(
    update: Update, context: BotContext, press: Press[PromisesDone, Request]
) -> None:
    await show_card(update, context, press.record.id)


def build_wizard() -> Wizard:
    """A promise typed, then by when (private only: a group hands over with a link)."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[on_request(AddPromise, begin_promise, allowed=promising, refusal=MOVED_ON)],
        states={
            PROMISE: [MessageHandler(text, promise_typed)],
            PROMISE_DUE: [
                on_request(NoPromiseDate, no_promise_date, allowed=promising, refusal=MOVED_ON),
                *date_answer(promise_due_typed),
            ],
        },
        questions={PROMISE: ask_promise, PROMISE_DUE: ask_promise_due},
    )
