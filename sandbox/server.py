"""An in-process HTTP stand-in for the Telegram Bot API, for tests and demos.

The real python-telegram-bot ``Application`` talks to it over HTTP
(``ApplicationBuilder().token(server.token).base_url(server.base_url)``) while tests play
the human users through ``server.world`` in the same event loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections import deque
from collections.abc import Callable
from types import TracebackType

from aiohttp import web

from sandbox.apispec import ApiSpec, UploadedFile, decode_without_spec
from sandbox.methods import SEND_METHODS, BotApi
from sandbox.models import ApiError, JsonDict, RecordedCall, bad_request
from sandbox.webhook import WebhookPusher
from sandbox.world import World

__all__ = ["DEFAULT_TOKEN", "FloodControl", "SandboxServer"]

DEFAULT_TOKEN = "123456789:SANDBOX-token-for-local-tests-only"
_MAX_BODY = 60 * 1024 * 1024  # sendDocument allows 50 MB
_LOGGER = logging.getLogger(__name__)


class FloodControl:
    """Telegram's documented broadcast limits, as sliding windows.

    `group_window` is a group's "minute": a test may compress it (to two seconds, say) so
    that a flood in a group meets Telegram's wait and still drains quickly.
    """

    GLOBAL_PER_SECOND = 30
    GROUP_PER_MINUTE = 20
    PRIVATE_PER_SECOND = 1

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, *, group_window: float = 60.0
    ) -> None:
        self._clock = clock
        self._group_window = group_window
        self._global: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}

    def check(self, chat_id: int) -> int | None:
        """Record a send to ``chat_id``; returns retry_after seconds if it is over a limit."""
        now = self._clock()
        window, limit = (
            (self._group_window, self.GROUP_PER_MINUTE)
            if chat_id < 0
            else (1.0, self.PRIVATE_PER_SECOND)
        )
        chat = self._chats.setdefault(chat_id, deque())
        for stamps, span, cap in (
            (self._global, 1.0, self.GLOBAL_PER_SECOND),
            (chat, window, limit),
        ):
            while stamps and stamps[0] <= now - span:
                stamps.popleft()
            if len(stamps) >= cap:
                return max(1, math.ceil(stamps[0] + span - now))
        self._global.append(now)
        chat.append(now)
        return None


class SandboxServer:
    """A fake Telegram Bot API server on 127.0.0.1 with a scriptable world of users."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "comite_sandbox_bot",
        bot_name: str = "Comité",
        spec: ApiSpec | None = None,
        privacy_mode: bool = True,
        rate_limits: bool = False,
        validate: bool = True,
    ) -> None:
        self.token = token
        # Without an explicit spec, validate against the shared api.json when it exists.
        self.spec = spec if spec is not None or not validate else ApiSpec.find()
        self.world = World(
            bot_id=int(token.split(":", 1)[0]),
            bot_username=bot_username,
            bot_name=bot_name,
            privacy_mode=privacy_mode,
        )
        self.api = BotApi(self.world)
        self.calls: list[RecordedCall] = []
        self.violations: list[str] = []
        self.flood_errors = 0
        self.rate_limits = rate_limits
        self.flood = FloodControl()
        # Posts updates to the bot instead of answering getUpdates, once it set a webhook.
        self.webhook = WebhookPusher(self.world)
        self._runner: web.AppRunner | None = None
        self._address: tuple[str, int] | None = None

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on ``host:port`` (port 0 picks a free one)."""
        if self._runner is not None:
            raise RuntimeError("the sandbox server is already running")
        app = web.Application(client_max_size=_MAX_BODY)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        # handler_cancellation: a client abandoning a long poll must end its handler too.
        runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        self._runner = runner
        bound = runner.addresses[0]
        self._address = (host, int(bound[1]))
        self.world.closed = False
        self.webhook.start()

    async def stop(self) -> None:
        self.world.close()  # releases waiting getUpdates at once
        await self.webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._address is None:
            raise RuntimeError("the sandbox server is not started")
        return self._address[1]

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: PTB appends the token."""
        assert self._address is not None, "the sandbox server is not started"
        return f"http://{self._address[0]}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        assert self._address is not None, "the sandbox server is not started"
        return f"http://{self._address[0]}:{self.port}/file/bot"

    def calls_to(self, method: str) -> list[RecordedCall]:
        return [call for call in self.calls if call.method == method]

    # --- HTTP -----------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        requested = request.match_info["method"]
        method = self._canonical(requested)
        try:
            raw = await _read_params(request)
        except ValueError as error:
            return _json(bad_request(f"can't parse request body: {error}").payload(), 400)
        if self.spec is not None and method is not None:
            params = self.spec.decode_params(method, raw)
        else:
            params = decode_without_spec(raw)
        call = RecordedCall(method or requested, params)
        self.calls.append(call)
        is_poll = method == "getUpdates"
        if not is_poll:
            self.world.inflight += 1
            self.world.signal.fire()
        try:
            call.result = await self._dispatch(method, requested, params)
            return _json({"ok": True, "result": call.result}, 200)
        except ApiError as error:
            call.ok, call.error, call.error_code = False, error.description, error.code
            return _json(error.payload(), error.code)
        except asyncio.CancelledError:
            call.ok, call.error = False, "cancelled: the client went away"
            raise
        except Exception as error:  # a sandbox bug must fail the test, not hang the bot
            _LOGGER.exception("sandbox failure in %s", method)
            call.ok, call.error, call.error_code = False, f"sandbox bug: {error!r}", 500
            self.violations.append(f"{method}: sandbox internal error {error!r}")
            payload = {"ok": False, "error_code": 500, "description": "Internal Server Error"}
            return _json(payload, 500)
        finally:
            if not is_poll:
                self.world.inflight -= 1
                self.world.signal.fire()

    def _canonical(self, method: str) -> str | None:
        if self.spec is not None:
            return self.spec.canonical_method(method)
        lowered = {name.lower(): name for name in self.api.handlers}
        return lowered.get(method.lower())

    async def _dispatch(self, method: str | None, requested: str, params: JsonDict) -> object:
        if method is None:
            self.violations.append(f"{requested}: unknown Bot API method")
            raise ApiError(404, "Not Found")
        if self.spec is not None:
            problems = self.spec.check_call(method, params)
            if problems:
                self.violations += [f"{method}: {problem}" for problem in problems]
                raise ApiError(400, problems[0])
        if method not in self.api.handlers:
            raise self._violation(method, bad_request("method not implemented in the sandbox"))
        if self.rate_limits and method in SEND_METHODS:
            self._check_flood(params.get("chat_id"))
        try:
            return await self.api.call(method, params)
        except ApiError as error:
            raise self._violation(method, error) if error.violation else error from None

    def _violation(self, method: str, error: ApiError) -> ApiError:
        self.violations.append(f"{method}: {error.description}")
        return error

    def _check_flood(self, chat_id: object) -> None:
        try:
            chat = int(str(chat_id))
        except ValueError:
            return
        retry_after = self.flood.check(chat)
        if retry_after is not None:
            self.flood_errors += 1
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
            )

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rpartition("/")[2]
        document = self.world.files.get(file_id)
        if document is None:
            return web.Response(status=404)
        return web.Response(body=document.content, content_type=document.mime_type)


def _json(payload: JsonDict, status: int) -> web.Response:
    return web.Response(
        text=json.dumps(payload, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )


async def _read_params(request: web.Request) -> dict[str, object]:
    """Query string plus JSON, urlencoded or multipart body (files become UploadedFile)."""
    params: dict[str, object] = dict(request.query)
    if not request.can_read_body:
        return params
    if request.content_type == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError("the JSON body must be an object")
        params.update(body)
        return params
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            content = value.file.read()
            params[key] = UploadedFile(key, value.filename, content, value.content_type)
        else:
            params[key] = value
    return params
