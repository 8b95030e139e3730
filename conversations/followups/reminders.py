"""Follow-up reminders: planned as rows when a follow-up changes, sent when they fall due."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.context import BotContext
from bot.domain.entities import Committee, FollowUp
from bot.domain.records import FollowUpStatus, follow_up_ref
from bot.domain.reminders import QuietHours, Rhythm, plan_ladder
from bot.i18n import Translator
from bot.scheduler import Daytime, Occurrence, replan
from bot.services import Services
from bot.storage.reminders import DueReminder, PlannedRung
from bot.ui import Button, SendLater, h, post_to_groups, send_to_person
from conversations.decisions.views import due_text
from conversations.followups.buttons import Block, Cancel, Done, Postpone

log = logging.getLogger(__name__)

# Reminders this late fell due while the bot was down: folded into one catch-up message.
STALE_AFTER = timedelta(hours=6)
# People reached at the same time; the rate limiter keeps the overall pace.
MAX_PARALLEL_RECIPIENTS = 64


@dataclass(frozen=True, slots=True)
class Delivery:
    committee: Committee
    reminder: DueReminder
    follow_up: FollowUp


def quiet_hours(committee: Committee) -> QuietHours:
    return QuietHours(committee.quiet_start, committee.quiet_end)


def rhythm_of(committee: Committee) -> Rhythm:
    try:
        return Rhythm(committee.reminder_rhythm)
    except ValueError:
        return Rhythm.NORMAL


async def follow_up_changed(context: BotContext, follow_up_id: int) -> None:
    """Re-plan a follow-up's reminders at once after any change to its date, person or status."""
    await plan_follow_up(context.services, follow_up_id)
    await replan(context)


async def plan_follow_up(services: Services, follow_up_id: int) -> None:
    storage = services.storage
    follow_up = await storage.follow_ups.get(follow_up_id)
    if follow_up is None:
        return
    committee = await storage.committees.get(follow_up.committee_id)
    if committee is None:
        return
    if follow_up.status is not FollowUpStatus.OPEN or follow_up.due_date is None:
        await storage.reminders.cancel(follow_up.id)
        return
    rungs = plan_ladder(
        follow_up.due_date,
        tz=ZoneInfo(committee.timezone),
        rhythm=rhythm_of(committee),
        quiet=quiet_hours(committee),
        now=services.clock(),
    )
    await storage.reminders.replace_plan(
        follow_up.id,
        committee.id,
        follow_up.due_date,
        [PlannedRung(r.step, r.audience.value, r.moment) for r in rungs],
    )


def mention_of(person_id: int, name: str) -> str:
    """A name that notifies the person in a group, even one who never wrote to the bot."""
    return f'<a href="tg://user?id={person_id}">{h(name.split(" ")[0])}</a>'


def reminder_buttons(tr: Translator, follow_up: FollowUp) -> list[list[Button]]:
    _ = tr.gettext
    return [
        [
            (_("✅ Done"), Done(id=follow_up.id)),
            (_("📅 Postpone"), Postpone(id=follow_up.id)),
        ],
        [
            (_("⛔ Blocked"), Block(id=follow_up.id)),
            (_("Cancel it"), Cancel(id=follow_up.id)),
        ],
    ]


def reminder_text(tr: Translator, step: str, follow_up: FollowUp, mention: str | None) -> str:
    """Kind words for each rung of the ladder; the group hears a name, never a reproach."""
    _ = tr.gettext
    ref = follow_up_ref(follow_up.number)
    what = h(follow_up.text)
    when = due_text(tr, follow_up.due_date, follow_up.due_time)
    who = mention or (h(follow_up.responsible_name) if follow_up.responsible_name else None)
    if step == "heads_up":
        text = _("A small reminder: {ref} « {what} » is planned for {when}.")
    elif step == "due_day":
        text = _("It is today: {ref} « {what} ».")
    elif step == "overdue":
        text = _("{ref} « {what} » was planned for {when}. Where are you with it?")
    elif step == "group":
        text = _("The follow-up {ref} « {what} » has been waiting since {when}. Can someone help?")
    else:
        text = _("Still waiting: {ref} « {what} », planned for {when}.")
    body = text.format(ref=ref, what=what, when=when)
    if who:
        body += "\n" + _("Responsible: {who}").format(who=who)
    return body


