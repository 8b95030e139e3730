"""The yearly priorities: /priorites opens the consultation (residents propose through the
anonymous box), the committee groups similar proposals, members rank them in the group (up
to three picks each), and the ranked list is printed, published, and becomes the positions
of the mandate for the yearly meeting with the office.

The mandates feature takes them as positions (`results.priorities_as_positions`): at the
positions question, and from the results (« Make it the mandate of the yearly meeting »).
"""

from __future__ import annotations

from typing import Any

from telegram.ext import CommandHandler

from bot import commands
from bot.access import COMMITTEE, CONSULTATION, PROPOSAL, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.priorities import buttons, grouping, menu, proxy, ranking, results

    proxies: dict[str, Any] = {
        "records": CONSULTATION,
        "coordinator": True,
        "allowed": ranking.is_ranking,
        "refusal": ranking.VOTE_NOT_OPEN,
    }
    return [
        grouping.build_wizard(),  # the committee's words for a group of proposals
        CommandHandler(commands.PRIORITIES.names, menu.show),
        on_press(
            buttons.OpenConsultation, menu.open_consultation, records=COMMITTEE, coordinator=True
        ),
        on_press(buttons.ShowProposals, menu.show_proposals, records=CONSULTATION),
        on_press(buttons.ShowProposal, grouping.show_proposal, records=PROPOSAL),
        on_press(buttons.GroupWith, grouping.group_with, records=PROPOSAL),
        on_press(buttons.GroupUnder, grouping.group_under, records=PROPOSAL),
        on_press(buttons.Ungroup, grouping.ungroup, records=PROPOSAL),
        on_press(buttons.SetAside, grouping.set_aside, records=PROPOSAL),
        on_press(
            buttons.StartRanking,
            ranking.start_ranking,
            records=CONSULTATION,
            coordinator=True,
            allowed=ranking.is_collecting,
            refusal=grouping.NOT_COLLECTING,
        ),
        on_press(
            buttons.Pick,
            ranking.pick,
            records=CONSULTATION,
            allowed=ranking.is_ranking,
            refusal=ranking.VOTE_NOT_OPEN,
        ),
        # A coordinator records the picks of a member without Telegram, while the vote is open.
        on_press(buttons.ProxyPicks, proxy.proxy_picks, **proxies),
        on_press(buttons.ProxyPicker, proxy.proxy_picker, **proxies),
        on_press(buttons.ProxyPick, proxy.proxy_pick, **proxies),
        on_press(
            buttons.CloseRanking,
            ranking.close,
            records=CONSULTATION,
            coordinator=True,
            allowed=ranking.is_ranking,
            refusal=ranking.VOTE_NOT_OPEN,
        ),
        on_press(
            buttons.ShowResults,
            results.show_results,
            records=CONSULTATION,
            allowed=results.is_closed,
            refusal=results.NOT_CLOSED,
        ),
        on_press(
            buttons.PrintPriorities,
            results.print_list,
            records=CONSULTATION,
            allowed=results.is_closed,
            refusal=results.NOT_CLOSED,
        ),
        on_press(
            buttons.PublishPriorities,
            results.publish,
            records=CONSULTATION,
            allowed=results.is_closed,
            refusal=results.NOT_CLOSED,
        ),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    from conversations.priorities import nudge

    return [nudge.ConsultationTime()]
