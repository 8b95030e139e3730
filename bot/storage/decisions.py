"""SQL for decisions and follow-ups, numbered within their committee."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import aiosqlite

from bot.domain.entities import Decision, FollowUp
from bot.domain.records import FollowUpStatus
from bot.storage.db import Database


async def next_number(db: aiosqlite.Connection, committee_id: int, kind: str) -> int:
    """The committee's next number for `kind`; numbers are never reused, even after an undo."""
    async with db.execute(
        "INSERT INTO committee_counters (committee_id, kind, last_number) VALUES (?, ?, 1)"
        " ON CONFLICT (committee_id, kind) DO UPDATE SET last_number = last_number + 1"
        " RETURNING last_number",
        (committee_id, kind),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


@dataclass(frozen=True, slots=True)
class FollowUpDraft:
    text: str
    responsible_id: int | None
    responsible_name: str | None
    due_date: date | None
    due_time: time | None


def _decision(row: sqlite3.Row) -> Decision:
    return Decision(
        id=row["id"],
        committee_id=row["committee_id"],
        number=row["number"],
        text=row["text"],
        meeting_id=row["meeting_id"],
        created_by=row["created_by"],
        created_at=datetime.fromisoformat(row["created_at"]),
    )


def _follow_up(row: sqlite3.Row) -> FollowUp:
    return FollowUp(
        id=row["id"],
        committee_id=row["committee_id"],
        number=row["number"],
        text=row["text"],
        decision_id=row["decision_id"],
        meeting_id=row["meeting_id"],
        responsible_id=row["responsible_id"],
        responsible_name=row["responsible_name"],
        due_date=date.fromisoformat(row["due_date"]) if row["due_date"] else None,
        due_time=time.fromisoformat(row["due_time"]) if row["due_time"] else None,
        status=FollowUpStatus(row["status"]),
        done_on=datetime.fromisoformat(row["done_at"]) if row["done_at"] else None,
        blocked_reason=row["blocked_reason"],
        objective_id=row["objective_id"],
    )


async def _insert_follow_up(
    db: aiosqlite.Connection,
    committee_id: int,
    draft: FollowUpDraft,
    *,
    decision_id: int | None,
    meeting_id: int | None,
    created_by: int | None,
    now: str,
) -> int:
    number = await next_number(db, committee_id, "follow_up")
    cursor = await db.execute(
        "INSERT INTO follow_ups (committee_id, number, text, decision_id, meeting_id,"
        " responsible_id, responsible_name, due_date, due_time, created_by, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            committee_id,
            number,
            draft.text,
            decision_id,
            meeting_id,
            draft.responsible_id,
            draft.responsible_name,
            draft.due_date.isoformat() if draft.due_date else None,
            draft.due_time.isoformat(timespec="minutes") if draft.due_time else None,
            created_by,
            now,
            now,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


class Decisions:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self,
        committee_id: int,
        text: str,
        *,
        created_by: int | None,
        meeting_id: int | None = None,
        follow_up: FollowUpDraft | None = None,
        source: tuple[int, int] | None = None,
    ) -> tuple[Decision, FollowUp | None]:
        """Store a decision and its follow-up together: both are on disk, or neither.

        `source` is the (chat id, message id) of the message it was typed in, so that an edit
        of that message finds this decision again.
        """
        chat_id, message_id = source or (None, None)
        async with self._db.transaction() as db:
            number = await next_number(db, committee_id, "decision")
            cursor = await db.execute(
                "INSERT INTO decisions (committee_id, number, text, meeting_id, created_by,"
                " created_at, source_chat_id, source_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    committee_id,
                    number,
                    text,
                    meeting_id,
                    created_by,
                    self._db.now_text(),
                    chat_id,
                    message_id,
                ),
            )
            decision_id = cursor.lastrowid
            assert decision_id is not None
            follow_up_id = None
            if follow_up is not None:
                follow_up_id = await _insert_follow_up(
                    db,
                    committee_id,
                    follow_up,
                    decision_id=decision_id,
                    meeting_id=meeting_id,
                    created_by=created_by,
                    now=self._db.now_text(),
                )
        decision = await self.get(decision_id)
        assert decision is not None
        return decision, (await FollowUps(self._db).get(follow_up_id) if follow_up_id else None)

    async def get(self, decision_id: int) -> Decision | None:
        row = await self._db.fetch_one("SELECT * FROM decisions WHERE id = ?", (decision_id,))
        return _decision(row) if row else None

    async def from_message(self, chat_id: int, message_id: int) -> Decision | None:
        """The decision typed in that message, if it is still there."""
        row = await self._db.fetch_one(
            "SELECT * FROM decisions WHERE source_chat_id = ? AND source_message_id = ?",
            (chat_id, message_id),
        )
        return _decision(row) if row else None

    async def set_text(self, decision_id: int, text: str) -> None:
        """A correction of the decision's text: same decision, same number."""
        await self._db.execute("UPDATE decisions SET text = ? WHERE id = ?", (text, decision_id))

    async def delete(self, decision_id: int) -> bool:
        """Undo: the decision and its follow-ups go; its number is not reused."""
        return await self._db.execute("DELETE FROM decisions WHERE id = ?", (decision_id,)) == 1

    async def of_meeting(self, meeting_id: int) -> list[Decision]:
        rows = await self._db.fetch_all(
            "SELECT * FROM decisions WHERE meeting_id = ? ORDER BY number", (meeting_id,)
        )
        return [_decision(row) for row in rows]

    async def between(self, committee_id: int, start: datetime, end: datetime) -> list[Decision]:
        """Decisions recorded in [start, end) (aware datetimes)."""
        rows = await self._db.fetch_all(
            "SELECT * FROM decisions WHERE committee_id = ? AND created_at >= ?"
            " AND created_at < ? ORDER BY number",
            (committee_id, _utc_text(start), _utc_text(end)),
        )
        return [_decision(row) for row in rows]


