"""Runs first for every update: records who is talking and picks their language."""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import TypeHandler

from bot.context import BotContext
from bot.domain.onboarding import display_name
from bot.storage.models import Membership


async def identify_person(update: Update, context: BotContext) -> None:
    """Store the minimal record (id, name, language hint) and set the reply language."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    context.person = await context.storage.people.upsert(
        user.id, display_name(user.first_name, user.last_name), user.username, user.language_code
    )
    chat = update.effective_chat
    if context.person.bot_blocked and chat is not None and chat.type == Chat.PRIVATE:
        # Writing to the bot in private means it may write back again.
        await context.storage.people.set_bot_blocked(user.id, False)
    context.tr = context.services.translator_for(context.person)


def build_gatekeeper() -> TypeHandler[Update, BotContext, None]:
    return TypeHandler(Update, identify_person)


async def current_membership(update: Update, context: BotContext) -> Membership | None:
    """The committee this update is about: the group's committee, or the person's active one.

    Returns None when the person is not a member of it: callers answer with guidance, and no
    committee data is read on behalf of a non-member.
    """
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return None
    storage = context.storage
    if chat.type != Chat.PRIVATE:
        linked = await storage.chats.get(chat.id)
        if linked is None:
            return None
        return await storage.committees.membership(linked.committee_id, user.id)
    return await active_membership(context, user.id)


async def active_membership(context: BotContext, user_id: int) -> Membership | None:
    """The committee the person chose to work on (the first one if none is remembered)."""
    storage = context.storage
    memberships = await storage.committees.memberships_of(user_id)
    if not memberships:
        return None
    person = context.person if context.person and context.person.telegram_id == user_id else None
    person = person or await storage.people.get(user_id)
    active_id = person.active_committee_id if person else None
    for membership in memberships:
        if membership.committee.id == active_id:
            return membership
    # No active one remembered (or it was left): the first one is the sensible default.
    await storage.people.set_active_committee(user_id, memberships[0].committee.id)
    return memberships[0]


async def require_membership(update: Update, context: BotContext) -> Membership | None:
    """The membership this update acts for, or None after telling the person what to do."""
    membership = await current_membership(update, context)
    if membership is not None:
        return membership
    chat = update.effective_chat
    _ = context._
    if chat is not None and chat.type != Chat.PRIVATE:
        if await context.storage.chats.get(chat.id) is None:
            text = _(
                "This group is not linked to a committee yet. A coordinator types /start here."
            )
        else:
            text = _("Only members of the committee can do this. Type /start here to join it.")
    else:
        text = _(
            "You are not in a committee yet. Type /start to create one, or ask a coordinator "
            "for an invitation link."
        )
    await context.bot.send_message(chat_id=chat.id if chat else 0, text=text)
    return None


async def membership_from_link(
    update: Update, context: BotContext, prefix: str
) -> Membership | None:
    """A deep link from a group (`/start <prefix><committee id>`) opened in private.

    The committee becomes the person's active one; someone outside it is told so.
    """
    user = update.effective_user
    assert user is not None
    raw = (context.args or [""])[0].removeprefix(prefix)
    membership = (
        await context.storage.committees.membership(int(raw), user.id)
        if raw.isdecimal() and len(raw) < 19
        else None
    )
    if membership is None:
        await context.bot.send_message(
            chat_id=user.id, text=context._("You are not a member of this committee.")
        )
        return None
    await context.storage.people.set_active_committee(user.id, membership.committee.id)
    return membership
