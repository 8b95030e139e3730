"""Translations (Babel/gettext catalogs in `locales/`) and locale-aware formatting."""

from __future__ import annotations

import gettext as gettext_module
import io
import re
import string
import unicodedata
from datetime import date, datetime, time, tzinfo
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from bot.domain.entities import MeetingTime
from bot.domain.texts import N_

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
SUPPORTED_LOCALES: tuple[str, ...] = ("fr_CA", "en", "es", "ar")
FALLBACK_LOCALE = "fr_CA"
# Each language named in itself, as a person looking for theirs would read it.
LANGUAGE_NAMES: dict[str, str] = {
    "fr_CA": "Français",
    "en": "English",
    "es": "Español",
    "ar": "العربية",
}

__all__ = ["N_", "Translator", "normalize_locale", "tidy_punctuation", "translator"]

# A quotation that ends with its own period, question or exclamation mark, then the sentence's
# period: « … vendredi. ». The quotation's mark ends the sentence (French typography).
_DOUBLED_END = re.compile(r"([.!?…])(\s*»)\.")


def tidy_punctuation(text: str) -> str:
    """The text as it goes out: no period after a quotation that already ends a sentence.

    Messages put what people typed in « … » and end with a period; what they typed often ends
    with one too. Their text is kept as typed: the message's own period goes."""
    return _DOUBLED_END.sub(r"\1\2", text)


# Right to left (Arabic). Telegram lays out each line by its first strong letter, and a run
# of Latin letters or digits inside Arabic pulls neighbouring punctuation its way: « S-7 : »
# at the start of a line turns the whole line left to right. One rule, applied here and only
# here, when a right-to-left translator hands out a message:
# - whatever fills a placeholder ({ref}, {name}, {day}) is isolated between FIRST STRONG
#   ISOLATE and POP DIRECTIONAL ISOLATE: it keeps its own direction inside, and counts as a
#   neutral outside, so « S-7 », « Marie » or « 27 نوفمبر 2026 » cannot reorder the sentence;
# - a line of the translation that could start left to right (its first letter Latin,
#   « /decision … », or a placeholder before any Arabic letter) starts with a RIGHT-TO-LEFT
#   MARK, which every client honours. A line in Latin letters alone (an example name quoted
#   as is) is left as it is.
FSI = "\u2068"
PDI = "\u2069"
RLM = "\u200f"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_TAG = re.compile(r"<[^<>]*>")


class _IsolatingFormatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        text = str(super().format_field(value, format_spec))
        return FSI + text + PDI if text else text


_ISOLATING = _IsolatingFormatter()


