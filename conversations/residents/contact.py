"""Who residents can reach, and how: a name and a way, printed on every sheet for the lobby."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import COMMITTEE, Press, on_press
from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.residents import CONTACT_LIMIT, Contact
from bot.ui import h, reply
from bot.wizard import Wizard, clear_draft, draft, wizard
from conversations.residents.buttons import SetContact

WIZARD = "box-contact"
ASK_NAME, ASK_HOW = range(2)


async def ask_name(
    update: Update, context: BotContext, press: Press[SetContact, Committee]
) -> int:
    _ = context._
    draft(context, WIZARD)["committee"] = press.record.id
    settings = await context.storage.box.settings(press.record.id)
    lines = [
        _("Every sheet for the lobby shows who residents can reach. Many are not on Telegram."),
        _("Who is it? Write a name, for example: Marie Tremblay, president."),
    ]
    if settings.contact is not None:
        lines.append(_("Now: {name}").format(name=h(settings.contact.name)))
    await reply(update, context, "\n".join(lines))
    return ASK_NAME


async def name_given(update: Update, context: BotContext) -> object:
    _ = context._
    assert update.message is not None
    name = " ".join((update.message.text or "").split())
    if not name or len(name) > CONTACT_LIMIT:
        await reply(
            update,
            context,
            _("Write a name of at most {limit} characters.").format(limit=CONTACT_LIMIT),
        )
        return None
    draft(context, WIZARD)["name"] = name
    await reply(
        update,
        context,
        _(
            "How can residents reach this person? For example: community room, Tuesdays "
            "1 to 3 p.m., 418 555-0101."
        ),
    )
    return ASK_HOW


async def how_given(update: Update, context: BotContext) -> object:
    _ = context._
    assert update.message is not None and update.effective_user is not None
    how = " ".join((update.message.text or "").split())
    if not how or len(how) > CONTACT_LIMIT:
        await reply(
            update,
            context,
            _("Write it in at most {limit} characters.").format(limit=CONTACT_LIMIT),
        )
        return None
    answers = draft(context, WIZARD)
    committee_id = int(answers.get("committee", 0))
    membership = await context.storage.committees.membership(
        committee_id, update.effective_user.id
    )
    clear_draft(context, WIZARD)
    if membership is None or not membership.is_coordinator:
        await reply(update, context, _("Only a coordinator of the committee can do this."))
        return ConversationHandler.END
    contact = Contact(str(answers.get("name", "")), how)
    await context.storage.box.set_contact(committee_id, contact)
    await reply(
        update,
        context,
        _("Done. The sheets will show: {name} — {how}").format(name=h(contact.name), how=h(how)),
    )
    return ConversationHandler.END


def build_wizard() -> Wizard:
    typed = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[on_press(SetContact, ask_name, records=COMMITTEE, coordinator=True)],
        states={
            ASK_NAME: [MessageHandler(typed, name_given)],
            ASK_HOW: [MessageHandler(typed, how_given)],
        },
    )
