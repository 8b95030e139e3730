"""The mandate wizard's first questions: who represents the committee, to which partner,
for which meeting or period."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import MeetingTime, Partnership, PartnershipStatus
from bot.domain.partnerships import clip
from bot.ui import Button, edit_or_send
from bot.wizard import draft, read_date
from conversations.mandates.buttons import ForAPeriod, OtherPartner, Partner, Representative
from conversations.mandates.draft import (
    PARTNER,
    PARTNER_NAME,
    PERIOD,
    REP,
    WHEN,
    WIZARD,
    back_to_review,
    current,
)
from conversations.mandates.review import go_on, save_answer
from conversations.mandates.what import ask_positions, ranked_positions

NAME_LIMIT = 120
# Members offered as representatives, one button each.
MAX_REPRESENTATIVES = 30


async def ask_representative(update: Update, context: BotContext) -> object:
    answers = draft(context, WIZARD)
    committee_id = answers.get("committee_id")
    if not committee_id:
        return ConversationHandler.END
    members = await context.storage.committees.members(int(committee_id))
    buttons: list[list[Button]] = [
        [(m.display_name, Representative(person=m.person_id))]
        for m in members[:MAX_REPRESENTATIVES]
    ]
    buttons += back_to_review(context)
    lines = [context._("Who will represent the committee?")]
    consultation_id = answers.get("from_priorities")
    consultation = (
        await context.storage.priorities.get(int(consultation_id)) if consultation_id else None
    )
    if consultation is not None and not answers.get("editing"):
        lines.append(
            context._(
                "The tenants' priorities for {year} will be the positions; the other parts "
                "come next."
            ).format(year=consultation.year)
        )
    await edit_or_send(update, context, "\n".join(lines), buttons)
    return REP


async def representative_chosen(
    update: Update, context: BotContext, button: Representative
) -> object:
    committee_id = draft(context, WIZARD).get("committee_id")
    user = update.effective_user
    if not committee_id or user is None:
        return ConversationHandler.END
    members = await context.storage.committees.members(int(committee_id))
    member = next((m for m in members if m.person_id == button.person), None)
    if member is None:  # left the committee since the question was asked
        return await ask_representative(update, context)
    found = await current(context)
    if found is not None:  # changed from the review
        await context.storage.mandates.set(
            found[1].id, representative_id=member.person_id, representative_name=member.first_name
        )
        return await go_on(update, context, ask_partner)
    mandate = await context.storage.mandates.start(
        int(committee_id), member.person_id, member.first_name, user.id
    )
    answers = draft(context, WIZARD)
    answers["mandate_id"] = mandate.id
    consultation_id = int(answers.get("from_priorities") or 0)
    positions = await ranked_positions(context, consultation_id) if consultation_id else []
    if positions:
        await context.storage.mandates.set(
            mandate.id, positions=positions, consultation_id=consultation_id
        )
    else:
        answers.pop("from_priorities", None)
    return await ask_partner(update, context)


async def ask_partner(update: Update, context: BotContext) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    partnerships = await context.storage.partnerships.of_committee(found[0].id)
    buttons: list[list[Button]] = [
        [(p.partner_name, Partner(id=p.id))]
        for p in partnerships
        if p.status is PartnershipStatus.ACTIVE
    ]
    buttons.append([(context._("Another partner"), OtherPartner())])
    buttons += back_to_review(context)
    await edit_or_send(update, context, context._("To which partner?"), buttons)
    return PARTNER


async def partner_chosen(
    update: Update, context: BotContext, press: Press[Partner, Partnership]
) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    partnership = press.record
    if partnership.committee_id != committee.id:  # a button from another committee's wizard
        return await ask_partner(update, context)
    await context.storage.mandates.set(
        mandate.id, partnership_id=partnership.id, partner_name=partnership.partner_name
    )
    return await go_on(update, context, ask_when)


async def other_partner(update: Update, context: BotContext, _button: OtherPartner) -> object:
    return await ask_partner_name(update, context)


async def ask_partner_name(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("What is the partner's name? Example: Ville de Québec"),
        back_to_review(context),
    )
    return PARTNER_NAME


async def partner_named(update: Update, context: BotContext) -> object:
    """A name typed, after « Another partner » or right where the partners are offered."""
    assert update.message is not None and update.message.text is not None
    name, _cut = clip(update.message.text, NAME_LIMIT)
    if not name:
        return await ask_partner_name(update, context)
    return await save_answer(update, context, ask_when, partnership_id=None, partner_name=name)


# --- when ------------------------------------------------------------------------------------


async def ask_when(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("When is the meeting? Write the date and time. Example: Thursday at 2 pm."),
        [
            [(context._("It is for a period, not one meeting"), ForAPeriod())],
            *back_to_review(context),
        ],
    )
    return WHEN


async def when_given(update: Update, context: BotContext) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    # The hour only when one was typed: « le 15 décembre » has none until someone gives it.
    meeting = MeetingTime(finding.due_date, finding.due_time)
    await context.storage.mandates.set(mandate.id, meeting_at=meeting, period_end=None)
    return await go_on(update, context, ask_positions)


async def for_a_period(update: Update, context: BotContext, _button: ForAPeriod) -> object:
    return await ask_period(update, context)


async def ask_period(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("Until when does the mandate hold? Example: March 31."),
        back_to_review(context),
    )
    return PERIOD


async def period_given(update: Update, context: BotContext) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    await context.storage.mandates.set(mandate.id, period_end=finding.due_date, meeting_at=None)
    return await go_on(update, context, ask_positions)
