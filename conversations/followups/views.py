"""How the follow-ups read: the /suivis overview and the weekly digest. No handlers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.digest import (
    Digest,
    DigestItem,
    Entry,
    digest_sections,
    mine_first,
    page_breaks,
    page_of,
)
from bot.domain.entities import FollowUp
from bot.domain.partnerships import clip
from bot.domain.records import follow_up_ref
from bot.i18n import Translator
from bot.ui import h

# A page of the listing: well under Telegram's 4,096 characters (the committee's name may be
# put before it, and the heading of a section is repeated on the page it continues on), and
# few enough lines to read on a phone.
PAGE_BUDGET = 3500
PAGE_ITEMS = 15
# A follow-up's text in the listing; opening it shows it whole.
LINE_TEXT = 200


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
        "what": h(clip(item.text, LINE_TEXT)[0]),
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


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the listing: its text, its number (from 0) and how many there are, and the
    follow-ups on it, in the order shown."""

    text: str
    number: int
    count: int
    items: list[DigestItem]


def _entries(
    tr: Translator, digest: Digest, person_id: int | None
) -> list[tuple[Entry, DigestItem]]:
    _ = tr.gettext
    sections = (
        (_("Overdue"), digest.overdue, True),
        (_("Today"), digest.today, False),
        (_("Due this week"), digest.this_week, True),
        (_("Later"), digest.later, True),
        (_("No date yet"), digest.no_date, True),
        (_("Done recently"), digest.recently_done, True),
    )
    return [
        (Entry("<b>" + h(heading) + "</b>", _line(tr, item, dated=dated)), item)
        for heading, items, dated in sections
        for item in mine_first(items, person_id)
    ]


def digest_page(
    tr: Translator, digest: Digest, *, title: str, number: int = 0, person_id: int | None = None
) -> Page:
    """Page `number` of the sections (each with its heading), the person's own follow-ups
    first in each section; past the last page, the last one."""
    _ = tr.gettext
    entries = _entries(tr, digest, person_id)
    heading = f"<b>{title}</b>"
    # The page line is written once the count is known: room for its longest form.
    page_line = _("Page {number} of {count}")
    header = len(heading) + len(page_line) + 12
    starts = page_breaks(
        [e for e, _item in entries], header=header, budget=PAGE_BUDGET, most=PAGE_ITEMS
    )
    number = min(max(number, 0), len(starts) - 1)
    shown = page_of(entries, starts, number)
    lines = [heading]
    if len(starts) > 1:
        lines.append(page_line.format(number=number + 1, count=len(starts)))
    section = None
    for entry, _item in shown:
        if entry.heading != section:
            lines += ["", entry.heading]
            section = entry.heading
        lines.append(entry.line)
    if digest.is_empty:
        lines.append(_("No follow-up for now. Log one with /decision."))
    return Page("\n".join(lines), number, len(starts), [item for _e, item in shown])
