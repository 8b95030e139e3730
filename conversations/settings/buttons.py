"""The buttons of /parametres (« set »); each names its committee, so a person in several
committees always changes the one whose settings they read."""

from __future__ import annotations

from enum import StrEnum

from bot.callbacks import Callback, button


class Setting(StrEnum):
    QUIET = "quiet"
    RHYTHM = "rhythm"
    DIGEST = "digest"
    DAY = "day"
    QUORUM = "quorum"
    TIMEZONE = "tz"
    OFFICE = "office"
    LINKS = "links"
    LANGUAGE = "lang"


@button("set", "menu")
class SettingMenu(Callback):
    id: int  # the committee
    which: Setting


@button("set", "val")
class SettingValue(Callback):
    id: int  # the committee
    which: Setting
    value: str


@button("set", "here")
class PostHere(Callback):
    """« Post the bot's messages here », pressed in a topic of the committee's group."""

    id: int  # the committee


@button("set", "topics")
class TopicMenu(Callback):
    """The topics of one group with topics, to choose where the bot posts (in private)."""

    id: int  # the committee
    chat: int  # the group's id without its minus sign (button numbers are not negative)


@button("set", "topic")
class PostIn(Callback):
    """One topic chosen from the list (GENERAL_TOPIC: « General »)."""

    id: int  # the committee
    chat: int  # the group's id without its minus sign
    topic: int
