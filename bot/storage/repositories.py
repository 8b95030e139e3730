"""The only place with SQL for committees, people, chats and invitations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import time

from bot.domain.entities import (
    Committee,
    CommitteeChat,
    CommitteeKind,
    Invitation,
    Member,
    Membership,
    MembershipSource,
    Person,
    Role,
)
from bot.storage.db import Database
from bot.storage.decisions import Decisions, FollowUps
from bot.storage.mandates import Mandates
from bot.storage.meetings import Meetings
from bot.storage.partnerships import Partnerships
from bot.storage.reminders import Reminders
from bot.storage.request_letters import RequestLetters
from bot.storage.requests import Requests

_COMMITTEE_COLUMNS = (
    "c.id, c.name, c.kind, c.housing_office, c.timezone, c.locale, c.created_by, c.vote_quorum,"
    " c.quiet_start, c.quiet_end, c.reminder_rhythm, c.digest_enabled, c.digest_weekday,"
    " c.office_meeting_month"
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
    }
)


def _committee(row: sqlite3.Row) -> Committee:
    return Committee(
        id=row["id"],
        name=row["name"],
        kind=CommitteeKind(row["kind"]),
        housing_office=row["housing_office"],
        timezone=row["timezone"],
        locale=row["locale"],
        created_by=row["created_by"],
        vote_quorum=row["vote_quorum"],
        quiet_start=time.fromisoformat(row["quiet_start"]),
        quiet_end=time.fromisoformat(row["quiet_end"]),
        reminder_rhythm=row["reminder_rhythm"],
        digest_enabled=bool(row["digest_enabled"]),
        digest_weekday=row["digest_weekday"],
        office_meeting_month=row["office_meeting_month"],
    )


def _person(row: sqlite3.Row) -> Person:
    return Person(
        telegram_id=row["telegram_id"],
        display_name=row["display_name"],
        username=row["username"],
        language=row["language"],
        language_hint=row["language_hint"],
        active_committee_id=row["active_committee_id"],
        bot_blocked=bool(row["bot_blocked"]),
    )


class People:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def upsert(
        self, telegram_id: int, display_name: str, username: str | None, language_hint: str | None
    ) -> Person:
        """Record who is talking (minimal data: id, name, language); returns the stored row."""
        now = self._db.now_text()
        await self._db.execute(
            "INSERT INTO people (telegram_id, display_name, username, language_hint,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (telegram_id) DO UPDATE SET display_name = excluded.display_name,"
            " username = excluded.username, language_hint = excluded.language_hint,"
            " updated_at = excluded.updated_at"
            " WHERE display_name IS NOT excluded.display_name"
            " OR username IS NOT excluded.username"
            " OR language_hint IS NOT excluded.language_hint",
            (telegram_id, display_name, username, language_hint, now, now),
        )
        person = await self.get(telegram_id)
        assert person is not None
        return person

    async def get(self, telegram_id: int) -> Person | None:
        row = await self._db.fetch_one(
            "SELECT * FROM people WHERE telegram_id = ?", (telegram_id,)
        )
        return _person(row) if row else None

    async def set_language(self, telegram_id: int, locale: str) -> None:
        await self._db.execute(
            "UPDATE people SET language = ?, updated_at = ? WHERE telegram_id = ?",
            (locale, self._db.now_text(), telegram_id),
        )

    async def set_active_committee(self, telegram_id: int, committee_id: int) -> None:
        await self._db.execute(
            "UPDATE people SET active_committee_id = ?, updated_at = ? WHERE telegram_id = ?",
            (committee_id, self._db.now_text(), telegram_id),
        )

    async def forget(self, telegram_id: int, placeholder: str) -> None:
        """Erase a person: their record, memberships and votes; their name in the committee's
        records becomes `placeholder`, so decisions stay readable without naming them."""
        async with self._db.transaction() as db:
            for table, column in (
                ("follow_ups", "responsible_name"),
                ("meeting_attendees", "name"),
                ("mandates", "representative_name"),
                ("requests", "responsible_name"),
                ("request_letters", "signature"),
                ("request_letterheads", "signature"),
            ):
                id_column = {
                    "follow_ups": "responsible_id",
                    "meeting_attendees": "person_id",
                    "mandates": "representative_id",
                    "requests": "responsible_id",
                    "request_letters": "signer_id",
                    "request_letterheads": "signer_id",
                }[table]
                # Table and column names are the constants above, never user text.
                await db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {id_column} = ?",
                    (placeholder, telegram_id),
                )
            await db.execute("DELETE FROM persistence WHERE kind = 'user' AND key = ?",
                             (str(telegram_id),))  # fmt: skip
            # Memberships and votes go with the person (ON DELETE CASCADE); ids elsewhere
            # become NULL (ON DELETE SET NULL).
            await db.execute("DELETE FROM people WHERE telegram_id = ?", (telegram_id,))

    async def set_bot_blocked(self, telegram_id: int, blocked: bool) -> None:
        await self._db.execute(
            "UPDATE people SET bot_blocked = ?, updated_at = ? WHERE telegram_id = ?",
            (int(blocked), self._db.now_text(), telegram_id),
        )


class Committees:
    def __init__(self, db: Database) -> None:
        self._db = db

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
        """Every committee in one query (the scheduler looks at all of them at each plan)."""
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
        rows = await self._db.fetch_all(
            f"SELECT {_COMMITTEE_COLUMNS}, m.role FROM memberships m"
            " JOIN committees c ON c.id = m.committee_id WHERE m.person_id = ?"
            " ORDER BY c.name COLLATE NOCASE, c.id",
            (person_id,),
        )
        return [Membership(_committee(row), person_id, Role(row["role"])) for row in rows]

    async def membership(self, committee_id: int, person_id: int) -> Membership | None:
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
        self, committee_id: int, person_id: int, role: Role, source: MembershipSource
    ) -> bool:
        """Add a person (idempotent); a coordinator is never demoted. True if newly added."""
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO memberships (committee_id, person_id, role, source, joined_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (committee_id, person_id, role, source, self._db.now_text()),
            )
            added = cursor.rowcount == 1
            if not added and role is Role.COORDINATOR:
                await db.execute(
                    "UPDATE memberships SET role = 'coordinator'"
                    " WHERE committee_id = ? AND person_id = ?",
                    (committee_id, person_id),
                )
        return added

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


class Chats:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def link(self, chat_id: int, committee_id: int, title: str | None, by: int) -> None:
        await self._db.execute(
            "INSERT INTO committee_chats (chat_id, committee_id, title, linked_by, linked_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
            " committee_id = excluded.committee_id, title = excluded.title, bot_present = 1",
            (chat_id, committee_id, title, by, self._db.now_text()),
        )

    async def get(self, chat_id: int) -> CommitteeChat | None:
        row = await self._db.fetch_one(
            "SELECT chat_id, committee_id, title, bot_present FROM committee_chats"
            " WHERE chat_id = ?",
            (chat_id,),
        )
        if row is None:
            return None
        return CommitteeChat(
            row["chat_id"], row["committee_id"], row["title"], bool(row["bot_present"])
        )

    async def of_committee(self, committee_id: int) -> list[CommitteeChat]:
        rows = await self._db.fetch_all(
            "SELECT chat_id, committee_id, title, bot_present FROM committee_chats"
            " WHERE committee_id = ? ORDER BY linked_at",
            (committee_id,),
        )
        return [
            CommitteeChat(r["chat_id"], r["committee_id"], r["title"], bool(r["bot_present"]))
            for r in rows
        ]

    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: its link, and what points at it, follow the new id."""
        async with self._db.transaction() as db:
            await db.execute(
                "UPDATE committee_chats SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
            )
            await db.execute(
                "UPDATE mandates SET vote_chat_id = ? WHERE vote_chat_id = ?", (new_id, old_id)
            )

    async def set_bot_present(self, chat_id: int, present: bool) -> None:
        await self._db.execute(
            "UPDATE committee_chats SET bot_present = ? WHERE chat_id = ?",
            (int(present), chat_id),
        )


