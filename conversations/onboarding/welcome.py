"""/start in private: where the person stands, and joining a committee by invitation."""

from __future__ import annotations

from telegram import Update

from bot.access import current_membership
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import Committee, Invitation, MembershipSource
from bot.domain.onboarding import is_invitation_token
from bot.domain.roles import LinkState, link_state
from bot.i18n import N_
from bot.ui import Button, h, reply, send_to_person
from conversations.committees.buttons import ChooseCommittee, Invite, Members, UseCommittee
from conversations.help.basics import language_offer
from conversations.onboarding.buttons import NewCommittee

JOIN_LINK = DeepLink("join-")
LINK_GONE = N_(
    "This invitation link no longer works. Ask a coordinator of your committee for a new link."
)
LINK_EXPIRED = N_(
    "This invitation link has expired. Ask a coordinator of your committee for a new link."
)


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
                _("Hello {person}! I am the assistant of tenants' committees.").format(
                    person=h(user.first_name)
                ),
                _(
                    "I help you agree on what you want from your partners, give a clear "
                    "mandate to the person who represents you, and follow up on decisions."
                ),
                _("You are not in a committee yet."),
                _(
                    "• To start a committee, press the button below.\n"
                    "• To join an existing committee, ask one of its coordinators "
                    "for an invitation link."
                ),
                *filter(None, [language_offer(context)]),
            ]
        )
        await reply(update, context, text, [[(_("Create a committee"), NewCommittee())]])
        return
    membership = await current_membership(update, context)
    if membership is None:
        # Several committees and none chosen yet: choosing is the first thing to do.
        await reply(
            update,
            context,
            _("Hello {person}!").format(person=h(user.first_name))
            + "\n"
            + _("Which committee do you want to work on?"),
            [[(m.committee.name, UseCommittee(id=m.committee.id))] for m in memberships],
        )
        return
    role = _("coordinator") if membership.is_coordinator else _("member")
    lines = [
        _("Hello {person}!").format(person=h(user.first_name)),
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
    """A person opened an invitation link: they join the committee if the link still works.

    Joining is not choosing to work on the committee: a person already in another one keeps
    their active committee, and is offered a button to switch.
    """
    _ = context._
    user = update.effective_user
    assert user is not None
    storage = context.storage
    invitation = await storage.invitations.get(token) if token else None
    committee = await storage.committees.get(invitation.committee_id) if invitation else None
    if invitation is None or committee is None:
        await reply(update, context, _(LINK_GONE))
        return
    state = link_state(
        revoked=invitation.revoked, expires_at=invitation.expires_at, now=context.services.clock()
    )
    if state is not LinkState.OPEN:
        await reply(update, context, _(LINK_EXPIRED if state is LinkState.EXPIRED else LINK_GONE))
        return
    before = await storage.committees.count_of(user.id)
    added = await storage.committees.add_member(
        committee.id, user.id, MembershipSource.INVITATION, invitation=invitation.token
    )
    if added:
        await storage.invitations.count_use(token)
        text = _("Welcome! You are now a member of this committee: <b>{committee}</b>").format(
            committee=h(committee.name)
        )
    else:
        text = _("You are already a member of this committee: <b>{committee}</b>").format(
            committee=h(committee.name)
        )
    if before == 0:
        # Their first committee: there is nothing else they could be working on.
        await storage.people.set_active_committee(user.id, committee.id)
        lines = [text, _("Type /aide to see what I can do."), language_offer(context)]
        await reply(update, context, "\n\n".join(filter(None, lines)))
    else:
        await _offer_to_switch(update, context, committee, text)
    if added:
        await tell_coordinators_of_join(context, committee, invitation, user.id)


async def _offer_to_switch(
    update: Update, context: BotContext, committee: Committee, text: str
) -> None:
    """The active committee stays; a button makes the new one active when the person wants."""
    _ = context._
    user = update.effective_user
    assert user is not None
    person = await context.storage.people.get(user.id)
    active_id = person.active_committee_id if person else None
    active = await context.storage.committees.get(active_id) if active_id else None
    if active is None or active.id == committee.id:
        await reply(update, context, text)
        return
    await reply(
        update,
        context,
        text
        + "\n\n"
        + _("Your active committee stays the same for now: <b>{active}</b>").format(
            active=h(active.name)
        ),
        [[(_("Work on the new committee"), UseCommittee(id=committee.id))]],
    )


async def tell_coordinators_of_join(
    context: BotContext, committee: Committee, invitation: Invitation, newcomer_id: int
) -> None:
    """Every coordinator learns who joined by which link, in private, in their language;
    one who cannot be reached there is skipped (a join is not news for the whole group)."""
    storage = context.storage
    members = await storage.committees.members(committee.id)
    newcomer = next((m.display_name for m in members if m.person_id == newcomer_id), "?")
    for member in members:
        if not member.is_coordinator or member.person_id == newcomer_id:
            continue
        person = await storage.people.get(member.person_id)
        _ = context.services.translator_for(person).gettext
        await send_to_person(
            context,
            member.person_id,
            _(
                "{person} is now a member of this committee: <b>{committee}</b> "
                "(invitation link no. {number})."
            ).format(person=h(newcomer), committee=h(committee.name), number=invitation.number),
        )
