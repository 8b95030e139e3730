"""SQL for the agenda of the next meeting: subjects waiting for a meeting to take them up."""

from __future__ import annotations

import sqlite3

from bot.domain.entities import AgendaItem
from bot.storage.db import Database


def _item(row: sqlite3.Row) -> AgendaItem:
    return AgendaItem(
        id=row["id"],
        committee_id=row["committee_id"],
        text=row["text"],
        box_item_id=row["box_item_id"],
        meeting_id=row["meeting_id"],
    )


class Agenda:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, committee_id: int, text: str, by: int | None, *, box_item_id: int | None = None
    ) -> AgendaItem | None:
        """A subject for the next meeting; None when this box message is already on it."""
        async with self._db.transaction() as db:
            if box_item_id is not None:
                async with db.execute(
                    "SELECT 1 FROM agenda_items WHERE box_item_id = ?", (box_item_id,)
                ) as cursor:
                    if await cursor.fetchone() is not None:
                        return None
            cursor = await db.execute(
                "INSERT INTO agenda_items (committee_id, text, box_item_id, added_by, added_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (committee_id, text, box_item_id, by, self._db.now_text()),
            )
            item_id = cursor.lastrowid
        assert item_id is not None
        return await self.get(item_id)

    async def get(self, item_id: int) -> AgendaItem | None:
        row = await self._db.fetch_one("SELECT * FROM agenda_items WHERE id = ?", (item_id,))
        return _item(row) if row else None

    async def pending(self, committee_id: int) -> list[AgendaItem]:
        """What the next meeting will talk about, in the order it was added."""
        rows = await self._db.fetch_all(
            "SELECT * FROM agenda_items WHERE committee_id = ? AND meeting_id IS NULL ORDER BY id",
            (committee_id,),
        )
        return [_item(row) for row in rows]

    async def take_up(self, committee_id: int, meeting_id: int) -> int:
        """A meeting takes up every subject waiting; returns how many."""
        return await self._db.execute(
            "UPDATE agenda_items SET meeting_id = ? WHERE committee_id = ? AND meeting_id IS NULL",
            (meeting_id, committee_id),
        )

    async def of_meeting(self, meeting_id: int) -> list[AgendaItem]:
        rows = await self._db.fetch_all(
            "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY id", (meeting_id,)
        )
        return [_item(row) for row in rows]

    async def remove(self, item_id: int) -> bool:
        """Off the agenda, while no meeting took it up yet."""
        changed = await self._db.execute(
            "DELETE FROM agenda_items WHERE id = ? AND meeting_id IS NULL", (item_id,)
        )
        return changed == 1
