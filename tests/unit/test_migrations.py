"""Migrations keep what is stored, and ids freed before 0008 are never handed out again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.storage.db import Database, migrations

NOW = "2026-11-23T15:00:00+00:00"


def database_at(path: Path, version: int) -> sqlite3.Connection:
    """A file migrated up to `version` only, as an older bot left it."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(
        "CREATE TABLE schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for number, name, script in migrations():
        if number > version:
            break
        connection.executescript(script)
        connection.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, name, NOW))
    connection.commit()
    return connection


async def test_ids_freed_before_autoincrement_are_not_reused(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = database_at(path, 7)
    old.execute(
        "INSERT INTO committees (id, name, kind, timezone, locale, created_by, created_at)"
        " VALUES (1, 'Comité', 'association', 'America/Toronto', 'fr_CA', 7, ?)",
        (NOW,),
    )
    # D-1 and D-2 were logged; D-2 (the row with the highest id) was undone.
    old.execute("INSERT INTO committee_counters VALUES (1, 'decision', 2)")
    old.execute("INSERT INTO committee_counters VALUES (1, 'follow_up', 1)")
    old.execute("INSERT INTO decisions VALUES (1, 1, 1, 'Réparer la porte', NULL, 7, ?)", (NOW,))
    old.execute(
        "INSERT INTO follow_ups (id, committee_id, number, text, decision_id, created_at,"
        " updated_at) VALUES (1, 1, 1, 'Réparer la porte', 1, ?, ?)",
        (NOW, NOW),
    )
    old.commit()
    old.close()

    db = Database(path)
    await db.connect()
    try:
        kept = await db.fetch_one("SELECT text, decision_id FROM follow_ups WHERE id = 1")
        assert kept is not None and tuple(kept) == ("Réparer la porte", 1)
        async with db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT INTO decisions (committee_id, number, text, created_at)"
                " VALUES (1, 3, 'Afficher l''horaire', ?)",
                (NOW,),
            )
            new_id = cursor.lastrowid
        assert new_id == 3  # not 2: D-2's id may still sit in an old button
        # Deleting the decision still removes its follow-up: the keys survived the rebuild.
        await db.execute("DELETE FROM decisions WHERE id = 1")
        assert await db.fetch_one("SELECT id FROM follow_ups WHERE id = 1") is None
        assert await db.fetch_all("PRAGMA foreign_key_check") == []
    finally:
        await db.close()
