"""A box message becomes a follow-up: its text as written, nobody named, no date yet (the
buttons under it set them). The writer stays unknown."""

from __future__ import annotations

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.records import follow_up_ref
from bot.domain.residents import BoxItem
from bot.storage.decisions import FollowUpDraft
from bot.ui import acknowledge
from conversations.decisions.buttons import FollowUpFromBox
from conversations.decisions.fixes import show_again
from conversations.residents.box_reader import show_item
from conversations.residents.entry import ALREADY_USED, mark_box_item_used, use_box_item

# What the message is while its follow-up is being made (replaced by « S-7 » at once).
_CLAIMED = "follow-up"


async def follow_up_from_box(
    update: Update, context: BotContext, press: Press[FollowUpFromBox, BoxItem]
) -> None:
    item, committee = press.record, press.membership.committee
    storage = context.storage
    follow_up = None
    async with storage.db.transaction():
        if await use_box_item(storage, item.id, _CLAIMED):
            follow_up = await storage.follow_ups.create(
                committee.id,
                FollowUpDraft(item.text, None, None, None, None),
                created_by=press.membership.person_id,
            )
            await mark_box_item_used(storage, item.id, follow_up_ref(follow_up.number))
    if follow_up is None:
        await acknowledge(update, context, context._(ALREADY_USED), alert=True)
        return
    moved = await storage.box.get(item.id)
    if moved is not None:
        await show_item(update, context, moved, committee)
    await show_again(update, context, follow_up.id, None, edit=False)
