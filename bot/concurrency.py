"""Updates of different chats are handled side by side; one chat's updates, one at a time.

PTB handles updates one after the other by default: a group that makes the bot wait (20
messages a minute is Telegram's limit there) would hold up every other chat. Handling them
all at once would break what people rely on within a chat: answers in the order of the
questions, one wizard step after the other. So each update waits for its chat's turn, in the
order Telegram delivered them, and only then for one of a bounded number of working slots.
Waiting for its turn takes no slot: a long queue in one group never fills the slots.

The wizard conversation is keyed per (chat, person), so one chat at a time is also one step
at a time for each conversation.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates being handled at once: enough for many chats, few enough for one SQLite connection.
MAX_WORKING = 32
# Updates taken from Telegram and waiting for their chat's turn (PTB's own bound).
MAX_ADMITTED = 4096


def turn_key(update: object) -> int | None:
    """Which queue an update waits in: its chat; else its person (the id of their private
    chat, so a press on an inline message waits behind what they type); else none."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None


@dataclass(slots=True)
class _Turn:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0  # updates holding or awaiting the lock; the entry goes at zero


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within a chat, at most `max_working` at once."""

    def __init__(self, max_working: int = MAX_WORKING, max_admitted: int = MAX_ADMITTED) -> None:
        # PTB's semaphore is taken before `do_process_update`: it only bounds the queue.
        super().__init__(max_concurrent_updates=max(max_admitted, max_working))
        self._working = asyncio.BoundedSemaphore(max_working)
        self._turns: dict[int, _Turn] = {}

    @property
    def chats_waiting(self) -> int:
        """Chats with an update being handled or waiting (for tests and benchmarks)."""
        return len(self._turns)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = turn_key(update)
        if key is None:
            await self._work(coroutine)
            return
        # No await before joining the queue: updates join in the order PTB started them.
        turn = self._turns.get(key)
        if turn is None:
            turn = self._turns[key] = _Turn()
        turn.waiting += 1
        try:
            async with turn.lock:
                await self._work(coroutine)
        finally:
            turn.waiting -= 1
            if turn.waiting == 0:
                del self._turns[key]

    async def _work(self, coroutine: Awaitable[Any]) -> None:
        started = False
        try:
            async with self._working:
                started = True
                await coroutine
        finally:
            if not started and inspect.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting: never ran, never will

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close: PTB finishes the updates in hand before shutting down."""
