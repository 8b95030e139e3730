"""Invitation links (create, revoke) and choosing the active committee."""

from __future__ import annotations

from telegram import Chat, Update

from bot.context import BotContext
from bot.domain.onboarding import new_invitation_token
from bot.ui import Button, callback_parts, edit_or_send, h, reply, send
from conversations.onboarding.welcome import JOIN_LINK


async def create_invitation(update: Update, context: BotContext) -> None:
    """A coordinator gets a fresh, revocable invitation link to forward."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    _ = context._
    parts = callback_parts(query, "com")
    committee_id = _int(parts[1]) if parts and len(parts) == 2 else None
    membership = (
        await context.storage.committees.membership(committee_id, user.id)
        if committee_id is not None
        else None
    )
    if membership is None or not membership.is_coordinator:
        await query.answer(_("Only a coordinator of this committee can invite."), show_alert=True)
        return
    await query.answer()
    chat = update.effective_chat
    if chat is not None and chat.type != Chat.PRIVATE:
        # An invitation link is a key to the committee: hand it over in private only.
        await reply(update, context, _("I will send the invitation link in private."))
    invitation = await context.storage.invitations.create(
        new_invitation_token(), membership.committee.id, user.id
    )
    link = context.services.deep_link(JOIN_LINK, invitation.token)
    text = "\n\n".join(
        [
            _("Invitation link for <b>{name}</b>:").format(name=h(membership.committee.name)),
            link,
            _(
                "Forward this link to the members of the committee. Anyone who has it can "
                "join, so share it only with them. You can turn it off at any time."
            ),
        ]
    )
    buttons: list[list[Button]] = [[(_("Turn off this link"), f"inv:revoke:{invitation.token}")]]
    await send(context, user.id, text, buttons)


async def revoke_invitation(update: Update, context: BotContext) -> None:
    """A coordinator turns a link off; people who already joined stay members."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    _ = context._
    parts = callback_parts(query, "inv")
    token = parts[1] if parts and len(parts) == 2 and parts[0] == "revoke" else None
    invitation = await context.storage.invitations.get(token) if token else None
    membership = (
        await context.storage.committees.membership(invitation.committee_id, user.id)
        if invitation
        else None
    )
    if invitation is None or membership is None or not membership.is_coordinator:
        await query.answer(_("This button no longer works."), show_alert=True)
        return
    await context.storage.invitations.revoke(invitation.token)
    await query.answer(_("Link turned off."))
    await edit_or_send(
        update,
        context,
        _(
            "This invitation link for <b>{name}</b> is turned off. Nobody else can join with "
            "it. People who already joined stay members."
        ).format(name=h(membership.committee.name)),
    )


async def list_committees(update: Update, context: BotContext) -> None:
    """The person's committees, to choose the active one."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    await query.answer()
    memberships = await context.storage.committees.memberships_of(user.id)
    person = await context.storage.people.get(user.id)
    active = person.active_committee_id if person else None
    buttons: list[list[Button]] = [
        [
            (
                ("✓ " if m.committee.id == active else "") + m.committee.name,
                f"com:use:{m.committee.id}",
            )
        ]
        for m in memberships
    ]
    await edit_or_send(
        update, context, context._("Which committee do you want to work on?"), buttons
    )


async def use_committee(update: Update, context: BotContext) -> None:
    """Makes a committee the active one; refused if the person is not (or no longer) in it."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    parts = callback_parts(query, "com")
    committee_id = _int(parts[1]) if parts and len(parts) == 2 else None
    membership = (
        await context.storage.committees.membership(committee_id, user.id)
        if committee_id is not None
        else None
    )
    if membership is None:
        await query.answer(context._("You are not a member of this committee."), show_alert=True)
        return
    await context.storage.people.set_active_committee(user.id, membership.committee.id)
    await query.answer()
    await edit_or_send(
        update,
        context,
        context._("Your active committee is now <b>{name}</b>.").format(
            name=h(membership.committee.name)
        ),
    )


def _int(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) < 19 else None
