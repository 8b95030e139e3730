from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.entities import MeetingTime
from bot.domain.mandates import (
    CHOICE_LABELS,
    Outcome,
    Tally,
    VoteChoice,
    default_valid_until,
    effective_quorum,
    everyone_voted,
    is_valid,
    mandate_ref,
    meeting_begins,
    outcome,
    report_due_at,
    report_requested_at,
    split_points,
    vote_closes_at,
)

TORONTO = ZoneInfo("America/Toronto")
POSTED = datetime(2026, 6, 1, 10, 0, tzinfo=TORONTO)


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- References and labels -----------------------------------------------------------------


def test_mandate_ref() -> None:
    assert mandate_ref(4) == "M-4"


def test_every_choice_has_a_label() -> None:
    assert set(CHOICE_LABELS) == set(VoteChoice)
    assert [CHOICE_LABELS[choice] for choice in VoteChoice] == ["For", "Against", "Abstain"]


# --- Tally -----------------------------------------------------------------------------------


def test_tally_from_choices() -> None:
    choices = [VoteChoice.FOR, VoteChoice.ABSTAIN, VoteChoice.FOR, VoteChoice.AGAINST]
    tally = Tally.from_choices(choices)
    assert tally == Tally(for_=2, against=1, abstain=1)
    assert tally.cast == 4


def test_tally_from_no_choice_and_from_a_generator() -> None:
    assert Tally.from_choices([]) == Tally(0, 0, 0)
    assert Tally.from_choices(VoteChoice(value) for value in ["against", "against"]) == Tally(
        0, 2, 0
    )


def test_tally_cannot_be_negative() -> None:
    with pytest.raises(ValueError):
        Tally(for_=-1, against=0, abstain=0)


# --- Outcome ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tally", "quorum", "members", "expected"),
    [
        pytest.param(Tally(3, 0, 0), 3, 3, Outcome.ADOPTED, id="3 members all for"),
        pytest.param(Tally(2, 1, 0), 3, 3, Outcome.ADOPTED, id="2 for 1 against"),
        pytest.param(Tally(1, 2, 0), 3, 3, Outcome.REJECTED, id="1 for 2 against"),
        pytest.param(Tally(2, 2, 0), 3, 5, Outcome.REJECTED, id="tie rejects"),
        pytest.param(Tally(1, 1, 3), 3, 5, Outcome.REJECTED, id="tie with abstentions"),
        pytest.param(Tally(0, 0, 4), 3, 5, Outcome.REJECTED, id="all abstain, quorum reached"),
        pytest.param(Tally(1, 0, 2), 3, 5, Outcome.ADOPTED, id="abstentions make the quorum"),
        pytest.param(Tally(2, 0, 0), 3, 5, Outcome.NO_QUORUM, id="quorum not reached"),
        pytest.param(Tally(0, 0, 0), 3, 5, Outcome.NO_QUORUM, id="nobody voted"),
        pytest.param(Tally(3, 0, 0), 5, 3, Outcome.ADOPTED, id="quorum bigger than committee"),
        pytest.param(Tally(2, 0, 0), 5, 3, Outcome.NO_QUORUM, id="capped quorum not reached"),
        pytest.param(Tally(1, 0, 0), 3, 1, Outcome.ADOPTED, id="1-member committee for"),
        pytest.param(Tally(0, 1, 0), 3, 1, Outcome.REJECTED, id="1-member committee against"),
        pytest.param(Tally(0, 0, 0), 3, 1, Outcome.NO_QUORUM, id="1-member committee silent"),
        pytest.param(Tally(0, 0, 0), 0, 0, Outcome.NO_QUORUM, id="no vote never decides"),
        pytest.param(Tally(1, 0, 0), 0, 4, Outcome.ADOPTED, id="zero quorum means one vote"),
    ],
)
def test_outcome(tally: Tally, quorum: int, members: int, expected: Outcome) -> None:
    assert outcome(tally, quorum=quorum, member_count=members) is expected


def test_effective_quorum() -> None:
    assert effective_quorum(3, 10) == 3
    assert effective_quorum(5, 3) == 3
    assert effective_quorum(0, 3) == 1
    assert effective_quorum(4, 0) == 1


