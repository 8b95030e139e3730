"""What residents read of the committee's work, in their words: a success, a step done, a
meeting to come. One place for the rule: first names only, no internal codes, never a
partnership's internal notes (its need, its resources) nor a mandate's limits.

Each feature offers these with `publish.offer_publication`; the channel post and the printed
sheet are both made from the notice (conversations/residents/sheets.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.entities import MeetingTime
from bot.domain.residents import NoticeKind, NoticeSection, ResidentNotice
from bot.exports.common import capitalize_first, one_line
from bot.i18n import Translator


def success_notice(tr: Translator, objective: str, partner: str) -> ResidentNotice:
    """An objective reached with a partner: the objective and the partner, nothing more."""
    return ResidentNotice(
        title=tr.gettext("A success for the building!"),
        kind=NoticeKind.SUCCESS,
        sections=(
            NoticeSection(
                None,
                (
                    tr.gettext("Objective reached: « {objective} »").format(
                        objective=one_line(objective)
                    ),
                    tr.gettext("With: {partner}").format(partner=one_line(partner)),
                    tr.gettext("Thank you to everyone who made it happen!"),
                ),
                bullets=False,
            ),
        ),
    )


def step_notice(tr: Translator, done: str, objective: str, partner: str) -> ResidentNotice:
    """A follow-up done on the way to an objective."""
    return ResidentNotice(
        title=tr.gettext("It is done: « {what} »").format(what=one_line(done)),
        kind=NoticeKind.SUCCESS,
        sections=(
            NoticeSection(
                None,
                (
                    tr.gettext("A step toward « {objective} ».").format(
                        objective=one_line(objective)
                    ),
                    tr.gettext("With: {partner}").format(partner=one_line(partner)),
                ),
                bullets=False,
            ),
        ),
    )


def meeting_notice(
    tr: Translator,
    title: str,
    when: MeetingTime,
    *,
    place: str | None = None,
    agenda: Sequence[str] = (),
    votes: Sequence[str] = (),
) -> ResidentNotice:
    """A meeting to come (the committee's next meeting, a general assembly): when, where, what
    it will talk about, what it will vote on."""
    first = [capitalize_first(tr.format_meeting(when))]
    if place:
        first.append(tr.gettext("Where: {place}").format(place=one_line(place)))
    sections = [NoticeSection(None, tuple(first), bullets=False)]
    if agenda:
        sections.append(
            NoticeSection(tr.gettext("On the agenda"), tuple(one_line(a) for a in agenda))
        )
    if votes:
        sections.append(
            NoticeSection(tr.gettext("Put to a vote"), tuple(one_line(v) for v in votes))
        )
    return ResidentNotice(title=title, sections=tuple(sections), kind=NoticeKind.MEETING)
