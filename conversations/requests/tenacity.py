"""Tenacity: the relance reminders, and what the committee does about a request at any step
(relanced, paused, taken up again, closed).

The ladder is computed from the stored steps (bot/domain/requests.py `next_rung`), so a
request's reminders need no planning: the source lists the next rung of every waiting request,
claims it in the database before sending it, and the next rung follows from what was sent.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.requests import (
    Move,
    NextRung,
    Request,
    RequestStatus,
    Rung,
    can_close,
    can_pause,
    can_relance,
    can_resume,
    next_rung,
    request_ref,
)
from bot.refusal_policy import SendLater
from bot.scheduler import Daytime, Occurrence, replan
from bot.services import Services
from bot.ui import Button, edit_or_send, h, post_to_groups, send_to_person
from conversations.followups.reminders import mention_of
from conversations.requests.buttons import Close, CloseConfirmed, Open, Pause, Relanced, Resume
from conversations.requests.common import MOVED_ON, committee_of, show_card, today_in
from conversations.requests.views import reminder_buttons, reminder_text

log = logging.getLogger(__name__)


class RequestRelances:
    """The next rung of every waiting request, at the committee's usual hour, in daytime."""

    name = "request-relances"
    late_limit: timedelta | None = None  # the ladder is stored: a late rung is still true

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        storage = services.storage
        waiting = await storage.requests.waiting()
        events = await storage.requests.events_of(r.id for r in waiting)
        committees = await storage.committees.by_ids(r.committee_id for r in waiting)
        found: list[Occurrence] = []
        for request in waiting:
            committee = committees.get(request.committee_id)
            rung = next_rung(request.status, request.expected_on, events.get(request.id, []))
            if committee is None or rung is None:
                continue
            daytime = Daytime.of(committee)
            due_at = daytime.usual_hour(rung.on)
            if due_at <= until:
                key = f"{request.id}:{request.round}:{rung.rung.value}"
                payload = (request, rung, committee)
                found.append(Occurrence(due_at, key, committee.id, daytime, payload=payload))
        return found

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        storage = context.storage
        for occurrence in due:
            request: Request
            rung: NextRung
            committee: Committee
            request, rung, committee = occurrence.payload
            # The ladder counts from the day a rung really went out (after a downtime too).
            today = today_in(context, committee)
            if not await storage.requests.claim_rung(request, rung.rung, today):
                continue
            try:
                await send_rung(context, committee, request, rung.rung)
            except SendLater:
                await storage.requests.release_rung(request, rung.rung)
                raise
            await storage.requests.rung_sent(request, rung.rung)


async def send_rung(
    context: BotContext, committee: Committee, request: Request, rung: Rung
) -> None:
    """A relance reminder to the responsible member, in private (their group if they cannot
    be reached there); the last rung goes to the committee's groups: it is theirs to raise."""
    storage = context.storage
    today = today_in(context, committee)
    group_tr = context.services.translator_for(None, hint=committee.locale)
    person = await storage.people.get(request.responsible_id) if request.responsible_id else None
    group_text = reminder_text(group_tr, rung, request, today)
    if person is not None:
        group_text += "\n" + group_tr.gettext("Responsible: {who}").format(
            who=mention_of(person.telegram_id, person.display_name)
        )
    group_buttons = reminder_buttons(group_tr, request)
    to_groups = rung is Rung.ESCALATE or person is None
    if to_groups and await post_to_groups(context, committee.id, group_text, group_buttons):
        return
    if person is None:
        log.info("request %s: nobody to remind about %s", request.id, rung.value)
        return
    tr = context.services.translator_for(person)
    await send_to_person(
        context,
        person.telegram_id,
        reminder_text(tr, rung, request, today),
        reminder_buttons(tr, request),
        committee_id=committee.id,
        group_text=group_text,
    )


# --- the committee's moves -------------------------------------------------------------------


def relanced_allowed(request: Request) -> bool:
    return can_relance(request.status)


