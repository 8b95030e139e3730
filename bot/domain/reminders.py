"""Pure rules of follow-up reminders: the ladder of nudges, quiet hours, and how the ladder
resumes after the bot was down.

A follow-up (S-7: what, who, by when) gets a ladder of reminders: a heads-up to the responsible
person a few days before, a word on the due day, another the day after, then a kind mention in
the group and a weekly one after that, up to a cap. Tenacious but polite: every reminder goes
out at the committee's usual hour in its own time zone, and never during its quiet hours.

The caller stores one row per (follow-up, step) and passes the bot's clock in as `now`: this
module never reads the time itself. Datetimes must be aware; results are in the committee's
zone. User-facing strings are English sources marked with `N_`. No Telegram types, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

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


def last_awake_before(moment: datetime, *, tz: ZoneInfo, quiet: QuietHours) -> datetime:
    """`moment` itself when the committee is awake then, else the last minute before the
    quiet period it falls in (for a deadline that must not move later). In `tz`."""
    _require_aware(moment, "moment")
    current = moment.astimezone(tz)
    if not quiet.contains(current.time()):
        return current
    day = current.date()
    if quiet.wraps and current.time() < quiet.end:
        day -= timedelta(days=1)
    candidate = _wall(day, quiet.start, tz)
    # A start the clocks skip lands later, inside the quiet period: step back out of it.
    while quiet.contains(candidate.time()) or _utc(candidate) >= _utc(current):
        candidate = (_utc(candidate) - timedelta(minutes=1)).astimezone(tz)
    return candidate


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


# --- after a downtime -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PendingRung:
    """A rung of a follow-up's ladder not sent yet, as stored; `ref` names its row."""

    ref: int
    step: str
    audience: Audience
    moment: datetime


@dataclass(frozen=True, slots=True)
class Resumed:
    """What becomes of a follow-up's pending rungs now: the one to send, the ones said by it
    (dropped), and the later ones moved (with their new moments)."""

    send: PendingRung | None = None
    dropped: tuple[int, ...] = ()
    moved: tuple[tuple[int, datetime], ...] = ()


def true_words(day: date, due: date) -> Step:
    """The private rung whose words are true on `day`: before the due date the heads-up, on
    it the due-day note, after it the overdue one."""
    if day < due:
        return Step.HEADS_UP
    return Step.DUE_DAY if day == due else Step.OVERDUE


def group_gap(rhythm: Rhythm) -> int:
    """Days the ladder leaves the person after its last private word before the group hears."""
    ladder = LADDERS[rhythm]
    return max(ladder.group_days - ladder.overdue_days, 1)


def resume_ladder(
    rungs: Sequence[PendingRung],
    *,
    due: date,
    now: datetime,
    tz: ZoneInfo,
    rhythm: Rhythm,
    quiet: QuietHours,
    send_time: time = SEND_TIME,
) -> Resumed:
    """What to send now of one follow-up's ladder, and what becomes of the rest.

    `rungs` are its pending rungs, planned for the due date `due`; `now` is when a send would
    go out (in the committee's daytime). In the normal course, one rung falls due at its
    moment and is the one sent. After a downtime several may have fallen due:

    - The person hears first, in private with their buttons, once: the rung whose words are
      true today (`true_words`), sent now even if it was planned later that day or, after the
      due date, a day or two later. The older private rungs that fell due are dropped: they
      would say what is no longer true, or say it again.
    - The group hears only after the person had their chance: when a private rung is sent
      now, the group rungs move, all by the same number of days, so that the first comes
      `group_gap(rhythm)` days after today at the earliest; the weekly ones keep their week.
    - When nothing is left to say to the person (their rungs went out before the downtime),
      the group hears the latest of its rungs that fell due, once; the older ones are
      dropped and the later ones move by its delay, so a week still passes between mentions.

    Nothing that fell due is left due: asked again at the same moment, nothing is sent.
    """
    _require_aware(now, "now")
    at_now = _utc(now)
    today = now.astimezone(tz).date()
    ordered = sorted(rungs, key=lambda r: (_utc(r.moment), r.ref))
    reached = [r for r in ordered if _utc(r.moment) <= at_now]
    if not reached:
        return Resumed()

    def moved_by(days: int, targets: Sequence[PendingRung]) -> tuple[tuple[int, datetime], ...]:
        if days <= 0:
            return ()
        return tuple(
            (
                r.ref,
                next_allowed(
                    _wall(r.moment.astimezone(tz).date() + timedelta(days=days), send_time, tz),
                    tz=tz,
                    quiet=quiet,
                ),
            )
            for r in targets
        )

    private = [r for r in reached if r.audience is Audience.PERSON]
    fitting = true_words(today, due)
    send = next((r for r in ordered if r.audience is Audience.PERSON and r.step == fitting), None)
    if private and send is not None:
        group = [r for r in ordered if r.audience is Audience.GROUP]
        first = min((r.moment.astimezone(tz).date() for r in group), default=None)
        wait = (today + timedelta(days=group_gap(rhythm)) - first).days if first else 0
        dropped = tuple(r.ref for r in private if r is not send)
        return Resumed(send, dropped, moved_by(wait, group))
    dropped_private = tuple(r.ref for r in private)
    said = [r for r in reached if r.audience is Audience.GROUP]
    if not said:
        return Resumed(None, dropped_private)
    latest = said[-1]
    delay = (today - latest.moment.astimezone(tz).date()).days
    later = [r for r in ordered if r.audience is Audience.GROUP and r not in said]
    return Resumed(
        latest, dropped_private + tuple(r.ref for r in said[:-1]), moved_by(delay, later)
    )
