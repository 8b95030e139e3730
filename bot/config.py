"""Typed settings read from the environment (and `.env`), validated once at start."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from bot.i18n import SUPPORTED_LOCALES, translator

DEFAULT_DATABASE_PATH = Path("data") / "comite-bot.sqlite3"
DEFAULT_TIMEZONE = "America/Toronto"
DEFAULT_LOCALE = "fr_CA"

# BotFather tokens: a numeric bot id, a colon, then a long url-safe secret.
_TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")


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
class Settings:
    token: Secret
    database_path: Path
    default_locale: str
    timezone: str
    telegram_base_url: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


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
