"""SQL for committees and their members; all repositories together in `Storage`."""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections.abc import Iterable
from datetime import time

from bot.domain.entities import (
    Committee,
    CommitteeKind,
    Member,
    Membership,
    MembershipSource,
    Role,
)
from bot.storage.agenda import Agenda
from bot.storage.assemblies import Assemblies
from bot.storage.cache import ReadCache
from bot.storage.chats import Chats
from bot.storage.db import Database
from bot.storage.decisions import Decisions, FollowUps
from bot.storage.invitations import Invitations
from bot.storage.mandates import Mandates
from bot.storage.meetings import Meetings
from bot.storage.named_members import NamedMembers
from bot.storage.outbox import Outbox
from bot.storage.partnerships import Partnerships
from bot.storage.people import People
from bot.storage.priorities import Priorities
from bot.storage.reminders import Reminders
from bot.storage.request_letters import RequestLetters
from bot.storage.requests import Requests
from bot.storage.residents import Box, Notices, ResidentChannels

# The tables whose rows `Committees` and `Chats` keep as last read (bot/storage/cache.py),
# and `people`, whose deletion cascades into memberships.
CACHED_TABLES = ("committees", "memberships", "committee_chats", "people")

_COMMITTEE_COLUMNS = (
    "c.id, c.name, c.kind, c.housing_office, c.timezone, c.locale, c.created_by, c.vote_quorum,"
    " c.quiet_start, c.quiet_end, c.reminder_rhythm, c.digest_enabled, c.digest_weekday,"
    " c.office_meeting_month, c.invitation_days"
)
# Settings a coordinator may change (/parametres); the code names them, never user text.
SETTINGS_COLUMNS = frozenset(
    {
        "timezone",
        "vote_quorum",
        "quiet_start",
        "quiet_end",
        "reminder_rhythm",
        "digest_enabled",
        "digest_weekday",
        "office_meeting_month",
        "invitation_days",
        "locale",
    }
)


@functools.cache
def _time_of(text: str) -> time:
    return time.fromisoformat(text)


def _committee(row: sqlite3.Row) -> Committee:
    # Zones, languages, hours and rhythms repeat from committee to committee: one copy each
    # (10,000 committees in memory took 1 KB each).
    return Committee(
        id=row["id"],
        name=row["name"],
        kind=CommitteeKind(row["kind"]),
        housing_office=row["housing_office"],
        timezone=sys.intern(row["timezone"]),
        locale=sys.intern(row["locale"]),
        created_by=row["created_by"],
        vote_quorum=row["vote_quorum"],
        quiet_start=_time_of(row["quiet_start"]),
        quiet_end=_time_of(row["quiet_end"]),
        reminder_rhythm=sys.intern(row["reminder_rhythm"]),
        digest_enabled=bool(row["digest_enabled"]),
        digest_weekday=row["digest_weekday"],
        office_meeting_month=row["office_meeting_month"],
        invitation_days=row["invitation_days"],
    )


