"""The entities of the domain: committees, people, decisions, follow-ups, partnerships,
mandates. Plain frozen records, read and written by the storage layer. No Telegram, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from bot.domain.records import FollowUpStatus, MeetingKind, MeetingTime

__all__ = ["MeetingTime"]  # where meetings and mandates say when


class CommitteeKind(StrEnum):
    ASSOCIATION = "association"
    CCR = "ccr"
    OTHER = "other"


class Role(StrEnum):
    COORDINATOR = "coordinator"
    MEMBER = "member"


class MembershipSource(StrEnum):
    CREATOR = "creator"
    INVITATION = "invitation"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Person:
    telegram_id: int
    display_name: str
    username: str | None
    language: str | None
    language_hint: str | None
    active_committee_id: int | None
    bot_blocked: bool


@dataclass(frozen=True, slots=True)
class Committee:
    id: int
    name: str
    kind: CommitteeKind
    housing_office: str | None
    timezone: str
    locale: str
    created_by: int
    vote_quorum: int = 3
    quiet_start: time = time(20, 0)
    quiet_end: time = time(9, 0)
    reminder_rhythm: str = "normal"
    digest_enabled: bool = True
    digest_weekday: int = 0
    office_meeting_month: int | None = None
    invitation_days: int = 30


@dataclass(frozen=True, slots=True)
class Membership:
    committee: Committee
    person_id: int
    role: Role

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.COORDINATOR


@dataclass(frozen=True, slots=True)
class Member:
    person_id: int
    display_name: str
    role: Role
    username: str | None = None

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.COORDINATOR

    @property
    def first_name(self) -> str:
        return self.display_name.split(" ")[0]


# The « General » topic of a group with topics, chosen on purpose for the bot's posts (Telegram
# writes there without a thread, and numbers no topic 0).
GENERAL_TOPIC = 0


@dataclass(frozen=True, slots=True)
class CommitteeChat:
    chat_id: int
    committee_id: int
    title: str | None
    bot_present: bool
    is_forum: bool = False
    # Where the bot posts on its own in a group with topics: a topic's thread id, or
    # GENERAL_TOPIC; None: not chosen yet.
    post_topic: int | None = None

    @property
    def needs_topic(self) -> bool:
        """A group with topics where no topic was chosen: posting would land in « General »."""
        return self.is_forum and self.post_topic is None


@dataclass(frozen=True, slots=True)
class ChatTopic:
    """A topic the bot has seen in a linked group; its name, once the bot has seen it."""

    chat_id: int
    thread_id: int
    name: str | None


@dataclass(frozen=True, slots=True)
class Invitation:
    token: str
    committee_id: int
    created_by: int | None  # None once the person asked to be forgotten
    revoked: bool
    uses: int
    created_at: datetime | None = None
    expires_at: datetime | None = None
    number: int = 0  # 1 for the committee's first link, 2 for the next...


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    committee_id: int
    number: int
    text: str
    meeting_id: int | None
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class FollowUp:
    id: int
    committee_id: int
    number: int
    text: str
    decision_id: int | None
    meeting_id: int | None
    responsible_id: int | None
    responsible_name: str | None
    due_date: date | None
    due_time: time | None
    status: FollowUpStatus
    done_on: datetime | None = None
    blocked_reason: str | None = None
    objective_id: int | None = None


@dataclass(frozen=True, slots=True)
class Attendee:
    person_id: int | None
    name: str


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    committee_id: int
    number: int
    held_on: date
    kind: MeetingKind
    partner_name: str | None
    next_meeting_at: MeetingTime | None
    created_by: int | None
    finished: bool


class PartnershipStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class ObjectiveStatus(StrEnum):
    OPEN = "open"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class Objective:
    id: int
    partnership_id: int
    text: str
    success_sign: str | None
    target_date: date | None
    status: ObjectiveStatus
    achieved_on: date | None


@dataclass(frozen=True, slots=True)
class Responsibility:
    who: str | None
    what: str
    id: int | None = None  # once stored: the line's own id, for the button that removes it


@dataclass(frozen=True, slots=True)
class Partnership:
    id: int
    committee_id: int
    number: int
    partner_kind: str
    partner_name: str
    contact_person: str | None
    need: str | None
    committee_resources: str | None
    partner_resources: str | None
    status: PartnershipStatus
    created_at: datetime | None = None
    objectives: tuple[Objective, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    recipe: tuple[tuple[str, str], ...] = ()  # (ingredient, answer) pairs

    def recipe_answers(self) -> dict[str, str]:
        return dict(self.recipe)


class MandateStatus(StrEnum):
    DRAFT = "draft"
    VOTING = "voting"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class Mandate:
    id: int
    committee_id: int
    number: int
    representative_id: int | None
    representative_name: str
    partnership_id: int | None
    partner_name: str
    meeting_at: MeetingTime | None
    period_end: date | None
    positions: tuple[str, ...]
    latitude: str | None
    limits: str | None
    valid_until: datetime | None
    status: MandateStatus
    vote_chat_id: int | None
    vote_message_id: int | None
    vote_deadline: datetime | None
    decided_at: datetime | None
    decided_how: str | None
    tally: tuple[int, int, int] | None  # for, against, abstain, once decided
    card_sent: bool
    report_requested: bool
    # The consultation whose ranked priorities became the positions, if they did.
    consultation_id: int | None = None


class PositionResult(StrEnum):
    """What came of one of the mandate's positions, as the representative reports it."""

    OBTAINED = "obtained"
    PARTLY = "partly"
    REFUSED = "refused"
    POSTPONED = "postponed"
    NOT_DISCUSSED = "not_discussed"


class NextStep(StrEnum):
    """What the committee does with a position not obtained."""

    REQUEST = "request"  # asked again in writing: a request to the partner
    KEPT = "kept"  # carried again in the next mandate to this partner


@dataclass(frozen=True, slots=True)
class PositionOutcome:
    """One position of the mandate and what came of it; `request_ref` once it became one."""

    index: int  # its place among the mandate's positions, from 0
    text: str
    result: PositionResult
    next_step: NextStep | None = None
    request_ref: str | None = None


@dataclass(frozen=True, slots=True)
class MandateReport:
    id: int
    mandate_id: int
    committee_id: int
    said: str | None
    partner_answer: str | None
    agreed: tuple[str, ...]
    to_committee: tuple[str, ...]
    turned: frozenset[str] = frozenset()  # « d0 », « s1 »: points already recorded
    refs: tuple[tuple[str, str], ...] = ()  # (« d0 », « D-7 »): what each point became
    results: tuple[PositionOutcome, ...] = ()  # position by position


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """A subject for the next meeting (a box message, say), until a meeting takes it up."""

    id: int
    committee_id: int
    text: str
    box_item_id: int | None = None
    meeting_id: int | None = None
