"""Wires the Application: settings, storage, persistence, handlers, lifecycle. One place."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.commands import register_commands
from bot.config import Settings
from bot.context import SERVICES_KEY, BotContext
from bot.domain.french_dates import warm_up as warm_up_dates
from bot.errors import handle_error
from bot.gatekeeper import build_gatekeeper
from bot.ratelimit import CommitteeRateLimiter
from bot.scheduler import WAKEUPS_KEY, Wakeups, wakeups_of
from bot.services import Services
from bot.storage.db import Database
from bot.storage.persistence import SqlitePersistence
from bot.storage.repositories import Storage
from conversations import (
    committees,
    common,
    decision_fixes,
    decisions,
    exports,
    followups,
    forget,
    groups,
    mandate,
    mandate_report,
    mandate_vote,
    meeting,
    meeting_menu,
    nudges,
    onboarding,
    partnership,
    partnership_manage,
    reminders,
    summary,
)
from conversations import settings as settings_flow

log = logging.getLogger(__name__)

BotApplication = Application[Any, BotContext, Any, Any, Any, Any]

# Handler groups, in the order PTB runs them for each update.
GATEKEEPER_GROUP = -1  # record the person and their language before anything else
FEATURES_GROUP = 0  # conversations, commands, then fallbacks: the first match wins
PERSIST_GROUP = 1  # write conversation states to disk after every update

# Our conversations mix text and button states on purpose, tracked per chat and person.
warnings.filterwarnings("ignore", message=r".*per_message=False.*", category=PTBUserWarning)


def build_application(settings: Settings) -> BotApplication:
    """The real PTB Application, configured from settings (Telegram or the sandbox)."""
    db = Database(settings.database_path)
    builder = (
        ApplicationBuilder()
        .token(settings.token.get())
        .context_types(ContextTypes(context=BotContext))
        .persistence(SqlitePersistence(db))
        # Flood waits are retried instead of failing the reply (PTB's default is 0 retries),
        # and a burst to one private chat is spread out (see bot/ratelimit.py).
        .rate_limiter(CommitteeRateLimiter(max_retries=3))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_base_url:
        # Requests then go to {TELEGRAM_BASE_URL}{token}/{method} (PRODUCT.md).
        builder = builder.base_url(settings.telegram_base_url)
    application: BotApplication = builder.build()
    services = Services(settings=settings, storage=Storage(db))
    # Rows are stamped with the bot's clock (which tests may move), read at each write.
    db.clock = lambda: services.clock()
    application.bot_data[SERVICES_KEY] = services
    # Everything with a deadline; the database says what is due, the job only wakes us.
    application.bot_data[WAKEUPS_KEY] = Wakeups(
        [
            reminders.FollowUpReminders(),
            mandate_vote.VoteDeadlines(),
            mandate_report.ReportRequests(),
            nudges.WeeklyDigest(),
            nudges.MandateEve(),
            nudges.PartnershipCheckIn(),
            nudges.OfficeMeeting(),
        ]
    )
    register_handlers(application)
    return application


def register_handlers(application: BotApplication) -> None:
    application.add_handler(build_gatekeeper(), group=GATEKEEPER_GROUP)
    # Conversations before plain commands: inside a wizard, its own handlers answer first.
    # The meeting wizard first: its /start deep link must win over the plain /start.
    application.add_handler(meeting.build_handler(), group=FEATURES_GROUP)
    application.add_handler(partnership.build_handler(), group=FEATURES_GROUP)
    application.add_handler(mandate.build_handler(), group=FEATURES_GROUP)
    application.add_handler(mandate_report.build_handler(), group=FEATURES_GROUP)
    application.add_handler(followups.build_handler(), group=FEATURES_GROUP)
    application.add_handlers(mandate.build_handlers(), group=FEATURES_GROUP)
    # Deep links from a group land in the matching flow before the plain /start.
    application.add_handler(
        CommandHandler(
            "start",
            partnership_manage.open_from_link,
            filters=filters.ChatType.PRIVATE
            & filters.Regex(rf"^/start {partnership_manage.PARTNERSHIP_LINK_PREFIX}"),
        ),
        group=FEATURES_GROUP,
    )
    application.add_handler(onboarding.build_handler(), group=FEATURES_GROUP)
    application.add_handler(decisions.build_handler(), group=FEATURES_GROUP)
    application.add_handlers(decision_fixes.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(meeting_menu.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(exports.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(partnership_manage.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(mandate_vote.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(mandate_report.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(followups.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(settings_flow.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(summary.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(forget.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(groups.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(committees.build_handlers(), group=FEATURES_GROUP)
    application.add_handlers(common.build_handlers(), group=FEATURES_GROUP)
    # Last in the group, so they only answer what nothing above took.
    application.add_handlers(common.build_fallbacks(), group=FEATURES_GROUP)
    application.add_handler(TypeHandler(Update, _persist_now), group=PERSIST_GROUP)
    application.add_error_handler(handle_error)


async def _persist_now(update: Update, context: BotContext) -> None:
    """Conversation states are on disk after each update, not only every minute."""
    await context.application.update_persistence()


def services_of(application: BotApplication) -> Services:
    services = application.bot_data[SERVICES_KEY]
    assert isinstance(services, Services)
    return services


async def _post_init(application: BotApplication) -> None:
    services = services_of(application)
    await services.storage.db.connect()
    services.bot_username = application.bot.username
    # dateparser's first call costs a quarter of a second: pay it before the first person.
    await asyncio.to_thread(warm_up_dates)
    await register_commands(application.bot, services.settings.default_locale)
    # A reminder left half-sent by a crash goes again (at most that one message repeats);
    # anything that fell due while the bot was down runs now, once.
    await services.storage.reminders.recover_interrupted()
    await wakeups_of(application).plan(application)
    log.info("bot @%s ready", services.bot_username)


async def _post_shutdown(application: BotApplication) -> None:
    await services_of(application).storage.db.close()


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
