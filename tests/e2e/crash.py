"""A real crash: the bot runs as its own process on the test's database and sandbox, and is
killed with SIGKILL (kill -9) at a moment the test chooses. Only what it committed survives.

The moment is chosen through the sandbox: `hold_sends_to` keeps the bot's next message to a
chat waiting, unanswered and undelivered, so the test knows the bot is exactly there (after
its commit, before Telegram got the message) when it kills it.

Run as a module, this file is that process: `python -m tests.e2e.crash` with the sandbox's
address, the database and the moment its clock shows in the environment.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import datetime
from pathlib import Path

from sandbox import SandboxServer
from sandbox.methods import Handler
from sandbox.params import Params

ROOT = Path(__file__).resolve().parents[2]
READY = b"ready"


class BotProcess:
    """The bot in a child process, with its clock stopped at `moment`."""

    def __init__(self, server: SandboxServer, database_path: Path, moment: datetime) -> None:
        self.server = server
        self.database_path = database_path
        self.moment = moment
        self.process: asyncio.subprocess.Process | None = None

    async def start(self, timeout: float = 30.0) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "CRASH_BOT_TOKEN": self.server.token,
            "CRASH_BASE_URL": self.server.base_url,
            "CRASH_DATABASE": str(self.database_path),
            "CRASH_NOW": self.moment.isoformat(),
        }
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.e2e.crash", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        assert self.process.stdout is not None
        seen = b""
        async with asyncio.timeout(timeout):
            while READY not in seen:
                line = await self.process.stdout.readline()
                if not line:
                    raise RuntimeError(f"the bot process ended before it was ready:\n{seen!r}")
                seen += line

    async def kill(self) -> None:
        """kill -9: no cleanup, no flush, no goodbye."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        assert self.process.returncode == -signal.SIGKILL


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

    settings = load_settings(
        {
            "BOT_TOKEN": os.environ["CRASH_BOT_TOKEN"],
            "TELEGRAM_BASE_URL": os.environ["CRASH_BASE_URL"],
            "DATABASE_PATH": os.environ["CRASH_DATABASE"],
            "DEFAULT_LOCALE": "fr_CA",
            "TIMEZONE": "America/Toronto",
        }
    )
    now = datetime.fromisoformat(os.environ["CRASH_NOW"])
    application = build_application(settings)
    services_of(application).clock = lambda: now
    await start_embedded(application, poll_timeout=1)
    sys.stdout.buffer.write(READY + b"\n")
    sys.stdout.flush()
    await asyncio.Event().wait()  # until killed


if __name__ == "__main__":
    asyncio.run(_run())
