"""/bilan: the committee at a glance."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.summary import glance

    return [*glance.build_handlers()]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
