"""The run lock: the running bot holds it, and `restore` refuses to run while it is held.

An advisory `flock` on a file beside the database (`<DATABASE_PATH>.lock`). The kernel drops it
when the process ends in any way, `kill -9` included, so a crash never leaves a stale lock; the
file itself stays and is harmless. `flock` locks belong to an open file, not to a process: a
test can run the bot and try a restore in one process and see the refusal.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from bot.config import ConfigError, Settings
from bot.i18n import translator


class LockHeld(Exception):
    """Another process holds the lock: the bot runs, or a restore is under way."""

    def __init__(self, path: Path, pid: int | None) -> None:
        super().__init__(f"{path} is held by process {pid}")
        self.path = path
        self.pid = pid


class RunLock:
    """Held while the bot runs, and while a restore replaces the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @classmethod
    def take(cls, path: Path) -> RunLock:
        """Take it now, or raise LockHeld (never waits)."""
        lock = cls(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise LockHeld(path, pid) from None
        # Who holds it, for the message the next one gets.
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        lock._fd = fd
        return lock

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> RunLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def holder(path: Path) -> int | None:
    """The pid holding the lock, 0 when held by a process that did not say, None when free."""
    if not path.exists():
        return None
    try:
        with RunLock.take(path):
            return None
    except LockHeld as held:
        return held.pid or 0


def _read_pid(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return int(text) if text.isdigit() else None


RUN_LOCK_KEY = "run_lock"


def hold_run_lock(bot_data: dict[str, object], settings: Settings) -> None:
    """At start: one bot per database, and no start while a restore replaces the file."""
    try:
        bot_data[RUN_LOCK_KEY] = RunLock.take(settings.lock_path)
    except LockHeld as held:
        _ = translator(settings.default_locale).gettext
        raise ConfigError(
            _(
                "Another process (number {pid}) is using DATABASE_PATH={path}: the bot is "
                "already running, or a restore is under way. Stop it before starting this one."
            ).format(pid=held.pid or "?", path=settings.database_path)
        ) from None


def release_run_lock(bot_data: dict[str, object]) -> None:
    lock = bot_data.pop(RUN_LOCK_KEY, None)
    if isinstance(lock, RunLock):
        lock.release()
