"""« New request », one question at a time in private: to which partner, what is asked, how and
when it was asked, to whom, by when an answer is expected (questions.py). « Edit » asks one of
them again about a request already stored, then shows its card (finish.py).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters

from bot import commands
from bot.access import (
    PARTNERSHIP,
    REQUEST,
    Press,
    membership_from_link,
    membership_in_private,
    on_button,
    on_press,
)
from bot.context import BotContext
from bot.domain.entities import Partnership
from bot.domain.requests import Request, can_edit
from bot.ui import reply
from bot.wizard import Wizard, clear_draft, date_answer, wizard
from conversations.requests import menu
from conversations.requests.buttons import (
    AnswerIn,
    EditField,
    Field,
    FromObjective,
    NewRequest,
    NoAddressee,
    Open,
    PickChannel,
    PickOffice,
    PickPartnership,
    SentDay,
    UseContact,
)
from conversations.requests.common import (
    NEW_REQUEST_LINK,
    hand_over,
    is_private,
    on_request,
    show_card,
)
from conversations.requests.draft import (
    CHANNEL,
    EXPECTED,
    PARTNER,
    SENT,
    TO_WHOM,
    WHAT,
    WIZARD,
    draft_of,
)
from conversations.requests.questions import (
    ask_channel,
    ask_expected,
    ask_partner,
    ask_sent,
    ask_to_whom,
    ask_what,
    channel_picked,
    contact_picked,
    expected_picked,
    expected_typed,
    nobody_picked,
    office_picked,
    partner_typed,
    partnership_picked,
    sent_picked,
    sent_typed,
    to_whom_typed,
    what_typed,
)


async def begin(update: Update, context: BotContext, _button: NewRequest) -> int:
    """« New request »: in private for the active committee; from a group, a link."""
    membership = await membership_in_private(
        update,
        context,
        NEW_REQUEST_LINK,
        context._("A request is written in private chat with me, one question at a time."),
        context._("Continue in private"),
    )
    if membership is None:
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft_of(context)["committee_id"] = membership.committee.id
    return await ask_partner(update, context)


async def begin_from_link(update: Update, context: BotContext, committee_id: str) -> int:
    """The « Continue in private » link from a group: that group's committee."""
    membership = await membership_from_link(update, context, committee_id)
    if membership is None:
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft_of(context)["committee_id"] = membership.committee.id
    return await ask_partner(update, context)


async def from_objective(
    update: Update, context: BotContext, press: Press[FromObjective, Partnership]
) -> int:
    """A request about one of a partnership's objectives: the partner is known already."""
    partnership = press.record
    objective = next((o for o in partnership.objectives if o.id == press.button.objective), None)
    if objective is None or not await hand_over_committee(update, context, partnership):
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft_of(context).update(
        committee_id=partnership.committee_id,
        partner_name=partnership.partner_name,
        partnership_id=partnership.id,
        contact=partnership.contact_person,
        objective_id=objective.id,
        new_message=True,
    )
    return await ask_what(update, context)


async def hand_over_committee(
    update: Update, context: BotContext, partnership: Partnership
) -> bool:
    """Private only: from a group, the partnership's committee's « New request » link."""
    if is_private(update):
        return True
    url = context.services.deep_link(NEW_REQUEST_LINK, partnership.committee_id)
    await reply(
        update,
        context,
        context._("A request is written in private chat with me, one question at a time."),
        [[(context._("Continue in private"), url)]],
    )
    return False


async def edit_field(update: Update, context: BotContext, press: Press[EditField, Request]) -> int:
    """« Edit » one part of a request: its question again, then back to the card."""
    request = press.record
    if not await hand_over(update, context, request):
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    partnership = (
        await context.storage.partnerships.get(request.partnership_id)
        if request.partnership_id
        else None
    )
    draft_of(context).update(
        committee_id=request.committee_id,
        request_id=request.id,
        field=press.button.field.value,
        sent_on=request.sent_on.isoformat(),
        partner_name=request.partner_name,
        contact=partnership.contact_person if partnership else None,
    )
    question = {
        Field.PARTNER: ask_partner,
        Field.WHAT: ask_what,
        Field.CHANNEL: ask_channel,
        Field.SENT: ask_sent,
        Field.TO_WHOM: ask_to_whom,
        Field.EXPECTED: ask_expected,
    }[press.button.field]
    return await question(update, context)


async def back_to_card(update: Update, context: BotContext, press: Press[Open, Request]) -> int:
    """A request's card; any question left open is closed."""
    clear_draft(context, WIZARD)
    await show_card(update, context, press.record.id)
    return ConversationHandler.END


def build_wizard() -> Wizard:
    """The wizard, top to bottom. Private chat only (a group hands over with a link)."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[
            # /demande closes whatever question was open: a list, or a request in one message.
            CommandHandler(commands.REQUEST.names, menu.start),
            on_button(NewRequest, begin),
            on_request(EditField, edit_field, allowed=lambda r: can_edit(r.status)),
            on_press(FromObjective, from_objective, records=PARTNERSHIP),
            # Opening a card closes whatever question was open (an « Edit » left halfway).
            on_press(Open, back_to_card, records=REQUEST),
        ],
        states={
            PARTNER: [
                on_button(PickPartnership, partnership_picked),
                on_button(PickOffice, office_picked),
                MessageHandler(text, partner_typed),
            ],
            WHAT: [MessageHandler(text, what_typed)],
            CHANNEL: [on_button(PickChannel, channel_picked)],
            SENT: [on_button(SentDay, sent_picked), *date_answer(sent_typed)],
            TO_WHOM: [
                on_button(UseContact, contact_picked),
                on_button(NoAddressee, nobody_picked),
                MessageHandler(text, to_whom_typed),
            ],
            EXPECTED: [on_button(AnswerIn, expected_picked), *date_answer(expected_typed)],
        },
        questions={
            PARTNER: ask_partner,
            WHAT: ask_what,
            CHANNEL: ask_channel,
            SENT: ask_sent,
            TO_WHOM: ask_to_whom,
            EXPECTED: ask_expected,
        },
    )
