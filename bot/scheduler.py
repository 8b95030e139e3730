"""Wakes the bot when something stored falls due. The database is the truth, not the jobs.

Each flow that has deadlines provides a `DueSource`: when its next item is due, and what to
do with the items due now. One JobQueue (APScheduler) job sleeps until the earliest of them;
on waking it runs every source, then plans the next wake-up. On start the plan is made from
the database, so anything that fell due while the bot was down runs at once. Sources mark
an item done in the database before acting on it, so a second wake-up finds nothing to do.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any, Protocol

from telegram.ext import Application

from bot.context import SERVICES_KEY, BotContext
from bot.ratelimit import paced
from bot.services import Services

log = logging.getLogger(__name__)

WAKEUPS_KEY = "wakeups"
JOB_NAME = "wake-up"


class DueSource(Protocol):
    async def next_due(self, services: Services) -> datetime | None:
        """The earliest moment something of this source falls due (aware), if any."""

    async def run_due(self, context: BotContext, now: datetime) -> None:
        """Handle every item due at `now`; must be safe to call twice."""


class Wakeups:
    def __init__(self, sources: list[DueSource]) -> None:
        self._sources = sources
        # One pass at a time: a wake-up during a long pass waits instead of racing it.
        self._running = asyncio.Lock()

    async def plan(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """(Re)schedule the single wake-up job at the earliest due moment."""
        services = application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        job_queue = application.job_queue
        if job_queue is None:
            return
        for job in job_queue.get_jobs_by_name(JOB_NAME):
            job.schedule_removal()
        moments = [m for s in self._sources if (m := await s.next_due(services)) is not None]
        if not moments:
            return
        delay = max((min(moments) - services.clock()).total_seconds(), 0.0)
        job_queue.run_once(self._wake, when=delay, name=JOB_NAME)

    async def _wake(self, context: BotContext) -> None:
        await self.run_due(context)

    async def run_due(self, context: BotContext) -> None:
        """Run what is due now by the bot's clock, then plan the next wake-up."""
        async with self._running:
            await self._run_sources(context)
        await self.plan(context.application)

    async def _run_sources(self, context: BotContext) -> None:
        now = context.services.clock()
        for source in self._sources:
            try:
                # The bot writes on its own initiative here: keep to each chat's pace.
                with paced():
                    await source.run_due(context, now)
            except Exception:  # one failing source must not stop the others
                log.exception("scheduled work failed in %s", type(source).__name__)


def wakeups_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Wakeups:
    wakeups = application.bot_data[WAKEUPS_KEY]
    assert isinstance(wakeups, Wakeups)
    return wakeups


async def replan(context: BotContext) -> None:
    """After a change that moves a due time: wake up at the right moment."""
    await wakeups_of(context.application).plan(context.application)
