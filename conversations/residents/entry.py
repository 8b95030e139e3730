"""A box message becomes committee work elsewhere: an agenda item, a follow-up.

For the integration (the meetings and decisions features, being changed by others): add a
button under a box message (see `box_reader._item_buttons`), read the message with
`box_item_for_use`, make the agenda item or the follow-up from its text, then record it with
`mark_box_item_used` so the message shows what it became. The message's text is all there
is: the box knows no writer to name or to remind.
"""

from __future__ import annotations

from bot.domain.residents import BoxItem
from bot.storage.repositories import Storage


async def box_item_for_use(storage: Storage, item_id: int, committee_id: int) -> BoxItem | None:
    """The message, when it belongs to `committee_id` and is still open (not archived or
    marked abusive); None otherwise (a stale or foreign button)."""
    item = await storage.box.get(item_id)
    if item is None or item.committee_id != committee_id or not item.is_open:
        return None
    return item


async def mark_box_item_used(storage: Storage, item_id: int, used_as: str) -> None:
    """Record what the message became, in the members' words: « S-7 », « ordre du jour R-4 ».
    A new message is then read."""
    await storage.box.mark_used(item_id, used_as)