class Invitations:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(self, token: str, committee_id: int, created_by: int) -> Invitation:
        await self._db.execute(
            "INSERT INTO invitations (token, committee_id, created_by, created_at)"
            " VALUES (?, ?, ?, ?)",
            (token, committee_id, created_by, self._db.now_text()),
        )
        return Invitation(token, committee_id, created_by, revoked=False, uses=0)

    async def get(self, token: str) -> Invitation | None:
        row = await self._db.fetch_one(
            "SELECT token, committee_id, created_by, revoked_at, uses FROM invitations"
            " WHERE token = ?",
            (token,),
        )
        if row is None:
            return None
        return Invitation(
            row["token"],
            row["committee_id"],
            row["created_by"],
            revoked=row["revoked_at"] is not None,
            uses=row["uses"],
        )

    async def count_use(self, token: str) -> None:
        await self._db.execute("UPDATE invitations SET uses = uses + 1 WHERE token = ?", (token,))

    async def revoke(self, token: str) -> bool:
        changed = await self._db.execute(
            "UPDATE invitations SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL",
            (self._db.now_text(), token),
        )
        return changed == 1


class Storage:
    """All repositories over one database, handed to handlers through the context."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.people = People(db)
        self.committees = Committees(db)
        self.chats = Chats(db)
        self.invitations = Invitations(db)
        self.decisions = Decisions(db)
        self.follow_ups = FollowUps(db)
        self.meetings = Meetings(db)
        self.partnerships = Partnerships(db)
        self.mandates = Mandates(db)
        self.reminders = Reminders(db)
        self.requests = Requests(db)
        self.request_letters = RequestLetters(db)
