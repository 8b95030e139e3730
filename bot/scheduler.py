"""Wakes the bot when something stored falls due. The database is the truth, not the jobs.

One model for every scheduled send (a reminder, the weekly digest, a mandate card, a vote
deadline...): a `DueSource` lists its pending `Occurrence`s (when, a key, what to send) from
the database. From that one list the scheduler derives both when to wake next and what is due
now, including what fell due while the bot was down, as long as it is within the source's late
limit. One JobQueue (APScheduler) job sleeps until the earliest occurrence. Sources claim an
occurrence in the database before sending it, so a second wake-up, or a restart, never sends
it twice; a claim whose send failed is given back, so it is sent later, never lost.

Every occurrence carries its committee's `Daytime`: nothing goes out in quiet hours, whether
it fell due then or the bot came back then. A late limit that ends in quiet hours runs on to
the morning, so a downtime in the evening loses nothing either.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from telegram.ext import Application

from bot.context import SERVICES_KEY, BotContext
from bot.domain.entities import Committee
from bot.domain.reminders import SEND_TIME, QuietHours, next_allowed
from bot.ratelimit import paced
from bot.refusal_policy import SendLater
from bot.services import Services

log = logging.getLogger(__name__)

WAKEUPS_KEY = "wakeups"
JOB_NAME = "wake-up"
# Occurrences are listed this far ahead; when nothing falls due sooner, the bot still wakes
# then to look again (cheap), so a source never has to answer "when is your very next one".
HORIZON = timedelta(hours=6)
# After Telegram asked to wait (or could not be reached), the next pass waits this long.
RETRY_AFTER = timedelta(seconds=30)
# Quiet hours last less than a day: a late window that ends in them ends at most this later.
LONGEST_NIGHT = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Daytime:
    """The hours a committee may be written to: its time zone and quiet hours."""

    tz: ZoneInfo
    quiet: QuietHours

    @classmethod
    def of(cls, committee: Committee) -> Daytime:
        return _daytime(committee.timezone, committee.quiet_start, committee.quiet_end)

    def ready_at(self, moment: datetime) -> datetime:
        return next_allowed(moment, tz=self.tz, quiet=self.quiet)

    def usual_hour(self, day: date) -> datetime:
        """The committee's usual hour for nudges on that local day, out of its quiet hours."""
        return self.ready_at(datetime.combine(day, SEND_TIME, tzinfo=self.tz))

    def days(self, since: datetime, until: datetime) -> list[date]:
        """The local days whose usual hour may fall between `since` and `until`."""
        first = since.astimezone(self.tz).date() - timedelta(days=1)
        last = until.astimezone(self.tz).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@functools.cache
