"""How the follow-ups read: the /suivis overview and the weekly digest. No handlers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.domain.digest import Digest, DigestItem, digest_sections, mine_first
from bot.domain.entities import FollowUp
from bot.domain.records import follow_up_ref
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


def _line(tr: Translator, item: DigestItem, *, dated: bool = True) -> str:
    """One follow-up, as a sentence: who has it and by when, or plainly that nobody has it.

    `dated` False under a heading that already says the day (« Today »)."""
    _ = tr.gettext
    values = {
        "ref": item.ref + (" ⛔" if item.status == "blocked" else ""),
        "what": h(item.text),
        "who": h(item.who) if item.who else "",
        "when": tr.format_day(item.due) if item.due and dated else "",
    }
    if values["who"] and values["when"]:
        line = _("{ref} « {what} » — {who}, {when}")
    elif values["who"]:
        line = _("{ref} « {what} » — {who}")
    elif values["when"]:
        line = _("{ref} « {what} » — {when}, no one in charge yet")
    else:
        line = _("{ref} « {what} » — no one in charge yet")
    return "• " + line.format(**values)


def digest_text(
    tr: Translator, digest: Digest, *, title: str, person_id: int | None = None
) -> str:
    """Sections with a heading each; the person's own follow-ups first in each section."""
    _ = tr.gettext
    lines = [f"<b>{title}</b>"]
    sections = (
        (_("Overdue"), digest.overdue, True),
        (_("Today"), digest.today, False),
        (_("Due this week"), digest.this_week, True),
        (_("Later"), digest.later, True),
        (_("No date yet"), digest.no_date, True),
        (_("Done recently"), digest.recently_done, True),
    )
    for heading, items, dated in sections:
        if items:
            lines += ["", "<b>" + h(heading) + "</b>"]
            lines += [_line(tr, item, dated=dated) for item in mine_first(items, person_id)]
    if digest.is_empty:
        lines.append(_("No follow-up for now. Log one with /decision."))
    return "\n".join(lines)
