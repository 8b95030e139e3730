"""« New mandate »: prepare the representative's mandate in private, one question at a time."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import MANDATE, PARTNERSHIP, Press, on_button, on_press, require_membership
from bot.context import BotContext
from bot.domain.entities import Mandate, MeetingTime, Partnership, PartnershipStatus
from bot.domain.mandates import split_points
from bot.domain.partnerships import PARTNERSHIP_TEXT_LIMIT, clip
from bot.ui import Button, edit_or_send, reply
from bot.wizard import Question, Wizard, clear_draft, date_answer, draft, read_date, wizard
from conversations.mandates.buttons import (
    AdoptedAtMeeting,
    DefaultValidity,
    EditMandate,
    EditMandateMenu,
    ForAPeriod,
    MandatePart,
    NewMandate,
    NoLatitude,
    NoLimits,
    OtherPartner,
    Partner,
    Representative,
    Submit,
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
    back_to_review,
    current,
    is_draft,
)
from conversations.mandates.review import (
    adopted_at_meeting,
    ask_validity,
    edit_menu,
    go_on,
    review,
    save_answer,
    submit,
    validity_default,
    validity_given,
)

NAME_LIMIT = 120
# Members offered as representatives, one button each.
MAX_REPRESENTATIVES = 30


# --- who, to whom ----------------------------------------------------------------------------


async def begin(update: Update, context: BotContext, _button: NewMandate) -> object:
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft(context, WIZARD)["committee_id"] = membership.committee.id
    return await ask_representative(update, context)


async def ask_representative(update: Update, context: BotContext) -> object:
    committee_id = draft(context, WIZARD).get("committee_id")
    if not committee_id:
        return ConversationHandler.END
    members = await context.storage.committees.members(int(committee_id))
    buttons: list[list[Button]] = [
        [(m.display_name, Representative(person=m.person_id))]
        for m in members[:MAX_REPRESENTATIVES]
    ]
    buttons += back_to_review(context)
    await edit_or_send(update, context, context._("Who will represent the committee?"), buttons)
    return REP


async def representative_chosen(
    update: Update, context: BotContext, button: Representative
) -> object:
    committee_id = draft(context, WIZARD).get("committee_id")
    user = update.effective_user
    if not committee_id or user is None:
        return ConversationHandler.END
    members = await context.storage.committees.members(int(committee_id))
    member = next((m for m in members if m.person_id == button.person), None)
    if member is None:  # left the committee since the question was asked
        return await ask_representative(update, context)
    found = await current(context)
    if found is not None:  # changed from the review
        await context.storage.mandates.set(
            found[1].id, representative_id=member.person_id, representative_name=member.first_name
        )
        return await go_on(update, context, ask_partner)
    mandate = await context.storage.mandates.start(
        int(committee_id), member.person_id, member.first_name, user.id
    )
    draft(context, WIZARD)["mandate_id"] = mandate.id
    return await ask_partner(update, context)


async def ask_partner(update: Update, context: BotContext) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    partnerships = await context.storage.partnerships.of_committee(found[0].id)
    buttons: list[list[Button]] = [
        [(p.partner_name, Partner(id=p.id))]
        for p in partnerships
        if p.status is PartnershipStatus.ACTIVE
    ]
    buttons.append([(context._("Another partner"), OtherPartner())])
    buttons += back_to_review(context)
    await edit_or_send(update, context, context._("To which partner?"), buttons)
    return PARTNER


async def partner_chosen(
    update: Update, context: BotContext, press: Press[Partner, Partnership]
) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    partnership = press.record
    if partnership.committee_id != committee.id:  # a button from another committee's wizard
        return await ask_partner(update, context)
    await context.storage.mandates.set(
        mandate.id, partnership_id=partnership.id, partner_name=partnership.partner_name
    )
    return await go_on(update, context, ask_when)


async def other_partner(update: Update, context: BotContext, _button: OtherPartner) -> object:
    return await ask_partner_name(update, context)


async def ask_partner_name(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("What is the partner's name? Example: Ville de Québec"),
        back_to_review(context),
    )
    return PARTNER_NAME


async def partner_named(update: Update, context: BotContext) -> object:
    """A name typed, after « Another partner » or right where the partners are offered."""
    assert update.message is not None and update.message.text is not None
    name, _cut = clip(update.message.text, NAME_LIMIT)
    if not name:
        return await ask_partner_name(update, context)
    return await save_answer(update, context, ask_when, partnership_id=None, partner_name=name)


# --- when ------------------------------------------------------------------------------------


async def ask_when(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("When is the meeting? Write the date and time. Example: Thursday at 2 pm."),
        [
            [(context._("It is for a period, not one meeting"), ForAPeriod())],
            *back_to_review(context),
        ],
    )
    return WHEN


async def when_given(update: Update, context: BotContext) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    # The hour only when one was typed: « le 15 décembre » has none until someone gives it.
    meeting = MeetingTime(finding.due_date, finding.due_time)
    await context.storage.mandates.set(mandate.id, meeting_at=meeting, period_end=None)
    return await go_on(update, context, ask_positions)


async def for_a_period(update: Update, context: BotContext, _button: ForAPeriod) -> object:
    return await ask_period(update, context)


async def ask_period(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("Until when does the mandate hold? Example: March 31."),
        back_to_review(context),
    )
    return PERIOD


async def period_given(update: Update, context: BotContext) -> object:
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    await context.storage.mandates.set(mandate.id, period_end=finding.due_date, meeting_at=None)
    return await go_on(update, context, ask_positions)


# --- what ------------------------------------------------------------------------------------


async def ask_positions(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._(
            "Which positions must the representative carry? One per line.\n"
            "Example:\nThe door of the community room must be repaired this month\n"
            "We want the yearly meeting in January"
        ),
        back_to_review(context),
    )
    return POSITIONS


async def positions_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    points, cut = split_points(update.message.text)
    if not points:
        return await ask_positions(update, context)
    if cut:
        await reply(update, context, context._("Your text was too long: I kept the beginning."))
    return await save_answer(update, context, ask_latitude, positions=points)


async def ask_latitude(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._(
            "What may the representative agree to alone, without coming back to the committee? "
            "Example: a date for the repair."
        ),
        [[(context._("Nothing without the committee"), NoLatitude())], *back_to_review(context)],
    )
    return LATITUDE


async def latitude_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    latitude = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)[0]
    return await save_answer(update, context, ask_limits, latitude=latitude or None)


async def no_latitude(update: Update, context: BotContext, _button: NoLatitude) -> object:
    return await save_answer(update, context, ask_limits, latitude=None)


async def ask_limits(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._(
            "What must come back to the committee before any answer? "
            "Example: any change to the rent or to the rules."
        ),
        [[(context._("Skip this question"), NoLimits())], *back_to_review(context)],
    )
    return LIMITS


async def limits_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    limits = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)[0]
    return await save_answer(update, context, ask_validity, limits=limits or None)


async def no_limits(update: Update, context: BotContext, _button: NoLimits) -> object:
    return await save_answer(update, context, ask_validity, limits=None)


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
            POSITIONS: [MessageHandler(text, positions_given)],
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
