"""Requests to partners: what a committee asked, of whom, by when, and the tenacity that follows.

A request (Q-4) is something the committee asked of a partner: « repair the door of the common
room », asked of the housing office by letter on a given day, to a given person, with an answer
expected by a date (30 days by default, settable per request). Communication with the office
is often slow and tenants fear bothering it, so the bot does the remembering: when no answer
came by the expected date, the responsible member is reminded to relance (follow up politely);
a second reminder offers a « lettre de relance » that cites the first request; still nothing,
and the bot suggests raising it with the committee's representatives on the CCR or on the
office's board, and puts it on the next meeting's agenda.

Plain rules only: no Telegram, no storage, no translation. Dates are local calendar days in
the committee's time zone; the caller says what `today` is. Texts are English sources marked
with `N_`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.texts import N_

# An answer is expected this many days after the request by default: long enough for an office
# that meets monthly, short enough that a request is not forgotten.
DEFAULT_ANSWER_DAYS = 30
# After a reminder or a relance, the partner gets this long before the next rung.
RELANCE_WAIT_DAYS = 14
# A request taken off pause is not nudged about before this many days.
RESUME_GRACE_DAYS = 7
# « On regarde ça »: the partner is looking into it; the committee waits this long again.
LOOKING_DAYS = 30
# Choices offered for the expected answer, in days after the request.
ANSWER_DAY_CHOICES: tuple[int, ...] = (15, 30, 60)

TEXT_LIMIT = 2000  # what is asked: a letter's paragraph, at most
PARTNER_LIMIT = 120
ADDRESSEE_LIMIT = 200
NOTE_LIMIT = 500


class RequestStatus(StrEnum):
    WAITING = "waiting"  # sent, no answer that settles it yet
    ANSWERED = "answered"  # accepted, partly or refused
    PAUSED = "paused"  # the committee put it aside: no reminders
    CLOSED = "closed"  # the committee closed it: nothing more happens


class Outcome(StrEnum):
    """What the partner answered."""

    ACCEPTED = "accepted"
    PARTLY = "partly"
    REFUSED = "refused"
    LOOKING = "looking"  # « on regarde ça »: not an answer yet, the wait starts again
    NO_ANSWER = "no_answer"  # the partner was reached and said nothing that answers it


class Channel(StrEnum):
    """How the request was sent."""

    LETTER = "letter"
    EMAIL = "email"
    MEETING = "meeting"
    PHONE = "phone"
    FORM = "form"  # the office's own request form


STATUS_LABELS: dict[RequestStatus, str] = {
    RequestStatus.WAITING: N_("Waiting for an answer"),
    RequestStatus.ANSWERED: N_("Answered"),
    RequestStatus.PAUSED: N_("Paused"),
    RequestStatus.CLOSED: N_("Closed"),
}

OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.ACCEPTED: N_("Accepted"),
    Outcome.PARTLY: N_("Partly accepted"),
    Outcome.REFUSED: N_("Refused"),
    Outcome.LOOKING: N_("« We are looking into it »"),
    Outcome.NO_ANSWER: N_("No answer"),
}

CHANNEL_LABELS: dict[Channel, str] = {
    Channel.LETTER: N_("By letter"),
    Channel.EMAIL: N_("By email"),
    Channel.MEETING: N_("In a meeting"),
    Channel.PHONE: N_("By phone"),
    Channel.FORM: N_("With the office's request form"),
}

# Answers that settle the request; the others keep the committee waiting.
SETTLING: frozenset[Outcome] = frozenset({Outcome.ACCEPTED, Outcome.PARTLY, Outcome.REFUSED})
# Answers whose promises can become follow-ups (what the partner will do, by when).
PROMISING: frozenset[Outcome] = frozenset({Outcome.ACCEPTED, Outcome.PARTLY})


class Rung(StrEnum):
    """The tenacity ladder, in order. Each rung is sent once per round."""

    FIRST = "relance_1"  # no answer by the expected date: time to relance
    SECOND = "relance_2"  # still nothing after a relance: a lettre de relance
    ESCALATE = "escalate"  # still nothing: the CCR, the office's board, the meeting's agenda


LADDER: tuple[Rung, ...] = (Rung.FIRST, Rung.SECOND, Rung.ESCALATE)


class Move(StrEnum):
    """What people did that the ladder takes into account."""

    RELANCED = "relanced"  # a member relanced the partner (a call, an email, a letter)
    PAUSED = "paused"
    RESUMED = "resumed"


@dataclass(frozen=True, slots=True)
class Event:
    """A rung sent or a move made (`kind` is a `Rung` or `Move` value), on a local day."""

    kind: str
    on: date


@dataclass(frozen=True, slots=True)
class Request:
    id: int
    committee_id: int
    number: int
    what: str
    partner_name: str | None  # None: logged in one message, partner still to name
    partnership_id: int | None
    channel: Channel | None  # None: not said yet
    sent_on: date
    addressed_to: str | None  # the person or office the request went to
    expected_on: date
    status: RequestStatus
    outcome: Outcome | None  # the latest answer recorded, if any
    responsible_id: int | None
    responsible_name: str | None
    round: int  # grows when the partner says « on regarde ça »: the ladder starts again
    created_by: int | None
    created_at: datetime | None = None
    decision_id: int | None = None
    mandate_id: int | None = None
    objective_id: int | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    id: int
    request_id: int
    outcome: Outcome
    answered_on: date
    note: str | None
    recorded_by: int | None


def request_ref(number: int) -> str:
    """Stable reference within a committee, the same in every language: Q-4."""
    return f"Q-{number}"


def expected_by(sent_on: date, days: int = DEFAULT_ANSWER_DAYS) -> date:
    """When an answer is expected, `days` after the request (30 by default)."""
    if days < 1:
        raise ValueError(f"an answer is expected at least a day later, got {days}")
    return sent_on + timedelta(days=days)


def days_waiting(sent_on: date, today: date) -> int:
    """Whole days since the request went out; 0 on its day, and for one sent later."""
    return max(0, (today - sent_on).days)


def is_open(status: RequestStatus) -> bool:
    """Waiting or paused: the committee still expects something of the partner."""
    return status in {RequestStatus.WAITING, RequestStatus.PAUSED}


def is_overdue(status: RequestStatus, expected_on: date, today: date) -> bool:
    """Waiting, and the expected date is past (an answer on the day itself is on time)."""
    return status is RequestStatus.WAITING and today > expected_on


def days_overdue(expected_on: date, today: date) -> int:
    return max(0, (today - expected_on).days)


# --- what a press may do, by the request's state ------------------------------------------


def can_answer(status: RequestStatus) -> bool:
    """An answer may come while waiting, paused, or after a first one (partly, then all)."""
    return status is not RequestStatus.CLOSED


def can_relance(status: RequestStatus) -> bool:
    return status in {RequestStatus.WAITING, RequestStatus.PAUSED}


def can_pause(status: RequestStatus) -> bool:
    return status is RequestStatus.WAITING


def can_resume(status: RequestStatus) -> bool:
    return status is RequestStatus.PAUSED


def can_close(status: RequestStatus) -> bool:
    return status is not RequestStatus.CLOSED


def can_edit(status: RequestStatus) -> bool:
    return status is not RequestStatus.CLOSED


def status_after(current: RequestStatus, outcome: Outcome) -> RequestStatus:
    """Accepted, partly or refused settle it; « on regarde ça » means waiting again. A
    recorded « no answer » leaves a waiting or paused request as it is; after a first answer
    (partly), it means the committee is waiting again for the rest."""
    if outcome in SETTLING:
        return RequestStatus.ANSWERED
    if outcome is Outcome.LOOKING:
        return RequestStatus.WAITING
    return current if current is not RequestStatus.ANSWERED else RequestStatus.WAITING


def starts_new_round(outcome: Outcome) -> bool:
    """« On regarde ça » sets a new expected date, and the ladder starts from its first rung."""
    return outcome is Outcome.LOOKING


def counts_as_relance(outcome: Outcome) -> bool:
    """Reaching the partner and hearing nothing is a relance: the next rung waits for it."""
    return outcome is Outcome.NO_ANSWER


# --- the tenacity ladder -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NextRung:
    rung: Rung
    on: date  # the local day it is due (sent at the committee's usual hour)


def next_rung(
    status: RequestStatus, expected_on: date, events: Iterable[Event]
) -> NextRung | None:
    """The next reminder of a request's current round, or None when there is none to send.

    Only a waiting request is nudged. The first rung is due the day after the expected date;
    each later one `RELANCE_WAIT_DAYS` after the previous rung. A relance by a member gives
    the partner the same time again: no rung comes sooner than `RELANCE_WAIT_DAYS` after the
    last relance. After a pause, nothing comes sooner than `RESUME_GRACE_DAYS` after the
    request was taken off pause. After the last rung the ladder is done (the request stays
    on the agenda, and in the lists, until it is answered or closed).
    """
    if status is not RequestStatus.WAITING:
        return None
    events = list(events)
    sent = [e for e in events if e.kind in LADDER]
    if len(sent) >= len(LADDER):
        return None
    rung = LADDER[len(sent)]
    wait = timedelta(days=RELANCE_WAIT_DAYS)
    day = expected_on + timedelta(days=1) if not sent else max(e.on for e in sent) + wait
    relances = [e.on for e in events if e.kind == Move.RELANCED]
    if relances:
        day = max(day, max(relances) + wait)
    resumed = [e.on for e in events if e.kind == Move.RESUMED]
    if resumed:
        day = max(day, max(resumed) + timedelta(days=RESUME_GRACE_DAYS))
    return NextRung(rung, day)


def on_agenda(status: RequestStatus, events: Iterable[Event]) -> bool:
    """Still waiting after the whole ladder: the next meeting should talk about it."""
    return status is RequestStatus.WAITING and any(e.kind == Rung.ESCALATE for e in events)


def relances_made(events: Iterable[Event]) -> int:
    return sum(1 for e in events if e.kind == Move.RELANCED)


# --- partners ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartnerChoice:
    """A partner the committee already knows: a partnership, or its housing office (id None)."""

    name: str
    partnership_id: int | None


_OFFICE_WORDS = re.compile(r"\b(?:office|omh|oh)\b")


def fold(text: str) -> str:
    """Lower case, accents off, apostrophes alike: for matching names, never for showing."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def guess_partner(
    text: str, partners: Sequence[PartnerChoice], office: str | None
) -> PartnerChoice | None:
    """The partner a one-message request names, when it names exactly one.

    A partner's full name in the text wins (the longest when several fit, « CLSC de Limoilou »
    over « CLSC »); otherwise the words « office », « OMH » or « OH » name the housing office
    (its partnership if there is one). None when nothing, or more than one partner, fits:
    the committee then chooses with buttons, nothing is guessed.
    """
    folded = fold(text)
    named = [p for p in partners if p.name.strip() and fold(p.name.strip()) in folded]
    if named:
        longest = max(len(p.name.strip()) for p in named)
        best = [p for p in named if len(p.name.strip()) == longest]
        distinct = {(fold(p.name.strip()), p.partnership_id) for p in best}
        return best[0] if len(distinct) == 1 else None
    if office and _OFFICE_WORDS.search(folded):
        office_folded = fold(office.strip())
        same = [p for p in partners if fold(p.name.strip()) == office_folded]
        return same[0] if same else PartnerChoice(office.strip(), None)
    return None


