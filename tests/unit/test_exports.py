"""Exports of a committee's records: the notice-board PDF, Markdown and the calendar file."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Component
from pypdf import PdfReader

from bot.domain.records import (
    ActionLine,
    DecisionLine,
    FollowUpStatus,
    MeetingTime,
    RecordSheet,
    decision_ref,
    follow_up_ref,
)
from bot.exports import (
    escape_markdown,
    export_file_name,
    render_ics,
    render_markdown,
    render_pdf,
)
from bot.i18n import Translator, translator

TZ = ZoneInfo("America/Montreal")
PRINTED_ON = date(2026, 11, 24)
# 🏠 is missing from DejaVu Sans (it is left out of the PDF); 😀 is in it.
MISSING_GLYPH = "🏠"
LONG_DECISION = (  # 300 characters
    "Demander à l’Office municipal d’habitation de remplacer les fenêtres du bâtiment B "
    "avant l’hiver, « sans frais pour les locataires », et de présenter un échéancier "
    "au comité; sinon, le comité écrira au Tribunal administratif du logement avec "
    "l’appui de la fédération et des œuvres du quartier voisin."
)
FIRST_NAMES = (
    "Marie",
    "Jean-François",
    "Zoë",
    "Chloé",
    "Aïcha",
    "Noël",
    "Hélène",
    "Léa",
    "Joëlle",
    "François",
    "Amélie",
    "Raphaël",
    "Ginette",
    "Réjean",
    "Thérèse",
)


@pytest.fixture
def tr() -> Translator:
    return translator("fr_CA")


def simple_sheet() -> RecordSheet:
    return RecordSheet(
        committee_name="Comité des locataires « Les Érables »",
        title="Compte rendu",
        subtitle="Rencontre avec l’Office municipal d’habitation",
        held_on=date(2026, 11, 23),
        attendees=("Marie", "Jean-François", "Zoë"),
        decisions=(
            DecisionLine(12, "Demander la réparation de l’ascenseur — c’est *urgent* 😀"),
            DecisionLine(13, "Organiser une corvée au jardin des œuvres [printemps]"),
        ),
        actions=(
            ActionLine(7, "Appeler l’office", "Marie", date(2026, 11, 27)),
            ActionLine(8, "Afficher l’avis", "Zoë", date(2026, 12, 1), time(17, 0)),
        ),
        next_meeting=MeetingTime(date(2026, 12, 8), time(19, 0)),
    )


def busy_sheet() -> RecordSheet:
    statuses = (FollowUpStatus.OPEN, FollowUpStatus.BLOCKED)
    actions = [
        ActionLine(
            number,
            f"Suivi nº {number} : vérifier le chauffage de l’entrée {number} {MISSING_GLYPH}",
            FIRST_NAMES[number - 1],
            date(2026, 12, number) if number % 4 else None,
            time(9, 30) if number % 5 == 0 else None,
            statuses[number % 2],
        )
        for number in range(1, 14)
    ]
    actions.append(
        ActionLine(
            14, "Réserver la salle", "Raphaël", date(2026, 12, 14), None, FollowUpStatus.DONE
        )
    )
    actions.append(
        ActionLine(
            15, "Louer un autobus", "Thérèse", date(2026, 12, 15), None, FollowUpStatus.CANCELLED
        )
    )
    return RecordSheet(
        committee_name="Association des locataires du 1250, rue Sœur-Émilie",
        title="Décisions de l’automne",
        held_on=date(2026, 11, 23),
        attendees=FIRST_NAMES,
        decisions=(
            DecisionLine(1, LONG_DECISION),
            DecisionLine(2, "Voir https://example.org/" + "un-tres-long-chemin-sans-espace" * 6),
            DecisionLine(3, f"Fête de Noël {MISSING_GLYPH} le « 19 décembre » 🎉😀"),
        ),
        actions=tuple(actions),
        next_meeting=MeetingTime(date(2027, 1, 12), time(19, 0)),
        extra_events=(("Assemblée générale", datetime(2027, 2, 3, 18, 30, tzinfo=TZ)),),
    )


def squash(text: str) -> str:
    """PDF extraction splits lines and words at wraps: compare without any whitespace."""
    return "".join(text.split())


@cache
def pdf_of(sheet: RecordSheet) -> bytes:
    return render_pdf(sheet, translator("fr_CA"), printed_on=PRINTED_ON)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def font_sizes(data: bytes) -> set[float]:
    sizes: set[float] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        content = page.get_contents()
        assert content is not None
        stream = content.get_data().decode("latin-1")
        sizes |= {float(size) for size in re.findall(r"/F\d+ ([\d.]+) Tf", stream)}
    return sizes


# PDF


def test_simple_sheet_is_one_letter_page_with_everything() -> None:
    sheet = simple_sheet()
    data = pdf_of(sheet)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter, portrait
    text = squash(pdf_text(data))
    for expected in (sheet.committee_name, sheet.title, sheet.subtitle or "", *sheet.attendees):
        assert squash(expected) in text
    for decision in sheet.decisions:
        assert squash(f"{decision_ref(decision.number)} {decision.text}") in text
    for action in sheet.actions:
        assert squash(follow_up_ref(action.number)) in text
        assert squash(action.text) in text
        assert squash(action.responsible or "") in text
    assert reader.metadata is not None
    assert reader.metadata.title == sheet.title


def test_type_is_large_for_the_notice_board() -> None:
    sizes = font_sizes(pdf_of(simple_sheet()))
    footer = min(sizes)
    assert min(sizes - {footer}) >= 14
    assert max(sizes) >= 22


def test_busy_sheet_shrinks_the_type_but_loses_nothing() -> None:
    sheet = busy_sheet()
    data = pdf_of(sheet)
    sizes = font_sizes(data)
    assert min(sizes - {min(sizes)}) >= 11
    assert max(sizes) >= 22
    text = squash(pdf_text(data))
    assert squash(sheet.committee_name) in text
    for decision in sheet.decisions:
        # Glyphs the font lacks are left out; everything else is printed.
        printed = decision.text.replace(MISSING_GLYPH, "").replace("🎉", "")
        assert squash(f"{decision_ref(decision.number)} {printed}") in text
    for action in sheet.actions:
        assert squash(follow_up_ref(action.number)) in text
        assert squash(action.responsible or "") in text
    assert MISSING_GLYPH not in text


def test_pdf_is_reproducible() -> None:
    sheet = simple_sheet()
    assert render_pdf(sheet, translator("fr_CA"), printed_on=PRINTED_ON) == pdf_of(sheet)


def test_pdf_never_fails_on_odd_text(tr: Translator) -> None:
    odd = (
        "\ud800 lone surrogate \x00\x07 controls \u200d\u2764\ufe0f\u200d "
        "👩🏽‍🚀 王小明 مرحبا \ue000 e\u0301\u0327 \u2028 tab\there\r\nnew line " + "x" * 400
    )
    sheet = RecordSheet(
        committee_name=odd,
        title=odd,
        subtitle=odd,
        attendees=(odd, ""),
        decisions=(DecisionLine(1, odd), DecisionLine(2, "")),
        actions=(ActionLine(1, odd, odd, date(2026, 1, 1), time(8)),),
        extra_events=((odd, datetime(2026, 1, 2, 9, tzinfo=TZ)),),
    )
    data = render_pdf(sheet, tr, printed_on=PRINTED_ON)
    assert "王" not in pdf_text(data)  # DejaVu has no CJK: replaced, not a crash
    assert "lonesurrogate" in squash(pdf_text(data))
    render_markdown(sheet, tr).encode()
    Calendar.from_ical(render_ics(sheet, tr, tz=TZ))


# Markdown


def test_markdown_lists_everything_and_escapes_user_text(tr: Translator) -> None:
    markdown = render_markdown(simple_sheet(), tr)
    assert markdown.startswith("# Compte rendu\n")
    assert "Comité des locataires « Les Érables »" in markdown
    assert "Marie, Jean-François, Zoë" in markdown
    assert "1. **D-12** — " in markdown
    assert "2. **D-13** — " in markdown
    assert r"c’est \*urgent\* 😀" in markdown
    assert r"\[printemps\]" in markdown
    assert "- **S-7** — Appeler l’office — Marie — " in markdown
    assert tr.format_day(date(2026, 11, 27)) in markdown

    sheet = busy_sheet()
    busy = render_markdown(sheet, tr)
    assert LONG_DECISION in busy
    for decision in sheet.decisions:
        assert f"**{decision_ref(decision.number)}**" in busy
    for action in sheet.actions:
        assert f"**{follow_up_ref(action.number)}**" in busy
    assert tr.gettext("Completed") in busy
    assert tr.gettext("Blocked") in busy
    assert "Assemblée générale" in busy


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("a *b* _c_", r"a \*b\* \_c\_"),
        ("# pas un titre", r"\# pas un titre"),
        ("[lien](https://x.org)", r"\[lien\](https://x.org)"),
        ("<b>gras</b> & &amp;", r"\<b\>gras\</b\> & \&amp;"),
        ("`code` | ~barré~ \\", r"\`code\` \| \~barré\~ \\"),
        ("- pas une liste\n2026. pas une liste", "\\- pas une liste\\\n2026\\. pas une liste"),
        ("l’été « chaud »", "l’été « chaud »"),
    ],
)
def test_markdown_escaping(typed: str, shown: str) -> None:
    assert escape_markdown(typed) == shown


def test_markdown_keeps_line_breaks_inside_the_list_item(tr: Translator) -> None:
    sheet = RecordSheet(
        committee_name="Comité",
        title="Compte rendu",
        decisions=(DecisionLine(4, "Première ligne\n\n- deuxième ligne"),),
    )
    assert "1. **D-4** — Première ligne\\\n   \\- deuxième ligne\n" in render_markdown(sheet, tr)


# iCalendar


def events_of(data: bytes) -> dict[str, Component]:
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0"
    assert "comite-bot" in str(calendar["PRODID"])
    return {str(event["SUMMARY"]).split(" — ")[0]: event for event in calendar.walk("VEVENT")}


def test_ics_has_one_event_per_due_follow_up_and_meeting(tr: Translator) -> None:
    sheet = simple_sheet()
    events = events_of(render_ics(sheet, tr, tz=TZ))
    assert len(events) == 3  # two follow-ups and the next meeting

    all_day = events["S-7"]
    assert str(all_day["SUMMARY"]) == "S-7 — Appeler l’office (Marie)"
    assert all_day.decoded("DTSTART") == date(2026, 11, 27)
    assert all_day.decoded("DTEND") == date(2026, 11, 28)

    timed = events["S-8"]
    assert timed.decoded("DTSTART") == datetime(2026, 12, 1, 17, 0, tzinfo=TZ)
    assert timed["DTSTART"].params["TZID"] == "America/Montreal"

    meeting = next(e for key, e in events.items() if not key.startswith("S-"))
    assert meeting.decoded("DTSTART") == datetime(2026, 12, 8, 19, 0, tzinfo=TZ)
    assert meeting.decoded("DTEND") - meeting.decoded("DTSTART") == timedelta(hours=1)
    assert sheet.committee_name in str(meeting["SUMMARY"])

    calendar = Calendar.from_ical(render_ics(sheet, tr, tz=TZ))
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Montreal"]


def test_ics_leaves_out_done_cancelled_and_undated_follow_ups(tr: Translator) -> None:
    sheet = busy_sheet()
    events = events_of(render_ics(sheet, tr, tz=TZ))
    expected = {
        follow_up_ref(a.number)
        for a in sheet.actions
        if a.due_date is not None
        and a.status not in (FollowUpStatus.DONE, FollowUpStatus.CANCELLED)
    }
    assert {key for key in events if key.startswith("S-")} == expected
    assert "S-14" not in events and "S-15" not in events
    assert len(events) == len(expected) + 2  # next meeting and the general assembly
    assert events["Assemblée générale"].decoded("DTSTART") == datetime(
        2027, 2, 3, 18, 30, tzinfo=TZ
    )


def test_ics_uids_are_stable_and_distinct(tr: Translator) -> None:
    sheet = busy_sheet()
    first = Calendar.from_ical(render_ics(sheet, tr, tz=TZ, stamp=datetime(2026, 1, 1, 12)))
    again = Calendar.from_ical(render_ics(sheet, tr, tz=TZ))
    uids = [str(event["UID"]) for event in first.walk("VEVENT")]
    assert uids == [str(event["UID"]) for event in again.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@comite-bot") for uid in uids)

    other = RecordSheet(committee_name="Autre comité", title=sheet.title, actions=sheet.actions)
    other_uids = {
        str(e["UID"]) for e in Calendar.from_ical(render_ics(other, tr, tz=TZ)).walk("VEVENT")
    }
    assert other_uids.isdisjoint(uids)


# File names


@pytest.mark.parametrize(
    ("title", "committee", "held_on", "extension", "expected"),
    [
        ("Compte rendu", "Comité", date(2026, 11, 23), "pdf", "compte-rendu-2026-11-23.pdf"),
        ("Décisions de l’œuvre 🎉", "C", None, ".ICS", "decisions-de-l-oeuvre.ics"),
        ("😀", "Comité « Les Érables »", None, "md", "comite-les-erables.md"),
        ("王", "", date(2026, 1, 2), "../pdf", "comite-bot-2026-01-02.pdf"),
    ],
)
def test_export_file_name(
    title: str, committee: str, held_on: date | None, extension: str, expected: str
) -> None:
    sheet = RecordSheet(committee_name=committee, title=title, held_on=held_on)
    assert export_file_name(sheet, extension) == expected


def test_a_next_meeting_without_an_hour_is_a_day_everywhere(tr: Translator) -> None:
    sheet = replace(simple_sheet(), next_meeting=MeetingTime(date(2026, 12, 15)))
    calendar = Calendar.from_ical(render_ics(sheet, tr, tz=TZ))
    [meeting] = [e for e in calendar.walk("VEVENT") if "S-" not in str(e["SUMMARY"])]
    assert meeting.decoded("DTSTART") == date(2026, 12, 15)
    assert meeting.decoded("DTEND") == date(2026, 12, 16)
    markdown = render_markdown(sheet, tr)
    assert "Mardi 15 décembre 2026 (heure à préciser)" in markdown
