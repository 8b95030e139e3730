"""The objectives of a partnership, one by one: change a part of one, or remove it (asked once).

Changing a part is a question of the wizard (`EditObjective` enters it: see objectives.py);
this module is the menu that leads there, and the removal.
"""

from __future__ import annotations

from telegram import Update

from bot.access import STALE, Press
from bot.context import BotContext
from bot.domain.entities import Objective, ObjectiveStatus, Partnership, PartnershipStatus
from bot.ui import Button, acknowledge, edit_or_send, h
from conversations.partnerships.access import show_partnership
from conversations.partnerships.buttons import (
    DropObjective,
    DropObjectiveConfirmed,
    Edit,
    EditObjective,
    ObjectiveField,
    ObjectiveOptions,
    Objectives,
    OpenPartnership,
    Part,
)
from conversations.partnerships.cards import refresh_cards
from conversations.partnerships.views import objective_lines
from conversations.requests.entry import objective_button

# A partnership that is going on, or paused, may still be asked something.
ASKING = frozenset({PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED})


def objective_of(partnership: Partnership, objective_id: int) -> Objective | None:
    """The partnership's objective a button names (achieved ones too); None once removed."""
    return next((o for o in partnership.objectives if o.id == objective_id), None)


async def list_objectives(
    update: Update, context: BotContext, press: Press[Objectives, Partnership]
) -> None:
    """Each objective as a button, and « Add an objective »."""
    partnership = press.record
    _ = context._
    buttons: list[list[Button]] = [
        [(f"{number}. {o.text}", ObjectiveOptions(id=partnership.id, objective=o.id))]
        for number, o in enumerate(partnership.objectives, start=1)
    ]
    buttons.append([(_("Add an objective"), Edit(id=partnership.id, part=Part.OBJECTIVE))])
    buttons.append([(_("« Back"), OpenPartnership(id=partnership.id))])
    text = (
        _("Which objective do you want to change or remove?")
        if partnership.objectives
        else _("No objective yet.")
    )
    await edit_or_send(update, context, text, buttons)


async def objective_options(
    update: Update, context: BotContext, press: Press[ObjectiveOptions, Partnership]
) -> None:
    """One objective: ask the partner for it (a request), change its text, how success is
    seen, its date; or remove it."""
    partnership = press.record
    objective = await _named(update, context, partnership, press.button.objective)
    if objective is None:
        return
    _ = context._
    number = partnership.objectives.index(objective) + 1
    pid, oid = partnership.id, objective.id
    changes = [
        (_("Change the text"), ObjectiveField.TEXT),
        (_("Change how success is seen"), ObjectiveField.SIGN),
        (_("Change the date"), ObjectiveField.TARGET),
    ]
    buttons: list[list[Button]] = [
        [(text, EditObjective(id=pid, objective=oid, field=field))] for text, field in changes
    ]
    # What the partner can do for an open objective is asked of them: a request.
    if objective.status is ObjectiveStatus.OPEN and partnership.status in ASKING:
        buttons.insert(0, [objective_button(context.tr, partnership, objective)])
    buttons.append([(_("Remove the objective"), DropObjective(id=pid, objective=oid))])
    buttons.append([(_("« Back"), Objectives(id=pid))])
    await edit_or_send(
        update, context, "\n".join(objective_lines(context.tr, number, objective)), buttons
    )


async def ask_drop(
    update: Update, context: BotContext, press: Press[DropObjective, Partnership]
) -> None:
    """Removing an objective takes it off the sheet: asked once, with what stays."""
    partnership = press.record
    objective = await _named(update, context, partnership, press.button.objective)
    if objective is None:
        return
    await edit_or_send(
        update,
        context,
        context._(
            "Remove the objective « {text} » from the partnership? "
            "The follow-ups that served it stay."
        ).format(text=h(objective.text)),
        [
            [
                (
                    context._("Yes, remove it"),
                    DropObjectiveConfirmed(id=partnership.id, objective=objective.id),
                )
            ],
            [(context._("« Back"), ObjectiveOptions(id=partnership.id, objective=objective.id))],
        ],
    )


async def confirm_drop(
    update: Update, context: BotContext, press: Press[DropObjectiveConfirmed, Partnership]
) -> None:
    partnership = press.record
    objective = await _named(update, context, partnership, press.button.objective)
    if objective is None:
        return
    assert update.effective_user is not None
    if await context.storage.partnerships.set_objective_status(
        objective, ObjectiveStatus.DROPPED, update.effective_user.id
    ):
        await acknowledge(update, context, context._("The objective is removed."))
    await show_partnership(update, context, partnership.id, edit=True)
    await refresh_cards(context, partnership.id)


async def _named(
    update: Update, context: BotContext, partnership: Partnership, objective_id: int
) -> Objective | None:
    objective = objective_of(partnership, objective_id)
    if objective is None:  # removed since (or a button from another partnership)
        await acknowledge(update, context, context._(STALE), alert=True)
    return objective
