"""Runs the real Application against the sandbox, and restarts it on the same database."""

from __future__ import annotations

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
