"""/oublier: a person erases what the bot knows about them."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.privacy import forget

    return [*forget.build_handlers()]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
