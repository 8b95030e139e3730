"""Who coordinates a committee, and how long an invitation link lets people in. Pure rules."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum

# How many days a new invitation link works, unless a coordinator chose otherwise.
INVITATION_DAYS_DEFAULT = 30
# What a coordinator may choose from (/parametres).
INVITATION_DAYS_CHOICES = (7, 14, 30, 90)


def may_step_down(coordinators: int) -> bool:
    """A coordinator gives the role up only while someone else keeps it: a committee with
    nobody to coordinate it could no longer invite, link its group or change its settings."""
    return coordinators > 1


def link_expiry(created_at: datetime, days: int) -> datetime:
    """When a link made at `created_at` stops working: `days` later, to the second."""
    return created_at + timedelta(days=max(1, days))


class LinkState(Enum):
    OPEN = "open"
    TURNED_OFF = "turned_off"
    EXPIRED = "expired"


def link_state(*, revoked: bool, expires_at: datetime | None, now: datetime) -> LinkState:
    """Whether a link still lets people in. Turned off wins over expired: it was a choice.
    A link with no expiry (none is made any more) stays open until turned off."""
    if revoked:
        return LinkState.TURNED_OFF
    if expires_at is not None and now >= expires_at:
        return LinkState.EXPIRED
    return LinkState.OPEN
