"""Invitation links (create, revoke) and choosing the active committee.

Every press goes through the one check (bot/access.py): only a coordinator of the committee
gets or turns off a link, a link already turned off refuses « Turn off », and only a member
makes a committee their active one.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Chat, Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Committee, Invitation
from bot.domain.onboarding import new_invitation_token
from bot.domain.roles import LinkState, link_state
from bot.storage.invitations import LinkUse
from bot.ui import Button, acknowledge, committee_line, edit_or_send, h, reply, send
from conversations.committees.buttons import (
    ChooseCommittee,
    Invite,
    Links,
    Members,
    Revoke,
    TurnOff,
    UseCommittee,
)
from conversations.onboarding.welcome import JOIN_LINK


def is_active(invitation: Invitation) -> bool:
    """Not turned off yet: « Turn off this link » still makes sense."""
    return not invitation.revoked


async def create_invitation(
    update: Update, context: BotContext, press: Press[Invite, Committee]
) -> None:
    """A coordinator gets a fresh link to forward: it works until a day it names."""
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
    assert invitation.expires_at is not None
    text = "\n\n".join(
        [
            committee_line(context.tr, committee.name)
            + "\n"
            + _("Invitation link no. {number}:").format(number=invitation.number),
            link,
            _("It works until {day}.").format(day=_day(context, committee, invitation.expires_at)),
            _(
                "Forward this link to the members of the committee. Anyone who has it can "
                "join, so share it only with them. You can turn it off at any time."
            ),
        ]
    )
    buttons: list[list[Button]] = [[(_("Turn off this link"), Revoke(token=invitation.token))]]
    await send(context, user.id, text, buttons)


def _day(context: BotContext, committee: Committee, moment: datetime) -> str:
    return context.tr.format_day(moment, tz=ZoneInfo(committee.timezone))


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
        committee_line(context.tr, press.membership.committee.name)
        + "\n"
        + _(
            "This invitation link is turned off. Nobody else can join with it. People who "
            "already joined stay members."
        ),
    )


async def show_links(update: Update, context: BotContext, press: Press[Links, Committee]) -> None:
    """« Invitation links »: each link, until when it works, and who joined with it."""
    text, buttons = await links_view(context, press.record)
    await edit_or_send(update, context, text, buttons)


async def turn_off_from_list(
    update: Update, context: BotContext, press: Press[TurnOff, Invitation]
) -> None:
    """« Turn off link no. N » in the list: done, and the list again."""
    await context.storage.invitations.revoke(press.record.token)
    await acknowledge(update, context, context._("Link turned off."))
    text, buttons = await links_view(context, press.membership.committee)
    await edit_or_send(update, context, text, buttons)


async def links_view(context: BotContext, committee: Committee) -> tuple[str, list[list[Button]]]:
    _ = context._
    now = context.services.clock()
    uses = await context.storage.invitations.of_committee(committee.id)
    lines = [
        "<b>" + _("Invitation links — {committee}").format(committee=h(committee.name)) + "</b>"
    ]
    buttons: list[list[Button]] = []
    if not uses:
        lines.append(_("No link yet. Press « Invite members » to make one."))
    for use in uses:
        link = use.invitation
        state = link_state(revoked=link.revoked, expires_at=link.expires_at, now=now)
        lines += ["", _line(context, committee, use, state)]
        lines.append(
            context.tr.ngettext(
                "{count} person joined with this link: {names}",
                "{count} people joined with this link: {names}",
                len(use.joined),
            ).format(count=len(use.joined), names=", ".join(h(n) for n in use.joined))
            if use.joined
            else _("Nobody joined with this link yet.")
        )
        if state is LinkState.OPEN:
            buttons.append(
                [
                    (
                        _("Turn off link no. {number}").format(number=link.number),
                        TurnOff(token=link.token),
                    )
                ]
            )
    buttons.append([(_("Invite members"), Invite(id=committee.id))])
    buttons.append([(_("« Back"), Members(id=committee.id))])
    return "\n".join(lines), buttons


def _line(context: BotContext, committee: Committee, use: LinkUse, state: LinkState) -> str:
    """« Link no. 2, made on … by Marie: works until … »."""
    _ = context._
    link = use.invitation
    made = _("Link no. {number}, made on {day}").format(
        number=link.number,
        day=_day(context, committee, link.created_at) if link.created_at else "?",
    )
    if use.creator_name:
        made += " " + _("by {person}").format(person=h(use.creator_name))
    if state is LinkState.TURNED_OFF:
        status = _("turned off")
    elif link.expires_at is None:
        status = _("works until turned off")
    elif state is LinkState.EXPIRED:
        status = _("expired on {day}").format(day=_day(context, committee, link.expires_at))
    else:
        status = _("works until {day}").format(day=_day(context, committee, link.expires_at))
    return _("{link}: {status}").format(link=f"<b>{made}</b>", status=status)


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
        context._("Done. Your active committee: <b>{committee}</b>").format(
            committee=h(press.record.name)
        ),
    )
