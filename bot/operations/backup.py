"""Backups with SQLite's online backup API, and putting one back in place.

A backup is taken while the bot runs: SQLite copies a consistent snapshot (every transaction
committed before it started, none half), the copy is checked with `PRAGMA integrity_check`
before it gets its final name, and only the last `keep` backups stay. A restore refuses to run
while the bot holds its run lock, checks the file, and keeps the current database aside.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.operations.lock import RunLock
from bot.operations.sqlite_files import Verdict, integrity_problems, judge, open_read_only


class BackupFailed(Exception):
    """The copy did not pass its check; nothing was kept under a backup's name."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int
    removed: tuple[Path, ...]


def backup_name(database: Path, moment: datetime) -> str:
    return f"{database.stem}-{moment.astimezone(UTC):%Y%m%d-%H%M%S}.sqlite3"


def _pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(database.stem)}-\d{{8}}-\d{{6}}(-\d+)?\.sqlite3$")


def backups_in(directory: Path, database: Path) -> list[Path]:
    """This database's backups in `directory`, oldest first (other files are never touched)."""
    if not directory.is_dir():
        return []
    pattern = _pattern(database)
    found = [entry for entry in directory.iterdir() if pattern.match(entry.name)]
    return sorted(found, key=lambda entry: (entry.stat().st_mtime, entry.name))


def take_backup(
    database: Path, directory: Path, keep: int, now: datetime | None = None
) -> BackupResult:
    """Copy the live database into `directory`, check the copy, keep the last `keep`."""
    if not database.exists():
        raise FileNotFoundError(database)
    directory.mkdir(parents=True, exist_ok=True)
    name = backup_name(database, now or datetime.now(UTC))
    target = directory / name
    counter = 2
    while target.exists():  # two backups in one second
        target = directory / f"{name.removesuffix('.sqlite3')}-{counter}.sqlite3"
        counter += 1
    partial = directory / f".{target.name}.partial"
    try:
        with (
            closing(open_read_only(database)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            # pages=-1: the whole file in one step, under one read transaction, so the copy
            # is one consistent moment even while the bot keeps writing (WAL).
            source.backup(copy, pages=-1)
            # A backup is one self-contained file: no write-ahead log beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
            problems = integrity_problems(copy)
        if problems:
            raise BackupFailed("; ".join(problems))
        _sync(partial)
        os.replace(partial, target)
        _sync(directory)
    finally:
        partial.unlink(missing_ok=True)
    kept = backups_in(directory, database)
    removed = tuple(old for old in kept[: max(0, len(kept) - keep)] if old != target)
    for old in removed:
        old.unlink(missing_ok=True)
    return BackupResult(target, target.stat().st_size, removed)


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: Path
    previous: Path | None  # where the database that was in place now is


class NotRestorable(Exception):
    """The file is not a sound comite-bot database this version can run."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict)
        self.verdict = verdict


def check_restorable(path: Path) -> Verdict:
    verdict = judge(path)
    if verdict.problems or verdict.schema is None:
        raise NotRestorable(verdict)
    if not verdict.schema.is_comite_bot or verdict.schema.unknown:
        raise NotRestorable(verdict)
    return verdict


def restore_backup(
    backup: Path, database: Path, lock_path: Path, now: datetime | None = None
) -> RestoreResult:
    """Put `backup` in place of `database`. Raises LockHeld while the bot runs."""
    with RunLock.take(lock_path):  # and the bot cannot start while this runs
        check_restorable(backup)
        stamp = f"{(now or datetime.now(UTC)).astimezone(UTC):%Y%m%d-%H%M%S}"
        incoming = database.with_name(f".{database.name}.restoring")
        incoming.unlink(missing_ok=True)
        try:
            # Through the backup API too: the result is a plain file whatever the source was.
            with (
                closing(open_read_only(backup)) as source,
                closing(sqlite3.connect(incoming)) as copy,
            ):
                source.backup(copy, pages=-1)
                copy.execute("PRAGMA journal_mode = DELETE")
                problems = integrity_problems(copy)
            if problems:
                raise BackupFailed("; ".join(problems))
            _sync(incoming)
            previous = None
            if database.exists():
                previous = database.with_name(f"{database.name}.before-restore-{stamp}")
                _set_aside(database, previous)
            os.replace(incoming, database)
            _sync(database.parent)
        finally:
            incoming.unlink(missing_ok=True)
    return RestoreResult(database, previous)


def _set_aside(database: Path, previous: Path) -> None:
    """Move the current database to `previous`, whole.

    After a crash, committed transactions may still be in the write-ahead log only: they are
    first folded into the file. A file too damaged for that moves with its log beside it.
    """
    logs = [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
    try:
        with closing(sqlite3.connect(database, timeout=5.0)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.DatabaseError:
        for log in logs:
            if log.exists():
                os.replace(log, previous.with_name(previous.name + log.name[-4:]))
    os.replace(database, previous)
    for log in logs:
        log.unlink(missing_ok=True)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
