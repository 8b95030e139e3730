"""The one policy for a call Telegram refused, for every send, edit and scheduled post.

A person who blocked the bot is marked (and reached in the committee's group where the caller
asks for it); a chat that is gone, or where the bot was removed, is marked and no longer
written to; a group that became a supergroup is followed to its new id (everything that names
it, bot/groups.py); a chosen topic that is gone is forgotten (the coordinators are asked
again); a flood wait or a network failure is raised as `SendLater` for the scheduler to retry;
anything else is logged with the error's own type. Each refusal is counted by reason
(bot/operations/refusals.py, for `python -m bot stats`).
"""

from __future__ import annotations

import logging
from enum import Enum

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.context import BotContext
from bot.groups import NoTopic, follow_migration
from bot.operations.refusals import record_refusal

log = logging.getLogger(__name__)


class SendLater(Exception):
    """Telegram asked to wait, or could not be reached: try again later (scheduled sends)."""


class Refusal(Enum):
    BLOCKED = "blocked"  # the person blocked the bot, or deleted their account
    UNREACHABLE = "unreachable"  # the person never opened a chat with the bot
    CHAT_GONE = "chat_gone"  # the group is deleted, or the bot is no longer in it
    MIGRATED = "migrated"  # the group became a supergroup, with a new id
    TOPIC_GONE = "topic_gone"  # the forum topic was deleted
    LATER = "later"  # flood wait, timeout, network
    OTHER = "other"


def refusal_of(error: TelegramError) -> Refusal:
    """What a refused call means for the chat it was for (one policy, see the module doc)."""
    text = str(error).lower()
    if isinstance(error, ChatMigrated):
        return Refusal.MIGRATED
    if isinstance(error, RetryAfter | TimedOut):
        return Refusal.LATER
    if isinstance(error, Forbidden):
        if "blocked" in text or "deactivated" in text:
            return Refusal.BLOCKED
        if "initiate" in text:
            return Refusal.UNREACHABLE
        return Refusal.CHAT_GONE
    if isinstance(error, BadRequest):
        if "thread not found" in text or "topic_deleted" in text:
            return Refusal.TOPIC_GONE
        gone = ("chat not found", "group chat was deleted", "not a member", "kicked")
        return Refusal.CHAT_GONE if any(word in text for word in gone) else Refusal.OTHER
    if isinstance(error, NetworkError):
        return Refusal.LATER
    return Refusal.OTHER


async def note_refusal(
    context: BotContext, chat_id: int, error: TelegramError, what: str
) -> Refusal:
    """Apply the policy to a refused call: mark what must be marked, and say it in the log."""
    refusal = refusal_of(error)
    storage = context.storage
    if refusal is Refusal.BLOCKED and chat_id > 0:
        await storage.people.set_bot_blocked(chat_id, True)
    elif refusal is Refusal.CHAT_GONE and chat_id < 0:
        await storage.chats.set_bot_present(chat_id, False)
    elif refusal is Refusal.MIGRATED and isinstance(error, ChatMigrated):
        await follow_migration(context, chat_id, error.new_chat_id)
    await record_refusal(storage.db, refusal.value, what)  # counted for `python -m bot stats`
    if refusal is Refusal.OTHER:
        log.warning("%s refused in chat %s: %s: %s", what, chat_id, type(error).__name__, error)
    else:
        log.info("%s not done in chat %s: %s (%s)", what, chat_id, refusal.value, error)
    return refusal


async def after_refusal(
    context: BotContext, chat_id: int, topic: int | None, error: TelegramError, what: str
) -> int | None:
    """The policy for a refused send: the group's new id to send to again when it became a
    supergroup, None when the send is dropped; SendLater when it should be tried later, and
    NoTopic when the topic chosen for the bot's posts is gone (to be chosen again)."""
    refusal = await note_refusal(context, chat_id, error, what)
    if refusal is Refusal.MIGRATED and isinstance(error, ChatMigrated):
        return error.new_chat_id
    if refusal is Refusal.LATER:
        raise SendLater(str(error)) from error
    if refusal is Refusal.TOPIC_GONE and topic is not None:
        await context.storage.chats.topic_gone(chat_id, topic)
        answering = context.answer_in is not None and context.answer_in[0] == chat_id
        if not answering:  # the bot's own post: it waits for a topic to be chosen again
            raise NoTopic(chat_id) from error
    return None
