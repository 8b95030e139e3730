"""The partnership's card in each group: posted and pinned once, then kept up to date in place.

« Post and pin » claims the card of each group in the database before posting (migration
0011), so a second press, or two members pressing at once, never post it twice: the card
already there is edited instead. Every change to a partnership ends with `refresh_cards`,
which edits the cards whose text changed (an edit that would change nothing is not sent).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, timedelta

from telegram.error import TelegramError

from bot.context import BotContext
from bot.domain.entities import Committee, Partnership
from bot.ui import edit, note_refusal, send
from conversations.partnerships.views import partnership_card

# A claim that never got its message (the bot stopped while posting) is given up after this.
CLAIM_EXPIRES = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Published:
    """What « Post and pin » did, group by group."""

    posted: int = 0  # new cards
    kept: int = 0  # cards already there, brought up to date in place
    unpinned: int = 0  # cards the bot may not pin

    @property
    def reached(self) -> int:
        return self.posted + self.kept


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


async def publish(context: BotContext, partnership: Partnership) -> Published:
    """The card in every group of the committee: updated where it is, posted where it is not."""
    committee = await context.storage.committees.get(partnership.committee_id)
    if committee is None:
        return Published()
    text = _card_text(context, committee, partnership)
    shown = digest(text)
    storage = context.storage.partnerships
    posted = kept = unpinned = 0
    for chat in await context.storage.chats.of_committee(committee.id):
        if not chat.bot_present:
            continue
        card = await storage.card(partnership.id, chat.chat_id)
        if card is not None and card.message_id is not None:
            same = card.shown == shown
            if same or await edit(context, chat.chat_id, card.message_id, text):
                pinned = card.pinned or await _pin(context, chat.chat_id, card.message_id)
                await storage.card_shown(partnership.id, chat.chat_id, shown, pinned=pinned)
                kept += 1
                unpinned += not pinned
                continue
            # The message is gone (deleted in the group): the card is posted again.
            await storage.drop_card(partnership.id, chat.chat_id)
        stale_before = (context.services.clock() - CLAIM_EXPIRES).astimezone(UTC)
        if not await storage.claim_card(
            partnership.id, chat.chat_id, stale_before.isoformat(timespec="seconds")
        ):
            kept += 1  # another press is posting it right now
            continue
        message = await send(context, chat.chat_id, text)
        if message is None:  # the group refused (and was marked): nothing to remember
            await storage.drop_card(partnership.id, chat.chat_id)
            continue
        pinned = await _pin(context, chat.chat_id, message.message_id)
        await storage.card_posted(
            partnership.id, chat.chat_id, message.message_id, shown, pinned=pinned
        )
        posted += 1
        unpinned += not pinned
    return Published(posted, kept, unpinned)


async def refresh_cards(context: BotContext, partnership_id: int) -> None:
    """After a change: each card posted in a group shows the partnership as it is now."""
    storage = context.storage.partnerships
    cards = await storage.cards(partnership_id)
    if not cards:
        return
    partnership = await storage.get(partnership_id)
    committee = (
        await context.storage.committees.get(partnership.committee_id) if partnership else None
    )
    if partnership is None or committee is None:
        return
    text = _card_text(context, committee, partnership)
    shown = digest(text)
    for card in cards:
        if card.shown == shown or card.message_id is None:
            continue
        if await edit(context, card.chat_id, card.message_id, text):
            await storage.card_shown(partnership_id, card.chat_id, shown)


def _card_text(context: BotContext, committee: Committee, partnership: Partnership) -> str:
    """In the committee's language, as everything posted in its groups."""
    tr = context.services.translator_for(None, hint=committee.locale)
    return partnership_card(tr, partnership)


async def _pin(context: BotContext, chat_id: int, message_id: int) -> bool:
    try:
        await context.bot.pin_chat_message(chat_id, message_id, disable_notification=True)
    except TelegramError as error:
        # Pinning is not a send, but a refusal means the same (no right to pin, the group
        # gone): the policy marks what must be marked, and the person is told.
        await note_refusal(context, chat_id, error, "pin")
        return False
    return True
