"""Meetings: /reunion step by step, the compte rendu, and the yearly meeting with the office."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.meetings import menu, wizard

    return [wizard.build_wizard(), *menu.build_handlers()]


def links() -> list[LinkRoute]:
    from conversations.meetings import menu

    return [LinkRoute(menu.MEETING_LINK, menu.open_from_link)]


def due_sources() -> list[DueSource]:
    from conversations.meetings import yearly

    return [yearly.OfficeMeeting()]
