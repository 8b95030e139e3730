"""Dates typed in Spanish or Arabic: read with the person's language as a hint, French still."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.french_dates import DateProblem, find_due_date

TZ = ZoneInfo("America/Toronto")
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # Monday 23 November 2026
LOCALES = Path(__file__).resolve().parents[2] / "locales"


@pytest.mark.parametrize(
    ("text", "due", "due_time"),
    [
        ("el viernes", date(2026, 11, 27), None),
        ("para el viernes", date(2026, 11, 27), None),
        ("Viernes", date(2026, 11, 27), None),
        ("el próximo lunes", date(2026, 11, 30), None),
        ("el lunes que viene", date(2026, 11, 30), None),
        ("el viernes 27", date(2026, 11, 27), None),
        ("15 de diciembre", date(2026, 12, 15), None),
        ("antes del 15 de diciembre", date(2026, 12, 15), None),
        ("viernes, 27 de noviembre de 2026", date(2026, 11, 27), None),  # as the bot writes it
        ("el 15 de enero", date(2027, 1, 15), None),
        ("en 2 semanas", date(2026, 12, 7), None),
        ("en dos semanas", date(2026, 12, 7), None),
        ("dentro de 3 días", date(2026, 11, 26), None),
        ("en un mes", date(2026, 12, 23), None),
        ("hoy", date(2026, 11, 23), None),
        ("mañana", date(2026, 11, 24), None),
        ("mañana por la mañana", date(2026, 11, 24), None),
        ("pasado mañana", date(2026, 11, 25), None),
        ("la próxima semana", date(2026, 11, 30), None),
        ("la semana que viene", date(2026, 11, 30), None),
        ("el mes que viene", date(2026, 12, 1), None),
        ("a fin de mes", date(2026, 11, 30), None),
        ("para el 15", date(2026, 12, 15), None),
        ("jueves a las 2 p.m.", date(2026, 11, 26), time(14, 0)),
        ("15 de diciembre a las 19:30", date(2026, 12, 15), time(19, 30)),
        ("mañana a las 7 de la tarde", date(2026, 11, 24), time(19, 0)),
        # French, typed by the same person, is still read.
        ("d'ici vendredi", date(2026, 11, 27), None),
        ("15/12", date(2026, 12, 15), None),
    ],
)
def test_spanish_dates(text: str, due: date, due_time: time | None) -> None:
    finding = find_due_date(text, now=MONDAY, languages=("es",))
    assert (finding.due_date, finding.due_time, finding.problem) == (due, due_time, None)
    assert finding.phrase is not None and finding.phrase in text


@pytest.mark.parametrize(
    ("text", "due", "due_time"),
    [
        ("الجمعة", date(2026, 11, 27), None),
        ("يوم الجمعة", date(2026, 11, 27), None),
        ("قبل الجمعة", date(2026, 11, 27), None),
        ("بحلول يوم الخميس", date(2026, 11, 26), None),
        ("الاثنين القادم", date(2026, 11, 30), None),
        ("الإثنين المقبل", date(2026, 11, 30), None),
        ("15 ديسمبر", date(2026, 12, 15), None),
        ("١٥ ديسمبر", date(2026, 12, 15), None),  # Arabic-Indic digits
        ("15 كانون الأول", date(2026, 12, 15), None),  # the Levant's month names
        ("15 جانفي", date(2027, 1, 15), None),  # the Maghreb's
        ("الجمعة، 27 نوفمبر 2026", date(2026, 11, 27), None),  # as the bot writes it
        ("بعد أسبوعين", date(2026, 12, 7), None),  # the dual: two weeks
        ("خلال أسبوعين", date(2026, 12, 7), None),
        ("بعد أسبوع", date(2026, 11, 30), None),
        ("بعد 3 أيام", date(2026, 11, 26), None),
        ("بعد ثلاثة أيام", date(2026, 11, 26), None),
        ("اليوم", date(2026, 11, 23), None),
        ("غدًا", date(2026, 11, 24), None),
        ("غدا", date(2026, 11, 24), None),
        ("بعد غد", date(2026, 11, 25), None),
        ("الأسبوع القادم", date(2026, 11, 30), None),
        ("الشهر القادم", date(2026, 12, 1), None),
        ("نهاية الشهر", date(2026, 11, 30), None),
        ("الخميس الساعة 2 مساءً", date(2026, 11, 26), time(14, 0)),
        ("15 ديسمبر الساعة 7 مساءً", date(2026, 12, 15), time(19, 0)),
        ("الجمعة، 27 نوفمبر 2026 الساعة 2:30 م", date(2026, 11, 27), time(14, 30)),
        ("d'ici vendredi", date(2026, 11, 27), None),
    ],
)
def test_arabic_dates(text: str, due: date, due_time: time | None) -> None:
    finding = find_due_date(text, now=MONDAY, languages=("ar",))
    assert (finding.due_date, finding.due_time, finding.problem) == (due, due_time, None)
    assert finding.phrase is not None and finding.phrase in text


def test_the_phrase_is_what_was_typed_vowel_marks_included() -> None:
    finding = find_due_date("سأتصل غدًا بالمكتب", now=MONDAY, languages=("ar",))
    assert finding.phrase == "غدًا"
    finding = find_due_date("Lucía se encarga para el viernes.", now=MONDAY, languages=("es",))
    assert finding.phrase == "para el viernes"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Tengo 15 años en el edificio", "es"),
        ("Compramos un mes de café", "es"),
        ("Hablamos del martes pasado con la mar de gente", "en"),  # no Spanish hint
        ("لا أحد يعرف", "ar"),  # « أحد » alone is « anyone », not Sunday
        ("عندي 3 أطفال", "ar"),
        ("اشترينا اثنين من الكراسي", "ar"),  # « اثنين » alone is « two »
    ],
)
def test_words_that_are_no_date(text: str, language: str) -> None:
    assert find_due_date(text, now=MONDAY, languages=(language,)).phrase is None


def test_without_the_hint_only_french_is_read() -> None:
    assert find_due_date("para el viernes", now=MONDAY).phrase is None
    assert find_due_date("قبل الجمعة", now=MONDAY).phrase is None


def test_the_same_rules_as_in_french_a_day_just_passed_is_asked_about() -> None:
    finding = find_due_date("antes del 3 de noviembre", now=MONDAY, languages=("es",))
    assert finding.problem is DateProblem.YEAR_UNSURE and finding.suggested == date(2027, 11, 3)
    finding = find_due_date("في شهر يناير", now=MONDAY, languages=("ar",))
    assert finding.problem is DateProblem.WHICH_DAY and finding.suggested == date(2027, 1, 31)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="el viernes para 15 de dic الجمعة قبل بعد أسبوعين ١٥ ًُ،,./", max_size=40),
    st.sampled_from(["es", "ar"]),
)
def test_the_phrase_is_always_typed_text(text: str, language: str) -> None:
    finding = find_due_date(text, now=MONDAY, languages=(language,))
    assert finding.phrase is None or finding.phrase in text


# The examples the Spanish and Arabic catalogs give for a date: each one must be understood.
CATALOG_EXAMPLES: list[tuple[str, str, str, date, bool]] = [
    # (msgid, locale, example as written in its translation, day meant, past allowed)
    ("Write the date. Examples: Friday, December 15, in two weeks, 15/12.", "es",
     "viernes", date(2026, 11, 27), False),
    ("Write the date. Examples: Friday, December 15, in two weeks, 15/12.", "es",
     "15 de diciembre", date(2026, 12, 15), False),
    ("Write the date. Examples: Friday, December 15, in two weeks, 15/12.", "es",
     "en 2 semanas", date(2026, 12, 7), False),
    ("Write the date. Examples: Friday, December 15, in two weeks, 15/12.", "ar",
     "الجمعة", date(2026, 11, 27), False),
    ("Write the date. Examples: Friday, December 15, in two weeks, 15/12.", "ar",
     "15 ديسمبر", date(2026, 12, 15), False),
    ("Write the date. Examples: Friday, December 15, in two weeks, 15/12.", "ar",
     "الأسبوع القادم", date(2026, 11, 30), False),
    ("In two weeks", "es", "En dos semanas", date(2026, 12, 7), False),
    ("In two weeks", "ar", "بعد أسبوعين", date(2026, 12, 7), False),
    ("By when? Press a button or write a date (example: June 30).", "es",
     "30 de junio", date(2027, 6, 30), False),
    ("By when? Press a button or write a date (example: June 30).", "ar",
     "30 يونيو", date(2027, 6, 30), False),
    ("Until when does the mandate hold? Example: March 31.", "es",
     "31 de marzo", date(2027, 3, 31), False),
    ("Until when does the mandate hold? Example: March 31.", "ar",
     "31 مارس", date(2027, 3, 31), False),
    ("When is the meeting? Write the date and time. Example: Thursday at 2 pm.", "es",
     "jueves a las 2 p.m.", date(2026, 11, 26), False),
    ("When is the meeting? Write the date and time. Example: Thursday at 2 pm.", "ar",
     "الخميس الساعة 2 مساءً", date(2026, 11, 26), False),
    ("When is the next meeting? Example: December 15 at 7 pm.", "es",
     "15 de diciembre a las 7 p.m.", date(2026, 12, 15), False),
    ("When is the next meeting? Example: December 15 at 7 pm.", "ar",
     "15 ديسمبر الساعة 7 مساءً", date(2026, 12, 15), False),
    ("When was the meeting? Press a button or write the date (example: 18/11).", "ar",
     "18/11", date(2026, 11, 18), True),
    ("What was decided? Write it in one message.\n"
     "Example: We ask the office to repair the door. Marie takes care of it by Friday.", "es",
     "para el viernes", date(2026, 11, 27), False),
    ("What was decided? Write it in one message.\n"
     "Example: We ask the office to repair the door. Marie takes care of it by Friday.", "ar",
     "قبل الجمعة", date(2026, 11, 27), False),
]  # fmt: skip


def _translation(msgid: str, locale: str) -> str:
    with (LOCALES / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    message = catalog.get(msgid)
    assert message is not None and isinstance(message.string, str), msgid
    return message.string


@pytest.mark.parametrize(("msgid", "locale", "example", "due", "past_ok"), CATALOG_EXAMPLES)
def test_the_catalogs_date_examples_are_understood(
    msgid: str, locale: str, example: str, due: date, past_ok: bool
) -> None:
    assert example in _translation(msgid, locale)
    finding = find_due_date(example, now=MONDAY, past_ok=past_ok, languages=(locale,))
    assert finding.due_date == due, (example, finding)
