"""Telegram's flood limits, kept by pacing: requests wait their turn instead of being refused.

Telegram allows a bot about 30 messages a second overall and 20 a minute in one group, and
asks it not to send more than about one message a second in one private chat. When a limit
is passed it answers 429 with a number of seconds to wait (a flood wait), and the message
costs a retry on top of the wait.

So no limit here lets a burst through to be paid for later (a leaky bucket that starts full
does: 30 at once, then one every 33 ms, is 60 in the first second). Overall, never more than
30 in any second (a little under, for the network's jitter): a person who just wrote goes
first and at once when the second allows; scheduled sends (reminders, digests) take the turns
left, evenly spaced. In a group, at most 20 new messages in any
minute (the window Telegram counts); to one person, scheduled sends at most one a second,
counted from when each really went out. A flood wait Telegram asks for all the same (another
program using the token, a clock that drifts) pauses the chat it was about; the other chats
carry on. Replies to someone who just wrote are not held to the private pace; code that sends
on its own initiative runs inside `paced()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections import deque
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

# Methods that put a new message in a chat; edits and button answers are not counted.
_SENDING = frozenset({"sendMessage", "sendDocument", "sendPhoto", "forwardMessage", "copyMessage"})
# Chats remembered before quiet ones are forgotten (checked again when this doubles).
_MAX_TRACKED_CHATS = 1024
# Telegram's wait is whole seconds: a little more, so the retry does not arrive just before.
_SLACK = 0.1
# A request reaches Telegram a little after its turn, by a varying delay: each limit keeps
# this margin, so two requests that left in order never arrive too close.
_MARGIN = 0.02
# How far behind its even pace the overall limit may catch up (see EvenPace).
_CATCH_UP = 0.25

JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]

_PACED: ContextVar[bool] = ContextVar("paced", default=False)


@contextlib.contextmanager
def paced() -> Iterator[None]:
    """Sends made in this block (and what it awaits) keep to the private-chat pace, and go
    after the replies to people who are waiting."""
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


class Window:
    """At most `count` requests in any `period` seconds: the times of the last `count`."""

    __slots__ = ("_period", "_sent")

    def __init__(self, count: int, period: float) -> None:
        self._period = period
        self._sent: deque[float] = deque(maxlen=count)

    def free_at(self) -> float:
        """When the next request may go (in the past: now)."""
        if len(self._sent) < (self._sent.maxlen or 0):
            return 0.0
        return self._sent[0] + self._period

    def took(self, moment: float) -> None:
        self._sent.append(moment)

    def idle(self, now: float) -> bool:
        return not self._sent or self._sent[-1] + self._period <= now


class EvenPace:
    """Turns at most `rate` in any second (plus a margin). Urgent turns go first.

    The last `rate` turns are remembered, and no turn comes before the first of them is a
    second (plus the margin) old: never more than `rate` in one second, as Telegram counts.
    Within that, a reply to someone waiting goes at once. Scheduled sends follow a grid, one
    every 1/rate seconds (plus the margin), evenly spread; a turn the event loop gave late is
    made up by the next ones, closer together (never under half the spacing), so a busy
    moment does not lower their pace.
    """

    def __init__(self, rate: int, margin: float = _MARGIN) -> None:
        self._interval = (1.0 + margin) / rate
        self._second = 1.0 + margin
        self._taken: deque[float] = deque(maxlen=rate)
        self._planned = 0.0  # the grid's next moment
        self._urgent: deque[asyncio.Future[None]] = deque()
        self._later: deque[asyncio.Future[None]] = deque()
        self._runner: asyncio.Task[None] | None = None

    @property
    def waiting(self) -> int:
        return len(self._urgent) + len(self._later)

    def _next(self, *, urgent: bool) -> float:
        """The earliest next turn: a reply's, as soon as the last second allows; a
        scheduled send's, on the grid too."""
        if not self._taken:
            return 0.0
        moment = 0.0 if urgent else max(self._planned, self._taken[-1] + self._interval / 2)
        if len(self._taken) == self._taken.maxlen:
            moment = max(moment, self._taken[0] + self._second)
        return moment

    async def turn(self, *, urgent: bool) -> None:
        loop = asyncio.get_running_loop()
        nobody_ahead = not self._urgent and (urgent or not self._later)
        if nobody_ahead and loop.time() >= self._next(urgent=urgent):
            self._took(loop.time(), waited=False)
            return
        future: asyncio.Future[None] = loop.create_future()
        (self._urgent if urgent else self._later).append(future)
        if self._runner is None or self._runner.done():
            self._runner = loop.create_task(self._hand_out())
        await future

    def _took(self, moment: float, *, waited: bool = True) -> None:
        self._taken.append(moment)
        # A turn given late while others waited is made up (up to a quarter of a second
        # behind the grid); a turn taken at once, nobody waiting, starts the grid again.
        start = max(self._planned, moment - _CATCH_UP) if waited else moment
        self._planned = start + self._interval

    async def _hand_out(self) -> None:
        loop = asyncio.get_running_loop()
        while self._urgent or self._later:
            delay = self._next(urgent=bool(self._urgent)) - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
                continue  # a reply may have come meanwhile: it goes first
            queue = self._urgent or self._later
            future = queue.popleft()
            if future.done():  # its request was cancelled while it waited
                continue
            future.set_result(None)
            self._took(loop.time())


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
        self._overall = EvenPace(overall_rate)
        self._group_rate = group_rate
        self._group_period = group_period + _MARGIN * group_period
        self._private_burst = private_burst
        self._private_period = private_period
        self._windows: dict[int | str, Window] = {}
        self._forget_above = _MAX_TRACKED_CHATS
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
        scheduled = _PACED.get()
        window = self._window(chat, endpoint)
        # A reply to a person is not held to their pace, but counts in it.
        waits = window is not None and (scheduled or not isinstance(chat, int) or chat < 0)
        for attempt in range(max_retries + 1):
            # Every attempt, retries included, takes its own place within each limit.
            await self._wait_turn(chat, window, waits=waits, urgent=not scheduled)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = wait_of(error) + _SLACK
                self._pause(chat, asyncio.get_running_loop().time() + wait)
                if attempt == max_retries:
                    log.warning(
                        "flood wait for chat %s after %d retries: %s", chat, attempt, error
                    )
                    raise
                log.info("flood wait for chat %s: retrying in %.1f s", chat, wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _wait_turn(
        self, chat: int | str | None, window: Window | None, *, waits: bool, urgent: bool
    ) -> None:
        """Until the chat may be written to, then the next overall turn; the chat's limit
        is counted from that turn (when the request really leaves)."""
        loop = asyncio.get_running_loop()
        while True:
            free_at = self._paused_until.get(chat, 0.0)
            if waits and window is not None:
                free_at = max(free_at, window.free_at())
            if free_at > loop.time():
                await asyncio.sleep(free_at - loop.time())
            if chat is None:
                return  # getMe, answerCallbackQuery...: no chat, no message limit
            await self._overall.turn(urgent=urgent)
            # Another request to this chat may have gone while this one waited its turn.
            now = loop.time()
            if self._paused_until.get(chat, 0.0) <= now and (
                not waits or window is None or window.free_at() <= now
            ):
                if window is not None:
                    window.took(now)
                return

    def _window(self, chat: int | str | None, endpoint: str) -> Window | None:
        """The chat's own limit on new messages: a group's minute, or a person's pace. (An
        edit, a vote's tally say, is not a new message: the overall pace only.)"""
        if chat is None or endpoint not in _SENDING:
            return None
        if isinstance(chat, str) or chat < 0:
            return self._tracked(chat, self._group_rate, self._group_period)
        return self._tracked(chat, self._private_burst, self._private_period)

    def _tracked(self, chat: int | str, count: int, period: float) -> Window:
        window = self._windows.get(chat)
        if window is None:
            if len(self._windows) >= self._forget_above:
                # Forget chats that are quiet again (checked again when twice as many).
                now = asyncio.get_running_loop().time()
                self._windows = {k: w for k, w in self._windows.items() if not w.idle(now)}
                self._paused_until = {k: t for k, t in self._paused_until.items() if t > now}
                self._forget_above = max(_MAX_TRACKED_CHATS, 2 * len(self._windows))
            window = self._windows[chat] = Window(count, period)
        return window

    def _pause(self, chat: int | str | None, until: float) -> None:
        self._paused_until[chat] = max(self._paused_until.get(chat, 0.0), until)


def _chat_of(data: dict[str, Any]) -> int | str | None:
    """The chat a request is about: an id (negative for groups), a @channel name, or None."""
    chat: object = data.get("chat_id")
    if chat is None:
        return None
    with contextlib.suppress(ValueError, TypeError):
        return int(chat)  # type: ignore[call-overload, no-any-return]
    return str(chat)
