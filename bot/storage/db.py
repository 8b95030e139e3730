"""The SQLite file: one aiosqlite connection, WAL, foreign keys, numbered migrations."""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

# The transaction the running task is in, if any: writes it makes while inside join it.
_OPEN: ContextVar[tuple[Database, asyncio.Task[Any] | None] | None] = ContextVar(
    "transaction", default=None
)

# Statements that never write, by their first word (a WITH may: it counts as a write).
_READS = frozenset({"SELECT", "PRAGMA", "BEGIN", "COMMIT", "ROLLBACK", "EXPLAIN"})

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def utc_now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """Numbered migrations shipped in bot/storage/migrations, in order."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files("bot.storage").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    # A gap would mean a migration lost in a merge; two with one number would run in an
    # arbitrary order.
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001, 0002, ... without gaps: {numbers}")
    return found


class Database:
    """The one connection the bot uses. SQLite serialises writes; one connection is enough."""

    def __init__(self, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.path = path
        # Timestamps come from the bot's clock, so tests that move time get coherent rows.
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self._connection: aiosqlite.Connection | None = None
        self._open_lock = asyncio.Lock()
        # Groups several statements into one transaction without interleaving other writers.
        self._write_lock = asyncio.Lock()
        # Caches of rows as last read (bot/storage/cache.py), by the tables they copy: emptied
        # after a write to one of those tables is committed or rolled back (see `watch`).
        self._watchers: dict[str, list[Callable[[], None]]] = {}
        self._watched: re.Pattern[str] | None = None
        self._written: set[str] = set()

    def now_text(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    async def connect(self) -> None:
        async with self._open_lock:
            if self._connection is not None:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = await aiosqlite.connect(self.path)
            connection.row_factory = aiosqlite.Row
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            await connection.execute("PRAGMA synchronous = NORMAL")
            await connection.execute("PRAGMA busy_timeout = 5000")
            # Deleted content is overwritten with zeros, so an erased person (/oublier) does
            # not linger in free space of the file.
            await connection.execute("PRAGMA secure_delete = ON")
            self._connection = connection
            await self._migrate()
            # Every statement SQLite runs, from any repository, in or out of a transaction,
            # is seen here: a cache cannot miss a write because some code forgot to tell it.
            # Held weakly: the connection holding this Database would make a cycle, and an
            # unclosed connection left to the garbage collector keeps its (non-daemon) thread,
            # so the process would not exit.
            traced = weakref.WeakMethod(self._traced)

            def trace(statement: str) -> None:
                method = traced()
                if method is not None:
                    method(statement)

            await connection.set_trace_callback(trace)

    async def close(self) -> None:
        async with self._open_lock:
            if self._connection is not None:
                await self._connection.close()
                self._connection = None

    @property
    def connection(self) -> aiosqlite.Connection:
        if self._connection is None:
            raise RuntimeError("Database.connect() was not awaited")
        return self._connection

    async def _migrate(self) -> None:
        db = self.connection
        await db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        async with db.execute("SELECT version FROM schema_migrations") as cursor:
            applied = {row[0] async for row in cursor}
        for number, name, script in migrations():
            if number in applied:
                continue
            log.info("applying migration %s", name)
            # A migration may rebuild a table: foreign keys are off while it runs (or dropping
            # the old table would cascade), and checked before it commits.
            await db.execute("PRAGMA foreign_keys = OFF")
            try:
                # executescript commits first; the migration then runs in its own transaction.
                await db.executescript(
                    "BEGIN;\n"
                    + script
                    + "\nINSERT INTO schema_migrations (version, name, applied_at) VALUES "
                    + f"({number}, '{name}', '{utc_now_text()}');"
                )
                async with db.execute("PRAGMA foreign_key_check") as cursor:
                    broken = list(await cursor.fetchall())
                if broken:
                    await db.rollback()
                    raise RuntimeError(f"migration {name} breaks foreign keys: {broken[:5]}")
                await db.commit()
            finally:
                await db.execute("PRAGMA foreign_keys = ON")

    # A read is one trip to the connection's thread (execute_fetchall), not three (execute,
    # fetch, close): each trip costs a wake-up of the thread and one of the event loop.
    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        rows = await self.connection.execute_fetchall(sql, tuple(params))
        return next(iter(rows), None)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self.connection.execute_fetchall(sql, tuple(params)))

    def _inside(self) -> bool:
        return _OPEN.get() == (self, asyncio.current_task())

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one write and commit it (inside a transaction: as part of it); returns how
        many rows it changed."""
        if self._inside():
            cursor = await self.connection.execute(sql, tuple(params))
            return cursor.rowcount
        async with self._write_lock:
            try:
                cursor = await self.connection.execute(sql, tuple(params))
                await self.connection.commit()
            finally:
                self._wrote()
            return cursor.rowcount

    def watch(self, tables: Iterable[str], forget: Callable[[], None]) -> None:
        """Call `forget` after every write to one of `tables`, committed or rolled back."""
        for table in tables:
            self._watchers.setdefault(table.lower(), []).append(forget)
        names = "|".join(sorted(map(re.escape, self._watchers)))
        self._watched = re.compile(rf"\b({names})\b", re.IGNORECASE)

    def _traced(self, statement: str) -> None:
        """SQLite's trace hook (on the connection's thread): note the watched tables a
        statement that may write names (conservatively: a name in a value counts too)."""
        if self._watched is None or statement.split(None, 1)[0].upper() in _READS:
            return
        self._written.update(name.lower() for name in self._watched.findall(statement))

    def _wrote(self) -> None:
        written, self._written = self._written, set()
        called: set[int] = set()
        for table in written:
            for forget in self._watchers.get(table, ()):
                if id(forget) not in called:
                    called.add(id(forget))
                    forget()

    async def checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it, so that rows just erased
        leave no older copy behind in the log."""
        async with self._write_lock:
            await self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Several writes committed together (or not at all).

        Repositories' own writes and transactions inside it join it, so a change and what it
        entails (its reminders, what it tells the group) reach the disk in one commit.
        """
        if self._inside():
            yield self.connection
            return
        async with self._write_lock:
            token = _OPEN.set((self, asyncio.current_task()))
            try:
                yield self.connection
                await self.connection.commit()
            except BaseException:
                await self.connection.rollback()
                raise
            finally:
                _OPEN.reset(token)
                self._wrote()
