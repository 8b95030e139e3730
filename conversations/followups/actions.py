"""/suivis: the committee's follow-ups, and the buttons that move them along."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import commands
from bot.context import BotContext
from bot.domain.french_dates import find_due_date
from bot.domain.partnerships import clip
from bot.domain.records import FollowUpStatus, follow_up_ref
from bot.domain.reminders import postpone_choices
from bot.gatekeeper import pressed_item, require_membership
from bot.i18n import N_
from bot.storage.models import Committee, FollowUp, ObjectiveStatus
from bot.ui import (
    Button,
    answer_once,
    ask_text,
    callback_parts,
    edit_or_send,
    h,
    post_to_groups,
    reply,
    user_draft,
)
from bot.wizard import DRAFT_KEYS_PREFIX, Wizard, wizard
from conversations.decisions.views import due_text
from conversations.followups.reminders import follow_up_changed, reminder_buttons
from conversations.followups.views import digest_of, digest_text

ASK_REASON, ASK_DATE = range(2)
DRAFT = DRAFT_KEYS_PREFIX + "followup"
REASON_LIMIT = 300


async def show_list(update: Update, context: BotContext) -> None:
    """Overdue, this week, later, recently done; the person's own first."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    committee = membership.committee
    now = context.services.now(committee.timezone)
    follow_ups = await context.storage.follow_ups.of_committee(
        committee.id, done_since=now - timedelta(days=14)
    )
    user_id = update.effective_user.id if update.effective_user else 0
    digest = digest_of(follow_ups, today=now.date(), done_since=now.date() - timedelta(days=14))
    title = context._("Follow-ups of {name}").format(name=h(committee.name))
    text = digest_text(context.tr, digest, title=title, person_id=user_id)
    open_ones = [
        f for f in follow_ups if f.status in {FollowUpStatus.OPEN, FollowUpStatus.BLOCKED}
    ]
    # The person's own first: what they can act on now.
    ordered = sorted(open_ones, key=lambda f: f.responsible_id != user_id)
    buttons: list[list[Button]] = [
        [(f"{follow_up_ref(f.number)} — {f.text[:40]}", f"fu:open:{f.id}")] for f in ordered[:20]
    ]
    await reply(update, context, text, buttons)


async def open_one(update: Update, context: BotContext) -> None:
    follow_up = await pressed(update, context)
    if follow_up is None:
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    await edit_or_send(
        update, context, detail_text(context, follow_up), actions(context, follow_up)
    )


def detail_text(context: BotContext, follow_up: FollowUp) -> str:
    _ = context._
    lines = [
        f"<b>{follow_up_ref(follow_up.number)}</b> « {h(follow_up.text)} »",
        _("Responsible: {who}").format(
            who=h(follow_up.responsible_name) if follow_up.responsible_name else _("nobody yet")
        ),
        due_text(context.tr, follow_up.due_date, follow_up.due_time),
    ]
    if follow_up.status is FollowUpStatus.BLOCKED:
        lines.append(_("Blocked: {reason}").format(reason=h(follow_up.blocked_reason or "—")))
    return "\n".join(lines)


def actions(context: BotContext, follow_up: FollowUp) -> list[list[Button]]:
    return reminder_buttons(context.tr, follow_up)


async def pressed(update: Update, context: BotContext) -> FollowUp | None:
    """The follow-up a button names, if the presser belongs to its committee."""
    return await pressed_item(update, context, "fu", context.storage.follow_ups.get)


