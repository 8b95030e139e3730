"""Pure rules of onboarding: names, invitation tokens, deep-link payloads. No Telegram types."""

from __future__ import annotations

import re
import secrets
from enum import Enum

COMMITTEE_NAME_MIN = 2
COMMITTEE_NAME_MAX = 80
OFFICE_NAME_MAX = 120

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")


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


def is_invitation_token(text: str) -> bool:
    """A token as `new_invitation_token` makes them (the part after « join- » in a link)."""
    return bool(_TOKEN.match(text))


def display_name(first_name: str, last_name: str | None) -> str:
    """The name the committee sees: first and last name as the person set them in Telegram."""
    return clean_text(f"{first_name} {last_name or ''}")[:64] or "?"
