"""Buttons under a logged decision: change the person or the date, drop the follow-up, undo.

Every press goes through the one check (bot/access.py). A follow-up already done or cancelled
refuses the changes; a decision that already has a follow-up refuses a second one.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.access import Press, named_member_of
from bot.context import BotContext
from bot.domain.entities import Decision, FollowUp
from bot.i18n import N_
from bot.ui import Button, acknowledge, edit_or_send, h, reply
from conversations.decisions.buttons import (
    AddFollowUp,
    ChooseDate,
    ChoosePerson,
    DropFollowUp,
    KeepDecision,
    SetDate,
    SetNamedPerson,
    SetPerson,
    TypeDate,
    Undo,
    UndoConfirmed,
)
from conversations.decisions.views import (
    Notes,
    date_choices,
    decision_buttons,
    decision_summary,
    follow_up_fixes,
    follow_up_line,
    undo_question,
)
from conversations.followups.reminders import follow_up_changed
from conversations.requests.entry import offer_for_decision

# Members offered as buttons when choosing who takes care of a follow-up.
MAX_PEOPLE = 20
HAS_FOLLOW_UP = N_("This decision already has a follow-up.")


async def show(
    update: Update,
    context: BotContext,
    decision: Decision,
    follow_up: FollowUp | None,
    notes: Notes | None = None,
    *,
    edit: bool = True,
) -> None:
    notes = notes or Notes()
    text = decision_summary(context.tr, decision, follow_up, notes)
    buttons = decision_buttons(context.tr, decision, follow_up, notes)
    # « We ask the office to… »: making it a request is offered above « Undo ».
    committee = await context.storage.committees.get(decision.committee_id)
    if committee is not None:
        offer = await offer_for_decision(context, committee, decision)
        buttons = [*buttons[:-1], *offer, *buttons[-1:]]
    if edit:
        await edit_or_send(update, context, text, buttons)
    else:
        await reply(update, context, text, buttons)


async def decision_of(context: BotContext, follow_up: FollowUp) -> Decision | None:
    """The decision a follow-up came from; None for one of its own (an objective's)."""
    if follow_up.decision_id is None:
        return None
    return await context.storage.decisions.get(follow_up.decision_id)


async def choose_person(
    update: Update, context: BotContext, press: Press[ChoosePerson, FollowUp]
) -> None:
    """Lists the committee's members to pick who takes care of the follow-up."""
    follow_up = press.record
    members = await context.storage.committees.members(follow_up.committee_id)
    buttons: list[list[Button]] = [
        [(m.display_name, SetPerson(id=follow_up.id, person=m.person_id))]
        for m in members[:MAX_PEOPLE]
    ]
    named = await context.storage.named_members.of_committee(follow_up.committee_id)
    for n in named[:MAX_PEOPLE]:
        label = context._("{name} (without Telegram)").format(name=n.name)
        buttons.append([(label, SetNamedPerson(id=follow_up.id, member=n.id))])
    buttons.append([(context._("Nobody in particular"), SetPerson(id=follow_up.id, person=None))])
    await edit_or_send(update, context, context._("Who takes care of it?"), buttons)


async def set_person(
    update: Update, context: BotContext, press: Press[SetPerson, FollowUp]
) -> None:
    follow_up, person_id = press.record, press.button.person
    member = None
    if person_id is not None:
        members = await context.storage.committees.members(follow_up.committee_id)
        member = next((m for m in members if m.person_id == person_id), None)
        if member is None:
            await acknowledge(
                update, context, context._("This person is no longer a member."), alert=True
            )
            return
    await context.storage.follow_ups.set_responsible(
        follow_up.id, member.person_id if member else None, member.first_name if member else None
    )
    await acknowledge(update, context, context._("Saved."))
    await show_again(update, context, follow_up.id, await decision_of(context, follow_up))


async def set_named_person(
    update: Update, context: BotContext, press: Press[SetNamedPerson, FollowUp]
) -> None:
    """A member without Telegram: kept by name; their reminders find them by it."""
    follow_up = press.record
    member = await named_member_of(update, context, follow_up.committee_id, press.button.member)
    if member is None:
        return
    await context.storage.follow_ups.set_responsible(follow_up.id, None, member.name)
    await acknowledge(update, context, context._("Saved."))
    await show_again(update, context, follow_up.id, await decision_of(context, follow_up))


async def choose_date(
    update: Update, context: BotContext, press: Press[ChooseDate, FollowUp]
) -> None:
    """Likely deadlines as buttons, or type another date."""
    follow_up = press.record
    committee = await context.storage.committees.get(follow_up.committee_id)
    assert committee is not None
    today = context.services.now(committee.timezone).date()
    buttons: list[list[Button]] = [
        [(label, SetDate(id=follow_up.id, day=day))]
        for label, day in date_choices(context.tr, today)
    ]
    buttons.append([(context._("Write another date"), TypeDate(id=follow_up.id))])
    buttons.append([(context._("No date"), SetDate(id=follow_up.id, day=None))])
    await edit_or_send(update, context, context._("By when?"), buttons)


async def set_date(update: Update, context: BotContext, press: Press[SetDate, FollowUp]) -> None:
    follow_up = press.record
    await context.storage.follow_ups.set_due(follow_up.id, press.button.day, None)
    await follow_up_changed(context, follow_up.id)
    await acknowledge(update, context, context._("Saved."))
    await show_again(update, context, follow_up.id, await decision_of(context, follow_up))


async def drop_follow_up(
    update: Update, context: BotContext, press: Press[DropFollowUp, FollowUp]
) -> None:
    follow_up = press.record
    decision = await decision_of(context, follow_up)
    await context.storage.follow_ups.delete(follow_up.id)
    await acknowledge(update, context, context._("No follow-up for this decision."))
    if decision is not None:
        await show(update, context, decision, None)


async def add_follow_up(
    update: Update, context: BotContext, press: Press[AddFollowUp, Decision]
) -> None:
    decision = press.record
    follow_up = await context.storage.follow_ups.add_to_decision(
        decision, created_by=press.membership.person_id
    )
    if follow_up is None:  # pressed twice, or from an older message
        await acknowledge(update, context, context._(HAS_FOLLOW_UP), alert=True)
        return
    await show(update, context, decision, follow_up)


async def _may_undo(update: Update, context: BotContext, press: Press[Any, Decision]) -> bool:
    """Only the author or a coordinator undoes a decision."""
    if press.record.created_by == press.membership.person_id or press.membership.is_coordinator:
        return True
    await acknowledge(
        update,
        context,
        context._("Only the person who wrote it, or a coordinator, can undo it."),
        alert=True,
    )
    return False


async def undo_decision(update: Update, context: BotContext, press: Press[Undo, Decision]) -> None:
    """Undo: at once for a decision alone; asked once, saying what goes, with follow-ups."""
    decision = press.record
    if not await _may_undo(update, context, press):
        return
    follow_ups = await context.storage.follow_ups.of_decision(decision.id)
    if not follow_ups:
        await _remove(update, context, decision)
        return
    counted = []
    for follow_up in follow_ups:
        history = await context.storage.reminders.history(follow_up.id)
        counted.append((follow_up, sum(1 for *_, state in history if state == "sent")))
    text, buttons = undo_question(context.tr, decision, counted)
    await edit_or_send(update, context, text, buttons)


async def undo_confirmed(
    update: Update, context: BotContext, press: Press[UndoConfirmed, Decision]
) -> None:
    """« Yes, undo »: the decision and its follow-ups go (a second press finds nothing)."""
    if await _may_undo(update, context, press):
        await _remove(update, context, press.record)


async def keep_decision(
    update: Update, context: BotContext, press: Press[KeepDecision, Decision]
) -> None:
    """« No, keep it »: the decision as it was, with its buttons."""
    follow_ups = await context.storage.follow_ups.of_decision(press.record.id)
    await show(update, context, press.record, next(iter(follow_ups), None))


async def _remove(update: Update, context: BotContext, decision: Decision) -> None:
    await context.storage.decisions.delete(decision.id)
    await acknowledge(update, context, context._("Undone."))
    await edit_or_send(
        update,
        context,
        context._("Decision undone. Nothing was kept: « {text} »").format(text=h(decision.text)),
    )


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
        buttons = follow_up_fixes(context.tr, follow_up)
        if edit:
            await edit_or_send(update, context, text, buttons)
        else:
            await reply(update, context, text, buttons)
