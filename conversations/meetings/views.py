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
from conversations.decisions.views import due_text

KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.COMMITTEE: N_("Committee meeting"),
    MeetingKind.HOUSING_OFFICE: N_("Meeting with the housing office"),
    MeetingKind.PARTNER: N_("Meeting with a partner"),
    MeetingKind.GENERAL_ASSEMBLY: N_("General assembly"),
}


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    committee: Committee
    meeting: Meeting
    attendees: list[Attendee]
    decisions: list[Decision]
    actions: list[FollowUp]


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
    lines.append("")
    lines.append("<b>" + h(_("Decisions")) + "</b>")
    if record.decisions:
        lines += [f"{decision_ref(d.number)} — {h(d.text)}" for d in record.decisions]
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
            when = due_text(tr, action.due_date, action.due_time)
            lines.append(f"{follow_up_ref(action.number)} — {h(action.text)} — {who} — {when}")
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
        title=tr.gettext("Minutes") + " — " + meeting_title(tr, meeting),
        subtitle=meeting.partner_name,
        held_on=meeting.held_on,
        attendees=tuple(shown_name(a.person_id, a.name) for a in record.attendees),
        decisions=tuple(DecisionLine(d.number, d.text) for d in record.decisions),
        actions=tuple(action_line(a) for a in record.actions),
        next_meeting=meeting.next_meeting_at,
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
