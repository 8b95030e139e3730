"""The buttons that move a follow-up along: done, postpone, blocked, cancel.

Every press goes through the one check (bot/access.py): a follow-up already done or
cancelled refuses them politely and changes nothing. A change, its new reminders and what it
tells the group are committed together (bot/outbox.py): a crash loses none of them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler, ConversationHandler, MessageHandler, filters

from bot.access import FOLLOW_UP, Press, on_press
from bot.callbacks import Callback
from bot.context import BotContext
from bot.domain.entities import Committee, FollowUp, ObjectiveStatus
from bot.domain.partnerships import clip
from bot.domain.records import FollowUpStatus, follow_up_ref
from bot.domain.reminders import postpone_choices
from bot.i18n import N_, Translator
from bot.outbox import announcing
from bot.scheduler import replan
from bot.ui import Button, acknowledge, ask_text, edit_or_send, h, reply
from bot.wizard import Wizard, clear_draft, date_answer, draft, read_date, wizard
from conversations.followups.buttons import (
    Block,
    Cancel,
    Done,
    NotYet,
    Postpone,
    PostponeTo,
    TellResidents,
)
from conversations.followups.reminders import plan_follow_up
from conversations.partnerships.buttons import Achieved
from conversations.residents.notices import step_notice
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import residents_translator

WIZARD = "followups"
ASK_REASON, ASK_DATE = range(2)
REASON_LIMIT = 300
MOVED_ON = N_("This follow-up is already done or cancelled: nothing was changed.")
B = TypeVar("B", bound=Callback)


def is_done(follow_up: FollowUp) -> bool:
    return follow_up.status is FollowUpStatus.DONE


def is_active(follow_up: FollowUp) -> bool:
    """Open or blocked: the buttons of a follow-up still make sense."""
    return follow_up.status in {FollowUpStatus.OPEN, FollowUpStatus.BLOCKED}


async def mark_done(update: Update, context: BotContext, press: Press[Done, FollowUp]) -> None:
    """Done: reminders stop, the person who pressed is thanked, and the group hears whose
    follow-up it was (successes are made known)."""
    follow_up = press.record
    assert update.effective_user is not None
    presser = update.effective_user.first_name
    pressed_in = update.effective_chat.id if update.effective_chat else None
    group_tr = await _group_translator(context, follow_up)
    async with announcing(context) as tell:
        if not await context.storage.follow_ups.set_status(follow_up.id, FollowUpStatus.DONE):
            return
        await plan_follow_up(context.services, follow_up.id)
        tell.groups(follow_up.committee_id, done_text(group_tr, follow_up), skip_chat=pressed_in)
    ref, what = follow_up_ref(follow_up.number), h(follow_up.text)
    thanks = context._("✅ {ref} « {what} » is done. Thank you {who}!")
    lines = [thanks.format(ref=ref, what=what, who=h(presser))]
    someone_else = follow_up.responsible_id != update.effective_user.id
    if pressed_in is not None and pressed_in < 0 and someone_else and follow_up.responsible_name:
        # Pressed in the group for someone else: the group reads whose follow-up it was.
        lines.append(context._("Responsible: {who}").format(who=h(follow_up.responsible_name)))
    await edit_or_send(update, context, "\n".join(lines))
    await tell.send()
    await ask_to_celebrate(update, context, follow_up)


def done_text(tr: Translator, follow_up: FollowUp) -> str:
    """What the group reads: whose follow-up is done, whoever pressed the button."""
    ref, what = follow_up_ref(follow_up.number), h(follow_up.text)
    if follow_up.responsible_name:
        return tr.gettext("✅ {ref} « {what} » is done. Well done {who}!").format(
            ref=ref, what=what, who=h(follow_up.responsible_name)
        )
    return tr.gettext("✅ {ref} « {what} » is done.").format(ref=ref, what=what)


async def ask_to_celebrate(update: Update, context: BotContext, follow_up: FollowUp) -> None:
    """A done follow-up served an objective: is the objective reached? Then celebrate it."""
    if follow_up.objective_id is None:
        return
    objective = await context.storage.partnerships.objective(follow_up.objective_id)
    if objective is None or objective.status is not ObjectiveStatus.OPEN:
        return
    await reply(
        update,
        context,
        context._("Is the objective « {text} » reached now?").format(text=h(objective.text)),
        [
            [
                (
                    context._("Yes, let's celebrate!"),
                    Achieved(id=objective.partnership_id, objective=objective.id),
                )
            ],
            [(context._("Not yet"), NotYet())],
            [(context._("Tell the residents"), TellResidents(id=follow_up.id))],
        ],
    )


async def tell_residents(
    update: Update, context: BotContext, press: Press[TellResidents, FollowUp]
) -> None:
    """A step done toward an objective, offered to the residents (published by a person)."""
    follow_up = press.record
    objective = (
        await context.storage.partnerships.objective(follow_up.objective_id)
        if follow_up.objective_id
        else None
    )
    partnership = (
        await context.storage.partnerships.get(objective.partnership_id) if objective else None
    )
    if objective is None or partnership is None:
        await acknowledge(update, context, context._("This button no longer works."), alert=True)
        return
    committee = press.membership.committee
    notice = step_notice(
        residents_translator(committee), follow_up.text, objective.text, partnership.partner_name
    )
    await offer_publication(update, context, committee.id, notice)


async def not_yet(update: Update, context: BotContext, _button: NotYet) -> None:
    await edit_or_send(update, context, context._("All right. Keep going!"))


async def cancel_it(update: Update, context: BotContext, press: Press[Cancel, FollowUp]) -> None:
    follow_up = press.record
    async with context.storage.db.transaction():
        await context.storage.follow_ups.set_status(follow_up.id, FollowUpStatus.CANCELLED)
        await plan_follow_up(context.services, follow_up.id)
    await replan(context)
    await edit_or_send(
        update,
        context,
        context._("{ref} « {what} » is cancelled. No more reminders.").format(
            ref=follow_up_ref(follow_up.number), what=h(follow_up.text)
        ),
    )


# --- postpone: a date chosen with a button, or typed ------------------------------------------


async def ask_postpone(
    update: Update, context: BotContext, press: Press[Postpone, FollowUp]
) -> int:
    draft(context, WIZARD)["follow_up_id"] = press.record.id
    return await ask_date(update, context)


async def ask_date(update: Update, context: BotContext) -> int:
    follow_up = await _drafted(update, context)
    if follow_up is None:
        return ConversationHandler.END
    committee = await _committee(context, follow_up)
    today = context.services.now(committee.timezone).date()
    labels = {"tomorrow": context._("Tomorrow"), "next_week": context._("Next week")}
    buttons: list[list[Button]] = [
        [
            (
                f"{labels.get(key, key)} ({context.tr.format_day(day)})",
                PostponeTo(id=follow_up.id, day=day),
            )
        ]
        for key, day in postpone_choices(today).items()
    ]
    await edit_or_send(
        update,
        context,
        context._("Postpone {ref} to when? Press a button, or write a date.").format(
            ref=follow_up_ref(follow_up.number)
        ),
        buttons,
    )
    return ASK_DATE


async def postpone_to(
    update: Update, context: BotContext, press: Press[PostponeTo, FollowUp]
) -> int:
    """A date pressed: by the person who asked (ends their question), or by another member."""
    await _postpone(update, context, press.record, press.button.day)
    return ConversationHandler.END


async def date_typed(update: Update, context: BotContext) -> int | None:
    follow_up = await _drafted(update, context)
    if follow_up is None:
        return ConversationHandler.END
    committee = await _committee(context, follow_up)
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    await _postpone(update, context, follow_up, finding.due_date)
    return ConversationHandler.END


async def _postpone(update: Update, context: BotContext, follow_up: FollowUp, day: date) -> None:
    clear_draft(context, WIZARD)
    async with context.storage.db.transaction():
        await context.storage.follow_ups.set_due(follow_up.id, day, None)
        if follow_up.status is not FollowUpStatus.OPEN:
            await context.storage.follow_ups.set_status(follow_up.id, FollowUpStatus.OPEN)
        await plan_follow_up(context.services, follow_up.id)
    await replan(context)
    await edit_or_send(
        update,
        context,
        context._("{ref} is postponed to {when}.").format(
            ref=follow_up_ref(follow_up.number), when=context.tr.format_day(day)
        ),
    )


# --- blocked: a reason typed -----------------------------------------------------------------


async def ask_reason(update: Update, context: BotContext, press: Press[Block, FollowUp]) -> int:
    draft(context, WIZARD)["follow_up_id"] = press.record.id
    return await ask_reason_again(update, context)


async def ask_reason_again(update: Update, context: BotContext) -> int:
    await ask_text(
        update, context, context._("What is blocking it? A few words help the committee.")
    )
    return ASK_REASON


async def reason_given(update: Update, context: BotContext) -> int:
    """Blocked: reminders stop; the group learns why, so someone can help."""
    assert update.message is not None and update.message.text is not None
    follow_up = await _drafted(update, context)
    if follow_up is None:
        return ConversationHandler.END
    reason, _cut = clip(update.message.text, REASON_LIMIT)
    if not reason:
        return await ask_reason_again(update, context)
    group_tr = await _group_translator(context, follow_up)
    async with announcing(context) as tell:
        await context.storage.follow_ups.set_status(
            follow_up.id, FollowUpStatus.BLOCKED, reason=reason
        )
        await plan_follow_up(context.services, follow_up.id)
        tell.groups(
            follow_up.committee_id,
            group_tr.gettext("⛔ {ref} « {what} » is blocked: {reason}").format(
                ref=follow_up_ref(follow_up.number), what=h(follow_up.text), reason=h(reason)
            ),
            skip_chat=update.effective_chat.id if update.effective_chat else None,
        )
    clear_draft(context, WIZARD)
    await reply(
        update,
        context,
        context._("Noted: {ref} is blocked. No more reminders until it moves again.").format(
            ref=follow_up_ref(follow_up.number)
        ),
    )
    await tell.send()
    return ConversationHandler.END


# --- shared ------------------------------------------------------------------------------------


async def _group_translator(context: BotContext, follow_up: FollowUp) -> Translator:
    """The groups read the committee's language, whoever pressed."""
    committee = await _committee(context, follow_up)
    return context.services.translator_for(None, hint=committee.locale)