def test_everyone_voted() -> None:
    assert everyone_voted(Tally(1, 1, 1), 3)
    assert everyone_voted(Tally(0, 0, 3), 3)  # abstaining is voting
    assert not everyone_voted(Tally(1, 1, 0), 3)
    assert everyone_voted(Tally(2, 2, 0), 3)  # a member left after voting
    assert not everyone_voted(Tally(0, 0, 0), 0)


# --- Deadlines -------------------------------------------------------------------------------
# Aware datetimes of the same zone compare and subtract by wall clock, so expectations are UTC.


def test_vote_closes_after_default_hours_when_the_meeting_is_far() -> None:
    meeting = POSTED + timedelta(days=10)
    assert vote_closes_at(POSTED, meeting) == POSTED + timedelta(hours=48)


def test_vote_closes_after_default_hours_without_meeting() -> None:
    closes = vote_closes_at(POSTED, None)
    assert closes == datetime(2026, 6, 3, 10, 0, tzinfo=TORONTO)
    assert closes.tzinfo is TORONTO
    assert vote_closes_at(POSTED, None, default_hours=24) == POSTED + timedelta(hours=24)


def test_vote_closes_an_hour_before_a_meeting_in_5_hours() -> None:
    meeting = datetime(2026, 6, 1, 15, 0, tzinfo=TORONTO)
    assert vote_closes_at(POSTED, meeting) == datetime(2026, 6, 1, 14, 0, tzinfo=TORONTO)


@pytest.mark.parametrize("hours_to_meeting", [1, 2, 0, -3])
def test_vote_gets_the_minimum_when_the_meeting_is_too_soon(hours_to_meeting: int) -> None:
    meeting = POSTED + timedelta(hours=hours_to_meeting)
    assert vote_closes_at(POSTED, meeting) == POSTED + timedelta(hours=2)
    assert vote_closes_at(POSTED, meeting, minimum_hours=1) == POSTED + timedelta(hours=1)


def test_vote_deadline_keeps_the_posting_zone_whatever_the_meeting_zone() -> None:
    meeting = utc(2026, 6, 1, 19, 0)  # 15:00 in Toronto
    closes = vote_closes_at(POSTED, meeting)
    assert closes.tzinfo is TORONTO
    assert closes.astimezone(UTC) == utc(2026, 6, 1, 18, 0)


def test_vote_lasts_48_real_hours_across_the_end_of_daylight_saving() -> None:
    posted = datetime(2026, 10, 31, 10, 0, tzinfo=TORONTO)  # EDT, UTC-4
    closes = vote_closes_at(posted, None)
    assert closes.astimezone(UTC) == utc(2026, 11, 2, 14, 0)
    assert (closes.hour, closes.utcoffset()) == (9, timedelta(hours=-5))  # 9:00 EST, not 10:00


def test_vote_before_a_meeting_the_morning_after_the_change() -> None:
    posted = datetime(2026, 10, 31, 20, 0, tzinfo=TORONTO)  # EDT
    meeting = datetime(2026, 11, 1, 10, 0, tzinfo=TORONTO)  # EST
    closes = vote_closes_at(posted, meeting)
    assert closes.astimezone(UTC) == utc(2026, 11, 1, 14, 0)
    assert closes.hour == 9


def test_vote_closing_in_the_repeated_hour_is_the_second_one() -> None:
    posted = datetime(2026, 11, 1, 0, 30, tzinfo=TORONTO)  # EDT
    meeting = datetime(2026, 11, 1, 2, 30, tzinfo=TORONTO)  # EST, 3 real hours later
    closes = vote_closes_at(posted, meeting)  # meeting - 1 h == posted + 2 h
    assert closes.astimezone(UTC) == utc(2026, 11, 1, 6, 30)
    assert (closes.hour, closes.minute, closes.fold) == (1, 30, 1)  # 1:30 EST


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        vote_closes_at(datetime(2026, 6, 1, 10, 0), None)
    with pytest.raises(ValueError):
        vote_closes_at(POSTED, datetime(2026, 6, 5, 10, 0))
    with pytest.raises(ValueError):
        report_due_at(datetime(2026, 6, 5, 10, 0))
    with pytest.raises(ValueError):
        is_valid(POSTED, datetime(2026, 6, 5, 10, 0))


