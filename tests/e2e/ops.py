"""The bot in webhook mode inside the test, and `python -m bot` as its own process."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

from bot.app import build_application, services_of, stop_embedded
from bot.health import HealthServer
from bot.webhook import start_embedded_webhook
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness, sandbox_settings

ROOT = Path(__file__).resolve().parents[2]
# Long enough for Telegram's 1-to-256 rule, and unmistakable in a log.
WEBHOOK_SECRET = "test-webhook-secret-5f1c9a7e2b4d4e0f"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_env(port: int, health_port: int) -> dict[str, str]:
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "HEALTH_PORT": str(health_port),
    }


class WebhookHarness(BotHarness):
    """The bot under test, receiving updates on its webhook instead of polling."""

    def __init__(self, server: SandboxServer, database_path: Path) -> None:
        super().__init__(server, database_path)
        self.port = free_port()
        self.health_port = free_port()
        self.health: HealthServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    @property
    def health_url(self) -> str:
        return f"http://127.0.0.1:{self.health_port}/healthz"

    async def start(self) -> None:
        assert self.application is None, "already running"
        settings = sandbox_settings(
            self.server, self.database_path, **webhook_env(self.port, self.health_port)
        )
        assert settings.webhook is not None
        self.application = build_application(settings)
        services_of(self.application).clock = self.clock
        self.health = await start_embedded_webhook(self.application, settings.webhook)
        self.starts += 1

    async def stop(self) -> None:
        if self.health is not None:
            await self.health.stop()
            self.health = None
        if self.application is not None:
            await stop_embedded(self.application)
            self.application = None


class BotProcess:
    """`python -m bot` in its own process, on the sandbox; stderr kept line by line."""

    def __init__(self, server: SandboxServer, folder: Path, **env: str) -> None:
        self.server = server
        self.folder = folder
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
            "BOT_TOKEN": server.token,
            "TELEGRAM_BASE_URL": server.base_url,
            "DATABASE_PATH": str(folder / "bot.sqlite3"),
            "DEFAULT_LOCALE": "fr_CA",
            "TIMEZONE": "America/Toronto",
            **env,
        }
        self.process: asyncio.subprocess.Process | None = None
        self.lines: list[str] = []
        self._reader: asyncio.Task[None] | None = None

    async def start(self, ready: str = "ready", timeout: float = 30.0) -> None:
        """Start, and wait for the line saying the bot is ready."""
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot",
            cwd=self.folder, env=self.env,  # its own folder: no .env of the checkout is read
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        self._reader = asyncio.create_task(self._read(self.process))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not any(ready in line for line in self.lines):
            if self.process.returncode is not None or loop.time() > deadline:
                raise RuntimeError(f"the bot did not start:\n{self.log}")
            await asyncio.sleep(0.05)

    async def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, as systemd stops it; the exit code."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.terminate()
        code = await asyncio.wait_for(self.process.wait(), timeout)
        if self._reader is not None:
            await self._reader
        return code

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    async def _read(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        while line := await process.stderr.readline():
            self.lines.append(line.decode(errors="replace").rstrip("\n"))
