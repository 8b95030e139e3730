"""Crashes at a moment the test chooses, for what depends on the bot's clock.

`BotAtMoment` is harness.BotProcess (the bot in its own process, killed with SIGKILL) with its
clock stopped at a given moment, so quiet hours and due dates do not depend on when the tests
run. `hold_sends_to` chooses the moment of the crash: the sandbox keeps the bot's next message
to a chat waiting, unanswered and undelivered, so the test knows the bot is exactly there
(after its commit, before Telegram got the message) when it kills it.

Run as a module, this file is that process: `python -m tests.e2e.crash`, configured like
`python -m bot` from the environment, plus BOT_CLOCK (an ISO moment).
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import datetime
from pathlib import Path

from sandbox import SandboxServer
from sandbox.methods import Handler
from sandbox.params import Params
from tests.e2e.harness import BotProcess

ROOT = Path(__file__).resolve().parents[2]


class BotAtMoment(BotProcess):
    """The bot in its own process, its clock stopped at `moment`."""

    def __init__(self, server: SandboxServer, database_path: Path, moment: datetime) -> None:
        super().__init__(server, database_path)
        self.moment = moment

    async def launch(self) -> None:
        assert self.process is None, "already running"
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.e2e.crash",
            cwd=ROOT, env={**self.environment(), "BOT_CLOCK": self.moment.isoformat()},
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        self.starts += 1
        self._polls_at_launch = len(self.server.calls_to("getUpdates"))
        self._reader = asyncio.create_task(self._read(self.process))


class Held:
    """Messages to one chat are kept waiting by the sandbox until `release`."""

    def __init__(self, server: SandboxServer, chat_id: int) -> None:
        self._server = server
        self._original: Handler = server.api.handlers["sendMessage"]
        self.arrived = asyncio.Event()

        async def held(params: Params) -> object:
            if str(params.get("chat_id")) == str(chat_id):
                self.arrived.set()
                await asyncio.Event().wait()  # never answered: the bot waits, then dies
            return await self._original(params)

        server.api.handlers["sendMessage"] = held

    async def reached(self, timeout: float = 10.0) -> None:
        """The bot is sending to the chat now (its request is in, not delivered)."""
        await asyncio.wait_for(self.arrived.wait(), timeout)

    def release(self) -> None:
        self._server.api.handlers["sendMessage"] = self._original


def hold_sends_to(server: SandboxServer, chat_id: int) -> Held:
    return Held(server, chat_id)


async def _run() -> None:
    from bot.app import build_application, services_of, start_embedded
    from bot.config import load_settings

    application = build_application(load_settings(dict(os.environ)))
    now = datetime.fromisoformat(os.environ["BOT_CLOCK"])
    services_of(application).clock = lambda: now
    await start_embedded(application, poll_timeout=1)
    await asyncio.Event().wait()  # until killed


if __name__ == "__main__":
    asyncio.run(_run())
