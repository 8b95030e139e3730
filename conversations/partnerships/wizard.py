"""/partenariat wizard: from a need to a written, checkable partnership, one question at a time.

The partnership is stored as a draft from the second answer on, and every answer is saved as
it comes: a restart, or a person coming back the next day, loses nothing.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import PARTNERSHIP, Press, on_button, on_press, require_membership
from bot.context import BotContext
from bot.domain.entities import Partnership, PartnershipStatus
from bot.domain.partnerships import (
    KIND_LABELS,
    KIND_NAME_EXAMPLES,
    PARTNERSHIP_TEXT_LIMIT,
    PartnerKind,
    clip,
)
from bot.ui import Button, acknowledge, h
from bot.wizard import Wizard, clear_draft, date_answer, wizard
from conversations.partnerships.access import ENDED, not_ended, show_partnership
from conversations.partnerships.buttons import (
    ChooseDate,
    DutiesDone,
    Edit,
    EditObjective,
    Keep,
    Kind,
    MoreObjective,
    NewPartnership,
    Next,
    Part,
    Recipe,
    RemoveDuty,
    Save,
    Sharpen,
    Skip,
    Suggestion,
    Target,
    UseOfficeName,
)
from conversations.partnerships.details import (
    ask_committee_resources,
    ask_duties,
    ask_partner_resources,
    ask_recipe,
    committee_resources_given,
    duties_done,
    duties_given,
    first_ingredient,
    on_to_resources,
    partner_resources_given,
    recipe_answered,
    remove_duty,
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
    WIZARD,
    Step,
    ask,
    committee_of_draft,
    current_partnership,
    draft_of,
    go_on,
    save_text,
    skip_row,
    user_id,
)
from conversations.partnerships.objectives import (
    another_objective,
    ask_more,
    ask_objective,
    ask_sign,
    ask_target,
    check_objective,
    choose_date,
    edit_objective,
    keep_objective,
    objective_suggested,
    objective_written,
    sharpen,
    sign_given,
    target_pressed,
    target_written,
)

NAME_LIMIT = 120


# --- the steps, in order ---------------------------------------------------------------------


async def begin(update: Update, context: BotContext, _button: NewPartnership) -> int:
    """« New partnership »: the committee comes from the person's active one."""
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft_of(context)["committee_id"] = membership.committee.id
    return await ask_kind(update, context)


async def ask_kind(update: Update, context: BotContext) -> int:
    buttons: list[list[Button]] = [
        [(context._(label), Kind(kind=kind))] for kind, label in KIND_LABELS.items()
    ]
    await ask(update, context, context._("Who is the partner? Choose a kind."), buttons, None)
    return KIND


async def kind_chosen(update: Update, context: BotContext, button: Kind) -> int:
    draft_of(context)["kind"] = button.kind.value
    partnership = await current_partnership(context)
    if partnership is not None:
        await context.storage.partnerships.set_field(
            partnership.id, "partner_kind", button.kind.value, user_id(update)
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
        buttons.append([(committee.housing_office, UseOfficeName())])
    await ask(update, context, text, buttons, KIND)
    return NAME


async def name_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    name, _cut = clip(update.message.text, NAME_LIMIT)
    if not name:
        return NAME
    return await _save_name(update, context, name)


async def name_from_office(update: Update, context: BotContext, _button: UseOfficeName) -> int:
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
        [skip_row(context, CONTACT)],
        NAME,
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
        CONTACT,
    )
    return NEED


async def need_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    return await save_text(
        update, context, "need", update.message.text, PARTNERSHIP_TEXT_LIMIT, ask_objective
    )


# --- skipping, editing, saving ---------------------------------------------------------------

# Optional question (its state) -> (next question, the edited part it still belongs to).
SKIP_TO: dict[int, tuple[Step, Part | None]] = {
    CONTACT: (ask_need, None),
    RES_COMMITTEE: (ask_partner_resources, Part.RESOURCES),
    RES_PARTNER: (ask_duties, None),
    DUTIES: (first_ingredient, None),
}


