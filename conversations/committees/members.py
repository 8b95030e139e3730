"""« Membres »: a coordinator sees who is in the committee, names other coordinators, and may
give the role up while someone else keeps it. Nobody becomes coordinator any other way."""

from __future__ import annotations

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Committee, Member
from bot.domain.roles import may_step_down
from bot.i18n import N_
from bot.ui import Button, acknowledge, committee_line, edit_or_send, h, send_to_person
from conversations.committees.buttons import (
    AddNamedMember,
    Invite,
    Links,
    Members,
    NameCoordinator,
    OpenNamedMember,
    StepDown,
)

# A button per member to name: enough for a committee, short enough for a phone.
MAX_NAME_BUTTONS = 30
LAST_COORDINATOR = N_(
    "You are the only coordinator of this committee. Name someone else first, then you can "
    "give the role up."
)


async def members_view(
    context: BotContext, committee: Committee, viewer_id: int
) -> tuple[str, list[list[Button]]]:
    """Who coordinates, who is a member (with or without Telegram), and the buttons of a
    coordinator."""
    _ = context._
    members = await context.storage.committees.members(committee.id)
    named = await context.storage.named_members.of_committee(committee.id)
    relays = {m.person_id: m.first_name for m in members}
    coordinators = [m for m in members if m.is_coordinator]
    plain = [m for m in members if not m.is_coordinator]
    lines = [
        "<b>" + _("Members — {committee}").format(committee=h(committee.name)) + "</b>",
        _("Coordination: {names}").format(names=_names(coordinators)),
        _("Members: {names}").format(names=_names(plain) if plain else "—"),
    ]
    if named:
        lines.append(
            _("Without Telegram: {names}").format(
                names=", ".join(
                    h(n.name)
                    + (
                        " "
                        + _("(reminders passed on by {person})").format(
                            person=h(relays[n.relay_id])
                        )
                        if n.relay_id in relays
                        else ""
                    )
                    for n in named
                )
            )
        )
    buttons: list[list[Button]] = [
        [(_("{person}: make coordinator").format(person=m.display_name), _name(committee, m))]
        for m in plain[:MAX_NAME_BUTTONS]
    ]
    if plain:
        lines += ["", _("To share the coordination with a member, press their name.")]
    buttons += [
        [(_("{name} (without Telegram)").format(name=n.name), OpenNamedMember(id=n.id))]
        for n in named[:MAX_NAME_BUTTONS]
    ]
    buttons.append([(_("Add a member without Telegram"), AddNamedMember(id=committee.id))])
    if any(m.person_id == viewer_id for m in coordinators):
        buttons.append([(_("Give up coordination"), StepDown(id=committee.id, confirmed=False))])
    buttons.append(
        [
            (_("Invite members"), Invite(id=committee.id)),
            (_("Invitation links"), Links(id=committee.id)),
        ]
    )
    return "\n".join(lines), buttons


def _names(members: list[Member]) -> str:
    return ", ".join(h(m.display_name) for m in members)


def _name(committee: Committee, member: Member) -> NameCoordinator:
    return NameCoordinator(id=committee.id, person=member.person_id)


async def show_members(
    update: Update, context: BotContext, press: Press[Members, Committee]
) -> None:
    """« Members »: the view, for a coordinator (the press check saw the role)."""
    text, buttons = await members_view(context, press.record, press.membership.person_id)
    await edit_or_send(update, context, text, buttons)


async def name_coordinator(
    update: Update, context: BotContext, press: Press[NameCoordinator, Committee]
) -> None:
    """A coordinator names a member; the new coordinator is told in private."""
    _ = context._
    committee = press.record
    storage = context.storage
    named = await storage.committees.membership(committee.id, press.button.person)
    if named is None or not await storage.committees.name_coordinator(
        committee.id, press.button.person
    ):
        # Left the committee, or already named by someone else: the view says where it stands.
        await acknowledge(update, context, _("This button no longer works."), alert=True)
    else:
        person = await storage.people.get(press.button.person)
        name = person.display_name if person else "?"
        await acknowledge(update, context, _("{person} now coordinates.").format(person=name))
        await _tell_named(context, committee, press.button.person, press.membership.person_id)
    text, buttons = await members_view(context, committee, press.membership.person_id)
    await edit_or_send(update, context, text, buttons)


async def _tell_named(context: BotContext, committee: Committee, person_id: int, by: int) -> None:
    """In private, in their language; nothing when they never opened a chat with the bot."""
    person = await context.storage.people.get(person_id)
    naming = await context.storage.people.get(by)
    if person is None:
        return
    _ = context.services.translator_for(person).gettext
    await send_to_person(
        context,
        person_id,
        _(
            "{person} shared with you the coordination of this committee: <b>{committee}</b>\n"
            "You can now invite members, link the committee's group and change its settings "
            "(/parametres)."
        ).format(person=h(naming.display_name if naming else "?"), committee=h(committee.name)),
    )


async def step_down(
    update: Update, context: BotContext, press: Press[StepDown, Committee]
) -> None:
    """« Give up coordination »: asked once, refused while nobody else would coordinate."""
    _ = context._
    committee = press.record
    storage = context.storage
    coordinators = [m for m in await storage.committees.members(committee.id) if m.is_coordinator]
    if not may_step_down(len(coordinators)):
        await acknowledge(update, context, _(LAST_COORDINATOR), alert=True)
        return
    me = press.membership.person_id
    if not press.button.confirmed:
        others = [m for m in coordinators if m.person_id != me]
        await edit_or_send(
            update,
            context,
            "\n".join(
                [
                    committee_line(context.tr, committee.name),
                    _("You will no longer coordinate this committee. You stay a member."),
                    _("Coordination: {names}").format(names=_names(others)),
                ]
            ),
            [
                [(_("Yes, give up coordination"), StepDown(id=committee.id, confirmed=True))],
                [(_("No, keep it"), Members(id=committee.id))],
            ],
        )
        return
    if not await storage.committees.step_down(committee.id, me):
        await acknowledge(update, context, _(LAST_COORDINATOR), alert=True)
        return
    await edit_or_send(
        update,
        context,
        committee_line(context.tr, committee.name)
        + "\n"
        + _("Done: you no longer coordinate this committee. You stay a member."),
    )
