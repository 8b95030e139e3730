"""A failure inside the bot becomes a polite answer and a log line, never a traceback."""

from __future__ import annotations

import logging

import pytest
from telegram import Update
from telegram.ext import CommandHandler

from bot.context import BotContext
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness


async def broken_handler(update: Update, context: BotContext) -> None:
    raise ZeroDivisionError("a bug in a handler")


async def test_a_crashing_handler_gets_an_apology_in_the_persons_language(
    sandbox: SandboxServer, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    assert bot.application is not None
    # A feature handler with a bug, first in its group, standing for any future defect.
    bot.application.handlers[0].insert(0, CommandHandler("panne", broken_handler))
    caplog.set_level(logging.ERROR, logger="bot.errors")

    rita = sandbox.world.add_user("Rita")
    await rita.send("/panne")
    apology = await rita.private_chat.next_bot_message()
    assert "Désolé" in apology.plain_text
    assert "ZeroDivisionError" not in apology.plain_text
    assert "Traceback" not in apology.plain_text
    assert any("ZeroDivisionError" in (r.exc_text or "") or r.exc_info for r in caplog.records)

    sam = sandbox.world.add_user("Sam", language_code="en")
    await sam.send("/panne")
    assert "Sorry" in (await sam.private_chat.next_bot_message()).plain_text

    # The bot keeps working afterwards.
    await rita.send("/aide")
    assert "Commandes" in (await rita.private_chat.next_bot_message()).plain_text
