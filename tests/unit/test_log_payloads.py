"""The log filter keeps what was called and hides what was written."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from telegram import Chat, User

from bot.config import load_settings
from bot.logs import PayloadFilter, configure

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
SECRET = "a3f9c2d17be64e0f8a5b9c2d17be64e0"


def formatted(message: str, *args: object) -> str:
    record = logging.LogRecord("telegram.Bot", logging.DEBUG, __file__, 1, message, args, None)
    PayloadFilter().filter(record)
    return record.getMessage()


def test_payloads_are_replaced_by_their_kind_and_size() -> None:
    params = {"chat_id": 5, "text": "Bonjour Ghislaine"}
    line = formatted("Calling Bot API endpoint `%s` with parameters `%s`", "sendMessage", params)
    assert line == "Calling Bot API endpoint `sendMessage` with parameters `<2 parameters>`"
    user = User(1, "Ghislaine", False)
    assert "Ghislaine" not in formatted("Processing update %s", user)
    assert "Ghislaine" not in formatted("Webhook received data: %s", '{"text": "Ghislaine"}')
    assert "Ghislaine" not in formatted("%r", [Chat(1, "private", first_name="Ghislaine")])
    # Numbers stay: ids and counts help, and say nothing of anyone.
    assert formatted("Getting updates: %s", [10, 11]) == "Getting updates: [10, 11]"


def test_the_token_and_the_webhook_secret_are_cut_from_every_line(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "BOT_TOKEN": TOKEN,
            "DATABASE_PATH": str(tmp_path / "b.sqlite3"),
            "WEBHOOK_URL": "https://bot.example.org/t",
            "WEBHOOK_SECRET": SECRET,
            "LOG_LEVEL": "DEBUG",
        }
    )
    stream = io.StringIO()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    try:
        configure(settings, stream=stream)
        log = logging.getLogger("bot.test")
        assert log.isEnabledFor(logging.DEBUG)
        log.debug("url https://api.telegram.org/bot%s/getMe", TOKEN)
        log.debug("secret %s", SECRET)
        try:
            raise ValueError(f"{TOKEN} {SECRET}")
        except ValueError:
            log.exception("failed")
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
    text = stream.getvalue()
    assert TOKEN not in text and SECRET not in text
    assert "<token>" in text and "<secret>" in text
