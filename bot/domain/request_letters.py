"""Letters of requests to partners: the request written as a formal letter, or a lettre de
relance that cites the first request, its date and its number. The committee reviews a letter
part by part before it is final; the parts only it can write (its address, how to reach it)
are never invented, and left out while empty.

Plain rules only: no Telegram, no storage, no translation (see bot/exports/letter.py for the
sentences around the parts, in the committee's language).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.requests import RELANCE_WAIT_DAYS, TEXT_LIMIT, RequestStatus
from bot.domain.texts import N_


class LetterKind(StrEnum):
    REQUEST = "request"  # the request itself, written as a letter
    RELANCE = "relance"  # the lettre de relance, citing the first request


class LetterPart(StrEnum):
    """The parts of a letter a committee may change before it is final."""

    ADDRESS = "address"  # the committee's address line
    RECIPIENT = "recipient"  # the partner's contact: a person, their title, the organisation
    SUBJECT = "subject"  # « Objet »
    BODY = "body"  # what is asked, in the committee's words
    SIGNATURE = "signature"  # who signs, and as what
    CONTACT = "contact"  # how to reach the committee


LETTER_PART_LABELS: dict[LetterPart, str] = {
    LetterPart.ADDRESS: N_("Committee's address"),
    LetterPart.RECIPIENT: N_("Recipient"),
    LetterPart.SUBJECT: N_("Subject"),
    LetterPart.BODY: N_("The request"),
    LetterPart.SIGNATURE: N_("Signature"),
    LetterPart.CONTACT: N_("How to reach us"),
}

LETTER_PART_LIMITS: dict[LetterPart, int] = {
    LetterPart.ADDRESS: 200,
    LetterPart.RECIPIENT: 300,
    LetterPart.SUBJECT: 150,
    LetterPart.BODY: TEXT_LIMIT,
    LetterPart.SIGNATURE: 200,
    LetterPart.CONTACT: 200,
}

# Parts the committee must write itself: the bot knows no address, no phone, no email.
OWN_PARTS: tuple[LetterPart, ...] = (LetterPart.ADDRESS, LetterPart.CONTACT)


@dataclass(frozen=True, slots=True)
class Letter:
    id: int
    request_id: int
    committee_id: int
    kind: LetterKind
    written_on: date
    parts: tuple[tuple[LetterPart, str], ...]
    final: bool
    request_status: RequestStatus

    def part(self, part: LetterPart) -> str:
        return dict(self.parts).get(part, "")


def missing_parts(letter: Letter) -> list[LetterPart]:
    """The committee's own parts still empty: shown as « to complete », left out of the PDF."""
    return [part for part in OWN_PARTS if not letter.part(part).strip()]


def can_change_letter(letter: Letter) -> bool:
    """A draft letter of a request still in progress; a final letter is what was sent."""
    return not letter.final and letter.request_status is not RequestStatus.CLOSED


def short_subject(what: str, limit: int = 90) -> str:
    """The start of the request, on one line, cut at a word, no final period: the default
    « Objet »."""
    line = " ".join(what.split()).rstrip(" .")
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def relance_answer_by(written_on: date) -> date:
    """A lettre de relance asks for an answer within `RELANCE_WAIT_DAYS`."""
    return written_on + timedelta(days=RELANCE_WAIT_DAYS)
