"""`python -m bot stats`: counts for whoever runs the bot, without any personal data."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.operations.sqlite_files import file_size, open_read_only

ACTIVE_WINDOW = timedelta(days=30)
REFUSALS_WINDOW = timedelta(days=1)

# A committee is active when one of its members recorded something there lately.
_ACTIVE_COMMITTEES = """
SELECT COUNT(*) FROM committees WHERE id IN (
    SELECT committee_id FROM decisions WHERE created_at >= :since
    UNION SELECT committee_id FROM follow_ups WHERE updated_at >= :since
    UNION SELECT committee_id FROM meetings WHERE created_at >= :since
    UNION SELECT committee_id FROM partnerships WHERE updated_at >= :since
    UNION SELECT committee_id FROM mandates WHERE created_at >= :since
    UNION SELECT committee_id FROM memberships WHERE joined_at >= :since
    UNION SELECT id FROM committees WHERE created_at >= :since
)
"""


@dataclass(frozen=True, slots=True)
class Stats:
    committees: int
    active_committees: int
    members: int
    follow_ups_open: int
    follow_ups_overdue: int
    reminders_pending: int
    refusals: dict[str, int]  # by reason, over the last day
    database_bytes: int


def gather(database: Path, now: datetime, zone: ZoneInfo) -> Stats:
    """Counts only: no name, no text, no Telegram id leaves the database."""
    since = _text(now - ACTIVE_WINDOW)
    today = now.astimezone(zone).date().isoformat()
    with closing(open_read_only(database)) as db:

        def count(sql: str, **params: str) -> int:
            return int(db.execute(sql, params).fetchone()[0])

        refusals: dict[str, int] = {}
        if db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'send_refusals'"
        ).fetchone():
            rows = db.execute(
                "SELECT reason, COUNT(*) FROM send_refusals WHERE at >= ? "
                "GROUP BY reason ORDER BY COUNT(*) DESC, reason",
                (_text(now - REFUSALS_WINDOW),),
            )
            refusals = {str(reason): int(number) for reason, number in rows}
        return Stats(
            committees=count("SELECT COUNT(*) FROM committees"),
            active_committees=count(_ACTIVE_COMMITTEES, since=since),
            members=count("SELECT COUNT(DISTINCT person_id) FROM memberships"),
            follow_ups_open=count(
                "SELECT COUNT(*) FROM follow_ups WHERE status IN ('open', 'blocked')"
            ),
            # Due before today in the bot's time zone (committees in other zones: a few hours
            # either way, which a count for the operator can bear).
            follow_ups_overdue=count(
                "SELECT COUNT(*) FROM follow_ups WHERE status IN ('open', 'blocked') "
                "AND due_date IS NOT NULL AND due_date < :today",
                today=today,
            ),
            reminders_pending=count(
                "SELECT COUNT(*) FROM reminders WHERE state IN ('pending', 'sending')"
            ),
            refusals=refusals,
            database_bytes=file_size(database),
        )


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
