"""The buttons of exports (« exp »)."""

from __future__ import annotations

from datetime import date

from bot.callbacks import Callback, button


@button("exp", "mtg")
class ExportMeeting(Callback):
    id: int  # the meeting


@button("exp", "month")
class ExportMonth(Callback):
    id: int  # the committee
    month: date  # its first day


@button("exp", "lang")
class ExportLanguage(Callback):
    """The /exporter menu again, its files in another language."""

    id: int  # the committee
    locale: str


@button("exp", "mtgin")
class ExportMeetingIn(Callback):
    """The meeting's files in a language chosen in the menu (ExportMeeting: the committee's)."""

    id: int  # the meeting
    locale: str


@button("exp", "monthin")
class ExportMonthIn(Callback):
    """A month's files in a language chosen in the menu (ExportMonth: the committee's)."""

    id: int  # the committee
    month: date  # its first day
    locale: str