async def _committee(context: BotContext, follow_up: FollowUp) -> Committee:
    committee = await context.storage.committees.get(follow_up.committee_id)
    assert committee is not None
    return committee


async def _drafted(update: Update, context: BotContext) -> FollowUp | None:
    """The follow-up the open question is about, if it is still active and the person's.

    It may have moved on while the question was open (done by someone else): then the
    question closes with a word instead of changing it.
    """
    follow_up_id = draft(context, WIZARD).get("follow_up_id")
    follow_up = await context.storage.follow_ups.get(int(follow_up_id)) if follow_up_id else None
    user = update.effective_user
    member = (
        await context.storage.committees.membership(follow_up.committee_id, user.id)
        if follow_up is not None and user is not None
        else None
    )
    if follow_up is None or member is None or not is_active(follow_up):
        clear_draft(context, WIZARD)
        await reply(update, context, context._(MOVED_ON))
        return None
    return follow_up


def on_follow_up(
    kind: type[B], handler: Callable[[Update, BotContext, Press[B, FollowUp]], Awaitable[Any]]
) -> CallbackQueryHandler[BotContext, Any]:
    """A press on a follow-up's button, while the follow-up is still open or blocked."""
    return on_press(kind, handler, records=FOLLOW_UP, allowed=is_active, refusal=MOVED_ON)


def build_wizard() -> Wizard:
    """Typing a reason after « Blocked », or a date after « Postpone »."""
    text = filters.TEXT & ~filters.COMMAND
    return wizard(
        WIZARD,
        entry_points=[on_follow_up(Block, ask_reason), on_follow_up(Postpone, ask_postpone)],
        states={
            ASK_REASON: [MessageHandler(text, reason_given)],
            ASK_DATE: [on_follow_up(PostponeTo, postpone_to), *date_answer(date_typed)],
        },
        questions={ASK_REASON: ask_reason_again, ASK_DATE: ask_date},
    )
