"""The buttons of follow-ups (namespace « fu »)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from bot.callbacks import Callback, button


class Listing(StrEnum):
    """Which listing a page button turns: /suivis, or the weekly digest in the group."""

    FOLLOW_UPS = "l"
    DIGEST = "d"


@button("fu", "open")
class Open(Callback):
    id: int


@button("fu", "page")
class Page(Callback):
    """« Next » / « Previous » under a listing: page `page` (from 0) of the committee `id`'s
    listing, in the order it was made for (`person`'s own first; none: the digest's)."""

    id: int
    page: int
    listing: Listing
    person: int | None


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
