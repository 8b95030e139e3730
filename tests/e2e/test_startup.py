"""Starting the bot as the operator does (`python -m bot`): Telegram out of reach, or a token it
refuses. The operator reads one clear line, never a traceback, and never the token."""

from __future__ import annotations

import re
import socket
from pathlib import Path

from sandbox import ApiSpec, SandboxServer
from tests.e2e.harness import BotProcess

REFUSED_TOKEN = "987654321:REFUSED-token-that-telegram-does-not-know"
RETRY_LINE = r"Telegram est injoignable .*Nouvel essai dans (\d+)\ss"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def assert_clean(stderr: str, token: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert token not in stderr, stderr
    assert token.split(":", 1)[1] not in stderr, stderr


async def test_the_bot_waits_for_telegram_then_starts_when_it_answers(tmp_path: Path) -> None:
    port = free_port()
    sandbox = SandboxServer(spec=ApiSpec.find())
    bot = BotProcess(sandbox, tmp_path / "bot.sqlite3", base_url=f"http://127.0.0.1:{port}/bot")
    try:
        # Nothing answers on that port yet: the bot says so and tries again, waiting longer.
        await bot.launch()
        tries = await bot.wait_for_lines(RETRY_LINE, count=2)
        pauses = [int(match[1]) for line in tries if (match := re.search(RETRY_LINE, line))]
        assert len(pauses) == 2 and pauses[0] < pauses[1], tries

        # Telegram is back: the bot starts and answers.
        await sandbox.start(port=port)
        await bot.wait_polling()
        rita = sandbox.world.add_user("Rita")
        await rita.send("/aide")
        assert "Commandes" in (await rita.private_chat.next_bot_message()).plain_text
        assert await bot.stop() == 0
        assert_clean(bot.stderr, sandbox.token)
    finally:
        await bot.close()
        await sandbox.stop()
    assert sandbox.violations == []


async def test_a_token_telegram_refuses_stops_the_bot_with_a_clear_line(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    bot = BotProcess(sandbox, tmp_path / "bot.sqlite3", token=REFUSED_TOKEN)
    try:
        await bot.launch()
        code = await bot.exit_code()
        assert_clean(bot.stderr, REFUSED_TOKEN)
        assert "Telegram a refusé le jeton" in bot.stderr and "BOT_TOKEN" in bot.stderr
        assert code == 2  # a setting to fix, like the other configuration errors
    finally:
        await bot.close()
