from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.reminders import (
    LADDERS,
    POSTPONE_LABELS,
    RHYTHM_LABELS,
    SEND_TIME,
    Audience,
    Ladder,
    Postpone,
    QuietHours,
    Rhythm,
    Rung,
    Step,
    next_allowed,
    plan_ladder,
    postpone_choices,
    weekly_step,
)

TORONTO = ZoneInfo("America/Toronto")
DEFAULT_QUIET = QuietHours()
NO_QUIET = QuietHours(time(0, 0), time(0, 0))
FRIDAY = date(2026, 11, 27)
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TORONTO)


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TORONTO)


def plan(
    due: date,
    now: datetime,
    *,
    rhythm: Rhythm = Rhythm.NORMAL,
    quiet: QuietHours = DEFAULT_QUIET,
    send_time: time = SEND_TIME,
    tz: ZoneInfo = TORONTO,
) -> list[Rung]:
    return plan_ladder(due, tz=tz, rhythm=rhythm, quiet=quiet, now=now, send_time=send_time)


def steps(rungs: list[Rung]) -> list[str]:
    return [rung.step for rung in rungs]


def days(rungs: list[Rung]) -> list[date]:
    return [rung.moment.date() for rung in rungs]


def exists(moment: datetime) -> bool:
    """Whether the wall-clock time is one the clocks actually show (not skipped in spring)."""
    again = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return again.replace(tzinfo=None) == moment.replace(tzinfo=None)


# --- Labels and ladders ----------------------------------------------------------------------


def test_every_rhythm_has_a_label_and_a_ladder() -> None:
    assert [RHYTHM_LABELS[rhythm] for rhythm in Rhythm] == ["Gentle", "Normal", "Tenacious"]
    assert set(LADDERS) == set(Rhythm)


def test_weekly_steps() -> None:
    assert [weekly_step(k) for k in (1, 2, 10)] == ["weekly_1", "weekly_2", "weekly_10"]
    with pytest.raises(ValueError):
        weekly_step(0)


@pytest.mark.parametrize(
    "values", [(-1, 1, 3, 4), (2, 0, 3, 4), (2, 1, 0, 4), (2, 1, 3, -1)], ids=str
)
def test_ladder_rejects_nonsense(values: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError):
        Ladder(*values)


# --- Quiet hours -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quiet", "at", "expected"),
    [
        pytest.param(DEFAULT_QUIET, time(19, 59), False, id="before the evening"),
        pytest.param(DEFAULT_QUIET, time(20, 0), True, id="start is quiet"),
        pytest.param(DEFAULT_QUIET, time(0, 0), True, id="midnight"),
        pytest.param(DEFAULT_QUIET, time(8, 59), True, id="early morning"),
        pytest.param(DEFAULT_QUIET, time(9, 0), False, id="end is awake"),
        pytest.param(QuietHours(time(0), time(6)), time(0), True, id="from midnight"),
        pytest.param(QuietHours(time(0), time(6)), time(23, 59), False, id="evening awake"),
        pytest.param(QuietHours(time(0), time(6)), time(6), False, id="not wrapping, end"),
        pytest.param(QuietHours(time(22), time(0)), time(23, 30), True, id="to midnight"),
        pytest.param(QuietHours(time(22), time(0)), time(0), False, id="to midnight, end"),
        pytest.param(NO_QUIET, time(3, 0), False, id="start == end is none"),
        pytest.param(QuietHours(time(9), time(9)), time(9), False, id="none at 9 either"),
    ],
)
def test_quiet_hours_contains(quiet: QuietHours, at: time, expected: bool) -> None:
    assert quiet.contains(at) is expected


def test_quiet_hours_are_naive_times() -> None:
    with pytest.raises(ValueError):
        QuietHours(time(20, 0, tzinfo=UTC), time(9, 0))


def test_next_allowed_keeps_an_awake_moment() -> None:
    moment = local(2026, 11, 23, 14, 7)
    assert next_allowed(moment, tz=TORONTO, quiet=DEFAULT_QUIET) == moment
    # Given in UTC, answered in the committee's zone.
    answer = next_allowed(moment.astimezone(UTC), tz=TORONTO, quiet=DEFAULT_QUIET)
    assert answer == moment
    assert answer.tzinfo is TORONTO


