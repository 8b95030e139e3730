"""A box message becomes committee work elsewhere: an agenda item, a follow-up.

The meetings and decisions features put their button under a box message (listed in
`box_reader._item_buttons`), claim the message with `use_box_item` (once: a second press, or
another member, finds it taken), make the agenda item or the follow-up from its text, then
say what it became with `mark_box_item_used` (« S-7 »). The message's text is all there is:
the box knows no writer to name or to remind.
"""

from __future__ import annotations

from bot.domain.residents import BoxItem
from bot.i18n import N_
from bot.storage.repositories import Storage

ALREADY_USED = N_("This message already became something else: see the box.")
# What a message put on the agenda of the next meeting became (shown in the members' words).
AGENDA_MARK = "agenda"


async def box_item_for_use(storage: Storage, item_id: int, committee_id: int) -> BoxItem | None:
    """The message, when it belongs to `committee_id` and is still open (not archived or
    marked abusive); None otherwise (a stale or foreign button)."""
    item = await storage.box.get(item_id)
    if item is None or item.committee_id != committee_id or not item.is_open:
        return None
    return item


def is_unused(item: BoxItem) -> bool:
    """Open, and not yet made into anything: the buttons that make it something still fit."""
    return item.is_open and item.used_as is None


async def use_box_item(storage: Storage, item_id: int, used_as: str) -> bool:
    """Claim the message for one use; False when it already became something."""
    return await storage.box.claim_use(item_id, used_as)


async def mark_box_item_used(storage: Storage, item_id: int, used_as: str) -> None:
    """Record what the message became, in the members' words: « S-7 ». A new message is then
    read."""
    await storage.box.mark_used(item_id, used_as)
