"""`python -m bot check`: is the database sound, and does it match this version of the bot?"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings
from bot.operations.lock import holder
from bot.operations.sqlite_files import SchemaState, file_size, judge


@dataclass(frozen=True, slots=True)
class CheckReport:
    database: Path
    exists: bool
    size: int
    problems: tuple[str, ...]  # from PRAGMA integrity_check, or why the file could not be read
    schema: SchemaState | None
    running_pid: int | None  # the bot holding the run lock (0: a process that did not say)
    heartbeat_age: float | None  # seconds since the last answered poll, when there is a file

    @property
    def ok(self) -> bool:
        """Wrong: a damaged file, or one written by a newer version than this one.

        Missing migrations are not wrong: the bot applies them when it starts.
        """
        if not self.exists:
            return True
        return not self.problems and self.schema is not None and not self.schema.unknown


def check_database(settings: Settings) -> CheckReport:
    path = settings.database_path
    heartbeat = settings.heartbeat_file
    age = None
    if heartbeat is not None and heartbeat.exists():
        age = max(0.0, time.time() - heartbeat.stat().st_mtime)
    running = holder(settings.lock_path)
    if not path.exists():
        return CheckReport(path, False, 0, (), None, running, age)
    verdict = judge(path)
    return CheckReport(path, True, file_size(path), verdict.problems, verdict.schema, running, age)
