"""How the follow-ups read: the /suivis overview and the weekly digest. No handlers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.domain.entities import FollowUp
from bot.domain.records import follow_up_ref
from bot.domain.reminders import Digest, DigestItem, digest_sections, mine_first
from bot.i18n import Translator
from bot.ui import h


def digest_of(follow_ups: Sequence[FollowUp], *, today: date, done_since: date) -> Digest:
    items = [
        DigestItem(
            ref=follow_up_ref(f.number),
            text=f.text,
            who=f.responsible_name,
            due=f.due_date,
            status=f.status.value,
            done_on=f.done_on.date() if f.done_on else None,
            person_id=f.responsible_id,
        )
        for f in follow_ups
    ]
    return digest_sections(items, today=today, done_since=done_since)


def _line(tr: Translator, item: DigestItem) -> str:
    who = h(item.who) if item.who else tr.gettext("nobody yet")
    when = tr.format_day(item.due) if item.due else tr.gettext("no date")
    blocked = " ⛔" if item.status == "blocked" else ""
    return f"• {item.ref}{blocked} « {h(item.text)} » — {who} — {when}"


def digest_text(
    tr: Translator, digest: Digest, *, title: str, person_id: int | None = None
) -> str:
    """Sections with a heading each; the person's own follow-ups first in each section."""
    _ = tr.gettext
    lines = [f"<b>{title}</b>"]
    sections = (
        (_("Overdue"), digest.overdue),
        (_("Due this week"), digest.this_week),
        (_("Later"), digest.later),
        (_("No date yet"), digest.no_date),
        (_("Done recently"), digest.recently_done),
    )
    for heading, items in sections:
        if items:
            lines += ["", "<b>" + h(heading) + "</b>"]
            lines += [_line(tr, item) for item in mine_first(items, person_id)]
    if digest.is_empty:
        lines.append(_("No follow-up for now. Log one with /decision."))
    return "\n".join(lines)