def _daytime(zone: str, quiet_start: time, quiet_end: time) -> Daytime:
    """One per kind of hours: 10,000 committees' kept occurrences share a handful."""
    return Daytime(ZoneInfo(zone), QuietHours(quiet_start, quiet_end))


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One scheduled send: when it is due, its key (claimed once), and what to send."""

    due_at: datetime  # aware
    key: str  # unique within its source
    committee_id: int
    # The committee's hours: the send waits for them (outside its quiet hours).
    daytime: Daytime
    payload: Any = field(default=None, compare=False)

    def ready_at(self, now: datetime) -> datetime:
        """The moment it may go out: its due moment, or now if later, outside quiet hours."""
        return self.daytime.ready_at(max(self.due_at, now))

    def too_late(self, now: datetime, late_limit: timedelta | None) -> bool:
        """Past its late limit, counted from its due moment; a limit that ends in quiet hours
        runs on to the morning (the bot could not have sent it in between)."""
        return late_limit is not None and now > self.daytime.ready_at(self.due_at + late_limit)


class DueSource(Protocol):
    """A kind of scheduled send. `pending` lists what is not sent yet; `deliver` sends it."""

    @property
    def name(self) -> str:
        """Distinct per source; claims and logs use it."""
        ...

    @property
    def late_limit(self) -> timedelta | None:
        """How late an occurrence may still go out (after a downtime); None: however late."""
        ...

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        """Unclaimed occurrences due in [since, until] (since None: from the beginning)."""
        ...

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        """Claim each occurrence, then send it; one that is already claimed is skipped.

        A send that fails (SendLater, or any error) gives its claim back before raising.
        """
        ...


@runtime_checkable
class Recovers(Protocol):
    """A source with work a crash may have left half done (claimed, never sent)."""

    async def recover(self, services: Services) -> None:
        """At start, before the first plan: put that work back to pending."""
        ...


class ClaimedOnce:
    """A source whose occurrences are computed (not stored): each one is claimed in the
    `nudges_sent` table before it is sent. Subclasses list `occurrences` and `send` one."""

    name: str = ""
    late_limit: timedelta = timedelta(days=1)
    # The tables `occurrences` reads. When named, what it found for a span of days is kept
    # until one of them is written (`Database.watch`, set up by `Wakeups.start`): a plan looks
    # at every source after every change, and a committee's weekly digest does not move
    # because a follow-up did (10,000 committees took 150 ms a look). Empty: no keeping.
    reads_tables: tuple[str, ...] = ()
    _kept: dict[tuple[date, date], Sequence[Occurrence]] | None = None

    def watch(self, services: Services) -> None:
        if self.reads_tables:
            self._kept = {}
            services.storage.db.watch(self.reads_tables, self._forget)

    def _forget(self) -> None:
        if self._kept is not None:
            self._kept.clear()

    async def _occurrences(
        self, services: Services, since: datetime, until: datetime
    ) -> Sequence[Occurrence]:
        if self._kept is None:
            return await self.occurrences(services, since, until)
        # Whole days (UTC) around the span, so that the next looks find them kept.
        days = (since.astimezone(UTC).date(), until.astimezone(UTC).date())
        found = self._kept.get(days)
        if found is None:
            start = datetime.combine(days[0], time(), UTC)
            end = datetime.combine(days[1] + timedelta(days=1), time(), UTC)
            self._kept.clear()  # the span moved on: what was kept for another is old
            found = self._kept[days] = await self.occurrences(services, start, end)
        return found

    async def occurrences(
        self, services: Services, since: datetime, until: datetime
    ) -> Sequence[Occurrence]:
        raise NotImplementedError

    async def send(self, context: BotContext, occurrence: Occurrence) -> None:
        raise NotImplementedError

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        assert since is not None, "a claimed-once source has a late limit"
        found = await self._occurrences(services, since, until)
        # An occurrence is claimed when it is sent, at or after its due moment.
        claimed = await services.storage.reminders.claimed_nudges(self.name, since)
        return [
            o
            for o in found
            if since <= o.due_at <= until and (o.committee_id, o.key) not in claimed
        ]

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        reminders = context.storage.reminders
        for occurrence in due:
            if not await reminders.claim_nudge(occurrence.committee_id, self.name, occurrence.key):
                continue
            try:
                await self.send(context, occurrence)
            except Exception:
                # Telegram asked to wait, or the send broke: it goes again at the next pass.
                await reminders.release_nudge(occurrence.committee_id, self.name, occurrence.key)
                raise


@dataclass(frozen=True, slots=True)
class Plan:
    """What the sources have pending: when to wake, and what is due at a given moment."""

    now: datetime
    pending: dict[str, list[Occurrence]]

    @property
    def next_wake(self) -> datetime:
        moments = [o.ready_at(self.now) for found in self.pending.values() for o in found]
        return min(moments, default=self.now + HORIZON)

    def due(self, source: str) -> list[Occurrence]:
        return [o for o in self.pending.get(source, []) if o.ready_at(self.now) <= self.now]


class Wakeups:
    def __init__(self, sources: Sequence[DueSource]) -> None:
        names = [s.name for s in sources]
        if len(set(names)) != len(names) or "" in names:
            raise ValueError(f"due sources need distinct names: {names}")
        self._sources = list(sources)
        # One pass at a time: a wake-up during a long pass waits instead of racing it.
        self._running = asyncio.Lock()
        # Set when a pass could not send everything: no busy loop on what is still due.
        self._retry_at: datetime | None = None
        # Chats are handled side by side and each change replans: one plan at a time, so
        # the last job set comes from the last look at the database, never an older one.
        self._planning = asyncio.Lock()
        # A plan waiting for its turn: later asks join it (its look comes after their
        # changes), so a busy minute costs a few looks, not one per change.
        self._plan_waiting = False
        # Set at shutdown: no new pass or plan starts, so the database can close under none.
        self._closing = False

    async def close(self, timeout: float = 30.0) -> None:
        """At shutdown, before the database closes: PTB cancels a running wake-up job but
        lets its pass go on (shielded); wait for that pass to end, within `timeout`."""
        self._closing = True
        try:
            async with asyncio.timeout(timeout):
                async with self._running, self._planning:
                    pass
        except TimeoutError:
            log.warning("a scheduled pass was still running at shutdown; it resumes at start")

    async def look(self, services: Services) -> Plan:
        """Every source's pending occurrences, from its late limit to the horizon."""
        now = services.clock()
        pending: dict[str, list[Occurrence]] = {}
        for source in self._sources:
            limit = source.late_limit
            since = now - limit - LONGEST_NIGHT if limit is not None else None
            found = await source.pending(services, since, now + HORIZON)
            pending[source.name] = [o for o in found if not o.too_late(now, limit)]
        return Plan(now, pending)

    async def start(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """At start: what a crash left half done is pending again, then the first plan (what
        fell due while the bot was down goes out now, once)."""
        services = application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        for source in self._sources:
            if isinstance(source, ClaimedOnce):
                source.watch(services)
            if isinstance(source, Recovers):
                await source.recover(services)
        await self.plan(application)

    async def plan(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """(Re)schedule the single wake-up job at the earliest moment something may go out."""
        services = application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        job_queue = application.job_queue
        if job_queue is None or self._plan_waiting or self._closing:
            return
        self._plan_waiting = True
        try:
            await self._planning.acquire()
        finally:
            self._plan_waiting = False
        try:
            plan = await self.look(services)
            for job in job_queue.get_jobs_by_name(JOB_NAME):
                job.schedule_removal()
            wake = plan.next_wake
            if self._retry_at is not None and wake < self._retry_at:
                wake = self._retry_at
            delay = max((wake - plan.now).total_seconds(), 0.0)
            job_queue.run_once(self._wake, when=delay, name=JOB_NAME)
        finally:
            self._planning.release()

    async def _wake(self, context: BotContext) -> None:
        await self.run_due(context)

    async def run_due(self, context: BotContext) -> None:
        """Send what is due now by the bot's clock, then plan the next wake-up."""
        async with self._running:
            if self._closing:
                return
            plan = await self.look(context.services)
            self._retry_at = None
            for source in self._sources:
                if self._closing:
                    break  # what is left is still due at the next start
                due = plan.due(source.name)
                if not due:
                    continue
                try:
                    # The bot writes on its own initiative here: keep to each chat's pace.
                    with paced():
                        await source.deliver(context, due)
                except SendLater as error:
                    log.info("%s: some sends wait for later: %s", source.name, error)
                    self._retry_at = plan.now + RETRY_AFTER
                except Exception:  # one failing source must not stop the others
                    log.exception("scheduled work failed in %s", source.name)
                    # Its claims were given back: try again later, not in a tight loop.
                    self._retry_at = plan.now + RETRY_AFTER
        await self.plan(context.application)


def wakeups_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Wakeups:
    wakeups = application.bot_data[WAKEUPS_KEY]
    assert isinstance(wakeups, Wakeups)
    return wakeups


# Set while an update is handled: the plans its changes ask for, made once it is handled.
_PLAN_ASKED: ContextVar[list[bool] | None] = ContextVar("plan_asked", default=None)


async def replan(context: BotContext) -> None:
    """After a change that moves a due time: wake up at the right moment.

    While an update is handled, the plan is made once its handlers are done (`planning_after`):
    a plan reads every source, and the person's answer need not wait for it."""
    asked = _PLAN_ASKED.get()
    if asked is not None:
        asked.append(True)
        return
    await wakeups_of(context.application).plan(context.application)


@asynccontextmanager
async def planning_after(
    application: Application[Any, Any, Any, Any, Any, Any],
) -> AsyncIterator[None]:
    """The plans asked for inside this block are made once, when it ends (even by an error)."""
    asked: list[bool] = []
    token = _PLAN_ASKED.set(asked)
    try:
        yield
    finally:
        _PLAN_ASKED.reset(token)
        if asked:
            await wakeups_of(application).plan(application)
