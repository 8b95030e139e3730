"""Pure rules of the follow-ups at a glance (/suivis) and of the weekly digest: which section
each follow-up goes in, in which order. No Telegram types, no I/O, no i18n."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.records import FollowUpStatus


@dataclass(frozen=True, slots=True)
class DigestItem:
    """A follow-up as the digest sees it. `who` is a first name at most."""

    ref: str
    text: str
    who: str | None
    due: date | None
    status: str  # a `FollowUpStatus` value
    done_on: date | None
    person_id: int | None


@dataclass(frozen=True, slots=True)
class Digest:
    overdue: list[DigestItem]
    today: list[DigestItem]
    this_week: list[DigestItem]
    later: list[DigestItem]
    no_date: list[DigestItem]
    recently_done: list[DigestItem]

    @property
    def is_empty(self) -> bool:
        """Nothing to say: the bot skips the digest rather than post an empty one."""
        return not (
            self.overdue
            or self.today
            or self.this_week
            or self.later
            or self.no_date
            or self.recently_done
        )


_NUMBERED = re.compile(r"(.*?)(\d+)")


def _order(item: DigestItem) -> tuple[bool, date, str, int, str]:
    """By due date (undated last), then by reference read as a number, so S-9 comes before
    S-10 (as text, S-10 would come first)."""
    match = _NUMBERED.fullmatch(item.ref)
    prefix, number = (match[1], int(match[2])) if match else (item.ref, -1)
    return (item.due is None, item.due or date.min, prefix, number, item.ref)


def digest_sections(items: Sequence[DigestItem], *, today: date, done_since: date) -> Digest:
    """Sort follow-ups into the digest's sections.

    Open and blocked ones by due date: before `today` overdue, on `today` today, from
    tomorrow to six days later this week, after that later, and undated ones apart. Done
    ones on or after `done_since` are recently done. Cancelled ones, and older or undated
    done ones, are left out. Each section is sorted by due date, then by reference.
    """
    still_open = {FollowUpStatus.OPEN, FollowUpStatus.BLOCKED}
    week_end = today + timedelta(days=6)
    digest = Digest([], [], [], [], [], [])
    for item in items:
        if item.status == FollowUpStatus.DONE:
            if item.done_on is not None and item.done_on >= done_since:
                digest.recently_done.append(item)
        elif item.status in still_open:
            if item.due is None:
                digest.no_date.append(item)
            elif item.due < today:
                digest.overdue.append(item)
            elif item.due == today:
                digest.today.append(item)
            elif item.due <= week_end:
                digest.this_week.append(item)
            else:
                digest.later.append(item)
    for section in (
        digest.overdue,
        digest.today,
        digest.this_week,
        digest.later,
        digest.no_date,
        digest.recently_done,
    ):
        section.sort(key=_order)
    return digest


def mine_first(items: Sequence[DigestItem], person_id: int | None) -> list[DigestItem]:
    """The person's own follow-ups first, each group keeping its order (the sort is stable).

    Without a person (`None`), the order is unchanged: unassigned items are nobody's.
    """
    if person_id is None:
        return list(items)
    return sorted(items, key=lambda item: item.person_id != person_id)
