"""The buttons of meetings (« mtg »)."""

from __future__ import annotations

from bot.callbacks import Callback, button
from bot.domain.records import MeetingKind


@button("mtg", "new")
class NewMeeting(Callback):
    pass


@button("mtg", "more")
class AddToMeeting(Callback):
    id: int


@button("mtg", "past")
class PastMeetings(Callback):
    pass


@button("mtg", "open")
class OpenMeeting(Callback):
    id: int


@button("mtg", "day")
class Day(Callback):
    days_back: int


@button("mtg", "kind")
class Kind(Callback):
    kind: MeetingKind


@button("mtg", "att")
class Attendee(Callback):
    person: int


@button("mtg", "attdone")
class AttendeesDone(Callback):
    pass


@button("mtg", "decdone")
class DecisionsDone(Callback):
    pass


@button("mtg", "actdone")
class ActionsDone(Callback):
    pass


@button("mtg", "nonext")
class NoNextMeeting(Callback):
    pass


@button("mtg", "attnamed")
class NamedAttendee(Callback):
    """A member without Telegram, on the attendance list."""

    member: int


@button("mtg", "announce")
class AnnounceNext(Callback):
    """The next meeting, told to the residents (offered, published by a member)."""

    id: int  # the meeting that set it


@button("mtg", "agenda")
class ShowAgenda(Callback):
    id: int  # the committee


@button("mtg", "agendaoff")
class RemoveAgendaItem(Callback):
    id: int  # the agenda item


@button("mtg", "frombox")
class AgendaFromBox(Callback):
    """A box message, on the agenda of the next meeting."""

    id: int  # the box message


# --- general assemblies ----------------------------------------------------------------------


@button("ga", "new")
class NewAssembly(Callback):
    pass


@button("ga", "noplace")
class NoPlace(Callback):
    pass


@button("ga", "novote")
class NoVote(Callback):
    pass


@button("ga", "open")
class OpenAssembly(Callback):
    id: int


@button("ga", "notice")
class AssemblyNotice(Callback):
    id: int


@button("ga", "attend")
class AttendanceSheet(Callback):
    id: int


@button("ga", "ballot")
class BallotSheet(Callback):
    id: int


@button("ga", "results")
class EnterResults(Callback):
    id: int
