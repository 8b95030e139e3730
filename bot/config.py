"""Typed settings read from the environment (and `.env`), validated once at start."""

from __future__ import annotations

import ipaddress
import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from bot.i18n import SUPPORTED_LOCALES, translator

DEFAULT_DATABASE_PATH = Path("data") / "comite-bot.sqlite3"
DEFAULT_TIMEZONE = "America/Toronto"
DEFAULT_LOCALE = "fr_CA"
DEFAULT_WEBHOOK_LISTEN = "127.0.0.1"  # behind a reverse proxy on the same machine
DEFAULT_WEBHOOK_PORT = 8080
DEFAULT_HEALTH_PORT = 8081
DEFAULT_BACKUP_KEEP = 14
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

# BotFather tokens: a numeric bot id, a colon, then a long url-safe secret.
_TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
# What Telegram accepts as a webhook's secret_token (setWebhook).
_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Secret:
    """A string that never shows itself in logs, reprs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class ConfigError(Exception):
    """A setting is wrong; the message is already translated for the operator."""


class MissingTokenError(ConfigError):
    """No BOT_TOKEN: the caller may offer the sandbox instead."""


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """Webhook mode: Telegram posts updates to `url`, which leads to `listen`:`port`."""

    url: str
    secret: Secret
    listen: str = DEFAULT_WEBHOOK_LISTEN
    port: int = DEFAULT_WEBHOOK_PORT
    health_port: int = DEFAULT_HEALTH_PORT

    @property
    def path(self) -> str:
        """The path the webhook server answers on: the same as the public URL's."""
        return urlsplit(self.url).path or "/"


@dataclass(frozen=True, slots=True)
class Settings:
    token: Secret
    database_path: Path
    default_locale: str
    timezone: str
    telegram_base_url: str | None = None
    log_level: int = logging.INFO
    # None: long polling.
    webhook: WebhookSettings | None = None
    # Touched after each answered poll; None: no heartbeat.
    heartbeat_file: Path | None = None
    backup_dir: Path | None = None
    backup_keep: int = DEFAULT_BACKUP_KEEP
    extra_secrets: tuple[Secret, ...] = field(default=())

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def lock_path(self) -> Path:
        """Held by the running bot; `restore` refuses to run while it is (operations/lock.py)."""
        return self.database_path.with_name(self.database_path.name + ".lock")

    @property
    def backups(self) -> Path:
        return self.backup_dir or self.database_path.parent / "backups"


