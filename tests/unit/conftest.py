"""What the storage tests share: the bot's repositories over a fresh SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.storage.db import Database
from bot.storage.repositories import Storage


@pytest_asyncio.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    db = Database(tmp_path / "bot.sqlite3")
    await db.connect()
    try:
        yield Storage(db)
    finally:
        await db.close()