@pytest.mark.parametrize(
    ("quiet", "moment", "expected"),
    [
        pytest.param(DEFAULT_QUIET, local(2026, 11, 23, 21), local(2026, 11, 24, 9), id="evening"),
        pytest.param(DEFAULT_QUIET, local(2026, 11, 24, 2), local(2026, 11, 24, 9), id="night"),
        pytest.param(
            QuietHours(time(0), time(6)), local(2026, 11, 24, 5), local(2026, 11, 24, 6), id="0-6"
        ),
        pytest.param(
            QuietHours(time(22), time(0)),
            local(2026, 11, 24, 23),
            local(2026, 11, 25, 0),
            id="22-0",
        ),
    ],
)
def test_next_allowed_goes_to_the_end_of_quiet_hours(
    quiet: QuietHours, moment: datetime, expected: datetime
) -> None:
    assert next_allowed(moment, tz=TORONTO, quiet=quiet) == expected


def test_next_allowed_in_the_repeated_autumn_hour() -> None:
    # 01:15 the second time (EST); quiet until 01:30: the second 01:30, not the first one.
    second_0115 = datetime(2026, 11, 1, 6, 15, tzinfo=UTC)
    answer = next_allowed(second_0115, tz=TORONTO, quiet=QuietHours(time(0), time(1, 30)))
    assert answer.astimezone(UTC) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)


def test_next_allowed_when_the_end_is_skipped_in_spring() -> None:
    # 02:30 does not exist on 2027-03-14 in Toronto: read as 03:30 (EDT).
    answer = next_allowed(
        local(2027, 3, 14, 1), tz=TORONTO, quiet=QuietHours(time(22), time(2, 30))
    )
    assert answer.astimezone(UTC) == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert (answer.hour, answer.minute) == (3, 30)
    # Awake only from 02:15 to 02:45, which that day skips: the next day.
    narrow = QuietHours(time(2, 45), time(2, 15))
    answer = next_allowed(local(2027, 3, 14, 1), tz=TORONTO, quiet=narrow)
    assert answer == local(2027, 3, 15, 2, 15)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        next_allowed(datetime(2026, 11, 23, 10), tz=TORONTO, quiet=DEFAULT_QUIET)
    with pytest.raises(ValueError):
        plan(FRIDAY, datetime(2026, 11, 23, 10))


# --- Ladders ---------------------------------------------------------------------------------


TENACIOUS_WEEKS = ["12-06", "12-13", "12-20", "12-27", "01-03", "01-10", "01-17", "01-24"]


@pytest.mark.parametrize(
    ("rhythm", "expected_days"),
    [
        pytest.param(Rhythm.GENTLE, ["11-26", "11-27", "11-29", "12-02", "12-09", "12-16"]),
        pytest.param(
            Rhythm.NORMAL, ["11-25", "11-27", "11-28", "11-30", "12-07", "12-14", "12-21", "12-28"]
        ),
        pytest.param(Rhythm.TENACIOUS, ["11-24", "11-27", "11-28", "11-29", *TENACIOUS_WEEKS]),
    ],
)
def test_ladder_for_a_friday_planned_on_monday(rhythm: Rhythm, expected_days: list[str]) -> None:
    rungs = plan(FRIDAY, MONDAY_10, rhythm=rhythm)
    assert [rung.moment.strftime("%m-%d %H:%M") for rung in rungs] == [
        f"{day} 10:00" for day in expected_days
    ]
    cap = LADDERS[rhythm].weekly_cap
    assert steps(rungs) == [
        Step.HEADS_UP,
        Step.DUE_DAY,
        Step.OVERDUE,
        Step.GROUP,
        *[f"weekly_{k}" for k in range(1, cap + 1)],
    ]
    assert [rung.audience for rung in rungs] == [Audience.PERSON] * 3 + [Audience.GROUP] * (
        1 + cap
    )
    assert all(rung.moment.tzinfo is TORONTO for rung in rungs)


def test_no_heads_up_and_group_after_overdue(monkeypatch: pytest.MonkeyPatch) -> None:
    # A ladder whose group day would come before the overdue one: the group waits a day more.
    monkeypatch.setitem(LADDERS, Rhythm.NORMAL, Ladder(0, 3, 2, 1))
    rungs = plan(FRIDAY, MONDAY_10)
    assert steps(rungs) == [Step.DUE_DAY, Step.OVERDUE, Step.GROUP, "weekly_1"]
    assert days(rungs) == [FRIDAY, date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 8)]


