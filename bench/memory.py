"""The bot's memory with 10,000 committees in the database, after an hour of use.

Usage: ``python bench/memory.py [--committees N] [--sessions N] [--people N]`` (from the
repository root).

Seeding (SQL, for speed): N committees of five members, five open follow-ups each (their
reminder ladders planned, as the bot leaves them) and three decisions. ``--sessions`` of them
are used during the hour: their people exist in the sandbox and their committee has a group.

The bot runs in its own process, as in production (``python bench/memory.py --child``: the
real Application, long polling against the sandbox), so that its memory is its own. An hour
of use, compressed: ``--sessions`` people (coordinators of different committees) each take a
turn at the bot, a dozen things a person does in a sitting, 16 people at a time: /aide,
/start, /suivis and a follow-up opened, one marked done, a decision with a follow-up (the
group is told), /suivis in the group, the committee's settings, a message the bot does not
understand, and one person in ten creates a committee (the whole wizard). About 0.5 % of the
committees busy within one hour is a heavy hour for 10,000 committees.

Printed: the bot's resident memory (VmRSS) when ready, after the hour, and its peak (VmHWM),
from /proc/PID/status; the actions done and how long they took.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import telegram

from bench.scenes import create_committee
from bot.domain.reminders import QuietHours, Rhythm, plan_ladder
from bot.storage.db import Database
from sandbox import SandboxServer, SandboxUser

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = str(Path(__file__).resolve())
ZONE = "America/Toronto"
TZ = ZoneInfo(ZONE)
MEMBERS = 5
FOLLOW_UPS = 5
DECISIONS = 3
AT_ONCE = 16
STAMP = "2026-11-01T12:00:00+00:00"


def _rows(
    committees: int, active: dict[int, tuple[int, int]], now: datetime
) -> dict[str, list[tuple[object, ...]]]:
    """Every row to seed; `active` maps a committee to its coordinator's id and group's id."""
    today = now.astimezone(TZ).date()
    rows: dict[str, list[tuple[object, ...]]] = {
        k: [] for k in ("committees", "people", "memberships", "chats", "decisions")
    }
    rows |= {"follow_ups": [], "counters": [], "reminders": []}
    next_person = 10_000_000
    for c in range(1, committees + 1):
        lead, group = active.get(c, (0, 0))
        people = [lead] if lead else []
        while len(people) < MEMBERS:
            next_person += 1
            people.append(next_person)
        rows["committees"].append((c, f"Comité {c}", ZONE, people[0]))
        for n, person in enumerate(people):
            rows["people"].append((person, f"Personne {person}", c if n == 0 else None))
            rows["memberships"].append((c, person, "coordinator" if n == 0 else "member"))
        if group:
            rows["chats"].append((group, c, f"Groupe {c}", lead))
        for n in range(1, DECISIONS + 1):
            rows["decisions"].append((c, n, f"Décision {n} du comité {c}", lead or people[0]))
        for n in range(1, FOLLOW_UPS + 1):
            fid = len(rows["follow_ups"]) + 1
            who = people[n % MEMBERS]
            due = today + timedelta(days=3 + (c + n) % 40)
            rows["follow_ups"].append(
                (fid, c, n, f"Tâche {n} du comité {c}", who, f"Personne {who}", due.isoformat())
            )
            for rung in plan_ladder(due, tz=TZ, rhythm=Rhythm.NORMAL, quiet=QuietHours(), now=now):
                at = rung.moment.astimezone(UTC).isoformat(timespec="seconds")
                rows["reminders"].append(
                    (fid, c, due.isoformat(), rung.step, rung.audience.value, at)
                )
        rows["counters"] += [(c, "follow_up", FOLLOW_UPS), (c, "decision", DECISIONS)]
    return rows


async def seed(path: Path, committees: int, active: dict[int, tuple[int, int]]) -> int:
    db = Database(path)
    await db.connect()  # the schema, by the bot's own migrations
    await db.close()
    rows = _rows(committees, active, datetime.now(UTC))
    sql = {
        "committees": "INSERT INTO committees (id, name, kind, timezone, locale, created_by,"
        f" created_at) VALUES (?, ?, 'association', ?, 'fr_CA', ?, '{STAMP}')",
        "people": "INSERT INTO people (telegram_id, display_name, active_committee_id,"
        f" created_at, updated_at) VALUES (?, ?, ?, '{STAMP}', '{STAMP}')",
        "memberships": "INSERT INTO memberships (committee_id, person_id, role, source,"
        f" joined_at) VALUES (?, ?, ?, 'invitation', '{STAMP}')",
        "chats": "INSERT INTO committee_chats (chat_id, committee_id, title, linked_by,"
        f" linked_at) VALUES (?, ?, ?, ?, '{STAMP}')",
        "decisions": "INSERT INTO decisions (committee_id, number, text, created_by,"
        f" created_at) VALUES (?, ?, ?, ?, '{STAMP}')",
        "follow_ups": "INSERT INTO follow_ups (id, committee_id, number, text, responsible_id,"
        " responsible_name, due_date, ladder_for, created_at, updated_at)"
        f" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, '{STAMP}', '{STAMP}')",
        "counters": "INSERT INTO committee_counters (committee_id, kind, last_number)"
        " VALUES (?, ?, ?)",
        "reminders": "INSERT INTO reminders (follow_up_id, committee_id, for_due, step,"
        " audience, due_at) VALUES (?, ?, ?, ?, ?, ?)",
    }
    connection = sqlite3.connect(path)
    with connection:
        for table, statement in sql.items():
            connection.executemany(statement, rows[table])
    connection.close()
    return len(rows["reminders"])


def memory_of(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in KiB."""
    found: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


