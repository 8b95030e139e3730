"""After a downtime the ladder resumes: the person first, in private, then the group; and
deadlines that must not move later fall before the quiet hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.mandates import vote_closes_at
from bot.domain.reminders import (
    Audience,
    PendingRung,
    QuietHours,
    Resumed,
    Rhythm,
    Step,
    group_gap,
    last_awake_before,
    next_allowed,
    plan_ladder,
    resume_ladder,
    true_words,
)

TORONTO = ZoneInfo("America/Toronto")
QUIET = QuietHours()
FRIDAY = date(2026, 11, 27)  # the due date
PLANNED_ON = datetime(2026, 11, 23, 9, 0, tzinfo=TORONTO)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    month, day = (12, day - 30) if day > 30 else (11, day)
    return datetime(2026, month, day, hour, minute, tzinfo=TORONTO)


def ladder(
    due: date = FRIDAY,
    planned: datetime = PLANNED_ON,
    rhythm: Rhythm = Rhythm.NORMAL,
    tz: ZoneInfo = TORONTO,
    quiet: QuietHours = QUIET,
) -> list[PendingRung]:
    """The rungs as stored when the follow-up was planned, numbered from 1."""
    rungs = plan_ladder(due, tz=tz, rhythm=rhythm, quiet=quiet, now=planned)
    return [PendingRung(n, r.step, r.audience, r.moment) for n, r in enumerate(rungs, 1)]


def resume(
    rungs: list[PendingRung],
    now: datetime,
    due: date = FRIDAY,
    rhythm: Rhythm = Rhythm.NORMAL,
    tz: ZoneInfo = TORONTO,
    quiet: QuietHours = QUIET,
) -> Resumed:
    return resume_ladder(rungs, due=due, now=now, tz=tz, rhythm=rhythm, quiet=quiet)


def by_step(rungs: list[PendingRung]) -> dict[str, PendingRung]:
    return {r.step: r for r in rungs}


def test_nothing_due_nothing_sent() -> None:
    assert resume(ladder(), local(24, 18)) == Resumed()


def test_in_the_normal_course_the_rung_due_is_sent_as_planned() -> None:
    rungs = ladder()
    steps = by_step(rungs)
    for step, moment in (
        (Step.HEADS_UP, local(25, 10)),
        (Step.DUE_DAY, local(27, 10)),
        (Step.OVERDUE, local(28, 10)),
    ):
        resumed = resume([r for r in rungs if r.moment >= moment], moment)
        assert resumed == Resumed(steps[step])
    group = resume([r for r in rungs if r.audience is Audience.GROUP], local(30, 10))
    assert group == Resumed(steps[Step.GROUP])


def test_back_the_morning_after_the_due_day_the_person_hears_the_overdue_words() -> None:
    rungs = ladder()
    steps = by_step(rungs)
    resumed = resume(rungs, local(28, 9))  # heads-up and due day missed; overdue at 10:00
    assert resumed.send == steps[Step.OVERDUE]  # the true words, an hour early
    assert set(resumed.dropped) == {steps[Step.HEADS_UP].ref, steps[Step.DUE_DAY].ref}
    assert resumed.moved == ()  # the group's Monday is two days after: the ladder's own gap


def test_back_before_the_due_date_a_heads_up_not_it_came_due() -> None:
    sunday = date(2026, 11, 29)
    rungs = ladder(due=sunday)  # heads-up Friday 27
    resumed = resume(rungs, local(28, 9), due=sunday)
    assert resumed.send is not None and resumed.send.step == Step.HEADS_UP
    assert resumed.dropped == () and resumed.moved == ()


def test_back_after_the_group_rung_the_group_waits_for_the_person() -> None:
    rungs = ladder()
    steps = by_step(rungs)
    resumed = resume(rungs, local(31, 10, 30))  # Tuesday 1 December
    assert resumed.send == steps[Step.OVERDUE]
    moved = dict(resumed.moved)
    assert moved[steps[Step.GROUP].ref] == local(33, 10)  # two days after the person's word
    assert moved[steps["weekly_1"].ref] == local(40, 10)  # still a week later


def test_only_group_rungs_missed_one_mention_not_a_flood() -> None:
    rungs = [r for r in ladder() if r.audience is Audience.GROUP]  # the person heard already
    steps = by_step(rungs)
    resumed = resume(rungs, local(45, 11))  # 15 December: group, weekly 1 and 2 missed
    assert resumed.send == steps["weekly_2"]
    assert set(resumed.dropped) == {steps[Step.GROUP].ref, steps["weekly_1"].ref}
    assert dict(resumed.moved)[steps["weekly_3"].ref] == local(52, 10)  # a week after today


def test_true_words() -> None:
    assert true_words(date(2026, 11, 26), FRIDAY) is Step.HEADS_UP
    assert true_words(FRIDAY, FRIDAY) is Step.DUE_DAY
    assert true_words(date(2026, 11, 28), FRIDAY) is Step.OVERDUE


ZONES = [ZoneInfo(key) for key in ("America/Toronto", "America/Vancouver", "Europe/Paris")]
quarter_hours = st.integers(0, 24 * 4 - 1).map(lambda q: time(q // 4, q % 4 * 15))
quiet_hours = st.builds(QuietHours, quarter_hours, quarter_hours)


@settings(max_examples=300, deadline=None)
@given(
    due=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    planned_before=st.integers(0, 10 * 24 * 60),
    down_for=st.integers(0, 60 * 24 * 60),
    sent=st.integers(0, 3),
    rhythm=st.sampled_from(Rhythm),
    quiet=quiet_hours,
    tz=st.sampled_from(ZONES),
)
def test_resume_properties(
    due: date,
    planned_before: int,
    down_for: int,
    sent: int,
    rhythm: Rhythm,
    quiet: QuietHours,
    tz: ZoneInfo,
) -> None:
    planned = datetime.combine(due, time(12), tzinfo=tz) - timedelta(minutes=planned_before)
    rungs = ladder(due, planned, rhythm, tz, quiet)[sent:]  # the first ones went out
    # Back after a downtime, at a moment the committee is awake (when a send may go out).
    now = next_allowed(planned + timedelta(minutes=down_for), tz=tz, quiet=quiet)
    resumed = resume(rungs, now, due, rhythm, tz, quiet)
    refs = {r.ref: r for r in rungs}
    moved = dict(resumed.moved)
    touched = [*resumed.dropped, *moved] + ([resumed.send.ref] if resumed.send else [])
    assert len(touched) == len(set(touched)) and set(touched) <= set(refs)
    reached = [r for r in rungs if r.moment <= now]
    if not reached:
        assert resumed == Resumed()
        return
    today = now.astimezone(tz).date()
    # The person first: a private rung that fell due means a private word now, and the
    # group not before the ladder's gap after it.
    if resumed.send is not None and resumed.send.audience is Audience.PERSON:
        assert resumed.send.step == true_words(today, due)
        for ref, rung in refs.items():
            if rung.audience is Audience.GROUP and ref not in resumed.dropped:
                day = moved.get(ref, rung.moment).astimezone(tz).date()
                assert day >= today + timedelta(days=group_gap(rhythm))
    # Nothing that fell due is left due: asked again, nothing more goes out.
    left = [
        PendingRung(r.ref, r.step, r.audience, moved.get(r.ref, r.moment))
        for r in rungs
        if r.ref not in resumed.dropped and (resumed.send is None or r.ref != resumed.send.ref)
    ]
    assert resume(left, now, due, rhythm, tz, quiet) == Resumed()
    for moment in moved.values():
        assert moment > now and not quiet.contains(moment.astimezone(tz).time())
    # Moved rungs keep their order.
    order = sorted(moved, key=lambda ref: refs[ref].moment)
    assert order == sorted(moved, key=lambda ref: moved[ref])


# --- deadlines before the quiet hours --------------------------------------------------------


def test_last_awake_before() -> None:
    assert last_awake_before(local(25, 21, 30), tz=TORONTO, quiet=QUIET) == local(25, 19, 59)
    assert last_awake_before(local(26, 5, 4), tz=TORONTO, quiet=QUIET) == local(25, 19, 59)
    assert last_awake_before(local(26, 12), tz=TORONTO, quiet=QUIET) == local(26, 12)


instants = st.integers(0, 6 * 366 * 24 * 60).map(
    lambda minutes: datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
)


@settings(max_examples=300, deadline=None)
@given(moment=instants, quiet=quiet_hours, tz=st.sampled_from(ZONES))
def test_last_awake_before_properties(moment: datetime, quiet: QuietHours, tz: ZoneInfo) -> None:
    awake = last_awake_before(moment, tz=tz, quiet=quiet)
    assert awake <= moment and not quiet.contains(awake.time())
    assert moment - awake <= timedelta(days=2)


def test_a_vote_posted_in_the_evening_closes_the_morning_after_its_48_hours() -> None:
    closes = vote_closes_at(local(23, 21, 30), local(26, 14), quiet=QUIET)
    assert closes == local(26, 9)


def test_a_vote_before_an_early_meeting_closes_the_evening_before() -> None:
    # 48 hours: Wednesday 10:00, capped an hour before a meeting on Tuesday at 9:30 (8:30,
    # in the quiet hours): the morning would be too late, the evening before leaves 10 hours.
    closes = vote_closes_at(local(23, 10), local(24, 9, 30), quiet=QUIET)
    assert closes == local(23, 19, 59)


@settings(max_examples=300, deadline=None)
@given(
    posted=instants,
    meeting_in=st.one_of(st.none(), st.integers(0, 5 * 24 * 60)),
    quiet=quiet_hours,
    tz=st.sampled_from(ZONES),
)
def test_vote_deadlines_never_fall_in_quiet_hours(
    posted: datetime, meeting_in: int | None, quiet: QuietHours, tz: ZoneInfo
) -> None:
    posted_at = posted.astimezone(tz)
    meeting = posted_at + timedelta(minutes=meeting_in) if meeting_in is not None else None
    closes = vote_closes_at(posted_at, meeting, quiet=quiet)
    assert not quiet.contains(closes.astimezone(tz).time())
    assert closes > posted_at
