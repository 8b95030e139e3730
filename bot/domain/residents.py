"""The residents' side of a committee: the anonymous box, the channel, what is published.

Plain records and rules: no Telegram, no storage, no translation.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum

from bot.domain.named_members import is_honorific

# One box message at most this long: it must fit, quoted and escaped, in one Telegram message
# for the members who read it, and a long paste is usually not meant for the box.
BOX_TEXT_LIMIT = 2000
# The committee's contact printed on sheets, and a public answer's words.
CONTACT_LIMIT = 120
ANSWER_LIMIT = 1500


class BoxStatus(StrEnum):
    NEW = "new"  # no member opened it yet
    READ = "read"
    ARCHIVED = "archived"
    ABUSIVE = "abusive"


class AnsweredHow(StrEnum):
    PUBLIC = "public"  # in the residents' channel
    PRIVATE = "private"  # to the writer, who asked to be able to read an answer


@dataclass(frozen=True, slots=True)
class BoxItem:
    """A message written to the box. It has no author, on purpose: see `box_items`."""

    id: int
    committee_id: int
    number: int
    text: str
    received_on: date
    status: BoxStatus
    answerable: bool
    answer: str | None = None
    answered_how: AnsweredHow | None = None
    used_as: str | None = None

    @property
    def is_open(self) -> bool:
        """New or read: still something for the committee to act on."""
        return self.status in {BoxStatus.NEW, BoxStatus.READ}

    @property
    def can_be_answered_privately(self) -> bool:
        return self.answerable and self.answer is None and self.status is not BoxStatus.ABUSIVE


def box_ref(number: int) -> str:
    """B for « boîte »: B-4. Used by members only, never printed large for residents."""
    return f"B-{number}"


class BoxTextProblem(Enum):
    EMPTY = "empty"
    TOO_LONG = "too_long"


def check_box_text(text: str | None) -> tuple[str, BoxTextProblem | None]:
    """The message as it will be kept (trimmed, otherwise as typed), or what is wrong with it."""
    kept = (text or "").strip()
    if not kept:
        return kept, BoxTextProblem.EMPTY
    if len(kept) > BOX_TEXT_LIMIT:
        return kept, BoxTextProblem.TOO_LONG
    return kept, None


def new_reply_token() -> str:
    """A random token (128 bits, URL-safe, 22 characters) that only the writer's chat keeps."""
    return secrets.token_urlsafe(16)


def reply_hash(token: str) -> str:
    """What the database keeps of a reply token: it finds the message, never the writer."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ResidentChannel:
    committee_id: int
    chat_id: int
    title: str | None
    username: str | None
    bot_present: bool

    @property
    def url(self) -> str | None:
        """A public channel's address; a private one has none that the bot may share."""
        return f"https://t.me/{self.username}" if self.username else None


_CHANNEL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_CHANNEL_LINK = re.compile(r"^(?:https?://)?(?:t|telegram)\.me/([A-Za-z][A-Za-z0-9_]{3,31})/?$")
_CHANNEL_ID = re.compile(r"^-100\d{5,15}$")


def channel_reference(text: str) -> str | int | None:
    """What a coordinator typed to name a channel, as getChat takes it: « @name », a t.me
    link, or a numeric id (-100…). None when it is none of them."""
    typed = text.strip()
    if _CHANNEL_ID.match(typed):
        return int(typed)
    link = _CHANNEL_LINK.match(typed)
    if link:
        return "@" + link.group(1)
    name = typed.removeprefix("@")
    return "@" + name if _CHANNEL_NAME.match(name) else None


def first_name(name: str) -> str:
    """What residents read of a person: the first name only (« Marie Tremblay » → « Marie »).
    A name the committee wrote as « Mme Tremblay » or « M. Roy » has no first name to keep:
    it stays as written; « Mme Gisèle Tremblay » gives « Gisèle »."""
    parts = name.split()
    if len(parts) > 1 and is_honorific(parts[0]):
        return " ".join(parts) if len(parts) == 2 else parts[1]
    return parts[0] if parts else ""


class NoticeKind(StrEnum):
    """Where a notice comes from; the integration adds its own (minutes, success...)."""

    MINUTES = "minutes"
    SUCCESS = "success"
    MEETING = "meeting"
    CONSULTATION = "consultation"
    PRIORITIES = "priorities"
    ANSWER = "answer"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class NoticeSection:
    """A part of a notice: an optional heading, then lines (bullets, or plain paragraphs)."""

    heading: str | None
    lines: tuple[str, ...]
    bullets: bool = True


@dataclass(frozen=True, slots=True)
class ResidentNotice:
    """What residents read, already in their words: the channel post and the printed sheet
    are both made from it, so they say the same thing. First names only; no internal notes,
    no internal codes (D-12, S-7) in it."""

    title: str
    sections: tuple[NoticeSection, ...] = ()
    kind: NoticeKind = NoticeKind.OTHER
    # Where residents may answer: the box for most notices, the priorities link for a
    # consultation.
    invites_priorities: bool = False
    # A public answer to a box message: recorded with the message once published.
    answer: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "title": self.title,
                "kind": self.kind.value,
                "invites_priorities": self.invites_priorities,
                "answer": self.answer,
                "sections": [
                    {"heading": s.heading, "lines": list(s.lines), "bullets": s.bullets}
                    for s in self.sections
                ],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ResidentNotice:
        data = json.loads(text)
        return cls(
            title=str(data["title"]),
            kind=NoticeKind(data.get("kind", NoticeKind.OTHER.value)),
            invites_priorities=bool(data.get("invites_priorities", False)),
            answer=data.get("answer"),
            sections=tuple(
                NoticeSection(
                    heading=s.get("heading"),
                    lines=tuple(str(line) for line in s.get("lines", ())),
                    bullets=bool(s.get("bullets", True)),
                )
                for s in data.get("sections", ())
            ),
        )


@dataclass(frozen=True, slots=True)
class StoredNotice:
    id: int
    committee_id: int
    notice: ResidentNotice
    box_item_id: int | None
    published: bool
    channel_message_id: int | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """Who residents can reach, and how: printed on every sheet for the lobby."""

    name: str
    how: str | None = None


@dataclass(frozen=True, slots=True)
class ResidentSettings:
    committee_id: int
    box_token: str
    contact: Contact | None = field(default=None)
