"""Follow-ups: /suivis, the buttons that move a follow-up along, its reminders, the digest."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource
from conversations.followups import actions, digest, reminders


def handlers() -> FeatureHandlers:
    return [actions.build_wizard(), *actions.build_handlers()]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return [reminders.FollowUpReminders(), digest.WeeklyDigest()]