async def mark_done(update: Update, context: BotContext) -> None:
    """Done: reminders stop, and the group hears it (successes are made known)."""
    follow_up = await pressed(update, context)
    if follow_up is None:
        return
    assert update.callback_query is not None and update.effective_user is not None
    changed = await context.storage.follow_ups.set_status(follow_up.id, FollowUpStatus.DONE)
    await update.callback_query.answer(context._("Well done, thank you!"))
    if not changed:
        return
    await follow_up_changed(context, follow_up.id)
    await edit_or_send(
        update,
        context,
        context._("✅ {ref} « {what} » is done.").format(
            ref=follow_up_ref(follow_up.number), what=h(follow_up.text)
        ),
    )
    await tell_group(
        context,
        follow_up,
        N_("✅ {ref} « {what} » is done. Thank you {who}!"),
        who=update.effective_user.first_name,
        skip_chat=update.effective_chat.id if update.effective_chat else None,
    )
    await ask_to_celebrate(update, context, follow_up)


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
                    f"par:ach:{objective.partnership_id}:{objective.id}",
                )
            ],
            [(context._("Not yet"), "fu:notyet")],
        ],
    )


async def not_yet(update: Update, context: BotContext) -> None:
    await answer_once(update, context, context._("All right. Keep going!"))
    await edit_or_send(update, context, context._("All right. Keep going!"))


async def cancel_it(update: Update, context: BotContext) -> None:
    follow_up = await pressed(update, context)
    if follow_up is None:
        return
    assert update.callback_query is not None
    await context.storage.follow_ups.set_status(follow_up.id, FollowUpStatus.CANCELLED)
    await follow_up_changed(context, follow_up.id)
    await update.callback_query.answer(context._("Cancelled."))
    await edit_or_send(
        update,
        context,
        context._("{ref} « {what} » is cancelled. No more reminders.").format(
            ref=follow_up_ref(follow_up.number), what=h(follow_up.text)
        ),
    )


async def ask_postpone(update: Update, context: BotContext) -> None:
    follow_up = await pressed(update, context)
    if follow_up is None:
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    committee = await _committee(context, follow_up)
    today = context.services.now(committee.timezone).date()
    choices = postpone_choices(today)
    labels = {"tomorrow": context._("Tomorrow"), "next_week": context._("Next week")}
    buttons: list[list[Button]] = [
        [
            (
                f"{labels.get(key, key)} ({context.tr.format_day(day)})",
                f"fu:to:{follow_up.id}:{day:%Y%m%d}",
            )
        ]
        for key, day in choices.items()
    ]
    buttons.append([(context._("Write another date"), f"fu:todate:{follow_up.id}")])
    await edit_or_send(update, context, context._("Postpone to when?"), buttons)


async def postpone_to(update: Update, context: BotContext) -> None:
    follow_up = await pressed(update, context)
    parts = callback_parts(update.callback_query, "fu")
    if follow_up is None or parts is None or len(parts) != 3:
        return
    assert update.callback_query is not None
    day = _day(parts[2])
    if day is None:
        await update.callback_query.answer(context._("This button no longer works."))
        return
    await _postpone(update, context, follow_up, day, edit=True)


async def _postpone(
    update: Update, context: BotContext, follow_up: FollowUp, day: date, *, edit: bool
) -> None:
    await context.storage.follow_ups.set_due(follow_up.id, day, None)
    if follow_up.status is not FollowUpStatus.OPEN:
        await context.storage.follow_ups.set_status(follow_up.id, FollowUpStatus.OPEN)
    await follow_up_changed(context, follow_up.id)
    if update.callback_query is not None and not context.query_answered:
        context.query_answered = True
        await update.callback_query.answer(context._("Saved."))
    text = context._("{ref} is postponed to {when}.").format(
        ref=follow_up_ref(follow_up.number), when=context.tr.format_day(day)
    )
    if edit:
        await edit_or_send(update, context, text)
    else:
        await reply(update, context, text)


async def ask_typed_date(update: Update, context: BotContext) -> int:
    follow_up = await pressed(update, context)
    if follow_up is None:
        return ConversationHandler.END
    assert update.callback_query is not None
    await update.callback_query.answer()
    _draft(context)["follow_up_id"] = follow_up.id
    await ask_text(update, context, context._("Write the new date. Example: December 15."))
    return ASK_DATE


