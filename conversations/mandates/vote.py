"""The committee adopts a mandate by a vote in its group; the representative gets the card."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Committee, Mandate, MandateStatus
from bot.domain.mandates import (
    CHOICE_LABELS,
    Outcome,
    Tally,
    VoteChoice,
    everyone_voted,
    mandate_ref,
    meeting_begins,
    outcome,
    vote_closes_at,
)
from bot.domain.reminders import QuietHours
from bot.groups import NoTopic
from bot.i18n import N_
from bot.outbox import announcing
from bot.scheduler import Daytime, Occurrence, replan
from bot.services import Services
from bot.storage.mandates import VoteRecorded
from bot.ui import acknowledge, edit, edit_or_send, h, send, send_to_person
from conversations.mandates.buttons import CloseVote, Vote
from conversations.mandates.views import Count, mandate_card, vote_buttons, vote_text
from conversations.settings.topics import CHOOSE_TOPIC_FIRST

VOTE_CLOSED = N_("The vote is closed.")
GROUP_UNREACHABLE = N_("I could not post the vote in the group. Check that I am still in it.")


def is_voting(mandate: Mandate) -> bool:
    """The vote is open: votes are counted, and a coordinator may close it."""
    return mandate.status is MandateStatus.VOTING


async def submit_to_vote(
    update: Update, context: BotContext, committee: Committee, mandate: Mandate
) -> bool:
    """Post the vote in the committee's group, with a deadline before the meeting.

    False when no group could be reached: the mandate stays a draft, to submit again.
    """
    chats = [c for c in await context.storage.chats.of_committee(committee.id) if c.bot_present]
    if not chats:
        await acknowledge(
            update, context, context._("No group is linked to the committee yet."), alert=True
        )
        return False
    now = context.services.now(committee.timezone)
    begins = meeting_begins(mandate.meeting_at, ZoneInfo(committee.timezone))
    # In the committee's daytime: what the group reads is when the vote really closes.
    quiet = QuietHours(committee.quiet_start, committee.quiet_end)
    deadline = vote_closes_at(now, begins, quiet=quiet)
    count = await counted(context, mandate)
    tr = context.services.translator_for(None, hint=committee.locale)
    # The text needs the deadline: show it from the start.
    preview = replace(mandate, vote_deadline=deadline, status=MandateStatus.VOTING)
    try:
        message = await send(
            context,
            chats[0].chat_id,
            vote_text(tr, committee, preview, count),
            vote_buttons(tr, preview, proxies=count.has_proxies),
        )
    except NoTopic:  # never in « General » by accident: the coordinator chooses first
        await acknowledge(update, context, context._(CHOOSE_TOPIC_FIRST), alert=True)
        return False
    if message is None:  # the bot was removed from the group, or it is gone
        await acknowledge(update, context, context._(GROUP_UNREACHABLE), alert=True)
        return False
    await context.storage.mandates.open_vote(
        mandate.id, message.chat_id, message.message_id, deadline
    )
    await replan(context)
    await edit_or_send(
        update,
        context,
        context._("The vote is open in the group until {when}.").format(
            when=context.tr.format_moment(deadline, tz=ZoneInfo(committee.timezone))
        ),
    )
    return True


async def adopt_at_meeting(
    update: Update, context: BotContext, committee: Committee, mandate: Mandate
) -> None:
    """A coordinator records the adoption (a committee without a group votes in person)."""
    await context.storage.mandates.adopt_at_meeting(mandate.id, context.services.clock())
    await _after_adoption(context, committee, mandate.id)
    await edit_or_send(update, context, context._("Recorded: the mandate is adopted."))


async def press_vote(update: Update, context: BotContext, press: Press[Vote, Mandate]) -> None:
    """A member votes, or changes their vote; the tally in the message follows."""
    mandate, choice = press.record, press.button.choice
    recorded = await context.storage.mandates.vote(
        mandate.id, press.membership.person_id, choice.value
    )
    if recorded is VoteRecorded.CLOSED:  # closed since the press was checked
        await acknowledge(update, context, context._(VOTE_CLOSED), alert=True)
        return
    # The toast and the new tally go out side by side: neither waits for the other.
    saved = asyncio.create_task(
        acknowledge(
            update,
            context,
            context._("Vote saved: {choice}").format(choice=context._(CHOICE_LABELS[choice])),
        )
    )
    try:
        if recorded is VoteRecorded.UNCHANGED:
            return  # the same choice again: the message shows it (an edit would be refused)
        await after_vote(context, press.membership.committee, mandate)
    finally:
        await saved


async def after_vote(context: BotContext, committee: Committee, mandate: Mandate) -> None:
    """A vote was recorded (a member's, or one by proxy): the vote closes once everyone voted,
    otherwise the tally in the group follows."""
    count = await counted(context, mandate)
    if everyone_voted(count.tally, count.voters):
        await close_vote(context, mandate.id)
        return
    await _refresh_vote_message(context, committee, mandate, count)


async def press_close(
    update: Update, context: BotContext, press: Press[CloseVote, Mandate]
) -> None:
    """A coordinator closes the vote before its deadline."""
    await acknowledge(update, context)
    await close_vote(context, press.record.id)


async def close_vote(context: BotContext, mandate_id: int) -> None:
    """Count, record the outcome once, and tell the group; send the card when adopted."""
    mandate = await context.storage.mandates.get(mandate_id)
    committee = await context.storage.committees.get(mandate.committee_id) if mandate else None
    if mandate is None or committee is None or mandate.status is not MandateStatus.VOTING:
        return
    count = await counted(context, mandate)
    tally = count.tally
    result = outcome(tally, quorum=committee.vote_quorum, member_count=count.voters)
    status = MandateStatus.ADOPTED if result is Outcome.ADOPTED else MandateStatus.REJECTED
    tr = context.services.translator_for(None, hint=committee.locale)
    announcement = {
        Outcome.ADOPTED: tr.gettext("Mandate {ref} is adopted. {person} carries it."),
        Outcome.REJECTED: tr.gettext("Mandate {ref} is not adopted."),
        Outcome.NO_QUORUM: tr.gettext("Mandate {ref} is not adopted: too few votes."),
    }[result].format(ref=mandate_ref(mandate.number), person=h(mandate.representative_name))
    # The outcome and its announcement are recorded together: a crash loses neither.
    async with announcing(context) as tell:
        if not await context.storage.mandates.close_vote(
            mandate.id, status, (tally.for_, tally.against, tally.abstain)
        ):
            return  # another closing (deadline, button, last voter) recorded it first
        if mandate.vote_chat_id is not None:
            tell.chat(committee.id, mandate.vote_chat_id, announcement)
    await _refresh_vote_message(context, committee, mandate, count, result)
    await tell.send()
    if result is Outcome.ADOPTED:
        await _after_adoption(context, committee, mandate.id)


async def _after_adoption(context: BotContext, committee: Committee, mandate_id: int) -> None:
    mandate = await context.storage.mandates.get(mandate_id)
    if mandate is None:
        return
    await context.storage.mandates.replace_earlier(mandate)
    await send_card(context, committee, mandate)
    await replan(context)


async def send_card(context: BotContext, committee: Committee, mandate: Mandate) -> None:
    """The card goes to the representative in private, to show on their phone.

    Never to the group instead: the card is the representative's own, and the group already
    saw the mandate when it voted.
    """
    if mandate.representative_id is None:
        return
    person = await context.storage.people.get(mandate.representative_id)
    tr = context.services.translator_for(person)
    now = context.services.now(committee.timezone)
    text = tr.gettext("Here is your mandate card. Show it on your phone during the meeting.")
    card = mandate_card(tr, committee, mandate, now)
    if await send_to_person(context, mandate.representative_id, text + "\n\n" + card):
        await context.storage.mandates.mark_card_sent(mandate.id)


async def _refresh_vote_message(
    context: BotContext,
    committee: Committee,
    mandate: Mandate,
    count: Count,
    result: Outcome | None = None,
) -> None:
    """The tally under the vote; once there is a result, without the buttons."""
    if mandate.vote_chat_id is None or mandate.vote_message_id is None:
        return
    tr = context.services.translator_for(None, hint=committee.locale)
    await edit(
        context,
        mandate.vote_chat_id,
        mandate.vote_message_id,
        vote_text(tr, committee, mandate, count, result),
        vote_buttons(tr, mandate, proxies=count.has_proxies) if result is None else (),
    )


async def counted(context: BotContext, mandate: Mandate) -> Count:
    """The votes so far: the members' own and those recorded by proxy, one per member (with
    or without Telegram), and how many may vote."""
    storage = context.storage
    ballot = await storage.mandates.ballot(mandate.id)
    # Votes by proxy only where the committee has members without Telegram.
    proxies = await storage.named_members.proxy_votes(mandate.id) if ballot.named_members else []
    choices = [VoteChoice(c) for c in ballot.votes.values()]
    choices += [VoteChoice(p.choice) for p in proxies]
    voters = ballot.members + ballot.named_members
    return Count(Tally.from_choices(choices), voters, tuple(proxies), ballot.named_members > 0)


class VoteDeadlines:
    """Closes each vote at its deadline, even if the bot was down at that moment."""

    name = "vote-deadline"
    late_limit = None  # a vote left open must close, however late

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        voting = await services.storage.mandates.voting()
        committees = await services.storage.committees.by_ids(m.committee_id for m in voting)
        return [
            # A deadline passed while the bot was down at night closes in the morning.
            Occurrence(
                m.vote_deadline, str(m.id), m.committee_id, Daytime.of(committees[m.committee_id])
            )
            for m in voting
            if m.vote_deadline is not None
            and m.vote_deadline <= until
            and m.committee_id in committees
        ]

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        # Closing is claimed by the vote's own status: a vote closes once.
        for occurrence in due:
            await close_vote(context, int(occurrence.key))
