"""How decisions and follow-ups read in a chat: summaries and date choices. No handlers."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.entities import Decision, FollowUp
from bot.domain.records import FollowUpStatus, decision_ref, follow_up_ref
from bot.i18n import Translator
from bot.ui import Button, h
from bot.wizard import WHICH_DAY, YEAR_UNSURE, offered_day
from conversations.decisions.buttons import (
    AddFollowUp,
    ChooseDate,
    ChoosePerson,
    DropFollowUp,
    KeepDecision,
    SetDate,
    Undo,
    UndoConfirmed,
)


def follow_up_line(tr: Translator, follow_up: FollowUp) -> str:
    who = h(follow_up.responsible_name) if follow_up.responsible_name else tr.gettext("nobody yet")
    if follow_up.due_date is None:
        return tr.gettext("Follow-up {ref}: {who}, no date yet.").format(
            ref=follow_up_ref(follow_up.number), who=who
        )
    return tr.gettext("Follow-up {ref}: {who}, by {when}.").format(
        ref=follow_up_ref(follow_up.number),
        who=who,
        when=tr.format_due(follow_up.due_date, follow_up.due_time),
    )


def follow_up_lines(
    tr: Translator, follow_up: FollowUp, date_phrase: str | None = None
) -> list[str]:
    """The follow-up apart from the decision: its title, then who and when, one line each
    (with the words the date was read from, when it was just read)."""
    _ = tr.gettext
    who = h(follow_up.responsible_name) if follow_up.responsible_name else _("nobody yet")
    when = tr.format_due(follow_up.due_date, follow_up.due_time)
    if date_phrase and follow_up.due_date is not None:
        when += f" (« {h(date_phrase)} »)"
    return [
        _("Follow-up {ref}: {title}").format(
            ref=follow_up_ref(follow_up.number), title=h(follow_up.text)
        ),
        _("Who: {who}").format(who=who),
        _("When: {when}").format(when=when),
    ]


@dataclass(frozen=True, slots=True)
class Notes:
    """What the person should know about how their message was read."""

    date_phrase_read: str | None = None  # the words a due date was read from
    # A date asked about (« le 3 novembre » just passed, « en janvier »): its words, the day
    # offered with a button, and whether the year is what is in doubt.
    date_phrase_asked: str | None = None
    date_offered: date | None = None
    year_in_doubt: bool = False
    text_was_cut: bool = False
    date_phrase_in_past: str | None = None
    date_phrase_unreadable: str | None = None
    name_ambiguous: bool = False


def decision_summary(
    tr: Translator, decision: Decision, follow_up: FollowUp | None, notes: Notes = Notes()
) -> str:
    _ = tr.gettext
    lines = [
        _("Saved: decision {ref}").format(ref=decision_ref(decision.number)),
        f"« {h(decision.text)} »",
    ]
    if follow_up is not None:
        lines += follow_up_lines(tr, follow_up, notes.date_phrase_read)
    if notes.date_phrase_asked and notes.date_offered:
        doubt = YEAR_UNSURE if notes.year_in_doubt else WHICH_DAY
        day = tr.format_day(notes.date_offered)
        lines.append(_(doubt).format(phrase=h(notes.date_phrase_asked), day=day))
    if notes.text_was_cut:
        lines.append(_("Your text was too long: I kept the beginning."))
    if notes.date_phrase_in_past:
        lines.append(
            _(
                "The date « {phrase} » is already past. Choose a date with « Change the date »."
            ).format(phrase=h(notes.date_phrase_in_past))
        )
    if notes.date_phrase_unreadable:
        lines.append(
            _(
                "I could not read the date « {phrase} ». Choose it with « Change the date »."
            ).format(phrase=h(notes.date_phrase_unreadable))
        )
    if notes.name_ambiguous:
        lines.append(_("Several members have that name. Choose with « Change the person »."))
    return "\n".join(lines)


def decision_buttons(
    tr: Translator, decision: Decision, follow_up: FollowUp | None, notes: Notes = Notes()
) -> list[list[Button]]:
    _ = tr.gettext
    offer: list[list[Button]] = []
    if follow_up is not None and notes.date_offered is not None:
        day = notes.date_offered
        offer = [[(offered_day(tr, day), SetDate(id=follow_up.id, day=day))]]
    if follow_up is None:
        return [
            [(_("Add a follow-up"), AddFollowUp(id=decision.id))],
            [(_("Undo the decision"), Undo(id=decision.id))],
        ]
    return [
        *offer,
        *follow_up_fixes(tr, follow_up),
        [
            (_("No follow-up"), DropFollowUp(id=follow_up.id)),
            (_("Undo the decision"), Undo(id=decision.id)),
        ],
    ]


def follow_up_fixes(tr: Translator, follow_up: FollowUp) -> list[list[Button]]:
    """« Change the person », « Change the date »: under any follow-up just logged."""
    _ = tr.gettext
    return [
        [
            (_("Change the person"), ChoosePerson(id=follow_up.id)),
            (_("Change the date"), ChooseDate(id=follow_up.id)),
        ]
    ]


def follow_up_state(tr: Translator, follow_up: FollowUp, reminders_sent: int) -> str:
    """Where a follow-up stands, in a few words: done on, blocked, cancelled, or still open."""
    _ = tr.gettext
    if follow_up.status is FollowUpStatus.DONE:
        state = (
            _("done on {day}").format(day=tr.format_day(follow_up.done_on))
            if follow_up.done_on
            else _("done")
        )
    elif follow_up.status is FollowUpStatus.BLOCKED:
        state = _("blocked: {reason}").format(reason=h(follow_up.blocked_reason or "—"))
    elif follow_up.status is FollowUpStatus.CANCELLED:
        state = _("cancelled")
    else:
        state = _("open, due {when}").format(
            when=tr.format_due(follow_up.due_date, follow_up.due_time)
        )
    if reminders_sent:
        state += ", " + tr.ngettext(
            "{count} reminder sent", "{count} reminders sent", reminders_sent
        ).format(count=reminders_sent)
    return state


def undo_question(
    tr: Translator, decision: Decision, follow_ups: list[tuple[FollowUp, int]]
) -> tuple[str, list[list[Button]]]:
    """Asked once before a decision goes with its follow-ups: what exactly would be removed."""
    _ = tr.gettext
    ref = decision_ref(decision.number)
    lines = [
        "<b>" + h(_("Undo decision {ref}?").format(ref=ref)) + "</b>",
        _("This would remove:"),
        "• " + _("decision {ref}: « {text} »").format(ref=ref, text=h(decision.text)),
    ]
    for follow_up, sent in follow_ups:
        lines.append(
            "• "
            + _("its follow-up {ref}: « {title} », {state}").format(
                ref=follow_up_ref(follow_up.number),
                title=h(follow_up.text),
                state=follow_up_state(tr, follow_up, sent),
            )
        )
    buttons: list[list[Button]] = [
        [
            (_("Yes, undo {ref}").format(ref=ref), UndoConfirmed(id=decision.id)),
            (_("No, keep {ref}").format(ref=ref), KeepDecision(id=decision.id)),
        ]
    ]
    return "\n".join(lines), buttons


def date_choices(tr: Translator, today: date) -> list[tuple[str, date]]:
    """A few likely deadlines, each labelled with its short date (« ven. 27 nov. »)."""
    _ = tr.gettext
    last_day = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    days_to_friday = (4 - today.weekday()) % 7 or 7
    choices = [
        (_("Tomorrow"), today + timedelta(days=1)),
        (_("Friday"), today + timedelta(days=days_to_friday)),
        (_("In one week"), today + timedelta(weeks=1)),
        (_("In two weeks"), today + timedelta(weeks=2)),
    ]
    if last_day > today + timedelta(days=1):
        choices.append((_("End of the month"), last_day))
    return [(f"{label} ({tr.format_short_day(day)})", day) for label, day in choices]
