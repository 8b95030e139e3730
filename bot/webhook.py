"""Webhook mode: Telegram posts each update to WEBHOOK_URL, which leads to PTB's webhook server.

PTB registers the webhook at start (`setWebhook` with the secret token) and its server answers
403, before any handler, to a request whose `X-Telegram-Bot-Api-Secret-Token` header is missing
or wrong. Beside it, the health endpoint (bot/health.py). Stopping leaves the webhook set, as
Telegram expects: updates wait there until the bot is back (polling mode removes it).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.config import Settings, WebhookSettings
from bot.health import AnyApplication, HealthServer

Hook = Callable[[AnyApplication], Coroutine[Any, Any, None]]


def webhook_options(webhook: WebhookSettings) -> dict[str, Any]:
    """What PTB's Updater needs to listen, and to tell Telegram where to post."""
    return {
        "listen": webhook.listen,
        "port": webhook.port,
        "url_path": webhook.path,
        "webhook_url": webhook.url,
        "secret_token": webhook.secret.get(),
        "allowed_updates": Update.ALL_TYPES,
    }


def run_webhook(application: AnyApplication, settings: Settings) -> None:
    """`python -m bot` with WEBHOOK_URL: like `run_polling`, until SIGTERM or Ctrl-C."""
    webhook = settings.webhook
    assert webhook is not None
    health = HealthServer(application, webhook.listen, webhook.health_port)
    application.post_init = _then(application.post_init, lambda _: health.start())
    application.post_shutdown = _before(application.post_shutdown, lambda _: health.stop())
    application.run_webhook(**webhook_options(webhook))


async def start_embedded_webhook(
    application: AnyApplication, webhook: WebhookSettings
) -> HealthServer:
    """Webhook mode inside an existing event loop (tests): what `run_webhook` starts."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_webhook(**webhook_options(webhook))
    health = HealthServer(application, webhook.listen, webhook.health_port)
    await health.start()
    return health


def _then(first: Hook | None, then: Hook) -> Hook:
    async def both(application: AnyApplication) -> None:
        if first is not None:
            await first(application)
        await then(application)

    return both


def _before(last: Hook | None, before: Hook) -> Hook:
    async def both(application: AnyApplication) -> None:
        try:
            await before(application)
        finally:
            if last is not None:
                await last(application)

    return both
