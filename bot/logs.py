"""What reaches the log: the level from LOG_LEVEL, never a secret, never a member's data.

At DEBUG, PTB logs whole payloads: every Bot API call with its parameters and its answer
(`telegram.Bot`: the texts the bot sends, with names in them), every update it takes
(`telegram.ext.Application`: "Processing update …", the sender's name included), and in webhook
mode the body Telegram posted (`telegram.ext.Updater`: "Webhook received data: …"). httpx logs
request URLs (with the token) at INFO; httpcore logs headers only.

So a filter on the one handler replaces every payload-shaped argument of a log record (a
Telegram object, a mapping, a list or tuple holding more than numbers, bytes, a string that
is JSON) with its kind and size, and keeps the message template, endpoint names, ids and
counts: DEBUG stays useful, and says what was called, never what was written. The token and
the webhook secret are cut from every formatted line, tracebacks included (bot/errors.py).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence, Set
from typing import TextIO

from telegram import TelegramObject

from bot.config import Settings
from bot.errors import RedactingFormatter, configure_logging


class PayloadFilter(logging.Filter):
    """Keeps a record's message, hides the payloads in its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, Mapping):
            record.args = {key: hidden(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(hidden(value) for value in record.args)
        return True


def hidden(value: object) -> object:
    """The value itself when it cannot carry what a person wrote, else its kind and size."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, TelegramObject):
        return f"<{type(value).__name__}>"
    if isinstance(value, bytes | bytearray):
        return f"<{len(value)} bytes>"
    if isinstance(value, str):
        return f"<JSON, {len(value)} characters>" if value.lstrip()[:1] in ("{", "[") else value
    if isinstance(value, Mapping):
        return f"<{len(value)} parameters>"
    if isinstance(value, Sequence | Set):
        if all(isinstance(item, int) for item in value):
            return value
        return f"<{len(value)} items>"
    if isinstance(value, BaseException):
        return value
    return f"<{type(value).__name__}>"


class SecretsFormatter(RedactingFormatter):
    """The token, and the other secrets (the webhook's), cut from every line."""

    def __init__(self, token: str, others: Sequence[str]) -> None:
        super().__init__(token)
        self._others = [secret for secret in others if secret]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._others:
            text = text.replace(secret, "<secret>")
        return text


def configure(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """Logging for a running bot: LOG_LEVEL, secrets cut, payloads hidden."""
    token = settings.token.get()
    handler = configure_logging(token, level=settings.log_level, stream=stream)
    handler.setFormatter(
        SecretsFormatter(token, [secret.get() for secret in settings.extra_secrets])
    )
    handler.addFilter(PayloadFilter())
    return handler