class FollowUps:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        committee_id: int,
        draft: FollowUpDraft,
        *,
        created_by: int | None,
        decision_id: int | None = None,
        meeting_id: int | None = None,
    ) -> FollowUp:
        async with self._db.transaction() as db:
            follow_up_id = await _insert_follow_up(
                db,
                committee_id,
                draft,
                decision_id=decision_id,
                meeting_id=meeting_id,
                created_by=created_by,
                now=self._db.now_text(),
            )
        follow_up = await self.get(follow_up_id)
        assert follow_up is not None
        return follow_up

    async def add_to_decision(
        self, decision: Decision, *, created_by: int | None
    ) -> FollowUp | None:
        """A follow-up for a decision that has none (its text is the decision's); None when it
        already has one, so a second press of « Add a follow-up » creates nothing."""
        async with self._db.transaction() as db:
            async with db.execute(
                "SELECT 1 FROM follow_ups WHERE decision_id = ?", (decision.id,)
            ) as cursor:
                if await cursor.fetchone() is not None:
                    return None
            follow_up_id = await _insert_follow_up(
                db,
                decision.committee_id,
                FollowUpDraft(decision.text, None, None, None, None),
                decision_id=decision.id,
                meeting_id=None,
                created_by=created_by,
                now=self._db.now_text(),
            )
        return await self.get(follow_up_id)

    async def serve_objective(self, follow_up_id: int, objective_id: int) -> None:
        await self._db.execute(
            "UPDATE follow_ups SET objective_id = ? WHERE id = ?", (objective_id, follow_up_id)
        )

    async def get(self, follow_up_id: int) -> FollowUp | None:
        row = await self._db.fetch_one("SELECT * FROM follow_ups WHERE id = ?", (follow_up_id,))
        return _follow_up(row) if row else None

    async def of_decision(self, decision_id: int) -> list[FollowUp]:
        rows = await self._db.fetch_all(
            "SELECT * FROM follow_ups WHERE decision_id = ? ORDER BY number", (decision_id,)
        )
        return [_follow_up(row) for row in rows]

    async def of_meeting(self, meeting_id: int) -> list[FollowUp]:
        rows = await self._db.fetch_all(
            "SELECT * FROM follow_ups WHERE meeting_id = ? ORDER BY number", (meeting_id,)
        )
        return [_follow_up(row) for row in rows]

    async def open_of_committee(self, committee_id: int) -> list[FollowUp]:
        rows = await self._db.fetch_all(
            "SELECT * FROM follow_ups WHERE committee_id = ? AND status IN ('open', 'blocked')"
            " ORDER BY due_date IS NULL, due_date, number",
            (committee_id,),
        )
        return [_follow_up(row) for row in rows]

    async def created_between(
        self, committee_id: int, start: datetime, end: datetime
    ) -> list[FollowUp]:
        rows = await self._db.fetch_all(
            "SELECT * FROM follow_ups WHERE committee_id = ? AND created_at >= ?"
            " AND created_at < ? ORDER BY number",
            (committee_id, _utc_text(start), _utc_text(end)),
        )
        return [_follow_up(row) for row in rows]

    async def set_responsible(
        self, follow_up_id: int, person_id: int | None, name: str | None
    ) -> None:
        await self._db.execute(
            "UPDATE follow_ups SET responsible_id = ?, responsible_name = ?, updated_at = ?"
            " WHERE id = ?",
            (person_id, name, self._db.now_text(), follow_up_id),
        )

    async def set_text(self, follow_up_id: int, text: str) -> None:
        await self._db.execute(
            "UPDATE follow_ups SET text = ?, updated_at = ? WHERE id = ?",
            (text, self._db.now_text(), follow_up_id),
        )

    async def set_due(
        self, follow_up_id: int, due_date: date | None, due_time: time | None
    ) -> None:
        await self._db.execute(
            "UPDATE follow_ups SET due_date = ?, due_time = ?, updated_at = ? WHERE id = ?",
            (
                due_date.isoformat() if due_date else None,
                due_time.isoformat(timespec="minutes") if due_time else None,
                self._db.now_text(),
                follow_up_id,
            ),
        )

    async def delete(self, follow_up_id: int) -> bool:
        return await self._db.execute("DELETE FROM follow_ups WHERE id = ?", (follow_up_id,)) == 1

    async def set_status(
        self, follow_up_id: int, status: FollowUpStatus, *, reason: str | None = None
    ) -> bool:
        """Done, blocked (with a reason), cancelled or open again; False if unchanged."""
        now = self._db.now_text()
        return (
            await self._db.execute(
                "UPDATE follow_ups SET status = ?, blocked_reason = ?, updated_at = ?,"
                " done_at = CASE WHEN ? = 'done' THEN ? ELSE NULL END"
                " WHERE id = ? AND (status != ? OR blocked_reason IS NOT ?)",
                (status.value, reason, now, status.value, now, follow_up_id, status.value, reason),
            )
            == 1
        )

    async def of_committee(self, committee_id: int, done_since: datetime) -> list[FollowUp]:
        """Every follow-up still worth showing: open, blocked, or done since `done_since`."""
        rows = await self._db.fetch_all(
            "SELECT * FROM follow_ups WHERE committee_id = ? AND (status IN ('open', 'blocked')"
            " OR (status = 'done' AND done_at >= ?)) ORDER BY number",
            (committee_id, _utc_text(done_since)),
        )
        return [_follow_up(row) for row in rows]


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