async def skip(update: Update, context: BotContext, button: Skip) -> int | None:
    """« Skip this question » on an optional question: on to the next one."""
    following = SKIP_TO.get(button.step)
    if following is None:
        return None
    step, part = following
    return await go_on(update, context, step, part_continues=part)


# Where « Edit » starts each part of the sheet.
EDIT_STARTS: dict[Part, Step] = {
    Part.NAME: ask_name,
    Part.CONTACT: ask_contact,
    Part.NEED: ask_need,
    Part.OBJECTIVE: ask_objective,
    Part.RESOURCES: ask_committee_resources,
    Part.DUTIES: ask_duties,
    Part.RECIPE: first_ingredient,
}


async def edit_part(update: Update, context: BotContext, press: Press[Edit, Partnership]) -> int:
    """« Edit » on a sheet (draft or saved): ask that part again, then show the sheet."""
    partnership = press.record
    clear_draft(context, WIZARD)
    draft_of(context).update(
        committee_id=partnership.committee_id,
        pid=partnership.id,
        kind=partnership.partner_kind,
        editing=True,
        edit_part=press.button.part.value,
    )
    return await EDIT_STARTS[press.button.part](update, context)


async def save(update: Update, context: BotContext, press: Press[Save, Partnership]) -> int:
    """« Save »: the draft becomes an active partnership."""
    partnership = press.record
    if partnership.status is PartnershipStatus.DRAFT:
        await context.storage.partnerships.set_status(
            partnership.id, PartnershipStatus.ACTIVE, user_id(update)
        )
    await acknowledge(update, context, context._("Saved."))
    clear_draft(context, WIZARD)
    await show_partnership(update, context, partnership.id, edit=True)
    return ConversationHandler.END


def build_wizard() -> Wizard:
    """The wizard, top to bottom. Private chat only (the group hands over with a link)."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    skip_button = on_button(Skip, skip)
    return wizard(
        WIZARD,
        entry_points=[
            on_button(NewPartnership, begin),
            on_press(Edit, edit_part, records=PARTNERSHIP, allowed=not_ended, refusal=ENDED),
            on_press(Save, save, records=PARTNERSHIP),
            on_press(
                EditObjective,
                edit_objective,
                records=PARTNERSHIP,
                allowed=not_ended,
                refusal=ENDED,
            ),
        ],
        states={
            KIND: [on_button(Kind, kind_chosen)],
            NAME: [MessageHandler(text, name_given), on_button(UseOfficeName, name_from_office)],
            CONTACT: [MessageHandler(text, contact_given), skip_button],
            NEED: [MessageHandler(text, need_given)],
            OBJECTIVE: [
                MessageHandler(text, objective_written),
                on_button(Suggestion, objective_suggested),
            ],
            SIGN: [MessageHandler(text, sign_given)],
            TARGET: [on_button(Target, target_pressed), *date_answer(target_written)],
            CHECK: [
                on_button(ChooseDate, choose_date),
                on_button(Sharpen, sharpen),
                on_button(Keep, keep_objective),
            ],
            MORE: [
                on_button(MoreObjective, another_objective),
                on_button(Next, on_to_resources),
            ],
            RES_COMMITTEE: [MessageHandler(text, committee_resources_given), skip_button],
            RES_PARTNER: [MessageHandler(text, partner_resources_given), skip_button],
            DUTIES: [
                MessageHandler(text, duties_given),
                on_press(
                    RemoveDuty, remove_duty, records=PARTNERSHIP, allowed=not_ended, refusal=ENDED
                ),
                on_button(DutiesDone, duties_done),
                skip_button,
            ],
            RECIPE: [on_button(Recipe, recipe_answered)],
        },
        questions={
            KIND: ask_kind,
            NAME: ask_name,
            CONTACT: ask_contact,
            NEED: ask_need,
            OBJECTIVE: ask_objective,
            SIGN: ask_sign,
            TARGET: ask_target,
            CHECK: check_objective,
            MORE: ask_more,
            RES_COMMITTEE: ask_committee_resources,
            RES_PARTNER: ask_partner_resources,
            DUTIES: ask_duties,
            RECIPE: ask_recipe,
        },
    )
