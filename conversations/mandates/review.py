"""The end of a mandate's preparation: until when it holds, the review, « Edit » part by part,
and its way to the committee (a vote in the group, or adopted at a meeting)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import ConversationHandler

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Mandate
from bot.domain.mandates import default_valid_until, meeting_begins
from bot.i18n import N_
from bot.ui import Button, edit_or_send
from bot.wizard import Question, back_button, clear_draft, draft, read_date
from conversations.mandates.buttons import (
    AdoptedAtMeeting,
    DefaultValidity,
    EditMandate,
    EditMandateMenu,
    MandatePart,
    Submit,
)
from conversations.mandates.draft import (
    REVIEW,
    VALIDITY,
    WIZARD,
    back_to_review,
    current,
    draft_of,
)
from conversations.mandates.views import review_text
from conversations.mandates.vote import adopt_at_meeting, submit_to_vote

# The parts « Edit » offers, in the order of the review; labels are the review's own words.
PART_LABELS: dict[MandatePart, str] = {
    MandatePart.REPRESENTATIVE: N_("Representative"),
    MandatePart.PARTNER: N_("Partner"),
    MandatePart.WHEN: N_("Meeting or period"),
    MandatePart.POSITIONS: N_("Positions to carry"),
    MandatePart.LATITUDE: N_("May agree alone"),
    MandatePart.LIMITS: N_("Must come back to the committee"),
    MandatePart.VALIDITY: N_("Validity"),
}


async def ask_validity(update: Update, context: BotContext) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    tz = ZoneInfo(committee.timezone)
    default = default_valid_until(meeting_begins(mandate.meeting_at, tz), mandate.period_end, tz)
    label = context._("Until {when}").format(when=context.tr.format_moment(default, tz=tz))
    await edit_or_send(
        update,
        context,
        context._("Until when is the mandate valid? Press the button or write a date."),
        [[(label, DefaultValidity())], *back_to_review(context)],
    )
    return VALIDITY


async def validity_default(
    update: Update, context: BotContext, _button: DefaultValidity
) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    tz = ZoneInfo(committee.timezone)
    until = default_valid_until(meeting_begins(mandate.meeting_at, tz), mandate.period_end, tz)
    await context.storage.mandates.set(mandate.id, valid_until=until)
    return await review(update, context)


async def validity_given(update: Update, context: BotContext) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    until = default_valid_until(None, finding.due_date, ZoneInfo(committee.timezone))
    await context.storage.mandates.set(mandate.id, valid_until=until)
    return await review(update, context)


async def review(update: Update, context: BotContext) -> object:
    """The whole mandate before it goes to the committee: each part can still be changed."""
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    draft = draft_of(context)
    draft.pop("editing", None)
    draft.pop("edit_part", None)
    _ = context._
    chats = [c for c in await context.storage.chats.of_committee(committee.id) if c.bot_present]
    buttons: list[list[Button]] = [[(_("Edit"), EditMandateMenu(id=mandate.id))]]
    if chats:
        buttons.append([(_("Put it to a vote in the group"), Submit(id=mandate.id))])
    membership = await context.storage.committees.membership(
        committee.id, update.effective_user.id if update.effective_user else 0
    )
    if membership is not None and membership.is_coordinator:
        buttons.append([(_("Adopted at a meeting today"), AdoptedAtMeeting(id=mandate.id))])
    text = review_text(context.tr, committee, mandate, has_group=bool(chats))
    await edit_or_send(update, context, text, buttons)
    return REVIEW


async def edit_menu(
    update: Update, context: BotContext, press: Press[EditMandateMenu, Mandate]
) -> object:
    """« Edit »: which part of the draft to change (« Back » returns to the review)."""
    mandate = press.record
    clear_draft(context, WIZARD)
    draft_of(context).update(committee_id=mandate.committee_id, mandate_id=mandate.id)
    buttons: list[list[Button]] = [
        [(context._(label), EditMandate(id=mandate.id, part=part))]
        for part, label in PART_LABELS.items()
    ]
    buttons.append(back_button(context, REVIEW))
    await edit_or_send(update, context, context._("Which part do you want to change?"), buttons)
    return REVIEW


async def go_on(update: Update, context: BotContext, next_step: Question) -> object:
    """While one part is edited, back to the review; otherwise on to the next question.

    A new date or period changes what « valid until » proposes: it is asked again first.
    """
    answers = draft(context, WIZARD)
    if not answers.get("editing"):
        return await next_step(update, context)
    if answers.get("edit_part") == MandatePart.WHEN:
        return await ask_validity(update, context)
    return await review(update, context)


async def save_answer(
    update: Update, context: BotContext, then: Question, **answer: object
) -> object:
    """Keep an answer on the mandate being prepared, then ask the next question."""
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    await context.storage.mandates.set(found[1].id, **answer)
    return await go_on(update, context, then)


async def submit(update: Update, context: BotContext, press: Press[Submit, Mandate]) -> object:
    if not await submit_to_vote(update, context, press.membership.committee, press.record):
        return None  # the group could not be reached: the review stays, to try again
    clear_draft(context, WIZARD)
    return ConversationHandler.END


async def adopted_at_meeting(
    update: Update, context: BotContext, press: Press[AdoptedAtMeeting, Mandate]
) -> object:
    await adopt_at_meeting(update, context, press.membership.committee, press.record)
    clear_draft(context, WIZARD)
    return ConversationHandler.END
