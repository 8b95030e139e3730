"""Partnerships: /partenariat, from a need to a written, pinned partnership; the check-in."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.partnerships import menu, wizard

    return [wizard.build_wizard(), *menu.build_handlers()]


def links() -> list[LinkRoute]:
    from conversations.partnerships import menu

    return [LinkRoute(menu.PARTNERSHIP_LINK, menu.open_from_link)]


def due_sources() -> list[DueSource]:
    from conversations.partnerships import checkin

    return [checkin.PartnershipCheckIn()]