def test_due_today_after_the_send_time_is_reminded_now() -> None:
    now = local(2026, 11, 27, 14, 0)
    rungs = plan(FRIDAY, now)
    assert rungs[0] == Rung(Step.DUE_DAY, Audience.PERSON, now)
    assert steps(rungs)[:2] == [Step.DUE_DAY, Step.OVERDUE]


def test_due_today_in_the_evening_waits_for_the_overdue_rung() -> None:
    # At 21:00 the quiet hours last until tomorrow: no due-day reminder at all.
    rungs = plan(FRIDAY, local(2026, 11, 27, 21, 0))
    assert rungs[0] == Rung(Step.OVERDUE, Audience.PERSON, local(2026, 11, 28))


def test_due_today_before_the_send_time_keeps_its_hour() -> None:
    rungs = plan(FRIDAY, local(2026, 11, 27, 7, 30))
    assert rungs[0] == Rung(Step.DUE_DAY, Audience.PERSON, local(2026, 11, 27))


def test_due_in_the_past_keeps_only_future_rungs() -> None:
    rungs = plan(date(2026, 11, 20), local(2026, 11, 24, 12, 0))
    assert steps(rungs) == ["weekly_1", "weekly_2", "weekly_3", "weekly_4"]
    assert rungs[0].moment == local(2026, 11, 30)
    # A rung exactly at `now` is still to send.
    rungs = plan(date(2026, 11, 20), local(2026, 11, 23))
    assert rungs[0] == Rung(Step.GROUP, Audience.GROUP, local(2026, 11, 23))
    # Long past the cap: nothing left.
    assert plan(date(2026, 1, 5), local(2026, 11, 24)) == []


def test_quiet_hours_containing_the_send_time() -> None:
    rungs = plan(FRIDAY, MONDAY_10, quiet=QuietHours(time(8), time(11)))
    assert {rung.moment.time() for rung in rungs} == {time(11, 0)}
    assert days(rungs)[:2] == [date(2026, 11, 25), FRIDAY]


def test_quiet_hours_wrapping_and_not_wrapping() -> None:
    wrapping = plan(FRIDAY, MONDAY_10, quiet=QuietHours(time(22), time(7)), send_time=time(6, 30))
    assert {rung.moment.time() for rung in wrapping} == {time(7, 0)}
    plain = plan(FRIDAY, MONDAY_10, quiet=QuietHours(time(0), time(6)), send_time=time(5))
    assert {rung.moment.time() for rung in plain} == {time(6, 0)}
    untouched = plan(FRIDAY, MONDAY_10, quiet=QuietHours(time(0), time(6)))
    assert {rung.moment.time() for rung in untouched} == {time(10, 0)}
    # Quiet from 09:30 to 09:00 the next day: the 10:00 reminder goes at 09:00 the day after.
    long_night = plan(FRIDAY, MONDAY_10, quiet=QuietHours(time(9, 30), time(9)))
    assert long_night[1] == Rung(Step.DUE_DAY, Audience.PERSON, local(2026, 11, 28, 9))


def test_no_quiet_hours() -> None:
    rungs = plan(FRIDAY, MONDAY_10, quiet=NO_QUIET, send_time=time(3, 0))
    assert {rung.moment.time() for rung in rungs} == {time(3, 0)}


def test_fall_back_keeps_ten_o_clock() -> None:
    rungs = plan(date(2026, 10, 30), local(2026, 10, 26))
    first_days = [date(2026, 10, 28), date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 2)]
    assert days(rungs)[:4] == first_days
    assert {rung.moment.time() for rung in rungs} == {time(10, 0)}
    utc_hours = [rung.moment.astimezone(UTC).hour for rung in rungs]
    assert utc_hours == [14, 14, 14] + [15] * 5  # EDT, then EST from 2026-11-01