async def relanced(update: Update, context: BotContext, press: Press[Relanced, Request]) -> None:
    """« Relanced »: noted today; the next reminder gives the partner two weeks again."""
    request = press.record
    committee = press.membership.committee
    today = today_in(context, committee)
    user = update.effective_user
    if not await context.storage.requests.relanced(request.id, today, user.id if user else None):
        await edit_or_send(update, context, context._(MOVED_ON))
        return
    await replan(context)
    events = await context.storage.requests.events(request.id)
    upcoming = next_rung(request.status, request.expected_on, events)
    text = context._("Noted: {ref} relanced today. Thank you!").format(
        ref=request_ref(request.number)
    )
    if upcoming is not None:
        text += " " + context._("If no answer comes, I will remind you on {day}.").format(
            day=context.tr.format_day(upcoming.on)
        )
    await edit_or_send(update, context, text, _card_row(context, request))


def pause_allowed(request: Request) -> bool:
    return can_pause(request.status)


async def pause(update: Update, context: BotContext, press: Press[Pause, Request]) -> None:
    """« Pause »: no more reminders until the committee takes it up again."""
    request = press.record
    moved = await context.storage.requests.move(
        request.id,
        RequestStatus.PAUSED,
        allowed_from=[RequestStatus.WAITING],
        step=Move.PAUSED,
        on_day=today_in(context, press.membership.committee),
        by=update.effective_user.id if update.effective_user else None,
    )
    if not moved:
        await edit_or_send(update, context, context._(MOVED_ON))
        return
    await replan(context)
    text = context._("{ref} is paused: no more reminders until you take it up again.").format(
        ref=request_ref(request.number)
    )
    buttons: list[list[Button]] = [[(context._("▶️ Take up again"), Resume(id=request.id))]]
    await edit_or_send(update, context, text, buttons + _card_row(context, request))


def resume_allowed(request: Request) -> bool:
    return can_resume(request.status)


async def resume(update: Update, context: BotContext, press: Press[Resume, Request]) -> None:
    request = press.record
    moved = await context.storage.requests.move(
        request.id,
        RequestStatus.WAITING,
        allowed_from=[RequestStatus.PAUSED],
        step=Move.RESUMED,
        on_day=today_in(context, press.membership.committee),
        by=update.effective_user.id if update.effective_user else None,
    )
    if not moved:
        await edit_or_send(update, context, context._(MOVED_ON))
        return
    await replan(context)
    note = context._("{ref} is taken up again.").format(ref=request_ref(request.number))
    await show_card(update, context, request.id, note=note)


def close_allowed(request: Request) -> bool:
    return can_close(request.status)


async def ask_close(update: Update, context: BotContext, press: Press[Close, Request]) -> None:
    request = press.record
    text = context._("Close {ref}? No more reminders; it stays in the committee's record.").format(
        ref=request_ref(request.number)
    )
    buttons: list[list[Button]] = [
        [(context._("Yes, close it"), CloseConfirmed(id=request.id))],
        [(context._("No"), Open(id=request.id))],
    ]
    await edit_or_send(update, context, text, buttons)


async def close(
    update: Update, context: BotContext, press: Press[CloseConfirmed, Request]
) -> None:
    request = press.record
    moved = await context.storage.requests.move(
        request.id,
        RequestStatus.CLOSED,
        allowed_from=[s for s in RequestStatus if can_close(s)],
        step=None,
        on_day=today_in(context, press.membership.committee),
        by=update.effective_user.id if update.effective_user else None,
    )
    if not moved:
        await edit_or_send(update, context, context._(MOVED_ON))
        return
    await replan(context)
    committee = await committee_of(context, request)
    text = context._("{ref} is closed. It stays in the record of {name}.").format(
        ref=request_ref(request.number), name=h(committee.name)
    )
    await edit_or_send(update, context, text)


def _card_row(context: BotContext, request: Request) -> list[list[Button]]:
    return [[(context._("See the request"), Open(id=request.id))]]
