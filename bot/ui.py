"""One way to talk: send a message (HTML), with or without buttons, and read button presses."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

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
