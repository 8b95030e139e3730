"""Help: /aide, /langue, /annuler outside a wizard, and the answer to whatever nothing took.

Its handlers are registered last (bot/app.py): they answer only what no feature took.
"""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import commands
from bot.access import on_button
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.help import basics, buttons

    return [
        CommandHandler(commands.HELP.names, basics.show_help),
        CommandHandler(commands.LANGUAGE.names, basics.ask_language),
        on_button(buttons.Language, basics.set_language),
        CommandHandler(commands.CANCEL.names, basics.cancel_outside_conversation),
        # What nothing else took: these stay last.
        MessageHandler(filters.COMMAND, basics.not_understood),
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, basics.not_understood
        ),
        MessageHandler(
            filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, basics.text_only
        ),
        CallbackQueryHandler(basics.stale_button),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
