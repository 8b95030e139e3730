from __future__ import annotations

import io
import logging

from bot.errors import configure_logging

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"


def test_the_token_is_redacted_from_every_log_line() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    try:
        configure_logging(TOKEN, level=logging.DEBUG, stream=stream)
        logging.getLogger("httpx").warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        logging.getLogger("telegram.ext").error(f"failed with {TOKEN} inside")
        try:
            raise RuntimeError(f"url https://api.telegram.org/bot{TOKEN}/sendMessage")
        except RuntimeError:
            logging.getLogger("bot").exception("boom")
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
    output = stream.getvalue()
    assert "getMe" in output and "inside" in output and "boom" in output
    assert "<token>" in output
    assert TOKEN not in output
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ" not in output
