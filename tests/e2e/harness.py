"""Runs the real bot against the sandbox and restarts it on the same database: in the test's
event loop (`BotHarness`, with a clock the test moves), or as its own process
(`BotProcess`, on real time, which a test can kill -9)."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import (
    BotApplication,
    build_application,
    services_of,
    start_embedded,
    stop_embedded,
    wait_until_settled,
)
from bot.config import Settings, load_settings
from bot.context import BotContext
from bot.ratelimit import CommitteeRateLimiter
from bot.scheduler import wakeups_of
from bot.storage.repositories import Storage
from sandbox import SandboxServer
from sandbox.models import Signal


def sandbox_settings(server: SandboxServer, database_path: Path, **overrides: str) -> Settings:
    env = {
        "BOT_TOKEN": server.token,
        "TELEGRAM_BASE_URL": server.base_url,
        "DATABASE_PATH": str(database_path),
        "DEFAULT_LOCALE": "fr_CA",
        "TIMEZONE": "America/Toronto",
        **overrides,
    }
    return load_settings(env)


# Monday 23 November 2026, 9:00 in Québec: tests read dates against this moment. The usual
# hour of nudges (10:00) is still to come, so nothing is due before a test moves the clock.
TEST_NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


class ManualClock:
    """A clock the test moves by hand; the bot asks it for the time."""

    def __init__(self, start: datetime = TEST_NOW) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


class BotHarness:
    """The bot under test: started, stopped and restarted like a real process would be."""

    def __init__(
        self,
        server: SandboxServer,
        database_path: Path,
        clock: Callable[[], datetime] | None = None,
        rate_limiter: CommitteeRateLimiter | None = None,
    ) -> None:
        self.server = server
        self.rate_limiter = rate_limiter
        self.database_path = database_path
        self.clock = clock or ManualClock()
        self.application: BotApplication | None = None
        self.starts = 0

    async def start(self) -> None:
        assert self.application is None, "already running"
        self.application = build_application(
            sandbox_settings(self.server, self.database_path), rate_limiter=self.rate_limiter
        )
        services_of(self.application).clock = self.clock
        # A short long-poll timeout keeps stops quick; updates still arrive at once.
        await start_embedded(self.application, poll_timeout=1)
        self.starts += 1

    async def stop(self) -> None:
        if self.application is not None:
            await stop_embedded(self.application)
            self.application = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def settle(self) -> None:
        """Wait until the bot has fully handled everything people did so far."""
        assert self.application is not None, "the bot is not running"
        await wait_until_settled(self.application, self.server.world.wait_idle())

    async def tick(self) -> None:
        """What the wake-up job does when it fires: run everything due by the bot's clock."""
        assert self.application is not None, "the bot is not running"
        await wakeups_of(self.application).run_due(BotContext(self.application))
        await self.settle()

    @property
    def storage(self) -> Storage:
        assert self.application is not None, "the bot is not running"
        return services_of(self.application).storage


ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    """The real bot in its own process (`python -m bot`), as it runs in production: on real
    time, talking HTTP to the sandbox. It can be killed outright (`kill -9`) and started
    again on the same database."""

    def __init__(
        self,
        server: SandboxServer,
        database_path: Path,
        *,
        token: str | None = None,
        base_url: str | None = None,
    ) -> None:
        self.server = server
        self.database_path = database_path
        self.token = token or server.token
        self.base_url = base_url
        self.process: asyncio.subprocess.Process | None = None
        self.lines: list[str] = []  # stderr of every run, line by line
        self.starts = 0
        self._new_line = Signal()
        self._polls_at_launch = 0
        self._reader: asyncio.Task[None] | None = None

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
            "BOT_TOKEN": self.token,
            "TELEGRAM_BASE_URL": self.base_url or self.server.base_url,
            "DATABASE_PATH": str(self.database_path),
            "DEFAULT_LOCALE": "fr_CA",
            "TIMEZONE": "America/Toronto",
        }

    async def launch(self) -> None:
        """Start the process; it may still be reaching Telegram (see `wait_polling`)."""
        assert self.process is None, "already running"
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot",
            # Its own folder: no .env of the checkout is read.
            cwd=self.database_path.parent, env=self.environment(),
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        self.starts += 1
        self._polls_at_launch = len(self.server.calls_to("getUpdates"))
        self._reader = asyncio.create_task(self._read(self.process))

    async def start(self, timeout: float = 30.0) -> None:
        """Start the process and wait until it polls for updates."""
        await self.launch()
        await self.wait_polling(timeout)

    async def wait_polling(self, timeout: float = 30.0) -> None:
        """Wait until this run has asked for updates and waits for more (all handled)."""
        world = self.server.world
        if not await world.signal.wait_for(
            lambda: (
                self._exited()
                or (
                    len(self.server.calls_to("getUpdates")) > self._polls_at_launch
                    and world.is_idle()
                )
            ),
            timeout,
        ):
            raise TimeoutError(f"the bot did not poll within {timeout}s:\n{self.stderr}")
        if self._exited():
            raise RuntimeError(f"the bot exited while starting:\n{self.stderr}")

    async def settle(self) -> None:
        """Wait until the bot has handled everything people did so far (seen from Telegram:
        nothing left to take, nothing being sent, polling again, and quiet for a moment)."""
        await self.server.world.wait_idle(timeout=10.0, settle=0.3)

    async def kill(self) -> None:
        """kill -9: no clean-up of any kind, as in a power cut or an out-of-memory kill."""
        process = self._running()
        process.kill()
        await self._ended(process)

    async def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, as systemd stops it; returns the exit code."""
        process = self._running()
        process.terminate()
        return await self._ended(process, timeout)

    async def exit_code(self, timeout: float = 30.0) -> int:
        """Wait for the process to end by itself."""
        return await self._ended(self._running(), timeout)

    async def wait_for_lines(
        self, pattern: str, count: int = 1, timeout: float = 30.0
    ) -> list[str]:
        """The first `count` lines of stderr matching `pattern`, waiting for them."""
        compiled = re.compile(pattern)

        def found() -> list[str]:
            return [line for line in self.lines if compiled.search(line)]

        if (
            not await self._new_line.wait_for(
                lambda: len(found()) >= count or self._exited(), timeout
            )
            or len(found()) < count
        ):
            raise TimeoutError(f"{count} line(s) matching {pattern!r} not seen:\n{self.stderr}")
        return found()[:count]

    @property
    def stderr(self) -> str:
        return "\n".join(self.lines)

    async def close(self) -> None:
        """End the process if it still runs (end of a test)."""
        if self.process is not None:
            if self.process.returncode is None:
                self.process.kill()
            await self._ended(self.process)

    def _running(self) -> asyncio.subprocess.Process:
        assert self.process is not None, "the bot is not running"
        return self.process

    def _exited(self) -> bool:
        return self.process is None or self.process.returncode is not None

    async def _ended(self, process: asyncio.subprocess.Process, timeout: float = 20.0) -> int:
        code = await asyncio.wait_for(process.wait(), timeout)
        if self._reader is not None:
            await self._reader
            self._reader = None
        self.process = None
        self._new_line.fire()
        return code

    async def _read(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        while line := await process.stderr.readline():
            self.lines.append(line.decode(errors="replace").rstrip("\n"))
            self._new_line.fire()
        await process.wait()
        # Whoever waits for a line or for polling learns that the process has ended.
        self._new_line.fire()
        self.server.world.signal.fire()
