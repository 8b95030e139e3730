"""The buttons under a logged decision (« dec »)."""

from __future__ import annotations

from datetime import date

from bot.callbacks import Callback, button


@button("dec", "add")
class AddFollowUp(Callback):
    id: int  # the decision


@button("dec", "undo")
class Undo(Callback):
    id: int  # the decision


@button("dec", "drop")
class DropFollowUp(Callback):
    id: int  # the follow-up


@button("dec", "who")
class ChoosePerson(Callback):
    id: int  # the follow-up


@button("dec", "setwho")
class SetPerson(Callback):
    id: int  # the follow-up
    person: int | None  # None: nobody in particular


@button("dec", "when")
class ChooseDate(Callback):
    id: int  # the follow-up


@button("dec", "setdue")
class SetDate(Callback):
    id: int  # the follow-up
    day: date | None  # None: no date


@button("dec", "typedate")
class TypeDate(Callback):
    id: int  # the follow-up


@button("dec", "fix")
class CorrectFromEdit(Callback):
    id: int  # the decision whose message was edited


@button("dec", "undook")
class UndoConfirmed(Callback):
    id: int  # the decision, with its follow-ups, to remove


@button("dec", "keep")
class KeepDecision(Callback):
    id: int  # the decision the undo was asked about


@button("dec", "setnamed")
class SetNamedPerson(Callback):
    """A member without Telegram takes care of the follow-up."""

    id: int  # the follow-up
    member: int


@button("dec", "frombox")
class FollowUpFromBox(Callback):
    """A box message becomes a follow-up (its text; nobody named, no date yet)."""

    id: int  # the box message
