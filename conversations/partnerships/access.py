"""The objective a button names, and showing a partnership's sheet."""

from __future__ import annotations

from telegram import Update

from bot.access import STALE
from bot.context import BotContext
from bot.domain.entities import Objective, ObjectiveStatus, Partnership
from bot.ui import acknowledge, edit_or_send, reply
from conversations.partnerships.views import partnership_sheet, sheet_buttons


async def open_objective(
    update: Update, context: BotContext, partnership: Partnership, objective_id: int
) -> Objective | None:
    """The objective a button names, when it is this partnership's and still open; otherwise
    None, after a polite answer (two members may press « Achieved » at the same time)."""
    objective = next((o for o in partnership.objectives if o.id == objective_id), None)
    if objective is not None and objective.status is ObjectiveStatus.OPEN:
        return objective
    await acknowledge(update, context, context._(STALE), alert=True)
    return None


async def show_partnership(
    update: Update, context: BotContext, partnership_id: int, *, edit: bool
) -> None:
    partnership = await context.storage.partnerships.get(partnership_id)
    if partnership is None:
        return
    text = partnership_sheet(context.tr, partnership)
    buttons = sheet_buttons(context.tr, partnership)
    if edit:
        await edit_or_send(update, context, text, buttons)
    else:
        await reply(update, context, text, buttons)
