"""What a committee wrote down, as plain records ready to show, print or export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum


class MeetingKind(StrEnum):
    COMMITTEE = "committee"
    HOUSING_OFFICE = "housing_office"
    PARTNER = "partner"
    GENERAL_ASSEMBLY = "general_assembly"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class MeetingTime:
    """When a meeting is: its local day, and its hour only when someone gave one (never made
    up). The rules that need a moment are in bot/domain/mandates.py (`meeting_begins`)."""

    day: date
    hour: time | None = None


def decision_ref(number: int) -> str:
    """Stable reference within a committee, the same in every language: D-12."""
    return f"D-{number}"


def follow_up_ref(number: int) -> str:
    """S for « suivi »: S-7."""
    return f"S-{number}"


def meeting_ref(number: int) -> str:
    """R for « réunion »: R-3."""
    return f"R-{number}"


@dataclass(frozen=True, slots=True)
class DecisionLine:
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class ActionLine:
    """A follow-up: what, who, by when."""

    number: int
    text: str
    responsible: str | None  # a first name, never more personal data
    due_date: date | None
    due_time: time | None = None
    status: FollowUpStatus = FollowUpStatus.OPEN


@dataclass(frozen=True, slots=True)
class RequestLine:
    """A request to a partner: what, to whom, since when, and where it stands.

    `state` is already in the reader's language (« Sans réponse depuis 37 jours »); `status`
    and `outcome` are the codes, for data exports.
    """

    ref: str
    what: str
    partner: str | None
    sent_on: date
    expected_on: date
    status: str
    outcome: str | None
    state: str
    waiting: bool  # an answer is still expected by `expected_on`


@dataclass(frozen=True, slots=True)
class RecordSheet:
    """One printable page: a meeting's compte rendu, or the decisions of a period.

    `title` and `subtitle` are already in the reader's language; renderers add the labels.
    """

    committee_name: str
    title: str
    subtitle: str | None = None
    held_on: date | None = None
    attendees: tuple[str, ...] = ()
    decisions: tuple[DecisionLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    next_meeting: MeetingTime | None = None  # its hour only when one was given
    extra_events: tuple[tuple[str, datetime], ...] = field(default=())
    requests: tuple[RequestLine, ...] = ()
    # Other parts of the record, each a heading and its lines: the agenda the meeting took up,
    # the tenants' priorities handed to the office...
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
