"""The sheet for the lobby: large type, the contact, QR codes that really encode the links."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import segno
from pypdf import PdfReader

from bot.domain.residents import Contact, NoticeSection
from bot.exports.lobby import BODY_SIZES, SMALL_SIZE, LobbySheet, QrCode, render_lobby_sheet
from bot.i18n import translator

BOX_URL = "https://t.me/comite_sandbox_bot?start=box-Xy12_ab-CD34"
CHANNEL_URL = "https://t.me/residents_des_pins"
FR = translator("fr_CA")


def sheet(**changes: Any) -> LobbySheet:
    values: dict[str, Any] = {
        "committee_name": "Association des locataires des Pins",
        "title": "Compte rendu de la réunion du 23 novembre",
        "sections": (
            NoticeSection("Décisions", ("On demande à l'office de réparer la porte du local.",)),
            NoticeSection("Qui fait quoi", ("Écrire la lettre — Paul — vendredi 27 novembre",)),
        ),
        "contact": Contact("Marie Tremblay", "Local communautaire, le mardi de 13 h à 15 h"),
        "codes": (
            QrCode(BOX_URL, "Boîte anonyme : écrivez-nous. Votre nom ne sera pas transmis."),
            QrCode(CHANNEL_URL, "Le canal des résidents"),
        ),
    }
    values.update(changes)
    return LobbySheet(**values)


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF")
    return PdfReader(io.BytesIO(pdf))


def sizes_of(reader: PdfReader) -> dict[str, float]:
    """Each piece of text with the size it is printed at."""
    found: dict[str, float] = {}

    def visit(text: str, _cm: Any, tm: Any, _font: Any, size: float) -> None:
        if text.strip():
            found[text.strip()] = size * abs(tm[0]) if tm[0] else size

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return found


def test_the_sheet_says_everything_in_large_type_with_its_contact() -> None:
    reader = read(render_lobby_sheet(sheet(), FR, printed_on=date(2026, 11, 23)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())  # lines wrap where they must
    for words in (
        "Compte rendu de la réunion du 23 novembre",
        "Association des locataires des Pins",
        "Décisions",
        "Pour joindre le comité",
        "On demande à l'office de réparer la porte du local.",
        "Marie Tremblay",
        "Local communautaire, le mardi de 13 h à 15 h",
        "Le canal des résidents",
    ):
        assert words in text, words
    sizes = sizes_of(reader)
    body = sizes["• On demande à l'office de réparer la porte du local."]
    assert BODY_SIZES[-1] <= body <= BODY_SIZES[0]
    assert sizes["Marie Tremblay"] >= body and sizes["Décisions"] > body
    # The links under the codes are for typing, in small type; so is the footer.
    small = [size for words, size in sizes.items() if "t.me/" in words or "comite-bot" in words]
    assert small and all(size == SMALL_SIZE for size in small)


def modules(gray: Any, size: int) -> list[list[bool]]:
    """The dark and light modules of a QR code image with a quiet zone of four modules."""
    scale = gray.size[0] / (size + 8)

    def dark(row: int, col: int) -> bool:
        pixel = gray.getpixel((int((4 + col + 0.5) * scale), int((4 + row + 0.5) * scale)))
        assert isinstance(pixel, int)
        return pixel < 128

    return [[dark(row, col) for col in range(size)] for row in range(size)]


def test_each_qr_code_is_embedded_and_encodes_its_link() -> None:
    reader = read(render_lobby_sheet(sheet(), FR, printed_on=date(2026, 11, 23)))
    images = reader.pages[0].images
    assert len(images) == 2
    for image, url in zip(images, (BOX_URL, CHANNEL_URL), strict=True):
        matrix = segno.make(url, error="m", micro=False).matrix
        picture = image.image
        assert picture is not None
        read_back = modules(picture.convert("L"), len(matrix))
        assert read_back == [[bool(cell) for cell in row] for row in matrix]


def test_a_long_sheet_shrinks_to_fourteen_points_then_takes_more_pages() -> None:
    many = tuple(f"Point numéro {n} : on en parle à la prochaine réunion." for n in range(60))
    reader = read(
        render_lobby_sheet(
            sheet(sections=(NoticeSection("Décisions", many),)), FR, printed_on=date(2026, 1, 5)
        )
    )
    assert len(reader.pages) > 1
    sizes = sizes_of(reader)
    assert sizes["• Point numéro 0 : on en parle à la prochaine réunion."] == BODY_SIZES[-1]
    assert "1/" in reader.pages[0].extract_text()


def test_the_same_sheet_the_same_day_gives_the_same_bytes() -> None:
    first = render_lobby_sheet(sheet(), FR, printed_on=date(2026, 11, 23))
    assert first == render_lobby_sheet(sheet(), FR, printed_on=date(2026, 11, 23))


def test_a_sheet_without_contact_or_codes_and_with_emoji() -> None:
    reader = read(
        render_lobby_sheet(
            sheet(contact=None, codes=(), title="Fête des voisins 🎉"),
            FR,
            printed_on=date(2026, 6, 1),
        )
    )
    text = reader.pages[0].extract_text()
    assert "Fête des voisins" in text and "🎉" not in text
    assert "Pour joindre le comité" not in text and not reader.pages[0].images


def test_a_compte_rendu_for_residents_has_first_names_and_no_internal_codes() -> None:
    from datetime import time

    from bot.domain.records import (
        ActionLine,
        DecisionLine,
        FollowUpStatus,
        MeetingTime,
        RecordSheet,
    )
    from conversations.residents.sheets import notice_from_record

    record = RecordSheet(
        committee_name="Association des locataires des Pins",
        title="Compte rendu de la réunion",
        held_on=date(2026, 11, 23),
        attendees=("Marie Tremblay", "Paul Roy"),
        decisions=(DecisionLine(12, "On demande à l'office de réparer la porte."),),
        actions=(
            ActionLine(7, "Écrire la lettre", "Paul Roy", date(2026, 11, 27)),
            ActionLine(8, "Afficher l'horaire", None, None, status=FollowUpStatus.DONE),
        ),
        next_meeting=MeetingTime(date(2026, 12, 7), time(19, 0)),
    )
    notice = notice_from_record(FR, record)
    lines = [line for section in notice.sections for line in section.lines]
    assert "Marie, Paul" in lines
    assert "Écrire la lettre — Paul — vendredi 27 novembre 2026" in lines
    assert "Afficher l'horaire — Fait" in lines
    assert "Lundi 7 décembre 2026 à 19 h" in lines
    pdf = render_lobby_sheet(
        LobbySheet(record.committee_name, notice.title, notice.sections),
        FR,
        printed_on=date(2026, 11, 24),
    )
    text = read(pdf).pages[0].extract_text()
    for code in ("D-12", "S-7", "S-8", "Tremblay", "Roy"):
        assert code not in text
