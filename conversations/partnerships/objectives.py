"""The heart of a partnership: shared objectives, each precise, checkable and dated."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.domain.french_dates import find_due_date
from bot.domain.partnerships import (
    OBJECTIVE_SUGGESTIONS,
    PARTNERSHIP_TEXT_LIMIT,
    VAGUENESS_HINTS,
    assess_objective,
    clip,
)
from bot.ui import Button, answer_once, callback_parts, h, reply
from conversations.partnerships.access import committee_of_draft
from conversations.partnerships.draft import (
    CHECK,
    MORE,
    OBJECTIVE,
    SIGN,
    TARGET,
    ask,
    current_objective,
    current_partnership,
    draft_kind,
    draft_of,
    finish_edit,
    parse_day,
    tell_if_cut,
    user_id,
)


async def ask_objective(update: Update, context: BotContext) -> int:
    kind = await draft_kind(context)
    suggestions = OBJECTIVE_SUGGESTIONS.get(kind, ())
    buttons = [[(context._(s.text), f"par:sug:{i}")] for i, s in enumerate(suggestions)]
    await ask(
        update,
        context,
        context._(
            "What shared objective do you want to reach with this partner? "
            "Choose an idea below, or write your own. Be precise: what will be different?"
        ),
        buttons,
        "need",
    )
    return OBJECTIVE


async def objective_suggested(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "par")
    await answer_once(update, context)
    suggestions = OBJECTIVE_SUGGESTIONS.get(await draft_kind(context), ())
    index = int(parts[1]) if parts and len(parts) == 2 and parts[1].isdecimal() else -1
    partnership = await current_partnership(context)
    if not 0 <= index < len(suggestions) or partnership is None:
        return OBJECTIVE
    suggestion = suggestions[index]
    objective = await context.storage.partnerships.add_objective(
        partnership.id, context._(suggestion.text), user_id(update)
    )
    await context.storage.partnerships.update_objective(
        objective, user_id(update), success_sign=context._(suggestion.success_sign)
    )
    draft_of(context)["objective_id"] = objective.id
    return await ask_target(update, context)


async def objective_written(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    text, cut = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)
    partnership = await current_partnership(context)
    if not text or partnership is None:
        return OBJECTIVE
    await tell_if_cut(update, context, cut)
    draft = draft_of(context)
    objective_id = draft.get("objective_id") if draft.get("sharpening") else None
    objective = (
        await context.storage.partnerships.objective(objective_id) if objective_id else None
    )
    if objective is not None:
        draft.pop("sharpening", None)
        await context.storage.partnerships.update_objective(objective, user_id(update), text=text)
        return await check_objective(update, context)
    objective = await context.storage.partnerships.add_objective(
        partnership.id, text, user_id(update)
    )
    draft["objective_id"] = objective.id
    return await ask_sign(update, context)


async def ask_sign(update: Update, context: BotContext) -> int:
    await ask(
        update,
        context,
        context._(
            "How will the committee know the objective is reached? "
            "Example: A cleaning schedule is posted, and no complaint for 3 months."
        ),
        [],
        "objective",
    )
    return SIGN


async def sign_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    sign, cut = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)
    objective = await current_objective(context)
    if objective is None or not sign:
        return SIGN
    await tell_if_cut(update, context, cut)
    await context.storage.partnerships.update_objective(
        objective, user_id(update), success_sign=sign
    )
    return await ask_target(update, context)


async def ask_target(update: Update, context: BotContext) -> int:
    committee = await committee_of_draft(update, context)
    today = context.services.now(committee.timezone if committee else "America/Toronto").date()
    choices = [
        (context._("In 3 months"), today + timedelta(days=91)),
        (context._("In 6 months"), today + timedelta(days=182)),
        (context._("In one year"), today + timedelta(days=365)),
    ]
    buttons: list[list[Button]] = [
        [(f"{label} ({context.tr.format_day(day)})", f"par:target:{day:%Y%m%d}")]
        for label, day in choices
    ]
    buttons.append([(context._("No date"), "par:target:0")])
    await ask(
        update,
        context,
        context._("By when? Press a button or write a date (example: June 30)."),
        buttons,
        "sign",
    )
    return TARGET


async def target_pressed(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "par")
    await answer_once(update, context)
    value = parts[1] if parts and len(parts) == 2 else ""
    day = parse_day(value)
    if value != "0" and day is None:
        return TARGET
    return await _save_target(update, context, day)


async def target_written(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    committee = await committee_of_draft(update, context)
    if committee is None:
        return ConversationHandler.END
    finding = find_due_date(update.message.text, now=context.services.now(committee.timezone))
    if finding.due_date is None or finding.problem is not None:
        await reply(update, context, context._("I need a future date. Example: June 30."))
        return TARGET
    return await _save_target(update, context, finding.due_date)


async def _save_target(update: Update, context: BotContext, day: date | None) -> int:
    objective = await current_objective(context)
    if objective is None:
        return await ask_objective(update, context)
    await context.storage.partnerships.update_objective(
        objective, user_id(update), target_date=day, clear_target=day is None
    )
    return await check_objective(update, context)


async def check_objective(update: Update, context: BotContext) -> int:
    """A vague objective gets a gentle prompt to sharpen it, never a refusal."""
    objective = await current_objective(context)
    if objective is None:
        return await ask_more(update, context)
    problems = assess_objective(objective.text, objective.success_sign, objective.target_date)
    if not problems:
        return await ask_more(update, context)
    hints = "\n".join(f"• {context._(VAGUENESS_HINTS[p])}" for p in problems)
    await ask(
        update,
        context,
        context._("Your objective: « {text} »").format(text=h(objective.text))
        + "\n\n"
        + context._("A precise objective helps the partnership succeed:")
        + "\n"
        + hints,
        [
            [(context._("Rewrite the objective"), "par:sharpen")],
            [(context._("Keep it as it is"), "par:keep")],
        ],
        None,
    )
    return CHECK


async def sharpen(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    draft_of(context)["sharpening"] = True
    await ask(update, context, context._("Write the objective again, more precisely."), [], None)
    return OBJECTIVE


async def ask_more(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    if draft_of(context).get("editing"):
        return await finish_edit(update, context)
    await ask(
        update,
        context,
        context._("Objective saved. Do you have another shared objective with this partner?"),
        [
            [(context._("Add another objective"), "par:moreobj")],
            [(context._("Continue"), "par:next")],
        ],
        None,
    )
    return MORE


async def another_objective(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    draft_of(context).pop("objective_id", None)
    return await ask_objective(update, context)
