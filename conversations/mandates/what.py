"""What the representative carries: the positions (typed, or the tenants' ranked priorities
in one tap), what they may agree to alone, and what must come back to the committee."""

from __future__ import annotations

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.mandates import split_points
from bot.domain.partnerships import PARTNERSHIP_TEXT_LIMIT, clip
from bot.domain.priorities import Consultation
from bot.ui import Button, edit_or_send, reply
from conversations.mandates.buttons import CarryKept, NoLatitude, NoLimits, TakePriorities
from conversations.mandates.draft import (
    LATITUDE,
    LIMITS,
    POSITIONS,
    back_to_review,
    current,
    draft_of,
)
from conversations.mandates.positions import kept_offer, kept_positions
from conversations.mandates.review import ask_validity, save_answer
from conversations.priorities.results import priorities_as_positions


async def ask_positions(update: Update, context: BotContext) -> object:
    """Typed one per line; or, in one tap, the tenants' ranked priorities, or what the last
    report to this partner kept. A mandate started from the priorities has them already: the
    question is not asked again."""
    answers = draft_of(context)
    if answers.get("from_priorities") and not answers.get("editing"):
        return await ask_latitude(update, context)
    found = await current(context)
    kept, carry = await kept_offer(context, found[1]) if found else ([], [])
    buttons: list[list[Button]] = [[button] for button in carry]
    if found is not None:
        consultation = await context.storage.priorities.latest(found[0].id)
        if consultation is not None and await ranked_positions(context, consultation.id):
            buttons.append(
                [
                    (
                        context._("The tenants' priorities for {year}").format(
                            year=consultation.year
                        ),
                        TakePriorities(id=consultation.id),
                    )
                ]
            )
    text = context._(
        "Which positions must the representative carry? One per line.\n"
        "Example:\nThe door of the community room must be repaired this month\n"
        "We want the yearly meeting in January"
    )
    await edit_or_send(
        update, context, "\n".join([text, *kept]), [*buttons, *back_to_review(context)]
    )
    return POSITIONS


async def carry_kept(update: Update, context: BotContext, _button: CarryKept) -> object:
    """The positions the last report to this partner kept, carried again."""
    found = await current(context)
    points = await kept_positions(context, found[1]) if found else []
    if not points:
        return await ask_positions(update, context)
    return await save_answer(update, context, ask_latitude, positions=points, consultation_id=None)


async def ranked_positions(context: BotContext, consultation_id: int) -> list[str]:
    """The ranked priorities of a closed consultation, best first (none picked: none)."""
    consultation = await context.storage.priorities.get(consultation_id)
    if consultation is None:
        return []
    return await priorities_as_positions(
        context.storage, consultation.committee_id, consultation.year
    )


async def take_priorities(
    update: Update, context: BotContext, press: Press[TakePriorities, Consultation]
) -> object:
    """One tap: the ranked priorities are the positions, and the mandate remembers whence."""
    found = await current(context)
    positions = await ranked_positions(context, press.record.id)
    if found is None or found[0].id != press.record.committee_id or not positions:
        return await ask_positions(update, context)
    return await save_answer(
        update, context, ask_latitude, positions=positions, consultation_id=press.record.id
    )


async def positions_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    points, cut = split_points(update.message.text)
    if not points:
        return await ask_positions(update, context)
    if cut:
        await reply(update, context, context._("Your text was too long: I kept the beginning."))
    # Typed: the committee's own words, no longer the consultation's list.
    return await save_answer(update, context, ask_latitude, positions=points, consultation_id=None)


async def ask_latitude(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._(
            "What may the representative agree to alone, without coming back to the committee? "
            "Example: a date for the repair."
        ),
        [[(context._("Nothing without the committee"), NoLatitude())], *back_to_review(context)],
    )
    return LATITUDE


async def latitude_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    latitude = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)[0]
    return await save_answer(update, context, ask_limits, latitude=latitude or None)


async def no_latitude(update: Update, context: BotContext, _button: NoLatitude) -> object:
    return await save_answer(update, context, ask_limits, latitude=None)


async def ask_limits(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._(
            "What must come back to the committee before any answer? "
            "Example: any change to the rent or to the rules."
        ),
        [[(context._("Skip this question"), NoLimits())], *back_to_review(context)],
    )
    return LIMITS


async def limits_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    limits = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)[0]
    return await save_answer(update, context, ask_validity, limits=limits or None)


async def no_limits(update: Update, context: BotContext, _button: NoLimits) -> object:
    return await save_answer(update, context, ask_validity, limits=None)
