"""The doors other features use to reach requests. Plain functions; nothing here is a handler.

- A quick decision that asks something of a partner: `offer_for_decision` gives the button
  « Make it a request » (pressed, it is handled here: the request is logged at once).
- A partnership's objective: `objective_button` starts a request to that partner.
- A mandate's report-back, position by position: `request_from_position` turns a position
  not obtained into a request made in the meeting.
- /bilan: `glance_lines`; the weekly digest: `without_answer_lines`.
- The next meeting's agenda: `agenda`; the yearly meeting with the office: `for_office`.
- Exports: `in_period`, as the lines of a `RecordSheet`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.context import BotContext
from bot.domain.entities import Committee, Decision, Mandate, Objective, Partnership
from bot.domain.records import FollowUpStatus, RequestLine
from bot.domain.requests import (
    OUTCOME_LABELS,
    STATUS_LABELS,
    Channel,
    Request,
    RequestStatus,
    asks_a_partner,
    days_waiting,
    expected_by,
    fold,
    is_open,
    is_overdue,
    on_agenda,
    request_ref,
)
from bot.i18n import Translator
from bot.scheduler import replan
from bot.storage.repositories import Storage
from bot.storage.requests import RequestDraft
from bot.ui import Button, h
from conversations.requests.buttons import FromDecision, FromObjective
from conversations.requests.common import partner_choices
from conversations.requests.views import days_text, summary_lines

# /bilan shows the answers of the last three months.
RECENT = timedelta(days=90)


async def offer_for_decision(
    context: BotContext, committee: Committee, decision: Decision
) -> list[list[Button]]:
    """Under a quick decision: « Make it a request » when the decision asks something of a
    partner (« On demande à l'office de réparer la porte »); no row otherwise.

    Who calls it: the decisions feature, when it shows a decision just logged. The press is
    handled by this feature (a request logged at once, its card shown, the letter one tap away).
    """
    choices = await partner_choices(context, committee)
    if not asks_a_partner(decision.text, choices, committee.housing_office):
        return []
    return [[(context._("📨 Make it a request to a partner"), FromDecision(id=decision.id))]]


def objective_button(tr: Translator, partnership: Partnership, objective: Objective) -> Button:
    """« Ask the partner » under a partnership's objective: a request to that partner, about
    that objective, written in private (the wizard starts at « What do you ask? »).

    Who calls it: the partnerships feature, on a partnership's sheet or objective.
    """
    return (
        tr.gettext("📨 Ask {partner}").format(partner=partnership.partner_name),
        FromObjective(id=partnership.id, objective=objective.id),
    )


async def log_request(
    context: BotContext, committee_id: int, draft: RequestDraft, *, created_by: int | None
) -> Request:
    """Store a request and plan its relances (the tenacity ladder starts by itself).

    Who calls it: any feature that has every answer already (a mandate's report-back).
    """
    request = await context.storage.requests.create(committee_id, draft, created_by=created_by)
    await replan(context)
    return request


def position_draft(mandate: Mandate, position: str, *, today: date) -> RequestDraft:
    """A position the representative did not obtain, as a request made in the meeting: to the
    mandate's partner, on the meeting's day, the representative following it up."""
    asked_on = mandate.meeting_at.day if mandate.meeting_at is not None else today
    return RequestDraft(
        what=position,
        partner_name=mandate.partner_name,
        partnership_id=mandate.partnership_id,
        channel=Channel.MEETING,
        sent_on=asked_on,
        addressed_to=None,
        expected_on=expected_by(max(asked_on, today)),
        responsible_id=mandate.representative_id,
        responsible_name=mandate.representative_name.split(" ")[0] or None,
        mandate_id=mandate.id,
    )


async def request_from_position(
    context: BotContext, mandate: Mandate, position: str, *, created_by: int | None
) -> Request:
    """Turn a position not obtained (refused, postponed, partly) into a request.

    Who calls it: the mandates feature, in the report-back, position by position.
    """
    committee = await context.storage.committees.get(mandate.committee_id)
    assert committee is not None
    today = context.services.now(committee.timezone).date()
    draft = position_draft(mandate, position, today=today)
    return await log_request(context, committee.id, draft, created_by=created_by)


async def without_answer_lines(
    storage: Storage, committee: Committee, tr: Translator, today: date
) -> list[str]:
    """The requests still waiting for an answer, the late ones first, one line each, with a
    heading; empty when there is none.

    Who calls it: the weekly digest (followups), in the committee's language.
    """
    waiting = await storage.requests.of_committee(committee.id, [RequestStatus.WAITING])
    return summary_lines(tr, waiting, today)


@dataclass(frozen=True, slots=True)
class Standing:
    """A request, its last answer's day, and what the partner promised still to verify."""

    request: Request
    answered_on: date | None
    promises_open: int


async def standings(storage: Storage, committee_id: int, *, since: date) -> list[Standing]:
    """The open requests, and those made or answered since `since`, by number."""
    found: list[Standing] = []
    for request in await storage.requests.of_committee(committee_id):
        answers = await storage.requests.answers(request.id)
        answered_on = answers[-1].answered_on if answers else None
        recent = request.sent_on >= since or (answered_on is not None and answered_on >= since)
        if not (is_open(request.status) or recent):
            continue
        promises = [
            await storage.follow_ups.get(i)
            for i in await storage.requests.follow_up_ids(request.id)
        ]
        still = sum(1 for f in promises if f is not None and f.status is FollowUpStatus.OPEN)
        found.append(Standing(request, answered_on, still))
    return found


async def glance_lines(
    storage: Storage, committee: Committee, tr: Translator, today: date
) -> list[str]:
    """/bilan's section: the requests without an answer (the late ones first), then those
    answered in the last 90 days with the promises still to verify.

    Who calls it: /bilan (summary), in the reader's language.
    """
    _ = tr.gettext
    lines = ["<b>" + h(_("Requests to partners")) + "</b>"]
    waiting = await storage.requests.of_committee(committee.id, [RequestStatus.WAITING])
    lines += summary_lines(tr, waiting, today)[1:]
    for standing in await standings(storage, committee.id, since=today - RECENT):
        request = standing.request
        if request.status is not RequestStatus.ANSWERED or request.outcome is None:
            continue
        line = f"• {request_ref(request.number)} « {h(request.what)} » — " + _(
            OUTCOME_LABELS[request.outcome]
        )
        if standing.promises_open:
            line += " — " + tr.ngettext(
                "{n} promise to verify", "{n} promises to verify", standing.promises_open
            ).format(n=standing.promises_open)
        lines.append(line)
    return lines if len(lines) > 1 else [*lines, _("None waiting: /demande")]


async def agenda(storage: Storage, committee_id: int) -> list[Request]:
    """Requests still waiting after the whole relance ladder: for the next meeting's agenda.

    Who calls it: the meetings feature, when it prepares or records the next meeting.
    """
    waiting = await storage.requests.of_committee(committee_id, [RequestStatus.WAITING])
    events = await storage.requests.events_of(r.id for r in waiting)
    return [r for r in waiting if on_agenda(r.status, events.get(r.id, []))]


async def for_office(storage: Storage, committee: Committee) -> list[Request]:
    """Open requests to the housing office, oldest first: the list to bring to the yearly
    formal meeting with the office.

    Who calls it: the meetings feature's yearly office meeting (and its mandate, if any).
    """
    office = fold(committee.housing_office or "").strip()
    partnerships = await storage.partnerships.of_committee(committee.id)
    office_partnerships = {p.id for p in partnerships if p.partner_kind == "housing_office"}
    found = [
        r
        for r in await storage.requests.of_committee(committee.id)
        if is_open(r.status)
        and (
            (r.partnership_id is not None and r.partnership_id in office_partnerships)
            or (bool(office) and fold(r.partner_name or "").strip() == office)
        )
    ]
    return sorted(found, key=lambda r: (r.sent_on, r.number))


async def in_period(
    storage: Storage, committee: Committee, tr: Translator, start: date, end: date, today: date
) -> tuple[RequestLine, ...]:
    """For a period's export: the requests made or answered in [start, end), and those still
    open whenever they were made, each with where it stands, in the reader's language.

    Who calls it: the exports (a month's record), into its `RecordSheet`.
    """
    return tuple(
        sheet_line(tr, s.request, today)
        for s in await standings(storage, committee.id, since=start)
        if is_open(s.request.status)
        or start <= s.request.sent_on < end
        or (s.answered_on is not None and start <= s.answered_on < end)
    )


def sheet_line(tr: Translator, request: Request, today: date) -> RequestLine:
    """One request as printed and exported: where it stands, said plainly."""
    _ = tr.gettext
    if request.status is RequestStatus.ANSWERED and request.outcome is not None:
        state = _(OUTCOME_LABELS[request.outcome])
    elif request.status is RequestStatus.WAITING:
        state = _("Without an answer for {days}").format(
            days=days_text(tr, days_waiting(request.sent_on, today))
        )
        if is_overdue(request.status, request.expected_on, today):
            state += " — " + _("late")
    else:
        state = _(STATUS_LABELS[request.status])
    return RequestLine(
        ref=request_ref(request.number),
        what=request.what,
        partner=request.partner_name,
        sent_on=request.sent_on,
        expected_on=request.expected_on,
        status=request.status.value,
        outcome=request.outcome.value if request.outcome else None,
        state=state,
        waiting=request.status is RequestStatus.WAITING,
    )
