"""SQL for the committees' groups: their link, their topics, and their move to a new id."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from bot.domain.entities import ChatTopic, CommitteeChat
from bot.storage.cache import ReadCache
from bot.storage.db import Database

_COLUMNS = "chat_id, committee_id, title, bot_present, is_forum, post_topic"
# A partnership card whose message must be posted again (it stayed in the group's old id): a
# claim older than any expiry, so the first poster takes it (see storage/partnerships.py).
REPOST_CLAIM = "1970-01-01T00:00:00+00:00"
# Groups with topics where none was chosen: what the bot would post there waits.
WAITING_FOR_TOPIC = "SELECT chat_id FROM committee_chats WHERE is_forum = 1 AND post_topic IS NULL"


def _chat(row: sqlite3.Row) -> CommitteeChat:
    return CommitteeChat(
        chat_id=row["chat_id"],
        committee_id=row["committee_id"],
        title=row["title"],
        bot_present=bool(row["bot_present"]),
        is_forum=bool(row["is_forum"]),
        post_topic=row["post_topic"],
    )


class Chats:
    def __init__(self, db: Database, reads: ReadCache | None = None) -> None:
        self._db = db
        # A group's link, as last read: every update in a group asks (bot/storage/cache.py).
        self._reads = reads or ReadCache()

    async def link(
        self, chat_id: int, committee_id: int, title: str | None, by: int, *, is_forum: bool
    ) -> None:
        await self._db.execute(
            "INSERT INTO committee_chats"
            " (chat_id, committee_id, title, linked_by, linked_at, is_forum)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
            " committee_id = excluded.committee_id, title = excluded.title, bot_present = 1,"
            " is_forum = excluded.is_forum",
            (chat_id, committee_id, title, by, self._db.now_text(), int(is_forum)),
        )

    async def get(self, chat_id: int) -> CommitteeChat | None:
        return await self._reads.get(("chat", chat_id), lambda: self._get(chat_id))

    async def _get(self, chat_id: int) -> CommitteeChat | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM committee_chats WHERE chat_id = ?", (chat_id,)
        )
        return _chat(row) if row else None

    async def of_committee(self, committee_id: int) -> list[CommitteeChat]:
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM committee_chats WHERE committee_id = ? ORDER BY linked_at",
            (committee_id,),
        )
        return [_chat(row) for row in rows]

    async def set_bot_present(self, chat_id: int, present: bool) -> None:
        await self._db.execute(
            "UPDATE committee_chats SET bot_present = ? WHERE chat_id = ?",
            (int(present), chat_id),
        )

    async def migrate(self, old_id: int, new_id: int) -> bool:
        """A group became a supergroup: its link and everything that names it follow the new
        id, in one transaction. True when the group was one of ours (and moved now).

        The new supergroup numbers its messages anew: the bot cannot edit or pin the ones
        it posted in the old group through the new id. So a partnership card is to be posted
        (and pinned) again there, and an open vote's message is no longer edited (its result
        is announced in the new group). A decision keeps the chat and message it came from:
        an edit can only come from the old group, and a message number in the new one is
        another message.
        """
        async with self._db.transaction() as db:
            moved = await db.execute(
                # A link already made at the new id (someone typed /start there) wins.
                "UPDATE OR IGNORE committee_chats SET chat_id = ? WHERE chat_id = ?",
                (new_id, old_id),
            )
            dropped = await db.execute("DELETE FROM committee_chats WHERE chat_id = ?", (old_id,))
            await db.execute(
                "UPDATE OR IGNORE chat_topics SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
            )
            await db.execute("DELETE FROM chat_topics WHERE chat_id = ?", (old_id,))
            # What was still to be said in the group is said at its new id.
            await db.execute("UPDATE outbox SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
            await db.execute(
                "UPDATE mandates SET vote_chat_id = ?, vote_message_id = NULL"
                " WHERE vote_chat_id = ?",
                (new_id, old_id),
            )
            await db.execute(
                "UPDATE OR IGNORE partnership_cards SET chat_id = ?, message_id = NULL,"
                " pinned = 0, shown = NULL, claimed_at = ? WHERE chat_id = ?",
                (new_id, REPOST_CLAIM, old_id),
            )
            await db.execute("DELETE FROM partnership_cards WHERE chat_id = ?", (old_id,))
        return moved.rowcount + dropped.rowcount > 0

    # --- groups with topics ------------------------------------------------------------------

    async def set_forum(self, chat_id: int, is_forum: bool) -> None:
        """Topics were turned on or off in the group."""
        await self._db.execute(
            "UPDATE committee_chats SET is_forum = ? WHERE chat_id = ?", (int(is_forum), chat_id)
        )

    async def topic(self, chat_id: int, thread_id: int) -> ChatTopic | None:
        row = await self._db.fetch_one(
            "SELECT chat_id, thread_id, name FROM chat_topics WHERE chat_id = ? AND thread_id = ?",
            (chat_id, thread_id),
        )
        return ChatTopic(row["chat_id"], row["thread_id"], row["name"]) if row else None

    async def topics(self, chat_id: int) -> list[ChatTopic]:
        """The topics seen in the group, in the order they were made."""
        rows = await self._db.fetch_all(
            "SELECT chat_id, thread_id, name FROM chat_topics WHERE chat_id = ?"
            " ORDER BY thread_id",
            (chat_id,),
        )
        return [ChatTopic(row["chat_id"], row["thread_id"], row["name"]) for row in rows]

    async def note_topic(self, chat_id: int, thread_id: int, name: str | None) -> None:
        """A topic seen in the group (a name, when the update said it, replaces the old one)."""
        await self._db.execute(
            "INSERT INTO chat_topics (chat_id, thread_id, name, seen_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (chat_id, thread_id) DO UPDATE SET"
            " name = COALESCE(excluded.name, name), seen_at = excluded.seen_at",
            (chat_id, thread_id, name, self._db.now_text()),
        )

    async def choose_topic(self, chat_id: int, thread_id: int | None) -> None:
        """Where the bot posts on its own in the group (None: to be asked again)."""
        await self._db.execute(
            "UPDATE committee_chats SET post_topic = ?,"
            " topic_asked_at = CASE WHEN ? IS NULL THEN NULL ELSE topic_asked_at END"
            " WHERE chat_id = ?",
            (thread_id, thread_id, chat_id),
        )

    async def topic_gone(self, chat_id: int, thread_id: int) -> None:
        """Telegram no longer knows the topic (deleted): forgotten, and if the bot posted
        there, the topic is to be chosen again (the coordinators are asked again)."""
        async with self._db.transaction() as db:
            await db.execute(
                "DELETE FROM chat_topics WHERE chat_id = ? AND thread_id = ?",
                (chat_id, thread_id),
            )
            await db.execute(
                "UPDATE committee_chats SET post_topic = NULL, topic_asked_at = NULL"
                " WHERE chat_id = ? AND post_topic = ?",
                (chat_id, thread_id),
            )

    async def waiting_for_topic(self) -> list[tuple[CommitteeChat, datetime]]:
        """Groups with topics, none chosen, whose coordinators were not asked yet, with posts
        waiting: each with the moment its oldest post began to wait."""
        rows = await self._db.fetch_all(
            f"SELECT {', '.join('c.' + c for c in _COLUMNS.split(', '))},"
            " MIN(o.created_at) AS since FROM committee_chats c"
            " JOIN outbox o ON o.chat_id = c.chat_id AND o.state = 'pending'"
            " WHERE c.is_forum = 1 AND c.post_topic IS NULL AND c.topic_asked_at IS NULL"
            " AND c.bot_present = 1 GROUP BY c.chat_id"
        )
        return [(_chat(row), datetime.fromisoformat(row["since"]).astimezone(UTC)) for row in rows]

    async def claim_topic_question(self, chat_id: int) -> bool:
        """The right to ask the coordinators which topic, once: True for one caller."""
        return (
            await self._db.execute(
                "UPDATE committee_chats SET topic_asked_at = ?"
                " WHERE chat_id = ? AND topic_asked_at IS NULL AND post_topic IS NULL",
                (self._db.now_text(), chat_id),
            )
            == 1
        )

    async def release_topic_question(self, chat_id: int) -> None:
        """The question could not go now: to ask later."""
        await self._db.execute(
            "UPDATE committee_chats SET topic_asked_at = NULL WHERE chat_id = ?", (chat_id,)
        )
