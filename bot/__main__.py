"""`python -m bot` runs the bot; `python -m bot demo` runs the offline sandbox demo;
`python -m bot check|backup [DIR]|restore FILE|stats` are the operator's commands."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from telegram import Update

from bot.app import build_application
from bot.config import ConfigError, MissingTokenError, load_settings, read_environment
from bot.i18n import translator
from bot.logs import configure as configure_logs
from bot.operations.cli import COMMANDS, run_command
from bot.webhook import run_webhook

log = logging.getLogger("bot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="comite-bot")
    parser.add_argument(
        "mode",
        nargs="?",
        choices=["run", "demo", *COMMANDS],
        default="run",
        help="run: connect to Telegram (default); demo: offline sandbox in this terminal; "
        "check, backup [DIR], restore FILE, stats: see the README",
    )
    parser.add_argument("path", nargs="?", help="backup: the folder; restore: the backup file")
    args = parser.parse_args(argv)
    env = read_environment()
    if args.mode == "demo":
        return _run_demo(env)
    if args.mode in COMMANDS:
        return run_command(args.mode, args.path, env)
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
    configure_logs(settings)
    if settings.webhook is not None:
        run_webhook(build_application(settings), settings)
        return 0
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
