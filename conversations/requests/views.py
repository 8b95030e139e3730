"""How requests read in a chat: the card, the list by partner, the reminders. No handlers.

Every function takes the reader's `Translator`, so the integration can render the same lines
in a group's language (/bilan, the weekly digest, the yearly meeting with the office).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.domain.entities import FollowUp
from bot.domain.records import follow_up_ref
from bot.domain.request_letters import Letter, LetterKind
from bot.domain.requests import (
    CHANNEL_LABELS,
    OUTCOME_LABELS,
    PROMISING,
    Answer,
    PartnerGroup,
    Request,
    RequestStatus,
    Rung,
    can_close,
    can_pause,
    can_relance,
    can_resume,
    days_overdue,
    days_waiting,
    is_overdue,
    request_ref,
)
from bot.i18n import Translator
from bot.ui import Button, h
from conversations.requests.buttons import (
    AddPromise,
    AnswerReceived,
    Close,
    EditMenu,
    LetterFiles,
    ListAll,
    MakeLetter,
    MakeRelanceLetter,
    Open,
    Pause,
    Relanced,
    Resume,
)


def days_text(tr: Translator, n: int) -> str:
    """« 1 jour », « 31 jours »."""
    return tr.ngettext("{n} day", "{n} days", n).format(n=n)


def partner_text(tr: Translator, request: Request) -> str:
    return h(request.partner_name) if request.partner_name else tr.gettext("partner to name")


def title(tr: Translator, request: Request) -> str:
    """« Q-4 · Office municipal d'habitation de Québec »."""
    return f"<b>{request_ref(request.number)}</b> · {partner_text(tr, request)}"


def state_line(tr: Translator, request: Request, today: date) -> str:
    """Where the request stands today, in one line."""
    _ = tr.gettext
    waited = days_text(tr, days_waiting(request.sent_on, today))
    if request.status is RequestStatus.PAUSED:
        return _("Paused.")
    if request.status is RequestStatus.CLOSED:
        return _("Closed.")
    if request.status is RequestStatus.ANSWERED and request.outcome is not None:
        return _("Answered: {outcome}.").format(outcome=_(OUTCOME_LABELS[request.outcome]))
    if days_waiting(request.sent_on, today) == 0:
        line = _("Waiting for an answer (asked today).")
    else:
        line = _("Waiting for an answer for {days}.").format(days=waited)
    if is_overdue(request.status, request.expected_on, today):
        late = days_text(tr, days_overdue(request.expected_on, today))
        line += " " + _("The answer is {days} late.").format(days=late)
    return line


def sent_line(tr: Translator, request: Request) -> str:
    _ = tr.gettext
    how = _(CHANNEL_LABELS[request.channel]) if request.channel else None
    day = tr.format_day(request.sent_on)
    line = (
        _("Asked {how}, on {day}.").format(how=how.lower(), day=day)
        if how
        else _("Asked on {day}.").format(day=day)
    )
    if request.addressed_to:
        line += " " + _("To: {who}.").format(who=h(request.addressed_to))
    return line


def request_card(
    tr: Translator,
    request: Request,
    *,
    today: date,
    answers: Sequence[Answer] = (),
    promises: Sequence[FollowUp] = (),
    letters: Sequence[Letter] = (),
) -> str:
    """Everything about one request: what, to whom, where it stands, answers, promises."""
    _ = tr.gettext
    lines = [
        title(tr, request),
        f"« {h(request.what)} »",
        sent_line(tr, request),
        _("Answer expected by {day}.").format(day=tr.format_day(request.expected_on)),
        state_line(tr, request, today),
        _("Responsible: {who}").format(
            who=h(request.responsible_name) if request.responsible_name else _("nobody yet")
        ),
    ]
    if answers:
        lines += ["", "<b>" + _("Answers") + "</b>"]
        for answer in answers:
            line = "• " + _("{day}: {outcome}").format(
                day=tr.format_short_day(answer.answered_on),
                outcome=_(OUTCOME_LABELS[answer.outcome]),
            )
            if answer.note:
                line += f" — {h(answer.note)}"
            lines.append(line)
    if promises:
        lines += ["", "<b>" + _("What the partner promised") + "</b>"]
        lines += [f"• {follow_up_ref(f.number)} {h(f.text)} — {_due(tr, f)}" for f in promises]
    finals = [letter for letter in letters if letter.final]
    if finals:
        lines += ["", "<b>" + _("Letters") + "</b>"]
        lines += [f"• {letter_name(tr, letter)}" for letter in finals]
    return "\n".join(lines)


def _due(tr: Translator, follow_up: FollowUp) -> str:
    return tr.format_day(follow_up.due_date) if follow_up.due_date else tr.gettext("no date")


def letter_name(tr: Translator, letter: Letter) -> str:
    """« Lettre de relance du 24 décembre 2026 »."""
    template = (
        tr.gettext("Letter of {day}")
        if letter.kind is LetterKind.REQUEST
        else tr.gettext("Lettre de relance of {day}")
    )
    return template.format(day=tr.format_day(letter.written_on))


