"""The partnership's card in each group: posted and pinned once, then kept up to date in place.

« Post and pin » claims the card of each group in the database before posting (migration
0011), so a second press, or two members pressing at once, never post it twice: the card
already there is edited instead. Every change to a partnership ends with `refresh_cards`,
which edits the cards whose text changed (an edit that would change nothing is not sent).
A claim that never got its message (the bot stopped while posting, or the group became a
supergroup, whose new id cannot reach the old message) is posted and pinned by `CardsToPost`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from telegram.error import TelegramError

from bot.context import BotContext
from bot.domain.entities import Committee, Partnership
from bot.groups import NoTopic
from bot.refusal_policy import note_refusal
from bot.scheduler import Daytime, Occurrence
from bot.services import Services
from bot.ui import edit, send
from conversations.partnerships.views import partnership_card

# A claim that never got its message (the bot stopped while posting) is given up after this.
CLAIM_EXPIRES = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Published:
    """What « Post and pin » did, group by group."""

    posted: int = 0  # new cards
    kept: int = 0  # cards already there, brought up to date in place
    unpinned: int = 0  # cards the bot may not pin
    no_topic: int = 0  # groups with topics where none is chosen for the bot's posts

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
    posted = kept = unpinned = no_topic = 0
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
        if not await storage.claim_card(partnership.id, chat.chat_id, _stale_before(context)):
            kept += 1  # another press is posting it right now
            continue
        try:
            now_pinned = await _post(context, partnership.id, chat.chat_id, text)
        except NoTopic:
            await storage.drop_card(partnership.id, chat.chat_id)
            no_topic += 1
            continue
        if now_pinned is None:  # the group refused (and was marked): nothing to remember
            continue
        posted += 1
        unpinned += not now_pinned
    return Published(posted, kept, unpinned, no_topic)


def _stale_before(context: BotContext) -> str:
    stale_before = (context.services.clock() - CLAIM_EXPIRES).astimezone(UTC)
    return stale_before.isoformat(timespec="seconds")


async def _post(context: BotContext, partnership_id: int, chat_id: int, text: str) -> bool | None:
    """Post the card claimed in this group and pin it: whether it is pinned, or None when the
    group refused (the claim is dropped). Raises NoTopic as `send` does."""
    storage = context.storage.partnerships
    message = await send(context, chat_id, text)
    if message is None:
        await storage.drop_card(partnership_id, chat_id)
        return None
    # The group may have moved to a new id while the card was sent: the claim moved with it.
    pinned = await _pin(context, message.chat_id, message.message_id)
    await storage.card_posted(
        partnership_id, message.chat_id, message.message_id, digest(text), pinned=pinned
    )
    return pinned


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


class CardsToPost:
    """Cards claimed and never posted: the bot stopped while posting (given up after
    CLAIM_EXPIRES), or the group became a supergroup (at once). Posted and pinned."""

    name = "partnership-cards"
    late_limit = None  # a card in the group's pins is worth posting however late

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        waiting = await services.storage.partnerships.cards_to_post()
        committees = await services.storage.committees.by_ids(c for _, c, _ in waiting)
        return [
            Occurrence(
                claimed + CLAIM_EXPIRES,
                f"{card.partnership_id}:{card.chat_id}",
                committee_id,
                Daytime.of(committees[committee_id]),
                payload=card,
            )
            for card, committee_id, claimed in waiting
            if committee_id in committees
        ]

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        storage = context.storage.partnerships
        for occurrence in due:
            card = occurrence.payload
            partnership = await storage.get(card.partnership_id)
            committee = await context.storage.committees.get(occurrence.committee_id)
            if partnership is None or committee is None:
                continue
            if not await storage.claim_card(partnership.id, card.chat_id, _stale_before(context)):
                continue  # posted, or being posted, meanwhile
            try:
                await _post(
                    context,
                    partnership.id,
                    card.chat_id,
                    _card_text(context, committee, partnership),
                )
            except NoTopic:
                continue  # the group's topic is gone: the card waits for a new one
