from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.calendar_rules import RECENTLY_PASSED
from bot.domain.french_dates import DateFinding, DateProblem, find_due_date, warm_up

TZ = ZoneInfo("America/Toronto")
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # Monday 23 November 2026


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "due", "due_time"),
    [
        ("aujourd'hui", date(2026, 11, 23), None),
        ("Aujourd’hui", date(2026, 11, 23), None),
        ("aujourdhui", date(2026, 11, 23), None),
        ("ce soir", date(2026, 11, 23), None),
        ("ce soir à 7 h", date(2026, 11, 23), time(19, 0)),
        ("demain", date(2026, 11, 24), None),
        ("DEMAIN", date(2026, 11, 24), None),
        ("après-demain", date(2026, 11, 25), None),
        ("apres-demain", date(2026, 11, 25), None),
        ("apres demain", date(2026, 11, 25), None),
        ("vendredi", date(2026, 11, 27), None),
        ("Vendredi", date(2026, 11, 27), None),
        ("vendredit", date(2026, 11, 27), None),
        ("lundi", date(2026, 11, 30), None),  # today is Monday: the next one
        ("d'ici vendredi", date(2026, 11, 27), None),
        ("avant mardi", date(2026, 11, 24), None),
        ("vendredi prochain", date(2026, 11, 27), None),
        ("mercredi qui vient", date(2026, 11, 25), None),
        ("lundi le 30", date(2026, 11, 30), None),
        ("lundi le 7", date(2026, 12, 7), None),
        ("vendredi 27 novembre", date(2026, 11, 27), None),
        ("le 15 décembre", date(2026, 12, 15), None),
        ("le 15 decembre", date(2026, 12, 15), None),
        ("le 15 DÉCEMBRE", date(2026, 12, 15), None),
        ("15 décembre 2026", date(2026, 12, 15), None),
        ("le 15 déc. 2026", date(2026, 12, 15), None),
        ("le 1er décembre", date(2026, 12, 1), None),
        ("le 1ᵉʳ décembre", date(2026, 12, 1), None),
        ("15/12", date(2026, 12, 15), None),
        ("15/12/2026", date(2026, 12, 15), None),
        ("15/12/26", date(2026, 12, 15), None),
        ("le 23/11", date(2026, 11, 23), None),  # today's date is today, not next year
        ("23 novembre", date(2026, 11, 23), None),
        ("le 15 janvier", date(2027, 1, 15), None),
        ("le 1er mai", date(2027, 5, 1), None),  # passed long ago this year: next year
        ("d'ici le 15", date(2026, 12, 15), None),
        ("jusqu'au 30", date(2026, 11, 30), None),
        ("dans deux semaines", date(2026, 12, 7), None),
        ("dans 2 semaines", date(2026, 12, 7), None),
        ("dans 3 jours", date(2026, 11, 26), None),
        ("dans un mois", date(2026, 12, 23), None),
        ("dans quinze jours", date(2026, 12, 7), None),
        ("dans huit jours", date(2026, 11, 30), None),
        ("la semaine prochaine", date(2026, 11, 30), None),  # Monday of next week
        ("d'ici la semaine prochaine", date(2026, 11, 30), None),
        ("le mois prochain", date(2026, 12, 1), None),
        ("d'ici la fin du mois", date(2026, 11, 30), None),
        ("fin du mois", date(2026, 11, 30), None),
        ("fin du mois prochain", date(2026, 12, 31), None),
        ("d'ici la fin de la semaine", date(2026, 11, 27), None),  # Friday
        ("fin de semaine", date(2026, 11, 27), None),  # Québec: the weekend
        ("d'ici fin janvier", date(2027, 1, 31), None),
        ("demain à 14 h 30", date(2026, 11, 24), time(14, 30)),
        ("demain à 14\u202fh\u202f30", date(2026, 11, 24), time(14, 30)),  # Babel's fr_CA
        ("demain à 14h30", date(2026, 11, 24), time(14, 30)),
        ("demain à 14 h", date(2026, 11, 24), time(14, 0)),
        ("demain 19h", date(2026, 11, 24), time(19, 0)),
        ("demain à 9:05", date(2026, 11, 24), time(9, 5)),
        ("demain midi", date(2026, 11, 24), time(12, 0)),
        ("demain matin", date(2026, 11, 24), None),
        ("demain soir", date(2026, 11, 24), None),
        ("vendredi à 19h", date(2026, 11, 27), time(19, 0)),
        ("le 15 décembre à 18 h", date(2026, 12, 15), time(18, 0)),
        ("à 14 h demain", date(2026, 11, 24), time(14, 0)),
        ("à 14 h 30", date(2026, 11, 23), time(14, 30)),  # still ahead today
        ("à 9 h", date(2026, 11, 24), time(9, 0)),  # already past today: tomorrow
        ("vers 19h", date(2026, 11, 23), time(19, 0)),
        ("à midi", date(2026, 11, 23), time(12, 0)),
        ("cet après-midi à 3 h", date(2026, 11, 23), time(15, 0)),
    ],
)
def test_phrases_on_a_monday(text: str, due: date, due_time: time | None) -> None:
    found = find_due_date(text, now=MONDAY)
    assert found == DateFinding(text.strip(), due, due_time, None)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("hier", date(2026, 11, 22)),
        ("avant-hier", date(2026, 11, 21)),
        ("le 15/10/2025", date(2025, 10, 15)),
        ("15 octobre 2025", date(2025, 10, 15)),
        ("la semaine dernière", date(2026, 11, 16)),
        ("lundi dernier", date(2026, 11, 16)),
        ("il y a 3 jours", date(2026, 11, 20)),
    ],
)
def test_explicit_past_dates_are_flagged(text: str, due: date) -> None:
    assert find_due_date(text, now=MONDAY) == DateFinding(text, due, None, DateProblem.IN_THE_PAST)


