"""Translations (Babel/gettext catalogs in `locales/`) and locale-aware formatting."""

from __future__ import annotations

import gettext as gettext_module
import io
from datetime import date, datetime, tzinfo
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from bot.domain.entities import MeetingTime
from bot.domain.texts import N_

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
SUPPORTED_LOCALES: tuple[str, ...] = ("fr_CA", "en")
FALLBACK_LOCALE = "fr_CA"

__all__ = ["N_", "Translator", "normalize_locale", "translator"]


class Translator:
    """Everything a handler needs to speak one locale: messages, dates and numbers."""

    def __init__(self, locale: str, catalog: gettext_module.NullTranslations) -> None:
        self.locale = locale
        self.babel_locale = Locale.parse(locale)
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._catalog.ngettext(singular, plural, count)

    def format_day(self, value: date | datetime, *, tz: tzinfo | None = None) -> str:
        """A date written out in full, e.g. « vendredi 27 novembre 2026 »."""
        if isinstance(value, datetime) and tz is not None:
            value = value.astimezone(tz)
        return format_date(value, format="full", locale=self.babel_locale)

    def format_moment(self, value: datetime, *, tz: tzinfo | None = None) -> str:
        """A date and time, e.g. « vendredi 27 novembre 2026 à 14 h 30 »."""
        local = value.astimezone(tz) if tz is not None else value
        day = format_date(local, format="full", locale=self.babel_locale)
        hour = format_time(local, format="short", locale=self.babel_locale)
        return self.gettext("{day} at {time}").format(day=day, time=hour)

    def format_meeting(self, meeting: MeetingTime) -> str:
        """« mardi 15 décembre 2026 à 14 h », or, with no hour given, the day and « heure à
        préciser »: an hour is never made up."""
        if meeting.hour is None:
            return self.gettext("{day} (time to be set)").format(day=self.format_day(meeting.day))
        return self.format_moment(datetime.combine(meeting.day, meeting.hour))

    def format_short_moment(self, value: datetime, *, tz: tzinfo | None = None) -> str:
        return format_datetime(value, format="medium", tzinfo=tz, locale=self.babel_locale)

    def format_number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.babel_locale)


def normalize_locale(code: str | None, default: str = FALLBACK_LOCALE) -> str:
    """Map a Telegram language code (`fr`, `fr-CA`, `en-US`...) to a supported locale."""
    if not code:
        return default
    language = code.replace("-", "_").split("_")[0].lower()
    for supported in SUPPORTED_LOCALES:
        if supported.split("_")[0] == language:
            return supported
    return default


@cache
def translator(locale: str) -> Translator:
    """The translator for a supported locale (cached: catalogs are read once)."""
    if locale not in SUPPORTED_LOCALES:
        locale = FALLBACK_LOCALE
    return Translator(locale, _load_catalog(locale))


def _load_catalog(locale: str) -> gettext_module.NullTranslations:
    mo_path = LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po_path = mo_path.with_suffix(".po")
    if mo_path.is_file() and (
        not po_path.is_file() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as handle:
            return gettext_module.GNUTranslations(handle)
    if po_path.is_file():
        # No up-to-date compiled catalog (a fresh clone run without the setup step):
        # compile in memory rather than leak English into a French conversation.
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext_module.GNUTranslations(buffer)
    return gettext_module.NullTranslations()
