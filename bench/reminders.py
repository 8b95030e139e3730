"""Follow-up reminders at scale: the schedule rebuilt at start, and a burst of due reminders.

Usage: ``python bench/reminders.py [--follow-ups N] [--reminders N] [--skip-rebuild]
[--skip-dispatch] [--timeout S]`` (from the repository root).

Rebuild: 100 follow-ups per committee due over the next 60 days, ladders planned, in a
temporary SQLite file; three cold starts of a new Application on it (build, initialize,
connect), then ``wakeups_of(app).start(app)`` (take up what a crash left half done, then
plan) timed apart.

Dispatch: committees of COMMITTEE_SIZE people who all opened their private chat, PER_PERSON
follow-ups each whose due-day reminder is five minutes late, sent by the wake-up job
through ``SandboxServer(rate_limits=True)``, polled until every row is 'sent' or --timeout.
Follow-ups go round-robin over the members.

Seeding: people and committees through the repositories; follow-ups and reminder rows with
executemany (SQL here is for seeding only: 100,000 follow-ups in seconds), the rows made by
the bot's own ``plan_ladder``. ``plan_follow_up`` (the bot's path) is timed on a sample.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import math
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# Run as a script, only bench/ is on sys.path; the repository root must win over any
# installed copy so that this checkout's bot is the one measured.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import telegram

from bot.app import build_application, services_of, start_embedded, stop_embedded
from bot.config import Settings, load_settings
from bot.domain.entities import CommitteeKind, MembershipSource
from bot.domain.reminders import QuietHours, Rhythm, plan_ladder
from bot.scheduler import wakeups_of
from bot.storage.db import Database
from bot.storage.repositories import Storage
from conversations.followups.reminders import plan_follow_up
from sandbox import RecordedCall, SandboxServer

ZONE = "America/Toronto"
TZ = ZoneInfo(ZONE)
RHYTHM, QUIET = Rhythm.NORMAL, QuietHours()  # a new committee's defaults
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday 10:00 in Québec, as in tests/e2e
TODAY = NOW.astimezone(TZ).date()
PER_COMMITTEE = 100  # rebuild: follow-ups per committee
COLD_STARTS = 3
SAMPLE = 200  # follow-ups re-planned through plan_follow_up: each costs about a second
COMMITTEE_SIZE = 10  # dispatch: people per committee
PER_PERSON = 20  # dispatch: follow-ups due today per person
DUE_DAY = TODAY + timedelta(days=1)
PLANNED_AT = datetime(2026, 11, 23, 12, 0, tzinfo=TZ)  # the eve: the heads-up is past
DISPATCH_AT = datetime(2026, 11, 24, 10, 5, tzinfo=TZ)  # the due-day rung is at 10:00
SEED_SQL = (
    # ladder_for: the ladder is planned for the due date, as the bot leaves it.
    "INSERT INTO follow_ups (id, committee_id, number, text, responsible_id, responsible_name,"
    " due_date, ladder_for, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO committee_counters (committee_id, kind, last_number) VALUES (?, 'follow_up', ?)",
    "INSERT INTO reminders (follow_up_id, committee_id, for_due, step, audience, due_at)"
    " VALUES (?, ?, ?, ?, ?, ?)",
)
Rows = list[tuple[object, ...]]


def settings_for(server: SandboxServer, path: Path) -> Settings:
    env = {"BOT_TOKEN": server.token, "TELEGRAM_BASE_URL": server.base_url}
    env |= {"DATABASE_PATH": str(path), "DEFAULT_LOCALE": "fr_CA", "TIMEZONE": ZONE}
    return load_settings(env)


async def seed(
    path: Path,
    members: list[list[int]],
    sizes: list[int],
    due: Callable[[int], date],
    now: datetime,
) -> tuple[list[int], int]:
    """Committees of `members` with `sizes` follow-ups, planned at `now`: (ids, row count)."""
    storage = Storage(Database(path))
    await storage.db.connect()
    stamp = NOW.isoformat(timespec="seconds")
    follow_ups, counters, rows = Rows(), Rows(), Rows()
    try:
        for c, people in enumerate(members):
            for person in people:
                await storage.people.upsert(person, f"Personne {person}", None, "fr")
            committee = await storage.committees.create(
                name=f"Comité {c}",
                kind=CommitteeKind.ASSOCIATION,
                housing_office=None,
                timezone=ZONE,
                locale="fr_CA",
                creator_id=people[0],
            )
            for person in people[1:]:
                await storage.committees.add_member(
                    committee.id, person, MembershipSource.INVITATION
                )
            counters.append((committee.id, sizes[c]))
            for number in range(1, sizes[c] + 1):
                fid, day = len(follow_ups) + 1, due(len(follow_ups))
                who = people[(number - 1) % len(people)]
                follow_ups.append((fid, committee.id, number, f"Tâche {fid}", who,
                                   f"Personne {who}", day.isoformat(), day.isoformat(),
                                   stamp, stamp))  # fmt: skip
                for rung in plan_ladder(day, tz=TZ, rhythm=RHYTHM, quiet=QUIET, now=now):
                    at = rung.moment.astimezone(UTC).isoformat(timespec="seconds")
                    rows.append((fid, committee.id, day.isoformat(), rung.step,
                                 rung.audience.value, at))  # fmt: skip
        async with storage.db.transaction() as db:
            for sql, data in zip(SEED_SQL, (follow_ups, counters, rows), strict=True):
                await db.executemany(sql, data)
    finally:
        await storage.db.close()
    return [int(str(row[0])) for row in follow_ups], len(rows)


def _table(title: str, rows: list[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in rows)
    return "\n".join([title, *(f"  {label.ljust(width)}  {value}" for label, value in rows)])


def _median_max(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.3f} s, max {max(samples):.3f} s"


def _mebibytes(workdir: Path) -> float:
    # Apart from the coroutine: ruff flags blocking file system calls inside one.
    return sum(p.stat().st_size for p in workdir.glob("rebuild.sqlite3*")) / 2**20


async def bench_rebuild(workdir: Path, total: int) -> str:
    path = workdir / "rebuild.sqlite3"
    sizes = [min(PER_COMMITTEE, total - n) for n in range(0, total, PER_COMMITTEE)]
    members = [[100_000 + c] for c in range(len(sizes))]  # one coordinator each
    started = time.perf_counter()
    ids, planned = await seed(path, members, sizes, lambda i: TODAY + timedelta(1 + i % 60), NOW)
    seeded = time.perf_counter() - started
    cold, plans, replan = list[float](), list[float](), ""
    async with SandboxServer() as server:
        for attempt in range(COLD_STARTS):
            started = time.perf_counter()
            app = build_application(settings_for(server, path))
            services = services_of(app)
            services.clock = lambda: NOW
            await app.initialize()  # getMe, and the persistence load opens the database
            await services.storage.db.connect()
            planning = time.perf_counter()
            await wakeups_of(app).start(app)  # as _post_init does, less commands and dates
            cold.append(planning - started)
            plans.append(time.perf_counter() - planning)
            if attempt == 0:
                sample = ids[:: max(len(ids) // SAMPLE, 1)][:SAMPLE]
                before = [await services.storage.reminders.history(i) for i in sample]
                started = time.perf_counter()
                for follow_up_id in sample:
                    await plan_follow_up(services, follow_up_id)
                spent = (time.perf_counter() - started) / len(sample)
                same = before == [await services.storage.reminders.history(i) for i in sample]
                replan = f"{spent * 1000:.1f} ms each ({len(sample)}, same rows: {same})"
            await app.shutdown()
            await services.storage.db.close()
    return _table(
        "Schedule rebuild at start",
        [
            ("committees x follow-ups", f"{len(sizes):,} x <= {PER_COMMITTEE}"),
            ("pending reminder rows", f"{planned:,}"),
            ("seeding (bulk, plan_ladder)", f"{seeded:.1f} s"),
            ("plan_follow_up (bot's path)", replan),
            ("database file (+ WAL)", f"{_mebibytes(workdir):.1f} MiB"),
            ("cold start, plan excluded", _median_max(cold)),
            (f"start() (recover, plan), {COLD_STARTS} starts", _median_max(plans)),
        ],
    )


class _StampedCalls(list[RecordedCall]):
    """server.calls, with the arrival time of each request (as bench/latency.py does)."""

    def __init__(self) -> None:
        super().__init__()
        self.stamps: list[float] = []
        self.last_send = 0.0

    def append(self, call: RecordedCall) -> None:
        self.stamps.append(time.perf_counter())
        super().append(call)
        if call.method == "sendMessage":
            self.last_send = self.stamps[-1]

    def sends(self, *, ok: bool = True) -> list[tuple[float, int, str]]:
        """(arrival, chat, text) of the reminders sent (ok) or refused (not ok)."""
        return [
            (stamp, int(str(call.params["chat_id"])), str(call.params.get("text")))
            for stamp, call in zip(self.stamps, self, strict=True)
            if call.method == "sendMessage"
            and call.ok == ok
            and "Tâche" in str(call.params.get("text"))
        ]


def _max_per_second(stamps: list[float]) -> tuple[int, float]:
    """The most sends within any window shorter than one second, and the closest two."""
    stamps.sort()
    best, first = 1, 0
    for last, moment in enumerate(stamps):
        while moment - stamps[first] >= 1.0:
            first += 1
        best = max(best, last - first + 1)
    return best, min((b - a for a, b in itertools.pairwise(stamps)), default=math.inf)


async def _states(storage: Storage, follow_ups: list[int]) -> Counter[str]:
    rungs = [await storage.reminders.history(i) for i in follow_ups]
    return Counter(state for rows in rungs for step, _, state in rows if step == "due_day")


async def bench_dispatch(workdir: Path, total: int, timeout: float) -> str:
    people = math.ceil(total / PER_PERSON)
    async with SandboxServer(rate_limits=True) as server:
        users = [server.world.add_user(f"Personne {i}") for i in range(people)]
        for user in users:
            await user.send("Bonjour")  # opens the private chat, long before this burst
        server.world.drop_pending_updates()  # so that no reply competes with the burst
        ids = [u.id for u in users]
        members = [ids[i : i + COMMITTEE_SIZE] for i in range(0, people, COMMITTEE_SIZE)]
        sizes = [PER_PERSON * len(group) for group in members]
        sizes[-1] -= sum(sizes) - total  # the last committee takes the remainder
        path = workdir / "dispatch.sqlite3"
        follow_ups, _ = await seed(path, members, sizes, lambda i: DUE_DAY, PLANNED_AT)
        app = build_application(settings_for(server, path))
        services, moment = services_of(app), [PLANNED_AT]
        services.clock = lambda: moment[0]
        await start_embedded(app, poll_timeout=1)  # plans a wake-up tomorrow: it never fires
        server.calls = calls = _StampedCalls()
        moment[0] = DISPATCH_AT
        started = time.perf_counter()
        # The job, not one run_due call: after a failed send run_due leaves rows pending and
        # plans an immediate wake-up, which is how the bot finishes the work.
        await wakeups_of(app).plan(app)
        states: Counter[str] = Counter()
        while states["sent"] < total and time.perf_counter() < started + timeout:
            await asyncio.sleep(0.5)
            if len({(chat, text) for _, chat, text in calls.sends()}) >= total:
                states = await _states(services.storage, follow_ups)  # 10,000 reads: not often
        for _ in range(60):  # a duplicate may still be on its way: let it land (30 s at most)
            if time.perf_counter() - calls.last_send >= 2:
                break
            await asyncio.sleep(0.5)
        states = await _states(services.storage, follow_ups)
        await stop_embedded(app)
    sends, refused = calls.sends(), calls.sends(ok=False)
    first: dict[tuple[int, str], float] = {}
    per_chat: defaultdict[int, list[float]] = defaultdict(list)
    for stamp, chat, text in sends:
        first.setdefault((chat, text), stamp)
        per_chat[chat].append(stamp)
    # Which limit a 429 hit: the chat's own (a send to it accepted within the second before)
    # or the overall one. Stamped on arrival, not where the sandbox checks: approximate.
    per_chat_429 = sum(any(0 < t - s < 1 for s in per_chat.get(c, [])) for t, c, _ in refused)
    done = states["sent"] == total
    duration = max(first.values(), default=started) - started if done else timeout
    paces = [_max_per_second(stamps) for stamps in per_chat.values()]
    most = max((n for n, _ in paces), default=0)
    closest = min((g for _, g in paces), default=math.inf)
    return _table(
        "Dispatch of due reminders (sandbox with rate limits)",
        [
            ("people x committees", f"{people:,} in {len(members):,} of <= {COMMITTEE_SIZE}"),
            ("due-day reminder rows due", f"{sum(states.values()):,}"),
            ("finished", "yes" if done else f"NO, stopped after {timeout:.0f} s"),
            ("duration to last reminder", f"{duration:.1f} s (30/s floor: {total / 30:.1f} s)"),
            ("reminders delivered", f"{len(first):,}"),
            ("throughput", f"{len(first) / duration:.1f} msg/s (floor allows 30)"),
            ("429 answers from the sandbox", f"{server.flood_errors:,}"),
            ("  of which one chat's 1/s (approx.)", f"{per_chat_429:,}"),
            ("duplicates (same chat and text)", f"{len(sends) - len(first):,}"),
            ("rows not 'sent'", f"{total - states['sent']:,} {dict(states)}"),
            ("max to one private chat / 1 s", f"{most} (closest two: {closest:.4f} s apart)"),
        ],
    )


async def _timed(bench: Awaitable[str]) -> None:
    started = time.perf_counter()
    print(f"\n{await bench}\n  (took {time.perf_counter() - started:.1f} s)", flush=True)


async def main(arguments: argparse.Namespace) -> None:
    print(f"Python {platform.python_version()}, python-telegram-bot {telegram.__version__}")
    with tempfile.TemporaryDirectory(prefix="comite-bench-") as name:
        if not arguments.skip_rebuild:
            await _timed(bench_rebuild(Path(name), arguments.follow_ups))
        if not arguments.skip_dispatch:
            await _timed(bench_dispatch(Path(name), arguments.reminders, arguments.timeout))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--follow-ups", type=int, default=100_000, help="rebuild: pending ones")
    parser.add_argument("--reminders", type=int, default=10_000, help="dispatch: due at once")
    parser.add_argument("--skip-rebuild", action="store_true")
    parser.add_argument("--skip-dispatch", action="store_true")
    parser.add_argument("--timeout", type=float, default=900.0, help="dispatch: give up after")
    arguments = parser.parse_args()
    if min(arguments.follow_ups, arguments.reminders) < 1 or arguments.timeout <= 0:
        parser.error("sizes must be at least 1 and --timeout positive")
    asyncio.run(main(arguments))
