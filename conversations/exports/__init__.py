"""/exporter: the record as a printable PDF, Markdown and a calendar file."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.exports import menu

    return [*menu.build_handlers()]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
