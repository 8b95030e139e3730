"""/partenariat wizard: from a need to a written, checkable partnership, one question at a time.

The partnership is stored as a draft from the second answer on, and every answer is saved as
it comes: a restart, or a person coming back the next day, loses nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
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

from bot.context import BotContext
from bot.domain.french_dates import find_due_date
from bot.domain.partnerships import (
    ANSWER_LABELS,
    INGREDIENT_QUESTIONS,
    KIND_LABELS,
    KIND_NAME_EXAMPLES,
    OBJECTIVE_SUGGESTIONS,
    PARTNERSHIP_TEXT_LIMIT,
    VAGUENESS_HINTS,
    Answer,
    Ingredient,
    PartnerKind,
    assess_objective,
    clip,
    parse_responsibilities,
)
from bot.storage.models import Objective, Partnership, PartnershipStatus, Responsibility
from bot.ui import Button, callback_parts, edit_or_send, h, reply
from conversations.common import DRAFT_KEYS_PREFIX, cancel_fallback
from conversations.partnership_access import (
    committee_of_draft,
    pressed_partnership,
    show_partnership,
)

(
    KIND,
    NAME,
    CONTACT,
    NEED,
    OBJECTIVE,
    SIGN,
    TARGET,
    CHECK,
    MORE,
    RES_COMMITTEE,
    RES_PARTNER,
    DUTIES,
    RECIPE,
) = range(13)
DRAFT = DRAFT_KEYS_PREFIX + "partnership"
NAME_LIMIT = 120

Step = Callable[[Update, BotContext], Awaitable[int]]


def _draft(context: BotContext) -> dict[str, Any]:
    assert context.user_data is not None
    draft = context.user_data.setdefault(DRAFT, {})
    assert isinstance(draft, dict)
    return draft


async def _partnership(context: BotContext) -> Partnership | None:
    pid = _draft(context).get("pid")
    return await context.storage.partnerships.get(int(pid)) if pid else None


async def _answer_query(update: Update, context: BotContext) -> None:
    """Acknowledge the press once, even when several steps run for it."""
    if update.callback_query is not None and not context.query_answered:
        context.query_answered = True
        await update.callback_query.answer()


async def _ask(
    update: Update, context: BotContext, text: str, buttons: list[list[Button]], back: str | None
) -> None:
    rows = list(buttons)
    if back is not None:
        rows.append([(context._("« Back"), f"par:back:{back}")])
    await edit_or_send(update, context, text, rows)


# --- the steps, in order ---------------------------------------------------------------------


async def begin(update: Update, context: BotContext) -> int:
    """« New partnership »: the committee comes from the person's active one."""
    await _answer_query(update, context)
    committee = await committee_of_draft(update, context, fresh=True)
    if committee is None:
        return ConversationHandler.END
    _draft(context).clear()
    _draft(context)["committee_id"] = committee.id
    return await ask_kind(update, context)


async def ask_kind(update: Update, context: BotContext) -> int:
    buttons = [
        [(context._(label), f"par:kind:{kind.value}")] for kind, label in KIND_LABELS.items()
    ]
    await _ask(update, context, context._("Who is the partner? Choose a kind."), buttons, None)
    return KIND


async def kind_chosen(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "par")
    await _answer_query(update, context)
    kinds = {kind.value for kind in PartnerKind}
    if not parts or len(parts) != 2 or parts[1] not in kinds:
        return KIND
    draft = _draft(context)
    draft["kind"] = parts[1]
    partnership = await _partnership(context)
    if partnership is not None:
        await context.storage.partnerships.set_field(
            partnership.id, "partner_kind", parts[1], _user_id(update)
        )
    return await ask_name(update, context)


async def ask_name(update: Update, context: BotContext) -> int:
    kind = PartnerKind(_draft(context).get("kind", PartnerKind.OTHER.value))
    text = (
        context._("What is the partner's name?")
        + "\n"
        + context._("Example: {example}").format(example=h(context._(KIND_NAME_EXAMPLES[kind])))
    )
    buttons: list[list[Button]] = []
    committee = await committee_of_draft(update, context)
    if kind is PartnerKind.HOUSING_OFFICE and committee and committee.housing_office:
        buttons.append([(committee.housing_office[:60], "par:usename")])
    await _ask(update, context, text, buttons, "kind")
    return NAME


