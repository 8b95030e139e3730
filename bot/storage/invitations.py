"""The only place with SQL for invitation links: made, used, turned off, and who joined."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.domain.entities import Invitation
from bot.domain.roles import INVITATION_DAYS_DEFAULT, link_expiry
from bot.storage.db import Database

# Links are numbered within their committee in the order they were made (never deleted).
_COLUMNS = (
    "i.token, i.committee_id, i.created_by, i.created_at, i.expires_at, i.revoked_at, i.uses,"
    " (SELECT COUNT(*) FROM invitations j WHERE j.committee_id = i.committee_id"
    " AND j.rowid <= i.rowid) AS number"
)


def _invitation(row: sqlite3.Row) -> Invitation:
    return Invitation(
        row["token"],
        row["committee_id"],
        # 0 is the mark of a person who asked to be forgotten (see storage/people.py).
        row["created_by"] or None,
        revoked=row["revoked_at"] is not None,
        uses=row["uses"],
        created_at=datetime.fromisoformat(row["created_at"]),
        expires_at=datetime.fromisoformat(row["expires_at"]) if row["expires_at"] else None,
        number=row["number"],
    )


@dataclass(frozen=True, slots=True)
class LinkUse:
    """A link with the people who are members through it today."""

    invitation: Invitation
    creator_name: str | None
    joined: tuple[str, ...]


class Invitations:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(self, token: str, committee_id: int, created_by: int) -> Invitation:
        """A new link for the committee; it expires after the committee's chosen delay."""
        now = self._db.clock().astimezone(UTC).replace(microsecond=0)
        row = await self._db.fetch_one(
            "SELECT invitation_days FROM committees WHERE id = ?", (committee_id,)
        )
        expires = link_expiry(now, row["invitation_days"] if row else INVITATION_DAYS_DEFAULT)
        await self._db.execute(
            "INSERT INTO invitations (token, committee_id, created_by, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (token, committee_id, created_by, now.isoformat(), expires.isoformat()),
        )
        made = await self.get(token)
        assert made is not None
        return made

    async def get(self, token: str) -> Invitation | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM invitations i WHERE i.token = ?", (token,)
        )
        return _invitation(row) if row else None

    async def count_use(self, token: str) -> None:
        await self._db.execute("UPDATE invitations SET uses = uses + 1 WHERE token = ?", (token,))

    async def revoke(self, token: str) -> bool:
        changed = await self._db.execute(
            "UPDATE invitations SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL",
            (self._db.now_text(), token),
        )
        return changed == 1

    async def of_committee(self, committee_id: int, limit: int = 20) -> list[LinkUse]:
        """The committee's latest links, newest first, each with who joined through it."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS}, p.display_name AS creator_name FROM invitations i"
            " LEFT JOIN people p ON p.telegram_id = i.created_by"
            " WHERE i.committee_id = ? ORDER BY i.created_at DESC, i.rowid DESC LIMIT ?",
            (committee_id, limit),
        )
        tokens = [row["token"] for row in rows]
        joined: dict[str, list[str]] = {token: [] for token in tokens}
        if tokens:
            people = await self._db.fetch_all(
                "SELECT m.invitation_token, p.display_name FROM memberships m"
                " JOIN people p ON p.telegram_id = m.person_id"
                f" WHERE m.invitation_token IN ({', '.join('?' * len(tokens))})"
                " ORDER BY m.joined_at, p.display_name COLLATE NOCASE",
                tokens,
            )
            for person in people:
                joined[person["invitation_token"]].append(person["display_name"])
        return [
            LinkUse(_invitation(row), row["creator_name"], tuple(joined[row["token"]]))
            for row in rows
        ]