def test_valid_until_the_end_of_the_meeting_day() -> None:
    meeting = datetime(2026, 6, 10, 18, 30, tzinfo=TORONTO)
    assert default_valid_until(meeting, None, TORONTO) == datetime(
        2026, 6, 10, 23, 59, tzinfo=TORONTO
    )


def test_valid_until_uses_the_local_day_of_the_meeting() -> None:
    meeting = utc(2026, 6, 11, 1, 0)  # 21:00 on June 10 in Toronto
    valid = default_valid_until(meeting, None, TORONTO)
    assert valid == datetime(2026, 6, 10, 23, 59, tzinfo=TORONTO)
    assert valid.tzinfo is TORONTO


def test_valid_until_the_end_of_the_period() -> None:
    assert default_valid_until(None, date(2026, 12, 31), TORONTO) == datetime(
        2026, 12, 31, 23, 59, tzinfo=TORONTO
    )


def test_valid_until_the_later_of_meeting_and_period() -> None:
    meeting = datetime(2026, 6, 10, 18, 30, tzinfo=TORONTO)
    end = date(2026, 9, 30)
    expected = datetime(2026, 9, 30, 23, 59, tzinfo=TORONTO)
    assert default_valid_until(meeting, end, TORONTO) == expected
    assert default_valid_until(meeting, date(2026, 6, 1), TORONTO).day == 10


def test_valid_until_needs_a_meeting_or_a_period() -> None:
    with pytest.raises(ValueError):
        default_valid_until(None, None, TORONTO)


def test_report_due_3_hours_after_the_meeting_starts() -> None:
    meeting = datetime(2026, 6, 10, 18, 30, tzinfo=TORONTO)
    assert report_due_at(meeting) == datetime(2026, 6, 10, 21, 30, tzinfo=TORONTO)
    assert report_due_at(meeting, after_hours=24).day == 11


def test_report_due_counts_real_hours_across_the_change() -> None:
    meeting = datetime(2026, 11, 1, 0, 30, tzinfo=TORONTO)  # EDT
    due = report_due_at(meeting)
    assert due.astimezone(UTC) == utc(2026, 11, 1, 7, 30)
    assert due.hour == 2  # 2:30 EST


def test_is_valid() -> None:
    until = datetime(2026, 6, 10, 23, 59, tzinfo=TORONTO)
    assert is_valid(until, until - timedelta(days=3))
    assert is_valid(until, until)
    assert is_valid(until, utc(2026, 6, 11, 3, 59))  # the same moment, in UTC
    assert not is_valid(until, until + timedelta(minutes=1))


# --- Points ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("Gel des loyers\nRéparer l'ascenseur", ["Gel des loyers", "Réparer l'ascenseur"]),
        (
            "- Gel des loyers\n• Ascenseur\n* Chauffage",
            ["Gel des loyers", "Ascenseur", "Chauffage"],
        ),
        ("1. Loyers\n2) Ascenseur\n10. Jardin", ["Loyers", "Ascenseur", "Jardin"]),
        ("\n  Loyers  \n\n\n   \nAscenseur\n", ["Loyers", "Ascenseur"]),
        ("Loyers ; ascenseur ; chauffage", ["Loyers", "ascenseur", "chauffage"]),
        ("- Loyers ;; - ascenseur ;", ["Loyers", "ascenseur"]),
        ("Hausse de 1.5 % refusée", ["Hausse de 1.5 % refusée"]),
        ("Loyers ; oui\nAscenseur", ["Loyers ; oui", "Ascenseur"]),  # several lines: kept whole
        ("Saint-Michel   et   Limoilou", ["Saint-Michel et Limoilou"]),
        ("-\n•\n", []),
        ("", []),
    ],
)
def test_split_points(text: str, points: list[str]) -> None:
    assert split_points(text) == (points, False)


def test_split_points_drops_points_beyond_the_limit() -> None:
    text = "\n".join(f"- Point {number}" for number in range(1, 13))
    points, cut = split_points(text)
    assert points == [f"Point {number}" for number in range(1, 11)]
    assert cut
    assert split_points("a ; b ; c", max_items=2) == (["a", "b"], True)


