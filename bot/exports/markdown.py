"""The compte rendu as CommonMark, for sharing as a file or pasting into an email."""

from __future__ import annotations

import re

from bot.domain.records import RecordSheet, decision_ref, follow_up_ref
from bot.exports.common import (
    attendee_names,
    capitalize_first,
    clean_text,
    one_line,
    status_label,
)
from bot.i18n import Translator

# Characters that start emphasis, code, links, HTML, headings, tables or strikethrough
# anywhere in a line. Escaping them everywhere is simpler than tracking context.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
# `&amp;` would otherwise be read as an entity and shown as `&`.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line these open a list, a quote or a setext heading.
_BLOCK_MARK = re.compile(r"^([-+=])")
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])")

_SEPARATOR = " — "


def escape_markdown(text: str, *, indent: int = 0) -> str:
    """What a person typed, shown literally; line breaks kept as hard breaks.

    `indent` is the width of the list marker the text sits behind, so that
    continuation lines stay inside the list item.
    """
    lines = [_escape_line(line) for line in clean_text(text).split("\n")]
    return ("\\\n" + " " * indent).join(line for line in lines if line)


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line.strip())
    line = _ENTITY.sub(r"\\&", line)
    line = _BLOCK_MARK.sub(r"\\\1", line)
    return _ORDERED_MARK.sub(r"\1\\\2", line)


def render_markdown(sheet: RecordSheet, tr: Translator) -> str:
    """The same content as the printed sheet, in Markdown."""
    blocks: list[str] = [f"# {escape_markdown(one_line(sheet.title)) or '—'}"]
    committee = escape_markdown(one_line(sheet.committee_name))
    if committee:
        blocks.append(f"**{committee}**")
    if sheet.subtitle and (subtitle := escape_markdown(one_line(sheet.subtitle))):
        blocks.append(subtitle)
    if sheet.held_on is not None:
        blocks.append(escape_markdown(capitalize_first(tr.format_day(sheet.held_on))))

    names = attendee_names(sheet)
    if names:
        blocks.append(_heading(tr.gettext("Attendance")))
        blocks.append(escape_markdown(", ".join(names)))

    for heading, lines in sheet.parts:
        blocks.append(_heading(one_line(heading)))
        blocks.append("\n".join("- " + escape_markdown(line, indent=2) for line in lines))

    if sheet.decisions:
        blocks.append(_heading(tr.gettext("Decisions")))
        items = []
        for position, decision in enumerate(sheet.decisions, start=1):
            marker = f"{position}."
            text = escape_markdown(decision.text, indent=len(marker) + 1)
            head = f"{marker} **{decision_ref(decision.number)}**"
            items.append(f"{head}{_SEPARATOR}{text}" if text else head)
        blocks.append("\n".join(items))

    if sheet.actions:
        blocks.append(_heading(tr.gettext("Follow-ups")))
        items = []
        for action in sheet.actions:
            parts = [f"**{follow_up_ref(action.number)}**"]
            parts.append(escape_markdown(action.text, indent=2))
            if action.responsible:
                parts.append(escape_markdown(one_line(action.responsible)))
            if action.due_date is not None:
                parts.append(escape_markdown(tr.format_due(action.due_date, action.due_time)))
            parts.append(escape_markdown(status_label(action.status, tr) or ""))
            items.append("- " + _SEPARATOR.join(part for part in parts if part))
        blocks.append("\n".join(items))

    if sheet.requests:
        blocks.append(_heading(tr.gettext("Requests to partners")))
        items = []
        for request in sheet.requests:
            parts = [f"**{request.ref}**", escape_markdown(request.what, indent=2)]
            if request.partner:
                parts.append(escape_markdown(one_line(request.partner)))
            parts.append(
                escape_markdown(
                    tr.gettext("asked on {day}").format(day=tr.format_day(request.sent_on))
                )
            )
            parts.append(escape_markdown(request.state))
            items.append("- " + _SEPARATOR.join(part for part in parts if part))
        blocks.append("\n".join(items))

    if sheet.next_meeting is not None:
        blocks.append(_heading(tr.gettext("Next meeting")))
        blocks.append(escape_markdown(capitalize_first(tr.format_meeting(sheet.next_meeting))))

    if sheet.extra_events:
        blocks.append(_heading(tr.gettext("Dates to remember")))
        items = []
        for label, moment in sheet.extra_events:
            parts = [escape_markdown(one_line(label)), escape_markdown(tr.format_moment(moment))]
            items.append("- " + _SEPARATOR.join(part for part in parts if part))
        blocks.append("\n".join(items))

    return "\n\n".join(blocks) + "\n"


def _heading(label: str) -> str:
    return f"## {escape_markdown(label)}"
