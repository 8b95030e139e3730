"""Letters read back from the PDF, and the doors other features use to reach requests."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, time

from pypdf import PdfReader

from bot.domain.entities import Mandate, MandateStatus
from bot.domain.records import MeetingTime
from bot.domain.request_letters import Letter, LetterKind, LetterPart
from bot.domain.requests import Channel, Outcome, Request, RequestStatus
from bot.exports.letter import (
    default_parts,
    letter_file_name,
    letter_sheet,
    letter_text,
    long_day,
    render_letter_pdf,
)
from bot.i18n import translator
from conversations.requests.entry import (
    position_draft,
    sheet_line,
)

FR = translator("fr_CA")
EN = translator("en")
COMMITTEE = "Association des locataires des Pins"
REQUEST = Request(
    id=1,
    committee_id=1,
    number=4,
    what="Réparer la porte du local communautaire, qui ne se verrouille plus.",
    partner_name="Office municipal d'habitation de Québec",
    partnership_id=None,
    channel=Channel.LETTER,
    sent_on=date(2026, 11, 23),
    addressed_to="Mme Roy, directrice",
    expected_on=date(2026, 12, 23),
    status=RequestStatus.WAITING,
    outcome=None,
    responsible_id=7,
    responsible_name="Marie",
    round=0,
    created_by=7,
)


def letter(kind: LetterKind, written_on: date, **parts: str) -> Letter:
    defaults = default_parts(
        FR,
        kind,
        REQUEST,
        committee_name=COMMITTEE,
        letterhead={},
        signer_name="Marie Tremblay",
        contact_person=None,
    )
    defaults.update({LetterPart(k): v for k, v in parts.items()})
    return Letter(
        id=1,
        request_id=1,
        committee_id=1,
        kind=kind,
        written_on=written_on,
        parts=tuple(defaults.items()),
        final=True,
        request_status=RequestStatus.WAITING,
    )


def read(data: bytes) -> tuple[int, str]:
    pages = PdfReader(io.BytesIO(data)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    return len(pages), text.replace("\u00a0", " ")


def test_the_request_as_a_letter() -> None:
    made = letter(
        LetterKind.REQUEST,
        date(2026, 11, 23),
        address="12, rue des Pins, Québec (Québec)",
        contact="comite.pins@example.org",
    )
    sheet = letter_sheet(FR, made, REQUEST, COMMITTEE)
    pages, text = read(render_letter_pdf(sheet))
    assert pages == 1
    for expected in (
        COMMITTEE,
        "12, rue des Pins, Québec (Québec)",
        "comite.pins@example.org",
        "23 novembre 2026",
        "Mme Roy, directrice",
        "Office municipal d'habitation de Québec",
        "Objet : Réparer la porte du local communautaire, qui ne se verrouille plus",
        "Madame, Monsieur,",
        "Notre comité — Association des locataires des Pins —",
        "d'ici le 23 décembre 2026. Notre référence : Q-4.",
        "salutations distinguées",
        "Marie Tremblay",
    ):
        assert expected in text, expected
    assert letter_file_name(sheet) == "lettre-q-4-2026-11-23.pdf"


def test_a_lettre_de_relance_cites_the_first_request() -> None:
    made = letter(LetterKind.RELANCE, date(2027, 1, 7))
    _pages, text = read(render_letter_pdf(letter_sheet(FR, made, REQUEST, COMMITTEE)))
    for expected in (
        "7 janvier 2027",
        "Objet : Relance : notre demande Q-4 du 23 novembre 2026",
        "Le 23 novembre 2026, nous vous avons adressé la demande suivante (notre référence : Q-4)",
        "« Réparer la porte du local communautaire",
        "Nous n'avons pas encore reçu de réponse",
        "d'ici le 21 janvier 2027",
    ):
        assert expected in text, expected


def test_what_the_committee_did_not_write_is_left_out() -> None:
    made = letter(LetterKind.REQUEST, date(2026, 11, 23), body="Réparer la porte 🚪 du local")
    sheet = letter_sheet(FR, made, REQUEST, COMMITTEE)
    text = letter_text(sheet)
    assert "\n\n\n" not in text and "🚪" in text
    _pages, printed = read(render_letter_pdf(sheet))
    assert "Réparer la porte du local" in printed  # the emoji is not drawn, nothing else lost


def test_a_very_long_request_takes_more_pages_and_loses_nothing() -> None:
    body = " ".join(f"Point {n} : la porte, la serrure et le couloir." for n in range(120))
    made = letter(LetterKind.REQUEST, date(2026, 11, 23), body=body)
    pages, text = read(render_letter_pdf(letter_sheet(FR, made, REQUEST, COMMITTEE)))
    assert pages > 1 and "Point 119" in text


def test_the_letter_in_english() -> None:
    made = letter(LetterKind.REQUEST, date(2027, 3, 1))
    sheet = letter_sheet(EN, made, REQUEST, COMMITTEE)
    assert sheet.salutation == "Madam, Sir,"
    assert sheet.date_line == "March 1, 2027"
    assert long_day(FR, date(2027, 3, 1)) == "1er mars 2027"


def test_a_position_not_obtained_becomes_a_request_made_in_the_meeting() -> None:
    mandate = Mandate(
        id=3,
        committee_id=1,
        number=2,
        representative_id=9,
        representative_name="Lucie Gagnon",
        partnership_id=5,
        partner_name="Office municipal d'habitation de Québec",
        meeting_at=MeetingTime(date(2027, 1, 12), time(19, 0)),
        period_end=None,
        positions=("Des tapis remplacés",),
        latitude=None,
        limits=None,
        valid_until=None,
        status=MandateStatus.ADOPTED,
        vote_chat_id=None,
        vote_message_id=None,
        vote_deadline=None,
        decided_at=None,
        decided_how=None,
        tally=None,
        card_sent=True,
        report_requested=True,
    )
    draft = position_draft(mandate, "Des tapis remplacés", today=date(2027, 1, 13))
    assert draft.channel is Channel.MEETING and draft.sent_on == date(2027, 1, 12)
    assert draft.expected_on == date(2027, 2, 12)
    assert draft.responsible_id == 9 and draft.responsible_name == "Lucie"
    assert draft.partnership_id == 5 and draft.mandate_id == 3


def test_a_request_as_a_sheet_line() -> None:
    answered = replace(
        REQUEST, id=2, number=5, status=RequestStatus.ANSWERED, outcome=Outcome.PARTLY
    )
    today = date(2026, 12, 1)
    waiting = sheet_line(FR, REQUEST, today)
    assert waiting.ref == "Q-4" and waiting.waiting and waiting.status == "waiting"
    assert waiting.state == "Sans réponse depuis 8 jours" and waiting.outcome is None
    late = sheet_line(FR, REQUEST, date(2026, 12, 24))
    assert late.state == "Sans réponse depuis 31 jours — en retard"
    line = sheet_line(FR, answered, today)
    assert line.state == "Acceptée en partie" and not line.waiting and line.outcome == "partly"
