"""Pure rules of the « mandat »: the committee's vote on it, its deadlines, its points.

Before a partner meeting, the committee gives its representative a mandate: the positions to
carry, what they may agree to alone, and what must come back to the committee. The committee
adopts it by a vote in its group (For / Against / Abstain, one vote per member, a new press
replacing the old one). This module counts the votes, decides the outcome, and computes when
the vote closes, how long the mandate holds and when to ask the representative how it went.

Durations are elapsed hours, computed in UTC, so a vote posted the day before a daylight saving
change still lasts exactly 48 hours. Datetimes must be aware; results keep the caller's time
zone. User-facing strings are English sources marked with `N_`. No Telegram types.

A meeting's hour is kept only when someone gave it (`MeetingTime`). Without one, the meeting
may take any part of its day, so: what must happen before it counts from the start of the
day (the vote closes the evening before, the card of the day before still goes the day
before), what comes after it waits for the next morning (the report request, at 10:00, never
while the meeting may still be going on), and the mandate holds to the end of the day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.entities import MeetingTime, PositionOutcome, PositionResult
from bot.domain.partnerships import clip
from bot.domain.reminders import QuietHours, last_awake_before, next_allowed
from bot.domain.texts import N_

MEETING_MARGIN = timedelta(hours=1)  # the representative needs the result before leaving
END_OF_DAY = time(23, 59)
# A report asked after a meeting whose hour nobody gave: the next morning, once it is over.
NEXT_MORNING = time(10, 0)


def mandate_ref(number: int) -> str:
    """M for « mandat »: M-4, the same in every language."""
    return f"M-{number}"


class VoteChoice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


CHOICE_LABELS: dict[VoteChoice, str] = {
    VoteChoice.FOR: N_("For"),
    VoteChoice.AGAINST: N_("Against"),
    VoteChoice.ABSTAIN: N_("Abstain"),
}


@dataclass(frozen=True, slots=True)
class Tally:
    """The votes counted once each member's last press is kept."""

    for_: int
    against: int
    abstain: int

    def __post_init__(self) -> None:
        if min(self.for_, self.against, self.abstain) < 0:
            raise ValueError(f"a tally cannot be negative: {self}")

    @property
    def cast(self) -> int:
        """Every vote, abstentions included: they show the member took part."""
        return self.for_ + self.against + self.abstain

    @classmethod
    def from_choices(cls, choices: Iterable[VoteChoice]) -> Tally:
        """Count one choice per member; the caller keeps only each member's latest choice."""
        counts = Counter(choices)
        return cls(counts[VoteChoice.FOR], counts[VoteChoice.AGAINST], counts[VoteChoice.ABSTAIN])


# Position by position, in the report-back: the result, as a word and as a mark.
RESULT_LABELS: dict[PositionResult, str] = {
    PositionResult.OBTAINED: N_("Obtained"),
    PositionResult.PARTLY: N_("Partly"),
    PositionResult.REFUSED: N_("Refused"),
    PositionResult.POSTPONED: N_("Postponed"),
    PositionResult.NOT_DISCUSSED: N_("Not discussed"),
}
RESULT_WORDS: dict[PositionResult, str] = {
    PositionResult.OBTAINED: N_("obtained"),
    PositionResult.PARTLY: N_("partly obtained"),
    PositionResult.REFUSED: N_("refused"),
    PositionResult.POSTPONED: N_("postponed"),
    PositionResult.NOT_DISCUSSED: N_("not discussed"),
}
RESULT_MARKS: dict[PositionResult, str] = {
    PositionResult.OBTAINED: "✅",
    PositionResult.PARTLY: "🌓",
    PositionResult.REFUSED: "❌",
    PositionResult.POSTPONED: "⏳",
    PositionResult.NOT_DISCUSSED: "💬",
}


def still_to_win(results: Iterable[PositionOutcome]) -> list[PositionOutcome]:
    """The positions not obtained and not yet followed up: each may become a request, or stay
    on the mandate for next time."""
    return [r for r in results if r.result is not PositionResult.OBTAINED and r.next_step is None]


class Outcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"


def effective_quorum(quorum: int, member_count: int) -> int:
    """The quorum capped at the committee's size, so 3 members can decide under a quorum of 5;
    never below 1, so no vote at all never decides anything."""
    return max(1, min(quorum, member_count))


def outcome(tally: Tally, *, quorum: int, member_count: int) -> Outcome:
    """Whether the committee gave the mandate.

    - Quorum: at least `effective_quorum(quorum, member_count)` votes cast, abstentions
      included (an abstaining member took part). Fewer: NO_QUORUM, whatever the votes say.
    - Majority of the votes cast for or against: ADOPTED only when `for_ > against`.
      Abstentions count for neither side.
    - A tie, including all abstentions, is REJECTED: the mandate was not clearly given, and the
      representative must not speak for the committee on a split vote.
    """
    if tally.cast < effective_quorum(quorum, member_count):
        return Outcome.NO_QUORUM
    return Outcome.ADOPTED if tally.for_ > tally.against else Outcome.REJECTED


def everyone_voted(tally: Tally, member_count: int) -> bool:
    """True once each member has voted, so the vote can close early (an empty committee never
    counts as having voted)."""
    return tally.cast >= max(1, member_count)


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {value!r}")


def _later(moment: datetime, delta: timedelta) -> datetime:
    """`moment + delta` in elapsed time, in `moment`'s time zone.

    Plain `+` on a zoned datetime adds wall-clock time: 48 hours across the end of daylight
    saving would last 49.
    """
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


