"""The buttons of /oublier (« forget »)."""

from __future__ import annotations

from bot.callbacks import Callback, button


@button("forget", "answer")
class ForgetAnswer(Callback):
    erase: bool
