"""Help: /aide, /langue, /annuler outside a wizard, and the answer to whatever nothing took.

Its handlers are registered last (bot/app.py): they answer only what no feature took.
"""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import commands
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.help import basics

    return [
        CommandHandler(commands.HELP.names, basics.show_help),
        CommandHandler(commands.LANGUAGE.names, basics.ask_language),
        CallbackQueryHandler(basics.set_language, pattern=r"^lang:"),
        CommandHandler(commands.CANCEL.names, basics.cancel_outside_conversation),
        # What nothing else took.
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
