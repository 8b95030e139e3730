"""The committee adopts a mandate by a vote in its group; the representative gets the card."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.domain.entities import Committee, Mandate, MandateStatus, Membership
from bot.domain.mandates import (
    CHOICE_LABELS,
    Outcome,
    Tally,
    VoteChoice,
    everyone_voted,
    mandate_ref,
    outcome,
    vote_closes_at,
)
from bot.scheduler import Occurrence, replan
from bot.services import Services
from bot.ui import callback_id, callback_parts, edit_or_send, h, keyboard, send
from conversations.mandates.views import mandate_card, vote_buttons, vote_text

log = logging.getLogger(__name__)


async def submit_to_vote(
    update: Update, context: BotContext, committee: Committee, mandate: Mandate
) -> None:
    """Post the vote in the committee's group, with a deadline before the meeting."""
    chats = [c for c in await context.storage.chats.of_committee(committee.id) if c.bot_present]
    query = update.callback_query
    if not chats:
        if query is not None:
            await query.answer(
                context._("No group is linked to the committee yet."), show_alert=True
            )
        return
    now = context.services.now(committee.timezone)
    deadline = vote_closes_at(now, mandate.meeting_at)
    members = await context.storage.committees.members(committee.id)
    tr = context.services.translator_for(None, hint=committee.locale)
    # The text needs the deadline: show it from the start.
    preview = _with(mandate, vote_deadline=deadline, status=MandateStatus.VOTING)
    message = await send(
        context,
        chats[0].chat_id,
        vote_text(tr, committee, preview, Tally(0, 0, 0), len(members)),
        vote_buttons(tr, preview),
    )
    await context.storage.mandates.open_vote(
        mandate.id, chats[0].chat_id, message.message_id, deadline
    )
    await replan(context)
    if query is not None:
        await query.answer()
    await edit_or_send(
        update,
        context,
        context._("The vote is open in the group until {when}.").format(
            when=context.tr.format_moment(deadline, tz=ZoneInfo(committee.timezone))
        ),
    )


async def adopt_at_meeting(
    update: Update, context: BotContext, committee: Committee, mandate: Mandate
) -> None:
    """A coordinator records the adoption (a committee without a group votes in person)."""
    user = update.effective_user
    query = update.callback_query
    membership = (
        await context.storage.committees.membership(committee.id, user.id) if user else None
    )
    if membership is None or not membership.is_coordinator:
        if query is not None:
            await query.answer(context._("Only a coordinator can do this."), show_alert=True)
        return
    if query is not None:
        await query.answer()
    await context.storage.mandates.adopt_at_meeting(mandate.id, context.services.clock())
    await _after_adoption(context, committee, mandate.id)
    await edit_or_send(update, context, context._("Recorded: the mandate is adopted."))


async def press_vote(update: Update, context: BotContext) -> None:
    """A member votes, or changes their vote; the tally in the message follows."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    parts = callback_parts(query, "man")
    mandate = await _mandate(context, parts, 3)
    if mandate is None or parts is None or parts[2] not in {c.value for c in VoteChoice}:
        await query.answer(context._("This button no longer works."), show_alert=True)
        return
    if await context.storage.committees.membership(mandate.committee_id, user.id) is None:
        await query.answer(context._("Only members of the committee vote."), show_alert=True)
        return
    choice = VoteChoice(parts[2])
    if not await context.storage.mandates.vote(mandate.id, user.id, choice.value):
        await query.answer(context._("The vote is closed."), show_alert=True)
        return
    await query.answer(
        context._("Vote saved: {choice}").format(choice=context._(CHOICE_LABELS[choice]))
    )
    committee = await context.storage.committees.get(mandate.committee_id)
    assert committee is not None
    members = await context.storage.committees.members(committee.id)
    tally = await _tally(context, mandate.id)
    if everyone_voted(tally, len(members)):
        await close_vote(context, mandate.id)
        return
    await _refresh_vote_message(context, committee, mandate, tally, len(members))


async def press_close(update: Update, context: BotContext) -> None:
    """A coordinator closes the vote before its deadline."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    mandate = await _mandate(context, callback_parts(query, "man"), 2)
    if mandate is None:
        await query.answer(context._("This button no longer works."), show_alert=True)
        return
    membership = await context.storage.committees.membership(mandate.committee_id, user.id)
    if membership is None or not membership.is_coordinator:
        await query.answer(context._("Only a coordinator can close the vote."), show_alert=True)
        return
    await query.answer()
    await close_vote(context, mandate.id)