@pytest.mark.parametrize(
    "text",
    ["31/11", "le 32 décembre", "mardi le 30", "à 25 h", "demain à 14 h 75", "le 30/02/2027"],
)
def test_unreadable_cues(text: str) -> None:
    assert find_due_date(text, now=MONDAY) == DateFinding(text, None, None, DateProblem.UNREADABLE)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Rien à signaler.",
        "demin",  # typo not supported: no date rather than a wrong one
        "décembre",  # a month alone is no deadline
        "2/3 des locataires sont d'accord",
        "une réunion de 2 h",
        "pour 15 personnes",
        "tous les vendredis",
        "le lendemain",
        "la réunion d'hier",  # context, not a deadline
        "la lettre du 15 octobre 2025",
    ],
)
def test_no_date(text: str) -> None:
    assert find_due_date(text, now=MONDAY) == DateFinding(None, None, None, None)


def test_phrase_is_the_exact_substring() -> None:
    text = "Marie s'en occupe D’ICI Vendredi, merci!"
    found = find_due_date(text, now=MONDAY)
    assert found.phrase == "D’ICI Vendredi"
    assert found.due_date == date(2026, 11, 27)


def test_a_deadline_wins_over_other_dates() -> None:
    text = "Pour la réunion du 15 décembre, Marie appelle d'ici vendredi."
    assert find_due_date(text, now=MONDAY).phrase == "d'ici vendredi"
    text = "Suite à la réunion d'hier, Paul écrit au député demain."
    assert find_due_date(text, now=MONDAY).due_date == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("now", "text", "due", "due_time"),
    [
        # Friday evening
        (at(2026, 11, 27, 20), "vendredi", date(2026, 12, 4), None),
        (at(2026, 11, 27, 20), "demain", date(2026, 11, 28), None),
        (at(2026, 11, 27, 20), "la semaine prochaine", date(2026, 11, 30), None),
        (at(2026, 11, 27, 20), "d'ici la fin de la semaine", date(2026, 11, 27), None),
        (at(2026, 11, 27, 20), "à 21 h", date(2026, 11, 27), time(21, 0)),
        (at(2026, 11, 27, 20), "à 9 h", date(2026, 11, 28), time(9, 0)),
        # Saturday: the week ends on Sunday
        (at(2026, 11, 28), "d'ici la fin de la semaine", date(2026, 11, 29), None),
        # Last day of a month
        (at(2026, 11, 30, 18), "fin du mois", date(2026, 11, 30), None),
        (at(2026, 11, 30, 18), "demain", date(2026, 12, 1), None),
        (at(2026, 11, 30, 18), "dans un mois", date(2026, 12, 30), None),
        (at(2026, 11, 30, 18), "d'ici le 31", date(2026, 12, 31), None),
        (at(2027, 1, 31), "dans un mois", date(2027, 2, 28), None),
        (at(2027, 1, 31), "fin février", date(2027, 2, 28), None),
        # December: January dates are next year
        (at(2026, 12, 10), "le 15 janvier", date(2027, 1, 15), None),
        (at(2026, 12, 10), "15/01", date(2027, 1, 15), None),
        (at(2026, 12, 10), "le 10 décembre", date(2026, 12, 10), None),
        (at(2026, 12, 10), "le mois prochain", date(2027, 1, 1), None),
        # New Year's Eve: dateparser alone puts « 09:00 » in December 2027
        (at(2026, 12, 31, 23), "à 9 h", date(2027, 1, 1), time(9, 0)),
        (at(2026, 12, 31, 23), "lundi", date(2027, 1, 4), None),
        (at(2026, 12, 31, 23), "31/12", date(2026, 12, 31), None),
        # Around the end of daylight saving time (1 November 2026, 2:00)
        (at(2026, 10, 31, 22), "demain à 14 h 30", date(2026, 11, 1), time(14, 30)),
        (at(2026, 10, 31, 22), "dimanche", date(2026, 11, 1), None),
        (datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=TZ), "demain", date(2026, 11, 2), None),
        (datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=TZ), "ce soir", date(2026, 11, 1), None),
        # Leap day
        (at(2028, 2, 29), "le 29/02", date(2028, 2, 29), None),
    ],
)
def test_other_moments(now: datetime, text: str, due: date, due_time: time | None) -> None:
    assert find_due_date(text, now=now) == DateFinding(text, due, due_time, None)


