"""The buttons of requests to partners (namespace « req »)."""

from __future__ import annotations

from enum import StrEnum

from bot.callbacks import Callback, button
from bot.domain.request_letters import LetterPart
from bot.domain.requests import Channel, Outcome


class Field(StrEnum):
    """What « Edit » may change on a request, one question each."""

    PARTNER = "partner"
    WHAT = "what"
    CHANNEL = "channel"
    SENT = "sent"
    TO_WHOM = "to"
    EXPECTED = "expected"


# --- the list and one request ----------------------------------------------------------------


@button("req", "new")
class NewRequest(Callback):
    """« New request »: the wizard, in private."""


@button("req", "list")
class ListAll(Callback):
    """The committee's open requests, by partner."""


@button("req", "past")
class Settled(Callback):
    """Answered and closed requests."""


@button("req", "open")
class Open(Callback):
    id: int


# --- the wizard ------------------------------------------------------------------------------


@button("req", "ptn")
class PickPartnership(Callback):
    partnership: int


@button("req", "office")
class PickOffice(Callback):
    """The committee's housing office, when it has no partnership with it yet."""


@button("req", "chan")
class PickChannel(Callback):
    channel: Channel


@button("req", "sent")
class SentDay(Callback):
    days_back: int


@button("req", "contact")
class UseContact(Callback):
    """The partnership's contact person is the one the request went to."""


@button("req", "nowho")
class NoAddressee(Callback):
    """Nobody in particular: the organisation."""


@button("req", "wait")
class AnswerIn(Callback):
    days: int


# --- the request's card ----------------------------------------------------------------------


@button("req", "setptn")
class SetPartnership(Callback):
    """A request logged in one message, its partner chosen with a button."""

    id: int
    partnership: int


@button("req", "setoff")
class SetOffice(Callback):
    id: int


@button("req", "edit")
class EditMenu(Callback):
    id: int


@button("req", "field")
class EditField(Callback):
    id: int
    field: Field


@button("req", "resp")
class ChooseResponsible(Callback):
    id: int


@button("req", "setresp")
class SetResponsible(Callback):
    id: int
    person: int


@button("req", "relanced")
class Relanced(Callback):
    id: int


@button("req", "pause")
class Pause(Callback):
    id: int


@button("req", "resume")
class Resume(Callback):
    id: int


@button("req", "close")
class Close(Callback):
    id: int


@button("req", "closeok")
class CloseConfirmed(Callback):
    id: int


# --- letters ---------------------------------------------------------------------------------


@button("req", "letter")
class MakeLetter(Callback):
    id: int


@button("req", "rletter")
class MakeRelanceLetter(Callback):
    id: int


@button("req", "lpart")
class EditPart(Callback):
    """Change one part of a draft letter (the id is the letter's)."""

    id: int
    part: LetterPart


@button("req", "lfinal")
class LetterFinal(Callback):
    id: int


@button("req", "lfiles")
class LetterFiles(Callback):
    """A final letter's PDF and text, sent again."""

    id: int


# --- answers and promises --------------------------------------------------------------------


@button("req", "answer")
class AnswerReceived(Callback):
    id: int


@button("req", "outcome")
class PickOutcome(Callback):
    id: int
    outcome: Outcome


@button("req", "aday")
class AnswerDay(Callback):
    id: int
    days_back: int


@button("req", "nonote")
class NoNote(Callback):
    id: int


@button("req", "again")
class LookingFor(Callback):
    """« On regarde ça »: an answer expected again in so many days."""

    id: int
    days: int


@button("req", "promise")
class AddPromise(Callback):
    id: int


@button("req", "nodue")
class NoPromiseDate(Callback):
    id: int


@button("req", "promised")
class PromisesDone(Callback):
    id: int


# --- from other records (the integration's doors) --------------------------------------------


@button("req", "fromdec")
class FromDecision(Callback):
    """« Make it a request »: a quick decision that asks something of a partner."""

    id: int


@button("req", "fromobj")
class FromObjective(Callback):
    """A request to a partnership's partner, about one of its objectives."""

    id: int  # the partnership
    objective: int