async def name_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    name, _cut = clip(update.message.text, NAME_LIMIT)
    if not name:
        return NAME
    return await _save_name(update, context, name)


async def name_from_office(update: Update, context: BotContext) -> int:
    await _answer_query(update, context)
    committee = await committee_of_draft(update, context)
    if committee is None or not committee.housing_office:
        return NAME
    return await _save_name(update, context, committee.housing_office)


async def _save_name(update: Update, context: BotContext, name: str) -> int:
    draft = _draft(context)
    partnership = await _partnership(context)
    if partnership is None:
        committee = await committee_of_draft(update, context)
        if committee is None:
            return ConversationHandler.END
        partnership = await context.storage.partnerships.start(
            committee.id, draft.get("kind", PartnerKind.OTHER.value), name, _user_id(update)
        )
        draft["pid"] = partnership.id
    else:
        await context.storage.partnerships.set_field(
            partnership.id, "partner_name", name, _user_id(update)
        )
    return await _after(update, context, ask_contact)


async def ask_contact(update: Update, context: BotContext) -> int:
    await _ask(
        update,
        context,
        context._("Who is your contact person there? Example: Mme Lucie Roy, technician"),
        [[(context._("Skip this question"), "par:skip:contact")]],
        "name",
    )
    return CONTACT


async def contact_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    return await _save_text(update, context, "contact_person", update.message.text, NAME_LIMIT)


async def ask_need(update: Update, context: BotContext) -> int:
    await _ask(
        update,
        context,
        context._(
            "What need or problem brings you to this partner? In your own words.\n"
            "Example: The common rooms are dirty and nobody knows who must clean them."
        ),
        [],
        "contact",
    )
    return NEED


async def need_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    return await _save_text(update, context, "need", update.message.text, PARTNERSHIP_TEXT_LIMIT)


