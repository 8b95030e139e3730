"""SQL for the residents' side: the box and its messages, the channel, the notices.

A box message is written with its text, its committee and its day only (see the migration):
no function here takes a person for it.
"""

from __future__ import annotations

import secrets
import sqlite3
from datetime import date

from bot.domain.residents import (
    AnsweredHow,
    BoxItem,
    BoxStatus,
    Contact,
    ResidentChannel,
    ResidentNotice,
    ResidentSettings,
    StoredNotice,
)
from bot.storage.db import Database
from bot.storage.decisions import next_number


def _item(row: sqlite3.Row) -> BoxItem:
    return BoxItem(
        id=row["id"],
        committee_id=row["committee_id"],
        number=row["number"],
        text=row["text"],
        received_on=date.fromisoformat(row["received_on"]),
        status=BoxStatus(row["status"]),
        answerable=bool(row["answerable"]),
        answer=row["answer"],
        answered_how=AnsweredHow(row["answered_how"]) if row["answered_how"] else None,
        used_as=row["used_as"],
    )


_ITEM_COLUMNS = (
    "id, committee_id, number, text, received_on, status, answerable, answer, answered_how,"
    " used_as"
)


class Box:
    """Each committee's box: its link token, its messages, the contact printed on sheets."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def settings(self, committee_id: int) -> ResidentSettings:
        """The committee's box settings, made on first use (every committee has a box)."""
        await self._db.execute(
            "INSERT INTO resident_settings (committee_id, box_token) VALUES (?, ?)"
            " ON CONFLICT (committee_id) DO NOTHING",
            (committee_id, secrets.token_urlsafe(12)),
        )
        row = await self._db.fetch_one(
            "SELECT * FROM resident_settings WHERE committee_id = ?", (committee_id,)
        )
        assert row is not None
        return _settings(row)

    async def by_token(self, token: str) -> ResidentSettings | None:
        row = await self._db.fetch_one(
            "SELECT * FROM resident_settings WHERE box_token = ?", (token,)
        )
        return _settings(row) if row else None

    async def set_contact(self, committee_id: int, contact: Contact | None) -> None:
        await self.settings(committee_id)
        await self._db.execute(
            "UPDATE resident_settings SET contact_name = ?, contact_how = ?"
            " WHERE committee_id = ?",
            (contact.name if contact else None, contact.how if contact else None, committee_id),
        )

    async def receive(
        self,
        committee_id: int,
        text: str,
        day: date,
        token_hash: str,
        *,
        consultation_id: int | None = None,
        as_proposal: bool = False,
    ) -> BoxItem:
        """Keep a message (committed when this returns). With `as_proposal`, it is also a
        priority proposal, for `consultation_id` (None: for the next consultation)."""
        async with self._db.transaction() as db:
            number = await next_number(db, committee_id, "box")
            cursor = await db.execute(
                "INSERT INTO box_items (committee_id, number, text, received_on, reply_hash)"
                " VALUES (?, ?, ?, ?, ?)",
                (committee_id, number, text, day.isoformat(), token_hash),
            )
            item_id = cursor.lastrowid
            if as_proposal:
                proposal_number = await next_number(db, committee_id, "priority")
                await db.execute(
                    "INSERT INTO priority_proposals (committee_id, consultation_id, number,"
                    " text, box_item_id) VALUES (?, ?, ?, ?, ?)",
                    (committee_id, consultation_id, proposal_number, text, item_id),
                )
        assert item_id is not None
        item = await self.get(item_id)
        assert item is not None
        return item

    async def get(self, item_id: int) -> BoxItem | None:
        row = await self._db.fetch_one(
            f"SELECT {_ITEM_COLUMNS} FROM box_items WHERE id = ?", (item_id,)
        )
        return _item(row) if row else None

    async def by_reply_hash(self, token_hash: str) -> BoxItem | None:
        row = await self._db.fetch_one(
            f"SELECT {_ITEM_COLUMNS} FROM box_items WHERE reply_hash = ?", (token_hash,)
        )
        return _item(row) if row else None

    async def reply_hash_of(self, item_id: int) -> str | None:
        """To hand a private answer to its writer's chat, when memory still knows it."""
        row = await self._db.fetch_one("SELECT reply_hash FROM box_items WHERE id = ?", (item_id,))
        return str(row[0]) if row else None

    async def allow_answer(self, token_hash: str) -> BoxItem | None:
        """The writer asked to be able to read an answer (only their token says which)."""
        await self._db.execute(
            "UPDATE box_items SET answerable = 1 WHERE reply_hash = ?", (token_hash,)
        )
        return await self.by_reply_hash(token_hash)

    async def of_committee(self, committee_id: int, *, limit: int = 50) -> list[BoxItem]:
        """New messages first, then the others still open, newest first; then the rest."""
        rows = await self._db.fetch_all(
            f"SELECT {_ITEM_COLUMNS} FROM box_items WHERE committee_id = ?"
            " ORDER BY CASE status WHEN 'new' THEN 0 WHEN 'read' THEN 1 ELSE 2 END, id DESC"
            " LIMIT ?",
            (committee_id, limit),
        )
        return [_item(row) for row in rows]

    async def new_per_day(self, first: date, last: date) -> dict[tuple[int, date], int]:
        """Messages still unread, by committee and day received, for days in [first, last]."""
        rows = await self._db.fetch_all(
            "SELECT committee_id, received_on, count(*) AS n FROM box_items"
            " WHERE received_on BETWEEN ? AND ? AND status = 'new'"
            " GROUP BY committee_id, received_on",
            (first.isoformat(), last.isoformat()),
        )
        return {
            (row["committee_id"], date.fromisoformat(row["received_on"])): int(row["n"])
            for row in rows
        }

    async def counts(self, committee_id: int) -> dict[BoxStatus, int]:
        rows = await self._db.fetch_all(
            "SELECT status, count(*) AS n FROM box_items WHERE committee_id = ? GROUP BY status",
            (committee_id,),
        )
        found = {BoxStatus(row["status"]): int(row["n"]) for row in rows}
        return {status: found.get(status, 0) for status in BoxStatus}

    async def set_status(
        self, item_id: int, status: BoxStatus, *, only_from: set[BoxStatus]
    ) -> bool:
        """Move a message along; False when it had already moved on (nothing changed)."""
        allowed = sorted(s.value for s in only_from)
        changed = await self._db.execute(
            f"UPDATE box_items SET status = ? WHERE id = ?"
            f" AND status IN ({', '.join('?' * len(allowed))})",
            (status.value, item_id, *allowed),
        )
        return changed == 1

    async def answer(self, item_id: int, text: str, how: AnsweredHow, by: int) -> bool:
        """Record the committee's one answer; False when it was already answered."""
        changed = await self._db.execute(
            "UPDATE box_items SET answer = ?, answered_how = ?, answered_by = ?,"
            " status = CASE status WHEN 'new' THEN 'read' ELSE status END"
            " WHERE id = ? AND answer IS NULL",
            (text, how.value, by, item_id),
        )
        return changed == 1

    async def claim_use(self, item_id: int, used_as: str) -> bool:
        """Record what a message becomes, once: False when it already became something (a
        second press, another member), open or not."""
        changed = await self._db.execute(
            "UPDATE box_items SET used_as = ?,"
            " status = CASE status WHEN 'new' THEN 'read' ELSE status END"
            " WHERE id = ? AND used_as IS NULL AND status IN ('new', 'read')",
            (used_as, item_id),
        )
        return changed == 1

    async def mark_used(self, item_id: int, used_as: str) -> None:
        await self._db.execute(
            "UPDATE box_items SET used_as = ?,"
            " status = CASE status WHEN 'new' THEN 'read' ELSE status END WHERE id = ?",
            (used_as, item_id),
        )


