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
