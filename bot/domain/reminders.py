"""Pure rules of follow-up reminders: the ladder of nudges, quiet hours and the weekly digest.

A follow-up (S-7: what, who, by when) gets a ladder of reminders: a heads-up to the responsible
person a few days before, a word on the due day, another the day after, then a kind mention in
the group and a weekly one after that, up to a cap. Tenacious but polite: every reminder goes
out at the committee's usual hour in its own time zone, and never during its quiet hours.

The caller stores one row per (follow-up, step) and passes the bot's clock in as `now`: this
module never reads the time itself. Datetimes must be aware; results are in the committee's
zone. User-facing strings are English sources marked with `N_`. No Telegram types, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.records import FollowUpStatus
from bot.domain.texts import N_

SEND_TIME = time(10, 0)  # late enough for night-shift workers, early enough to act that day


class Step(StrEnum):
    """The named rungs, in the order they happen; the weekly ones follow (see `weekly_step`)."""

    HEADS_UP = "heads_up"  # to the responsible person, a few days before
    DUE_DAY = "due_day"  # to the person, on the due day
    OVERDUE = "overdue"  # to the person again, shortly after
    GROUP = "group"  # to the group, kindly naming the follow-up


def weekly_step(k: int) -> str:
    """The k-th weekly group reminder, from 1: « weekly_1 ». Stored as is, never translated."""
    if k < 1:
        raise ValueError(f"weekly reminders count from 1, got {k}")
    return f"weekly_{k}"


class Audience(StrEnum):
    PERSON = "person"
    GROUP = "group"


class Rhythm(StrEnum):
    GENTLE = "gentle"
    NORMAL = "normal"
    TENACIOUS = "tenacious"


RHYTHM_LABELS: dict[Rhythm, str] = {
    Rhythm.GENTLE: N_("Gentle"),
    Rhythm.NORMAL: N_("Normal"),
    Rhythm.TENACIOUS: N_("Tenacious"),
}


@dataclass(frozen=True, slots=True)
class Ladder:
    """How a rhythm spaces its rungs, in local days counted from the due date.

    `heads_up_days` before (0: no heads-up), `overdue_days` and `group_days` after, then one
    group reminder a week, `weekly_cap` times at most.
    """

    heads_up_days: int
    overdue_days: int
    group_days: int
    weekly_cap: int

    def __post_init__(self) -> None:
        # An overdue reminder on the due day itself would only repeat the due-day one.
        if self.heads_up_days < 0 or self.overdue_days < 1 or self.group_days < 1:
            raise ValueError(f"a ladder needs a non-negative heads-up and later rungs: {self}")
        if self.weekly_cap < 0:
            raise ValueError(f"the weekly cap cannot be negative: {self}")


LADDERS: dict[Rhythm, Ladder] = {
    # Gentle: one day of notice, two days of grace before the person hears again, the group
    # only after most of a week, and two weekly mentions before the bot lets it rest.
    Rhythm.GENTLE: Ladder(heads_up_days=1, overdue_days=2, group_days=5, weekly_cap=2),
    # Normal: two days of notice, the day after, the group three days after, a month of weeks.
    Rhythm.NORMAL: Ladder(heads_up_days=2, overdue_days=1, group_days=3, weekly_cap=4),
    # Tenacious: three days of notice, the group two days after, two months of weekly mentions.
    Rhythm.TENACIOUS: Ladder(heads_up_days=3, overdue_days=1, group_days=2, weekly_cap=8),
}


@dataclass(frozen=True, slots=True)
class QuietHours:
    """When the bot keeps silent, in local wall-clock time: from `start` (included) to `end`
    (excluded, the first moment it may speak again). The period wraps midnight when `start` is
    after `end` (20:00 to 09:00); `start == end` means no quiet hours at all."""

    start: time = time(20, 0)
    end: time = time(9, 0)

    def __post_init__(self) -> None:
        # An aware time would mean a second time zone; the committee's zone is the only one.
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError(f"quiet hours are local wall-clock times: {self}")

    @property
    def wraps(self) -> bool:
        return self.start > self.end

    def contains(self, local: time) -> bool:
        local = local.replace(tzinfo=None, fold=0)
        if self.start == self.end:
            return False
        if self.wraps:
            return local >= self.start or local < self.end
        return self.start <= local < self.end


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {value!r}")


def _utc(moment: datetime) -> datetime:
    """For comparing: two datetimes of the same zone compare by wall clock, which the hour
    repeated in autumn makes ambiguous (01:30 the second time is later than 01:45 the first)."""
    return moment.astimezone(UTC)


def _wall(day: date, at: time, tz: ZoneInfo, *, fold: int = 0) -> datetime:
    """A real instant for a local wall-clock time, in `tz`.

    A time the clocks skip (02:30 when they jump from 02:00 to 03:00) is read with the offset
    before the jump, so it lands the same length of time later (03:30), as RFC 5545 calendars
    do; the UTC round trip turns it into a time that exists. `fold` picks which of a repeated
    time (the hour that happens twice in autumn) is meant: 0 the first, 1 the second.
    """
    naive = datetime.combine(day, at.replace(tzinfo=None)).replace(fold=fold)
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def next_allowed(moment: datetime, *, tz: ZoneInfo, quiet: QuietHours) -> datetime:
    """`moment` itself when the committee is awake then, else the end of its quiet period.

    In `tz`. The end is `quiet.end` local on the day the quiet period ends (the next day when
    it wraps midnight and `moment` is in its evening part). When that end does not exist (the
    clocks jump over it) or still falls in quiet hours after the jump, the next end is taken.
    """
    _require_aware(moment, "moment")
    current = moment.astimezone(tz)
    while quiet.contains(current.time()):
        day = current.date()
        if quiet.wraps and current.time() >= quiet.start:
            day += timedelta(days=1)
        candidate = _wall(day, quiet.end, tz)
        if _utc(candidate) <= _utc(current):
            # In the repeated autumn hour, `current` can already be past the first occurrence
            # of the end: the quiet period ends at its second occurrence.
            candidate = _wall(day, quiet.end, tz, fold=1)
        current = candidate
    return current


@dataclass(frozen=True, slots=True)
class Rung:
    """One planned reminder: which step, to whom, when (aware, in the committee's zone)."""

    step: str
    audience: Audience
    moment: datetime


def _rung_days(due: date, ladder: Ladder) -> list[tuple[str, Audience, date]]:
    days: list[tuple[str, Audience, date]] = []
    if ladder.heads_up_days > 0:
        days.append((Step.HEADS_UP, Audience.PERSON, due - timedelta(days=ladder.heads_up_days)))
    days.append((Step.DUE_DAY, Audience.PERSON, due))
    overdue = due + timedelta(days=ladder.overdue_days)
    days.append((Step.OVERDUE, Audience.PERSON, overdue))
    # The group hears of it only after the person had their own second chance.
    group = max(due + timedelta(days=ladder.group_days), overdue + timedelta(days=1))
    days.append((Step.GROUP, Audience.GROUP, group))
    for k in range(1, ladder.weekly_cap + 1):
        days.append((weekly_step(k), Audience.GROUP, group + timedelta(weeks=k)))
    return days


def plan_ladder(
    due: date,
    *,
    tz: ZoneInfo,
    rhythm: Rhythm,
    quiet: QuietHours,
    now: datetime,
    send_time: time = SEND_TIME,
) -> list[Rung]:
    """The reminders still to send for a follow-up due on `due`, in order.

    Each rung goes on its local day at `send_time` in `tz` (a time the clocks skip is moved
    as far forward as they jump), then out of quiet hours with `next_allowed`: with quiet hours
    from 08:00 to 11:00, a 10:00 reminder goes at 11:00.

    Nothing is planned in the past: every rung before `now` is dropped, with one exception. A
    follow-up due today whose due-day moment has passed (created at 14:00, due today) still gets
    its due-day reminder, at `next_allowed(now)`, provided that is still today; otherwise it
    is dropped too, and the overdue reminder carries on. No rung is ever sent late to catch up:
    a late heads-up or overdue note would only confuse.

    The rungs have distinct steps and strictly increasing moments, all at or after `now`.
    """
    _require_aware(now, "now")
    local_now = now.astimezone(tz)
    at_now = _utc(now)
    rungs: list[Rung] = []
    for step, audience, day in _rung_days(due, LADDERS[rhythm]):
        moment = next_allowed(_wall(day, send_time, tz), tz=tz, quiet=quiet)
        if _utc(moment) < at_now and step == Step.DUE_DAY and due == local_now.date():
            moment = next_allowed(local_now, tz=tz, quiet=quiet)
            if moment.date() != due:
                continue
        if _utc(moment) >= at_now:
            rungs.append(Rung(step=step, audience=audience, moment=moment))
    return rungs


class Postpone(StrEnum):
    TOMORROW = "tomorrow"
    NEXT_WEEK = "next_week"


POSTPONE_LABELS: dict[Postpone, str] = {
    Postpone.TOMORROW: N_("Tomorrow"),
    Postpone.NEXT_WEEK: N_("Next week"),
}


def postpone_choices(today: date) -> dict[str, date]:
    """The new due dates offered by the « postpone » buttons, keyed by `Postpone` values."""
    return {
        Postpone.TOMORROW: today + timedelta(days=1),
        Postpone.NEXT_WEEK: today + timedelta(weeks=1),
    }


@dataclass(frozen=True, slots=True)
class DigestItem:
    """A follow-up as the weekly digest sees it. `who` is a first name at most."""

    ref: str
    text: str
    who: str | None
    due: date | None
    status: str  # a `FollowUpStatus` value
    done_on: date | None
    person_id: int | None


@dataclass(frozen=True, slots=True)
class Digest:
    overdue: list[DigestItem]
    this_week: list[DigestItem]
    later: list[DigestItem]
    no_date: list[DigestItem]
    recently_done: list[DigestItem]

    @property
    def is_empty(self) -> bool:
        """Nothing to say: the bot skips the digest rather than post an empty one."""
        return not (
            self.overdue or self.this_week or self.later or self.no_date or self.recently_done
        )


_NUMBERED = re.compile(r"(.*?)(\d+)")


def _order(item: DigestItem) -> tuple[bool, date, str, int, str]:
    """By due date (undated last), then by reference read as a number, so S-9 comes before
    S-10 (as text, S-10 would come first)."""
    match = _NUMBERED.fullmatch(item.ref)
    prefix, number = (match[1], int(match[2])) if match else (item.ref, -1)
    return (item.due is None, item.due or date.min, prefix, number, item.ref)


def digest_sections(items: Sequence[DigestItem], *, today: date, done_since: date) -> Digest:
    """Sort follow-ups into the digest's sections.

    Open and blocked ones by due date: before `today` overdue, from today to six days later
    this week, after that later, and undated ones apart. Done ones on or after `done_since`
    are recently done. Cancelled ones, and older or undated done ones, are left out. Each
    section is sorted by due date, then by reference.
    """
    still_open = {FollowUpStatus.OPEN, FollowUpStatus.BLOCKED}
    week_end = today + timedelta(days=6)
    digest = Digest([], [], [], [], [])
    for item in items:
        if item.status == FollowUpStatus.DONE:
            if item.done_on is not None and item.done_on >= done_since:
                digest.recently_done.append(item)
        elif item.status in still_open:
            if item.due is None:
                digest.no_date.append(item)
            elif item.due < today:
                digest.overdue.append(item)
            elif item.due <= week_end:
                digest.this_week.append(item)
            else:
                digest.later.append(item)
    for section in (
        digest.overdue,
        digest.this_week,
        digest.later,
        digest.no_date,
        digest.recently_done,
    ):
        section.sort(key=_order)
    return digest


def mine_first(items: Sequence[DigestItem], person_id: int | None) -> list[DigestItem]:
    """The person's own follow-ups first, each group keeping its order (the sort is stable).

    Without a person (`None`), the order is unchanged: unassigned items are nobody's.
    """
    if person_id is None:
        return list(items)
    return sorted(items, key=lambda item: item.person_id != person_id)