def _settings(row: sqlite3.Row) -> ResidentSettings:
    contact = Contact(row["contact_name"], row["contact_how"]) if row["contact_name"] else None
    return ResidentSettings(row["committee_id"], row["box_token"], contact)


class ResidentChannels:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def link(
        self, committee_id: int, chat_id: int, title: str | None, username: str | None, by: int
    ) -> None:
        """One channel per committee; linking another replaces it. A channel already linked
        to another committee moves to this one (its administrators decided so)."""
        async with self._db.transaction() as db:
            await db.execute(
                "DELETE FROM resident_channels WHERE chat_id = ? AND committee_id <> ?",
                (chat_id, committee_id),
            )
            await db.execute(
                "INSERT INTO resident_channels (committee_id, chat_id, title, username,"
                " linked_by, linked_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (committee_id) DO UPDATE SET chat_id = excluded.chat_id,"
                " title = excluded.title, username = excluded.username,"
                " linked_by = excluded.linked_by, linked_at = excluded.linked_at,"
                " bot_present = 1",
                (committee_id, chat_id, title, username, by, self._db.now_text()),
            )

    async def of_committee(self, committee_id: int) -> ResidentChannel | None:
        row = await self._db.fetch_one(
            "SELECT * FROM resident_channels WHERE committee_id = ?", (committee_id,)
        )
        return _channel(row) if row else None

    async def by_chat(self, chat_id: int) -> ResidentChannel | None:
        row = await self._db.fetch_one(
            "SELECT * FROM resident_channels WHERE chat_id = ?", (chat_id,)
        )
        return _channel(row) if row else None

    async def set_bot_present(self, chat_id: int, present: bool) -> None:
        await self._db.execute(
            "UPDATE resident_channels SET bot_present = ? WHERE chat_id = ?",
            (int(present), chat_id),
        )

    async def unlink(self, committee_id: int) -> bool:
        changed = await self._db.execute(
            "DELETE FROM resident_channels WHERE committee_id = ?", (committee_id,)
        )
        return changed == 1


