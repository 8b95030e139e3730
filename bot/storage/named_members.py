"""SQL for members without Telegram, and the votes a coordinator records on their behalf."""

from __future__ import annotations

import sqlite3

from bot.domain.named_members import NamedMember, ProxyVote
from bot.storage.db import Database
from bot.storage.mandates import VoteRecorded


def _member(row: sqlite3.Row) -> NamedMember:
    return NamedMember(
        id=row["id"],
        committee_id=row["committee_id"],
        name=row["name"],
        relay_id=row["relay_id"],
        relay_asked=row["relay_asked"],
    )


class NamedMembers:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, committee_id: int, name: str, by: int) -> NamedMember | None:
        """Add a member by name; None when the committee already has someone of that name."""
        added = await self._db.execute(
            "INSERT INTO named_members (committee_id, name, added_by, added_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (committee_id, name, by, self._db.now_text()),
        )
        if added != 1:
            return None
        row = await self._db.fetch_one(
            "SELECT * FROM named_members WHERE committee_id = ? AND name = ?",
            (committee_id, name),
        )
        return _member(row) if row else None

    async def get(self, member_id: int) -> NamedMember | None:
        row = await self._db.fetch_one("SELECT * FROM named_members WHERE id = ?", (member_id,))
        return _member(row) if row else None

    async def of_committee(self, committee_id: int) -> list[NamedMember]:
        rows = await self._db.fetch_all(
            "SELECT * FROM named_members WHERE committee_id = ? ORDER BY name",
            (committee_id,),
        )
        return [_member(row) for row in rows]

    async def count(self, committee_id: int) -> int:
        row = await self._db.fetch_one(
            "SELECT count(*) FROM named_members WHERE committee_id = ?", (committee_id,)
        )
        return int(row[0]) if row else 0

    async def remove(self, member_id: int) -> bool:
        """They leave the committee; what was written with their name stays as written."""
        return await self._db.execute("DELETE FROM named_members WHERE id = ?", (member_id,)) == 1

    async def ask_relay(self, member_id: int, person_id: int) -> None:
        """A member is asked to pass the reminders on; nothing changes until they agree."""
        await self._db.execute(
            "UPDATE named_members SET relay_asked = ? WHERE id = ?", (person_id, member_id)
        )

    async def accept_relay(self, member_id: int, person_id: int) -> bool:
        """The member asked agrees; False when someone else was asked since (or nobody)."""
        changed = await self._db.execute(
            "UPDATE named_members SET relay_id = ?, relay_asked = NULL"
            " WHERE id = ? AND relay_asked = ?",
            (person_id, member_id, person_id),
        )
        return changed == 1

    async def decline_relay(self, member_id: int, person_id: int) -> bool:
        changed = await self._db.execute(
            "UPDATE named_members SET relay_asked = NULL WHERE id = ? AND relay_asked = ?",
            (member_id, person_id),
        )
        return changed == 1

    async def stop_relay(self, member_id: int) -> None:
        await self._db.execute(
            "UPDATE named_members SET relay_id = NULL, relay_asked = NULL WHERE id = ?",
            (member_id,),
        )

    # --- votes by proxy ---------------------------------------------------------------------

    async def proxy_vote(
        self, mandate_id: int, member_id: int, choice: str, by: int
    ) -> VoteRecorded:
        """As a member's own vote (bot/storage/mandates.py): one per member, a new choice
        replaces the earlier one, nothing once the vote is closed; one statement each."""
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO mandate_proxy_votes (mandate_id, named_member_id, choice,"
                " recorded_by, voted_at) SELECT ?, ?, ?, ?, ? WHERE EXISTS"
                " (SELECT 1 FROM mandates WHERE id = ? AND status = 'voting')"
                " ON CONFLICT (mandate_id, named_member_id) DO UPDATE SET"
                " choice = excluded.choice, recorded_by = excluded.recorded_by,"
                " voted_at = excluded.voted_at"
                " WHERE mandate_proxy_votes.choice != excluded.choice",
                (mandate_id, member_id, choice, by, self._db.now_text(), mandate_id),
            )
            if cursor.rowcount > 0:
                return VoteRecorded.CHANGED
            async with db.execute(
                "SELECT 1 FROM mandates WHERE id = ? AND status = 'voting'", (mandate_id,)
            ) as found:
                still_open = await found.fetchone() is not None
        return VoteRecorded.UNCHANGED if still_open else VoteRecorded.CLOSED

    async def proxy_votes(self, mandate_id: int) -> list[ProxyVote]:
        rows = await self._db.fetch_all(
            "SELECT v.named_member_id, n.name, v.choice, p.display_name AS by_name"
            " FROM mandate_proxy_votes v JOIN named_members n ON n.id = v.named_member_id"
            " LEFT JOIN people p ON p.telegram_id = v.recorded_by"
            " WHERE v.mandate_id = ? ORDER BY n.name",
            (mandate_id,),
        )
        return [
            ProxyVote(row["named_member_id"], row["name"], row["choice"], row["by_name"])
            for row in rows
        ]
