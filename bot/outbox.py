"""What the bot tells a committee's groups about a change is recorded with the change.

    async with announcing(context) as tell:
        if not await context.storage.follow_ups.set_status(...):
            return
        tell.groups(committee.id, text, skip_chat=...)
    await edit_or_send(update, context, ...)  # the person's own answer first
    await tell.send()

The change and its announcement are committed together (one transaction); the handler sends
the announcement once it has answered the person. If the bot dies in between, if the handler
fails, or if Telegram asks to wait, the announcement stays in the outbox and the
`Announcements` source sends it (a minute later, or after the restart, in the committee's
daytime), once: a row is claimed before it is sent and deleted when it is, so it never goes
out twice (only a crash during the send itself can repeat that one message, as for
reminders).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.callbacks import parse_any
from bot.context import BotContext
from bot.groups import NoTopic, stored_buttons
from bot.refusal_policy import SendLater
from bot.scheduler import Daytime, Occurrence, replan
from bot.services import Services
from bot.storage.outbox import Announcement, StoredButton
from bot.ui import Button, Buttons, send

log = logging.getLogger(__name__)

# The handler that recorded an announcement sends it at once; after this, the scheduler does.
HANDLER_GRACE = timedelta(minutes=1)


@dataclass(slots=True)
class _Post:
    committee_id: int
    text: str
    buttons: list[list[StoredButton]]
    skip_chat: int | None
    only_chat: int | None = None


@dataclass(slots=True)
class Tell:
    """What a change will tell the groups; recorded when the change commits."""

    context: BotContext
    posts: list[_Post] = field(default_factory=list)
    recorded: list[int] = field(default_factory=list)

    def groups(
        self, committee_id: int, text: str, buttons: Buttons = (), *, skip_chat: int | None = None
    ) -> None:
        """Every group of the committee where the bot is, but `skip_chat` (where the person
        just acted: they see the answer there already)."""
        self.posts.append(_Post(committee_id, text, stored_buttons(buttons), skip_chat))

    def chat(self, committee_id: int, chat_id: int, text: str, buttons: Buttons = ()) -> None:
        """One group of the committee (where a vote was held, say)."""
        self.posts.append(
            _Post(committee_id, text, stored_buttons(buttons), None, only_chat=chat_id)
        )

    async def send(self) -> None:
        """Send what was recorded, now. What cannot go now is left to the scheduler."""
        for announcement_id in self.recorded:
            announcement = await self.context.storage.outbox.get(announcement_id)
            try:
                if announcement is not None:
                    await deliver_one(self.context, announcement)
            except SendLater as error:  # the change is saved; the scheduler sends it later
                log.info("announcement %s left for later: %s", announcement_id, error)
                return
            except Exception:
                log.exception("announcement %s failed; left for later", announcement_id)
                return


@asynccontextmanager
async def announcing(context: BotContext) -> AsyncIterator[Tell]:
    """A transaction whose announcements are recorded in it; `Tell.send` sends them. The
    scheduler is told of the change once it is committed."""
    tell = Tell(context)
    storage = context.storage
    async with storage.db.transaction():
        yield tell
        for post in tell.posts:
            chats = [
                chat.chat_id
                for chat in await storage.chats.of_committee(post.committee_id)
                if chat.bot_present
                and chat.chat_id != post.skip_chat
                and post.only_chat in (None, chat.chat_id)
            ]
            tell.recorded += await storage.outbox.add(
                post.committee_id, chats, post.text, post.buttons
            )
    # The change may move a due time; and the scheduler takes the announcements over should
    # the handler not get to send them.
    await replan(context)


def _buttons(stored: list[list[StoredButton]]) -> list[list[Button]]:
    rows: list[list[Button]] = []
    for line in stored:
        row: list[Button] = []
        for label, target in line:
            callback = parse_any(target)
            row.append((label, callback if callback is not None else target))
        rows.append(row)
    return rows


async def deliver_one(context: BotContext, announcement: Announcement) -> None:
    """Claim, send, forget; given back when the send fails or must wait (then raised)."""
    outbox = context.storage.outbox
    if not await outbox.claim(announcement.id):
        return  # sent, or being sent, by someone else
    try:
        # A chat that refused for good (the bot removed, the group gone) is marked by the
        # send path: the announcement is done with all the same.
        await send(
            context, announcement.chat_id, announcement.text, _buttons(announcement.buttons)
        )
    except NoTopic:
        # A group with topics, none chosen (or the chosen one is gone): it waits for one.
        await outbox.release(announcement.id)
        return
    except BaseException:
        await outbox.release(announcement.id)
        raise
    await outbox.sent(announcement.id)


async def send_waiting(context: BotContext, chat_id: int) -> None:
    """What waited for one group (a topic to post in): sent now, oldest first; what cannot
    go now is left to the scheduler."""
    for announcement in await context.storage.outbox.waiting_in(chat_id):
        try:
            await deliver_one(context, announcement)
        except SendLater:
            return


class Announcements:
    """What is left in the outbox (a crash, a flood wait): sent in the committee's daytime."""

    name = "announcements"
    late_limit = None  # what happened is worth telling, however late

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        waiting = await services.storage.outbox.waiting_until(until)
        committees = await services.storage.committees.by_ids(a.committee_id for a in waiting)
        return [
            Occurrence(
                a.created_at + HANDLER_GRACE,
                str(a.id),
                a.committee_id,
                Daytime.of(committees[a.committee_id]),
                payload=a,
            )
            for a in waiting
            if a.committee_id in committees
        ]

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        later = 0
        for occurrence in due:
            try:
                await deliver_one(context, occurrence.payload)
            except SendLater:
                later += 1
        if later:
            raise SendLater(f"{later} announcements to send again later")

    async def recover(self, services: Services) -> None:
        await services.storage.outbox.recover_interrupted()
