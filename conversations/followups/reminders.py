"""Follow-up reminders: planned as rows when a follow-up changes, sent when they fall due.

After a downtime, the ladder resumes (bot/domain/reminders.py `resume_ladder`): the person
hears first, in private with their buttons, and the group only after they had their chance.
At start, a follow-up saved just before a crash, whose ladder was never planned, is planned.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.context import BotContext
from bot.domain.entities import Committee, FollowUp, Person
from bot.domain.named_members import matching_member
from bot.domain.records import FollowUpStatus, follow_up_ref
from bot.domain.reminders import (
    Audience,
    PendingRung,
    QuietHours,
    Rhythm,
    plan_ladder,
    resume_ladder,
)
from bot.i18n import Translator
from bot.refusal_policy import SendLater
from bot.scheduler import Daytime, Occurrence, replan
from bot.services import Services
from bot.storage.reminders import DueReminder, PlannedRung
from bot.ui import Button, h, post_to_groups, send_to_person
from conversations.followups.buttons import Block, Cancel, Done, Postpone

log = logging.getLogger(__name__)

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


async def plan_missing(services: Services) -> int:
    """At start: plan the ladder of every open follow-up saved (or moved to a new date) just
    before the bot stopped, whose ladder was never planned. Returns how many."""
    missing = await services.storage.reminders.unplanned()
    for follow_up_id, changed_at in missing:
        # Planned as of the change: the rungs missed since are kept, so the ladder resumes
        # (the person first) instead of starting at the group.
        await plan_follow_up(services, follow_up_id, as_of=changed_at)
    if missing:
        log.info("planned the reminders of %d follow-ups left unplanned", len(missing))
    return len(missing)


async def plan_follow_up(
    services: Services, follow_up_id: int, *, as_of: datetime | None = None
) -> None:
    """The follow-up's ladder from now (or from `as_of`, an earlier moment), or none."""
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
        now=min(as_of, services.clock()) if as_of else services.clock(),
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
    when = tr.format_due(follow_up.due_date, follow_up.due_time)
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
    late_limit = None  # stored rows: none is lost; after a downtime the ladder resumes

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

    async def recover(self, services: Services) -> None:
        """A rung left half sent by a crash goes again (at most that one message repeats);
        a follow-up saved but never planned gets its ladder."""
        await services.storage.reminders.recover_interrupted()
        await plan_missing(services)

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        storage = context.storage
        deliveries = await self._sort_out(context, [o.payload for o in due])
        # One queue per recipient: each person gets their reminders in order (and at their
        # chat's pace), while different people are reached at the same time.
        queues: dict[tuple[str, int], list[Delivery]] = defaultdict(list)
        for delivery in deliveries:
            reminder, follow_up = delivery.reminder, delivery.follow_up
            to_person = reminder.audience == Audience.PERSON and follow_up.responsible_id
            key = (
                ("person", follow_up.responsible_id or 0)
                if to_person
                else ("committee", delivery.committee.id)
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
                    except BaseException:
                        # Flood limits, the network, or a failure: nothing stays half sent;
                        # the row is pending again and this recipient's queue waits.
                        await storage.reminders.release(reminder_id)
                        raise
                    # Sent, or refused for good (the refusal is marked on the chat or person).
                    await storage.reminders.mark([reminder_id], "sent")

        results = await asyncio.gather(
            *(deliver(queue) for queue in queues.values()), return_exceptions=True
        )
        failures = [r for r in results if isinstance(r, BaseException)]
        for failure in failures:
            if not isinstance(failure, SendLater):
                raise failure
        if failures:
            raise SendLater(f"{len(failures)} recipients to reach again later")

    async def _sort_out(self, context: BotContext, due: list[DueReminder]) -> list[Delivery]:
        """Drop reminders no longer true; for the others, resume each ladder (what to send
        now, what is said by it, what moves so the group hears after the person)."""
        storage = context.storage
        now = context.services.clock()
        committees = await storage.committees.by_ids(r.committee_id for r in due)
        found = await storage.follow_ups.by_ids(r.follow_up_id for r in due)
        live: dict[int, FollowUp] = {}
        dead: list[int] = []
        for reminder in due:
            if reminder.follow_up_id in live:
                continue
            follow_up = found.get(reminder.follow_up_id)
            if (
                follow_up is None
                or follow_up.status is not FollowUpStatus.OPEN
                or follow_up.due_date != reminder.for_due
                or follow_up.committee_id not in committees
            ):
                dead.append(reminder.id)
            else:
                live[follow_up.id] = follow_up
        if dead:
            await storage.reminders.mark(dead, "cancelled")
        ladders = await storage.reminders.ladders(live)
        deliveries: list[Delivery] = []
        dropped: list[int] = []
        moved: dict[int, datetime] = {}
        for follow_up_id, follow_up in live.items():
            committee = committees[follow_up.committee_id]
            assert follow_up.due_date is not None
            rows = {r.id: r for r in ladders[follow_up_id] if r.for_due == follow_up.due_date}
            resumed = resume_ladder(
                [PendingRung(r.id, r.step, Audience(r.audience), r.due_at) for r in rows.values()],
                due=follow_up.due_date,
                now=now,
                tz=ZoneInfo(committee.timezone),
                rhythm=rhythm_of(committee),
                quiet=quiet_hours(committee),
            )
            dropped += resumed.dropped
            moved.update(resumed.moved)
            if resumed.send is not None:
                deliveries.append(Delivery(committee, rows[resumed.send.ref], follow_up))
        if dropped or moved:
            await storage.reminders.resume(dropped, moved)
        return deliveries

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
        relay = await relay_of(context, follow_up) if person is None else None
        if reminder.audience == Audience.PERSON and (person or relay) is not None:
            # A person who blocked the bot, or never opened a chat with it: the group.
            to = person or relay
            assert to is not None
            tr = context.services.translator_for(to)
            text = reminder_text(tr, reminder.step, follow_up, None)
            if relay is not None:
                text = (
                    tr.gettext("For {name} (you pass their reminders on):").format(
                        name=h(follow_up.responsible_name)
                    )
                    + "\n"
                    + text
                )
            await send_to_person(
                context,
                to.telegram_id,
                text,
                reminder_buttons(tr, follow_up),
                committee_id=committee.id,
                group_text=group_text,
            )
            return
        # Someone without Telegram, and nobody relays: the group hears it, naming them.
        await post_to_groups(
            context, committee.id, group_text, reminder_buttons(group_tr, follow_up)
        )


async def relay_of(context: BotContext, follow_up: FollowUp) -> Person | None:
    """The member who agreed to pass on the reminders of the member without Telegram named
    on `follow_up`, while they are still in the committee; None otherwise."""
    if follow_up.responsible_id is not None or not follow_up.responsible_name:
        return None
    storage = context.storage
    named = await storage.named_members.of_committee(follow_up.committee_id)
    member = matching_member(follow_up.responsible_name, named)
    if member is None or member.relay_id is None:
        return None
    if await storage.committees.membership(follow_up.committee_id, member.relay_id) is None:
        return None
    return await storage.people.get(member.relay_id)
