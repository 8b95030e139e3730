"""At shutdown, a scheduled pass that is still sending ends before the database closes."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any, cast
from zoneinfo import ZoneInfo

from bot.context import BotContext
from bot.domain.reminders import QuietHours
from bot.scheduler import Daytime, Occurrence, Wakeups
from bot.services import Services

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 10:00 in Québec, out of quiet hours
DAYTIME = Daytime(ZoneInfo("America/Toronto"), QuietHours(time(21), time(8)))


class SlowSource:
    """Two sends due now; the first one waits until the test lets it go."""

    name = "slow"
    late_limit: timedelta | None = None

    def __init__(self) -> None:
        self.sending = asyncio.Event()
        self.let_go = asyncio.Event()
        self.sent: list[str] = []
        self.looks = 0

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        self.looks += 1
        return [Occurrence(NOW, key, 1, DAYTIME) for key in ("a", "b") if key not in self.sent]

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        self.sending.set()
        await self.let_go.wait()
        self.sent.append(due[0].key)


class AfterSource(SlowSource):
    name = "after"

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        self.sent.extend(o.key for o in due)


async def test_a_pass_still_sending_ends_before_close_returns_and_starts_nothing_more() -> None:
    slow, after = SlowSource(), AfterSource()
    wakeups = Wakeups([slow, after])
    services = SimpleNamespace(clock=lambda: NOW)
    application = SimpleNamespace(job_queue=object(), bot_data={})
    context = cast(Any, SimpleNamespace(services=services, application=application))

    passing = asyncio.create_task(wakeups.run_due(context))
    await slow.sending.wait()
    closing = asyncio.create_task(wakeups.close(timeout=5))
    await asyncio.sleep(0)
    assert not closing.done()  # the pass is still sending: the database must stay open
    slow.let_go.set()
    await closing
    assert passing.done()
    # The send under way finished; the next source and the plan after the pass did not start.
    assert slow.sent == ["a"] and after.sent == []
    looks = slow.looks
    await wakeups.run_due(context)
    assert slow.looks == looks  # a wake-up after close looks at nothing
