"""Plain records read from storage. No Telegram types, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CommitteeKind(StrEnum):
    ASSOCIATION = "association"
    CCR = "ccr"
    OTHER = "other"


class Role(StrEnum):
    COORDINATOR = "coordinator"
    MEMBER = "member"


class MembershipSource(StrEnum):
    CREATOR = "creator"
    INVITATION = "invitation"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Person:
    telegram_id: int
    display_name: str
    username: str | None
    language: str | None
    language_hint: str | None
    active_committee_id: int | None
    bot_blocked: bool


@dataclass(frozen=True, slots=True)
class Committee:
    id: int
    name: str
    kind: CommitteeKind
    housing_office: str | None
    timezone: str
    locale: str
    created_by: int


@dataclass(frozen=True, slots=True)
class Membership:
    committee: Committee
    person_id: int
    role: Role

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.COORDINATOR


@dataclass(frozen=True, slots=True)
class Member:
    person_id: int
    display_name: str
    role: Role


@dataclass(frozen=True, slots=True)
class CommitteeChat:
    chat_id: int
    committee_id: int
    title: str | None
    bot_present: bool


@dataclass(frozen=True, slots=True)
class Invitation:
    token: str
    committee_id: int
    created_by: int
    revoked: bool
    uses: int
