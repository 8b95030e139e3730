"""The sandbox's forums (topics) and the upgrade of a basic group to a supergroup, driven by a
real python-telegram-bot Bot over HTTP, every call checked against api.json."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from telegram import Bot, Update
from telegram.error import BadRequest, ChatMigrated

from sandbox import ApiSpec, SandboxError, SandboxServer


@pytest_asyncio.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(spec=ApiSpec.find()) as server:
        yield server
        assert server.violations == []


@pytest_asyncio.fixture
async def bot(server: SandboxServer) -> AsyncIterator[Bot]:
    async with Bot(server.token, base_url=server.base_url) as bot:
        yield bot


async def drain(bot: Bot) -> list[Update]:
    updates = list(await bot.get_updates(timeout=0))
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    return updates


async def test_a_forum_tells_each_message_its_topic(server: SandboxServer, bot: Bot) -> None:
    alice = server.world.add_user("Alice")
    group = server.world.add_group("Locataires", creator=alice, forum=True)
    await group.add_bot(by=alice)
    await drain(bot)

    meetings = await group.create_topic("Réunions", by=alice)
    [created] = [u.message for u in await drain(bot) if u.message]
    assert created.chat.is_forum
    assert created.forum_topic_created is not None
    assert created.forum_topic_created.name == "Réunions"
    assert created.message_thread_id == created.message_id == meetings.id

    await alice.send("/aide", topic=meetings)
    [typed] = [u.message for u in await drain(bot) if u.message]
    assert typed.is_topic_message and typed.message_thread_id == meetings.id
    # A message of a topic answers the topic's first message: the name is always at hand.
    assert typed.reply_to_message is not None
    assert typed.reply_to_message.forum_topic_created is not None
    assert typed.reply_to_message.forum_topic_created.name == "Réunions"
    await alice.send("/aide", chat=group)  # « General »: no thread
    [general] = [u.message for u in await drain(bot) if u.message]
    assert general.message_thread_id is None and not general.is_topic_message

    sent = await bot.send_message(group.id, "Ici", message_thread_id=meetings.id)
    assert sent.message_thread_id == meetings.id and sent.is_topic_message
    await bot.send_message(group.id, "Dans Général")
    assert [m.plain_text for m in meetings.messages] == ["Ici"]
    assert [m.plain_text for m in group.general.messages] == ["Dans Général"]
    assert (await meetings.next_bot_message()).plain_text == "Ici"
    assert meetings.pending_bot_messages() == []

    # A reply to the bot's message stays in its topic.
    await alice.send("D'accord", chat=group, reply_to=meetings.messages[0])
    [reply] = [u.message for u in await drain(bot) if u.message]
    assert reply.message_thread_id == meetings.id

    with pytest.raises(BadRequest, match="thread not found"):
        await bot.send_message(group.id, "Ailleurs", message_thread_id=9999)
    plain = server.world.add_group("Sans sujets", creator=alice)
    with pytest.raises(SandboxError):
        await plain.create_topic("Réunions", by=alice)


async def test_an_upgraded_group_answers_with_its_new_id(server: SandboxServer, bot: Bot) -> None:
    alice = server.world.add_user("Alice")
    bob = server.world.add_user("Bob")
    group = server.world.add_group("Locataires", creator=alice, kind="group")
    assert group.type == "group" and not str(group.id).startswith("-100")
    await group.add_member(bob)
    await group.add_bot(by=alice)
    await drain(bot)
    old = await bot.send_message(group.id, "Avant")

    with pytest.raises(SandboxError):
        await group.upgrade(by=bob)  # only its creator
    supergroup = await group.upgrade(by=alice)
    assert supergroup.type == "supergroup" and str(supergroup.id).startswith("-100")
    assert supergroup.is_member(bob) and supergroup.bot_can_read()
    told = [u.message for u in await drain(bot) if u.message]
    assert [(m.chat.id, m.migrate_to_chat_id, m.migrate_from_chat_id) for m in told] == [
        (group.id, supergroup.id, None),
        (supergroup.id, None, group.id),
    ]

    with pytest.raises(ChatMigrated) as refused:
        await bot.send_message(group.id, "Après")
    assert refused.value.new_chat_id == supergroup.id
    with pytest.raises(ChatMigrated):
        await bot.edit_message_text("Corrigé", chat_id=group.id, message_id=old.message_id)
    # The supergroup counts its own messages: the old ones are not there to edit.
    with pytest.raises(BadRequest):
        await bot.pin_chat_message(supergroup.id, old.message_id)
    await bot.send_message(supergroup.id, "Après")
    assert (await supergroup.next_bot_message()).plain_text == "Après"
    with pytest.raises(SandboxError):
        await alice.send("Encore là ?", chat=group)

    # Missed news: no service message reaches the bot, only the refusal tells it.
    quiet = server.world.add_group("Comité", creator=alice, kind="group")
    await quiet.add_bot(by=alice)
    await drain(bot)
    moved = await quiet.upgrade(by=alice, tell_bot=False)
    assert await drain(bot) == []
    with pytest.raises(ChatMigrated) as refused:
        await bot.send_message(quiet.id, "Rappel")
    assert refused.value.new_chat_id == moved.id