async def date_typed(update: Update, context: BotContext) -> int | None:
    assert update.message is not None and update.message.text is not None
    follow_up = await _drafted(context)
    if follow_up is None:
        return ConversationHandler.END
    committee = await _committee(context, follow_up)
    finding = find_due_date(update.message.text, now=context.services.now(committee.timezone))
    if finding.due_date is None or finding.problem is not None:
        await ask_text(update, context, context._("I need a future date. Example: December 15."))
        return None
    _draft(context).clear()
    await _postpone(update, context, follow_up, finding.due_date, edit=False)
    return ConversationHandler.END


async def ask_reason(update: Update, context: BotContext) -> int:
    follow_up = await pressed(update, context)
    if follow_up is None:
        return ConversationHandler.END
    assert update.callback_query is not None
    await update.callback_query.answer()
    _draft(context)["follow_up_id"] = follow_up.id
    await ask_text(
        update, context, context._("What is blocking it? A few words help the committee.")
    )
    return ASK_REASON


async def reason_given(update: Update, context: BotContext) -> int:
    """Blocked: reminders stop; the group learns why, so someone can help."""
    assert update.message is not None and update.message.text is not None
    follow_up = await _drafted(context)
    if follow_up is None:
        return ConversationHandler.END
    reason, _cut = clip(update.message.text, REASON_LIMIT)
    await context.storage.follow_ups.set_status(
        follow_up.id, FollowUpStatus.BLOCKED, reason=reason or None
    )
    _draft(context).clear()
    await follow_up_changed(context, follow_up.id)
    await reply(
        update,
        context,
        context._("Noted: {ref} is blocked. No more reminders until it moves again.").format(
            ref=follow_up_ref(follow_up.number)
        ),
    )
    await tell_group(
        context,
        follow_up,
        N_("⛔ {ref} « {what} » is blocked: {reason}"),
        reason=reason,
        skip_chat=update.effective_chat.id if update.effective_chat else None,
    )
    return ConversationHandler.END


async def tell_group(
    context: BotContext,
    follow_up: FollowUp,
    template: str,
    *,
    skip_chat: int | None,
    **values: str,
) -> None:
    """Tell the committee's groups, in the committee's language (templates are catalog ids)."""
    committee = await _committee(context, follow_up)
    tr = context.services.translator_for(None, hint=committee.locale)
    text = tr.gettext(template).format(
        ref=follow_up_ref(follow_up.number),
        what=h(follow_up.text),
        **{key: h(value) for key, value in values.items()},
    )
    await post_to_groups(context, committee.id, text, skip_chat=skip_chat)


async def _committee(context: BotContext, follow_up: FollowUp) -> Committee:
    committee = await context.storage.committees.get(follow_up.committee_id)
    assert committee is not None
    return committee


async def _drafted(context: BotContext) -> FollowUp | None:
    follow_up_id = _draft(context).get("follow_up_id")
    return await context.storage.follow_ups.get(int(follow_up_id)) if follow_up_id else None


def _draft(context: BotContext) -> dict[str, Any]:
    return user_draft(context, DRAFT)


def _day(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%Y%m%d").date() if len(value) == 8 else None
    except ValueError:
        return None


def build_wizard() -> Wizard:
    """Typing a reason or a date after a button; everything else is one tap."""
    text = filters.TEXT & ~filters.COMMAND
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CallbackQueryHandler(ask_reason, pattern=r"^fu:block:"),
        CallbackQueryHandler(ask_typed_date, pattern=r"^fu:todate:"),
    ]
    states: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
        ASK_REASON: [MessageHandler(text, reason_given)],
        ASK_DATE: [MessageHandler(text, date_typed)],
    }
    return wizard("followups", entry_points, states)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    return [
        CommandHandler(commands.FOLLOWUPS.names, show_list),
        CallbackQueryHandler(open_one, pattern=r"^fu:open:"),
        CallbackQueryHandler(mark_done, pattern=r"^fu:done:"),
        CallbackQueryHandler(cancel_it, pattern=r"^fu:cancel:"),
        CallbackQueryHandler(ask_postpone, pattern=r"^fu:later:"),
        CallbackQueryHandler(postpone_to, pattern=r"^fu:to:"),
        CallbackQueryHandler(not_yet, pattern=r"^fu:notyet$"),
    ]