class Session:
    """One person's sitting with the bot: a dozen things, each awaited like a person would."""

    def __init__(self, server: SandboxServer, user: SandboxUser, group_id: int) -> None:
        self.server = server
        self.user = user
        self.group = server.world.chats[group_id]
        self.timings: list[float] = []

    async def _do(self, action: object) -> None:
        started = time.perf_counter()
        assert asyncio.iscoroutine(action)
        await action
        self.timings.append(time.perf_counter() - started)

    async def _say(self, text: str) -> None:
        chat = self.user.private_chat
        await self.user.send(text)
        await chat.next_bot_message(timeout=60)

    async def run(self, n: int) -> None:
        user, chat = self.user, self.user.private_chat
        await self._do(self._say("/aide"))
        await self._do(self._say("/start"))
        await self._do(self._say("/suivis"))
        listing = chat.messages[-1]
        opened = [label for label in listing.button_texts if label.startswith("S-")]
        if opened:
            await self._do(user.press(listing, opened[0]))
            detail = await chat.next_edit(listing, timeout=60)
            if "✅ Fait" in detail.button_texts and n % 2 == 0:
                await self._do(user.press(detail, "✅ Fait"))
                await self.server.world.wait_idle(timeout=60)
        await self._do(
            self._say(f"/decision On affiche l'horaire {n}. Personne s'en occupe d'ici vendredi.")
        )
        await self._do(user.send("/suivis", chat=self.group))
        await self._do(self._say("/parametres"))
        await self._do(self._say("merci"))
        await self._do(self._say("/aide"))
        if n % 10 == 0:
            newcomer = self.server.world.add_user(f"Nouvelle {n}")
            await self._do(create_committee(newcomer, f"Nouveau comité {n}"))
        await self.server.world.wait_idle(timeout=60)


async def parent(arguments: argparse.Namespace) -> None:
    print(f"Python {platform.python_version()}, python-telegram-bot {telegram.__version__}")
    random.seed(14)
    with tempfile.TemporaryDirectory(prefix="comite-bench-") as name:
        path = Path(name) / "memory.sqlite3"
        async with SandboxServer() as server:
            world = server.world
            chosen = random.sample(range(1, arguments.committees + 1), arguments.sessions)
            active: dict[int, tuple[int, int]] = {}
            users: list[tuple[SandboxUser, int]] = []
            for c in chosen:
                user = world.add_user(f"Coordination {c}")
                group = world.add_group(f"Groupe {c}", creator=user)
                group.bot_status = "member"  # in the group all along (no update)
                active[c] = (user.id, group.id)
                users.append((user, group.id))
            started = time.perf_counter()
            planned = await seed(path, arguments.committees, active)
            print(
                f"seeded {arguments.committees:,} committees ({MEMBERS} members, {FOLLOW_UPS}"
                f" follow-ups with {planned:,} reminder rows, {DECISIONS} decisions each)"
                f" in {time.perf_counter() - started:.1f} s"
            )
            env = {
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "BOT_TOKEN": server.token,
                "TELEGRAM_BASE_URL": server.base_url,
                "DATABASE_PATH": str(path),
                "DEFAULT_LOCALE": "fr_CA",
                "TIMEZONE": ZONE,
            }
            child = await asyncio.create_subprocess_exec(
                sys.executable, SCRIPT, "--child",
                cwd=name, env=env, stdin=asyncio.subprocess.PIPE,
            )  # fmt: skip
            try:
                await world.signal.wait_for(lambda: len(server.calls_to("getUpdates")) > 1, 60)
                await world.wait_idle(timeout=60)
                ready = memory_of(child.pid)
                started = time.perf_counter()
                timings = await _hour(server, users)
                took = time.perf_counter() - started
                after = memory_of(child.pid)
            finally:
                assert child.stdin is not None
                child.stdin.close()
                await child.wait()
    mib = 1024
    print(f"ready:       VmRSS {ready['VmRSS'] / mib:.1f} MiB")
    print(
        f"after the hour ({len(timings):,} actions by {len(users)} people in {took:.0f} s,"
        f" each awaited: median {statistics.median(timings) * 1000:.0f} ms):"
    )
    print(f"             VmRSS {after['VmRSS'] / mib:.1f} MiB, peak (VmHWM) "
          f"{after['VmHWM'] / mib:.1f} MiB  (target < 150 MB = 143 MiB)")  # fmt: skip


async def _hour(server: SandboxServer, users: list[tuple[SandboxUser, int]]) -> list[float]:
    timings: list[float] = []
    queue = list(enumerate(users))
    limit = asyncio.Semaphore(AT_ONCE)

    async def sitting(n: int, user: SandboxUser, group_id: int) -> None:
        async with limit:
            session = Session(server, user, group_id)
            await session.run(n)
            timings.extend(session.timings)

    await asyncio.gather(*(sitting(n, user, group) for n, (user, group) in queue))
    return timings


async def child() -> None:
    """The bot, as `python -m bot` runs it, until the parent closes our standard input."""
    from bot.app import build_application, start_embedded, stop_embedded
    from bot.config import load_settings

    app = build_application(load_settings(dict(os.environ)))
    await start_embedded(app, poll_timeout=1)
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, done.set)
    loop.add_reader(sys.stdin.fileno(), done.set)
    await done.wait()
    await stop_embedded(app)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--committees", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=500, help="people using the bot")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        asyncio.run(child())
    else:
        if not 1 <= arguments.sessions <= arguments.committees:
            parser.error("--sessions must be between 1 and --committees")
        asyncio.run(parent(arguments))
