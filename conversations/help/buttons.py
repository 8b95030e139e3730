"""The buttons of /langue (« lang »)."""

from __future__ import annotations

from bot.callbacks import Callback, button


@button("lang", "set")
class Language(Callback):
    locale: str
