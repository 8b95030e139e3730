"""The only place with SQL for people: who talks to the bot, and erasing them (/oublier)."""

from __future__ import annotations

import sqlite3

from bot.domain.entities import Person
from bot.storage.db import Database


def _person(row: sqlite3.Row) -> Person:
    return Person(
        telegram_id=row["telegram_id"],
        display_name=row["display_name"],
        username=row["username"],
        language=row["language"],
        language_hint=row["language_hint"],
        active_committee_id=row["active_committee_id"],
        bot_blocked=bool(row["bot_blocked"]),
    )


class People:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def upsert(
        self, telegram_id: int, display_name: str, username: str | None, language_hint: str | None
    ) -> Person:
        """Record who is talking (minimal data: id, name, language); returns the stored row."""
        now = self._db.now_text()
        await self._db.execute(
            "INSERT INTO people (telegram_id, display_name, username, language_hint,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (telegram_id) DO UPDATE SET display_name = excluded.display_name,"
            " username = excluded.username, language_hint = excluded.language_hint,"
            " updated_at = excluded.updated_at"
            " WHERE display_name IS NOT excluded.display_name"
            " OR username IS NOT excluded.username"
            " OR language_hint IS NOT excluded.language_hint",
            (telegram_id, display_name, username, language_hint, now, now),
        )
        person = await self.get(telegram_id)
        assert person is not None
        return person

    async def get(self, telegram_id: int) -> Person | None:
        row = await self._db.fetch_one(
            "SELECT * FROM people WHERE telegram_id = ?", (telegram_id,)
        )
        return _person(row) if row else None

    async def set_language(self, telegram_id: int, locale: str) -> None:
        await self._db.execute(
            "UPDATE people SET language = ?, updated_at = ? WHERE telegram_id = ?",
            (locale, self._db.now_text(), telegram_id),
        )

    async def set_active_committee(self, telegram_id: int, committee_id: int) -> None:
        await self._db.execute(
            "UPDATE people SET active_committee_id = ?, updated_at = ? WHERE telegram_id = ?",
            (committee_id, self._db.now_text(), telegram_id),
        )

    async def forget(self, telegram_id: int, placeholder: str) -> None:
        """Erase a person: their record, memberships and votes; their name in the committee's
        records becomes `placeholder`, so decisions stay readable without naming them."""
        async with self._db.transaction() as db:
            for table, column in (
                ("follow_ups", "responsible_name"),
                ("meeting_attendees", "name"),
                ("mandates", "representative_name"),
            ):
                id_column = {
                    "follow_ups": "responsible_id",
                    "meeting_attendees": "person_id",
                    "mandates": "representative_id",
                }[table]
                # Table and column names are the constants above, never user text.
                await db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {id_column} = ?",
                    (placeholder, telegram_id),
                )
            await db.execute("DELETE FROM persistence WHERE kind = 'user' AND key = ?",
                             (str(telegram_id),))  # fmt: skip
            # Memberships and votes go with the person (ON DELETE CASCADE); ids elsewhere
            # become NULL (ON DELETE SET NULL).
            await db.execute("DELETE FROM people WHERE telegram_id = ?", (telegram_id,))

    async def set_bot_blocked(self, telegram_id: int, blocked: bool) -> None:
        await self._db.execute(
            "UPDATE people SET bot_blocked = ?, updated_at = ? WHERE telegram_id = ?",
            (int(blocked), self._db.now_text(), telegram_id),
        )
