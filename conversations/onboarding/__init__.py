"""Onboarding: /start in private, creating a committee, joining one by invitation."""

from __future__ import annotations

from bot.deeplinks import HOME, LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.onboarding import create

    return [create.build_wizard()]  # « Create a committee », its kind, « Skip this question »


def links() -> list[LinkRoute]:
    from conversations.onboarding import create, welcome

    return [
        LinkRoute(HOME, welcome.home),
        LinkRoute(create.NEW_COMMITTEE_LINK, create.new_committee_link, wizard=create.WIZARD),
        LinkRoute(welcome.JOIN_LINK, welcome.join_link),
    ]


def due_sources() -> list[DueSource]:
    return []
