"""What the features take: new messages written by the person themself, and button presses.

Telegram also delivers edits of messages, channel posts, and messages forwarded from someone
else; PTB hands them to the same handlers as new messages. Left alone, an edited
« /decision … » logs a second decision, an edited wizard answer is read again (and a step that
expects `update.message` crashes), and a forwarded « /decision … » logs someone else's words
under the forwarder's name. So they stop here, in ONE handler that runs before every feature:

- channel posts, and their edits: ignored (a channel is where the committee publishes);
- a forwarded message, or one sent on behalf of a chat (an anonymous admin): a short answer
  where the bot is spoken to (private chat, a command, a reply to the bot); silence otherwise;
- an edit: offered to the features that remember which message made which record (`OnEdit`),
  the first that knows the message answers it; otherwise a short note in private, silence in
  a group. An edit never runs a command or a wizard step again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from telegram import Chat, Message, Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.context import BotContext
from bot.ui import reply

EditAnswer = Callable[[Update, BotContext], Awaitable[bool]]


@dataclass(frozen=True, slots=True)
class OnEdit:
    """A feature's answer to an edited message: True when the message made one of its records
    (it has answered), False when it does not know the message."""

    answer: EditAnswer


def _spoken_to(message: Message) -> bool:
    """Whether the person addressed the bot: in private, a command, or a reply to the bot."""
    if message.chat.type == Chat.PRIVATE or (message.text or "").startswith("/"):
        return True
    replied = message.reply_to_message
    bot = message.get_bot()
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot.id


def _not_their_own_words(message: Message) -> bool:
    return (
        message.forward_origin is not None
        or bool(message.is_automatic_forward)
        or message.sender_chat is not None
    )


def build_screen(edits: Sequence[OnEdit]) -> TypeHandler[Update, BotContext, None]:
    """The one handler that keeps edits, forwards and channel posts away from the features."""

    async def screen(update: Update, context: BotContext) -> None:
        if update.channel_post or update.edited_channel_post:
            raise ApplicationHandlerStop
        if update.business_message or update.edited_business_message:
            raise ApplicationHandlerStop
        edited = update.edited_message
        if edited is not None:
            for on_edit in edits:
                if await on_edit.answer(update, context):
                    raise ApplicationHandlerStop
            if edited.chat.type == Chat.PRIVATE:
                await reply(
                    update,
                    context,
                    context._(
                        "I had already read this message: editing it changes nothing. "
                        "Write a new message, or use the buttons."
                    ),
                )
            raise ApplicationHandlerStop
        message = update.message
        if message is not None and _not_their_own_words(message):
            if _spoken_to(message) and not message.is_automatic_forward:
                await reply(
                    update,
                    context,
                    context._(
                        "This message was forwarded, or sent in the name of a chat: I only "
                        "take what you write yourself. Write it, or copy and paste it."
                    ),
                )
            raise ApplicationHandlerStop

    return TypeHandler(Update, screen)