def test_warm_up() -> None:
    warm_up()


_CUES = [
    "en janvier", "mi-", "avant Noël", "après les Fêtes", "au printemps", "début", "3 novembre",
    "demain", "vendredi", "le 15 décembre", "15/12", "à 14 h 30", "d'ici", "hier", "fin du",
    "dans", "jours", "le 31", "lundi le", "prochain", "mois", "semaine", "31/02", "99:99",
    "avant", "jusqu'au", "ce soir", "midi", "1er", "2026", "dernier", "il y a",
]  # fmt: skip
_TEXTS = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(_CUES), st.text(max_size=6)), max_size=8).map(" ".join),
)


@settings(max_examples=200, deadline=None)
@given(
    text=_TEXTS,
    now=st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(TZ)
    ),
)
def test_never_raises_and_never_gives_a_past_date_silently(text: str, now: datetime) -> None:
    found = find_due_date(text, now=now)
    if found.phrase is None:
        assert found == DateFinding(None, None, None, None)
        return
    assert found.phrase in text
    if found.problem is None:
        assert found.due_date is not None
        assert found.due_date >= now.date()
    elif found.problem is DateProblem.UNREADABLE:
        assert found.due_date is None and found.due_time is None
    elif found.problem in (DateProblem.YEAR_UNSURE, DateProblem.WHICH_DAY):
        assert found.due_date is None and found.suggested is not None
        assert found.suggested >= now.date()
    else:
        assert found.due_date is not None and found.due_date < now.date()


NOV_30 = at(2026, 11, 30)


@pytest.mark.parametrize(
    ("now", "text", "problem", "suggested"),
    [
        # A day without a year that just passed: asked, next year's offered.
        (NOV_30, "le 3 novembre", DateProblem.YEAR_UNSURE, date(2027, 11, 3)),
        (NOV_30, "3/11", DateProblem.YEAR_UNSURE, date(2027, 11, 3)),
        (NOV_30, "d'ici le 3 novembre", DateProblem.YEAR_UNSURE, date(2027, 11, 3)),
        (NOV_30, "fin octobre", DateProblem.YEAR_UNSURE, date(2027, 10, 31)),
        (MONDAY, "le 1er novembre", DateProblem.YEAR_UNSURE, date(2027, 11, 1)),
        (MONDAY, "le 3 septembre", DateProblem.YEAR_UNSURE, date(2027, 9, 3)),
        (at(2027, 1, 5), "le 20 décembre", DateProblem.YEAR_UNSURE, date(2027, 12, 20)),
        # A month, not a day: asked, a day of it offered.
        (NOV_30, "en janvier", DateProblem.WHICH_DAY, date(2027, 1, 31)),
        (NOV_30, "au mois de janvier", DateProblem.WHICH_DAY, date(2027, 1, 31)),
        (NOV_30, "courant février", DateProblem.WHICH_DAY, date(2027, 2, 28)),
        (NOV_30, "pour mars 2028", DateProblem.WHICH_DAY, date(2028, 3, 31)),
        (NOV_30, "en novembre", DateProblem.WHICH_DAY, date(2026, 11, 30)),
        (NOV_30, "début janvier", DateProblem.WHICH_DAY, date(2027, 1, 4)),  # 3rd is a Sunday
        (NOV_30, "début mars", DateProblem.WHICH_DAY, date(2027, 3, 1)),
        (NOV_30, "avant janvier", DateProblem.WHICH_DAY, date(2026, 12, 31)),
        (NOV_30, "d'ici février", DateProblem.WHICH_DAY, date(2027, 1, 31)),
    ],
)
def test_dates_asked_about_offer_their_likely_day(
    now: datetime, text: str, problem: DateProblem, suggested: date
) -> None:
    assert find_due_date(text, now=now) == DateFinding(text, None, None, problem, suggested)


