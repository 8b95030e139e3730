"""/bilan: the committee at a glance."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.summary import glance

    return [CommandHandler(commands.SUMMARY.names, glance.show_summary)]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
