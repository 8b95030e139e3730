"""/oublier: a person erases what the bot knows about them."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.access import on_button
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.privacy import buttons, forget

    return [
        CommandHandler(commands.FORGET.names, forget.ask),
        on_button(buttons.ForgetAnswer, forget.confirm),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
