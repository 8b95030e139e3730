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
