"""PTB persistence in the bot's own SQLite file, so wizards survive a restart (no pickle)."""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.storage.db import Database

# The shapes PTB hands a persistence (spelled out here: PTB keeps its own aliases private).
ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
CDCData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]

_CONVERSATION = "conversation:"
_USER = "user"
_CHAT = "chat"

UserData = dict[Any, Any]
ChatData = dict[Any, Any]
BotData = dict[Any, Any]


class SqlitePersistence(BasePersistence[UserData, ChatData, BotData]):
    """Stores conversation states and user/chat data as JSON rows of the `persistence` table.

    PTB hands over the changes of one round (the conversation's new state, the wizard's
    draft...) one by one; they are kept and written together by `write_pending`, in one
    transaction, so a question's step and its draft are never on disk one without the other.
    Bot data is not persisted: it holds the live services, not user state.

    PTB hands over the data of every chat and person an update touched, changed or not: most
    updates (a command, a press) change nothing here. What is on disk is known (read at start,
    then written here), so an unchanged row is not written again, and an update that changed
    nothing costs no transaction.
    """

    def __init__(self, db: Database, update_interval: float = 60) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._db = db
        self._pending: dict[tuple[str, str], str | None] = {}
        # The rows on disk, as JSON, for the kinds read at start (PTB reads every kind).
        self._on_disk: dict[tuple[str, str], str] = {}
        self._loaded: set[str] = set()

    async def _load(self, kind: str) -> dict[str, Any]:
        await self._db.connect()
        rows = await self._db.fetch_all(
            "SELECT key, data FROM persistence WHERE kind = ?", (kind,)
        )
        self._loaded.add(kind)
        for row in rows:
            self._on_disk[(kind, row["key"])] = row["data"]
        return {row["key"]: json.loads(row["data"]) for row in rows}

    async def _store(self, kind: str, key: str, data: object) -> None:
        """Keep the change for `write_pending`; None or {} removes the row."""
        empty = data is None or data == {}
        self._pending[(kind, key)] = (
            None if empty else json.dumps(data, ensure_ascii=False, sort_keys=True)
        )

    async def write_pending(self) -> None:
        """Everything handed over since the last write that differs from the disk, in one
        transaction."""
        pending = {
            (kind, key): data
            for (kind, key), data in self._pending.items()
            if kind not in self._loaded or self._on_disk.get((kind, key)) != data
        }
        self._pending = {}
        if not pending:
            return
        await self._db.connect()
        async with self._db.transaction() as db:
            for (kind, key), data in pending.items():
                if data is None:
                    await db.execute(
                        "DELETE FROM persistence WHERE kind = ? AND key = ?", (kind, key)
                    )
                else:
                    await db.execute(
                        "INSERT INTO persistence (kind, key, data) VALUES (?, ?, ?)"
                        " ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data",
                        (kind, key, data),
                    )
        for (kind, key), data in pending.items():
            if data is None:
                self._on_disk.pop((kind, key), None)
            else:
                self._on_disk[(kind, key)] = data

    async def get_user_data(self) -> dict[int, UserData]:
        return {int(key): value for key, value in (await self._load(_USER)).items()}

    async def get_chat_data(self) -> dict[int, ChatData]:
        return {int(key): value for key, value in (await self._load(_CHAT)).items()}

    async def get_bot_data(self) -> BotData:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        stored = await self._load(_CONVERSATION + name)
        return {tuple(json.loads(key)): state for key, state in stored.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        await self._store(_CONVERSATION + name, json.dumps(list(key)), new_state)

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        # PTB hands over a copy already, and _store turns it into JSON at once.
        await self._store(_USER, str(user_id), data)

    async def update_chat_data(self, chat_id: int, data: ChatData) -> None:
        await self._store(_CHAT, str(chat_id), data)

    async def update_bot_data(self, data: BotData) -> None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._store(_CHAT, str(chat_id), None)

    async def drop_user_data(self, user_id: int) -> None:
        await self._store(_USER, str(user_id), None)

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: ChatData) -> None:
        return None

    async def refresh_bot_data(self, bot_data: BotData) -> None:
        return None

    async def flush(self) -> None:
        await self.write_pending()