def test_spring_forward_keeps_ten_o_clock() -> None:
    rungs = plan(date(2027, 3, 12), local(2027, 3, 8), rhythm=Rhythm.TENACIOUS)
    assert rungs[3] == Rung(Step.GROUP, Audience.GROUP, local(2027, 3, 14))
    assert {rung.moment.time() for rung in rungs} == {time(10, 0)}
    utc_hours = [rung.moment.astimezone(UTC).hour for rung in rungs]
    assert utc_hours == [15, 15, 15] + [14] * 9  # EST, then EDT from 2027-03-14


def test_send_time_skipped_by_the_clocks() -> None:
    # 02:30 does not exist on 2027-03-14 in Toronto: the reminder goes at 03:30 EDT.
    rungs = plan(date(2027, 3, 14), local(2027, 3, 1), quiet=NO_QUIET, send_time=time(2, 30))
    due_day = rungs[1]
    assert due_day.step == Step.DUE_DAY
    assert exists(due_day.moment)
    assert due_day.moment.astimezone(UTC) == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert all(exists(rung.moment) for rung in rungs)
    assert [rung.moment.time() for rung in rungs] == [time(2, 30), time(3, 30)] + [time(2, 30)] * 6


# --- Postponing ------------------------------------------------------------------------------


def test_postpone_choices() -> None:
    assert postpone_choices(FRIDAY) == {
        "tomorrow": date(2026, 11, 28),
        "next_week": date(2026, 12, 4),
    }
    assert set(POSTPONE_LABELS) == set(Postpone)


# --- Properties ------------------------------------------------------------------------------

ZONES = [ZoneInfo(key) for key in ("America/Toronto", "America/Vancouver", "Europe/Paris")]
ZONES += [ZoneInfo(key) for key in ("Asia/Kolkata", "Pacific/Auckland", "UTC")]

quarter_hours = st.integers(0, 24 * 4 - 1).map(lambda q: time(q // 4, q % 4 * 15))
quiet_hours = st.builds(QuietHours, quarter_hours, quarter_hours)
due_dates = st.dates(date(2020, 1, 1), date(2035, 12, 31))
# Any instant of the period, at any minute (not only quarter hours), given in UTC.
instants = st.integers(0, 16 * 366 * 24 * 60).map(
    lambda minutes: datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
)


@settings(max_examples=300, deadline=None)
@given(
    due=due_dates,
    offset=st.integers(-20 * 24 * 60, 90 * 24 * 60),
    rhythm=st.sampled_from(Rhythm),
    quiet=quiet_hours,
    tz=st.sampled_from(ZONES),
    send_time=st.one_of(st.just(SEND_TIME), quarter_hours),
)
def test_ladder_properties(
    due: date, offset: int, rhythm: Rhythm, quiet: QuietHours, tz: ZoneInfo, send_time: time
) -> None:
    # `now` within a few weeks of the due date, where the ladder has something to say.
    now = datetime.combine(due, time(), tzinfo=UTC) + timedelta(minutes=offset)
    rungs = plan(due, now, rhythm=rhythm, quiet=quiet, send_time=send_time, tz=tz)
    moments = [rung.moment.astimezone(UTC) for rung in rungs]
    assert all(moment >= now for moment in moments)
    assert all(earlier < later for earlier, later in pairwise(moments))
    assert len(set(steps(rungs))) == len(rungs)
    for rung in rungs:
        assert rung.moment.tzinfo is tz
        assert exists(rung.moment)
        assert not quiet.contains(rung.moment.time())
        assert rung.audience == (Audience.PERSON if rung.step in _PERSONAL else Audience.GROUP)


_PERSONAL = {Step.HEADS_UP, Step.DUE_DAY, Step.OVERDUE}


@settings(max_examples=300, deadline=None)
@given(moment=instants, quiet=quiet_hours, tz=st.sampled_from(ZONES))
def test_next_allowed_properties(moment: datetime, quiet: QuietHours, tz: ZoneInfo) -> None:
    allowed = next_allowed(moment, tz=tz, quiet=quiet)
    assert allowed >= moment
    assert allowed.tzinfo is tz
    assert not quiet.contains(allowed.time())
    assert next_allowed(allowed, tz=tz, quiet=quiet) == allowed
    if not quiet.contains(moment.astimezone(tz).time()):
        assert allowed == moment
    # Quiet hours end within a day, or two when the clocks skip the only awake time.
    assert allowed - moment <= timedelta(days=2)
