"""The buttons of the residents' side.

« anon »: the writer's own buttons, in their chat only; they carry the reply token, never an
id of the writer (bot/anonymity.py records nobody for them). « box »: the members' box.
« chan »: the residents' channel. « pub »: what is published for residents.
"""

from __future__ import annotations

from bot.anonymity import ANONYMOUS_NAMESPACE
from bot.callbacks import Callback, button

# --- the writer's side ---------------------------------------------------------------------------


@button(ANONYMOUS_NAMESPACE, "want")
class WantAnswer(Callback):
    """« I want to be able to read an answer » under a message just received."""

    token: str


@button(ANONYMOUS_NAMESPACE, "read")
class ReadAnswer(Callback):
    token: str


# --- the members' box ----------------------------------------------------------------------------


@button("box", "list")
class OpenBox(Callback):
    id: int  # the committee


@button("box", "old")
class OldItems(Callback):
    """Archived messages and those marked abusive."""

    id: int  # the committee


@button("box", "open")
class OpenItem(Callback):
    id: int


@button("box", "archive")
class Archive(Callback):
    id: int


@button("box", "abuse")
class Abusive(Callback):
    id: int


@button("box", "restore")
class Restore(Callback):
    id: int


@button("box", "prio")
class ToPriority(Callback):
    id: int


@button("box", "public")
class AnswerPublicly(Callback):
    id: int


@button("box", "private")
class AnswerPrivately(Callback):
    id: int


@button("box", "poster")
class BoxPoster(Callback):
    """The box's link and a sheet with its QR code, to print."""

    id: int  # the committee


@button("box", "contact")
class SetContact(Callback):
    """Who residents can reach, printed on every sheet (coordinators)."""

    id: int  # the committee


# --- the channel ---------------------------------------------------------------------------------


@button("chan", "setup")
class ChannelSetup(Callback):
    id: int  # the committee


@button("chan", "other")
class LinkAnother(Callback):
    id: int  # the committee


@button("chan", "link")
class LinkChannel(Callback):
    """Link the channel where a coordinator just made the bot an administrator."""

    id: int  # the committee
    channel: int  # the channel's id without its minus sign


@button("chan", "check")
class CheckChannel(Callback):
    id: int  # the committee


@button("chan", "unlink")
class UnlinkChannel(Callback):
    id: int  # the committee


# --- publishing ----------------------------------------------------------------------------------


@button("pub", "post")
class Publish(Callback):
    id: int  # the notice


@button("pub", "print")
class PrintNotice(Callback):
    id: int  # the notice
