"""Sends Telegram refused, counted by reason for the operator (`python -m bot stats`)."""

from __future__ import annotations

from datetime import UTC, timedelta

from bot.storage.db import Database

# Long enough for "the last day" and a look back at last week; the table stays small.
KEPT_FOR = timedelta(days=7)


async def record_refusal(db: Database, reason: str, what: str) -> None:
    """One row: when, why, what kind of call. No chat and no person."""
    now = db.clock()
    async with db.transaction() as connection:
        await connection.execute(
            "INSERT INTO send_refusals (at, reason, what) VALUES (?, ?, ?)",
            (db.now_text(), reason, what),
        )
        await connection.execute(
            "DELETE FROM send_refusals WHERE at < ?",
            ((now - KEPT_FOR).astimezone(UTC).isoformat(timespec="seconds"),),
        )