async def close_vote(context: BotContext, mandate_id: int) -> None:
    """Count, record the outcome once, and tell the group; send the card when adopted."""
    mandate = await context.storage.mandates.get(mandate_id)
    committee = await context.storage.committees.get(mandate.committee_id) if mandate else None
    if mandate is None or committee is None or mandate.status is not MandateStatus.VOTING:
        return
    members = await context.storage.committees.members(committee.id)
    tally = await _tally(context, mandate.id)
    result = outcome(tally, quorum=committee.vote_quorum, member_count=len(members))
    status = MandateStatus.ADOPTED if result is Outcome.ADOPTED else MandateStatus.REJECTED
    if not await context.storage.mandates.close_vote(
        mandate.id, status, (tally.for_, tally.against, tally.abstain)
    ):
        return  # another closing (deadline, button, last voter) recorded it first
    tr = context.services.translator_for(None, hint=committee.locale)
    await _refresh_vote_message(context, committee, mandate, tally, len(members), result)
    if mandate.vote_chat_id is not None:
        announcement = {
            Outcome.ADOPTED: tr.gettext("Mandate {ref} is adopted. {name} carries it."),
            Outcome.REJECTED: tr.gettext("Mandate {ref} is not adopted."),
            Outcome.NO_QUORUM: tr.gettext("Mandate {ref} is not adopted: too few votes."),
        }[result].format(ref=mandate_ref(mandate.number), name=h(mandate.representative_name))
        await _safe_send(context, mandate.vote_chat_id, announcement)
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
    """The card goes to the representative in private, to show on their phone."""
    if mandate.representative_id is None:
        return
    person = await context.storage.people.get(mandate.representative_id)
    tr = context.services.translator_for(person)
    now = context.services.now(committee.timezone)
    text = tr.gettext("Here is your mandate card. Show it on your phone during the meeting.")
    card = mandate_card(tr, committee, mandate, now)
    if await _safe_send(context, mandate.representative_id, text + "\n\n" + card):
        await context.storage.mandates.mark_card_sent(mandate.id)


async def _safe_send(context: BotContext, chat_id: int, text: str) -> bool:
    try:
        await send(context, chat_id, text)
    except Forbidden:
        log.info("cannot write to chat %s", chat_id)
        return False
    return True


async def _refresh_vote_message(
    context: BotContext,
    committee: Committee,
    mandate: Mandate,
    tally: Tally,
    member_count: int,
    result: Outcome | None = None,
) -> None:
    if mandate.vote_chat_id is None or mandate.vote_message_id is None:
        return
    tr = context.services.translator_for(None, hint=committee.locale)
    markup = None if result is not None else keyboard(vote_buttons(tr, mandate))
    try:
        await context.bot.edit_message_text(
            vote_text(tr, committee, mandate, tally, member_count, result),
            chat_id=mandate.vote_chat_id,
            message_id=mandate.vote_message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            log.warning("could not update the vote of mandate %s: %s", mandate.id, error)
    except Forbidden:
        await context.storage.chats.set_bot_present(mandate.vote_chat_id, False)


async def _tally(context: BotContext, mandate_id: int) -> Tally:
    votes = await context.storage.mandates.votes(mandate_id)
    return Tally.from_choices(VoteChoice(choice) for choice in votes.values())


async def _mandate(context: BotContext, parts: list[str] | None, size: int) -> Mandate | None:
    if not parts or len(parts) != size or not parts[1].isdecimal() or len(parts[1]) > 18:
        return None
    return await context.storage.mandates.get(int(parts[1]))


def _with(mandate: Mandate, **changes: Any) -> Mandate:
    return replace(mandate, **changes)


async def pressed_mandate(
    update: Update, context: BotContext
) -> tuple[Mandate, Membership] | None:
    """The mandate a `man:<action>:<id>` button names, if the presser is in its committee."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    mandate_id = callback_id(query, "man")
    mandate = await context.storage.mandates.get(mandate_id) if mandate_id else None
    membership = (
        await context.storage.committees.membership(mandate.committee_id, user.id)
        if mandate
        else None
    )
    if mandate is None or membership is None:
        await query.answer(context._("This button no longer works."), show_alert=True)
        return None
    return mandate, membership


class VoteDeadlines:
    """Closes each vote at its deadline, even if the bot was down at that moment."""

    name = "vote-deadline"
    late_limit = None  # a vote left open must close, however late

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        return [
            Occurrence(m.vote_deadline, str(m.id), m.committee_id)
            for m in await services.storage.mandates.voting()
            if m.vote_deadline is not None and m.vote_deadline <= until
        ]

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        # Closing is claimed by the vote's own status: a vote closes once.
        for occurrence in due:
            await close_vote(context, int(occurrence.key))


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    return [
        CallbackQueryHandler(press_vote, pattern=r"^man:v:"),
        CallbackQueryHandler(press_close, pattern=r"^man:close:"),
    ]
