"""SQL for meetings: created as a draft at the first step, each answer saved as it comes."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from bot.domain.entities import Attendee, Meeting, MeetingTime
from bot.domain.records import MeetingKind
from bot.storage.db import Database
from bot.storage.decisions import next_number


def meeting_time_of(text: str | None) -> MeetingTime | None:
    """A stored meeting time: « 2026-12-15 » (no hour given) or a local date and time (older
    rows carry their offset: the day and hour written are the committee's)."""
    if not text:
        return None
    if len(text) == len("2026-12-15"):
        return MeetingTime(date.fromisoformat(text))
    moment = datetime.fromisoformat(text)
    return MeetingTime(moment.date(), moment.time().replace(tzinfo=None, second=0, microsecond=0))


def meeting_time_text(meeting: MeetingTime | None) -> str | None:
    if meeting is None:
        return None
    if meeting.hour is None:
        return meeting.day.isoformat()
    return datetime.combine(meeting.day, meeting.hour).isoformat(timespec="minutes")


def _meeting(row: sqlite3.Row) -> Meeting:
    return Meeting(
        id=row["id"],
        committee_id=row["committee_id"],
        number=row["number"],
        held_on=date.fromisoformat(row["held_on"]),
        kind=MeetingKind(row["kind"]),
        partner_name=row["partner_name"],
        next_meeting_at=meeting_time_of(row["next_meeting_at"]),
        created_by=row["created_by"],
        finished=row["finished_at"] is not None,
    )


class Meetings:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(
        self,
        committee_id: int,
        held_on: date,
        kind: MeetingKind,
        partner_name: str | None,
        created_by: int,
    ) -> Meeting:
        async with self._db.transaction() as db:
            number = await next_number(db, committee_id, "meeting")
            cursor = await db.execute(
                "INSERT INTO meetings (committee_id, number, held_on, kind, partner_name,"
                " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    committee_id,
                    number,
                    held_on.isoformat(),
                    kind.value,
                    partner_name,
                    created_by,
                    self._db.now_text(),
                ),
            )
        assert cursor.lastrowid is not None
        meeting = await self.get(cursor.lastrowid)
        assert meeting is not None
        return meeting

    async def get(self, meeting_id: int) -> Meeting | None:
        row = await self._db.fetch_one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        return _meeting(row) if row else None

    async def set_attendees(self, meeting_id: int, attendees: list[Attendee]) -> None:
        async with self._db.transaction() as db:
            await db.execute("DELETE FROM meeting_attendees WHERE meeting_id = ?", (meeting_id,))
            await db.executemany(
                "INSERT INTO meeting_attendees (meeting_id, position, person_id, name)"
                " VALUES (?, ?, ?, ?)",
                [(meeting_id, i, a.person_id, a.name) for i, a in enumerate(attendees)],
            )

    async def attendees(self, meeting_id: int) -> list[Attendee]:
        rows = await self._db.fetch_all(
            "SELECT person_id, name FROM meeting_attendees WHERE meeting_id = ? ORDER BY position",
            (meeting_id,),
        )
        return [Attendee(row["person_id"], row["name"]) for row in rows]

    async def finish(self, meeting_id: int, next_meeting_at: MeetingTime | None) -> None:
        await self._db.execute(
            "UPDATE meetings SET next_meeting_at = ?, finished_at = COALESCE(finished_at, ?)"
            " WHERE id = ?",
            (
                meeting_time_text(next_meeting_at),
                self._db.now_text(),
                meeting_id,
            ),
        )

    async def recent(self, committee_id: int, limit: int = 8) -> list[Meeting]:
        rows = await self._db.fetch_all(
            "SELECT * FROM meetings WHERE committee_id = ? AND finished_at IS NOT NULL"
            " ORDER BY held_on DESC, number DESC LIMIT ?",
            (committee_id, limit),
        )
        return [_meeting(row) for row in rows]

    async def between(self, committee_id: int, start: date, end: date) -> list[Meeting]:
        """Finished meetings held in [start, end)."""
        rows = await self._db.fetch_all(
            "SELECT * FROM meetings WHERE committee_id = ? AND finished_at IS NOT NULL"
            " AND held_on >= ? AND held_on < ? ORDER BY held_on, number",
            (committee_id, start.isoformat(), end.isoformat()),
        )
        return [_meeting(row) for row in rows]
