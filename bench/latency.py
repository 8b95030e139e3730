"""Reply latency of the bot through the sandbox, next to a bare PTB echo bot as the floor.

Usage: ``python bench/latency.py [--rounds N] [--gap-ms MS] [--flood-seconds S]`` (from the
repository root).

Latency: from the moment the sandbox hands an update to the bot in a getUpdates response to
the moment it receives the bot's reply (sendMessage or editMessageText), for ``/aide``, each
step of the committee wizard (a new person each round) and the four steps' sum per round (the
person's typing is not counted), against a bare PTB echo bot (no persistence, no rate
limiter) as the floor. Each bot runs alone on its own SandboxServer, after WARMUP uncounted
rounds. The p99 is nearest-rank (the maximum below 100 samples).

Timestamps: the sandbox records none and is not edited for this; the script hooks two public
attributes of each server. ``server.api.handlers["getUpdates"]`` is wrapped to stamp each
update it returns with ``time.perf_counter()`` (first hand-out only: an update the bot has not
confirmed yet is handed out again). ``server.calls``, which every request is appended to as
soon as its body is decoded, becomes a list that stamps sendMessage/editMessageText on append.
A reply is paired with the last update handed out for its chat before it; later replies to
that update are ignored. So the latency covers PTB's HTTP round trips, the bot's handlers,
database, persistence and rate limiter, and the sandbox's encoding/decoding of both messages.

Flood: then, on a sandbox with Telegram's flood limits on (20 messages a minute in a group,
one a second in a private chat, 30 a second overall), one group sends a command every 1.5 s
(40 a minute, twice what the bot may answer there) for ``--flood-seconds`` (default 60, 0
skips), while five people in private (each waiting 1.2 s after their answer) and a quiet
group (every 4 s) send /aide. Printed: the p99 of their reply latency, from the person's send
to the answer in the sandbox (target: under 1 s), and how the flooding group fared (its
answers come at Telegram's pace; the last one after the flood has drained).

Pacing: the bot's rate limiter allows 30 requests a second overall (after a burst of 30);
back-to-back rounds would exceed that and mostly measure its wait (about 33 ms a reply). So
for both bots, each user action comes ``--gap-ms`` (default 35) after the previous reply,
outside the measured spans; ``--gap-ms 0`` shows the saturated figures.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# Run as a script, only bench/ is on sys.path; the repository root must win over any
# installed copy so that this checkout's bot is the one measured.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import telegram
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build_application, start_embedded, stop_embedded
from bot.config import load_settings
from sandbox import RecordedCall, SandboxChat, SandboxServer, SandboxUser
from sandbox.params import Params

REPLY_METHODS = frozenset({"sendMessage", "editMessageText"})
WARMUP = 5
WIZARD_STEPS = ("wizard: /start new", "wizard: name", "wizard: kind (edit)", "wizard: office")
WIZARD_TOTAL = "wizard total (4 replies)"


class Recorder:
    """Hand-out and receipt times per chat, paired into latencies by the driver."""

    def __init__(self, gap: float) -> None:
        self._gap = gap
        self._seen: set[int] = set()
        self._events: defaultdict[int, list[tuple[bool, float]]] = defaultdict(list)

    def attach(self, server: SandboxServer) -> None:
        poll = server.api.handlers["getUpdates"]

        async def timed_poll(params: Params) -> object:
            updates = await poll(params)
            now = time.perf_counter()
            for update in updates if isinstance(updates, list) else []:
                if isinstance(update, dict) and update["update_id"] not in self._seen:
                    self._seen.add(update["update_id"])
                    chat_id = _chat_of(update)
                    if chat_id is not None:
                        self._events[chat_id].append((True, now))
            return updates

        server.api.handlers["getUpdates"] = timed_poll
        server.calls = _TimedCalls(self)

    def replied(self, chat_id: int, at: float) -> None:
        self._events[chat_id].append((False, at))

    async def take(self, chat_id: int) -> float:
        """The latency of the one update of ``chat_id`` since the last take, then the gap."""
        latencies: list[float] = []
        trigger: float | None = None
        for is_update, at in self._events.pop(chat_id, []):
            if is_update:
                trigger = at
            elif trigger is not None:
                latencies.append(at - trigger)
                trigger = None
        if len(latencies) != 1:
            raise RuntimeError(f"expected one update/reply pair in chat {chat_id}: {latencies}")
        await asyncio.sleep(self._gap)  # spares the rate limiter: see "Pacing" above
        return latencies[0]


class _TimedCalls(list[RecordedCall]):
    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self._recorder = recorder

    def append(self, call: RecordedCall) -> None:
        now = time.perf_counter()  # first: the stamp must not include our own bookkeeping
        super().append(call)
        chat_id = call.params.get("chat_id")
        if call.method in REPLY_METHODS and chat_id is not None:
            self._recorder.replied(int(str(chat_id)), now)


def _chat_of(update: dict[str, object]) -> int | None:
    """The chat of a message or callback-query update (the others are not benchmarked)."""
    for key, payload in update.items():
        if key == "update_id" or not isinstance(payload, dict):
            continue
        message = payload.get("message", payload)
        chat = message.get("chat") if isinstance(message, dict) else None
        if isinstance(chat, dict):
            return int(chat["id"])
    return None


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message is not None and update.message.text is not None:
        await update.message.reply_text(update.message.text)


async def _repeat(
    server: SandboxServer, recorder: Recorder, text: str, rounds: int
) -> list[float]:
    """Latencies of one person sending ``text`` again and again, warm-up rounds dropped."""
    user = server.world.add_user("Marie")
    samples: list[float] = []
    for i in range(WARMUP + rounds):
        await user.send(text.format(i))
        await user.private_chat.next_bot_message()
        samples.append(await recorder.take(user.id))
    return samples[WARMUP:]


async def bench_echo(rounds: int, gap: float) -> list[float]:
    recorder = Recorder(gap)
    async with SandboxServer() as server:
        recorder.attach(server)
        app = ApplicationBuilder().token(server.token).base_url(server.base_url).build()
        app.add_handler(MessageHandler(filters.TEXT, _echo))
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            return await _repeat(server, recorder, "Bonjour {}", rounds)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()


async def bench_bot(rounds: int, gap: float, workdir: Path) -> dict[str, list[float]]:
    recorder = Recorder(gap)
    samples: dict[str, list[float]] = defaultdict(list)
    async with SandboxServer() as server:
        recorder.attach(server)
        env = {
            "BOT_TOKEN": server.token,
            "TELEGRAM_BASE_URL": server.base_url,
            "DATABASE_PATH": str(workdir / "bench.sqlite3"),
        }
        app = build_application(load_settings(env))
        await start_embedded(app, poll_timeout=1)
        try:
            samples["/aide"] = await _repeat(server, recorder, "/aide", rounds)
            for i in range(WARMUP + rounds):
                steps = await _wizard_round(server, recorder, i)
                if i >= WARMUP:
                    for label, latency in zip(WIZARD_STEPS, steps, strict=True):
                        samples[label].append(latency)
                    samples[WIZARD_TOTAL].append(sum(steps))
        finally:
            await stop_embedded(app)
    return samples


async def _wizard_round(server: SandboxServer, recorder: Recorder, i: int) -> list[float]:
    user = server.world.add_user(f"Personne {i}")
    chat = user.private_chat
    steps: list[float] = []
    await user.send("/start new")
    await chat.next_bot_message()
    steps.append(await recorder.take(user.id))
    await user.send(f"Association des locataires no {i}")
    kind_question = await chat.next_bot_message()
    steps.append(await recorder.take(user.id))
    await user.press(kind_question, "Association de locataires")
    await chat.next_edit(kind_question)
    steps.append(await recorder.take(user.id))
    await user.send("Office municipal d'habitation de Québec")
    done = await chat.next_bot_message()
    steps.append(await recorder.take(user.id))
    if "C'est fait" not in done.plain_text:
        raise RuntimeError(f"the wizard did not finish: {done.plain_text!r}")
    return steps


FLOOD_EVERY = 1.5  # seconds: 40 commands a minute
PRIVATE_PAUSE = 1.2  # Telegram asks for at most one message a second in a private chat
QUIET_GROUP_EVERY = 4.0
FLOOD_PEOPLE = 5


@dataclass
class FloodResult:
    seconds: float
    others: list[float]
    flood_commands: int
    flood_answers: int
    answered_during_flood: int
    drained_after: float
    flood_waits: int


async def bench_flood(seconds: float, workdir: Path) -> FloodResult:
    """Reply latency in the other chats while one group floods the bot (see the doc)."""
    async with SandboxServer(rate_limits=True) as server:
        env = {
            "BOT_TOKEN": server.token,
            "TELEGRAM_BASE_URL": server.base_url,
            "DATABASE_PATH": str(workdir / "flood.sqlite3"),
        }
        app = build_application(load_settings(env))
        await start_embedded(app, poll_timeout=1)
        world = server.world
        try:
            flooder = world.add_user("Marie")
            flooding = world.add_group("Le groupe qui inonde", creator=flooder)
            neighbour = world.add_user("Jean")
            quiet = world.add_group("Le groupe tranquille", creator=neighbour)
            for group, creator in ((flooding, flooder), (quiet, neighbour)):
                await group.add_bot(by=creator)
                await group.next_bot_message()
            people = [world.add_user(f"Personne {n}") for n in range(FLOOD_PEOPLE)]
            others: list[float] = []
            loop = asyncio.get_running_loop()
            end = loop.time() + seconds

            async def ask(user: SandboxUser, chat: SandboxChat, pause: float) -> None:
                while loop.time() < end:
                    sent = time.perf_counter()
                    await user.send("/aide", chat=chat)
                    await chat.next_bot_message(timeout=120)
                    others.append(time.perf_counter() - sent)
                    await asyncio.sleep(pause)

            async def flood() -> int:
                sent = 0
                while loop.time() < end:
                    await flooder.send("/aide", chat=flooding)
                    sent += 1
                    await asyncio.sleep(FLOOD_EVERY)
                return sent

            askers = [ask(person, person.private_chat, PRIVATE_PAUSE) for person in people]
            askers.append(ask(neighbour, quiet, QUIET_GROUP_EVERY))
            flooding_task = asyncio.create_task(flood())
            await asyncio.gather(*askers)
            commands = await flooding_task
            answered_during_flood = len(flooding.pending_bot_messages())
            flood_over = time.perf_counter()
            await world.signal.wait_for(
                lambda: len(flooding.pending_bot_messages()) >= commands, 600
            )
            drained_after = time.perf_counter() - flood_over
            return FloodResult(
                seconds=seconds,
                others=others,
                flood_commands=commands,
                flood_answers=len(flooding.pending_bot_messages()),
                answered_during_flood=answered_during_flood,
                drained_after=drained_after,
                flood_waits=server.flood_errors,
            )
        finally:
            await stop_embedded(app)


def flood_report(result: FloodResult) -> str:
    others = result.others
    return "\n".join(
        [
            f"flood: one group at 40 commands a minute for {result.seconds:.0f} s, Telegram's "
            "limits on",
            f"  other chats ({FLOOD_PEOPLE} private, 1 group)  n={len(others)}  "
            f"median {statistics.median(others) * 1000:.0f} ms  "
            f"p99 {_p99(others) * 1000:.0f} ms  max {max(others) * 1000:.0f} ms  "
            "(target p99 < 1000 ms)",
            f"  the flooding group: {result.flood_answers} of {result.flood_commands} answered, "
            f"{result.answered_during_flood} during the flood, the last "
            f"{result.drained_after:.1f} s after it; {result.flood_waits} flood waits (429)",
        ]
    )


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(math.ceil(0.99 * len(ordered)) - 1, 0)]


def report(
    echo: list[float], bot: dict[str, list[float]], rounds: int, gap: float, elapsed: float
) -> str:
    floor_median, floor_p99 = statistics.median(echo), _p99(echo)
    header = ("case", "n", "median ms", "p99 ms", "x echo median", "x echo p99")
    rows: list[tuple[str, ...]] = [header]
    for label, samples in [("echo bot (floor)", echo), *bot.items()]:
        # The wizard total waits for four replies, so its floor is four echo replies.
        replies = 4 if label == WIZARD_TOTAL else 1
        median, p99 = statistics.median(samples), _p99(samples)
        ratios = (median / (replies * floor_median), p99 / (replies * floor_p99))
        figures = (median * 1000, p99 * 1000, *ratios)
        rows.append((label, str(len(samples)), *(f"{figure:.2f}" for figure in figures)))
    widths = [max(len(row[col]) for row in rows) for col in range(len(header))]
    lines = [
        f"Python {platform.python_version()}, python-telegram-bot {telegram.__version__}",
        f"{rounds} rounds per case after {WARMUP} warm-up rounds, {gap * 1000:.0f} ms pause "
        "after each reply",
        "latency = getUpdates hand-out -> reply received by the sandbox",
        "",
    ]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
    lines += ["", "(wizard total ratios are against 4 echo replies)", f"took {elapsed:.1f} s"]
    return "\n".join(lines)


async def main(rounds: int, gap: float, flood_seconds: float) -> None:
    started = time.perf_counter()
    echo = await bench_echo(rounds, gap)
    with tempfile.TemporaryDirectory(prefix="comite-bench-") as workdir:
        bot = await bench_bot(rounds, gap, Path(workdir))
        print(report(echo, bot, rounds, gap, time.perf_counter() - started), flush=True)
        if flood_seconds > 0:
            started = time.perf_counter()
            flood = await bench_flood(flood_seconds, Path(workdir))
            print("\n" + flood_report(flood))
            print(f"took {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=200, help="counted rounds per case")
    parser.add_argument(
        "--gap-ms", type=float, default=35.0, help="pause between a reply and the next user action"
    )
    parser.add_argument(
        "--flood-seconds", type=float, default=60.0, help="length of the flood (0: skip it)"
    )
    arguments = parser.parse_args()
    if arguments.rounds < 1 or arguments.gap_ms < 0 or arguments.flood_seconds < 0:
        parser.error("--rounds must be at least 1, --gap-ms and --flood-seconds not negative")
    asyncio.run(main(arguments.rounds, arguments.gap_ms / 1000, arguments.flood_seconds))
