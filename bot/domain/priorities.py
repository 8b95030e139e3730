"""The yearly consultation of the tenants' priorities, as plain rules.

Residents and members propose priorities through the anonymous box; the committee groups
similar ones; each member then picks up to three; the ranked list goes to the housing office
at the yearly meeting (seed 000: « transmettre les priorités des locataires à l'office »).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# Each member picks up to three priorities: enough to say what matters, few enough that the
# picks still rank something.
MAX_PICKS = 3
# A ballot with more choices than this is hard to read on a phone: group similar ones first.
MAX_ON_BALLOT = 15
WORDING_LIMIT = 200


class ConsultationStatus(StrEnum):
    COLLECTING = "collecting"  # proposals come in through the box
    RANKING = "ranking"  # members pick up to three in the group
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Consultation:
    id: int
    committee_id: int
    year: int
    status: ConsultationStatus
    ballot_chat_id: int | None = None
    ballot_message_id: int | None = None

    @property
    def in_progress(self) -> bool:
        return self.status is not ConsultationStatus.CLOSED


@dataclass(frozen=True, slots=True)
class Proposal:
    id: int
    committee_id: int
    consultation_id: int | None
    number: int
    text: str
    wording: str | None
    group_id: int | None
    withdrawn: bool
    box_item_id: int | None = None

    @property
    def label(self) -> str:
        """The committee's words when it gave some, else the words as proposed."""
        return self.wording or self.text

    @property
    def heads_a_group(self) -> bool:
        return self.group_id is None and not self.withdrawn


def proposal_ref(number: int) -> str:
    """P for « priorité »: P-3. For members; printed sheets carry none."""
    return f"P-{number}"


def consultation_year(today: date, office_meeting_month: int | None) -> int | None:
    """The year of the next yearly meeting with the office, the one the priorities are for.

    None when the month of that meeting is not set: the coordinator then says which year
    (nothing is guessed).
    """
    if office_meeting_month is None:
        return None
    return today.year if today.month <= office_meeting_month else today.year + 1


def suggested_opening(year: int, office_meeting_month: int) -> date:
    """A month before the yearly meeting: the first day of the month before it."""
    return (date(year, office_meeting_month, 1) - timedelta(days=1)).replace(day=1)


@dataclass(frozen=True, slots=True)
class Picker:
    """Who picks: a member on Telegram (`person_id`), or a member without Telegram whose
    picks a coordinator records (`named_member_id`, `by`). Up to three each, either way."""

    person_id: int | None = None
    named_member_id: int | None = None
    by: int | None = None  # the coordinator recording picks by proxy

    def __post_init__(self) -> None:
        if (self.person_id is None) == (self.named_member_id is None):
            raise ValueError("a picker is a person or a member without Telegram")


@dataclass(frozen=True, slots=True)
class Choice:
    """A proposal on the ballot (the head of a group) with what the ranking needs."""

    proposal: Proposal
    picks: int  # members who picked it
    proposals: int  # proposals grouped under it, itself included (how many asked for it)


@dataclass(frozen=True, slots=True)
class RankedPriority:
    rank: int  # shared by equal picks: 1, 2, 2, 4
    proposal: Proposal
    picks: int
    proposals: int

    @property
    def label(self) -> str:
        return self.proposal.label


def rank(choices: Sequence[Choice]) -> list[RankedPriority]:
    """Most picks first. Equal picks share a rank; among them, the one more residents asked
    for comes first, then the one proposed first. A choice nobody picked still appears, last:
    the office should see everything residents asked for."""
    ordered = sorted(choices, key=lambda c: (-c.picks, -c.proposals, c.proposal.number))
    ranked: list[RankedPriority] = []
    for index, choice in enumerate(ordered):
        same = ranked and ranked[-1].picks == choice.picks
        position = ranked[-1].rank if same else index + 1
        ranked.append(RankedPriority(position, choice.proposal, choice.picks, choice.proposals))
    return ranked


def as_positions(ranked: Sequence[RankedPriority], limit: int | None = None) -> list[str]:
    """The ranked priorities as a mandate's positions: the words only, best first; those
    nobody picked are left out (the committee did not choose them)."""
    chosen = [r.label for r in ranked if r.picks > 0]
    return chosen if limit is None else chosen[:limit]
