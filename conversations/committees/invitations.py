"""Invitation links (create, revoke) and choosing the active committee.

Every press goes through the one check (bot/access.py): only a coordinator of the committee
gets or turns off a link, a link already turned off refuses « Turn off », and only a member
makes a committee their active one.
"""

from __future__ import annotations

from telegram import Chat, Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Committee, Invitation
from bot.domain.onboarding import new_invitation_token
from bot.ui import Button, acknowledge, edit_or_send, h, reply, send
from conversations.committees.buttons import ChooseCommittee, Invite, Revoke, UseCommittee
from conversations.onboarding.welcome import JOIN_LINK


def is_active(invitation: Invitation) -> bool:
    """Not turned off yet: « Turn off this link » still makes sense."""
    return not invitation.revoked


async def create_invitation(
    update: Update, context: BotContext, press: Press[Invite, Committee]
) -> None:
    """A coordinator gets a fresh, revocable invitation link to forward."""
    user = update.effective_user
    assert user is not None
    _ = context._
    committee = press.record
    chat = update.effective_chat
    if chat is not None and chat.type != Chat.PRIVATE:
        # An invitation link is a key to the committee: hand it over in private only.
        await reply(update, context, _("I will send the invitation link in private."))
    invitation = await context.storage.invitations.create(
        new_invitation_token(), committee.id, user.id
    )
    link = context.services.deep_link(JOIN_LINK, invitation.token)
    text = "\n\n".join(
        [
            _("Invitation link for <b>{name}</b>:").format(name=h(committee.name)),
            link,
            _(
                "Forward this link to the members of the committee. Anyone who has it can "
                "join, so share it only with them. You can turn it off at any time."
            ),
        ]
    )
    buttons: list[list[Button]] = [[(_("Turn off this link"), Revoke(token=invitation.token))]]
    await send(context, user.id, text, buttons)


async def revoke_invitation(
    update: Update, context: BotContext, press: Press[Revoke, Invitation]
) -> None:
    """A coordinator turns a link off; people who already joined stay members."""
    _ = context._
    await context.storage.invitations.revoke(press.record.token)
    await acknowledge(update, context, _("Link turned off."))
    await edit_or_send(
        update,
        context,
        _(
            "This invitation link for <b>{name}</b> is turned off. Nobody else can join with "
            "it. People who already joined stay members."
        ).format(name=h(press.membership.committee.name)),
    )


async def list_committees(update: Update, context: BotContext, _button: ChooseCommittee) -> None:
    """The person's committees, to choose the active one."""
    user = update.effective_user
    assert user is not None
    memberships = await context.storage.committees.memberships_of(user.id)
    person = await context.storage.people.get(user.id)
    active = person.active_committee_id if person else None
    buttons: list[list[Button]] = [
        [
            (
                ("✓ " if m.committee.id == active else "") + m.committee.name,
                UseCommittee(id=m.committee.id),
            )
        ]
        for m in memberships
    ]
    await edit_or_send(
        update, context, context._("Which committee do you want to work on?"), buttons
    )


async def use_committee(
    update: Update, context: BotContext, press: Press[UseCommittee, Committee]
) -> None:
    """Makes a committee the active one (the press check refused anyone not in it)."""
    user = update.effective_user
    assert user is not None
    await context.storage.people.set_active_committee(user.id, press.record.id)
    await edit_or_send(
        update,
        context,
        context._("Your active committee is now <b>{name}</b>.").format(name=h(press.record.name)),
    )
