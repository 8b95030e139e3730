"""One way to talk: send a message (HTML), with or without buttons, and read button presses."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from telegram import (
    CallbackQuery,
    Chat,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext

# A button is (label, callback_data) or (label, url) when the second part is a link.
Button = tuple[str, str]
MAX_CALLBACK_BYTES = 64


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard from (label, data) pairs; data starting with https:// becomes a link."""
    built: list[list[InlineKeyboardButton]] = []
    for row in rows:
        buttons = []
        for label, data in row:
            if data.startswith("https://"):
                buttons.append(InlineKeyboardButton(label, url=data))
            else:
                if len(data.encode()) > MAX_CALLBACK_BYTES:
                    raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
                buttons.append(InlineKeyboardButton(label, callback_data=data))
        if buttons:
            built.append(buttons)
    return InlineKeyboardMarkup(built) if built else None


def h(value: object) -> str:
    """Escape what a person typed before it goes into an HTML message."""
    return escape(str(value), quote=False)


async def send(
    context: BotContext,
    chat_id: int,
    text: str,
    buttons: Sequence[Sequence[Button]] = (),
) -> Message:
    return await context.bot.send_message(
        chat_id=chat_id,
        text=text,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(buttons),
        link_preview_options=None,
    )


async def reply(
    update: Update, context: BotContext, text: str, buttons: Sequence[Sequence[Button]] = ()
) -> Message:
    """Answer in the chat the update came from."""
    assert update.effective_chat is not None
    return await send(context, update.effective_chat.id, text, buttons)


async def edit_or_send(
    update: Update, context: BotContext, text: str, buttons: Sequence[Sequence[Button]] = ()
) -> None:
    """After a button press, replace the pressed message; otherwise send a new one."""
    query = update.callback_query
    if query is not None and query.message is not None and isinstance(query.message, Message):
        try:
            await query.message.edit_text(
                text, parse_mode=ParseMode.HTML, reply_markup=keyboard(buttons)
            )
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return
            # The message is too old or gone: fall back to a new one.
    await reply(update, context, text, buttons)


def callback_parts(query: CallbackQuery | None, prefix: str) -> list[str] | None:
    """The parts after `prefix:` of a button's data, or None if it is not ours."""
    if query is None or not query.data:
        return None
    parts = query.data.split(":")
    if parts[0] != prefix:
        return None
    return parts[1:]


def user_draft(context: BotContext, key: str) -> dict[str, Any]:
    """A wizard's answers in progress (persisted with the person's data, cleared by /annuler)."""
    assert context.user_data is not None
    draft = context.user_data.setdefault(key, {})
    assert isinstance(draft, dict)
    return draft


async def answer_once(
    update: Update, context: BotContext, text: str | None = None, *, show_alert: bool = False
) -> None:
    """Acknowledge a button press once, even when several steps run for it."""
    query = update.callback_query
    if query is not None and not context.query_answered:
        context.query_answered = True
        await query.answer(text, show_alert=show_alert)


async def ask_text(update: Update, context: BotContext, text: str) -> None:
    """A question answered by typing. In a group (privacy mode) the answer must be a reply."""
    chat = update.effective_chat
    assert chat is not None
    if chat.type == Chat.PRIVATE:
        await reply(update, context, text)
        return
    # Replying to the person's own command opens the reply box for them only (selective).
    message = update.message
    await context.bot.send_message(
        chat_id=chat.id,
        text=text + "\n" + context._("(Answer by replying to this message.)"),
        reply_markup=ForceReply(selective=message is not None),
        reply_parameters=ReplyParameters(message_id=message.message_id) if message else None,
        parse_mode=ParseMode.HTML,
    )


def callback_id(query: CallbackQuery | None, prefix: str, *, parts: int = 2) -> int | None:
    """The numeric id in `prefix:action:<id>` button data, when the data has that shape."""
    found = callback_parts(query, prefix)
    if found is None or len(found) != parts:
        return None
    raw = found[1]
    return int(raw) if raw.isdecimal() and len(raw) < 19 else None


async def post_to_groups(
    context: BotContext,
    committee_id: int,
    text: str,
    buttons: Sequence[Sequence[Button]] = (),
    *,
    skip_chat: int | None = None,
) -> list[Message]:
    """Post in every group of the committee; a group that removed the bot is marked, not retried.

    `skip_chat` is the group where the person just acted: they already see the answer there.
    """
    posted: list[Message] = []
    for chat in await context.storage.chats.of_committee(committee_id):
        if not chat.bot_present or chat.chat_id == skip_chat:
            continue
        try:
            posted.append(await send(context, chat.chat_id, text, buttons))
        except Forbidden:
            await context.storage.chats.set_bot_present(chat.chat_id, False)
    return posted
