"""Webhook mode: Telegram posts updates to the bot, which checks the secret on every request."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest_asyncio

from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.ops import WEBHOOK_SECRET, BotProcess, WebhookHarness, free_port, webhook_env


@pytest_asyncio.fixture
async def webhook_bot(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[WebhookHarness]:
    harness = WebhookHarness(sandbox, tmp_path / "bot.sqlite3")
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()


async def test_the_bot_registers_its_webhook_with_the_secret_and_answers_through_it(
    sandbox: SandboxServer, webhook_bot: WebhookHarness
) -> None:
    [registration] = sandbox.calls_to("setWebhook")
    assert registration.params["url"] == webhook_bot.url
    assert registration.params["secret_token"] == WEBHOOK_SECRET

    lucie = sandbox.world.add_user("Lucie")
    await lucie.send("/aide")
    assert "Commandes" in (await lucie.private_chat.next_bot_message()).plain_text
    assert [d.status for d in sandbox.webhook.deliveries] == [200]
    # Updates came by the webhook only.
    assert sandbox.calls_to("getUpdates") == []


async def test_a_request_without_the_secret_gets_403_and_reaches_no_handler(
    sandbox: SandboxServer, webhook_bot: WebhookHarness
) -> None:
    intruder = sandbox.world.add_user("Intrus")
    update = {
        "update_id": 999,
        "message": {
            "message_id": 1,
            "from": intruder.to_dict(),
            "chat": intruder.private_chat.to_dict(),
            "date": 1_800_000_000,
            "text": "/aide",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }
    intruder.started = True  # the bot could answer if the update got through
    sends_before = len(sandbox.calls_to("sendMessage"))
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}):
            async with session.post(webhook_bot.url, json=update, headers=headers) as response:
                assert response.status == 403
    await webhook_bot.settle()
    assert webhook_bot.application is not None
    assert webhook_bot.application.update_queue.empty()
    assert len(sandbox.calls_to("sendMessage")) == sends_before
    assert intruder.private_chat.pending_bot_messages() == []

    # The same update with the secret is taken: the refusal was the secret's doing.
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            webhook_bot.url,
            json=update,
            headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
        ) as response,
    ):
        assert response.status == 200
    assert "Commandes" in (await intruder.private_chat.next_bot_message()).plain_text


async def test_a_refused_delivery_is_shown_in_the_webhook_info_and_tried_again(
    sandbox: SandboxServer, webhook_bot: WebhookHarness
) -> None:
    """Telegram keeps an update until the webhook takes it: none is lost while the bot is down."""
    await webhook_bot.stop()
    rose = sandbox.world.add_user("Rose")
    await rose.send("/aide")
    await sandbox.world.signal.wait_for(lambda: sandbox.webhook.deliveries != [], 5)
    info = await sandbox.api.call("getWebhookInfo", {})
    assert isinstance(info, dict)
    assert info["pending_update_count"] == 1
    assert "Connection failed" in str(info["last_error_message"])

    await webhook_bot.start()
    assert "Commandes" in (await rose.private_chat.next_bot_message(timeout=10)).plain_text


async def test_the_health_endpoint_says_ok_while_the_bot_can_take_updates(
    webhook_bot: WebhookHarness,
) -> None:
    async with aiohttp.ClientSession() as session, session.get(webhook_bot.health_url) as answer:
        assert answer.status == 200
        body = json.loads(await answer.text())
    assert body == {
        "running": True,
        "receiving": True,
        "updates_waiting": 0,
        "database": True,
        "status": "ok",
    }


async def test_python_m_bot_runs_in_webhook_mode_and_stops_on_sigterm(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    port, health_port = free_port(), free_port()
    process = BotProcess(sandbox, tmp_path, **webhook_env(port, health_port))
    await process.start(ready="health endpoint")
    try:
        await sandbox.world.signal.wait_for(lambda: sandbox.world.webhook is not None, 10)
        assert sandbox.world.webhook is not None
        assert sandbox.world.webhook.url == f"http://127.0.0.1:{port}/telegram"
        leo = sandbox.world.add_user("Léo")
        await leo.send("/aide")
        assert "Commandes" in (await leo.private_chat.next_bot_message(timeout=10)).plain_text
        url = f"http://127.0.0.1:{health_port}/healthz"
        async with aiohttp.ClientSession() as session, session.get(url) as answer:
            assert answer.status == 200
    finally:
        code = await process.stop()
    assert code == 0, process.log
    assert WEBHOOK_SECRET not in process.log
    assert sandbox.token not in process.log


async def test_in_polling_mode_the_heartbeat_file_follows_each_answered_poll(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    heartbeat = bot.database_path.with_name("bot.heartbeat")
    assert await sandbox.world.signal.wait_for(heartbeat.exists, 5)
    first = heartbeat.stat().st_mtime_ns
    polls = len(sandbox.calls_to("getUpdates"))
    # The long poll returns every second here (every 10 s in production), updates or not.
    await sandbox.world.signal.wait_for(lambda: len(sandbox.calls_to("getUpdates")) > polls + 1, 5)
    assert heartbeat.stat().st_mtime_ns > first
