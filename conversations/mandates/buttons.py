"""The buttons of mandates, their votes and reports (« man »)."""

from __future__ import annotations

from enum import StrEnum

from bot.callbacks import Callback, button
from bot.domain.entities import PositionResult
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


@button("man", "proxy")
class ProxyMenu(Callback):
    """« Vote by proxy »: a coordinator records the vote of a member without Telegram."""

    id: int  # the mandate


@button("man", "proxyfor")
class ProxyFor(Callback):
    id: int  # the mandate
    member: int  # the member without Telegram


@button("man", "proxyvote")
class ProxyVote(Callback):
    id: int  # the mandate
    member: int
    choice: VoteChoice


@button("man", "prio")
class TakePriorities(Callback):
    """At the positions question: the tenants' ranked priorities become the positions."""

    id: int  # the consultation


@button("man", "fromprio")
class MandateFromPriorities(Callback):
    """From the priorities' results: a new mandate whose positions are those priorities."""

    id: int  # the consultation


@button("man", "res")
class Result(Callback):
    """What came of the position being asked about, in the report-back."""

    result: PositionResult


@button("man", "rq")
class AskAgain(Callback):
    """A position not obtained becomes a request to the partner."""

    id: int  # the report
    point: int  # the position's index


@button("man", "rk")
class KeepForNext(Callback):
    """A position not obtained stays on the mandate for next time."""

    id: int  # the report
    point: int


@button("man", "carry")
class CarryKept(Callback):
    """The positions kept from the last report to this partner, carried again."""
