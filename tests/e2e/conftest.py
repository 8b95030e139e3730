from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from sandbox import ApiSpec, SandboxServer
from tests.e2e.harness import BotHarness


@pytest_asyncio.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    """The local Bot API; every call the bot makes is checked against api.json when present."""
    async with SandboxServer(spec=ApiSpec.find()) as server:
        yield server
        assert server.violations == [], "calls Telegram would reject:\n" + "\n".join(
            server.violations
        )


@pytest_asyncio.fixture
async def bot(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[BotHarness]:
    harness = BotHarness(sandbox, tmp_path / "bot.sqlite3")
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
