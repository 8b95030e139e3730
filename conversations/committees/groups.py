"""The committee's Telegram group: linking it, greeting, and tracking who joins or leaves."""

from __future__ import annotations

import logging

from telegram import Chat, ChatMember, ChatMemberUpdated, Update, User

from bot.access import STALE, Press
from bot.context import BotContext
from bot.domain.entities import Committee, MembershipSource
from bot.domain.onboarding import display_name
from bot.ui import acknowledge, h, reply
from conversations.committees.buttons import LinkGroup
from conversations.onboarding.create import NEW_COMMITTEE_LINK
from conversations.settings.topics import here_offer

log = logging.getLogger(__name__)

_PRESENT_STATUSES = {ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER}


async def start_in_group(update: Update, context: BotContext) -> None:
    """/start in a group: says whose group it is, or lets a coordinator link it."""
    _ = context._
    chat = update.effective_chat
    user = update.effective_user
    assert chat is not None and user is not None
    storage = context.storage
    linked = await storage.chats.get(chat.id)
    if linked is not None:
        committee = await storage.committees.get(linked.committee_id)
        assert committee is not None
        if not linked.bot_present:
            await storage.chats.set_bot_present(chat.id, True)
        # Being in the committee's own group is what makes someone a member.
        added = await storage.committees.add_member(committee.id, user.id, MembershipSource.GROUP)
        text = _("The committee of this group: <b>{committee}</b>").format(
            committee=h(committee.name)
        )
        if added:
            text += "\n" + _("{person}, you are now a member of the committee.").format(
                person=h(user.first_name)
            )
        await reply(update, context, text + "\n" + _("Type /aide to see what I can do."))
        return

    memberships = await storage.committees.memberships_of(user.id)
    if not memberships:
        await reply(
            update,
            context,
            _(
                "This group is not linked to a committee yet. A coordinator must first create "
                "the committee with me in private, then type /start here."
            ),
            [
                [
                    (
                        _("Create the committee in private"),
                        context.services.deep_link(NEW_COMMITTEE_LINK),
                    )
                ]
            ],
        )
        return
    # Linking a group lets its people in: only a coordinator of the committee may do it.
    # Administering the Telegram group gives no role in the committee (PRODUCT: roles).
    coordinated = [m.committee for m in memberships if m.is_coordinator]
    if not coordinated:
        await reply(
            update,
            context,
            _(
                "Only a coordinator of the committee can link this group to it. Ask one of "
                "the committee's coordinators to type /start here."
            ),
        )
        return
    if len(coordinated) == 1:
        await _link(update, context, coordinated[0])
        return
    await reply(
        update,
        context,
        _("Which committee is this group for?"),
        [[(committee.name, LinkGroup(id=committee.id))] for committee in coordinated],
    )


async def link_chosen(
    update: Update, context: BotContext, press: Press[LinkGroup, Committee]
) -> None:
    """A coordinator chose the committee this group is for (the press check saw the role)."""
    chat = update.effective_chat
    assert chat is not None
    linked = await context.storage.chats.get(chat.id)
    if linked is not None:
        await acknowledge(update, context, context._(STALE), alert=True)
        return
    await _link(update, context, press.record)


async def _link(update: Update, context: BotContext, committee: Committee) -> None:
    _ = context._
    chat = update.effective_chat
    user = update.effective_user
    assert chat is not None and user is not None
    forum = bool(chat.is_forum)
    await context.storage.chats.link(chat.id, committee.id, chat.title, user.id, is_forum=forum)
    parts = [
        _("Done! This group is now linked to your committee: <b>{committee}</b>").format(
            committee=h(committee.name)
        ),
        _("Members of the group type /start here to join the committee."),
    ]
    # With topics, ask at once where the bot's own posts go, from the topic it is in.
    offer, buttons = here_offer(context, committee.id) if forum else ("", [])
    await reply(update, context, "\n\n".join([*parts, offer] if offer else parts), buttons)


async def bot_membership_changed(update: Update, context: BotContext) -> None:
    """The bot was added to a group, removed from it, or blocked in private."""
    change = update.my_chat_member
    assert change is not None
    chat = change.chat
    now_present = change.new_chat_member.status in _PRESENT_STATUSES
    was_present = change.old_chat_member.status in _PRESENT_STATUSES
    storage = context.storage
    if chat.type == Chat.PRIVATE:
        await storage.people.set_bot_blocked(chat.id, not now_present)
        return
    if await storage.chats.get(chat.id) is not None:
        await storage.chats.set_bot_present(chat.id, now_present)
    if now_present and not was_present:
        await reply(
            update,
            context,
            context._(
                "Hello! I am the committee's assistant. To link this group to your "
                "committee, a coordinator types /start here."
            ),
        )


async def member_status_changed(update: Update, context: BotContext) -> None:
    """Someone joined, left or became admin of a linked group (needs the bot to be admin)."""
    change = update.chat_member
    assert change is not None
    user = change.new_chat_member.user
    by_themselves = change.from_user.id == user.id
    await _track(context, change.chat.id, user, _status(change), by_themselves=by_themselves)


async def members_joined(update: Update, context: BotContext) -> None:
    """The service message of people joining (seen even in privacy mode)."""
    message = update.effective_message
    assert message is not None
    sender = message.from_user.id if message.from_user else None
    for user in message.new_chat_members or ():
        await _track(
            context, message.chat.id, user, ChatMember.MEMBER, by_themselves=user.id == sender
        )


async def member_left(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None and message.left_chat_member is not None
    await _track(
        context, message.chat.id, message.left_chat_member, ChatMember.LEFT, by_themselves=False
    )


def _status(change: ChatMemberUpdated) -> str:
    return str(change.new_chat_member.status)


async def _track(
    context: BotContext, chat_id: int, user: User, status: str, *, by_themselves: bool
) -> None:
    """Mirror group membership into the committee, for linked groups only.

    Joining the committee's group by oneself is joining the committee: the person is
    recorded. Someone added by another member is added only if the bot already knows them;
    otherwise they become a member when they first speak to the bot (/start in the group).
    So a person who asked to be forgotten is not recorded again by someone else's doing.
    """
    if user.is_bot:
        return
    storage = context.storage
    linked = await storage.chats.get(chat_id)
    if linked is None:
        return
    if status in _PRESENT_STATUSES:
        if by_themselves:
            await storage.people.upsert(
                user.id,
                display_name(user.first_name, user.last_name),
                user.username,
                user.language_code,
            )
        elif await storage.people.get(user.id) is None:
            return
        # Joining the group makes a member; administering it gives no role.
        await storage.committees.add_member(linked.committee_id, user.id, MembershipSource.GROUP)
        return
    membership = await storage.committees.membership(linked.committee_id, user.id)
    if membership is not None and not membership.is_coordinator:
        # Coordinators keep their role when they leave the group; members leave with it.
        await storage.committees.remove_member(linked.committee_id, user.id)
        log.info("person left the group of committee %s", linked.committee_id)
