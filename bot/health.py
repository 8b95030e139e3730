"""Signs of life for a supervisor: a heartbeat file (polling) and an HTTP endpoint (webhook).

Polling: the file is touched each time Telegram answers a `getUpdates`. A long poll returns at
least every `timeout` seconds (10 by default) even when nobody writes, so a file older than a
minute or two means the bot no longer reaches Telegram, or is stuck. It is done in the request
object PTB uses for `getUpdates` only (`ApplicationBuilder.get_updates_request`), the one place
that sees every poll succeed; a repeating job would only show that the event loop turns.

Webhook: Telegram calls us, so there is nothing to watch on our side of the wire; a small
HTTP server answers `GET /healthz` with 200 while the application and its webhook server run
and the database answers, 503 otherwise. It runs on its own port with tornado, which PTB's
webhook server already uses: PTB builds its webhook app inside the Updater, with no place for
another route.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import tornado.web
from telegram.ext import Application
from telegram.request import HTTPXRequest
from tornado.httpserver import HTTPServer

from bot.context import SERVICES_KEY
from bot.services import Services

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
_DATABASE_TIMEOUT = 2.0


class HeartbeatRequest(HTTPXRequest):
    """PTB's request for `getUpdates` (one connection, as PTB's default), touching a file
    after each answer."""

    def __init__(self, heartbeat: Path) -> None:
        super().__init__(connection_pool_size=1)
        self._heartbeat = heartbeat

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        status, payload = await super().do_request(*args, **kwargs)
        if status == 200:
            try:
                self._heartbeat.touch()
            except OSError as error:  # a full disk must not stop the polling
                log.warning("heartbeat file not updated: %s", error)
        return status, payload


AnyApplication = Application[Any, Any, Any, Any, Any, Any]


async def health_of(application: AnyApplication) -> tuple[bool, dict[str, object]]:
    """Is the bot able to take an update now? What the endpoint answers, as JSON."""
    details: dict[str, object] = {
        "running": application.running,
        "receiving": bool(application.updater and application.updater.running),
        "updates_waiting": application.update_queue.qsize(),
    }
    services = application.bot_data.get(SERVICES_KEY)
    database = False
    if isinstance(services, Services):
        try:
            row = await asyncio.wait_for(
                services.storage.db.fetch_one("SELECT 1"), _DATABASE_TIMEOUT
            )
            database = row is not None
        except Exception:  # closed, locked, or too slow: unhealthy, not a crash
            database = False
    details["database"] = database
    healthy = bool(details["running"] and details["receiving"] and database)
    details["status"] = "ok" if healthy else "unavailable"
    return healthy, details


class _HealthHandler(tornado.web.RequestHandler):
    def initialize(self, bot: AnyApplication) -> None:
        self.bot = bot

    async def get(self) -> None:
        healthy, details = await health_of(self.bot)
        self.set_status(200 if healthy else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(details))


class _QuietApplication(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """A probe every few seconds would fill the log."""


class HealthServer:
    """`GET /healthz` on `listen`:`port`, beside the webhook server."""

    def __init__(self, application: AnyApplication, listen: str, port: int) -> None:
        self._app = _QuietApplication([(HEALTH_PATH, _HealthHandler, {"bot": application})])
        self.listen = listen
        self.port = port
        self._server: HTTPServer | None = None

    async def start(self) -> None:
        server = HTTPServer(self._app)
        server.listen(self.port, address=self.listen)
        self._server = server
        log.info("health endpoint on http://%s:%s%s", self.listen, self.port, HEALTH_PATH)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
