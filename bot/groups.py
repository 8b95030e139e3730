"""Where the bot writes in a group, and what it learns of its groups from any update.

- Topics (a group with topics is a forum): an answer goes to the topic of the update it
  answers (`BotContext.answer_in`); what the bot posts on its own (reminders, the digest,
  votes, announcements) goes to the topic a coordinator chose. With none chosen, `NoTopic` is
  raised rather than writing in « General »: the send path then keeps the post in the outbox
  and the coordinators are asked once (conversations/settings/topics.py).
- `watch_groups` runs for every update, after the features: it notes the topics the bot sees
  (created, renamed, written in), whether the group has topics at all, and a group that
  became a supergroup (the service messages `migrate_to_chat_id` / `migrate_from_chat_id`).
- `follow_migration`: the one way a group's new id is taken up, whether the bot learns it
  from those service messages or from a refused send (bot/ui.py).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import Chat, Message, Update
from telegram.ext import TypeHandler

from bot.callbacks import Callback
from bot.context import BotContext
from bot.domain.entities import GENERAL_TOPIC

log = logging.getLogger(__name__)


class NoTopic(Exception):
    """A group with topics where no topic was chosen for the bot's own posts: the message
    would land in « General »."""

    def __init__(self, chat_id: int) -> None:
        super().__init__(f"no topic chosen in chat {chat_id}")
        self.chat_id = chat_id


async def topic_for(context: BotContext, chat_id: int) -> int | None:
    """The message_thread_id of a message to this chat (None: no topic).

    The topic of the update being answered when the message goes to its chat; otherwise, in
    a group with topics, the topic chosen for the bot's posts. Raises NoTopic when none is.
    """
    if context.answer_in is not None and context.answer_in[0] == chat_id:
        return context.answer_in[1]
    if chat_id > 0:
        return None
    chat = await context.storage.chats.get(chat_id)
    if chat is None or not chat.is_forum:
        return None
    if chat.post_topic is None:
        raise NoTopic(chat_id)
    return None if chat.post_topic == GENERAL_TOPIC else chat.post_topic


def stored_buttons(
    buttons: Sequence[Sequence[tuple[str, Callback | str]]],
) -> list[list[tuple[str, str]]]:
    """Buttons as the outbox keeps them: each label with its callback data or link."""
    return [
        [(label, to.data if isinstance(to, Callback) else to) for label, to in row]
        for row in buttons
    ]


async def wait_for_topic(
    context: BotContext,
    committee_id: int,
    chat_id: int,
    text: str,
    buttons: Sequence[Sequence[tuple[str, Callback | str]]] = (),
) -> None:
    """A post for a group with topics where none is chosen: it waits in the outbox, which
    sends it once a coordinator chooses one (the scheduler asks them)."""
    await context.storage.outbox.add(committee_id, [chat_id], text, stored_buttons(buttons))
    await _replan(context)


async def follow_migration(context: BotContext, old_id: int, new_id: int) -> None:
    """A group became a supergroup: everything that names it follows the new id (one
    transaction, see storage/chats.py), and the scheduler looks again (a pinned card is to be
    posted in the new group)."""
    if not await context.storage.chats.migrate(old_id, new_id):
        return  # not one of ours, or already followed (both service messages tell it)
    context.application.migrate_chat_data(old_chat_id=old_id, new_chat_id=new_id)
    log.info("a committee's group became a supergroup: followed to its new id")
    await _replan(context)


async def _replan(context: BotContext) -> None:
    from bot.scheduler import replan  # the scheduler imports the send path, which imports this

    await replan(context)


def _topic_seen(message: Message) -> tuple[int, str | None] | None:
    """The topic a message belongs to, with its name when the message tells it."""
    if not message.is_topic_message or message.message_thread_id is None:
        return None
    thread = message.message_thread_id
    if message.forum_topic_created is not None:
        return thread, message.forum_topic_created.name
    if message.forum_topic_edited is not None and message.forum_topic_edited.name:
        return thread, message.forum_topic_edited.name
    first = message.reply_to_message  # a topic's messages answer its first one
    if first is not None and first.forum_topic_created is not None:
        return thread, first.forum_topic_created.name
    return thread, None


async def watch_groups(update: Update, context: BotContext) -> None:
    """What any update tells of a committee's group: its new id, its topics."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or chat.type == Chat.PRIVATE:
        return
    if isinstance(message, Message):
        if message.migrate_to_chat_id:
            await follow_migration(context, chat.id, message.migrate_to_chat_id)
            return
        if message.migrate_from_chat_id:
            await follow_migration(context, message.migrate_from_chat_id, chat.id)
            return
    chats = context.storage.chats
    linked = await chats.get(chat.id)
    if linked is None:
        return
    if bool(chat.is_forum) != linked.is_forum:
        await chats.set_forum(chat.id, bool(chat.is_forum))
    seen = _topic_seen(message) if isinstance(message, Message) else None
    if seen is not None:
        thread, name = seen
        known = await chats.topic(chat.id, thread)
        if known is None or (name is not None and name != known.name):
            await chats.note_topic(chat.id, thread, name)


def build_watcher() -> TypeHandler[Update, BotContext, None]:
    return TypeHandler(Update, watch_groups)
