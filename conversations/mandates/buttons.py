"""The buttons of mandates, their votes and reports (« man »)."""

from __future__ import annotations

from enum import StrEnum

from bot.callbacks import Callback, button
from bot.domain.mandates import VoteChoice


class MandatePart(StrEnum):
    """The parts of a mandate draft « Edit » asks again."""

    REPRESENTATIVE = "rep"
    PARTNER = "partner"
    WHEN = "when"
    POSITIONS = "positions"
    LATITUDE = "latitude"
    LIMITS = "limits"
    VALIDITY = "validity"


@button("man", "new")
class NewMandate(Callback):
    pass


@button("man", "open")
class OpenMandate(Callback):
    id: int


@button("man", "rep")
class Representative(Callback):
    person: int


@button("man", "par")
class Partner(Callback):
    id: int  # the partnership


@button("man", "parother")
class OtherPartner(Callback):
    pass


@button("man", "period")
class ForAPeriod(Callback):
    pass


@button("man", "nolatitude")
class NoLatitude(Callback):
    pass


@button("man", "nolimits")
class NoLimits(Callback):
    pass


@button("man", "validdefault")
class DefaultValidity(Callback):
    pass


@button("man", "editmenu")
class EditMandateMenu(Callback):
    """« Edit » under the review of a draft: which part."""

    id: int


@button("man", "edit")
class EditMandate(Callback):
    id: int
    part: MandatePart


@button("man", "submit")
class Submit(Callback):
    id: int


@button("man", "atmeeting")
class AdoptedAtMeeting(Callback):
    id: int


@button("man", "v")
class Vote(Callback):
    id: int
    choice: VoteChoice


@button("man", "close")
class CloseVote(Callback):
    id: int


@button("man", "report")
class WriteReport(Callback):
    id: int


@button("man", "none")
class Nothing(Callback):
    """« Nothing » to a report's question."""


@button("man", "rd")
class TurnIntoDecision(Callback):
    id: int  # the report
    point: int


@button("man", "rs")
class TurnIntoFollowUp(Callback):
    id: int  # the report
    point: int
