"""Wires the Application: settings, storage, persistence, handlers, lifecycle. One place."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
)
from telegram.warnings import PTBUserWarning

from bot import anonymity
from bot.access import build_gatekeeper
from bot.commands import register_commands
from bot.concurrency import ChatOrderedProcessor
from bot.config import Settings
from bot.context import SERVICES_KEY, BotContext
from bot.deeplinks import StartRouter
from bot.domain.french_dates import warm_up as warm_up_dates
from bot.errors import TokenRejected, handle_error
from bot.features import Feature
from bot.groups import build_watcher
from bot.health import HeartbeatRequest
from bot.i18n import translator
from bot.incoming import OnEdit, build_screen
from bot.operations.lock import hold_run_lock, release_run_lock
from bot.outbox import Announcements
from bot.ratelimit import CommitteeRateLimiter, wait_of
from bot.scheduler import WAKEUPS_KEY, Wakeups, planning_after, wakeups_of
from bot.services import Services
from bot.storage.db import Database
from bot.storage.persistence import SqlitePersistence
from bot.storage.repositories import Storage
from bot.wizard import Handler, Wizard, conversation
from conversations import (
    committees,
    decisions,
    exports,
    followups,
    help,
    mandates,
    meetings,
    onboarding,
    partnerships,
    priorities,
    privacy,
    requests,
    residents,
    settings,
    summary,
)

log = logging.getLogger(__name__)


class CommitteeApplication(Application[Any, BotContext, Any, Any, Any, Any]):
    """PTB's Application, with the conversation states and drafts written after each update.

    PTB marks an update's data for saving only after every handler ran, and otherwise saves
    once a minute: a crash could keep a wizard's new step and lose its draft. Here both reach
    the disk together (one transaction) before the chat's next update is taken.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Updates of several chats finish at once: their writes go to disk in that order.
        self._writing = asyncio.Lock()

    async def initialize(self) -> None:
        """PTB's start (it asks Telegram who the bot is), waiting while Telegram is out of reach.

        Unreachable: a clear line, then another try after a pause that doubles up to a minute.
        A token Telegram rejects stops the bot with `TokenRejected`, which never quotes it
        (PTB's `InvalidToken` does).
        """
        _ = translator(services_of(self).settings.default_locale).gettext
        pause = FIRST_RETRY
        while True:
            try:
                await super().initialize()
                return
            except InvalidToken:
                raise TokenRejected(
                    _(
                        "Telegram refused the token in BOT_TOKEN. Check it with @BotFather "
                        "(/mybots, then API Token), or that TELEGRAM_BASE_URL leads to a Bot API."
                    )
                ) from None
            except BadRequest:
                raise
            except (NetworkError, RetryAfter) as error:
                if isinstance(error, RetryAfter):
                    pause = max(pause, wait_of(error))
                log.warning(
                    _(
                        "Telegram cannot be reached ({problem}). Trying again in {seconds} s."
                    ).format(problem=error, seconds=round(pause))
                )
                await asyncio.sleep(pause)
                pause = min(pause * 2, LAST_RETRY)

    async def process_update(self, update: object) -> None:
        # A change's new wake-up is planned after the handlers: their answers go first.
        async with planning_after(self):
            await super().process_update(update)
        await self.update_persistence()

    async def update_persistence(self) -> None:
        async with self._writing:
            await super().update_persistence()
            if isinstance(self.persistence, SqlitePersistence):
                await self.persistence.write_pending()


BotApplication = CommitteeApplication

# Pauses between tries to reach Telegram at start: one second, doubling up to a minute.
FIRST_RETRY = 1.0
LAST_RETRY = 60.0

# Every capability, each a package whose __init__ is its whole surface. Their handlers share
# one group, where the first match wins; order matters in two places only, both set in
# `register_handlers`: the one wizard conversation comes before every plain handler (inside a
# question, its own answers win), and `help` comes last (it answers what nothing else took).
FEATURES: tuple[Feature, ...] = (
    onboarding,
    # Before committees: the bot's own status in a channel is the residents' channel's news,
    # and a message typed into the anonymous box is taken before anything else could read it.
    residents,
    committees,
    partnerships,
    mandates,
    decisions,
    meetings,
    followups,
    priorities,
    requests,
    settings,
    summary,
    exports,
    privacy,
    help,
)

# Handler groups, in the order PTB runs them for each update.
GATEKEEPER_GROUP = -2  # record the person and their language before anything else
SCREEN_GROUP = -1  # edits, forwards and channel posts stop here (bot/incoming.py)
FEATURES_GROUP = 0  # the wizards, then commands and buttons, then what nothing else took
WATCH_GROUP = 1  # what any update tells of a group: its topics, its new id (bot/groups.py)

# Our conversations mix text and button states on purpose, tracked per chat and person.
warnings.filterwarnings("ignore", message=r".*per_message=False.*", category=PTBUserWarning)