def vote_closes_at(
    posted_at: datetime,
    meeting_at: datetime | None,
    *,
    default_hours: int = 48,
    minimum_hours: int = 2,
    quiet: QuietHours | None = None,
) -> datetime:
    """When the vote ends: `default_hours` after posting, but no later than an hour before the
    meeting, so the representative knows the result; and never less than `minimum_hours` after
    posting, even when the meeting is sooner (members need a moment to read and vote).

    With the committee's `quiet` hours (in `posted_at`'s zone, a ZoneInfo), never in them: the
    group reads when the vote closes, and the bot announces nothing in quiet hours. A deadline
    that falls in them moves to the morning after, when that still leaves the hour before the
    meeting; else back to the evening before, when that still leaves the minimum; else the
    morning when it is before the meeting starts, the evening when it is after posting.

    In `posted_at`'s time zone.
    """
    _require_aware(posted_at, "posted_at")
    # Compared in UTC: two datetimes of the same zone compare by wall clock, which the repeated
    # hour at the end of daylight saving makes ambiguous.
    posted = posted_at.astimezone(UTC)
    closes = posted + timedelta(hours=default_hours)
    latest = None
    if meeting_at is not None:
        _require_aware(meeting_at, "meeting_at")
        latest = meeting_at.astimezone(UTC) - MEETING_MARGIN
        closes = min(closes, latest)
    shortest = posted + timedelta(hours=minimum_hours)
    closes = max(closes, shortest).astimezone(posted_at.tzinfo)
    if quiet is None:
        return closes
    tz = posted_at.tzinfo
    if not isinstance(tz, ZoneInfo):
        raise ValueError(f"quiet hours need posted_at in a ZoneInfo, got {tz!r}")
    morning = next_allowed(closes, tz=tz, quiet=quiet)
    evening = last_awake_before(closes, tz=tz, quiet=quiet)
    meeting = meeting_at.astimezone(UTC) if meeting_at is not None else None
    for candidate, fits in (
        (morning, latest is None or morning.astimezone(UTC) <= latest),
        (evening, evening.astimezone(UTC) >= shortest),
        (morning, meeting is None or morning.astimezone(UTC) < meeting),
        (evening, evening.astimezone(UTC) > posted),
    ):
        if fits:
            return candidate
    return morning


def default_valid_until(
    meeting_at: datetime | None, period_end: date | None, tz: tzinfo
) -> datetime:
    """When the mandate stops holding: 23:59 local on the meeting's day, or on the period's last
    day. With both, the later one, so the mandate covers the meeting and the whole period.

    A mandate with neither would hold forever; the committee must say what it is for.
    """
    ends: list[date] = []
    if meeting_at is not None:
        _require_aware(meeting_at, "meeting_at")
        ends.append(meeting_at.astimezone(tz).date())
    if period_end is not None:
        ends.append(period_end)
    if not ends:
        raise ValueError("a mandate needs a meeting or the end of a period")
    return datetime.combine(max(ends), END_OF_DAY, tzinfo=tz)


def report_due_at(meeting_at: datetime, *, after_hours: int = 3) -> datetime:
    """When to ask the representative how the meeting went: `after_hours` elapsed hours after
    it starts (most meetings are over by then, and memories still fresh)."""
    _require_aware(meeting_at, "meeting_at")
    return _later(meeting_at, timedelta(hours=after_hours))


def meeting_begins(meeting: MeetingTime | None, tz: tzinfo) -> datetime | None:
    """The moment what comes before a meeting is counted from: its hour, or, when no hour was
    given, the start of its day (it may be held first thing in the morning)."""
    if meeting is None:
        return None
    return datetime.combine(meeting.day, meeting.hour or time(0, 0), tzinfo=tz)


def report_requested_at(meeting: MeetingTime, tz: tzinfo, *, after_hours: int = 3) -> datetime:
    """When to ask how the meeting went: `after_hours` after its hour, or, without an hour,
    the next morning at 10:00 (the bot does not ask while the meeting may be going on)."""
    if meeting.hour is None:
        return datetime.combine(meeting.day + timedelta(days=1), NEXT_MORNING, tzinfo=tz)
    begins = meeting_begins(meeting, tz)
    assert begins is not None
    return report_due_at(begins, after_hours=after_hours)


def is_valid(valid_until: datetime, now: datetime) -> bool:
    """Whether the mandate still holds at `now`, up to `valid_until` itself."""
    _require_aware(valid_until, "valid_until")
    _require_aware(now, "now")  # a naive `now` would silently be read as the server's time
    return now.astimezone(UTC) <= valid_until.astimezone(UTC)


# « - », « • », « * » and such, or « 1. » / « 2) » followed by a space (« 1.5 % » stays whole).
_BULLET = re.compile(r"^(?:[-–—•*·▪►✦>]+|\d{1,2}[.)](?=\s))\s*")


def _strip_bullet(line: str) -> str:
    return _BULLET.sub("", line.strip(), count=1).strip()


def split_points(
    text: str, *, max_items: int = 10, max_length: int = 300
) -> tuple[list[str], bool]:
    """The points of a message: one per line, bullets and numbers removed, empty lines ignored.

    A message of a single line is split on « ; », as people often type a list that way. Each
    point is trimmed and cut to `max_length`; points beyond `max_items` are dropped. The flag
    tells whether anything was cut or dropped, so the bot can say so.
    """
    lines = [line for line in map(_strip_bullet, text.splitlines()) if line]
    if len(lines) == 1:
        # Bullets on the pieces too: « - loyer ; - chauffage ».
        lines = [piece for piece in map(_strip_bullet, lines[0].split(";")) if piece]
    points: list[str] = []
    cut = len(lines) > max_items
    for line in lines[: max(0, max_items)]:
        point, shortened = clip(line, max_length)
        cut = cut or shortened
        if point:
            points.append(point)
    return points, cut
