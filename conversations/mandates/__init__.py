"""Mandates: /mandat prepared in private, voted in the group, carried, reported back."""

from __future__ import annotations

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.mandates import report, vote, wizard

    return [
        wizard.build_wizard(),
        report.build_wizard(),
        *wizard.build_handlers(),
        *vote.build_handlers(),
        *report.build_handlers(),
    ]


def links() -> list[LinkRoute]:
    from conversations.mandates import wizard

    return [LinkRoute(wizard.MANDATE_LINK, wizard.open_from_link)]


def due_sources() -> list[DueSource]:
    from conversations.mandates import eve, report, vote

    return [vote.VoteDeadlines(), report.ReportRequests(), eve.MandateEve()]
