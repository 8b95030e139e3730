"""Follow-ups: /suivis, the buttons that move a follow-up along, its reminders, the digest."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.access import COMMITTEE, FOLLOW_UP, on_button, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.followups import actions, buttons, menu

    return [
        actions.build_wizard(),  # « Blocked » asks why, « Postpone » asks when
        CommandHandler(commands.FOLLOWUPS.names, menu.show_list),
        on_press(buttons.Open, menu.open_one, records=FOLLOW_UP),
        on_press(buttons.Page, menu.turn_page, records=COMMITTEE),
        actions.on_follow_up(buttons.Done, actions.mark_done),
        actions.on_follow_up(buttons.Cancel, actions.cancel_it),
        actions.on_follow_up(buttons.PostponeTo, actions.postpone_to),
        on_button(buttons.NotYet, actions.not_yet),
        # A step done is told to the residents; a follow-up opened again since is not.
        on_press(
            buttons.TellResidents,
            actions.tell_residents,
            records=FOLLOW_UP,
            allowed=actions.is_done,
        ),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    from conversations.followups import digest, reminders

    return [reminders.FollowUpReminders(), digest.WeeklyDigest()]
