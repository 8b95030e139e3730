"""What each side brings, who does what, and the recipe checklist."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Partnership, Responsibility
from bot.domain.partnerships import (
    ANSWER_LABELS,
    INGREDIENT_QUESTIONS,
    PARTNERSHIP_TEXT_LIMIT,
    Answer,
    Ingredient,
    parse_responsibilities,
)
from bot.ui import Button, acknowledge, h
from bot.wizard import Back
from conversations.partnerships.buttons import DutiesDone, Next, Part, Recipe, RemoveDuty
from conversations.partnerships.draft import (
    DUTIES,
    MORE,
    RECIPE,
    RES_COMMITTEE,
    RES_PARTNER,
    ask,
    current_partnership,
    draft_of,
    finish_edit,
    go_on,
    save_text,
    skip_row,
    tell_if_cut,
    user_id,
)


async def on_to_resources(update: Update, context: BotContext, _button: Next) -> int:
    """« Continue » after the objectives."""
    return await ask_committee_resources(update, context)


async def ask_committee_resources(update: Update, context: BotContext) -> int:
    await ask(
        update,
        context,
        context._(
            "What does the committee bring? Example: volunteers, the community room, "
            "knowledge of the tenants."
        ),
        [skip_row(context, RES_COMMITTEE)],
        MORE,
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
        part_continues=Part.RESOURCES,
    )


async def ask_partner_resources(update: Update, context: BotContext) -> int:
    await ask(
        update,
        context,
        context._("What does the partner bring? Example: a worker two hours a week, money."),
        [skip_row(context, RES_PARTNER)],
        RES_COMMITTEE,
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
    """« Who does what »: the lines so far, each with its button to remove it.

    On a phone people type one line per message: each message adds its lines, and
    « That's all » goes on.
    """
    partnership = await current_partnership(context)
    duties = partnership.responsibilities if partnership else ()
    text = context._(
        "Who does what? One line per task: who, then what. "
        "Send one line per message, or several lines at once.\n"
        "Example:\nMarie — calls the office every month\nThe office — repairs the door"
    )
    buttons: list[list[Button]] = []
    if partnership is not None and duties:
        text += (
            "\n\n<b>"
            + h(context._("So far:"))
            + "</b>\n"
            + "\n".join(
                f"{number}. {h(duty_line(duty))}" for number, duty in enumerate(duties, start=1)
            )
        )
        text += "\n\n" + context._("Add a line, remove one, or press « That's all ».")
        buttons += [
            [(f"✖ {number}. {duty_line(duty)}", RemoveDuty(id=partnership.id, duty=duty.id))]
            for number, duty in enumerate(duties, start=1)
            if duty.id is not None
        ]
        buttons.append([(context._("That's all"), DutiesDone())])
    else:
        buttons.append(skip_row(context, DUTIES))
    await ask(update, context, text, buttons, RES_PARTNER)
    return DUTIES


def duty_line(duty: Responsibility) -> str:
    return f"{duty.who} — {duty.what}" if duty.who else duty.what


async def duties_given(update: Update, context: BotContext) -> int:
    """The lines of one message are added to the list; the list is shown again."""
    assert update.message is not None and update.message.text is not None
    partnership = await current_partnership(context)
    if partnership is None:
        return ConversationHandler.END
    parsed = parse_responsibilities(update.message.text)
    if not parsed.items:
        return await ask_duties(update, context)
    await tell_if_cut(update, context, parsed.cut)
    duties = [Responsibility(item.who, item.what) for item in parsed.items]
    await context.storage.partnerships.add_responsibilities(
        partnership.id, duties, user_id(update)
    )
    return await ask_duties(update, context)


async def remove_duty(
    update: Update, context: BotContext, press: Press[RemoveDuty, Partnership]
) -> int:
    """✖ on a line: it is removed, and the list shown again."""
    removed = await context.storage.partnerships.remove_responsibility(
        press.record.id, press.button.duty, user_id(update)
    )
    if not removed:
        await acknowledge(update, context, context._("This line was already removed."))
    return await ask_duties(update, context)


async def duties_done(update: Update, context: BotContext, _button: DutiesDone) -> int:
    """« That's all »: on to the recipe (or back to the sheet, when editing)."""
    return await go_on(update, context, first_ingredient)


async def first_ingredient(update: Update, context: BotContext) -> int:
    """The recipe checklist, from its first ingredient."""
    draft_of(context)["recipe_index"] = 0
    return await ask_recipe(update, context)


async def ask_recipe(update: Update, context: BotContext) -> int:
    """The checklist, one ingredient at a time; honest answers make good next steps.

    The draft remembers the ingredient asked, so asking again shows the same one; « Back »
    on an ingredient goes to the one before (the first one's goes back to the duties).
    """
    draft = draft_of(context)
    ingredients = list(Ingredient)
    index = min(int(draft.get("recipe_index", 0)), len(ingredients) - 1)
    if _back_to_recipe(update):
        index = max(index - 1, 0)
    draft["recipe_index"] = index
    ingredient = ingredients[index]
    header = context._("The recipe of a good partnership ({number} of {total}).").format(
        number=index + 1, total=len(ingredients)
    )
    buttons: list[list[Button]] = [
        [(context._(ANSWER_LABELS[a]), Recipe(ingredient=ingredient, answer=a)) for a in Answer]
    ]
    await ask(
        update,
        context,
        header + "\n\n" + context._(INGREDIENT_QUESTIONS[ingredient]),
        buttons,
        RECIPE if index > 0 else DUTIES,
    )
    return RECIPE


def _back_to_recipe(update: Update) -> bool:
    """« Back » pressed on an ingredient after the first (the wizard asks RECIPE again)."""
    query = update.callback_query
    return query is not None and Back.parse(query.data) == Back(state=RECIPE)


async def recipe_answered(update: Update, context: BotContext, button: Recipe) -> int:
    partnership = await current_partnership(context)
    if partnership is None:
        return ConversationHandler.END
    await context.storage.partnerships.answer_recipe(
        partnership.id, button.ingredient.value, button.answer.value, user_id(update)
    )
    following = list(Ingredient).index(button.ingredient) + 1
    if following == len(Ingredient):
        draft_of(context).pop("recipe_index", None)
        return await finish_edit(update, context)
    draft_of(context)["recipe_index"] = following
    return await ask_recipe(update, context)