class RightToLeftText(str):
    """A message of a right-to-left catalog: its placeholders are filled isolated."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return _ISOLATING.vformat(self, args, kwargs)


def _first_strong(text: str) -> str | None:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind
    return None


@lru_cache(maxsize=4096)
def _right_to_left_lines(message: str) -> RightToLeftText:
    lines = []
    for line in message.split("\n"):
        literal = _TAG.sub("", _PLACEHOLDER.sub("", line))
        # A placeholder may well be filled with Latin letters: it counts as one here, for
        # the clients that do not skip isolates when they look for a line's first letter.
        first = _first_strong(_TAG.sub("", _PLACEHOLDER.sub("x", line)))
        latin_only = _first_strong(literal) == "L" and not any(
            unicodedata.bidirectional(char) in ("R", "AL") for char in literal
        )
        if line and first not in ("R", "AL") and not latin_only:
            line = RLM + line
        lines.append(line)
    return RightToLeftText("\n".join(lines))


class Translator:
    """Everything a handler needs to speak one locale: messages, dates and numbers."""

    def __init__(self, locale: str, catalog: gettext_module.NullTranslations) -> None:
        self.locale = locale
        self.babel_locale = Locale.parse(locale)
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        return self._directed(self._catalog.gettext(message))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._directed(self._catalog.ngettext(singular, plural, count))

    def _directed(self, message: str) -> str:
        return _right_to_left_lines(message) if self.right_to_left else message

    @property
    def is_french(self) -> bool:
        return self.babel_locale.language == "fr"

    @property
    def right_to_left(self) -> bool:
        return self.babel_locale.character_order == "right-to-left"

    def _date(self, value: date, pattern: str) -> str:
        # The first of the month is « 1er » in French (« lundi 1er mars 2027 »): Babel's
        # patterns have no ordinal, so the suffix goes in as a quoted literal.
        if self.is_french and value.day == 1:
            pattern = pattern.replace("d ", "d'er' ", 1)
        return format_date(value, pattern, locale=self.babel_locale)

    def format_day(self, value: date | datetime, *, tz: tzinfo | None = None) -> str:
        """A date written out in full, e.g. « vendredi 27 novembre 2026 », « lundi 1er mars »."""
        if isinstance(value, datetime):
            value = (value.astimezone(tz) if tz is not None else value).date()
        full = self.babel_locale.date_formats["full"].pattern
        return self._date(value, full)

    def format_long_day(self, value: date) -> str:
        """A date without its weekday: « 3 novembre 2027 », « 1er mars 2027 »."""
        return self._date(value, self.babel_locale.date_formats["long"].pattern)

    def format_month_name(self, month: int) -> str:
        """The name of a month alone: « décembre »."""
        return format_date(date(2000, month, 1), "LLLL", locale=self.babel_locale)

    def format_short_day(self, value: date) -> str:
        """A day on a button: « ven. 27 nov. », « lun. 1er mars », « Fri 27 Nov »."""
        return self._date(value, "EEE d MMM")

    def weekday_name(self, weekday: int) -> str:
        """The name of a weekday, Monday being 0: « lundi »."""
        return str(get_day_names("wide", locale=self.babel_locale)[weekday])

    def format_month(self, value: date) -> str:
        """« novembre 2026 »."""
        return format_date(value, "LLLL y", locale=self.babel_locale)

    def format_time(self, value: time | datetime) -> str:
        """An hour the Québec way in French (« 9 h », « 19 h 30 »), Babel's elsewhere."""
        if self.is_french:
            return f"{value.hour} h" if not value.minute else f"{value.hour} h {value.minute:02d}"
        return format_time(value, format="short", locale=self.babel_locale)

    def format_moment(self, value: datetime, *, tz: tzinfo | None = None) -> str:
        """A date and time, e.g. « vendredi 27 novembre 2026 à 14 h 30 »."""
        local = value.astimezone(tz) if tz is not None else value
        return self.gettext("{day} at {time}").format(
            day=self.format_day(local.date()), time=self.format_time(local)
        )

    def format_meeting(self, meeting: MeetingTime) -> str:
        """« mardi 15 décembre 2026 à 14 h », or, with no hour given, the day and « heure à
        préciser »: an hour is never made up."""
        if meeting.hour is None:
            return self.gettext("{day} (time to be set)").format(day=self.format_day(meeting.day))
        return self.format_moment(datetime.combine(meeting.day, meeting.hour))

    def line(self, *parts: str, separator: str = " — ") -> str:
        """Parts of a list line (« S-7 — text — who »), laid out for the reader's direction.

        In Arabic each part is isolated and the line starts right to left, as the catalog's
        messages are (see `_right_to_left_lines`): a reference or a Latin name then keeps its
        place instead of turning the whole line left to right."""
        if not self.right_to_left:
            return separator.join(parts)
        return RLM + separator.join(FSI + part + PDI for part in parts)

    def format_due(self, day: date | None, at: time | None = None) -> str:
        """A due date, with its hour only when one was given; « no date » when none."""
        if day is None:
            return self.gettext("no date")
        if at is None:
            return self.format_day(day)
        return self.format_moment(datetime.combine(day, at))

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
