"""/partenariat wizard: from a need to a written, checkable partnership, one question at a time.

The partnership is stored as a draft from the second answer on, and every answer is saved as
it comes: a restart, or a person coming back the next day, loses nothing.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.domain.entities import PartnershipStatus
from bot.domain.partnerships import (
    KIND_LABELS,
    KIND_NAME_EXAMPLES,
    PARTNERSHIP_TEXT_LIMIT,
    PartnerKind,
    clip,
)
from bot.ui import Button, answer_once, callback_parts, h
from bot.wizard import Wizard, use_buttons, wizard
from conversations.partnerships.access import (
    committee_of_draft,
    pressed_partnership,
    show_partnership,
)
from conversations.partnerships.details import (
    ask_committee_resources,
    ask_duties,
    ask_partner_resources,
    ask_recipe,
    committee_resources_given,
    duties_given,
    partner_resources_given,
    recipe_answered,
)
from conversations.partnerships.draft import (
    CHECK,
    CONTACT,
    DUTIES,
    KIND,
    MORE,
    NAME,
    NEED,
    OBJECTIVE,
    RECIPE,
    RES_COMMITTEE,
    RES_PARTNER,
    SIGN,
    TARGET,
    Step,
    ask,
    current_partnership,
    draft_of,
    go_on,
    save_text,
    user_id,
)
from conversations.partnerships.objectives import (
    another_objective,
    ask_more,
    ask_objective,
    ask_sign,
    objective_suggested,
    objective_written,
    sharpen,
    sign_given,
    target_pressed,
    target_written,
)

NAME_LIMIT = 120


# --- the steps, in order ---------------------------------------------------------------------


async def begin(update: Update, context: BotContext) -> int:
    """« New partnership »: the committee comes from the person's active one."""
    await answer_once(update, context)
    committee = await committee_of_draft(update, context, fresh=True)
    if committee is None:
        return ConversationHandler.END
    draft_of(context).clear()
    draft_of(context)["committee_id"] = committee.id
    return await ask_kind(update, context)


async def ask_kind(update: Update, context: BotContext) -> int:
    buttons = [
        [(context._(label), f"par:kind:{kind.value}")] for kind, label in KIND_LABELS.items()
    ]
    await ask(update, context, context._("Who is the partner? Choose a kind."), buttons, None)
    return KIND


async def kind_chosen(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "par")
    await answer_once(update, context)
    kinds = {kind.value for kind in PartnerKind}
    if not parts or len(parts) != 2 or parts[1] not in kinds:
        return KIND
    draft = draft_of(context)
    draft["kind"] = parts[1]
    partnership = await current_partnership(context)
    if partnership is not None:
        await context.storage.partnerships.set_field(
            partnership.id, "partner_kind", parts[1], user_id(update)
        )
    return await ask_name(update, context)


async def ask_name(update: Update, context: BotContext) -> int:
    kind = PartnerKind(draft_of(context).get("kind", PartnerKind.OTHER.value))
    text = (
        context._("What is the partner's name?")
        + "\n"
        + context._("Example: {example}").format(example=h(context._(KIND_NAME_EXAMPLES[kind])))
    )
    buttons: list[list[Button]] = []
    committee = await committee_of_draft(update, context)
    if kind is PartnerKind.HOUSING_OFFICE and committee and committee.housing_office:
        buttons.append([(committee.housing_office[:60], "par:usename")])
    await ask(update, context, text, buttons, "kind")
    return NAME


async def name_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    name, _cut = clip(update.message.text, NAME_LIMIT)
    if not name:
        return NAME
    return await _save_name(update, context, name)


