"""Commands every person has: /aide, /langue, /annuler, and the answer to the unexpected."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import commands
from bot.context import BotContext
from bot.i18n import SUPPORTED_LOCALES, translator
from bot.ui import callback_parts, edit_or_send, reply

LANGUAGE_NAMES = {"fr_CA": "Français", "en": "English"}
# Conversation drafts live under these user_data keys; /annuler clears them all.
DRAFT_KEYS_PREFIX = "draft:"


async def show_help(update: Update, context: BotContext) -> None:
    """The person sees what the bot can do, in one short screen."""
    _ = context._
    locale = context.tr.locale
    lines = [
        _("<b>What I do</b>"),
        _(
            "I help your tenants' committee agree on what it wants from its partners, "
            "give a clear mandate to the person who represents it, write down decisions "
            "and follow up on them."
        ),
        "",
        _("<b>Commands</b>"),
    ]
    for spec in commands.COMMANDS:
        lines.append(f"/{spec.name_for(locale)} — {_(spec.description)}")
    lines += [
        "",
        _("Commands also work in English (/help, /language, /cancel)."),
        _("In the committee's group, type a command; long questions continue in private."),
    ]
    await reply(update, context, "\n".join(lines))


async def ask_language(update: Update, context: BotContext) -> None:
    """The person picks French or English with a button."""
    buttons = [[(LANGUAGE_NAMES[code], f"lang:{code}") for code in SUPPORTED_LOCALES]]
    await reply(update, context, context._("Which language do you want?"), buttons)


async def set_language(update: Update, context: BotContext) -> None:
    """Stores the choice and confirms in the new language."""
    query = update.callback_query
    parts = callback_parts(query, "lang")
    assert query is not None
    if not parts or parts[0] not in SUPPORTED_LOCALES or update.effective_user is None:
        await query.answer(context._("This button no longer works."))
        return
    locale = parts[0]
    await context.storage.people.set_language(update.effective_user.id, locale)
    context.tr = translator(locale)
    await query.answer()
    await edit_or_send(update, context, context._("Done: I will speak to you in English."))


async def cancel_outside_conversation(update: Update, context: BotContext) -> None:
    """/annuler when nothing is in progress."""
    await reply(update, context, context._("There is nothing to cancel."))


async def cancel_conversation(update: Update, context: BotContext) -> int:
    """Leaves the conversation in progress; drafts are dropped, saved data is kept."""
    if context.user_data is not None:
        for key in [k for k in context.user_data if str(k).startswith(DRAFT_KEYS_PREFIX)]:
            del context.user_data[key]
    await reply(
        update,
        context,
        context._("Cancelled. Nothing more was saved. Type /aide to see what I can do."),
    )
    return ConversationHandler.END


async def use_buttons(update: Update, context: BotContext) -> int | None:
    """Text where a button is expected: say so, stay on the same question."""
    await reply(update, context, context._("Please choose with the buttons above."))
    return None


def cancel_fallback() -> CommandHandler[BotContext, int]:
    """The /annuler every conversation includes in its fallbacks."""
    return CommandHandler(commands.CANCEL.names, cancel_conversation)


Handlers = list[BaseHandler[Update, BotContext, Any]]


def fallbacks() -> Handlers:
    return [cancel_fallback()]


def wizard(
    name: str,
    entry_points: Handlers,
    states: dict[object, Handlers],
    extra_fallbacks: Handlers | None = None,
) -> ConversationHandler[BotContext]:
    """A conversation that survives restarts, can be started again, and /annuler leaves."""
    return ConversationHandler(
        name=name,
        persistent=True,
        allow_reentry=True,
        entry_points=entry_points,
        states=states,
        fallbacks=[*fallbacks(), *(extra_fallbacks or [])],
    )


async def not_understood(update: Update, context: BotContext) -> None:
    """Anything no handler took: a short pointer to /aide, never silence."""
    await reply(
        update,
        context,
        context._("I did not understand. Type /aide to see what I can do."),
    )


async def text_only(update: Update, context: BotContext) -> None:
    """A photo, sticker or voice message where text was expected."""
    await reply(
        update,
        context,
        context._("I can only read text messages and buttons. Please write your answer."),
    )


async def stale_button(update: Update, context: BotContext) -> None:
    """A button from an old message, or one whose conversation has ended."""
    query = update.callback_query
    assert query is not None
    await query.answer(context._("This button no longer works."), show_alert=False)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    return [
        CommandHandler(commands.HELP.names, show_help),
        CommandHandler(commands.LANGUAGE.names, ask_language),
        CallbackQueryHandler(set_language, pattern=r"^lang:"),
        CommandHandler(commands.CANCEL.names, cancel_outside_conversation),
    ]


def build_fallbacks() -> list[BaseHandler[Update, BotContext, object]]:
    """Registered last: what nothing else took."""
    return [
        MessageHandler(filters.COMMAND, not_understood),
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, not_understood),
        MessageHandler(
            filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, text_only
        ),
        CallbackQueryHandler(stale_button),
    ]