async def ask_objective(update: Update, context: BotContext) -> int:
    kind = await _kind(context)
    suggestions = OBJECTIVE_SUGGESTIONS.get(kind, ())
    buttons = [[(context._(s.text), f"par:sug:{i}")] for i, s in enumerate(suggestions)]
    await _ask(
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
    await _answer_query(update, context)
    suggestions = OBJECTIVE_SUGGESTIONS.get(await _kind(context), ())
    index = int(parts[1]) if parts and len(parts) == 2 and parts[1].isdecimal() else -1
    partnership = await _partnership(context)
    if not 0 <= index < len(suggestions) or partnership is None:
        return OBJECTIVE
    suggestion = suggestions[index]
    objective = await context.storage.partnerships.add_objective(
        partnership.id, context._(suggestion.text), _user_id(update)
    )
    await context.storage.partnerships.update_objective(
        objective, _user_id(update), success_sign=context._(suggestion.success_sign)
    )
    _draft(context)["objective_id"] = objective.id
    return await ask_target(update, context)


async def objective_written(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    text, cut = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)
    partnership = await _partnership(context)
    if not text or partnership is None:
        return OBJECTIVE
    await _tell_if_cut(update, context, cut)
    draft = _draft(context)
    objective_id = draft.get("objective_id") if draft.get("sharpening") else None
    objective = (
        await context.storage.partnerships.objective(objective_id) if objective_id else None
    )
    if objective is not None:
        draft.pop("sharpening", None)
        await context.storage.partnerships.update_objective(objective, _user_id(update), text=text)
        return await check_objective(update, context)
    objective = await context.storage.partnerships.add_objective(
        partnership.id, text, _user_id(update)
    )
    draft["objective_id"] = objective.id
    return await ask_sign(update, context)


async def ask_sign(update: Update, context: BotContext) -> int:
    await _ask(
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
    objective = await _objective(context)
    if objective is None or not sign:
        return SIGN
    await _tell_if_cut(update, context, cut)
    await context.storage.partnerships.update_objective(
        objective, _user_id(update), success_sign=sign
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
    await _ask(
        update,
        context,
        context._("By when? Press a button or write a date (example: June 30)."),
        buttons,
        "sign",
    )
    return TARGET


async def target_pressed(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "par")
    await _answer_query(update, context)
    value = parts[1] if parts and len(parts) == 2 else ""
    day = _day(value)
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
    objective = await _objective(context)
    if objective is None:
        return await ask_objective(update, context)
    await context.storage.partnerships.update_objective(
        objective, _user_id(update), target_date=day, clear_target=day is None
    )
    return await check_objective(update, context)


async def check_objective(update: Update, context: BotContext) -> int:
    """A vague objective gets a gentle prompt to sharpen it, never a refusal."""
    objective = await _objective(context)
    if objective is None:
        return await ask_more(update, context)
    problems = assess_objective(objective.text, objective.success_sign, objective.target_date)
    if not problems:
        return await ask_more(update, context)
    hints = "\n".join(f"• {context._(VAGUENESS_HINTS[p])}" for p in problems)
    await _ask(
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
    await _answer_query(update, context)
    _draft(context)["sharpening"] = True
    await _ask(update, context, context._("Write the objective again, more precisely."), [], None)
    return OBJECTIVE


async def ask_more(update: Update, context: BotContext) -> int:
    await _answer_query(update, context)
    if _draft(context).get("editing"):
        return await _finish_edit(update, context)
    await _ask(
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
    await _answer_query(update, context)
    _draft(context).pop("objective_id", None)
    return await ask_objective(update, context)


async def ask_committee_resources(update: Update, context: BotContext) -> int:
    await _answer_query(update, context)
    await _ask(
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
    return await _save_text(
        update, context, "committee_resources", update.message.text, PARTNERSHIP_TEXT_LIMIT
    )


async def ask_partner_resources(update: Update, context: BotContext) -> int:
    await _ask(
        update,
        context,
        context._("What does the partner bring? Example: a worker two hours a week, money."),
        [[(context._("Skip this question"), "par:skip:respartner")]],
        "rescommittee",
    )
    return RES_PARTNER


async def partner_resources_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    return await _save_text(
        update, context, "partner_resources", update.message.text, PARTNERSHIP_TEXT_LIMIT
    )


async def ask_duties(update: Update, context: BotContext) -> int:
    await _ask(
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
    partnership = await _partnership(context)
    if partnership is None:
        return ConversationHandler.END
    parsed = parse_responsibilities(update.message.text)
    if not parsed.items:
        return DUTIES
    await _tell_if_cut(update, context, parsed.cut)
    duties = [Responsibility(item.who, item.what) for item in parsed.items]
    await context.storage.partnerships.set_responsibilities(
        partnership.id, duties, _user_id(update)
    )
    return await _after(update, context, ask_recipe)


async def ask_recipe(update: Update, context: BotContext) -> int:
    """The checklist, one ingredient at a time; honest answers make good next steps."""
    index = int(_draft(context).get("recipe_index", 0))
    ingredients = list(Ingredient)
    if index >= len(ingredients):
        _draft(context)["recipe_index"] = 0
        return await _finish_edit(update, context)
    ingredient = ingredients[index]
    header = context._("The recipe of a good partnership ({number} of {total}).").format(
        number=index + 1, total=len(ingredients)
    )
    buttons = [
        [(context._(ANSWER_LABELS[a]), f"par:rc:{ingredient.value}:{a.value}") for a in Answer]
    ]
    await _ask(
        update,
        context,
        header + "\n\n" + context._(INGREDIENT_QUESTIONS[ingredient]),
        buttons,
        "recipe" if index > 0 else "duties",
    )
    return RECIPE


async def recipe_answered(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "par")
    await _answer_query(update, context)
    partnership = await _partnership(context)
    if partnership is None or not parts or len(parts) != 3:
        return RECIPE
    try:
        ingredient, answer = Ingredient(parts[1]), Answer(parts[2])
    except ValueError:
        return RECIPE
    await context.storage.partnerships.answer_recipe(
        partnership.id, ingredient.value, answer.value, _user_id(update)
    )
    draft = _draft(context)
    draft["recipe_index"] = list(Ingredient).index(ingredient) + 1
    return await ask_recipe(update, context)


# --- moving around ---------------------------------------------------------------------------

NEXT_STEP: dict[str, Step] = {
    "contact_person": ask_need,
    "need": ask_objective,
    "committee_resources": ask_partner_resources,
    "partner_resources": ask_duties,
}


async def _save_text(update: Update, context: BotContext, field: str, raw: str, limit: int) -> int:
    partnership = await _partnership(context)
    if partnership is None:
        return ConversationHandler.END
    text, cut = clip(raw, limit)
    await _tell_if_cut(update, context, cut)
    await context.storage.partnerships.set_field(
        partnership.id, field, text or None, _user_id(update)
    )
    return await _after(update, context, NEXT_STEP[field])


SKIP_TO: dict[str, Step] = {
    "contact": ask_need,
    "rescommittee": ask_partner_resources,
    "respartner": ask_duties,
    "duties": ask_recipe,
}


async def skip(update: Update, context: BotContext) -> int:
    """« Skip this question » on an optional question: on to the next one."""
    parts = callback_parts(update.callback_query, "par")
    await _answer_query(update, context)
    following = SKIP_TO.get(parts[1]) if parts and len(parts) == 2 else None
    if following is None:
        return ConversationHandler.END
    return await _after(update, context, following)


async def _after(update: Update, context: BotContext, step: Step) -> int:
    """While editing one part, back to the sheet; otherwise, on to the next question."""
    draft = _draft(context)
    if draft.get("editing"):
        # Resources are two questions: editing them asks both.
        both_resources = draft.get("edit_part") == "resources" and step is ask_partner_resources
        if not both_resources:
            return await _finish_edit(update, context)
    return await step(update, context)


BACK: dict[str, Step] = {
    "kind": ask_kind,
    "name": ask_name,
    "contact": ask_contact,
    "need": ask_need,
    "objective": ask_objective,
    "sign": ask_sign,
    "more": ask_more,
    "rescommittee": ask_committee_resources,
    "respartner": ask_partner_resources,
    "duties": ask_duties,
}


async def go_back(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "par")
    await _answer_query(update, context)
    target = parts[1] if parts and len(parts) == 2 else ""
    if target == "recipe":
        draft = _draft(context)
        draft["recipe_index"] = max(int(draft.get("recipe_index", 1)) - 1, 0)
        return await ask_recipe(update, context)
    step = BACK.get(target)
    return await step(update, context) if step else KIND


async def _finish_edit(update: Update, context: BotContext) -> int:
    """End of the wizard or of one edit: the sheet (with « Save » while it is a draft)."""
    partnership = await _partnership(context)
    draft = _draft(context)
    draft.pop("editing", None)
    draft.pop("edit_part", None)
    if partnership is None:
        return ConversationHandler.END
    # After a button, the sheet replaces the question; after typed text, it comes below.
    await show_partnership(update, context, partnership.id, edit=update.callback_query is not None)
    return ConversationHandler.END


async def edit_part(update: Update, context: BotContext) -> int:
    """« Edit » on a sheet (draft or saved): ask that part again, then show the sheet."""
    partnership = await pressed_partnership(update, context)
    parts = callback_parts(update.callback_query, "par")
    if partnership is None or not parts or len(parts) != 3:
        return ConversationHandler.END
    await _answer_query(update, context)
    draft = _draft(context)
    draft.clear()
    draft.update(
        committee_id=partnership.committee_id,
        pid=partnership.id,
        kind=partnership.partner_kind,
        editing=True,
        edit_part=parts[2],
    )
    starts: dict[str, Step] = {
        "name": ask_name,
        "contact": ask_contact,
        "need": ask_need,
        "objective": ask_objective,
        "resources": ask_committee_resources,
        "duties": ask_duties,
        "recipe": ask_recipe,
    }
    step = starts.get(parts[2])
    if step is None:
        return ConversationHandler.END
    return await step(update, context)


async def save(update: Update, context: BotContext) -> int:
    """« Save »: the draft becomes an active partnership."""
    partnership = await pressed_partnership(update, context)
    if partnership is None:
        return ConversationHandler.END
    assert update.callback_query is not None
    if partnership.status is PartnershipStatus.DRAFT:
        await context.storage.partnerships.set_status(
            partnership.id, PartnershipStatus.ACTIVE, _user_id(update)
        )
    await update.callback_query.answer(context._("Saved."))
    _draft(context).clear()
    await show_partnership(update, context, partnership.id, edit=True)
    return ConversationHandler.END


# --- small helpers ---------------------------------------------------------------------------


async def _kind(context: BotContext) -> PartnerKind:
    try:
        return PartnerKind(_draft(context).get("kind", PartnerKind.OTHER.value))
    except ValueError:
        return PartnerKind.OTHER


async def _objective(context: BotContext) -> Objective | None:
    objective_id = _draft(context).get("objective_id")
    return (
        await context.storage.partnerships.objective(int(objective_id)) if objective_id else None
    )


async def _tell_if_cut(update: Update, context: BotContext, cut: bool) -> None:
    if cut:
        await reply(update, context, context._("Your text was too long: I kept the beginning."))


def _user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


def _day(value: str) -> date | None:
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8])) if len(value) == 8 else None
    except ValueError:
        return None


def build_handler() -> ConversationHandler[BotContext]:
    """The wizard, top to bottom. Private chat only (the group hands over with a link)."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    back = CallbackQueryHandler(go_back, pattern=r"^par:back:")
    skip_button = CallbackQueryHandler(skip, pattern=r"^par:skip:")
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CallbackQueryHandler(begin, pattern=r"^par:new$"),
        CallbackQueryHandler(edit_part, pattern=r"^par:edit:"),
        CallbackQueryHandler(save, pattern=r"^par:save:"),
    ]
    states: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
        KIND: [CallbackQueryHandler(kind_chosen, pattern=r"^par:kind:"), back],
        NAME: [
            MessageHandler(text, name_given),
            CallbackQueryHandler(name_from_office, pattern=r"^par:usename$"),
            back,
        ],
        CONTACT: [MessageHandler(text, contact_given), skip_button, back],
        NEED: [MessageHandler(text, need_given), back],
        OBJECTIVE: [
            MessageHandler(text, objective_written),
            CallbackQueryHandler(objective_suggested, pattern=r"^par:sug:"),
            back,
        ],
        SIGN: [MessageHandler(text, sign_given), back],
        TARGET: [
            CallbackQueryHandler(target_pressed, pattern=r"^par:target:"),
            MessageHandler(text, target_written),
            back,
        ],
        CHECK: [
            CallbackQueryHandler(sharpen, pattern=r"^par:sharpen$"),
            CallbackQueryHandler(ask_more, pattern=r"^par:keep$"),
        ],
        MORE: [
            CallbackQueryHandler(another_objective, pattern=r"^par:moreobj$"),
            CallbackQueryHandler(ask_committee_resources, pattern=r"^par:next$"),
        ],
        RES_COMMITTEE: [MessageHandler(text, committee_resources_given), skip_button, back],
        RES_PARTNER: [MessageHandler(text, partner_resources_given), skip_button, back],
        DUTIES: [MessageHandler(text, duties_given), skip_button, back],
        RECIPE: [CallbackQueryHandler(recipe_answered, pattern=r"^par:rc:"), back],
    }
    fallbacks: list[BaseHandler[Update, BotContext, Any]] = [
        cancel_fallback(),
        CommandHandler("start", _leave),
    ]
    return ConversationHandler(
        name="partnership",
        persistent=True,
        allow_reentry=True,
        entry_points=entry_points,
        states=states,
        fallbacks=fallbacks,
    )


async def _leave(update: Update, context: BotContext) -> int:
    """/start during the wizard: the draft stays saved; /partenariat finds it again."""
    return ConversationHandler.END
