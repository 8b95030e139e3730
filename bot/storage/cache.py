"""Rows read often and written rarely, kept in memory: which committee a group belongs to,
a committee's settings, a person's membership. Every update in a group, every press on a
record asks these before anything else.

Sound by construction: one bot process writes the database (the run lock), and the database
sees every statement SQLite runs (its trace hook): it empties the cache after any write to the
tables the cache copies, committed or rolled back (`Database.watch`), whichever code made it,
so no repository has to remember to. A read that started before a write does not store
what it read (the generation moved). Bounded: the last read are kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

_ABSENT = object()


class ReadCache:
    def __init__(self, size: int = 8192) -> None:
        self._size = size
        self._rows: OrderedDict[Hashable, Any] = OrderedDict()
        self._generation = 0

    async def get(self, key: Hashable, read: Callable[[], Awaitable[T]]) -> T:
        """What `read` returns for `key` (None included), read once until the next write."""
        found = self._rows.get(key, _ABSENT)
        if found is not _ABSENT:
            self._rows.move_to_end(key)
            return found  # type: ignore[no-any-return]
        read_at = self._generation
        value = await read()
        if read_at == self._generation:
            self._rows[key] = value
            if len(self._rows) > self._size:
                self._rows.popitem(last=False)
        return value

    def clear(self) -> None:
        self._generation += 1
        self._rows.clear()