async def name_from_office(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    committee = await committee_of_draft(update, context)
    if committee is None or not committee.housing_office:
        return NAME
    return await _save_name(update, context, committee.housing_office)


async def _save_name(update: Update, context: BotContext, name: str) -> int:
    draft = draft_of(context)
    partnership = await current_partnership(context)
    if partnership is None:
        committee = await committee_of_draft(update, context)
        if committee is None:
            return ConversationHandler.END
        partnership = await context.storage.partnerships.start(
            committee.id, draft.get("kind", PartnerKind.OTHER.value), name, user_id(update)
        )
        draft["pid"] = partnership.id
    else:
        await context.storage.partnerships.set_field(
            partnership.id, "partner_name", name, user_id(update)
        )
    return await go_on(update, context, ask_contact)


async def ask_contact(update: Update, context: BotContext) -> int:
    await ask(
        update,
        context,
        context._("Who is your contact person there? Example: Mme Lucie Roy, technician"),
        [[(context._("Skip this question"), "par:skip:contact")]],
        "name",
    )
    return CONTACT


async def contact_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    return await save_text(
        update, context, "contact_person", update.message.text, NAME_LIMIT, ask_need
    )


async def ask_need(update: Update, context: BotContext) -> int:
    await ask(
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
    return await save_text(
        update, context, "need", update.message.text, PARTNERSHIP_TEXT_LIMIT, ask_objective
    )


# --- moving around ---------------------------------------------------------------------------

# Optional question -> (next question, the edited part it still belongs to).
SKIP_TO: dict[str, tuple[Step, str | None]] = {
    "contact": (ask_need, None),
    "rescommittee": (ask_partner_resources, "resources"),
    "respartner": (ask_duties, None),
    "duties": (ask_recipe, None),
}


async def skip(update: Update, context: BotContext) -> int:
    """« Skip this question » on an optional question: on to the next one."""
    parts = callback_parts(update.callback_query, "par")
    await answer_once(update, context)
    following = SKIP_TO.get(parts[1]) if parts and len(parts) == 2 else None
    if following is None:
        return ConversationHandler.END
    step, part = following
    return await go_on(update, context, step, part_continues=part)


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
    await answer_once(update, context)
    target = parts[1] if parts and len(parts) == 2 else ""
    if target == "recipe":
        draft = draft_of(context)
        draft["recipe_index"] = max(int(draft.get("recipe_index", 1)) - 1, 0)
        return await ask_recipe(update, context)
    step = BACK.get(target)
    return await step(update, context) if step else KIND


async def edit_part(update: Update, context: BotContext) -> int:
    """« Edit » on a sheet (draft or saved): ask that part again, then show the sheet."""
    partnership = await pressed_partnership(update, context)
    parts = callback_parts(update.callback_query, "par")
    if partnership is None or not parts or len(parts) != 3:
        return ConversationHandler.END
    await answer_once(update, context)
    draft = draft_of(context)
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
            partnership.id, PartnershipStatus.ACTIVE, user_id(update)
        )
    await update.callback_query.answer(context._("Saved."))
    draft_of(context).clear()
    await show_partnership(update, context, partnership.id, edit=True)
    return ConversationHandler.END


# --- small helpers ---------------------------------------------------------------------------


def build_wizard() -> Wizard:
    """The wizard, top to bottom. Private chat only (the group hands over with a link)."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    back = CallbackQueryHandler(go_back, pattern=r"^par:back:")
    skip_button = CallbackQueryHandler(skip, pattern=r"^par:skip:")
    buttons_only = MessageHandler(text, use_buttons)
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CallbackQueryHandler(begin, pattern=r"^par:new$"),
        CallbackQueryHandler(edit_part, pattern=r"^par:edit:"),
        CallbackQueryHandler(save, pattern=r"^par:save:"),
    ]
    states: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
        KIND: [CallbackQueryHandler(kind_chosen, pattern=r"^par:kind:"), back, buttons_only],
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
            buttons_only,
        ],
        MORE: [
            CallbackQueryHandler(another_objective, pattern=r"^par:moreobj$"),
            CallbackQueryHandler(ask_committee_resources, pattern=r"^par:next$"),
            buttons_only,
        ],
        RES_COMMITTEE: [MessageHandler(text, committee_resources_given), skip_button, back],
        RES_PARTNER: [MessageHandler(text, partner_resources_given), skip_button, back],
        DUTIES: [MessageHandler(text, duties_given), skip_button, back],
        RECIPE: [CallbackQueryHandler(recipe_answered, pattern=r"^par:rc:"), back, buttons_only],
    }
    return wizard("partnership", entry_points, states)