def test_split_points_cuts_long_points() -> None:
    points, cut = split_points("Loyers\n" + "mot " * 200, max_length=50)
    assert cut
    assert points[0] == "Loyers"
    assert 0 < len(points[1]) <= 50
    assert points[1].startswith("mot mot")


def test_split_points_exactly_at_the_limits_is_not_cut() -> None:
    text = "\n".join(["x" * 300] * 10)
    assert split_points(text) == (["x" * 300] * 10, False)


# --- Properties ------------------------------------------------------------------------------


@settings(max_examples=300)
@given(
    st.text(max_size=600),
    st.integers(min_value=-2, max_value=15),
    st.integers(min_value=-2, max_value=400),
)
def test_split_points_never_raises_and_keeps_its_limits(
    text: str, max_items: int, max_length: int
) -> None:
    points, cut = split_points(text, max_items=max_items, max_length=max_length)
    assert len(points) <= max(0, max_items)
    for point in points:
        assert point
        assert point == point.strip()
        assert len(point) <= max_length
        assert "\n" not in point
    if not cut:
        assert split_points(text, max_items=1000, max_length=10_000) == (points, False)


counts = st.integers(min_value=0, max_value=60)
sizes = st.integers(min_value=-3, max_value=80)


@settings(max_examples=500)
@given(counts, counts, counts, sizes, sizes)
def test_outcome_follows_the_documented_rules(
    for_: int, against: int, abstain: int, quorum: int, member_count: int
) -> None:
    tally = Tally(for_, against, abstain)
    result = outcome(tally, quorum=quorum, member_count=member_count)
    quorum_met = tally.cast >= max(1, min(quorum, member_count))
    assert (result is Outcome.NO_QUORUM) == (not quorum_met)
    assert (result is Outcome.ADOPTED) == (quorum_met and for_ > against)
    assert (result is Outcome.REJECTED) == (quorum_met and for_ <= against)


@given(st.lists(st.sampled_from(VoteChoice), max_size=40))
def test_tally_counts_every_choice(choices: list[VoteChoice]) -> None:
    tally = Tally.from_choices(choices)
    assert tally.cast == len(choices)
    assert tally.for_ == choices.count(VoteChoice.FOR)
    assert tally.abstain == choices.count(VoteChoice.ABSTAIN)


# --- A meeting with no hour given ----------------------------------------------------------


def test_a_meeting_begins_at_its_hour_or_with_its_day() -> None:
    assert meeting_begins(MeetingTime(date(2026, 6, 10), time(14, 0)), TORONTO) == datetime(
        2026, 6, 10, 14, 0, tzinfo=TORONTO
    )
    assert meeting_begins(MeetingTime(date(2026, 6, 10)), TORONTO) == datetime(
        2026, 6, 10, 0, 0, tzinfo=TORONTO
    )
    assert meeting_begins(None, TORONTO) is None


def test_without_an_hour_the_vote_closes_the_evening_before() -> None:
    begins = meeting_begins(MeetingTime(date(2026, 6, 2)), TORONTO)
    assert vote_closes_at(POSTED, begins) == datetime(2026, 6, 1, 23, 0, tzinfo=TORONTO)


def test_without_an_hour_the_mandate_holds_to_the_end_of_the_day() -> None:
    begins = meeting_begins(MeetingTime(date(2026, 6, 10)), TORONTO)
    assert default_valid_until(begins, None, TORONTO) == datetime(
        2026, 6, 10, 23, 59, tzinfo=TORONTO
    )


def test_the_report_is_asked_after_the_hour_or_the_next_morning() -> None:
    with_hour = MeetingTime(date(2026, 6, 10), time(18, 30))
    assert report_requested_at(with_hour, TORONTO) == datetime(2026, 6, 10, 21, 30, tzinfo=TORONTO)
    without = MeetingTime(date(2026, 6, 10))
    assert report_requested_at(without, TORONTO) == datetime(2026, 6, 11, 10, 0, tzinfo=TORONTO)


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=date(2000, 1, 2), max_value=date(2100, 1, 1)))
def test_without_an_hour_the_report_never_comes_on_the_meeting_day(day: date) -> None:
    asked = report_requested_at(MeetingTime(day), TORONTO)
    assert asked.date() == day + timedelta(days=1)
    begins = meeting_begins(MeetingTime(day), TORONTO)
    assert begins is not None and begins.date() == day
