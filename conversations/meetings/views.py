"""The compte rendu of a meeting, as a chat message and as a printable record sheet."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.entities import Attendee, Committee, Decision, FollowUp, Meeting
from bot.domain.records import (
    ActionLine,
    DecisionLine,
    MeetingKind,
    RecordSheet,
    decision_ref,
    follow_up_ref,
    meeting_ref,
)
from bot.i18n import N_, Translator
from bot.ui import h

KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.COMMITTEE: N_("Committee meeting"),
    MeetingKind.HOUSING_OFFICE: N_("Meeting with the housing office"),
    MeetingKind.PARTNER: N_("Meeting with a partner"),
    MeetingKind.GENERAL_ASSEMBLY: N_("General assembly"),
}


@dataclass(frozen=True, slots=True)
class HandedOver:
    """The tenants' priorities a representative carried to this meeting (their mandate's
    positions, from the yearly consultation)."""

    year: int
    priorities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    committee: Committee
    meeting: Meeting
    attendees: list[Attendee]
    decisions: list[Decision]
    actions: list[FollowUp]
    agenda: tuple[str, ...] = ()  # the subjects it took up
    handed_over: tuple[HandedOver, ...] = ()


def parts(tr: Translator, record: MeetingRecord) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The agenda it took up, and the tenants' priorities handed over, as parts of the record."""
    found: list[tuple[str, tuple[str, ...]]] = []
    if record.agenda:
        found.append((tr.gettext("On the agenda"), record.agenda))
    for given in record.handed_over:
        heading = tr.gettext("The tenants' priorities for {year}, handed over").format(
            year=given.year
        )
        found.append(
            (heading, tuple(f"{n}. {p}" for n, p in enumerate(given.priorities, start=1)))
        )
    return tuple(found)


def meeting_title(tr: Translator, meeting: Meeting) -> str:
    label = tr.gettext(KIND_LABELS[meeting.kind])
    return f"{label} — {meeting_ref(meeting.number)}"


def shown_name(person_id: int | None, name: str) -> str:
    """A member's Telegram name goes out as its first name only (privacy); a name the
    committee typed for someone without Telegram (« Mme Tremblay ») goes out as typed."""
    if person_id is None or not name.strip():
        return name
    return name.split(" ")[0]


def minutes_text(tr: Translator, record: MeetingRecord) -> str:
    """The short compte rendu posted to the group."""
    _ = tr.gettext
    meeting = record.meeting
    lines = [
        "<b>" + h(_("Minutes")) + " — " + h(meeting_title(tr, meeting)) + "</b>",
        h(record.committee.name),
        tr.format_day(meeting.held_on),
    ]
    if meeting.partner_name:
        lines.append(_("With: {partner}").format(partner=h(meeting.partner_name)))
    if record.attendees:
        names = ", ".join(h(shown_name(a.person_id, a.name)) for a in record.attendees)
        lines.append(_("Present: {names}").format(names=names))
    for heading, part in parts(tr, record):
        lines += ["", "<b>" + h(heading) + "</b>", *(h(line) for line in part)]
    lines.append("")
    lines.append("<b>" + h(_("Decisions")) + "</b>")
    if record.decisions:
        lines += [tr.line(decision_ref(d.number), h(d.text)) for d in record.decisions]
    else:
        lines.append(_("No decision."))
    lines.append("")
    lines.append("<b>" + h(_("Actions")) + "</b>")
    if record.actions:
        for action in record.actions:
            who = (
                h(shown_name(action.responsible_id, action.responsible_name))
                if action.responsible_name
                else _("nobody yet")
            )
            when = tr.format_due(action.due_date, action.due_time)
            lines.append(tr.line(follow_up_ref(action.number), h(action.text), who, when))
    else:
        lines.append(_("No action."))
    if meeting.next_meeting_at is not None:
        lines.append("")
        lines.append(
            _("Next meeting: {when}").format(when=tr.format_meeting(meeting.next_meeting_at))
        )
    return "\n".join(lines)


def meeting_sheet(tr: Translator, record: MeetingRecord) -> RecordSheet:
    """The same compte rendu, for the PDF, Markdown and calendar exports."""
    meeting = record.meeting
    return RecordSheet(
        committee_name=record.committee.name,
        # No internal code in the title: it prints large, for residents (the lobby sheet).
        title=tr.gettext("Minutes") + " — " + tr.gettext(KIND_LABELS[meeting.kind]),
        subtitle=meeting.partner_name,
        held_on=meeting.held_on,
        attendees=tuple(shown_name(a.person_id, a.name) for a in record.attendees),
        decisions=tuple(DecisionLine(d.number, d.text) for d in record.decisions),
        actions=tuple(action_line(a) for a in record.actions),
        next_meeting=meeting.next_meeting_at,
        parts=parts(tr, record),
    )


def action_line(follow_up: FollowUp) -> ActionLine:
    return ActionLine(
        number=follow_up.number,
        text=follow_up.text,
        responsible=(
            shown_name(follow_up.responsible_id, follow_up.responsible_name)
            if follow_up.responsible_name
            else None
        ),
        due_date=follow_up.due_date,
        due_time=follow_up.due_time,
        status=follow_up.status,
    )
