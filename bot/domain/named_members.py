"""Members without Telegram: a name a coordinator typed (« M. Roy », « Mme Tremblay »).

Many residents are not on Telegram; the committee still counts them. They attend meetings,
are responsible for actions, and vote by proxy (a coordinator records their vote, and the
tally says so). Their name is all there is: no account, no chat. No Telegram types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.french_date_cues import fold_text
from bot.domain.typed_text import is_meaningful

NAME_LIMIT = 60
# Words before a name that say how to address the person, not who they are.
_HONORIFICS = frozenset(
    {"m", "m.", "mr", "mr.", "mme", "mme.", "mlle", "mlle.", "monsieur", "madame", "mademoiselle"}
)


@dataclass(frozen=True, slots=True)
class NamedMember:
    id: int
    committee_id: int
    name: str
    relay_id: int | None = None  # a member who agreed to pass the reminders on
    relay_asked: int | None = None  # a member asked to, who has not answered yet


@dataclass(frozen=True, slots=True)
class ProxyVote:
    """A vote a coordinator recorded for a member without Telegram, and by whom (None once
    that coordinator asked to be forgotten)."""

    member_id: int
    member_name: str
    choice: str
    recorded_by: str | None


def clean_member_name(text: str) -> str | None:
    """The name as it will be kept (one line, spaces collapsed), or None when it says nothing
    or is too long to be a name."""
    name = " ".join(text.split())
    if not is_meaningful(name) or len(name) > NAME_LIMIT:
        return None
    return name


def is_honorific(word: str) -> bool:
    """« M. », « Mme », « Madame »…: how to address someone, not their name."""
    return fold_text(word)[0] in _HONORIFICS


def _words(name: str) -> list[str]:
    return fold_text(name)[0].replace("-", " ").split()


def _without_honorific(name: str) -> list[str]:
    words = _words(name)
    return words[1:] if len(words) > 1 and words[0] in _HONORIFICS else words


def matching_member(name: str, members: Sequence[NamedMember]) -> NamedMember | None:
    """The member a typed name means: the same name (case and accents aside), or the same
    name without « M. », « Mme »… (« Roy » is « M. Roy »). None when none, or several, fit:
    a name that could be two people names neither."""
    exact = [m for m in members if _words(m.name) == _words(name)]
    if len(exact) == 1:
        return exact[0]
    wanted = _without_honorific(name)
    found = [m for m in members if wanted and _without_honorific(m.name) == wanted]
    return found[0] if len(found) == 1 else None


def as_named(typed: str, members: Sequence[NamedMember]) -> str:
    """A typed name, written as the committee wrote it when it means one of its members
    without Telegram (« Roy » → « M. Roy »); otherwise kept as typed."""
    found = matching_member(typed, members)
    return found.name if found is not None else typed
