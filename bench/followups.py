"""/suivis and the weekly digest of a committee with 1,000 open follow-ups, through the sandbox.

Usage: ``python bench/followups.py [--follow-ups N] [--rounds N]`` (from the repository root).

A committee (a coordinator and a member, a linked group) gets N open follow-ups through the
bot's own repository (due over the next 60 days, one in ten undated). Then, on the bot's
clock of Monday 23 November 2026 at 9:00 in Québec:

- /suivis in private, ``--rounds`` times: the reply latency (from the sandbox handing the
  update out to the reply received, as in bench/latency.py), the number of messages it
  takes (one: the first page), the number of pages, and the largest page (characters, and
  buttons) against Telegram's 4,096 characters and 100 buttons;
- « Suivants » pressed through every page: the latency of each page (the edit received);
- the weekly digest at 10:00: from the wake-up to the first page in the group, and its pages.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import telegram

from bench.latency import WARMUP, Recorder, p99
from bot.app import build_application, services_of, start_embedded, stop_embedded
from bot.config import load_settings
from bot.context import BotContext
from bot.scheduler import wakeups_of
from bot.storage.decisions import FollowUpDraft
from sandbox import BotMessage, SandboxServer

QUEBEC = ZoneInfo("America/Toronto")
START = datetime(2026, 11, 23, 9, 0, tzinfo=QUEBEC)  # a Monday: the digest is at 10:00
NEXT = "Suivants ▶"
PAGE_LINE = re.compile(r"Page (\d+) sur (\d+)")


def _ms(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1000:.1f} ms, p99 {p99(samples) * 1000:.1f} ms"
        f" (n={len(samples)})"
    )


async def bench(count: int, rounds: int, workdir: Path) -> list[tuple[str, str]]:
    recorder = Recorder(0.035)
    rows: list[tuple[str, str]] = []
    async with SandboxServer() as server:
        recorder.attach(server)
        env = {
            "BOT_TOKEN": server.token,
            "TELEGRAM_BASE_URL": server.base_url,
            "DATABASE_PATH": str(workdir / "followups.sqlite3"),
        }
        app = build_application(load_settings(env))
        services = services_of(app)
        moment = [START.astimezone(UTC)]
        services.clock = lambda: moment[0]
        await start_embedded(app, poll_timeout=1)
        try:
            world = server.world
            # Paul has no Telegram: the committee names him, as a person without the app.
            marie = world.add_user("Marie")
            chat = marie.private_chat
            await marie.send("/start new")
            await chat.next_bot_message()
            await marie.send("Association des locataires des Pins")
            kind = await chat.next_bot_message()
            await marie.press(kind, "Association de locataires")
            await chat.next_edit(kind)
            await marie.send("Office municipal d'habitation de Québec")
            await chat.next_bot_message()
            group = world.add_group("Locataires des Pins", creator=marie)
            await group.add_bot(by=marie)
            await group.next_bot_message()
            await marie.send("/start", chat=group)
            await group.next_bot_message()
            await world.wait_idle()
            recorder.take_all()
            [membership] = await services.storage.committees.memberships_of(marie.id)
            started = time.perf_counter()
            for n in range(1, count + 1):
                due = None if n % 10 == 0 else date(2026, 11, 24) + timedelta(days=n % 60)
                await services.storage.follow_ups.create(
                    membership.committee.id,
                    FollowUpDraft(
                        text=f"Demander à l'office de vérifier la fenêtre du logement {n}",
                        responsible_id=None if n % 3 else marie.id,
                        responsible_name="Paul" if n % 3 else "Marie",
                        due_date=due,
                        due_time=None,
                    ),
                    created_by=marie.id,
                )
            rows.append(
                ("open follow-ups", f"{count:,} (stored in {time.perf_counter() - started:.1f} s)")
            )

            replies: list[float] = []
            messages: list[int] = []
            first: BotMessage | None = None
            for i in range(WARMUP + rounds):
                known = len(chat.messages)
                await marie.send("/suivis")
                first = await chat.next_bot_message()
                await world.wait_idle()
                messages.append(len(chat.messages) - known)
                chat.pending_bot_messages()
                latency = await recorder.take(marie.id)
                if i >= WARMUP:
                    replies.append(latency)
            assert first is not None
            rows.append(("/suivis reply", _ms(replies)))
            rows.append(
                ("messages per /suivis", f"{max(messages)} (was one per 4,096 characters)")
            )

            turns: list[float] = []
            pages = [first]
            page = first
            while NEXT in page.button_texts:
                await marie.press(page, NEXT)
                page = await chat.next_edit(page)
                pages.append(page)
                turns.append(await recorder.take(marie.id))
            rows.append(("pages", f"{len(pages)}"))
            rows.append(("« Suivants » (an edit)", _ms(turns)))
            rows += _limits(pages)

            moment[0] = datetime(2026, 11, 23, 10, 0, tzinfo=QUEBEC).astimezone(UTC)
            started = time.perf_counter()
            await wakeups_of(app).run_due(BotContext(app))
            digest = await group.next_bot_message()
            posted = time.perf_counter() - started
            found = PAGE_LINE.search(digest.plain_text)
            rows.append(
                (
                    "weekly digest",
                    f"{posted * 1000:.0f} ms from the wake-up to page 1 of "
                    f"{found[2] if found else 1} in the group, one message",
                )
            )
        finally:
            await stop_embedded(app)
    return rows


def _limits(pages: list[BotMessage]) -> list[tuple[str, str]]:
    longest = max(len(page.plain_text) for page in pages)
    buttons = max(len(page.button_texts) for page in pages)
    return [
        ("largest page", f"{longest:,} characters (limit 4,096), {buttons} buttons (limit 100)")
    ]


async def main(count: int, rounds: int) -> None:
    print(f"Python {platform.python_version()}, python-telegram-bot {telegram.__version__}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="comite-bench-") as name:
        rows = await bench(count, rounds, Path(name))
    width = max(len(label) for label, _ in rows)
    print(f"/suivis and the weekly digest, {count:,} open follow-ups in one committee")
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value}")
    print(f"  (took {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--follow-ups", type=int, default=1000, help="open follow-ups")
    parser.add_argument("--rounds", type=int, default=30, help="/suivis rounds, counted")
    arguments = parser.parse_args()
    if arguments.follow_ups < 1 or arguments.rounds < 1:
        parser.error("sizes must be at least 1")
    asyncio.run(main(arguments.follow_ups, arguments.rounds))