_ASKING = re.compile(r"\b(?:demand|ask|request|exig|reclam|pid|solicit)")


def asks_a_partner(text: str, partners: Sequence[PartnerChoice], office: str | None) -> bool:
    """A decision that names a partner, or says that it asks (« on demande », « we ask »):
    worth offering to follow it as a request."""
    return guess_partner(text, partners, office) is not None or bool(_ASKING.search(fold(text)))


@dataclass(frozen=True, slots=True)
class PartnerGroup:
    partner: str | None
    requests: tuple[Request, ...]


def by_partner(requests: Iterable[Request], today: date) -> list[PartnerGroup]:
    """Open requests grouped by partner, the partner waiting longest first; in each group the
    oldest request first. Requests with no partner yet come last."""
    groups: dict[str | None, list[Request]] = {}
    for request in requests:
        if not is_open(request.status):
            continue
        key = fold(request.partner_name.strip()) if request.partner_name else None
        groups.setdefault(key, []).append(request)
    found = [
        PartnerGroup(ordered[0].partner_name, ordered)
        for ordered in (
            tuple(sorted(members, key=lambda r: (r.sent_on, r.number)))
            for members in groups.values()
        )
    ]
    return sorted(
        found,
        key=lambda g: (
            g.partner is None,
            -days_waiting(g.requests[0].sent_on, today),
            fold(g.partner or ""),
        ),
    )
