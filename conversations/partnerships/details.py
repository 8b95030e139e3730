"""What each side brings, who does what, and the recipe checklist."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.domain.entities import Responsibility
from bot.domain.partnerships import (
    ANSWER_LABELS,
    INGREDIENT_QUESTIONS,
    PARTNERSHIP_TEXT_LIMIT,
    Answer,
    Ingredient,
    parse_responsibilities,
)
from bot.ui import answer_once, callback_parts
from conversations.partnerships.draft import (
    DUTIES,
    RECIPE,
    RES_COMMITTEE,
    RES_PARTNER,
    ask,
    current_partnership,
    draft_of,
    finish_edit,
    go_on,
    save_text,
    tell_if_cut,
    user_id,
)


async def ask_committee_resources(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    await ask(
        update,
        context,
        context._(
            "What does the committee bring? Example: volunteers, the community room, "
            "knowledge of the tenants."
        ),
        [[(context._("Skip this question"), "par:skip:rescommittee")]],
        "more",
    )
    return RES_COMMITTEE


async def committee_resources_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    return await save_text(
        update,
        context,
        "committee_resources",
        update.message.text,
        PARTNERSHIP_TEXT_LIMIT,
        ask_partner_resources,
        part_continues="resources",
    )


async def ask_partner_resources(update: Update, context: BotContext) -> int:
    await ask(
        update,
        context,
        context._("What does the partner bring? Example: a worker two hours a week, money."),
        [[(context._("Skip this question"), "par:skip:respartner")]],
        "rescommittee",
    )
    return RES_PARTNER


async def partner_resources_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    return await save_text(
        update,
        context,
        "partner_resources",
        update.message.text,
        PARTNERSHIP_TEXT_LIMIT,
        ask_duties,
    )


async def ask_duties(update: Update, context: BotContext) -> int:
    await ask(
        update,
        context,
        context._(
            "Who does what? One line per task: who, then what.\n"
            "Example:\nMarie — calls the office every month\nThe office — repairs the door"
        ),
        [[(context._("Skip this question"), "par:skip:duties")]],
        "respartner",
    )
    return DUTIES


async def duties_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    partnership = await current_partnership(context)
    if partnership is None:
        return ConversationHandler.END
    parsed = parse_responsibilities(update.message.text)
    if not parsed.items:
        return DUTIES
    await tell_if_cut(update, context, parsed.cut)
    duties = [Responsibility(item.who, item.what) for item in parsed.items]
    await context.storage.partnerships.set_responsibilities(
        partnership.id, duties, user_id(update)
    )
    return await go_on(update, context, ask_recipe)


async def ask_recipe(update: Update, context: BotContext) -> int:
    """The checklist, one ingredient at a time; honest answers make good next steps."""
    index = int(draft_of(context).get("recipe_index", 0))
    ingredients = list(Ingredient)
    if index >= len(ingredients):
        draft_of(context)["recipe_index"] = 0
        return await finish_edit(update, context)
    ingredient = ingredients[index]
    header = context._("The recipe of a good partnership ({number} of {total}).").format(
        number=index + 1, total=len(ingredients)
    )
    buttons = [
        [(context._(ANSWER_LABELS[a]), f"par:rc:{ingredient.value}:{a.value}") for a in Answer]
    ]
    await ask(
        update,
        context,
        header + "\n\n" + context._(INGREDIENT_QUESTIONS[ingredient]),
        buttons,
        "recipe" if index > 0 else "duties",
    )
    return RECIPE


async def recipe_answered(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "par")
    await answer_once(update, context)
    partnership = await current_partnership(context)
    if partnership is None or not parts or len(parts) != 3:
        return RECIPE
    try:
        ingredient, answer = Ingredient(parts[1]), Answer(parts[2])
    except ValueError:
        return RECIPE
    await context.storage.partnerships.answer_recipe(
        partnership.id, ingredient.value, answer.value, user_id(update)
    )
    draft = draft_of(context)
    draft["recipe_index"] = list(Ingredient).index(ingredient) + 1
    return await ask_recipe(update, context)