def _channel(row: sqlite3.Row) -> ResidentChannel:
    return ResidentChannel(
        committee_id=row["committee_id"],
        chat_id=row["chat_id"],
        title=row["title"],
        username=row["username"],
        bot_present=bool(row["bot_present"]),
    )


class Notices:
    """What a person chose to show residents, kept so the press that publishes it (maybe
    minutes later, maybe after a restart) publishes exactly what was previewed."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def draft(
        self,
        committee_id: int,
        notice: ResidentNotice,
        by: int | None,
        *,
        box_item_id: int | None = None,
    ) -> StoredNotice:
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO resident_notices (committee_id, kind, content, box_item_id,"
                " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    committee_id,
                    notice.kind.value,
                    notice.to_json(),
                    box_item_id,
                    by,
                    self._db.now_text(),
                ),
            )
            notice_id = cursor.lastrowid
        assert notice_id is not None
        stored = await self.get(notice_id)
        assert stored is not None
        return stored

    async def get(self, notice_id: int) -> StoredNotice | None:
        row = await self._db.fetch_one("SELECT * FROM resident_notices WHERE id = ?", (notice_id,))
        if row is None:
            return None
        return StoredNotice(
            id=row["id"],
            committee_id=row["committee_id"],
            notice=ResidentNotice.from_json(row["content"]),
            box_item_id=row["box_item_id"],
            published=row["published_at"] is not None,
            channel_message_id=row["channel_message_id"],
        )

    async def claim(self, notice_id: int, by: int) -> bool:
        """Mark it published before posting: two presses never post it twice."""
        changed = await self._db.execute(
            "UPDATE resident_notices SET published_by = ?, published_at = ?"
            " WHERE id = ? AND published_at IS NULL",
            (by, self._db.now_text(), notice_id),
        )
        return changed == 1

    async def release(self, notice_id: int) -> None:
        """The post failed: the notice may be published again."""
        await self._db.execute(
            "UPDATE resident_notices SET published_by = NULL, published_at = NULL"
            " WHERE id = ? AND channel_message_id IS NULL",
            (notice_id,),
        )

    async def posted(self, notice_id: int, message_id: int) -> None:
        await self._db.execute(
            "UPDATE resident_notices SET channel_message_id = ? WHERE id = ?",
            (message_id, notice_id),
        )
