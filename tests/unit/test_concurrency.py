"""The update processor: chats side by side, each chat in order, a bounded number at work."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.error import RetryAfter

from bot.concurrency import ChatOrderedProcessor, turn_key
from bot.ratelimit import CommitteeRateLimiter

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
_ids = iter(range(1, 10_000))


def message_in(chat_id: int) -> Update:
    chat = Chat(id=chat_id, type=Chat.PRIVATE if chat_id > 0 else Chat.SUPERGROUP)
    return Update(next(_ids), message=Message(next(_ids), NOW, chat, text="/aide"))


class Recorder:
    """Handlers that note when they start and end, and wait for the test to let them end."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.ended: list[str] = []
        self.gates: dict[str, asyncio.Event] = {}

    async def handle(self, name: str) -> None:
        self.started.append(name)
        gate = self.gates.setdefault(name, asyncio.Event())
        await gate.wait()
        self.ended.append(name)

    def release(self, name: str) -> None:
        self.gates.setdefault(name, asyncio.Event()).set()


def submit(
    processor: ChatOrderedProcessor, update: Update, work: Recorder, name: str
) -> asyncio.Task[None]:
    # As PTB does: one task per update, started in the order Telegram delivered them.
    return asyncio.create_task(processor.process_update(update, work.handle(name)))


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_an_update_waits_in_its_chat_or_else_its_persons_queue() -> None:
    assert turn_key(message_in(-100123)) == -100123
    person = User(42, "Rita", is_bot=False)
    inline_press = Update(
        1, callback_query=CallbackQuery("q", person, "ci", inline_message_id="m")
    )
    assert turn_key(inline_press) == 42
    assert turn_key(object()) is None


async def test_one_chat_in_order_while_another_goes_ahead() -> None:
    processor = ChatOrderedProcessor(max_working=8)
    work = Recorder()
    group, private = -100_1, 7
    tasks = [submit(processor, message_in(group), work, f"group {n}") for n in range(3)]
    tasks.append(submit(processor, message_in(private), work, "private"))
    await settle()
    # The group's first update is stuck (a flood wait, say): its next ones wait their turn,
    # the private chat does not.
    assert work.started == ["group 0", "private"]
    work.release("private")
    await settle()
    assert work.ended == ["private"]
    for n in range(3):
        work.release(f"group {n}")
    await asyncio.gather(*tasks)
    assert work.ended == ["private", "group 0", "group 1", "group 2"]
    assert processor.chats_waiting == 0


async def test_at_most_max_working_and_a_waiting_queue_takes_no_slot() -> None:
    processor = ChatOrderedProcessor(max_working=2)
    work = Recorder()
    # Twenty updates of one group queue behind its first: they hold no working slot.
    tasks = [submit(processor, message_in(-100_2), work, f"group {n}") for n in range(20)]
    tasks += [submit(processor, message_in(chat), work, f"chat {chat}") for chat in (1, 2)]
    await settle()
    assert work.started == ["group 0", "chat 1"]  # two slots: the third chat waits
    work.release("chat 1")
    await settle()
    assert work.started == ["group 0", "chat 1", "chat 2"]
    for name in ["chat 2", *(f"group {n}" for n in range(20))]:
        work.release(name)
    await asyncio.gather(*tasks)
    assert work.ended[2:] == [f"group {n}" for n in range(20)]


async def test_a_flood_wait_in_one_chat_pauses_that_chat_only() -> None:
    limiter = CommitteeRateLimiter(max_retries=2)
    attempts: list[int] = []
    sent: list[int] = []

    async def send(chat_id: int) -> bool:
        attempts.append(chat_id)
        if chat_id < 0 and attempts.count(chat_id) == 1:
            raise RetryAfter(timedelta(seconds=0.3))
        sent.append(chat_id)
        return True

    async def request(chat_id: int) -> object:
        return await limiter.process_request(
            send, (chat_id,), {}, "sendMessage", {"chat_id": chat_id}, None
        )

    group = asyncio.create_task(request(-100_3))
    await settle()
    assert attempts == [-100_3] and sent == []  # the group is told to wait
    # Another chat is served at once, and so is a second message to it.
    await request(5)
    await request(5)
    assert sent == [5, 5] and not group.done()
    assert await group is True
    assert sent == [5, 5, -100_3]
