"""SQL for reminder rows and the log of other nudges. Claim first, send after; a claim whose
send failed is given back, so nothing stays half sent."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.storage.db import Database


@dataclass(frozen=True, slots=True)
class PlannedRung:
    step: str
    audience: str
    moment: datetime


@dataclass(frozen=True, slots=True)
class DueReminder:
    id: int
    committee_id: int
    follow_up_id: int
    for_due: date
    step: str
    audience: str
    due_at: datetime


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _due(row: sqlite3.Row) -> DueReminder:
    return DueReminder(
        id=row["id"],
        committee_id=row["committee_id"],
        follow_up_id=row["follow_up_id"],
        for_due=date.fromisoformat(row["for_due"]),
        step=row["step"],
        audience=row["audience"],
        due_at=datetime.fromisoformat(row["due_at"]),
    )


class Reminders:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def replace_plan(
        self, follow_up_id: int, committee_id: int, for_due: date, rungs: list[PlannedRung]
    ) -> None:
        """The follow-up's ladder for its current due date; earlier plans stop at once.

        A rung already sent for this same due date is never planned again. The follow-up
        records which due date its ladder is for (see `unplanned`).
        """
        async with self._db.transaction() as db:
            await db.execute(
                "UPDATE reminders SET state = 'cancelled'"
                " WHERE follow_up_id = ? AND +state = 'pending'",
                (follow_up_id,),
            )
            await db.execute(
                "UPDATE follow_ups SET ladder_for = ? WHERE id = ?",
                (for_due.isoformat(), follow_up_id),
            )
            await db.executemany(
                "INSERT INTO reminders (follow_up_id, committee_id, for_due, step, audience,"
                " due_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (follow_up_id, for_due, step) DO UPDATE SET state = 'pending',"
                " due_at = excluded.due_at, audience = excluded.audience"
                " WHERE reminders.state = 'cancelled'",
                [
                    (follow_up_id, committee_id, for_due.isoformat(), r.step, r.audience,
                     _utc(r.moment))
                    for r in rungs
                ],
            )  # fmt: skip

    async def cancel(self, follow_up_id: int) -> None:
        async with self._db.transaction() as db:
            await db.execute(
                # « +state »: look rows up by follow-up, not among every pending reminder.
                "UPDATE reminders SET state = 'cancelled'"
                " WHERE follow_up_id = ? AND +state = 'pending'",
                (follow_up_id,),
            )
            await db.execute(
                "UPDATE follow_ups SET ladder_for = NULL WHERE id = ? AND ladder_for IS NOT NULL",
                (follow_up_id,),
            )

    async def unplanned(self) -> list[tuple[int, datetime]]:
        """Open follow-ups with a due date whose ladder is not planned for that date (the bot
        stopped between saving a change and planning it), with when they were last changed.
        Read from a partial index."""
        rows = await self._db.fetch_all(
            "SELECT id, updated_at FROM follow_ups WHERE status = 'open'"
            " AND due_date IS NOT NULL AND ladder_for IS NOT due_date ORDER BY id"
        )
        return [(row["id"], datetime.fromisoformat(row["updated_at"])) for row in rows]

    async def ladders(self, follow_up_ids: Iterable[int]) -> dict[int, list[DueReminder]]:
        """Every pending rung of these follow-ups, by follow-up, in order."""
        wanted = sorted(set(follow_up_ids))
        found: dict[int, list[DueReminder]] = {i: [] for i in wanted}
        # SQLite allows a few thousand parameters per statement: ask in chunks.
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = await self._db.fetch_all(
                "SELECT * FROM reminders WHERE follow_up_id IN"
                f" ({', '.join('?' * len(chunk))}) AND +state = 'pending' ORDER BY due_at, id",
                chunk,
            )
            for row in rows:
                found[row["follow_up_id"]].append(_due(row))
        return found

    async def resume(self, dropped: list[int], moved: dict[int, datetime]) -> None:
        """After a downtime: rungs said by a later one are dropped, later ones moved."""
        async with self._db.transaction() as db:
            await db.executemany(
                "UPDATE reminders SET state = 'cancelled' WHERE id = ? AND state = 'pending'",
                [(i,) for i in dropped],
            )
            await db.executemany(
                "UPDATE reminders SET due_at = ? WHERE id = ? AND state = 'pending'",
                [(_utc(moment), i) for i, moment in moved.items()],
            )

    async def waiting_until(self, until: datetime) -> list[DueReminder]:
        """Every reminder not sent yet that falls due by `until`, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM reminders WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id",
            (_utc(until),),
        )
        return [_due(row) for row in rows]

    async def claim(self, reminder_ids: list[int]) -> list[int]:
        """Write down the intent to send; returns the ids this caller now owns.

        Only 'pending' rows are taken, so two passes can never send the same reminder.
        """
        claimed: list[int] = []
        async with self._db.transaction() as db:
            for reminder_id in reminder_ids:
                cursor = await db.execute(
                    "UPDATE reminders SET state = 'sending' WHERE id = ? AND state = 'pending'",
                    (reminder_id,),
                )
                if cursor.rowcount == 1:
                    claimed.append(reminder_id)
        return claimed

    async def release(self, reminder_id: int) -> None:
        """The send failed or must wait: the reminder is pending again, for the next pass."""
        await self._db.execute(
            "UPDATE reminders SET state = 'pending' WHERE id = ? AND state = 'sending'",
            (reminder_id,),
        )

    async def recover_interrupted(self) -> int:
        """At start: a row left 'sending' by a crash is sent again (at most that one repeats)."""
        return await self._db.execute(
            "UPDATE reminders SET state = 'pending' WHERE state = 'sending'"
        )

    async def mark(self, reminder_ids: list[int], state: str) -> None:
        async with self._db.transaction() as db:
            await db.executemany(
                "UPDATE reminders SET state = ?, sent_at = ? WHERE id = ?",
                [
                    (state, self._db.now_text() if state == "sent" else None, i)
                    for i in reminder_ids
                ],
            )

    async def history(self, follow_up_id: int) -> list[tuple[str, str, str]]:
        """(step, audience, state) of every rung, for tests and support."""
        rows = await self._db.fetch_all(
            "SELECT step, audience, state FROM reminders WHERE follow_up_id = ? ORDER BY id",
            (follow_up_id,),
        )
        return [(row["step"], row["audience"], row["state"]) for row in rows]

    async def claimed_nudges(self, kind: str, since: datetime) -> set[tuple[int, str]]:
        """(committee, occurrence) of the nudges of `kind` claimed since `since`."""
        rows = await self._db.fetch_all(
            "SELECT committee_id, occurrence FROM nudges_sent WHERE kind = ? AND sent_at >= ?",
            (kind, _utc(since)),
        )
        return {(row["committee_id"], row["occurrence"]) for row in rows}

    async def claim_nudge(self, committee_id: int, kind: str, occurrence: str) -> bool:
        """True the first time only: the nudge is recorded before it is sent."""
        return (
            await self._db.execute(
                "INSERT INTO nudges_sent (committee_id, kind, occurrence, sent_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (committee_id, kind, occurrence, self._db.now_text()),
            )
            == 1
        )

    async def release_nudge(self, committee_id: int, kind: str, occurrence: str) -> None:
        """Its send failed or must wait: the nudge may be claimed (and sent) again."""
        await self._db.execute(
            "DELETE FROM nudges_sent WHERE committee_id = ? AND kind = ? AND occurrence = ?",
            (committee_id, kind, occurrence),
        )
