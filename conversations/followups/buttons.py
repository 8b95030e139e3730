"""The buttons of follow-ups (namespace « fu »)."""

from __future__ import annotations

from datetime import date

from bot.callbacks import Callback, button


@button("fu", "open")
class Open(Callback):
    id: int


@button("fu", "done")
class Done(Callback):
    id: int


@button("fu", "later")
class Postpone(Callback):
    id: int


@button("fu", "to")
class PostponeTo(Callback):
    id: int
    day: date


@button("fu", "block")
class Block(Callback):
    id: int


@button("fu", "cancel")
class Cancel(Callback):
    id: int


@button("fu", "notyet")
class NotYet(Callback):
    """« Not yet »: the objective a done follow-up served is not reached yet."""


@button("fu", "tell")
class TellResidents(Callback):
    """A follow-up done toward an objective, offered to the residents."""

    id: int