def card_buttons(
    tr: Translator,
    request: Request,
    *,
    today: date,
    letters: Sequence[Letter] = (),
    private_link: str | None = None,
) -> list[list[Button]]:
    """What can be done now. In a group (`private_link` given), one link to do it in private:
    letters and answers are written one question at a time, which privacy mode hides."""
    _ = tr.gettext
    rows: list[list[Button]] = []
    if private_link is not None:
        if request.status is not RequestStatus.CLOSED:
            rows.append([(_("Open in private"), private_link)])
        return rows
    status = request.status
    if status is not RequestStatus.CLOSED:
        rows.append(
            [
                (_("📝 Letter"), MakeLetter(id=request.id)),
                (_("📬 Answer received"), AnswerReceived(id=request.id)),
            ]
        )
    if can_relance(status):
        row: list[Button] = [(_("📞 Relanced"), Relanced(id=request.id))]
        if is_overdue(status, request.expected_on, today) or status is RequestStatus.PAUSED:
            row.append((_("✉️ Lettre de relance"), MakeRelanceLetter(id=request.id)))
        rows.append(row)
    if status is RequestStatus.ANSWERED and request.outcome in PROMISING:
        rows.append([(_("Note a promise (follow-up)"), AddPromise(id=request.id))])
    manage: list[Button] = []
    if status is not RequestStatus.CLOSED:
        manage.append((_("Edit"), EditMenu(id=request.id)))
    if can_pause(status):
        manage.append((_("⏸ Pause"), Pause(id=request.id)))
    if can_resume(status):
        manage.append((_("▶️ Take up again"), Resume(id=request.id)))
    if can_close(status):
        manage.append((_("Close"), Close(id=request.id)))
    if manage:
        rows.append(manage)
    finals = [letter for letter in letters if letter.final][-2:]
    for letter in finals:
        rows.append([(letter_name(tr, letter) + " (PDF)", LetterFiles(id=letter.id))])
    rows.append([(_("All requests"), ListAll())])
    return rows


def reminder_buttons(tr: Translator, request: Request) -> list[list[Button]]:
    """Under a relance reminder: what the responsible member did, or wants to do."""
    _ = tr.gettext
    relanced = (_("📞 Relanced"), Relanced(id=request.id))
    answered = (_("📬 Answer received"), AnswerReceived(id=request.id))
    letter = (_("✉️ Lettre de relance"), MakeRelanceLetter(id=request.id))
    return [[relanced, answered], [letter, (_("⏸ Pause"), Pause(id=request.id))]]


def reminder_text(tr: Translator, rung: Rung, request: Request, today: date) -> str:
    """Kind words for each rung: the facts, then what helps next."""
    _ = tr.gettext
    values = {
        "ref": request_ref(request.number),
        "what": h(request.what),
        "partner": partner_text(tr, request),
        "expected": tr.format_day(request.expected_on),
        "sent": tr.format_day(request.sent_on),
        "days": days_text(tr, days_waiting(request.sent_on, today)),
    }
    if rung is Rung.FIRST:
        text = _(
            "No answer yet to {ref} « {what} » ({partner}), expected by {expected}. "
            "A polite relance often helps: a phone call or an email. What happened?"
        )
    elif rung is Rung.SECOND:
        text = _(
            "Still no answer to {ref} « {what} » ({partner}), asked on {sent}: {days} already. "
            "A lettre de relance reminds them of your request, its date and its number; "
            "I can write it for you."
        )
    else:
        text = _(
            "{ref} « {what} » ({partner}) has been waiting for {days}, despite the relances. "
            "The committee can raise it with its representatives on the CCR or on the "
            "housing office's board. It is now on the list of subjects for the next meeting "
            "(/demande shows it)."
        )
    return text.format(**values)


def list_text(
    tr: Translator,
    committee_name: str,
    groups: Sequence[PartnerGroup],
    *,
    today: date,
    agenda: Sequence[Request] = (),
) -> str:
    """/demande: the open requests by partner, with days waiting; then the agenda."""
    _ = tr.gettext
    lines = ["<b>" + _("Requests of {name}").format(name=h(committee_name)) + "</b>"]
    if not groups:
        lines.append(
            _(
                "No request waiting for an answer. Log one with « New request », or in one "
                "message: /demande We ask the office to repair the door of the common room."
            )
        )
    for group in groups:
        partner = h(group.partner) if group.partner else _("Partner to name")
        lines += ["", f"<b>{partner}</b>"]
        lines += [request_line(tr, request, today) for request in group.requests]
    if agenda:
        lines += ["", "<b>" + _("For the next meeting (no answer despite the relances)") + "</b>"]
        lines += [f"• {request_ref(r.number)} « {h(r.what)} »" for r in agenda]
    return "\n".join(lines)


def request_line(tr: Translator, request: Request, today: date) -> str:
    """« • Q-4 « Réparer la porte » — 31 jours, en retard »."""
    _ = tr.gettext
    waited_days = days_waiting(request.sent_on, today)
    waited = days_text(tr, waited_days) if waited_days else _("asked today")
    if request.status is RequestStatus.PAUSED:
        state = _("paused")
    elif is_overdue(request.status, request.expected_on, today):
        state = _("{days}, late").format(days=waited)
    else:
        state = waited
    return f"• {request_ref(request.number)} « {h(request.what)} » — {state}"


def summary_lines(tr: Translator, requests: Sequence[Request], today: date) -> list[str]:
    """For /bilan and the weekly digest: the requests still without an answer, the late
    ones first. Empty when none is waiting."""
    waiting = [r for r in requests if r.status is RequestStatus.WAITING]
    if not waiting:
        return []
    waiting.sort(key=lambda r: (not is_overdue(r.status, r.expected_on, today), r.sent_on))
    lines = ["<b>" + tr.gettext("Requests without an answer") + "</b>"]
    for request in waiting:
        lines.append(request_line(tr, request, today) + f" ({partner_text(tr, request)})")
    return lines


def open_button(tr: Translator, request: Request) -> list[Button]:
    """A row that opens one request's card."""
    return [(f"{request_ref(request.number)} — {request.what}", Open(id=request.id))]
