"""Members without Telegram: a coordinator adds them by name (« Membres et coordination »),
chooses a member to pass their reminders on (who must agree first), or removes them.

Elsewhere they are offered like the others: on the attendance list of a meeting, as the one
responsible for an action, and for a vote by proxy (conversations/mandates/proxy.py).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import COMMITTEE, Press, on_press
from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.named_members import NAME_LIMIT, NamedMember, clean_member_name
from bot.i18n import N_
from bot.ui import Button, acknowledge, ask_text, edit_or_send, h, reply, send_to_person
from bot.wizard import Wizard, clear_draft, draft, wizard
from conversations.committees.buttons import (
    AcceptRelay,
    AddNamedMember,
    AskRelay,
    ChooseRelay,
    DeclineRelay,
    Members,
    OpenNamedMember,
    RemoveNamedMember,
    StopRelay,
)
from conversations.committees.members import MAX_NAME_BUTTONS, members_view

WIZARD = "named-member"
NAME = 0
NOT_FOR_YOU = N_("This question was for another member.")


# --- adding one --------------------------------------------------------------------------------


async def ask_name(
    update: Update, context: BotContext, press: Press[AddNamedMember, Committee]
) -> object:
    clear_draft(context, WIZARD)
    draft(context, WIZARD)["committee_id"] = press.record.id
    return await ask_name_again(update, context)


async def ask_name_again(update: Update, context: BotContext) -> object:
    await ask_text(
        update,
        context,
        context._(
            "What is the name of the member without Telegram, as the committee calls them? "
            "Example: M. Roy"
        ),
    )
    return NAME


async def name_given(update: Update, context: BotContext) -> object:
    """The name is kept as typed; the committee sees it on lists, sheets and votes."""
    assert update.message is not None and update.effective_user is not None
    committee_id = draft(context, WIZARD).get("committee_id")
    membership = (
        await context.storage.committees.membership(int(committee_id), update.effective_user.id)
        if committee_id
        else None
    )
    if membership is None or not membership.is_coordinator:
        clear_draft(context, WIZARD)
        return ConversationHandler.END
    name = clean_member_name(update.message.text or "")
    if name is None:
        await ask_text(
            update,
            context,
            context._("Write a name of at most {limit} characters.").format(limit=NAME_LIMIT),
        )
        return NAME
    clear_draft(context, WIZARD)
    committee = membership.committee
    added = await context.storage.named_members.add(committee.id, name, membership.person_id)
    text, buttons = await members_view(context, committee, membership.person_id)
    first = (
        context._("{name} is added to the committee.").format(name=h(name))
        if added
        else context._("The committee already has a member of this name.")
    )
    await reply(update, context, first + "\n\n" + text, buttons)
    return ConversationHandler.END


def build_wizard() -> Wizard:
    typed = filters.TEXT & ~filters.COMMAND
    return wizard(
        WIZARD,
        entry_points=[on_press(AddNamedMember, ask_name, records=COMMITTEE, coordinator=True)],
        states={NAME: [MessageHandler(typed, name_given)]},
        questions={NAME: ask_name_again},
    )


# --- one of them -------------------------------------------------------------------------------


async def member_view(context: BotContext, member: NamedMember) -> tuple[str, list[list[Button]]]:
    _ = context._
    lines = [_("<b>{name}</b> (without Telegram)").format(name=h(member.name))]
    relay = await context.storage.people.get(member.relay_id) if member.relay_id else None
    asked = await context.storage.people.get(member.relay_asked) if member.relay_asked else None
    if relay is not None:
        lines.append(_("{person} passes their reminders on.").format(person=h(relay.display_name)))
    else:
        lines.append(_("Their reminders go to the group, naming them."))
    if asked is not None:
        lines.append(
            _("{person} was asked to pass them on, and has not answered yet.").format(
                person=h(asked.display_name)
            )
        )
    buttons: list[list[Button]] = [
        [(_("Choose who passes their reminders on"), ChooseRelay(id=member.id))]
    ]
    if relay is not None:
        buttons.append([(_("Reminders to the group again"), StopRelay(id=member.id))])
    buttons.append(
        [(_("Remove from the committee"), RemoveNamedMember(id=member.id, confirmed=False))]
    )
    buttons.append([(_("« Back to the members"), Members(id=member.committee_id))])
    return "\n".join(lines), buttons


async def open_member(
    update: Update, context: BotContext, press: Press[OpenNamedMember, NamedMember]
) -> None:
    text, buttons = await member_view(context, press.record)
    await edit_or_send(update, context, text, buttons)


async def choose_relay(
    update: Update, context: BotContext, press: Press[ChooseRelay, NamedMember]
) -> None:
    member = press.record
    members = await context.storage.committees.members(member.committee_id)
    buttons: list[list[Button]] = [
        [(m.display_name, AskRelay(id=member.id, person=m.person_id))]
        for m in members[:MAX_NAME_BUTTONS]
    ]
    buttons.append([(context._("« Back"), OpenNamedMember(id=member.id))])
    await edit_or_send(
        update,
        context,
        context._(
            "Who passes the reminders on to {name}? I ask them first: nothing changes until "
            "they agree."
        ).format(name=h(member.name)),
        buttons,
    )


async def ask_relay(
    update: Update, context: BotContext, press: Press[AskRelay, NamedMember]
) -> None:
    """The member chosen is asked in private, in their language."""
    member, committee = press.record, press.membership.committee
    storage = context.storage
    asked = await storage.committees.membership(committee.id, press.button.person)
    person = await storage.people.get(press.button.person)
    if asked is None or person is None:
        await acknowledge(
            update, context, context._("This person is no longer a member."), alert=True
        )
        return
    await storage.named_members.ask_relay(member.id, person.telegram_id)
    tr = context.services.translator_for(person)
    whom = person.telegram_id
    asking = await storage.people.get(press.membership.person_id)
    sent = await send_to_person(
        context,
        person.telegram_id,
        tr.gettext(
            "{asker} asks you to pass on to {name} the reminders of their follow-ups "
            "({committee}): {name} is not on Telegram. You would get them in private."
        ).format(
            asker=h(asking.display_name if asking else "?"),
            name=h(member.name),
            committee=h(committee.name),
        ),
        [
            [(tr.gettext("Yes, I pass them on"), AcceptRelay(id=member.id, person=whom))],
            [(tr.gettext("No, thank you"), DeclineRelay(id=member.id, person=whom))],
        ],
    )
    if sent is None:
        await storage.named_members.decline_relay(member.id, person.telegram_id)
        await acknowledge(
            update,
            context,
            context._(
                "I cannot write to {person} in private: they must write to me first."
            ).format(person=person.display_name),
            alert=True,
        )
        return
    await edit_or_send(
        update,
        context,
        context._("I asked {person}. The reminders of {name} go to them once they agree.").format(
            person=h(person.display_name), name=h(member.name)
        ),
        [[(context._("« Back"), OpenNamedMember(id=member.id))]],
    )


async def accept_relay(
    update: Update, context: BotContext, press: Press[AcceptRelay, NamedMember]
) -> None:
    if press.button.person != press.membership.person_id:
        await acknowledge(update, context, context._(NOT_FOR_YOU), alert=True)
        return
    member = press.record
    if not await context.storage.named_members.accept_relay(member.id, press.button.person):
        await acknowledge(update, context, context._("This button no longer works."), alert=True)
        return
    await edit_or_send(
        update,
        context,
        context._(
            "Thank you! You will get the reminders of {name} in private, to pass them on."
        ).format(name=h(member.name)),
    )


async def decline_relay(
    update: Update, context: BotContext, press: Press[DeclineRelay, NamedMember]
) -> None:
    if press.button.person != press.membership.person_id:
        await acknowledge(update, context, context._(NOT_FOR_YOU), alert=True)
        return
    await context.storage.named_members.decline_relay(press.record.id, press.button.person)
    await edit_or_send(update, context, context._("All right. Nothing changed."))


async def stop_relay(
    update: Update, context: BotContext, press: Press[StopRelay, NamedMember]
) -> None:
    await context.storage.named_members.stop_relay(press.record.id)
    fresh = await context.storage.named_members.get(press.record.id)
    if fresh is not None:
        text, buttons = await member_view(context, fresh)
        await edit_or_send(update, context, text, buttons)


async def remove_member(
    update: Update, context: BotContext, press: Press[RemoveNamedMember, NamedMember]
) -> None:
    """Asked once; what was written with their name (minutes, actions) stays as written."""
    _ = context._
    member = press.record
    if not press.button.confirmed:
        await edit_or_send(
            update,
            context,
            _(
                "Remove {name} from the committee? The minutes and actions that name them stay "
                "as they are."
            ).format(name=h(member.name)),
            [
                [(_("Yes, remove"), RemoveNamedMember(id=member.id, confirmed=True))],
                [(_("No, keep"), OpenNamedMember(id=member.id))],
            ],
        )
        return
    await context.storage.named_members.remove(member.id)
    text, buttons = await members_view(
        context, press.membership.committee, press.membership.person_id
    )
    await edit_or_send(update, context, text, buttons)
