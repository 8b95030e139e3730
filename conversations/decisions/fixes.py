"""Buttons under a logged decision: change the person or the date, drop the follow-up, undo."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.access import pressed_item
from bot.context import BotContext
from bot.domain.entities import Decision, FollowUp
from bot.storage.decisions import FollowUpDraft
from bot.ui import Button, callback_parts, edit_or_send, reply
from conversations.decisions.views import (
    Notes,
    date_choices,
    decision_buttons,
    decision_summary,
    follow_up_line,
)
from conversations.followups.reminders import follow_up_changed


async def show(
    update: Update,
    context: BotContext,
    decision: Decision,
    follow_up: FollowUp | None,
    notes: Notes | None = None,
    *,
    edit: bool = True,
) -> None:
    text = decision_summary(context.tr, decision, follow_up, notes or Notes())
    buttons = decision_buttons(context.tr, decision, follow_up)
    if edit:
        await edit_or_send(update, context, text, buttons)
    else:
        await reply(update, context, text, buttons)


async def pressed_follow_up(
    update: Update, context: BotContext, parts: list[str] | None, index: int = 1
) -> tuple[FollowUp, Decision | None] | None:
    """The follow-up a button is about, if it exists and the presser is in its committee."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    follow_up_id = _int(parts[index]) if parts and len(parts) > index else None
    follow_up = await context.storage.follow_ups.get(follow_up_id) if follow_up_id else None
    if follow_up is None or not await is_member(context, follow_up.committee_id, user.id):
        await query.answer(context._("This button no longer works."), show_alert=True)
        return None
    decision = (
        await context.storage.decisions.get(follow_up.decision_id)
        if follow_up.decision_id
        else None
    )
    return follow_up, decision


async def choose_person(update: Update, context: BotContext) -> None:
    """Lists the committee's members to pick who takes care of the follow-up."""
    found = await pressed_follow_up(update, context, callback_parts(update.callback_query, "dec"))
    if found is None:
        return
    follow_up, _decision = found
    assert update.callback_query is not None
    await update.callback_query.answer()
    members = await context.storage.committees.members(follow_up.committee_id)
    buttons: list[list[Button]] = [
        [(m.display_name, f"dec:setwho:{follow_up.id}:{m.person_id}")] for m in members[:20]
    ]
    buttons.append([(context._("Nobody in particular"), f"dec:setwho:{follow_up.id}:0")])
    await edit_or_send(update, context, context._("Who takes care of it?"), buttons)


async def set_person(update: Update, context: BotContext) -> None:
    parts = callback_parts(update.callback_query, "dec")
    found = await pressed_follow_up(update, context, parts)
    if found is None or parts is None or len(parts) != 3:
        return
    follow_up, decision = found
    assert update.callback_query is not None
    person_id = _int(parts[2])
    member = None
    if person_id:
        members = await context.storage.committees.members(follow_up.committee_id)
        member = next((m for m in members if m.person_id == person_id), None)
        if member is None:
            await update.callback_query.answer(
                context._("This person is no longer a member."), show_alert=True
            )
            return
    await context.storage.follow_ups.set_responsible(
        follow_up.id, member.person_id if member else None, member.first_name if member else None
    )
    await update.callback_query.answer(context._("Saved."))
    await show_again(update, context, follow_up.id, decision)


async def choose_date(update: Update, context: BotContext) -> None:
    """Likely deadlines as buttons, or type another date."""
    found = await pressed_follow_up(update, context, callback_parts(update.callback_query, "dec"))
    if found is None:
        return
    follow_up, _decision = found
    assert update.callback_query is not None
    await update.callback_query.answer()
    committee = await context.storage.committees.get(follow_up.committee_id)
    assert committee is not None
    today = context.services.now(committee.timezone).date()
    buttons: list[list[Button]] = [
        [(label, f"dec:setdue:{follow_up.id}:{day:%Y%m%d}")]
        for label, day in date_choices(context.tr, today)
    ]
    buttons.append([(context._("Write another date"), f"dec:typedate:{follow_up.id}")])
    buttons.append([(context._("No date"), f"dec:setdue:{follow_up.id}:0")])
    await edit_or_send(update, context, context._("By when?"), buttons)