@pytest.mark.parametrize(
    ("now", "text", "due"),
    [
        (NOV_30, "après les Fêtes", date(2027, 1, 4)),  # 2 January 2027 is a Saturday
        (at(2027, 12, 1), "après les fêtes", date(2028, 1, 3)),
        (at(2027, 1, 2), "après les Fêtes", date(2027, 1, 4)),
        (NOV_30, "avant les Fêtes", date(2026, 12, 23)),
        (NOV_30, "avant Noël", date(2026, 12, 24)),
        (NOV_30, "pour Noël", date(2026, 12, 24)),
        (NOV_30, "d'ici Noël", date(2026, 12, 24)),
        (NOV_30, "à Noël", date(2026, 12, 25)),
        (at(2026, 12, 26), "avant Noël", date(2027, 12, 24)),
        (NOV_30, "avant le jour de l'An", date(2026, 12, 31)),
        (NOV_30, "fin janvier", date(2027, 1, 31)),
        (NOV_30, "à la mi-janvier", date(2027, 1, 15)),
        (NOV_30, "mi-décembre", date(2026, 12, 15)),
        (NOV_30, "d'ici la fin de l'année", date(2026, 12, 31)),
        (NOV_30, "le 30 juin", date(2027, 6, 30)),  # passed months ago: the next one
    ],
)
def test_holidays_and_periods_that_are_understood(now: datetime, text: str, due: date) -> None:
    assert find_due_date(text, now=now) == DateFinding(text, due, None, None)


@pytest.mark.parametrize(
    "text",
    ["au printemps", "à la rentrée", "cet été", "après Noël", "pendant les Fêtes", "à l'automne"],
)
def test_date_phrases_not_understood_are_said_so(text: str) -> None:
    assert find_due_date(text, now=NOV_30) == DateFinding(text, None, None, DateProblem.UNREADABLE)


@pytest.mark.parametrize(
    "text", ["On garde la fête de Noël.", "le budget de janvier", "Noël", "les Fêtes"]
)
def test_holidays_and_months_that_name_a_thing_are_no_date(text: str) -> None:
    assert find_due_date(text, now=NOV_30) == DateFinding(None, None, None, None)


@pytest.mark.parametrize(
    ("now", "text", "due"),
    [
        (NOV_30, "le 3 novembre", date(2026, 11, 3)),
        (NOV_30, "le 3 décembre", date(2026, 12, 3)),
        (at(2027, 1, 5), "le 20 décembre", date(2026, 12, 20)),
        (NOV_30, "fin octobre", date(2026, 10, 31)),
    ],
)
def test_where_a_past_day_is_expected_a_day_without_year_is_the_nearest(
    now: datetime, text: str, due: date
) -> None:
    found = find_due_date(text, now=now, past_ok=True)
    assert found.due_date == due
    assert found.problem in (None, DateProblem.IN_THE_PAST)


def test_a_weekday_settles_the_year_of_a_day_just_passed() -> None:
    # 3 November 2026 is a Tuesday, 3 November 2027 a Wednesday.
    found = find_due_date("mardi 3 novembre", now=NOV_30)
    assert found == DateFinding(
        "mardi 3 novembre", date(2026, 11, 3), None, DateProblem.IN_THE_PAST
    )


@settings(max_examples=300, deadline=None)
@given(
    day=st.integers(min_value=1, max_value=31),
    month=st.integers(min_value=1, max_value=12),
    today=st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 12, 31)),
)
def test_a_day_without_a_year_is_never_moved_to_another_year_silently(
    day: int, month: int, today: date
) -> None:
    now = datetime(today.year, today.month, today.day, 10, tzinfo=TZ)
    found = find_due_date(f"le {day}/{month}", now=now)
    if found.problem is DateProblem.UNREADABLE:
        return  # no such day (« 31/11 »)
    previous = _previous(day, month, today)
    if found.problem is DateProblem.YEAR_UNSURE:
        assert found.suggested is not None and found.suggested > today
        assert (found.suggested.day, found.suggested.month) == (day, month)
        assert previous is not None and today - previous <= RECENTLY_PASSED
        return
    assert found.problem is None and found.due_date is not None
    assert (found.due_date.day, found.due_date.month) == (day, month)
    assert found.due_date >= today
    if previous is not None and found.due_date > today:
        assert today - previous > RECENTLY_PASSED, "moved to a later year silently"


def _previous(day: int, month: int, today: date) -> date | None:
    """The last such day before today, within the four years before it."""
    for year in range(today.year, today.year - 5, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate < today:
            return candidate
    return None
