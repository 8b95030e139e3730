"""Requests to partners in the exports: a section in the PDF and in Markdown, the expected
answer of a waiting one in the calendar, and plain data in JSON."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar
from pypdf import PdfReader

from bot.domain.records import ActionLine, DecisionLine, MeetingTime, RecordSheet, RequestLine
from bot.exports import render_ics, render_json, render_markdown, render_pdf
from bot.i18n import translator

FR = translator("fr_CA")
TZ = ZoneInfo("America/Toronto")
WAITING = RequestLine(
    ref="Q-1",
    what="Réparer la porte du local, qui ne barre plus",
    partner="Office municipal d'habitation de Québec",
    sent_on=date(2026, 11, 23),
    expected_on=date(2026, 12, 23),
    status="waiting",
    outcome=None,
    state="Sans réponse depuis 37 jours — en retard",
    waiting=True,
)
ANSWERED = RequestLine(
    ref="Q-2",
    what="Un banc devant l'entrée [vite]",
    partner=None,
    sent_on=date(2026, 11, 2),
    expected_on=date(2026, 12, 2),
    status="answered",
    outcome="partly",
    state="Acceptée en partie",
    waiting=False,
)
SHEET = RecordSheet(
    committee_name="Association des locataires des Pins",
    title="Décisions de décembre 2026",
    decisions=(DecisionLine(1, "On demande à l'office de réparer la porte."),),
    actions=(ActionLine(1, "Appeler l'office", "Marie", date(2026, 12, 4)),),
    next_meeting=MeetingTime(date(2027, 1, 12)),
    requests=(WAITING, ANSWERED),
)


def test_the_pdf_and_markdown_have_a_section_for_requests() -> None:
    pages = PdfReader(io.BytesIO(render_pdf(SHEET, FR, printed_on=date(2026, 12, 30)))).pages
    printed = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Demandes aux partenaires" in printed
    assert "Q-1 Réparer la porte du local, qui ne barre plus" in printed
    assert "Demandée le lundi 23 novembre 2026" in printed
    assert "Sans réponse depuis 37 jours — en retard" in printed
    assert "Q-2 Un banc devant l'entrée [vite]" in printed and "Acceptée en partie" in printed

    text = render_markdown(SHEET, FR)
    assert "## Demandes aux partenaires" in text
    assert (
        "- **Q-1** — Réparer la porte du local, qui ne barre plus — Office municipal "
        "d'habitation de Québec — demandée le lundi 23 novembre 2026 — Sans réponse depuis "
        "37 jours — en retard"
    ) in text
    assert "Un banc devant l'entrée \\[vite\\]" in text  # typed text shown literally
    # The section comes before the next meeting.
    assert text.index("Demandes aux partenaires") < text.index("Prochaine réunion")


def test_the_calendar_has_the_expected_answer_of_a_waiting_request_only() -> None:
    stamp = datetime(2026, 12, 30, 12, 0, tzinfo=TZ)
    events = Calendar.from_ical(render_ics(SHEET, FR, tz=TZ, stamp=stamp)).walk("VEVENT")
    answers = [e for e in events if "Réponse attendue" in str(e["SUMMARY"])]
    [answer] = answers
    assert str(answer["SUMMARY"]) == (
        "Réponse attendue\u00a0: Q-1 Réparer la porte du local, qui ne barre plus"
    )
    assert answer.decoded("DTSTART") == date(2026, 12, 23)
    assert "Office municipal" in str(answer["DESCRIPTION"])
    again = Calendar.from_ical(render_ics(SHEET, FR, tz=TZ, stamp=stamp)).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]  # stable


def test_json_is_plain_data_with_codes_and_iso_dates() -> None:
    data = json.loads(render_json(SHEET))
    assert data["format"] == "comite-bot" and data["version"] == 1
    assert data["committee"] == "Association des locataires des Pins"
    assert data["decisions"] == [
        {"ref": "D-1", "text": "On demande à l'office de réparer la porte."}
    ]
    assert data["follow_ups"][0] == {
        "ref": "S-1",
        "text": "Appeler l'office",
        "responsible": "Marie",
        "due_date": "2026-12-04",
        "due_time": None,
        "status": "open",
    }
    assert data["requests"] == [
        {
            "ref": "Q-1",
            "what": "Réparer la porte du local, qui ne barre plus",
            "partner": "Office municipal d'habitation de Québec",
            "sent_on": "2026-11-23",
            "expected_on": "2026-12-23",
            "status": "waiting",
            "outcome": None,
        },
        {
            "ref": "Q-2",
            "what": "Un banc devant l'entrée [vite]",
            "partner": None,
            "sent_on": "2026-11-02",
            "expected_on": "2026-12-02",
            "status": "answered",
            "outcome": "partly",
        },
    ]
    assert data["next_meeting"] == {"day": "2027-01-12", "hour": None}
    empty = json.loads(render_json(RecordSheet(committee_name="C", title="T")))
    assert empty["requests"] == [] and empty["next_meeting"] is None
