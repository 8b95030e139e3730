"""Partnerships: /partenariat, from a need to a written, pinned partnership; the check-in."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource
from conversations.partnerships import checkin, menu, wizard


def handlers() -> FeatureHandlers:
    return [wizard.build_wizard(), *menu.build_handlers()]


def links() -> list[LinkRoute]:
    return [LinkRoute(menu.PARTNERSHIP_LINK, menu.open_from_link)]


def due_sources() -> list[DueSource]:
    return [checkin.PartnershipCheckIn()]
