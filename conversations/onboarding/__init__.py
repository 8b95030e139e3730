"""Onboarding: /start in private, creating a committee, joining one by invitation."""

from __future__ import annotations

from bot.deeplinks import HOME, LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource
from conversations.onboarding import create, welcome


def handlers() -> FeatureHandlers:
    return [create.build_wizard()]


def links() -> list[LinkRoute]:
    return [
        LinkRoute(HOME, welcome.home),
        LinkRoute(create.NEW_COMMITTEE_LINK, create.new_committee_link, wizard=create.WIZARD),
        LinkRoute(welcome.JOIN_LINK, welcome.join_link),
    ]


def due_sources() -> list[DueSource]:
    return []
