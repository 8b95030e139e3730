"""Decisions: /decision in one message, and the buttons that fix what was understood."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.decisions import fixes, quick

    return [quick.build_wizard(), *fixes.build_handlers()]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
