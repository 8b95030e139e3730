"""Webhook delivery: after `setWebhook`, the sandbox posts each update to the bot, as Telegram.

Telegram posts one update per request (JSON, with the `X-Telegram-Bot-Api-Secret-Token`
header when the bot gave a secret) and takes a 2xx answer as the update's confirmation;
anything else is an error it shows in `getWebhookInfo` before trying the same update again
later. Here updates go one at a time, in order, and a failed one is retried after
`retry_delay` seconds (Telegram waits longer, and grows the wait). `deleteWebhook` goes back to
`getUpdates`. Unlike Telegram, plain http to this machine is accepted (the bot under test
listens on 127.0.0.1 without a certificate), and any port.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field

import aiohttp

from sandbox.models import JsonDict
from sandbox.world import World

__all__ = ["Delivery", "WebhookPusher"]

_LOGGER = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(slots=True)
class Delivery:
    """One POST to the webhook, as the test may inspect it."""

    update_id: int
    status: int | None  # None: no HTTP answer (connection refused, timeout)
    error: str | None = None
    at: float = field(default_factory=time.monotonic)


class WebhookPusher:
    """Posts the world's queued updates to its webhook, while one is set."""

    def __init__(self, world: World, *, retry_delay: float = 0.5, timeout: float = 10.0) -> None:
        self.world = world
        self.retry_delay = retry_delay
        self.timeout = timeout
        self.deliveries: list[Delivery] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="sandbox:webhook")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        world = self.world
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while not world.closed:
                await world.signal.wait_for(
                    lambda: world.closed or world.next_for_webhook() is not None, 3600
                )
                target = world.webhook
                update = world.next_for_webhook()
                if world.closed or target is None or update is None:
                    continue
                world.pushing += 1
                world.signal.fire()
                try:
                    delivered = await self._post(session, target.url, target.secret_token, update)
                finally:
                    world.pushing -= 1
                    world.signal.fire()
                if delivered:
                    world.confirm_delivered(int(str(update["update_id"])))
                else:
                    await asyncio.sleep(self.retry_delay)

    async def _post(
        self, session: aiohttp.ClientSession, url: str, secret: str | None, update: JsonDict
    ) -> bool:
        update_id = int(str(update["update_id"]))
        headers = {SECRET_HEADER: secret} if secret else {}
        try:
            async with session.post(url, json=update, headers=headers) as response:
                await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            message = f"Connection failed: {type(error).__name__}"
            self.deliveries.append(Delivery(update_id, None, message))
            self.world.webhook_error(message)
            return False
        if 200 <= status < 300:
            self.deliveries.append(Delivery(update_id, status))
            return True
        message = f"Wrong response from the webhook: {status}"
        self.deliveries.append(Delivery(update_id, status, message))
        self.world.webhook_error(message)
        return False
