"""« New mandate »: prepare the representative's mandate in private, one question at a time."""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import (
    CONSULTATION,
    MANDATE,
    PARTNERSHIP,
    Press,
    membership_from_link,
    on_button,
    on_press,
    require_membership,
)
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import Mandate
from bot.domain.priorities import Consultation
from bot.ui import reply
from bot.wizard import Question, Wizard, clear_draft, date_answer, draft, wizard
from conversations.mandates.buttons import (
    AdoptedAtMeeting,
    CarryKept,
    DefaultValidity,
    EditMandate,
    EditMandateMenu,
    ForAPeriod,
    MandateFromPriorities,
    MandatePart,
    NewMandate,
    NoLatitude,
    NoLimits,
    OtherPartner,
    Partner,
    Representative,
    Submit,
    TakePriorities,
)
from conversations.mandates.draft import (
    LATITUDE,
    LIMITS,
    NOT_A_DRAFT,
    PARTNER,
    PARTNER_NAME,
    PERIOD,
    POSITIONS,
    REP,
    REVIEW,
    VALIDITY,
    WHEN,
    WIZARD,
    is_draft,
)
from conversations.mandates.questions import (
    ask_partner,
    ask_partner_name,
    ask_period,
    ask_representative,
    ask_when,
    for_a_period,
    other_partner,
    partner_chosen,
    partner_named,
    period_given,
    representative_chosen,
    when_given,
)
from conversations.mandates.review import (
    adopted_at_meeting,
    ask_validity,
    edit_menu,
    review,
    submit,
    validity_default,
    validity_given,
)
from conversations.mandates.what import (
    ask_latitude,
    ask_limits,
    ask_positions,
    carry_kept,
    latitude_given,
    limits_given,
    no_latitude,
    no_limits,
    positions_given,
    ranked_positions,
    take_priorities,
)
from conversations.priorities.results import NOT_CLOSED, is_closed

# « Make it the mandate of the yearly meeting », pressed in a group: on in private.
PRIORITIES_LINK = DeepLink("mandprio-")


# --- a new mandate ---------------------------------------------------------------------------


async def begin(update: Update, context: BotContext, _button: NewMandate) -> object:
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft(context, WIZARD)["committee_id"] = membership.committee.id
    return await ask_representative(update, context)


# --- the yearly mandate, from the tenants' priorities -----------------------------------------


async def from_priorities(
    update: Update, context: BotContext, press: Press[MandateFromPriorities, Consultation]
) -> object:
    """« Make it the mandate of the yearly meeting »: in private, the mandate starts with the
    ranked priorities as its positions; in a group, a link leads to the private chat."""
    chat = update.effective_chat
    consultation = press.record
    if chat is not None and chat.type != Chat.PRIVATE:
        url = context.services.deep_link(PRIORITIES_LINK, consultation.id)
        await reply(
            update,
            context,
            context._("Mandates are prepared in private chat with me. The vote happens here."),
            [[(context._("Prepare the mandate in private"), url)]],
        )
        return ConversationHandler.END
    return await _begin_with(update, context, consultation)


async def from_priorities_link(update: Update, context: BotContext, raw: str) -> object:
    """The group's link: the same, in private, for a member of that committee."""
    consultation = (
        await context.storage.priorities.get(int(raw))
        if raw.isdecimal() and len(raw) < 19
        else None
    )
    membership = (
        await membership_from_link(update, context, str(consultation.committee_id))
        if consultation is not None
        else None
    )
    if consultation is None or membership is None:
        if consultation is None:
            await reply(update, context, context._("This link no longer works."))
        return ConversationHandler.END
    return await _begin_with(update, context, consultation)


async def _begin_with(update: Update, context: BotContext, consultation: Consultation) -> object:
    if not await ranked_positions(context, consultation.id):
        await reply(
            update, context, context._("No priority was picked: there is no position to carry.")
        )
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft(context, WIZARD).update(
        committee_id=consultation.committee_id, from_priorities=consultation.id
    )
    return await ask_representative(update, context)


# --- editing one part, from the review ------------------------------------------------------


async def edit_part(
    update: Update, context: BotContext, press: Press[EditMandate, Mandate]
) -> object:
    """« Edit » a part of the draft: its question again, then the review."""
    mandate = press.record
    clear_draft(context, WIZARD)
    draft(context, WIZARD).update(
        committee_id=mandate.committee_id,
        mandate_id=mandate.id,
        editing=True,
        edit_part=press.button.part.value,
    )
    return await EDIT_STARTS[press.button.part](update, context)


EDIT_STARTS: dict[MandatePart, Question] = {
    MandatePart.REPRESENTATIVE: ask_representative,
    MandatePart.PARTNER: ask_partner,
    MandatePart.WHEN: ask_when,
    MandatePart.POSITIONS: ask_positions,
    MandatePart.LATITUDE: ask_latitude,
    MandatePart.LIMITS: ask_limits,
    MandatePart.VALIDITY: ask_validity,
}


def build_wizard() -> Wizard:
    """The mandate wizard, top to bottom. Private chat only."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[
            on_button(NewMandate, begin),
            # From the tenants' ranked priorities: a mandate that carries them.
            on_press(
                MandateFromPriorities,
                from_priorities,
                records=CONSULTATION,
                allowed=is_closed,
                refusal=NOT_CLOSED,
            ),
            # From a draft's review, even after /annuler or a restart: a part, or which part.
            on_press(
                EditMandateMenu, edit_menu, records=MANDATE, allowed=is_draft, refusal=NOT_A_DRAFT
            ),
            on_press(
                EditMandate, edit_part, records=MANDATE, allowed=is_draft, refusal=NOT_A_DRAFT
            ),
        ],
        states={
            REP: [on_button(Representative, representative_chosen)],
            PARTNER: [
                on_press(Partner, partner_chosen, records=PARTNERSHIP),
                on_button(OtherPartner, other_partner),
                MessageHandler(text, partner_named),
            ],
            PARTNER_NAME: [MessageHandler(text, partner_named)],
            WHEN: [*date_answer(when_given), on_button(ForAPeriod, for_a_period)],
            PERIOD: date_answer(period_given),
            POSITIONS: [
                MessageHandler(text, positions_given),
                on_button(CarryKept, carry_kept),
                on_press(
                    TakePriorities,
                    take_priorities,
                    records=CONSULTATION,
                    allowed=is_closed,
                    refusal=NOT_CLOSED,
                ),
            ],
            LATITUDE: [MessageHandler(text, latitude_given), on_button(NoLatitude, no_latitude)],
            LIMITS: [MessageHandler(text, limits_given), on_button(NoLimits, no_limits)],
            VALIDITY: [
                on_button(DefaultValidity, validity_default),
                *date_answer(validity_given),
            ],
            REVIEW: [
                # A mandate already put to a vote (or adopted) is no longer a draft: refused.
                on_press(Submit, submit, records=MANDATE, allowed=is_draft, refusal=NOT_A_DRAFT),
                on_press(
                    AdoptedAtMeeting,
                    adopted_at_meeting,
                    records=MANDATE,
                    coordinator=True,
                    allowed=is_draft,
                    refusal=NOT_A_DRAFT,
                ),
            ],
        },
        questions={
            REP: ask_representative,
            PARTNER: ask_partner,
            PARTNER_NAME: ask_partner_name,
            WHEN: ask_when,
            PERIOD: ask_period,
            POSITIONS: ask_positions,
            LATITUDE: ask_latitude,
            LIMITS: ask_limits,
            VALIDITY: ask_validity,
            REVIEW: review,
        },
    )