def read_environment(env_file: Path | None = Path(".env")) -> dict[str, str]:
    """The process environment, completed by `.env` (the environment wins)."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ)
    return values


def load_settings(env: Mapping[str, str], *, require_token: bool = True) -> Settings:
    """Validate the raw environment into Settings, or raise ConfigError with a clear message."""
    locale = _blank_to_none(env.get("DEFAULT_LOCALE")) or DEFAULT_LOCALE
    if locale not in SUPPORTED_LOCALES:
        raise ConfigError(
            translator(DEFAULT_LOCALE)
            .gettext("DEFAULT_LOCALE={value} is not supported. Use one of: {choices}.")
            .format(value=locale, choices=", ".join(SUPPORTED_LOCALES))
        )
    _ = translator(locale).gettext

    timezone = _blank_to_none(env.get("TIMEZONE")) or DEFAULT_TIMEZONE
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            _("TIMEZONE={value} is not a known time zone (example: America/Toronto).").format(
                value=timezone
            )
        ) from None

    database_path = Path(_blank_to_none(env.get("DATABASE_PATH")) or DEFAULT_DATABASE_PATH)
    _check_writable(database_path, _)

    base_url = _blank_to_none(env.get("TELEGRAM_BASE_URL"))
    if base_url is not None and not re.match(r"^https?://", base_url):
        raise ConfigError(
            _("TELEGRAM_BASE_URL must start with http:// or https:// (got {value}).").format(
                value=base_url
            )
        )

    log_level = (_blank_to_none(env.get("LOG_LEVEL")) or "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise ConfigError(
            _("LOG_LEVEL={value} is not a level. Use one of: {choices}.").format(
                value=log_level, choices=", ".join(LOG_LEVELS)
            )
        )
    webhook = _webhook(env, _)
    heartbeat = _blank_to_none(env.get("HEARTBEAT_FILE"))
    backup_dir = _blank_to_none(env.get("BACKUP_DIR"))
    backup_keep = _whole_number(env, "BACKUP_KEEP", DEFAULT_BACKUP_KEEP, 1, 10_000, _)

    raw_token = _blank_to_none(env.get("BOT_TOKEN"))
    if raw_token is None:
        if require_token:
            raise MissingTokenError(_("BOT_TOKEN is missing."))
        raw_token = ""
    elif not _TOKEN_PATTERN.match(raw_token):
        # Never echo the token itself: it is a secret even when malformed.
        raise ConfigError(
            _(
                "BOT_TOKEN does not look like a token from @BotFather "
                "(expected digits, a colon, then a long code)."
            )
        )
    return Settings(
        token=Secret(raw_token),
        database_path=database_path,
        default_locale=locale,
        timezone=timezone,
        telegram_base_url=base_url,
        log_level=logging.getLevelNamesMapping()[log_level],
        webhook=webhook,
        heartbeat_file=(
            Path(heartbeat)
            if heartbeat
            else database_path.with_name(database_path.stem + ".heartbeat")
        ),
        backup_dir=Path(backup_dir) if backup_dir else None,
        backup_keep=backup_keep,
        extra_secrets=(webhook.secret,) if webhook else (),
    )


def _webhook(env: Mapping[str, str], gettext: Callable[[str], str]) -> WebhookSettings | None:
    """Webhook mode when WEBHOOK_URL is set; its secret is then required."""
    _ = gettext
    url = _blank_to_none(env.get("WEBHOOK_URL"))
    if url is None:
        return None
    parts = urlsplit(url)
    # Telegram posts only to https; plain http is accepted for this machine (the sandbox).
    if not parts.hostname or not (
        parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(parts.hostname))
    ):
        raise ConfigError(
            _(
                "WEBHOOK_URL must be an https:// address that Telegram can reach "
                "(got {value}); http:// only for 127.0.0.1 or localhost."
            ).format(value=url)
        )
    secret = _blank_to_none(env.get("WEBHOOK_SECRET"))
    if secret is None:
        raise ConfigError(
            _(
                "WEBHOOK_SECRET is required when WEBHOOK_URL is set: Telegram sends it with "
                "every update, and requests without it are refused. Choose 32 or more "
                "characters among A-Z, a-z, 0-9, _ and - (for example: openssl rand -hex 32)."
            )
        )
    if not _SECRET_PATTERN.match(secret):
        # Never echo the secret itself.
        raise ConfigError(
            _("WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and -, from 1 to 256 characters.")
        )
    listen = _blank_to_none(env.get("WEBHOOK_LISTEN")) or DEFAULT_WEBHOOK_LISTEN
    port = _whole_number(env, "WEBHOOK_PORT", DEFAULT_WEBHOOK_PORT, 1, 65535, _)
    health_port = _whole_number(env, "HEALTH_PORT", DEFAULT_HEALTH_PORT, 1, 65535, _)
    if port == health_port:
        raise ConfigError(
            _("WEBHOOK_PORT and HEALTH_PORT must differ (both are {port}).").format(port=port)
        )
    return WebhookSettings(
        url=url, secret=Secret(secret), listen=listen, port=port, health_port=health_port
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _whole_number(
    env: Mapping[str, str],
    name: str,
    default: int,
    lowest: int,
    highest: int,
    gettext: Callable[[str], str],
) -> int:
    raw = _blank_to_none(env.get(name))
    if raw is None:
        return default
    if raw.isdigit() and lowest <= int(raw) <= highest:
        return int(raw)
    raise ConfigError(
        gettext("{name}={value} must be a whole number from {lowest} to {highest}.").format(
            name=name, value=raw, lowest=lowest, highest=highest
        )
    )


def _blank_to_none(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return value.strip()


def _check_writable(path: Path, gettext: Callable[[str], str]) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise ConfigError(
            gettext("DATABASE_PATH={value}: cannot create the folder {folder}.").format(
                value=path, folder=directory
            )
        ) from None
    if path.exists() and not os.access(path, os.W_OK):
        raise ConfigError(
            gettext("DATABASE_PATH={value}: the file is not writable.").format(value=path)
        )
    if not os.access(directory, os.W_OK):
        raise ConfigError(
            gettext("DATABASE_PATH={value}: the folder {folder} is not writable.").format(
                value=path, folder=directory
            )
        )
