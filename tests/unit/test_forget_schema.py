"""/oublier knows every column that names a person: a new one must be declared to pass."""

from __future__ import annotations

import re
from pathlib import Path

from bot.storage.db import Database
from bot.storage.people import OWN_ROWS, PERSON_COLUMNS

# How a column that holds a person's Telegram id is named, when no foreign key says so.
_NAMES_A_PERSON = re.compile(r"(_by|^(person|user|member|responsible|representative|voter)_id)$")


async def test_every_column_that_names_a_person_is_erased_by_forget(tmp_path: Path) -> None:
    db = Database(tmp_path / "bot.sqlite3")
    await db.connect()
    try:
        tables = [
            row["name"]
            for row in await db.fetch_all(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        naming: set[tuple[str, str]] = set()
        for table in tables:
            for key in await db.fetch_all(f"PRAGMA foreign_key_list({table})"):
                if key["table"] == "people":
                    naming.add((table, key["from"]))
            for column in await db.fetch_all(f"PRAGMA table_info({table})"):
                if _NAMES_A_PERSON.search(column["name"]):
                    naming.add((table, column["name"]))
        handled = {(c.table, c.column) for c in PERSON_COLUMNS} | set(OWN_ROWS)
        assert naming - handled == set(), "declare these in bot/storage/people.py"
        # And nothing declared is missing from the schema (a typo would erase nothing).
        for table, name in handled:
            names = {c["name"] for c in await db.fetch_all(f"PRAGMA table_info({table})")}
            assert name in names, (table, name)
        secure = await db.fetch_one("PRAGMA secure_delete")
        assert secure is not None and secure[0] == 1
    finally:
        await db.close()