class Committees:
    def __init__(self, db: Database, reads: ReadCache | None = None) -> None:
        self._db = db
        # Committees and memberships as last read (bot/storage/cache.py).
        self._reads = reads or ReadCache()

    async def create(
        self,
        *,
        name: str,
        kind: CommitteeKind,
        housing_office: str | None,
        timezone: str,
        locale: str,
        creator_id: int,
    ) -> Committee:
        """Create a committee with its creator as coordinator, and make it their active one."""
        now = self._db.now_text()
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO committees (name, kind, housing_office, timezone, locale,"
                " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, kind.value, housing_office, timezone, locale, creator_id, now),
            )
            committee_id = cursor.lastrowid
            await db.execute(
                "INSERT INTO memberships (committee_id, person_id, role, source, joined_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (committee_id, creator_id, Role.COORDINATOR, MembershipSource.CREATOR, now),
            )
            await db.execute(
                "UPDATE people SET active_committee_id = ? WHERE telegram_id = ?",
                (committee_id, creator_id),
            )
        assert committee_id is not None
        committee = await self.get(committee_id)
        assert committee is not None
        return committee

    async def get(self, committee_id: int) -> Committee | None:
        return await self._reads.get(("committee", committee_id), lambda: self._get(committee_id))

    async def _get(self, committee_id: int) -> Committee | None:
        row = await self._db.fetch_one(
            f"SELECT {_COMMITTEE_COLUMNS} FROM committees c WHERE c.id = ?", (committee_id,)
        )
        return _committee(row) if row else None

    async def update_settings(self, committee_id: int, **values: object) -> None:
        unknown = set(values) - SETTINGS_COLUMNS
        if unknown:
            raise ValueError(f"not a setting: {sorted(unknown)}")
        stored = [
            v.isoformat(timespec="minutes") if isinstance(v, time) else v for v in values.values()
        ]
        assignments = ", ".join(f"{name} = ?" for name in values)
        await self._db.execute(
            f"UPDATE committees SET {assignments} WHERE id = ?", (*stored, committee_id)
        )

    async def all(self) -> list[Committee]:
        """Every committee in one query (the scheduled sources that need them all keep what
        they compute from them: see `ClaimedOnce.reads_tables`)."""
        rows = await self._db.fetch_all(
            f"SELECT {_COMMITTEE_COLUMNS} FROM committees c ORDER BY c.id"
        )
        return [_committee(row) for row in rows]

    async def by_ids(self, committee_ids: Iterable[int]) -> dict[int, Committee]:
        """The committees named, by id, in one query."""
        wanted = sorted(set(committee_ids))
        found: dict[int, Committee] = {}
        # SQLite allows a few thousand parameters per statement: ask in chunks.
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = await self._db.fetch_all(
                f"SELECT {_COMMITTEE_COLUMNS} FROM committees c"
                f" WHERE c.id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row["id"], _committee(row)) for row in rows)
        return found

    async def memberships_of(self, person_id: int) -> list[Membership]:
        found = await self._reads.get(
            ("memberships of", person_id), lambda: self._memberships_of(person_id)
        )
        return list(found)

    async def _memberships_of(self, person_id: int) -> list[Membership]:
        rows = await self._db.fetch_all(
            f"SELECT {_COMMITTEE_COLUMNS}, m.role FROM memberships m"
            " JOIN committees c ON c.id = m.committee_id WHERE m.person_id = ?"
            " ORDER BY c.name COLLATE NOCASE, c.id",
            (person_id,),
        )
        return [Membership(_committee(row), person_id, Role(row["role"])) for row in rows]

    async def membership(self, committee_id: int, person_id: int) -> Membership | None:
        return await self._reads.get(
            ("membership", committee_id, person_id),
            lambda: self._membership(committee_id, person_id),
        )

    async def _membership(self, committee_id: int, person_id: int) -> Membership | None:
        row = await self._db.fetch_one(
            f"SELECT {_COMMITTEE_COLUMNS}, m.role FROM memberships m"
            " JOIN committees c ON c.id = m.committee_id"
            " WHERE m.committee_id = ? AND m.person_id = ?",
            (committee_id, person_id),
        )
        return Membership(_committee(row), person_id, Role(row["role"])) if row else None

    async def members(self, committee_id: int) -> list[Member]:
        rows = await self._db.fetch_all(
            "SELECT p.telegram_id, p.display_name, p.username, m.role FROM memberships m"
            " JOIN people p ON p.telegram_id = m.person_id WHERE m.committee_id = ?"
            " ORDER BY m.role = 'member', p.display_name COLLATE NOCASE",
            (committee_id,),
        )
        return [
            Member(row["telegram_id"], row["display_name"], Role(row["role"]), row["username"])
            for row in rows
        ]

    async def add_member(
        self,
        committee_id: int,
        person_id: int,
        source: MembershipSource,
        *,
        invitation: str | None = None,
    ) -> bool:
        """Add a person as a member (idempotent: a coordinator stays one). True if newly added.

        Joining never gives a role: only a coordinator names another (`name_coordinator`).
        """
        added = await self._db.execute(
            "INSERT INTO memberships (committee_id, person_id, role, source, joined_at,"
            " invitation_token) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (committee_id, person_id, Role.MEMBER, source, self._db.now_text(), invitation),
        )
        return added == 1

    async def name_coordinator(self, committee_id: int, person_id: int) -> bool:
        """A member becomes coordinator; False when they are not a plain member (any more)."""
        changed = await self._db.execute(
            "UPDATE memberships SET role = 'coordinator'"
            " WHERE committee_id = ? AND person_id = ? AND role = 'member'",
            (committee_id, person_id),
        )
        return changed == 1

    async def step_down(self, committee_id: int, person_id: int) -> bool:
        """A coordinator becomes a plain member, unless nobody else would coordinate.

        One statement, so two coordinators stepping down at once cannot both succeed.
        """
        changed = await self._db.execute(
            "UPDATE memberships SET role = 'member'"
            " WHERE committee_id = ? AND person_id = ? AND role = 'coordinator'"
            " AND (SELECT COUNT(*) FROM memberships WHERE committee_id = ?"
            " AND role = 'coordinator') > 1",
            (committee_id, person_id, committee_id),
        )
        return changed == 1

    async def count_of(self, person_id: int) -> int:
        """How many committees a person belongs to."""
        return len(await self.memberships_of(person_id))

    async def remove_member(self, committee_id: int, person_id: int) -> bool:
        """Remove a person; their active committee is cleared if it was this one."""
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "DELETE FROM memberships WHERE committee_id = ? AND person_id = ?",
                (committee_id, person_id),
            )
            await db.execute(
                "UPDATE people SET active_committee_id = NULL"
                " WHERE telegram_id = ? AND active_committee_id = ?",
                (person_id, committee_id),
            )
        return cursor.rowcount == 1


class Storage:
    """All repositories over one database, handed to handlers through the context."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # What every update asks first, kept in memory until one of its tables is written.
        reads = ReadCache()
        db.watch(CACHED_TABLES, reads.clear)
        self.people = People(db)
        self.committees = Committees(db, reads)
        self.chats = Chats(db, reads)
        self.invitations = Invitations(db)
        self.decisions = Decisions(db)
        self.follow_ups = FollowUps(db)
        self.meetings = Meetings(db)
        self.partnerships = Partnerships(db)
        self.mandates = Mandates(db)
        self.reminders = Reminders(db)
        self.requests = Requests(db)
        self.request_letters = RequestLetters(db)
        self.outbox = Outbox(db)
        self.box = Box(db)
        self.resident_channels = ResidentChannels(db)
        self.notices = Notices(db)
        self.priorities = Priorities(db)
        self.named_members = NamedMembers(db)
        self.agenda = Agenda(db)
        self.assemblies = Assemblies(db)
