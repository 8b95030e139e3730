"""A group flooding the bot holds up nobody else; each chat still gets its answers in order."""

from __future__ import annotations

import re
from pathlib import Path

from bot.ratelimit import CommitteeRateLimiter
from sandbox import ApiSpec, FloodControl, SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, linked_group

# Telegram allows a bot 20 messages a minute in one group. Here that minute lasts two
# seconds, for the sandbox and the bot alike: the flood meets Telegram's wait, and drains
# quickly at the end of the test.
GROUP_MINUTE = 2.0
FLOOD = 40
DECISION_NUMBER = re.compile(r"\bD-(\d+)\b")


async def test_a_private_question_is_answered_while_a_flooding_group_waits(
    tmp_path: Path,
) -> None:
    async with SandboxServer(spec=ApiSpec.find()) as sandbox:
        bot = BotHarness(
            sandbox,
            tmp_path / "bot.sqlite3",
            rate_limiter=CommitteeRateLimiter(max_retries=3, group_period=GROUP_MINUTE),
        )
        await bot.start()
        try:
            marie, [] = await committee_with_members(sandbox.world, "Marie")
            group = await linked_group(sandbox.world, marie, "Locataires des Pins")
            rita = sandbox.world.add_user("Rita")
            sandbox.flood = FloodControl(group_window=GROUP_MINUTE)
            sandbox.rate_limits = True

            # The group logs 40 decisions in a burst: more than Telegram lets the bot post.
            for n in range(1, FLOOD + 1):
                await marie.send(f"/decision Point numéro {n} de la réunion.", chat=group)
            # Telegram has told the bot to wait before writing in that group again.
            assert await sandbox.world.signal.wait_for(lambda: sandbox.flood_errors > 0, 10)

            # Meanwhile Rita asks for help in private: her answer does not wait for the group.
            await rita.send("/aide")
            help_text = await rita.private_chat.next_bot_message(timeout=10)
            assert "Commandes" in help_text.plain_text
            answered_in_group = len(group.pending_bot_messages())
            assert answered_in_group < FLOOD, (
                f"Rita's answer came after all {FLOOD} answers of the flooding group"
            )

            # The group gets every answer, in the order its decisions were typed.
            answers = [await group.next_bot_message(timeout=20) for _ in range(FLOOD)]
            numbers = [DECISION_NUMBER.findall(answer.plain_text) for answer in answers]
            assert numbers == [[str(n)] for n in range(1, FLOOD + 1)]
            for n, answer in enumerate(answers, start=1):
                assert f"Point numéro {n} de la réunion." in answer.plain_text
            stored = await bot.storage.db.fetch_all("SELECT number, text FROM decisions")
            assert sorted((row["number"], row["text"]) for row in stored) == [
                (n, f"Point numéro {n} de la réunion.") for n in range(1, FLOOD + 1)
            ]
        finally:
            await bot.stop()
        assert sandbox.violations == []
