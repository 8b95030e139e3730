"""The doors other features use to reach requests. Plain functions; nothing here is a handler.

- A quick decision that asks something of a partner: `offer_for_decision` gives the button
  « Make it a request » (pressed, it is handled here: the request is logged at once).
- A partnership's objective: `objective_button` starts a request to that partner.
- A mandate's report-back, position by position: `request_from_position` turns a position
  not obtained into a request made in the meeting.
- /bilan and the weekly digest: `without_answer_lines`.
- The next meeting's agenda: `agenda`; the yearly meeting with the office: `for_office`.
- Exports: `in_period`, `markdown_lines`, `calendar_events`, `json_records`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.context import BotContext
from bot.domain.entities import Committee, Decision, Mandate, Objective, Partnership
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
    on_agenda,
    request_ref,
)
from bot.i18n import Translator
from bot.scheduler import replan
from bot.storage.repositories import Storage
from bot.storage.requests import RequestDraft
from bot.ui import Button
from conversations.requests.buttons import FromDecision, FromObjective
from conversations.requests.common import partner_choices
from conversations.requests.views import days_text, summary_lines


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

    Who calls it: /bilan (summary) and the weekly digest (followups), in the reader's language.
    """
    waiting = await storage.requests.of_committee(committee.id, [RequestStatus.WAITING])
    return summary_lines(tr, waiting, today)


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


async def in_period(storage: Storage, committee_id: int, start: date, end: date) -> list[Request]:
    """Requests made in [start, end), and those still open whenever they were made.

    Who calls it: the exports (a month's record), with `markdown_lines`, `calendar_events`
    and `json_records` to render them.
    """
    return [
        r
        for r in await storage.requests.of_committee(committee_id)
        if start <= r.sent_on < end or is_open(r.status)
    ]


def markdown_lines(tr: Translator, requests: Sequence[Request], today: date) -> list[str]:
    """A « Requests to partners » section in Markdown (a heading, one bullet each)."""
    if not requests:
        return []
    _ = tr.gettext
    lines = ["## " + _("Requests to partners"), ""]
    for r in sorted(requests, key=lambda r: r.number):
        state = _(STATUS_LABELS[r.status])
        if r.outcome is not None and r.status is RequestStatus.ANSWERED:
            state = _(OUTCOME_LABELS[r.outcome])
        elif r.status is RequestStatus.WAITING:
            state += f" ({days_text(tr, days_waiting(r.sent_on, today))})"
        partner = r.partner_name or _("partner to name")
        lines.append(f"- **{request_ref(r.number)}** {r.what} — {partner} — {state}")
    return lines


def calendar_events(
    tr: Translator, requests: Sequence[Request], *, timezone: str, at: time = time(10, 0)
) -> list[tuple[str, datetime]]:
    """The expected answer date of each waiting request, for a calendar (label, moment)."""
    tz = ZoneInfo(timezone)
    return [
        (
            tr.gettext("Answer expected: {ref} {what}").format(
                ref=request_ref(r.number), what=r.what
            ),
            datetime.combine(r.expected_on, at, tzinfo=tz),
        )
        for r in requests
        if r.status is RequestStatus.WAITING
    ]


def json_records(requests: Sequence[Request]) -> list[dict[str, Any]]:
    """Plain data for a JSON export: no names beyond the responsible member's first name."""
    return [
        {
            "ref": request_ref(r.number),
            "what": r.what,
            "partner": r.partner_name,
            "channel": r.channel.value if r.channel else None,
            "sent_on": r.sent_on.isoformat(),
            "addressed_to": r.addressed_to,
            "expected_on": r.expected_on.isoformat(),
            "status": r.status.value,
            "outcome": r.outcome.value if r.outcome else None,
            "responsible": r.responsible_name,
        }
        for r in requests
    ]