class FollowUpReminders:
    """Sends the rungs of every follow-up's ladder when they fall due, outside quiet hours."""

    name = "reminders"
    late_limit = None  # stored rows: none is dropped, the stale ones are folded

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        waiting = await services.storage.reminders.waiting_until(until)
        committees = await services.storage.committees.by_ids(r.committee_id for r in waiting)
        return [
            Occurrence(
                reminder.due_at,
                str(reminder.id),
                reminder.committee_id,
                # Due during quiet hours (or while down at night): wait for the morning.
                Daytime.of(committees[reminder.committee_id]),
                payload=reminder,
            )
            for reminder in waiting
            if reminder.committee_id in committees
        ]

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        storage = context.storage
        now = context.services.clock()
        by_committee: dict[int, list[DueReminder]] = defaultdict(list)
        for occurrence in due:
            by_committee[occurrence.committee_id].append(occurrence.payload)
        committees = await storage.committees.by_ids(by_committee)
        # One queue per recipient: each person gets their reminders in order (and at their
        # chat's pace), while different people are reached at the same time.
        queues: dict[tuple[str, int], list[Delivery]] = defaultdict(list)
        for committee_id, reminders in by_committee.items():
            committee = committees.get(committee_id)
            if committee is None:
                continue
            for delivery in await self._sort_out(context, committee, reminders, now):
                reminder, follow_up = delivery.reminder, delivery.follow_up
                to_person = reminder.audience == "person" and follow_up.responsible_id
                key = (
                    ("person", follow_up.responsible_id or 0)
                    if to_person
                    else ("committee", committee.id)
                )
                queues[key].append(delivery)
        limit = asyncio.Semaphore(MAX_PARALLEL_RECIPIENTS)

        async def deliver(queue: list[Delivery]) -> None:
            async with limit:
                for delivery in queue:
                    reminder_id = delivery.reminder.id
                    if not await storage.reminders.claim([reminder_id]):
                        continue
                    try:
                        await self._send_one(
                            context, delivery.committee, delivery.reminder, delivery.follow_up
                        )
                    except SendLater:
                        # Flood limits or the network: give the row back, retry later.
                        await storage.reminders.mark([reminder_id], "pending")
                        later.append(reminder_id)
                        return
                    # Sent, or refused for good (the refusal is marked on the chat or person).
                    await storage.reminders.mark([reminder_id], "sent")

        later: list[int] = []
        await asyncio.gather(*(deliver(queue) for queue in queues.values()))
        if later:
            raise SendLater(f"{len(later)} reminders to send again later")

    async def _sort_out(
        self, context: BotContext, committee: Committee, due: list[DueReminder], now: datetime
    ) -> list[Delivery]:
        """Drop reminders no longer true, fold the stale ones, return those to send now."""
        storage = context.storage
        live: list[tuple[DueReminder, FollowUp]] = []
        dead: list[int] = []
        for reminder in due:
            follow_up = await storage.follow_ups.get(reminder.follow_up_id)
            still_true = (
                follow_up is not None
                and follow_up.status is FollowUpStatus.OPEN
                and follow_up.due_date == reminder.for_due
            )
            if follow_up is None or not still_true:
                dead.append(reminder.id)
            else:
                live.append((reminder, follow_up))
        if dead:
            await storage.reminders.mark(dead, "cancelled")
        stale = [(r, f) for r, f in live if now - r.due_at > STALE_AFTER]
        if stale:
            await self._catch_up(context, committee, stale)
        return [Delivery(committee, r, f) for r, f in live if now - r.due_at <= STALE_AFTER]

    async def _send_one(
        self, context: BotContext, committee: Committee, reminder: DueReminder, follow_up: FollowUp
    ) -> None:
        storage = context.storage
        person = (
            await storage.people.get(follow_up.responsible_id)
            if follow_up.responsible_id
            else None
        )
        mention = mention_of(person.telegram_id, person.display_name) if person else None
        group_tr = context.services.translator_for(None, hint=committee.locale)
        group_text = reminder_text(group_tr, reminder.step, follow_up, mention)
        if reminder.audience == "person" and person is not None:
            # A person who blocked the bot, or never opened a chat with it: the group.
            tr = context.services.translator_for(person)
            await send_to_person(
                context,
                person.telegram_id,
                reminder_text(tr, reminder.step, follow_up, None),
                reminder_buttons(tr, follow_up),
                committee_id=committee.id,
                group_text=group_text,
            )
            return
        await post_to_groups(
            context, committee.id, group_text, reminder_buttons(group_tr, follow_up)
        )

    async def _catch_up(
        self, context: BotContext, committee: Committee, items: list[tuple[DueReminder, FollowUp]]
    ) -> None:
        """One message instead of a flood for what fell due while the bot was away."""
        storage = context.storage
        claimed = set(await storage.reminders.claim([r.id for r, _f in items]))
        follow_ups: dict[int, FollowUp] = {}
        for reminder, follow_up in items:
            if reminder.id in claimed:
                follow_ups[follow_up.id] = follow_up
        if not follow_ups:
            return
        tr = context.services.translator_for(None, hint=committee.locale)
        lines = [tr.gettext("While I was away, these follow-ups came due:")]
        for follow_up in sorted(follow_ups.values(), key=lambda f: f.number):
            who = h(follow_up.responsible_name) if follow_up.responsible_name else "—"
            lines.append(
                f"• {follow_up_ref(follow_up.number)} « {h(follow_up.text)} » — {who} — "
                + due_text(tr, follow_up.due_date, follow_up.due_time)
            )
        lines.append(tr.gettext("Type /suivis to mark them done or postpone them."))
        text = "\n".join(lines)
        try:
            if not await post_to_groups(context, committee.id, text):
                log.info("catch-up for committee %s had no group to go to", committee.id)
        except SendLater:
            await storage.reminders.mark(sorted(claimed), "pending")
            raise
        await storage.reminders.mark(sorted(claimed), "sent")
