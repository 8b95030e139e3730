"""Telegram's flood limits, kept per chat: a wait asked for one chat holds up that chat only.

Telegram allows a bot about 30 messages a second overall and 20 a minute in one group, and
asks it not to send more than about one message a second in one private chat. When a limit
is passed it answers 429 with a number of seconds to wait (a flood wait).

PTB's AIORateLimiter keeps the first two limits, but a flood wait for any chat stops every
request of the bot: one group typing 40 commands a minute stalled the whole bot for seconds
at a time. Here a flood wait pauses the chat it was about; the other chats carry on, within
the overall limit. Replies to someone who just wrote are not paced per private chat;
scheduled messages are (a burst of reminders to one person): code that sends on its own
initiative runs inside `paced()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Callable, Coroutine, Iterator
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

# Methods that put a new message in a chat; edits and button answers are not counted.
_SENDING = frozenset({"sendMessage", "sendDocument", "sendPhoto", "forwardMessage", "copyMessage"})
_MAX_TRACKED_CHATS = 1024
# Telegram's wait is whole seconds: a little more, so the retry does not arrive just before.
_SLACK = 0.1

JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]

_PACED: ContextVar[bool] = ContextVar("paced", default=False)


@contextlib.contextmanager
def paced() -> Iterator[None]:
    """Sends made in this block (and what it awaits) keep to the private-chat pace."""
    token = _PACED.set(True)
    try:
        yield
    finally:
        _PACED.reset(token)


def wait_of(error: RetryAfter) -> float:
    """The seconds Telegram asked to wait (read without PTB's int/timedelta warning)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class CommitteeRateLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        *,
        max_retries: int = 3,
        overall_rate: int = 30,
        group_rate: int = 20,
        # A group's "minute"; tests compress it.
        group_period: float = 60.0,
        private_burst: int = 1,
        # A little over one second: network jitter must not bring two sends under it.
        private_period: float = 1.1,
    ) -> None:
        self._max_retries = max_retries
        self._overall = AsyncLimiter(overall_rate, 1.0)
        self._group_rate = group_rate
        self._group_period = group_period
        self._private_burst = private_burst
        self._private_period = private_period
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._private: dict[int, AsyncLimiter] = {}
        # Per chat (None: requests about no chat), when Telegram lets us write there again.
        self._paused_until: dict[int | str | None, float] = {}

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        chat = _chat_of(data)
        max_retries = self._max_retries if rate_limit_args is None else rate_limit_args
        limits = self._limits(chat, endpoint)
        loop = asyncio.get_running_loop()
        for attempt in range(max_retries + 1):
            pause = self._paused_until.get(chat, 0.0) - loop.time()
            if pause > 0:
                await asyncio.sleep(pause)
            try:
                # Every attempt, retries included, takes its own place within each limit.
                async with contextlib.AsyncExitStack() as stack:
                    for limit in limits:
                        await stack.enter_async_context(limit)
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = wait_of(error) + _SLACK
                self._pause(chat, loop.time() + wait)
                if attempt == max_retries:
                    log.warning(
                        "flood wait for chat %s after %d retries: %s", chat, attempt, error
                    )
                    raise
                log.info("flood wait for chat %s: retrying in %.1f s", chat, wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _limits(
        self, chat: int | str | None, endpoint: str
    ) -> list[AbstractAsyncContextManager[None]]:
        """The limits a request to `chat` keeps: its group's, the overall one, its pace."""
        if chat is None:
            return []  # getMe, answerCallbackQuery...: no chat, no message limit
        limits: list[AbstractAsyncContextManager[None]] = []
        if isinstance(chat, str) or chat < 0:
            limits.append(self._tracked(self._groups, chat, self._group_rate, self._group_period))
        elif _PACED.get() and endpoint in _SENDING:
            limits.append(
                self._tracked(self._private, chat, self._private_burst, self._private_period)
            )
        limits.append(self._overall)
        return limits

    def _tracked(
        self, limiters: dict[Any, AsyncLimiter], chat: int | str, rate: float, period: float
    ) -> AsyncLimiter:
        if len(limiters) > _MAX_TRACKED_CHATS:
            # Forget chats that are quiet again.
            for key, limiter in list(limiters.items()):
                if key != chat and limiter.has_capacity(limiter.max_rate):
                    del limiters[key]
        if chat not in limiters:
            limiters[chat] = AsyncLimiter(rate, period)
        return limiters[chat]

    def _pause(self, chat: int | str | None, until: float) -> None:
        if len(self._paused_until) > _MAX_TRACKED_CHATS:
            now = asyncio.get_running_loop().time()
            for key, moment in list(self._paused_until.items()):
                if moment < now:
                    del self._paused_until[key]
        self._paused_until[chat] = max(self._paused_until.get(chat, 0.0), until)


def _chat_of(data: dict[str, Any]) -> int | str | None:
    """The chat a request is about: an id (negative for groups), a @channel name, or None."""
    chat: object = data.get("chat_id")
    if chat is None:
        return None
    with contextlib.suppress(ValueError, TypeError):
        return int(chat)  # type: ignore[call-overload, no-any-return]
    return str(chat)
