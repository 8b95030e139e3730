"""Channels in the sandbox, driven by a real python-telegram-bot Bot over HTTP, as on Telegram:
only an administrator bot with the right to post may post; getChat takes an @username."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from telegram import Bot, ChatMemberAdministrator, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from sandbox import ApiSpec, SandboxError, SandboxServer

BOT_ID = 123456789


@pytest_asyncio.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(spec=ApiSpec.find()) as server:
        yield server
        assert server.violations == []


@pytest_asyncio.fixture
async def bot(server: SandboxServer) -> AsyncIterator[Bot]:
    async with Bot(server.token, base_url=server.base_url) as bot:
        yield bot


async def test_a_bot_posts_in_a_channel_only_as_an_administrator_allowed_to_post(
    server: SandboxServer, bot: Bot
) -> None:
    marie = server.world.add_user("Marie")
    channel = server.world.add_channel("Résidents des Pins", creator=marie, username="pins_res")
    with pytest.raises(Forbidden):
        await bot.send_message("@pins_res", "Bonjour")
    await channel.add_bot(by=marie, can_post_messages=False)
    with pytest.raises(BadRequest, match=r"(?i)administrator rights"):
        await bot.send_message(channel.id, "Bonjour")
    await channel.add_bot(by=marie)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Écrire", url="https://t.me/x")]])
    sent = await bot.send_message("@pins_res", "Bonjour les voisins", reply_markup=keyboard)
    assert sent.chat.type == "channel" and sent.sender_chat is not None
    assert sent.from_user is None  # signed by the channel
    post = await channel.next_bot_message()
    assert post.plain_text == "Bonjour les voisins" and post.url_for("Écrire") == "https://t.me/x"


async def test_get_chat_and_members_of_a_channel(server: SandboxServer, bot: Bot) -> None:
    marie = server.world.add_user("Marie")
    paul = server.world.add_user("Paul")
    channel = server.world.add_channel("Résidents", creator=marie, username="residents_x")
    private = server.world.add_channel("Privé", creator=marie)
    info = await bot.get_chat("@residents_x")  # public: found by its name
    assert (info.id, info.type, info.username) == (channel.id, "channel", "residents_x")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.get_chat(private.id)  # private, and the bot is not in it
    with pytest.raises(BadRequest, match=r"(?i)inaccessible"):
        await bot.get_chat_member(channel.id, marie.id)
    assert (await bot.get_chat_member(channel.id, BOT_ID)).status == "left"

    await channel.add_bot(by=marie)
    me = await bot.get_chat_member(channel.id, BOT_ID)
    assert isinstance(me, ChatMemberAdministrator) and me.can_post_messages
    assert (await bot.get_chat_member(channel.id, marie.id)).status == "creator"
    channel.subscribe(paul)
    assert (await bot.get_chat_member(channel.id, paul.id)).status == "member"
    admins = await bot.get_chat_administrators(channel.id)
    assert {a.user.id for a in admins} == {marie.id, BOT_ID}


async def test_the_bot_hears_of_its_status_and_of_posts_when_administrator(
    server: SandboxServer, bot: Bot
) -> None:
    marie = server.world.add_user("Marie")
    channel = server.world.add_channel("Résidents", creator=marie)
    await channel.post("Avant", by=marie)  # the bot is not there yet: nothing
    await channel.add_bot(by=marie)
    await channel.post("Réunion jeudi", by=marie)
    updates = await bot.get_updates(timeout=0, allowed_updates=[])
    change = updates[0].my_chat_member
    assert change is not None and change.chat.type == "channel"
    assert change.from_user.id == marie.id and change.new_chat_member.status == "administrator"
    post = updates[1].channel_post
    assert post is not None and post.text == "Réunion jeudi" and len(updates) == 2


async def test_a_person_picks_their_telegram_id(server: SandboxServer) -> None:
    ginette = server.world.add_user("Ginette", user_id=7_744_120_956)
    assert ginette.id == 7_744_120_956
    with pytest.raises(SandboxError, match="taken"):
        server.world.add_user("Autre", user_id=7_744_120_956)
