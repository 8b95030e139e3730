"""The global error handler: log with context, answer politely, never show a traceback."""

from __future__ import annotations

import logging
from typing import TextIO

from telegram import Update
from telegram.error import TelegramError

from bot.config import ConfigError
from bot.context import SERVICES_KEY, BotContext
from bot.refusal_policy import Refusal, SendLater, refusal_of
from bot.services import Services

log = logging.getLogger(__name__)


async def handle_error(update: object, context: BotContext) -> None:
    """Log what failed; tell the person something went wrong on our side."""
    error = context.error
    if isinstance(update, Update):
        chat_id = update.effective_chat.id if update.effective_chat else None
        user_id = update.effective_user.id if update.effective_user else None
        where = f"update {update.update_id} chat {chat_id} user {user_id}"
    else:
        chat_id = user_id = None
        where = "no update (job or network)"
    if isinstance(error, TelegramError):
        refusal = refusal_of(error)
        if refusal in {Refusal.BLOCKED, Refusal.UNREACHABLE, Refusal.CHAT_GONE}:
            # Blocked, or removed from the group: nothing to answer there, nothing to retry.
            log.info("%s for %s: %s", refusal.value, where, error)
            return
        if refusal is Refusal.LATER:
            log.warning(
                "Telegram asked to wait for %s: %s: %s", where, type(error).__name__, error
            )
            return
    if isinstance(error, SendLater):
        log.warning("Telegram asked to wait for %s: %s", where, error)
        return
    log.error("error while handling %s: %s", where, type(error).__name__, exc_info=error)
    if chat_id is None or not isinstance(update, Update):
        return
    services = context.application.bot_data.get(SERVICES_KEY)
    if not isinstance(services, Services):
        return
    try:
        person = await services.storage.people.get(user_id) if user_id else None
    except Exception:  # the storage may be what failed: apologise in the default language
        person = None
    hint = update.effective_user.language_code if update.effective_user else None
    _ = services.translator_for(person, hint=hint).gettext
    try:
        await context.bot.send_message(
            chat_id=chat_id,
            text=_(
                "Sorry, something went wrong on my side. What you already saved is safe. "
                "Please try again in a moment."
            ),
        )
    except Exception:  # the apology itself must never raise
        log.warning("could not apologise in chat %s", chat_id)


class TokenRejected(ConfigError):
    """Telegram refused BOT_TOKEN at start; the message is for the operator, without it."""


class RedactingFormatter(logging.Formatter):
    """Removes the token from every formatted line, tracebacks included.

    httpx logs request URLs, and network errors quote them: the URL carries the token.
    """

    def __init__(self, token: str) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._token = token

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self._token, "<token>") if self._token else text


def configure_logging(
    token: str, level: int = logging.INFO, stream: TextIO | None = None
) -> logging.Handler:
    """Log to stderr (or `stream`) with the token redacted from every line."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(token))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # Warnings would print straight to stderr: through the redacting handler instead.
    logging.captureWarnings(True)
    # httpx logs every request URL at INFO, and the URL carries the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return handler
