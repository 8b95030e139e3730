"""The only place with SQL for people: who talks to the bot, and erasing them (/oublier)."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

from bot.domain.entities import Person
from bot.storage.db import Database

# The anonymous mark of a forgotten person where a column cannot be empty. Telegram gives no
# user the id 0. Elsewhere the mark is NULL.
ERASED = 0


@dataclass(frozen=True, slots=True)
class PersonColumn:
    """A column that may hold a person's Telegram id, and the name copied beside it."""

    table: str
    column: str
    nullable: bool = True
    name_column: str | None = None


# Every column that names a person, read from every migration. A unit test reads the schema
# and fails while a column that names a person is missing here or in OWN_ROWS.
PERSON_COLUMNS: tuple[PersonColumn, ...] = (
    PersonColumn("committees", "created_by", nullable=False),
    PersonColumn("committee_chats", "linked_by", nullable=False),
    PersonColumn("invitations", "created_by", nullable=False),
    PersonColumn("meetings", "created_by"),
    PersonColumn("meeting_attendees", "person_id", name_column="name"),
    PersonColumn("decisions", "created_by"),
    # A decision logged in private chat was sent from the chat whose id is the person's.
    PersonColumn("decisions", "source_chat_id"),
    PersonColumn("follow_ups", "created_by"),
    PersonColumn("follow_ups", "responsible_id", name_column="responsible_name"),
    PersonColumn("partnerships", "created_by"),
    PersonColumn("partnership_recipe", "answered_by"),
    PersonColumn("partnership_changes", "changed_by"),
    PersonColumn("mandates", "created_by"),
    PersonColumn("mandates", "representative_id", name_column="representative_name"),
    PersonColumn("mandate_reports", "reported_by"),
    # The residents' side (a box message itself names nobody: only who answered it).
    PersonColumn("box_items", "answered_by"),
    PersonColumn("resident_channels", "linked_by"),
    PersonColumn("resident_notices", "created_by"),
    PersonColumn("resident_notices", "published_by"),
    PersonColumn("priority_consultations", "opened_by"),
    PersonColumn("priority_picks", "recorded_by"),
    # Members without Telegram: who added them, who relays their reminders, proxies.
    PersonColumn("named_members", "added_by"),
    PersonColumn("named_members", "relay_id"),
    PersonColumn("named_members", "relay_asked"),
    PersonColumn("mandate_proxy_votes", "recorded_by"),
    PersonColumn("agenda_items", "added_by"),
    PersonColumn("assemblies", "created_by"),
    PersonColumn("assembly_questions", "recorded_by"),
    PersonColumn("requests", "created_by"),
    PersonColumn("requests", "responsible_id", name_column="responsible_name"),
    PersonColumn("request_answers", "recorded_by"),
    PersonColumn("request_steps", "created_by"),
    PersonColumn("request_letters", "created_by"),
    PersonColumn("request_letters", "signer_id", name_column="signature"),
    PersonColumn("request_letterheads", "signer_id", name_column="signature"),
)
# Rows that are the person's own: they go with them (the person's row last).
OWN_ROWS: tuple[tuple[str, str], ...] = (
    ("memberships", "person_id"),
    ("mandate_votes", "person_id"),
    ("priority_picks", "person_id"),
    ("people", "telegram_id"),
)

# For each committee the person coordinates alone: the member there the longest.
_HANDOVERS = (
    "SELECT committee_id, successor FROM (SELECT m.committee_id AS committee_id,"
    " (SELECT o.person_id FROM memberships o"
    " WHERE o.committee_id = m.committee_id AND o.person_id <> m.person_id"
    " ORDER BY o.joined_at, o.rowid LIMIT 1) AS successor"
    " FROM memberships m WHERE m.person_id = ? AND m.role = 'coordinator'"
    " AND NOT EXISTS (SELECT 1 FROM memberships c WHERE c.committee_id = m.committee_id"
    " AND c.role = 'coordinator' AND c.person_id <> m.person_id))"
    " WHERE successor IS NOT NULL"
)


@dataclass(frozen=True, slots=True)
class Handover:
    """A committee whose only coordinator leaves, and the member who takes the role."""

    committee_id: int
    successor_id: int


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


