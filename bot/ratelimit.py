"""PTB's AIORateLimiter, plus the per-private-chat pace Telegram asks for.

AIORateLimiter enforces about 30 messages a second overall and 20 a minute per group, and
retries flood-wait answers; it leaves private chats unlimited. Telegram asks bots to avoid
more than about one message a second in one chat. Replies to someone who just wrote are not
a concern; scheduled messages are (a burst of reminders to one person), so code that sends
on its own initiative runs inside `paced()` and those sends are spread out per chat.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

# Methods that put a new message in a chat; edits and button answers are not counted.
_SENDING = frozenset({"sendMessage", "sendDocument", "sendPhoto", "forwardMessage", "copyMessage"})
_MAX_TRACKED_CHATS = 1024

JSONDict = dict[str, Any]

_PACED: ContextVar[bool] = ContextVar("paced", default=False)


@contextlib.contextmanager
def paced() -> Iterator[None]:
    """Sends made in this block (and what it awaits) keep to the private-chat pace."""
    token = _PACED.set(True)
    try:
        yield
    finally:
        _PACED.reset(token)


class CommitteeRateLimiter(AIORateLimiter):
    def __init__(
        self,
        *,
        max_retries: int = 3,
        private_burst: int = 1,
        # A little over one second: network jitter must not bring two sends under it.
        private_period: float = 1.1,
    ) -> None:
        super().__init__(max_retries=max_retries)
        self._private_burst = private_burst
        self._private_period = private_period
        self._private_limiters: dict[int, AsyncLimiter] = {}

    def _private_limiter(self, chat_id: int) -> AsyncLimiter:
        if len(self._private_limiters) > _MAX_TRACKED_CHATS:
            # Forget chats that are quiet again, like AIORateLimiter does for groups.
            for key, limiter in list(self._private_limiters.items()):
                if limiter.has_capacity(self._private_burst):
                    del self._private_limiters[key]
        if chat_id not in self._private_limiters:
            self._private_limiters[chat_id] = AsyncLimiter(
                self._private_burst, self._private_period
            )
        return self._private_limiters[chat_id]

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        chat_id: object = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[call-overload]
        to_person = isinstance(chat_id, int) and chat_id > 0
        if _PACED.get() and endpoint in _SENDING and to_person:
            assert isinstance(chat_id, int)
            limiter = self._private_limiter(chat_id)

            async def paced_attempt(*a: Any, **kw: Any) -> bool | JSONDict | list[JSONDict]:
                # Every attempt, retries included, takes its own slot in the chat's pace.
                async with limiter:
                    return await callback(*a, **kw)

            return await super().process_request(
                paced_attempt, args, kwargs, endpoint, data, rate_limit_args
            )
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
