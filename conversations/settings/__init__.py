"""/parametres: a coordinator adjusts how the bot works for the committee."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.access import COMMITTEE, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.settings import buttons, menu, topics

    return [
        CommandHandler(commands.SETTINGS.names, menu.show),
        on_press(buttons.SettingMenu, menu.menu, records=COMMITTEE, coordinator=True),
        on_press(buttons.SettingValue, menu.change, records=COMMITTEE, coordinator=True),
        # Where the bot posts in a group with topics: a coordinator's choice.
        on_press(buttons.PostHere, topics.post_here, records=COMMITTEE, coordinator=True),
        on_press(buttons.TopicMenu, topics.topic_menu, records=COMMITTEE, coordinator=True),
        on_press(buttons.PostIn, topics.post_in, records=COMMITTEE, coordinator=True),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    from conversations.settings.topics import TopicQuestions

    return [TopicQuestions()]
