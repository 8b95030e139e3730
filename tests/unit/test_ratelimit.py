"""The rate limiter paces to Telegram's limits: no burst over a limit, replies first."""

from __future__ import annotations

import asyncio
import itertools

from bot.ratelimit import CommitteeRateLimiter, EvenPace, Window, paced

# A fast pace, so that the tests are short: 300 a second, with a margin scaled alike.
RATE = 300
MARGIN = 0.002


async def test_any_rate_turns_in_a_row_span_a_second_or_more_even_from_idle() -> None:
    pace = EvenPace(RATE, MARGIN)
    loop = asyncio.get_running_loop()
    moments: list[float] = []

    async def one() -> None:
        await pace.turn(urgent=True)
        moments.append(loop.time())

    await asyncio.gather(*(one() for _ in range(RATE + RATE // 5)))
    moments.sort()
    # Telegram counts any second: RATE turns in a row must not fit in one.
    spans = [moments[i + RATE] - moments[i] for i in range(len(moments) - RATE)]
    assert min(spans) >= 1.0


async def test_turns_are_spread_evenly_not_in_bursts() -> None:
    pace = EvenPace(30)  # Telegram's pace: one turn every 34 ms
    loop = asyncio.get_running_loop()
    moments: list[float] = []

    async def one() -> None:
        await pace.turn(urgent=False)
        moments.append(loop.time())

    await asyncio.gather(*(one() for _ in range(16)))
    moments.sort()
    gaps = sorted(b - a for a, b in itertools.pairwise(moments))
    spacing = 1.02 / 30
    # Never closer than half the spacing (catching up after a late turn), mostly the spacing.
    assert gaps[0] >= spacing / 2 - 1e-4
    assert gaps[len(gaps) // 2] >= spacing * 0.9


async def test_a_reply_waiting_goes_before_scheduled_sends() -> None:
    pace = EvenPace(RATE, MARGIN)
    order: list[str] = []

    async def one(name: str, urgent: bool) -> None:
        await pace.turn(urgent=urgent)
        order.append(name)

    later = [asyncio.create_task(one(f"reminder {n}", False)) for n in range(10)]
    await asyncio.sleep(0)
    await one("reply", True)
    await asyncio.gather(*later)
    # The first reminder had the free turn; the reply came next, before the other nine.
    assert order.index("reply") <= 1


def test_a_window_lets_count_through_then_waits_for_the_oldest() -> None:
    window = Window(3, 60.0)
    for moment in (0.0, 1.0, 2.0):
        assert window.free_at() <= moment
        window.took(moment)
    assert window.free_at() == 60.0
    window.took(60.0)
    assert window.free_at() == 61.0


async def test_scheduled_sends_to_one_person_are_a_pace_apart_counting_a_reply() -> None:
    limiter = CommitteeRateLimiter(private_period=0.2)
    loop = asyncio.get_running_loop()
    sent: list[tuple[str, float]] = []

    async def send(what: str) -> bool:
        sent.append((what, loop.time()))
        return True

    async def request(what: str) -> object:
        return await limiter.process_request(
            send, (what,), {}, "sendMessage", {"chat_id": 7}, None
        )

    await request("reply")  # a reply to the person: at once
    with paced():  # as the reminders to one person go: one after the other
        await request("reminder 1")
        await request("reminder 2")
    names = [what for what, _ in sent]
    moments = [moment for _, moment in sent]
    assert names == ["reply", "reminder 1", "reminder 2"]
    assert all(b - a >= 0.2 for a, b in itertools.pairwise(moments))


async def test_a_group_gets_its_count_then_waits_for_its_minute() -> None:
    limiter = CommitteeRateLimiter(group_rate=3, group_period=0.3)
    loop = asyncio.get_running_loop()
    moments: list[float] = []

    async def send() -> bool:
        moments.append(loop.time())
        return True

    for _ in range(4):
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": -100}, None)
    assert moments[2] - moments[0] < 0.3  # three at once (one pace apart)
    assert moments[3] - moments[0] >= 0.3  # the fourth waits for the first to leave the window
