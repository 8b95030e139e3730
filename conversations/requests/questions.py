"""The new-request wizard's questions, in order: to which partner, what is asked, how and when
it was asked, to whom, by when an answer is expected. Each answer is kept in the draft as it
comes; when editing a request, one answer changes it (see finish.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.domain.partnerships import clip
from bot.domain.requests import (
    ADDRESSEE_LIMIT,
    ANSWER_DAY_CHOICES,
    CHANNEL_LABELS,
    DEFAULT_ANSWER_DAYS,
    PARTNER_LIMIT,
    TEXT_LIMIT,
)
from bot.ui import Button, h, reply
from bot.wizard import read_date
from conversations.requests.buttons import (
    AnswerIn,
    NoAddressee,
    PickChannel,
    PickOffice,
    PickPartnership,
    SentDay,
    UseContact,
)
from conversations.requests.common import day_rows, partner_choices, today_in
from conversations.requests.draft import (
    CHANNEL,
    EXPECTED,
    PARTNER,
    SENT,
    TO_WHOM,
    WHAT,
    ask,
    back_row,
    draft_committee,
    draft_of,
    draft_sent_on,
    editing,
    too_long,
)
from conversations.requests.finish import done

MAX_PARTNER_BUTTONS = 12


def _pick(partnership_id: int | None) -> PickPartnership | PickOffice:
    return PickPartnership(partnership=partnership_id) if partnership_id else PickOffice()


async def then(update: Update, context: BotContext, question: Any) -> int:
    """The next question; or, when editing a request, the change and the card."""
    if editing(context):
        return await done(update, context)
    result: int = await question(update, context)
    return result


async def ask_partner(update: Update, context: BotContext) -> int:
    committee = await draft_committee(update, context)
    if committee is None:
        return ConversationHandler.END
    choices = await partner_choices(context, committee)
    buttons: list[list[Button]] = [
        [(c.name, _pick(c.partnership_id))] for c in choices[:MAX_PARTNER_BUTTONS]
    ]
    text = (
        context._("To which partner is this request? Choose, or write another partner's name.")
        if buttons
        else context._("To which partner is this request? Write its name.")
    )
    await ask(update, context, text, buttons)
    return PARTNER


async def partnership_picked(update: Update, context: BotContext, button: PickPartnership) -> int:
    committee = await draft_committee(update, context)
    partnership = await context.storage.partnerships.get(button.partnership)
    if committee is None:
        return ConversationHandler.END
    if partnership is None or partnership.committee_id != committee.id:
        return await ask_partner(update, context)
    draft_of(context).update(
        partner_name=partnership.partner_name,
        partnership_id=partnership.id,
        contact=partnership.contact_person,
    )
    return await then(update, context, ask_what)


async def office_picked(update: Update, context: BotContext, _button: PickOffice) -> int:
    committee = await draft_committee(update, context)
    if committee is None or not committee.housing_office:
        return ConversationHandler.END
    draft_of(context).update(
        partner_name=committee.housing_office, partnership_id=None, contact=None
    )
    return await then(update, context, ask_what)


async def partner_typed(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    name = " ".join(update.message.text.split())
    if not name or len(name) > PARTNER_LIMIT:
        await reply(update, context, too_long(context, PARTNER_LIMIT))
        return await ask_partner(update, context)
    draft_of(context).update(partner_name=name, partnership_id=None, contact=None)
    return await then(update, context, ask_what)


async def ask_what(update: Update, context: BotContext) -> int:
    partner = draft_of(context).get("partner_name") or ""
    text = context._(
        "What do you ask of {partner}? Write it in plain words, as you would say it.\n"
        "Example: Repair the door of the common room, which no longer locks."
    ).format(partner=h(partner))
    await ask(update, context, text, back_row(context, PARTNER))
    return WHAT


async def what_typed(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    what, _cut = clip(update.message.text, TEXT_LIMIT + 1)
    if not what or len(what) > TEXT_LIMIT:
        await reply(update, context, too_long(context, TEXT_LIMIT))
        return WHAT
    draft_of(context)["what"] = what
    return await then(update, context, ask_channel)


async def ask_channel(update: Update, context: BotContext) -> int:
    buttons: list[list[Button]] = [
        [(context._(label), PickChannel(channel=channel))]
        for channel, label in CHANNEL_LABELS.items()
    ]
    buttons += back_row(context, WHAT)
    await ask(update, context, context._("How was it asked?"), buttons)
    return CHANNEL


async def channel_picked(update: Update, context: BotContext, button: PickChannel) -> int:
    draft_of(context)["channel"] = button.channel.value
    return await then(update, context, ask_sent)


async def ask_sent(update: Update, context: BotContext) -> int:
    committee = await draft_committee(update, context)
    if committee is None:
        return ConversationHandler.END
    today = today_in(context, committee)
    buttons = day_rows(context, today, lambda back: SentDay(days_back=back))
    buttons += back_row(context, CHANNEL)
    text = context._("When was it asked? Press a button or write the date (example: 12/11).")
    await ask(update, context, text, buttons)
    return SENT


async def sent_picked(update: Update, context: BotContext, button: SentDay) -> int:
    committee = await draft_committee(update, context)
    if committee is None:
        return ConversationHandler.END
    day = today_in(context, committee) - timedelta(days=button.days_back)
    draft_of(context)["sent_on"] = day.isoformat()
    return await then(update, context, ask_to_whom)


async def sent_typed(update: Update, context: BotContext) -> int | None:
    committee = await draft_committee(update, context)
    if committee is None:
        return ConversationHandler.END
    finding = await read_date(update, context, committee.timezone, past_ok=True)
    if finding is None or finding.due_date is None:
        return None
    draft_of(context)["sent_on"] = finding.due_date.isoformat()
    return await then(update, context, ask_to_whom)


async def ask_to_whom(update: Update, context: BotContext) -> int:
    contact = draft_of(context).get("contact")
    buttons: list[list[Button]] = []
    if contact:
        buttons.append([(contact, UseContact())])
    buttons.append([(context._("Nobody in particular"), NoAddressee())])
    buttons += back_row(context, SENT)
    text = context._(
        "To whom was it addressed? Write the person and their title, for example: "
        "Ms. Roy, director of the office."
    )
    await ask(update, context, text, buttons)
    return TO_WHOM


async def contact_picked(update: Update, context: BotContext, _button: UseContact) -> int:
    draft_of(context)["addressed_to"] = draft_of(context).get("contact")
    return await then(update, context, ask_expected)


async def nobody_picked(update: Update, context: BotContext, _button: NoAddressee) -> int:
    draft_of(context)["addressed_to"] = None
    return await then(update, context, ask_expected)


async def to_whom_typed(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    who = " ".join(update.message.text.split())
    if not who or len(who) > ADDRESSEE_LIMIT:
        await reply(update, context, too_long(context, ADDRESSEE_LIMIT))
        return TO_WHOM
    draft_of(context)["addressed_to"] = who
    return await then(update, context, ask_expected)


async def ask_expected(update: Update, context: BotContext) -> int:
    sent_on = draft_sent_on(context)
    tr = context.tr
    buttons: list[list[Button]] = []
    for days in ANSWER_DAY_CHOICES:
        label = context._("In {days} days ({day})").format(
            days=days, day=tr.format_short_day(sent_on + timedelta(days=days))
        )
        if days == DEFAULT_ANSWER_DAYS:
            label = "✓ " + label
        buttons.append([(label, AnswerIn(days=days))])
    buttons += back_row(context, TO_WHOM)
    text = context._(
        "By when do you expect an answer? Usually 30 days. Press a button or write a date."
    )
    await ask(update, context, text, buttons)
    return EXPECTED


async def expected_picked(update: Update, context: BotContext, button: AnswerIn) -> int:
    day = draft_sent_on(context) + timedelta(days=button.days)
    draft_of(context)["expected_on"] = day.isoformat()
    return await done(update, context)


async def expected_typed(update: Update, context: BotContext) -> int | None:
    committee = await draft_committee(update, context)
    if committee is None:
        return ConversationHandler.END
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    if finding.due_date <= draft_sent_on(context):
        await reply(
            update, context, context._("The answer comes after the request: write a later date.")
        )
        return None
    draft_of(context)["expected_on"] = finding.due_date.isoformat()
    return await done(update, context)
