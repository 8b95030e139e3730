"""Mandates: /mandat prepared in private, voted in the group, carried, reported back."""

from __future__ import annotations

from typing import Any

from telegram.ext import CommandHandler

from bot import commands
from bot.access import MANDATE, REPORT, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.mandates import buttons, menu, positions, proxy, report, vote, wizard

    proxies: dict[str, Any] = {
        "records": MANDATE,
        "coordinator": True,
        "allowed": vote.is_voting,
        "refusal": vote.VOTE_CLOSED,
    }
    return [
        wizard.build_wizard(),  # « New mandate », up to « Submit » or « Adopted at a meeting »
        report.build_wizard(),  # « Write the report »
        CommandHandler(commands.MANDATE.names, menu.open_menu),
        on_press(buttons.OpenMandate, menu.open_card, records=MANDATE),
        on_press(
            buttons.Vote,
            vote.press_vote,
            records=MANDATE,
            allowed=vote.is_voting,
            refusal=vote.VOTE_CLOSED,
        ),
        on_press(
            buttons.CloseVote,
            vote.press_close,
            records=MANDATE,
            coordinator=True,
            allowed=vote.is_voting,
            refusal=vote.VOTE_CLOSED,
        ),
        # A coordinator records the vote of a member without Telegram, while the vote is open.
        on_press(buttons.ProxyMenu, proxy.proxy_menu, **proxies),
        on_press(buttons.ProxyFor, proxy.proxy_for, **proxies),
        on_press(buttons.ProxyVote, proxy.proxy_vote, **proxies),
        on_press(buttons.TurnIntoDecision, report.turn_into_decision, records=REPORT),
        on_press(buttons.TurnIntoFollowUp, report.turn_into_follow_up, records=REPORT),
        # A position not obtained: a request to the partner, or kept for the next mandate.
        on_press(buttons.AskAgain, positions.ask_again, records=REPORT),
        on_press(buttons.KeepForNext, positions.keep_for_next, records=REPORT),
    ]


def links() -> list[LinkRoute]:
    from conversations.mandates import draft, menu, report, wizard

    return [
        LinkRoute(menu.MANDATE_LINK, menu.open_from_link),
        LinkRoute(wizard.PRIORITIES_LINK, wizard.from_priorities_link, wizard=draft.WIZARD),
        LinkRoute(report.REPORT_LINK, report.open_from_link, wizard=report.WIZARD),
    ]


def due_sources() -> list[DueSource]:
    from conversations.mandates import eve, report, vote

    return [vote.VoteDeadlines(), report.ReportRequests(), eve.MandateEve()]
