"""Opening and judging SQLite files from the side, while the bot may be writing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.storage.db import migrations


def open_read_only(path: Path) -> sqlite3.Connection:
    """A reader that never creates the file nor writes to it (WAL lets it read beside the bot)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    connection.execute("PRAGMA busy_timeout = 5000")
    return connection


def integrity_problems(connection: sqlite3.Connection, limit: int = 5) -> list[str]:
    """SQLite's own check of every page and index; empty when the file is sound."""
    rows = connection.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


@dataclass(frozen=True, slots=True)
class SchemaState:
    """Which numbered migrations the file has, against those this version of the bot ships."""

    applied: tuple[int, ...]
    pending: tuple[str, ...]  # shipped, not yet applied: the bot applies them at start
    unknown: tuple[int, ...]  # applied, not shipped: the file comes from a newer version

    @property
    def is_comite_bot(self) -> bool:
        return bool(self.applied)


def schema_state(connection: sqlite3.Connection) -> SchemaState:
    shipped = {number: name for number, name, _ in migrations()}
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    applied: set[int] = set()
    if has_table:
        rows = connection.execute("SELECT version FROM schema_migrations")
        applied = {int(row[0]) for row in rows}
    return SchemaState(
        applied=tuple(sorted(applied)),
        pending=tuple(name for number, name in sorted(shipped.items()) if number not in applied),
        unknown=tuple(sorted(applied - set(shipped))),
    )


def file_size(path: Path) -> int:
    """The database with its write-ahead log: what it takes on disk."""
    total = 0
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            total += part.stat().st_size
    return total


@dataclass(frozen=True, slots=True)
class Verdict:
    problems: tuple[str, ...]
    schema: SchemaState | None


def judge(path: Path) -> Verdict:
    """Integrity and schema of a file, opened read-only (a backup, or the live database)."""
    try:
        with closing(open_read_only(path)) as connection:
            problems = integrity_problems(connection)
            schema = schema_state(connection) if not problems else None
    except sqlite3.DatabaseError as error:
        return Verdict((str(error),), None)
    return Verdict(tuple(problems), schema)
