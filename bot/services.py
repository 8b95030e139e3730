"""The live services one running bot shares between handlers and jobs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.domain.entities import Person
from bot.i18n import Translator, normalize_locale, translator
from bot.storage.repositories import Storage

if TYPE_CHECKING:
    from bot.deeplinks import DeepLink


@dataclass(slots=True)
class Services:
    settings: Settings
    storage: Storage
    bot_username: str = field(default="")
    # Injected so tests can move time; everything that asks "what time is it" asks this.
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def now(self, timezone: str) -> datetime:
        """The current moment in a committee's time zone."""
        return self.clock().astimezone(ZoneInfo(timezone))

    def translator_for(self, person: Person | None, hint: str | None = None) -> Translator:
        """The person's chosen language, else their Telegram language, else the default."""
        default = self.settings.default_locale
        if person is not None and person.language:
            return translator(person.language)
        code = (person.language_hint if person is not None else None) or hint
        return translator(normalize_locale(code, default) if code else default)

    def deep_link(self, link: DeepLink, argument: object = "") -> str:
        return link.url(self.bot_username, argument)
