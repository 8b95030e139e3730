"""/exporter: the record as a printable PDF, Markdown and a calendar file, in any language."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.access import COMMITTEE, MEETING, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.exports import buttons, menu

    return [
        CommandHandler(commands.EXPORT.names, menu.choose_export),
        on_press(buttons.ExportMeeting, menu.export_meeting, records=MEETING),
        on_press(buttons.ExportMonth, menu.export_month, records=COMMITTEE),
        on_press(buttons.ExportLanguage, menu.change_language, records=COMMITTEE),
        on_press(buttons.ExportMeetingIn, menu.export_meeting_in, records=MEETING),
        on_press(buttons.ExportMonthIn, menu.export_month_in, records=COMMITTEE),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
