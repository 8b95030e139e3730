"""Who may touch which partnership, and showing a sheet: shared by the wizard and the menu."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.access import pressed_item, require_membership
from bot.context import BotContext
from bot.domain.entities import Committee, Partnership
from bot.ui import edit_or_send, reply
from bot.wizard import DRAFT_KEYS_PREFIX
from conversations.partnerships.views import partnership_sheet, sheet_buttons

DRAFT = DRAFT_KEYS_PREFIX + "partnership"


async def committee_of_draft(
    update: Update, context: BotContext, *, fresh: bool = False
) -> Committee | None:
    """The committee the wizard works for: the person's active one when starting."""
    if fresh:
        membership = await require_membership(update, context)
        return membership.committee if membership else None
    assert context.user_data is not None
    draft: dict[str, Any] = context.user_data.get(DRAFT) or {}
    committee_id = draft.get("committee_id")
    user = update.effective_user
    if not committee_id or user is None:
        return None
    membership = await context.storage.committees.membership(int(committee_id), user.id)
    return membership.committee if membership else None


async def pressed_partnership(update: Update, context: BotContext) -> Partnership | None:
    """The partnership a button names, if the presser is a member of its committee."""
    return await pressed_item(update, context, "par", context.storage.partnerships.get)


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