class PersonCache:
    """People as last read, so that the check every update starts with (who is this, in
    which language) costs no query while nothing about the person changed.

    Sound by construction, as `ReadCache`: the database empties it after every write to
    `people` or `committees`, committed or rolled back (`Database.watch`). A read that started
    before a write does not store what it read (the generation moved). Bounded: the people
    seen last are kept.
    """

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._people: OrderedDict[int, Person] = OrderedDict()
        self.generation = 0

    def get(self, telegram_id: int) -> Person | None:
        person = self._people.get(telegram_id)
        if person is not None:
            self._people.move_to_end(telegram_id)
        return person

    def keep(self, person: Person, read_at: int) -> None:
        if read_at != self.generation:
            return  # written meanwhile: what was read may be older than the row
        self._people[person.telegram_id] = person
        self._people.move_to_end(person.telegram_id)
        if len(self._people) > self._size:
            self._people.popitem(last=False)

    def clear(self) -> None:
        self.generation += 1
        self._people.clear()


class People:
    def __init__(self, db: Database, cache: PersonCache | None = None) -> None:
        self._db = db
        self.cache = cache or PersonCache()
        # Deleting a committee empties the active committee of its people (ON DELETE SET NULL).
        db.watch(["people", "committees"], self.cache.clear)

    async def upsert(
        self, telegram_id: int, display_name: str, username: str | None, language_hint: str | None
    ) -> Person:
        """Record who is talking (minimal data: id, name, language); returns the stored row.

        Most updates come from someone already recorded as they are: no write then."""
        # Read first (from memory, mostly): a write, even one that changes nothing, would
        # commit and empty the caches.
        known = await self.get(telegram_id)
        if known is not None and (known.display_name, known.username, known.language_hint) == (
            display_name,
            username,
            language_hint,
        ):
            return known
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
        known = self.cache.get(telegram_id)
        if known is not None:
            return known
        read_at = self.cache.generation
        row = await self._db.fetch_one(
            "SELECT * FROM people WHERE telegram_id = ?", (telegram_id,)
        )
        if row is None:
            return None
        person = _person(row)
        self.cache.keep(person, read_at)
        return person

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

    async def handovers(self, telegram_id: int) -> list[Handover]:
        """The committees this person coordinates alone, and who would take the role if
        they were forgotten now (see `forget`)."""
        rows = await self._db.fetch_all(_HANDOVERS, (telegram_id,))
        return [Handover(row["committee_id"], row["successor"]) for row in rows]

    async def forget(self, telegram_id: int, placeholder: str) -> list[Handover]:
        """Erase a person (/oublier), in one transaction, and leave no copy in the file.

        Their own rows go (record, memberships, votes, wizard states and drafts); every other
        column that held their id gets the anonymous mark (`PERSON_COLUMNS`), and names
        copied next to it become `placeholder`. What people wrote stays, without them. A
        committee they coordinated alone is handed to its longest-standing member, so the
        role is never left empty; the handovers are returned, for the new coordinators to be
        told. The write-ahead log is then emptied into the file, where `secure_delete` has
        zeroed the erased bytes (bot/storage/db.py).
        """
        async with self._db.transaction() as db:
            async with db.execute(_HANDOVERS, (telegram_id,)) as cursor:
                handovers = [Handover(row[0], row[1]) for row in await cursor.fetchall()]
            for handover in handovers:
                await db.execute(
                    "UPDATE memberships SET role = 'coordinator'"
                    " WHERE committee_id = ? AND person_id = ?",
                    (handover.committee_id, handover.successor_id),
                )
            for place in PERSON_COLUMNS:
                # Table and column names are the constants above, never user text.
                names = f", {place.name_column} = ?" if place.name_column else ""
                await db.execute(
                    f"UPDATE {place.table} SET {place.column} = ?{names} WHERE {place.column} = ?",
                    (
                        None if place.nullable else ERASED,
                        *((placeholder,) if place.name_column else ()),
                        telegram_id,
                    ),
                )
            # Their wizard states (keyed [chat, person]), their drafts, their private chat.
            # The caller then ends the same in memory, which the persistence writes as gone.
            await db.execute(
                "DELETE FROM persistence WHERE (kind IN ('user', 'chat') AND key = ?)"
                " OR (kind LIKE 'conversation:%' AND json_valid(key)"
                " AND (json_extract(key, '$[0]') = ? OR json_extract(key, '$[#-1]') = ?))",
                (str(telegram_id), telegram_id, telegram_id),
            )
            for table, column in OWN_ROWS:
                await db.execute(f"DELETE FROM {table} WHERE {column} = ?", (telegram_id,))
        await self._db.checkpoint()
        return handovers

    async def set_bot_blocked(self, telegram_id: int, blocked: bool) -> None:
        await self._db.execute(
            "UPDATE people SET bot_blocked = ?, updated_at = ? WHERE telegram_id = ?",
            (int(blocked), self._db.now_text(), telegram_id),
        )
