"""/mandat: the committee's mandates, each card opened again, and « New mandate »."""

from __future__ import annotations

from telegram import Update

from bot.access import Press, membership_from_link, membership_in_private
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import Committee, Mandate
from bot.domain.mandates import mandate_ref
from bot.ui import Button, edit_or_send, h
from conversations.mandates.buttons import NewMandate, OpenMandate
from conversations.mandates.views import mandate_card, result_lines

MANDATE_LINK = DeepLink("mandate-")
# The latest ones; older mandates are replaced or expired.
MAX_LISTED = 10


async def open_menu(update: Update, context: BotContext) -> None:
    """/mandat: current and past mandates, and « New mandate »."""
    membership = await membership_in_private(
        update,
        context,
        MANDATE_LINK,
        context._("Mandates are prepared in private chat with me. The vote happens here."),
        context._("Continue in private"),
    )
    if membership is not None:
        await show_menu(update, context, membership.committee)


async def open_from_link(update: Update, context: BotContext, committee_id: str) -> None:
    """The « Continue in private » link of /mandat in a group."""
    membership = await membership_from_link(update, context, committee_id)
    if membership is not None:
        await show_menu(update, context, membership.committee)


async def show_menu(update: Update, context: BotContext, committee: Committee) -> None:
    mandates = await context.storage.mandates.of_committee(committee.id)
    buttons: list[list[Button]] = [
        [
            (
                context.tr.line(
                    mandate_ref(m.number), f"{m.representative_name} → {m.partner_name}"
                ),
                OpenMandate(id=m.id),
            )
        ]
        for m in mandates[:MAX_LISTED]
    ]
    buttons.append([(context._("New mandate"), NewMandate())])
    text = (
        context._("Mandates of your committee. Open one to see its card.")
        if mandates
        else context._(
            "No mandate yet. A mandate tells your representative what to carry to a partner, "
            "and what must come back to the committee."
        )
    )
    await edit_or_send(update, context, text, buttons)


async def open_card(
    update: Update, context: BotContext, press: Press[OpenMandate, Mandate]
) -> None:
    """Any member sees a card again; the card says whether it is still valid, and, once the
    representative reported back, what came of each position."""
    committee = press.membership.committee
    now = context.services.now(committee.timezone)
    text = mandate_card(context.tr, committee, press.record, now)
    report = await context.storage.mandates.report_of(press.record.id)
    if report is not None and report.results:
        heading = "<b>" + h(context._("Position by position")) + "</b>"
        text += "\n\n" + "\n".join([heading, *result_lines(context.tr, report)])
    await edit_or_send(update, context, text)
