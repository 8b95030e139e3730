"""SQL for the outbox: what the bot still has to tell a committee's groups.

A row is written in the same transaction as the change it announces, claimed ('sending')
before it is sent, and deleted once sent: what is left is exactly what is still to say.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.storage.chats import WAITING_FOR_TOPIC
from bot.storage.db import Database

# A button as stored: its label, and its callback data or link.
StoredButton = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Announcement:
    id: int
    committee_id: int
    chat_id: int
    text: str
    buttons: list[list[StoredButton]]
    created_at: datetime


def _announcement(row: sqlite3.Row) -> Announcement:
    return Announcement(
        id=row["id"],
        committee_id=row["committee_id"],
        chat_id=row["chat_id"],
        text=row["text"],
        buttons=[
            [(label, target) for label, target in line] for line in json.loads(row["buttons"])
        ],
        created_at=datetime.fromisoformat(row["created_at"]),
    )


class Outbox:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        committee_id: int,
        chat_ids: Sequence[int],
        text: str,
        buttons: Sequence[Sequence[StoredButton]] = (),
    ) -> list[int]:
        """One row per chat; inside the caller's transaction when there is one."""
        stored = json.dumps([list(map(list, line)) for line in buttons], ensure_ascii=False)
        ids: list[int] = []
        async with self._db.transaction() as db:
            for chat_id in chat_ids:
                cursor = await db.execute(
                    "INSERT INTO outbox (committee_id, chat_id, text, buttons, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (committee_id, chat_id, text, stored, self._db.now_text()),
                )
                assert cursor.lastrowid is not None
                ids.append(cursor.lastrowid)
        return ids

    async def get(self, announcement_id: int) -> Announcement | None:
        row = await self._db.fetch_one("SELECT * FROM outbox WHERE id = ?", (announcement_id,))
        return _announcement(row) if row else None

    async def waiting_until(self, until: datetime) -> list[Announcement]:
        """Every announcement not sent yet, recorded by `until`, oldest first; but those for
        a group with topics where no topic is chosen yet: they wait for one."""
        rows = await self._db.fetch_all(
            "SELECT * FROM outbox WHERE state = 'pending' AND created_at <= ?"
            f" AND chat_id NOT IN ({WAITING_FOR_TOPIC}) ORDER BY created_at, id",
            (until.astimezone(UTC).isoformat(timespec="seconds"),),
        )
        return [_announcement(row) for row in rows]

    async def waiting_in(self, chat_id: int) -> list[Announcement]:
        """What is still to be said in one group, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM outbox WHERE state = 'pending' AND chat_id = ? ORDER BY created_at, id",
            (chat_id,),
        )
        return [_announcement(row) for row in rows]

    async def claim(self, announcement_id: int) -> bool:
        """True for the one caller that now sends it; never two."""
        return (
            await self._db.execute(
                "UPDATE outbox SET state = 'sending' WHERE id = ? AND state = 'pending'",
                (announcement_id,),
            )
            == 1
        )

    async def release(self, announcement_id: int) -> None:
        """The send failed or must wait: pending again, for the scheduler."""
        await self._db.execute(
            "UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'sending'",
            (announcement_id,),
        )

    async def sent(self, announcement_id: int) -> None:
        await self._db.execute("DELETE FROM outbox WHERE id = ?", (announcement_id,))

    async def recover_interrupted(self) -> int:
        """At start: a row left 'sending' by a crash goes again (at most that one repeats)."""
        return await self._db.execute(
            "UPDATE outbox SET state = 'pending' WHERE state = 'sending'"
        )
