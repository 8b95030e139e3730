"""Who takes care of a decision, said in Spanish or Arabic (French: test_quick_decision)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.quick_decision import MemberName, QuickDecision, parse_quick_decision

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("America/Toronto"))
MARIE = MemberName(1, "Marie Tremblay", None)
LUCIA = MemberName(2, "Lucía Gómez", None)
AHMED = MemberName(3, "أحمد", None)
PAUL = MemberName(4, "Paul", None)
MEMBERS = [MARIE, LUCIA, AHMED, PAUL]


def read(text: str, language: str, author: MemberName = LUCIA) -> QuickDecision:
    return parse_quick_decision(
        text, author=author, members=MEMBERS, now=NOW, languages=(language,)
    )


@pytest.mark.parametrize(
    ("text", "responsible", "title"),
    [
        ("Pedimos a la oficina que repare la puerta, como dijo Marie. "
         "Lucía se encarga para el viernes.", LUCIA,
         "Pedimos a la oficina que repare la puerta, como dijo Marie"),
        ("Le pedimos a la oficina que repare la puerta. Marie se encarga para el viernes.",
         MARIE, "Le pedimos a la oficina que repare la puerta"),
        ("Paul se ocupa de la carta.", PAUL, "La carta"),
        ("Paul va a llamar a la oficina.", PAUL, "Llamar a la oficina"),
        ("Paul llamará a la oficina.", PAUL, "Llamará a la oficina"),
        ("Responsable: Paul. Arreglar la puerta en dos semanas.", PAUL, "Arreglar la puerta"),
        ("Arreglar la puerta, a cargo de Marie.", MARIE, "Arreglar la puerta"),
        ("Me encargo de llamar a la oficina mañana.", LUCIA, "Llamar a la oficina"),
        ("Yo me ocupo de la fiesta.", LUCIA, "La fiesta"),
    ],
)  # fmt: skip
def test_spanish_cues(text: str, responsible: MemberName, title: str) -> None:
    parsed = read(text, "es")
    assert parsed.responsible == responsible
    assert parsed.title == title


@pytest.mark.parametrize(
    ("text", "responsible", "title"),
    [
        # Subject first, or the verb first as Arabic often has it.
        ("أحمد يتكفل بالرسالة بعد أسبوعين.", AHMED, "الرسالة"),
        ("سأتكفل بالاتصال بالمكتب.", AHMED, "الاتصال بالمكتب"),
        ("نطلب من المكتب إصلاح الباب، كما قالت Marie. سيتولى أحمد ذلك قبل الجمعة.", AHMED,
         "نطلب من المكتب إصلاح الباب، كما قالت Marie"),
        ("ستتولى Marie كتابة الرسالة.", MARIE, "كتابة الرسالة"),
        ("Paul مسؤول عن الحفلة.", PAUL, "الحفلة"),
        ("المسؤول: Paul. إصلاح الباب.", PAUL, "إصلاح الباب"),
        ("سأتولى الاتصال بالمكتب غدا.", AHMED, "الاتصال بالمكتب"),
    ],
)  # fmt: skip
def test_arabic_cues(text: str, responsible: MemberName, title: str) -> None:
    parsed = read(text, "ar", author=AHMED)
    assert parsed.responsible == responsible
    assert parsed.title == title


def test_the_cue_chooses_among_the_members_named() -> None:
    # Without the Spanish cue the first member named (Marie) would be taken.
    text = "Como dijo Marie, Lucía se encarga."
    assert read(text, "es").responsible == LUCIA
    assert parse_quick_decision(text, author=LUCIA, members=MEMBERS, now=NOW).responsible == MARIE


def test_an_arabic_name_without_telegram_is_kept_as_typed() -> None:
    parsed = read("نطلب من مكتب الإسكان إصلاح الباب. ماري تتولى ذلك قبل الجمعة.", "ar")
    assert parsed.responsible is None and parsed.unknown_name == "ماري"
    assert parsed.date.due_date == date(2026, 11, 27)
    assert parsed.title == "نطلب من مكتب الإسكان إصلاح الباب"
    parsed = read("Gerardo se encarga de la carta.", "es")
    assert parsed.unknown_name == "Gerardo" and parsed.title == "La carta"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Luego llamamos a la oficina.", "es"),  # « we call »: nobody named
        ("Todos se encargan de la fiesta.", "es"),
        ("المكتب يتولى الإصلاح.", "ar"),  # the office, a noun with its article
        ("سيتصل بالمكتب يوم الاثنين.", "ar"),  # « he will call the office »: nobody named
        ("هو يتولى ذلك.", "ar"),  # a pronoun
    ],
)
def test_words_that_name_nobody(text: str, language: str) -> None:
    parsed = read(text, language, author=MemberName(9, "Zoé", None))
    assert parsed.responsible is None and parsed.unknown_name is None


def test_plural_cues_share_the_responsibility() -> None:
    parsed = read("Marie y Paul se encargan de la fiesta.", "es")
    assert parsed.responsible == MARIE and PAUL in parsed.other_people
    assert parsed.title == "Marie y Paul se encargan de la fiesta."


def test_spanish_cues_are_read_only_with_the_hint() -> None:
    text = "Como dijo Marie, Gerardo se encarga."
    assert read(text, "es").unknown_name == "Gerardo"
    assert parse_quick_decision(text, author=LUCIA, members=MEMBERS, now=NOW).unknown_name is None
