"""`python -m bot` runs the bot; `python -m bot demo` runs the offline sandbox demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from telegram import Update

from bot.app import build_application
from bot.config import ConfigError, MissingTokenError, load_settings, read_environment
from bot.errors import configure_logging
from bot.i18n import translator

log = logging.getLogger("bot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="comite-bot")
    parser.add_argument(
        "mode",
        nargs="?",
        choices=["run", "demo"],
        default="run",
        help="run: connect to Telegram (default); demo: offline sandbox in this terminal",
    )
    args = parser.parse_args(argv)
    env = read_environment()
    if args.mode == "demo":
        return _run_demo(env)
    try:
        settings = load_settings(env)
    except MissingTokenError as error:
        _ = translator(env.get("DEFAULT_LOCALE") or "fr_CA").gettext
        print(str(error), file=sys.stderr)
        print(
            _(
                "To run on Telegram: open a chat with @BotFather, send /newbot, choose a name, "
                "then copy the token it gives you into a .env file as BOT_TOKEN=... "
                "(see .env.example)."
            ),
            file=sys.stderr,
        )
        print(_("Meanwhile, here is the offline sandbox demo."), file=sys.stderr)
        return _run_demo(env)
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        return 2
    configure_logging(settings.token.get())
    application = build_application(settings)
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    except ConfigError as error:  # a token Telegram refused: said plainly, without it
        print(str(error), file=sys.stderr)
        return 2
    except Exception as error:
        # Python would print the traceback itself, token included where an error quotes
        # it; through logging it is redacted.
        log.critical("the bot stopped: %s", type(error).__name__, exc_info=error)
        return 1
    return 0


def _run_demo(env: dict[str, str]) -> int:
    try:
        # The sandbox is a dev/demo extra: the bot runs without it.
        from sandbox.demo import run_demo
    except ImportError:
        _ = translator(env.get("DEFAULT_LOCALE") or "fr_CA").gettext
        print(
            _("The offline demo is not installed. Start it with ./dev demo."),
            file=sys.stderr,
        )
        return 2
    try:
        return asyncio.run(run_demo(env))
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
