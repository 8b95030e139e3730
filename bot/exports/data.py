"""The record as JSON: the same content as the sheet, as plain data for another tool (a
spreadsheet, the association's website). Codes, not labels: `status` is « waiting », not
« Sans réponse »; dates in ISO 8601; people by the first name the sheet already shows."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.records import RecordSheet, decision_ref, follow_up_ref
from bot.exports.common import clean_text, one_line

FORMAT_VERSION = 1


def render_json(sheet: RecordSheet) -> bytes:
    """UTF-8 JSON, indented for a person who opens it, keys in a stable order."""
    data: dict[str, Any] = {
        "format": "comite-bot",
        "version": FORMAT_VERSION,
        "committee": one_line(sheet.committee_name),
        "title": one_line(sheet.title),
        "subtitle": one_line(sheet.subtitle) if sheet.subtitle else None,
        "held_on": sheet.held_on.isoformat() if sheet.held_on else None,
        "attendees": [one_line(name) for name in sheet.attendees if one_line(name)],
        "decisions": [
            {"ref": decision_ref(d.number), "text": clean_text(d.text)} for d in sheet.decisions
        ],
        "follow_ups": [
            {
                "ref": follow_up_ref(a.number),
                "text": clean_text(a.text),
                "responsible": one_line(a.responsible) if a.responsible else None,
                "due_date": a.due_date.isoformat() if a.due_date else None,
                "due_time": a.due_time.strftime("%H:%M") if a.due_time else None,
                "status": a.status.value,
            }
            for a in sheet.actions
        ],
        "requests": [
            {
                "ref": r.ref,
                "what": clean_text(r.what),
                "partner": one_line(r.partner) if r.partner else None,
                "sent_on": r.sent_on.isoformat(),
                "expected_on": r.expected_on.isoformat(),
                "status": r.status,
                "outcome": r.outcome,
            }
            for r in sheet.requests
        ],
        "next_meeting": (
            {
                "day": sheet.next_meeting.day.isoformat(),
                "hour": (
                    sheet.next_meeting.hour.strftime("%H:%M") if sheet.next_meeting.hour else None
                ),
            }
            if sheet.next_meeting
            else None
        ),
        "dates": [
            {"label": one_line(label), "at": moment.isoformat()}
            for label, moment in sheet.extra_events
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
