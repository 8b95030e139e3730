"""SQL for general assemblies: when and where, their questions, and the counts typed back in."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from bot.domain.assemblies import Assembly, Question
from bot.domain.records import MeetingTime
from bot.storage.db import Database
from bot.storage.decisions import next_number
from bot.storage.meetings import meeting_time_of, meeting_time_text


def _question(row: sqlite3.Row) -> Question:
    counted = row["votes_for"] is not None
    return Question(
        position=row["position"],
        text=row["text"],
        counts=(row["votes_for"], row["votes_against"], row["votes_abstain"]) if counted else None,
    )


class Assemblies:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        committee_id: int,
        held_at: MeetingTime,
        place: str | None,
        questions: Sequence[str],
        by: int,
    ) -> Assembly:
        async with self._db.transaction() as db:
            number = await next_number(db, committee_id, "assembly")
            cursor = await db.execute(
                "INSERT INTO assemblies (committee_id, number, held_at, place, created_by,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    committee_id,
                    number,
                    meeting_time_text(held_at),
                    place,
                    by,
                    self._db.now_text(),
                ),
            )
            assembly_id = cursor.lastrowid
            for position, text in enumerate(questions, start=1):
                await db.execute(
                    "INSERT INTO assembly_questions (assembly_id, position, text)"
                    " VALUES (?, ?, ?)",
                    (assembly_id, position, text),
                )
        assert assembly_id is not None
        found = await self.get(assembly_id)
        assert found is not None
        return found

    async def get(self, assembly_id: int) -> Assembly | None:
        row = await self._db.fetch_one("SELECT * FROM assemblies WHERE id = ?", (assembly_id,))
        return await self._assembly(row) if row else None

    async def of_committee(self, committee_id: int, limit: int = 5) -> list[Assembly]:
        """The latest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM assemblies WHERE committee_id = ? ORDER BY number DESC LIMIT ?",
            (committee_id, limit),
        )
        return [await self._assembly(row) for row in rows]

    async def record_counts(
        self, assembly_id: int, position: int, counts: tuple[int, int, int], by: int
    ) -> bool:
        """The counts of one question; typed again, they replace the earlier ones."""
        changed = await self._db.execute(
            "UPDATE assembly_questions SET votes_for = ?, votes_against = ?, votes_abstain = ?,"
            " recorded_by = ?, recorded_at = ? WHERE assembly_id = ? AND position = ?",
            (*counts, by, self._db.now_text(), assembly_id, position),
        )
        return changed == 1

    async def _assembly(self, row: sqlite3.Row) -> Assembly:
        held_at = meeting_time_of(row["held_at"])
        assert held_at is not None
        questions = await self._db.fetch_all(
            "SELECT * FROM assembly_questions WHERE assembly_id = ? ORDER BY position",
            (row["id"],),
        )
        return Assembly(
            id=row["id"],
            committee_id=row["committee_id"],
            number=row["number"],
            held_at=held_at,
            place=row["place"],
            questions=tuple(_question(q) for q in questions),
        )