def build_application(
    settings: Settings, *, rate_limiter: CommitteeRateLimiter | None = None
) -> BotApplication:
    """The real PTB Application, configured from settings (Telegram or the sandbox).

    `rate_limiter` replaces the default one (tests compress Telegram's minute).
    """
    db = Database(settings.database_path)
    # What the anonymous box remembers lives in this process only: a new start forgets it.
    anonymity.reset()
    builder = (
        ApplicationBuilder()
        .application_class(CommitteeApplication)
        .token(settings.token.get())
        .context_types(ContextTypes(context=BotContext))
        .persistence(SqlitePersistence(db))
        # Chats are handled side by side, each in its own order (see bot/concurrency.py).
        .concurrent_updates(ChatOrderedProcessor())
        # Telegram's limits kept; a flood wait pauses its chat only and is retried, and a
        # burst of scheduled sends to one person is spread out (see bot/ratelimit.py).
        .rate_limiter(rate_limiter or CommitteeRateLimiter(max_retries=3))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_base_url:
        # Requests then go to {TELEGRAM_BASE_URL}{token}/{method} (PRODUCT.md).
        builder = builder.base_url(settings.telegram_base_url)
    if settings.heartbeat_file is not None:
        # Polling's sign of life: touched after each answered getUpdates (bot/health.py).
        builder = builder.get_updates_request(HeartbeatRequest(settings.heartbeat_file))
    application = builder.build()
    assert isinstance(application, CommitteeApplication)
    services = Services(settings=settings, storage=Storage(db))
    # Rows are stamped with the bot's clock (which tests may move), read at each write.
    db.clock = lambda: services.clock()
    application.bot_data[SERVICES_KEY] = services
    # Everything with a deadline; the database says what is due, the job only wakes us.
    # What a change tells the groups is kept in an outbox until sent (bot/outbox.py).
    application.bot_data[WAKEUPS_KEY] = Wakeups(
        [Announcements(), *(source for feature in FEATURES for source in feature.due_sources())]
    )
    register_handlers(application)
    return application


def register_handlers(application: BotApplication) -> None:
    application.add_handler(build_gatekeeper(), group=GATEKEEPER_GROUP)
    wizards: list[Wizard] = []
    edits: list[OnEdit] = []
    plain: list[Handler] = []
    for feature in FEATURES:
        for handler in feature.handlers():
            if isinstance(handler, Wizard):
                wizards.append(handler)
            elif isinstance(handler, OnEdit):
                edits.append(handler)
            else:
                plain.append(handler)
    application.add_handler(build_screen(edits), group=SCREEN_GROUP)
    router = StartRouter([route for feature in FEATURES for route in feature.links()])
    application.add_handler(conversation(wizards, router), group=FEATURES_GROUP)
    application.add_handlers(plain, group=FEATURES_GROUP)
    application.add_handler(build_watcher(), group=WATCH_GROUP)
    application.add_error_handler(handle_error)


AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def services_of(application: AnyApplication) -> Services:
    services = application.bot_data[SERVICES_KEY]
    assert isinstance(services, Services)
    return services


async def _post_init(application: AnyApplication) -> None:
    services = services_of(application)
    try:
        await _start_services(application, services)
    except BaseException:
        # PTB opened the database for the persistence before this; a start that fails (a
        # second bot on the same file, Telegram unreachable) closes it, or its thread would
        # keep the process from exiting.
        await services.storage.db.close()
        release_run_lock(application.bot_data)
        raise


async def _start_services(application: AnyApplication, services: Services) -> None:
    # One bot per database; `restore` refuses to run while it is held (operations/lock.py).
    hold_run_lock(application.bot_data, services.settings)
    await services.storage.db.connect()
    services.bot_username = application.bot.username
    # dateparser's first call costs a quarter of a second: pay it before the first person.
    await asyncio.to_thread(warm_up_dates)
    await register_commands(application.bot, services.settings.default_locale)
    # What a crash left half done is taken up again (a reminder half sent goes again, a
    # follow-up saved but not planned is planned); what fell due meanwhile runs now, once.
    await wakeups_of(application).start(application)
    log.info("bot @%s ready", services.bot_username)


async def _post_shutdown(application: AnyApplication) -> None:
    # A wake-up pass may outlive its cancelled job: it ends before the database closes.
    await wakeups_of(application).close()
    await services_of(application).storage.db.close()
    release_run_lock(application.bot_data)


async def start_embedded(application: BotApplication, *, poll_timeout: int = 10) -> None:
    """Start polling inside an existing event loop (the sandbox demo, tests, benchmarks)."""
    await application.initialize()
    await _post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0.0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
    )


async def wait_until_settled(application: BotApplication, world_idle: Awaitable[None]) -> None:
    """Every update handed out so far has been fully processed (replies sent, data stored).

    The sandbox knows when the bot confirmed an update; PTB marks each one done in its
    queue only after the handlers ran, so both together mean "the bot has finished".
    """
    await world_idle
    await application.update_queue.join()


async def stop_embedded(application: BotApplication) -> None:
    """Stop cleanly: pending updates are finished and states written before closing."""
    assert application.updater is not None
    if application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
    await _post_shutdown(application)
