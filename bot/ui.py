"""One way to talk: every message the bot writes, edits or answers goes through here.

- Text is HTML; what people typed is escaped with `h` before it goes in. A quotation that ends
  a sentence with its own period takes no second one (`tidy_punctuation`).
- A text over Telegram's 4,096 characters is split at line ends into several messages; the
  buttons go under the last one.
- In a group with topics, what answers an update goes to the update's topic, and what the bot
  posts on its own to the topic chosen for it (bot/groups.py); with none chosen, a post to the
  groups waits in the outbox rather than land in « General ».
- A refused call follows one policy (bot/refusal_policy.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from html import escape

from telegram import (
    Chat,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import MessageLimit, ParseMode
from telegram.error import (
    BadRequest,
    TelegramError,
)

from bot.callbacks import Callback
from bot.context import BotContext
from bot.groups import NoTopic, topic_for, wait_for_topic
from bot.i18n import Translator, tidy_punctuation
from bot.refusal_policy import after_refusal, note_refusal

log = logging.getLogger(__name__)

# A button is (label, typed callback) or (label, url) for a link.
Button = tuple[str, Callback | str]
Buttons = Sequence[Sequence[Button]]
MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH
# Button labels longer than this are cut at a word, with an ellipsis.
MAX_LABEL = 60
# Spaces a label collapses: not the non-breaking one (str.split() would take it too).
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def h(value: object) -> str:
    """Escape what a person typed before it goes into an HTML message."""
    return escape(str(value), quote=False)


def label(text: str, limit: int = MAX_LABEL) -> str:
    """A button label: whole when it fits, else cut at a word boundary with « … ».

    Runs of spaces and line ends become one space; a non-breaking space (French, before
    « : ») is kept, so « Suivi : » never wraps nor counts as a place to cut.
    """
    text = _SPACES.sub(" ", text).strip(" ")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def keyboard(rows: Buttons) -> InlineKeyboardMarkup | None:
    """Inline keyboard from (label, button) pairs; a string that is a URL becomes a link."""
    built: list[list[InlineKeyboardButton]] = []
    for row in rows:
        buttons = []
        for text, target in row:
            if isinstance(target, Callback):
                buttons.append(InlineKeyboardButton(label(text), callback_data=target.data))
            elif target.startswith(("https://", "tg://")):
                buttons.append(InlineKeyboardButton(label(text), url=target))
            else:
                raise ValueError(f"a button needs a typed callback or a link: {target!r}")
        if buttons:
            built.append(buttons)
    return InlineKeyboardMarkup(built) if built else None


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends (our HTML never spans lines)."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # one huge line: cut it hard, it is plain text
            pieces += [current] if current else []
            current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    pieces.append(current)
    return [piece for piece in pieces if piece.strip()] or [text[:limit]]


def committee_line(tr: Translator, name: str) -> str:
    """« Comité : <b>Comité des Pins</b> »: a committee's name on a line of its own. A name
    never follows a word of a sentence (« membre de Comité des… »): sentences say « ce comité »
    and this line, or a title (« Suivis — Comité des Pins »), names it."""
    return tr.gettext("Committee: <b>{committee}</b>").format(committee=h(name))


async def naming_the_committee(context: BotContext, chat_id: int, text: str) -> str:
    """`text` with the committee's name on its first line, when it goes to the private chat
    of a person in several committees and the update acts for one of them (bot/access.py).

    One place for « every confirmation names the committee »: questions, confirmations and
    edits after a press all pass here. A text that already names the committee is left as is.
    """
    membership = context.membership
    if membership is None or chat_id != membership.person_id:
        return text
    if context.committee_count is None:
        context.committee_count = await context.storage.committees.count_of(chat_id)
    name = h(membership.committee.name)
    if context.committee_count < 2 or name in text:
        return text
    return committee_line(context.tr, membership.committee.name) + "\n" + text


async def send(
    context: BotContext,
    chat_id: int,
    text: str,
    buttons: Buttons = (),
    *,
    reply_to: int | None = None,
    force_reply: bool = False,
) -> Message | None:
    """Write to a chat; the last message sent, or None when the chat refused (and was marked).

    Raises SendLater for a flood wait or a network failure, and NoTopic for a group with
    topics where no topic is chosen for what the bot posts on its own.
    """
    topic = await topic_for(context, chat_id)
    pieces = split_text(tidy_punctuation(await naming_the_committee(context, chat_id, text)))
    sent: Message | None = None
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        markup: InlineKeyboardMarkup | ForceReply | None = None
        if last:
            markup = ForceReply(selective=True) if force_reply else keyboard(buttons)
        try:
            sent = await context.bot.send_message(
                chat_id=chat_id,
                text=piece,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                message_thread_id=topic,
                reply_parameters=(
                    ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
                    if reply_to and index == 0
                    else None
                ),
            )
        except TelegramError as error:
            moved_to = await after_refusal(context, chat_id, topic, error, "message")
            return await send(context, moved_to, text, buttons) if moved_to else None
    return sent


async def send_document(
    context: BotContext, chat_id: int, content: bytes, filename: str, *, caption: str = ""
) -> Message | None:
    """A file in a chat, under the same refusal policy as `send`: the message sent, or None
    when the chat refused (and was marked). Raises SendLater for a flood wait or a network
    failure, NoTopic as `send`."""
    topic = await topic_for(context, chat_id)
    try:
        return await context.bot.send_document(
            chat_id=chat_id,
            document=InputFile(content, filename=filename),
            caption=caption or None,
            message_thread_id=topic,
        )
    except TelegramError as error:
        moved_to = await after_refusal(context, chat_id, topic, error, "document")
        if moved_to is None:
            return None
        return await send_document(context, moved_to, content, filename, caption=caption)


async def reply(
    update: Update, context: BotContext, text: str, buttons: Buttons = ()
) -> Message | None:
    """Answer in the chat the update came from."""
    assert update.effective_chat is not None
    return await send(context, update.effective_chat.id, text, buttons)


async def edit(
    context: BotContext, chat_id: int, message_id: int, text: str, buttons: Buttons = ()
) -> bool:
    """Replace a message the bot sent; False when it cannot be edited (too old, gone)."""
    text = tidy_punctuation(await naming_the_committee(context, chat_id, text))
    if len(text) > MAX_TEXT:
        return False
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(buttons),
        )
    except BadRequest as error:
        # Telegram refuses an edit that changes nothing: the message already says it.
        return "not modified" in str(error).lower()
    except TelegramError as error:
        await note_refusal(context, chat_id, error, "edit")
        return False
    return True


async def edit_markup(
    context: BotContext, chat_id: int, message_id: int, buttons: Buttons = ()
) -> bool:
    """Replace only the buttons under a message the bot sent; False when it cannot be edited.

    For a text that stays as it is: a long one was split when sent, and `edit` cannot
    rewrite it whole (the buttons are under its last piece).
    """
    try:
        await context.bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message_id, reply_markup=keyboard(buttons)
        )
    except BadRequest as error:
        return "not modified" in str(error).lower()
    except TelegramError as error:
        await note_refusal(context, chat_id, error, "edit")
        return False
    return True


async def edit_or_send(
    update: Update, context: BotContext, text: str, buttons: Buttons = ()
) -> None:
    """After a button press, replace the pressed message; otherwise send a new one."""
    query = update.callback_query
    message = query.message if query is not None else None
    if isinstance(message, Message) and await edit(
        context, message.chat.id, message.message_id, text, buttons
    ):
        return
    await reply(update, context, text, buttons)


async def acknowledge(
    update: Update, context: BotContext, text: str | None = None, *, alert: bool = False
) -> None:
    """Answer a button press, once: Telegram refuses a second answer, and waits for one."""
    query = update.callback_query
    if query is None or context.query_answered:
        return
    context.query_answered = True
    try:
        await query.answer(tidy_punctuation(text) if text else text, show_alert=alert)
    except BadRequest as error:  # too old to answer: the person pressed long ago
        log.info("button press not answered: %s", error)


async def send_privately(
    update: Update, context: BotContext, person_id: int, text: str, buttons: Buttons = ()
) -> bool:
    """A press in a group answered in the person's private chat; the press is told where
    to look, or how to open that chat when the bot may not write there yet."""
    _ = context._
    if await send(context, person_id, text, buttons) is None:
        await acknowledge(
            update,
            context,
            _("I cannot write to you in private: write to me first (/start), then press again."),
            alert=True,
        )
        return False
    await acknowledge(update, context, _("I wrote to you in private."))
    return True


async def ask_text(update: Update, context: BotContext, text: str) -> None:
    """A question answered by typing. In a group (privacy mode) the answer must be a reply."""
    chat = update.effective_chat
    assert chat is not None
    if chat.type == Chat.PRIVATE:
        await reply(update, context, text)
        return
    # Replying to the person's own command opens the reply box for them only (selective).
    message = update.message
    await send(
        context,
        chat.id,
        text + "\n" + context._("(Answer by replying to this message.)"),
        reply_to=message.message_id if message else None,
        force_reply=True,
    )


async def post_to_groups(
    context: BotContext,
    committee_id: int,
    text: str,
    buttons: Buttons = (),
    *,
    skip_chat: int | None = None,
) -> list[Message]:
    """Post in every group of the committee where the bot still is.

    `skip_chat` is the group where the person just acted: they already see the answer there.
    In a group with topics where no topic is chosen yet, the post waits in the outbox until a
    coordinator chooses one (they are asked): never in « General » by accident.
    """
    posted: list[Message] = []
    for chat in await context.storage.chats.of_committee(committee_id):
        if not chat.bot_present or chat.chat_id == skip_chat:
            continue
        try:
            message = await send(context, chat.chat_id, text, buttons)
        except NoTopic:
            await wait_for_topic(context, committee_id, chat.chat_id, text, buttons)
            continue
        if message is not None:
            posted.append(message)
    return posted


async def send_to_person(
    context: BotContext,
    person_id: int,
    text: str,
    buttons: Buttons = (),
    *,
    committee_id: int | None = None,
    group_text: str | None = None,
) -> Message | None:
    """Write to a person in private; when they cannot be reached there (blocked, or never
    wrote to the bot) and a committee is given, its groups get `group_text` instead."""
    person = await context.storage.people.get(person_id)
    if person is not None and not person.bot_blocked:
        message = await send(context, person_id, text, buttons)
        if message is not None:
            return message
    if committee_id is None:
        return None
    posted = await post_to_groups(context, committee_id, group_text or text, buttons)
    return posted[0] if posted else None
