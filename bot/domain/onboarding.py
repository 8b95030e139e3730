"""Pure rules of onboarding: names, invitation tokens, deep-link payloads. No Telegram types."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from enum import Enum

COMMITTEE_NAME_MIN = 2
COMMITTEE_NAME_MAX = 80
OFFICE_NAME_MAX = 120

# Deep-link payloads are at most 64 characters of [A-Za-z0-9_-] (Telegram's rule).
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")
JOIN_PREFIX = "join-"
NEW_COMMITTEE_PAYLOAD = "new"


class NameProblem(Enum):
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


def clean_text(text: str) -> str:
    """Collapse runs of spaces and trim, so « Comité  des   Pins » is stored once cleanly."""
    return " ".join(text.split())


def check_committee_name(text: str) -> str | NameProblem:
    """A cleaned committee name, or the reason it cannot be used."""
    name = clean_text(text)
    if not name:
        return NameProblem.EMPTY
    if len(name) < COMMITTEE_NAME_MIN:
        return NameProblem.TOO_SHORT
    if len(name) > COMMITTEE_NAME_MAX:
        return NameProblem.TOO_LONG
    return name


def check_office_name(text: str) -> str | NameProblem:
    name = clean_text(text)
    if not name:
        return NameProblem.EMPTY
    if len(name) > OFFICE_NAME_MAX:
        return NameProblem.TOO_LONG
    return name


def new_invitation_token() -> str:
    """Unguessable (128 bits), and short enough for a deep link and a button's data."""
    return secrets.token_urlsafe(16)


class PayloadKind(Enum):
    NONE = "none"
    NEW_COMMITTEE = "new"
    JOIN = "join"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StartPayload:
    kind: PayloadKind
    token: str | None = None


def parse_start_payload(args: list[str]) -> StartPayload:
    """What `/start <payload>` asks for: nothing, a new committee, or joining by invitation."""
    if not args:
        return StartPayload(PayloadKind.NONE)
    payload = args[0].strip()
    if len(args) > 1 or not _PAYLOAD.match(payload):
        return StartPayload(PayloadKind.UNKNOWN)
    if payload == NEW_COMMITTEE_PAYLOAD:
        return StartPayload(PayloadKind.NEW_COMMITTEE)
    if payload.startswith(JOIN_PREFIX):
        token = payload[len(JOIN_PREFIX) :]
        if _TOKEN.match(token):
            return StartPayload(PayloadKind.JOIN, token)
    return StartPayload(PayloadKind.UNKNOWN)


def join_payload(token: str) -> str:
    return JOIN_PREFIX + token


def display_name(first_name: str, last_name: str | None) -> str:
    """The name the committee sees: first and last name as the person set them in Telegram."""
    return clean_text(f"{first_name} {last_name or ''}")[:64] or "?"