async def set_date(update: Update, context: BotContext) -> None:
    parts = callback_parts(update.callback_query, "dec")
    found = await pressed_follow_up(update, context, parts)
    if found is None or parts is None or len(parts) != 3:
        return
    follow_up, decision = found
    assert update.callback_query is not None
    due = _parse_day(parts[2])
    if parts[2] != "0" and due is None:
        await update.callback_query.answer(context._("This button no longer works."))
        return
    await context.storage.follow_ups.set_due(follow_up.id, due, None)
    await follow_up_changed(context, follow_up.id)
    await update.callback_query.answer(context._("Saved."))
    await show_again(update, context, follow_up.id, decision)


async def drop_follow_up(update: Update, context: BotContext) -> None:
    found = await pressed_follow_up(update, context, callback_parts(update.callback_query, "dec"))
    if found is None:
        return
    follow_up, decision = found
    assert update.callback_query is not None
    await context.storage.follow_ups.delete(follow_up.id)
    await update.callback_query.answer(context._("No follow-up for this decision."))
    if decision is not None:
        await show(update, context, decision, None)


async def add_follow_up(update: Update, context: BotContext) -> None:
    query = update.callback_query
    decision = await pressed_decision(update, context)
    if decision is None:
        return
    assert query is not None
    follow_up = await context.storage.follow_ups.create(
        decision.committee_id,
        FollowUpDraft(decision.text, None, None, None, None),
        created_by=update.effective_user.id if update.effective_user else None,
        decision_id=decision.id,
    )
    await query.answer()
    await show(update, context, decision, follow_up)


async def undo_decision(update: Update, context: BotContext) -> None:
    """The author or a coordinator removes the decision and its follow-up."""
    query = update.callback_query
    user = update.effective_user
    decision = await pressed_decision(update, context)
    if decision is None:
        return
    assert query is not None and user is not None
    membership = await context.storage.committees.membership(decision.committee_id, user.id)
    if decision.created_by != user.id and not (membership and membership.is_coordinator):
        await query.answer(
            context._("Only the person who wrote it, or a coordinator, can undo it."),
            show_alert=True,
        )
        return
    await context.storage.decisions.delete(decision.id)
    await query.answer(context._("Undone."))
    await edit_or_send(
        update,
        context,
        context._("Decision undone. Nothing was kept: « {text} »").format(text=decision.text),
    )


async def pressed_decision(update: Update, context: BotContext) -> Decision | None:
    return await pressed_item(update, context, "dec", context.storage.decisions.get, parts=2)


async def show_again(
    update: Update,
    context: BotContext,
    follow_up_id: int,
    decision: Decision | None,
    *,
    edit: bool = True,
) -> None:
    follow_up = await context.storage.follow_ups.get(follow_up_id)
    if decision is not None:
        await show(update, context, decision, follow_up, edit=edit)
    elif follow_up is not None:
        # A follow-up of its own (an objective's, a report's point): its line and the fixes.
        text = follow_up_line(context.tr, follow_up)
        buttons = follow_up_fixes(context, follow_up)
        if edit:
            await edit_or_send(update, context, text, buttons)
        else:
            await reply(update, context, text, buttons)


def follow_up_fixes(context: BotContext, follow_up: FollowUp) -> list[list[Button]]:
    return [
        [
            (context._("Change the person"), f"dec:who:{follow_up.id}"),
            (context._("Change the date"), f"dec:when:{follow_up.id}"),
        ]
    ]


async def is_member(context: BotContext, committee_id: int, person_id: int) -> bool:
    return await context.storage.committees.membership(committee_id, person_id) is not None


def _int(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) < 19 else None


def _parse_day(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) == 8 else None
    except ValueError:
        return None


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    return [
        CallbackQueryHandler(choose_person, pattern=r"^dec:who:"),
        CallbackQueryHandler(set_person, pattern=r"^dec:setwho:"),
        CallbackQueryHandler(choose_date, pattern=r"^dec:when:"),
        CallbackQueryHandler(set_date, pattern=r"^dec:setdue:"),
        CallbackQueryHandler(drop_follow_up, pattern=r"^dec:drop:"),
        CallbackQueryHandler(add_follow_up, pattern=r"^dec:add:"),
        CallbackQueryHandler(undo_decision, pattern=r"^dec:undo:"),
    ]
