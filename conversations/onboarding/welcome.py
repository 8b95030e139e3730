"""/start in private: where the person stands, and joining a committee by invitation."""

from __future__ import annotations

from telegram import Update

from bot.access import current_membership
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import MembershipSource
from bot.domain.onboarding import is_invitation_token
from bot.ui import Button, h, reply, send_to_person
from conversations.committees.buttons import ChooseCommittee, Invite, Members
from conversations.onboarding.buttons import NewCommittee

JOIN_LINK = DeepLink("join-")


async def home(update: Update, context: BotContext, unknown_payload: str) -> None:
    """The plain /start, and any link nothing else knows: where the person stands."""
    if unknown_payload:
        await reply(update, context, context._("This link does not work. Here is where you are:"))
    await show_home(update, context)


async def join_link(update: Update, context: BotContext, token: str) -> None:
    """An invitation link: the person joins, or learns why the link does not work."""
    await join_by_invitation(update, context, token if is_invitation_token(token) else "")


async def show_home(update: Update, context: BotContext) -> None:
    """Welcome for a newcomer; the active committee and what to do next for a member."""
    _ = context._
    user = update.effective_user
    assert user is not None
    memberships = await context.storage.committees.memberships_of(user.id)
    if not memberships:
        text = "\n\n".join(
            [
                _("Hello {name}! I am the assistant of tenants' committees.").format(
                    name=h(user.first_name)
                ),
                _(
                    "I help you agree on what you want from your partners, give a clear "
                    "mandate to your representative, and follow up on decisions."
                ),
                _("You are not in a committee yet."),
                _(
                    "• To start a committee, press the button below.\n"
                    "• To join an existing committee, ask one of its coordinators "
                    "for an invitation link."
                ),
            ]
        )
        await reply(update, context, text, [[(_("Create a committee"), NewCommittee())]])
        return
    membership = await current_membership(update, context)
    assert membership is not None
    role = _("coordinator") if membership.is_coordinator else _("member")
    lines = [
        _("Hello {name}!").format(name=h(user.first_name)),
        _("Your active committee: <b>{committee}</b> ({role}).").format(
            committee=h(membership.committee.name), role=role
        ),
        _("Type /aide to see what I can do."),
    ]
    buttons: list[list[Button]] = []
    if membership.is_coordinator:
        buttons.append(
            [
                (_("Invite members"), Invite(id=membership.committee.id)),
                (_("Members"), Members(id=membership.committee.id)),
            ]
        )
    if len(memberships) > 1:
        buttons.append([(_("Change committee"), ChooseCommittee())])
    buttons.append([(_("Create another committee"), NewCommittee())])
    await reply(update, context, "\n".join(lines), buttons)


async def join_by_invitation(update: Update, context: BotContext, token: str) -> None:
    """A person opened an invitation link: they join the committee if the link is valid."""
    _ = context._
    user = update.effective_user
    assert user is not None
    storage = context.storage
    invitation = await storage.invitations.get(token) if token else None
    committee = await storage.committees.get(invitation.committee_id) if invitation else None
    if invitation is None or invitation.revoked or committee is None:
        await reply(
            update,
            context,
            _(
                "This invitation link no longer works. Ask a coordinator of your committee "
                "for a new link."
            ),
        )
        return
    added = await storage.committees.add_member(
        committee.id, user.id, MembershipSource.INVITATION, invitation=invitation.token
    )
    await storage.people.set_active_committee(user.id, committee.id)
    if not added:
        await reply(
            update,
            context,
            _(
                "You are already a member of <b>{name}</b>. It is now your active committee."
            ).format(name=h(committee.name)),
        )
        return
    await storage.invitations.count_use(token)
    await reply(
        update,
        context,
        _("Welcome to <b>{name}</b>! You are now a member.").format(name=h(committee.name))
        + "\n\n"
        + _("Type /aide to see what I can do."),
    )
    if invitation.created_by:
        await _tell_inviter(context, invitation.created_by, committee.name, user.first_name)


async def _tell_inviter(
    context: BotContext, inviter_id: int, committee_name: str, newcomer: str
) -> None:
    """In private only: who joins is the inviter's news, not the whole group's."""
    inviter = await context.storage.people.get(inviter_id)
    if inviter is None:
        return
    _ = context.services.translator_for(inviter).gettext
    await send_to_person(
        context,
        inviter_id,
        _("{person} joined the committee <b>{committee}</b> with your invitation.").format(
            person=h(newcomer), committee=h(committee_name)
        ),
    )
