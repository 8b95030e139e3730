"""The notice-board sheet in Arabic: letters joined, read right to left, the page mirrored."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from bot.domain.records import ActionLine, DecisionLine, RecordSheet
from bot.exports import render_pdf
from bot.i18n import translator

PRINTED_ON = date(2026, 11, 24)
DECISION = "نطلب من مكتب الإسكان إصلاح الباب قبل الشتاء"
ACTION = "الاتصال بالمكتب بخصوص الباب"


def arabic_sheet() -> RecordSheet:
    tr = translator("ar")
    return RecordSheet(
        committee_name="Association des locataires des Pins",
        title=tr.gettext("Decisions of {month}").format(month=tr.format_month(PRINTED_ON)),
        held_on=date(2026, 11, 23),
        attendees=("أحمد", "Marie"),
        decisions=(DecisionLine(1, DECISION), DecisionLine(2, "On garde la fête de Noël.")),
        actions=(ActionLine(1, ACTION, "أحمد", date(2026, 11, 27)),),
    )


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def joined_forms(data: bytes) -> set[str]:
    """The Arabic Presentation Forms-B glyphs (initial, medial, final letters) embedded."""
    page: Any = PdfReader(io.BytesIO(data)).pages[0]
    names: set[str] = set()
    for font in page["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        embedded = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        names |= {n for n in TTFont(io.BytesIO(embedded)).getGlyphOrder() if n.startswith("uniFE")}
    return names


def x_of(data: bytes, word: str) -> float:
    """Where the text run holding `word` starts on the page, from the left."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    runs: list[tuple[float, str]] = []

    def visit(text: str, _cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            runs.append((float(tm[4]), text))

    page.extract_text(visitor_text=visit)
    return next(x for x, text in runs if word in text)


def test_an_arabic_sheet_reads_in_arabic_with_its_letters_joined() -> None:
    data = render_pdf(arabic_sheet(), translator("ar"), printed_on=PRINTED_ON)
    text = text_of(data)
    # Extracted in logical order: the words as a reader reads them, right to left.
    for words in (DECISION, ACTION, "القرارات", "المتابعات", "الحضور", "قرارات"):
        assert words in text, words
    assert "On garde la fête de Noël." in text  # French in an Arabic sheet keeps its order
    assert len(joined_forms(data)) >= 10
    assert re.search(r"D-1|1-D", text)


def test_an_arabic_sheet_is_mirrored() -> None:
    data = render_pdf(arabic_sheet(), translator("ar"), printed_on=PRINTED_ON)
    # Headings stand on the right; a reference stands right of its text.
    assert x_of(data, "القرارات") > 300
    assert x_of(data, "D-1") > x_of(data, DECISION.split()[0])


def test_a_french_sheet_shapes_an_arabic_name_and_stays_left_to_right() -> None:
    sheet = arabic_sheet()
    data = render_pdf(sheet, translator("fr_CA"), printed_on=PRINTED_ON)
    text = text_of(data)
    assert "Décisions" in text and DECISION in text and "أحمد" in text
    assert x_of(data, "Décisions") < 100


def test_a_sheet_without_arabic_is_not_shaped() -> None:
    sheet = RecordSheet(
        committee_name="Comité",
        title="Compte rendu",
        decisions=(DecisionLine(1, "On répare la porte."),),
    )
    data = render_pdf(sheet, translator("fr_CA"), printed_on=PRINTED_ON)
    assert joined_forms(data) == set()
    assert "On répare la porte." in text_of(data)
