"""When a partnership's buttons still make sense, and showing its sheet.

The state checks are given to `on_press` (bot/access.py): a press that no longer makes sense
(« Pause » on an ended partnership, « Publish » on a draft) is answered politely and changes
nothing.
"""

from __future__ import annotations

from telegram import Update

from bot.access import STALE
from bot.context import BotContext
from bot.domain.entities import (
    Objective,
    ObjectiveStatus,
    Partnership,
    PartnershipStatus,
)
from bot.i18n import N_
from bot.ui import acknowledge, edit_or_send, reply
from conversations.partnerships.views import partnership_sheet, sheet_buttons

ENDED = N_("This partnership has ended: nothing was changed.")
NOT_UNDER_WAY = N_("This partnership is not under way: nothing was changed.")
NOT_SAVED = N_("Save the partnership first, then post it.")
OBJECTIVE_CLOSED = N_("This objective is already achieved or dropped: nothing was changed.")


def not_ended(partnership: Partnership) -> bool:
    """Edit or end: a draft or a partnership under way; an ended sheet stays in the record."""
    return partnership.status is not PartnershipStatus.ENDED


def under_way(partnership: Partnership) -> bool:
    """Pause or resume: once saved, and until it ends."""
    return partnership.status in {PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED}


def saved(partnership: Partnership) -> bool:
    """Post in the group: a draft is not the committee's word yet."""
    return partnership.status is not PartnershipStatus.DRAFT


async def open_objective(
    update: Update, context: BotContext, partnership: Partnership, objective_id: int
) -> Objective | None:
    """The objective a button names, when it is this partnership's and still open; otherwise
    None, after a polite answer (another member may have marked it achieved already)."""
    objective = next((o for o in partnership.objectives if o.id == objective_id), None)
    if objective is not None and objective.status is ObjectiveStatus.OPEN:
        return objective
    refusal = STALE if objective is None else OBJECTIVE_CLOSED
    await acknowledge(update, context, context._(refusal), alert=True)
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
