"""The heart of a partnership: shared objectives, each precise, checkable and dated."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update
from telegram.ext import ConversationHandler

from bot.access import STALE, Press
from bot.context import BotContext
from bot.domain.entities import Partnership
from bot.domain.partnerships import (
    OBJECTIVE_SUGGESTIONS,
    PARTNERSHIP_TEXT_LIMIT,
    VAGUENESS_HINTS,
    Vagueness,
    assess_objective,
    clip,
)
from bot.ui import Button, acknowledge, h
from bot.wizard import clear_draft, read_date
from conversations.partnerships.buttons import (
    ChooseDate,
    EditObjective,
    Keep,
    MoreObjective,
    Next,
    ObjectiveField,
    Part,
    Sharpen,
    Suggestion,
    Target,
)
from conversations.partnerships.draft import (
    CHECK,
    MORE,
    NEED,
    OBJECTIVE,
    SIGN,
    TARGET,
    WIZARD,
    ask,
    committee_of_draft,
    current_objective,
    current_partnership,
    draft_kind,
    draft_of,
    finish_edit,
    tell_if_cut,
    user_id,
)


async def ask_objective(update: Update, context: BotContext) -> int:
    kind = await draft_kind(context)
    suggestions = OBJECTIVE_SUGGESTIONS.get(kind, ())
    buttons: list[list[Button]] = [
        [(context._(s.text), Suggestion(index=i))] for i, s in enumerate(suggestions)
    ]
    await ask(
        update,
        context,
        context._(
            "What shared objective do you want to reach with this partner? "
            "Choose an idea below, or write your own. Be precise: what will be different?"
        ),
        buttons,
        NEED,
    )
    return OBJECTIVE


async def objective_suggested(update: Update, context: BotContext, button: Suggestion) -> int:
    suggestions = OBJECTIVE_SUGGESTIONS.get(await draft_kind(context), ())
    partnership = await current_partnership(context)
    if button.index >= len(suggestions) or partnership is None:
        return OBJECTIVE
    suggestion = suggestions[button.index]
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
        OBJECTIVE,
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
    if draft_of(context).get("edit_field"):  # only this part of the objective was changed
        return await check_objective(update, context)
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
        [(f"{label} ({context.tr.format_day(day)})", Target(day=day))] for label, day in choices
    ]
    buttons.append([(context._("No date"), Target(day=None))])
    await ask(
        update,
        context,
        context._("By when? Press a button or write a date (example: June 30)."),
        buttons,
        SIGN,
    )
    return TARGET


async def target_pressed(update: Update, context: BotContext, button: Target) -> int:
    return await _save_target(update, context, button.day)


async def target_written(update: Update, context: BotContext) -> int:
    committee = await committee_of_draft(update, context)
    if committee is None:
        return ConversationHandler.END
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
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
    buttons: list[list[Button]] = []
    if Vagueness.NO_TARGET_DATE in problems:  # the date is missing: give it right here
        buttons.append([(context._("Choose a date"), ChooseDate())])
    buttons += [
        [(context._("Rewrite the objective"), Sharpen())],
        [(context._("Keep it as it is"), Keep())],
    ]
    await ask(
        update,
        context,
        context._("Your objective: « {text} »").format(text=h(objective.text))
        + "\n\n"
        + context._("A precise objective helps the partnership succeed:")
        + "\n"
        + hints,
        buttons,
        None,
    )
    return CHECK


async def choose_date(update: Update, context: BotContext, _button: ChooseDate) -> int:
    """« Choose a date » under a vague objective: the date question, for this objective."""
    return await ask_target(update, context)


async def sharpen(update: Update, context: BotContext, _button: Sharpen) -> int:
    draft_of(context)["sharpening"] = True
    await ask(update, context, context._("Write the objective again, more precisely."), [], None)
    return OBJECTIVE


async def keep_objective(update: Update, context: BotContext, _button: Keep) -> int:
    """« Keep it as it is »: a vague objective is the committee's choice."""
    return await ask_more(update, context)


async def ask_more(update: Update, context: BotContext) -> int:
    if draft_of(context).get("editing"):
        return await finish_edit(update, context)
    await ask(
        update,
        context,
        context._("Objective saved. Do you have another shared objective with this partner?"),
        [
            [(context._("Add another objective"), MoreObjective())],
            [(context._("Continue"), Next())],
        ],
        None,
    )
    return MORE


async def edit_objective(
    update: Update, context: BotContext, press: Press[EditObjective, Partnership]
) -> int:
    """One part of an objective, changed from the sheet (draft or saved): its text, how
    success is seen, or its date; then the sheet again."""
    partnership = press.record
    objective = next((o for o in partnership.objectives if o.id == press.button.objective), None)
    if objective is None:  # removed since
        await acknowledge(update, context, context._(STALE), alert=True)
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft_of(context).update(
        committee_id=partnership.committee_id,
        pid=partnership.id,
        kind=partnership.partner_kind,
        editing=True,
        edit_part=Part.OBJECTIVE.value,
        edit_field=press.button.field.value,
        objective_id=objective.id,
    )
    if press.button.field is ObjectiveField.SIGN:
        return await ask_sign(update, context)
    if press.button.field is ObjectiveField.TARGET:
        return await ask_target(update, context)
    draft_of(context)["sharpening"] = True
    await ask(
        update,
        context,
        context._("The objective now: « {text} »").format(text=h(objective.text))
        + "\n"
        + context._("Write its new text."),
        [],
        None,
    )
    return OBJECTIVE


async def another_objective(update: Update, context: BotContext, _button: MoreObjective) -> int:
    draft_of(context).pop("objective_id", None)
    return await ask_objective(update, context)
