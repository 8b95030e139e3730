"""Partnerships: /partenariat, from a need to a written, pinned partnership; the check-in."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.access import PARTNERSHIP, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.partnerships import buttons, menu, objective_menu, wizard
    from conversations.partnerships.access import (
        ENDED,
        NOT_SAVED,
        NOT_UNDER_WAY,
        not_ended,
        saved,
        under_way,
    )

    return [
        wizard.build_wizard(),  # « New partnership », « Edit » a part, « Save » the draft
        CommandHandler(commands.PARTNERSHIP.names, menu.open_menu),
        on_press(buttons.OpenPartnership, menu.open_sheet, records=PARTNERSHIP),
        on_press(
            buttons.EditMenu,
            menu.edit_menu,
            records=PARTNERSHIP,
            allowed=not_ended,
            refusal=ENDED,
        ),
        on_press(buttons.AchievedMenu, menu.achieved_menu, records=PARTNERSHIP),
        on_press(
            buttons.Objectives,
            objective_menu.list_objectives,
            records=PARTNERSHIP,
            allowed=not_ended,
            refusal=ENDED,
        ),
        on_press(
            buttons.ObjectiveOptions,
            objective_menu.objective_options,
            records=PARTNERSHIP,
            allowed=not_ended,
            refusal=ENDED,
        ),
        on_press(
            buttons.DropObjective,
            objective_menu.ask_drop,
            records=PARTNERSHIP,
            allowed=not_ended,
            refusal=ENDED,
        ),
        on_press(
            buttons.DropObjectiveConfirmed,
            objective_menu.confirm_drop,
            records=PARTNERSHIP,
            allowed=not_ended,
            refusal=ENDED,
        ),
        # The objective must still be open: checked by the handler, it is not the record.
        on_press(buttons.AskAchieved, menu.ask_achieved, records=PARTNERSHIP),
        on_press(buttons.Achieved, menu.mark_achieved, records=PARTNERSHIP),
        on_press(buttons.FollowUpMenu, menu.follow_up_menu, records=PARTNERSHIP),
        on_press(buttons.FollowUpFor, menu.follow_up_for_objective, records=PARTNERSHIP),
        on_press(
            buttons.Publish, menu.publish, records=PARTNERSHIP, allowed=saved, refusal=NOT_SAVED
        ),
        on_press(
            buttons.Pause,
            menu.toggle_pause,
            records=PARTNERSHIP,
            allowed=under_way,
            refusal=NOT_UNDER_WAY,
        ),
        on_press(buttons.End, menu.ask_end, records=PARTNERSHIP, allowed=not_ended, refusal=ENDED),
        on_press(
            buttons.EndConfirmed,
            menu.confirm_end,
            records=PARTNERSHIP,
            allowed=not_ended,
            refusal=ENDED,
        ),
    ]


def links() -> list[LinkRoute]:
    from conversations.partnerships import menu

    return [LinkRoute(menu.PARTNERSHIP_LINK, menu.open_from_link)]


def due_sources() -> list[DueSource]:
    from conversations.partnerships import cards, checkin

    return [checkin.PartnershipCheckIn(), cards.CardsToPost()]
