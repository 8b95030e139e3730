"""Runs first for every update: records who is talking and picks their language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from telegram import Chat, Update
from telegram.ext import TypeHandler

from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.onboarding import display_name
from bot.storage.models import Membership
from bot.ui import callback_parts, reply


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


async def membership_from_link(update: Update, context: BotContext, raw: str) -> Membership | None:
    """A deep link from a group (`/start <prefix><committee id>`) opened in private.

    The committee becomes the person's active one; someone outside it is told so.
    """
    user = update.effective_user
    assert user is not None
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


class InCommittee(Protocol):
    @property
    def committee_id(self) -> int: ...


Item = TypeVar("Item", bound=InCommittee)


async def pressed_item(
    update: Update,
    context: BotContext,
    prefix: str,
    fetch: Callable[[int], Awaitable[Item | None]],
    *,
    parts: int | None = None,
) -> Item | None:
    """The record a `prefix:<action>:<id>…` button names, if the presser is in its committee.

    `parts` requires that exact number of parts after the prefix. A forged, stale or foreign
    button gets a polite answer, and nothing of the committee is shown.
    """
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    found = callback_parts(query, prefix)
    shape_ok = found is not None and len(found) >= 2 and (parts is None or len(found) == parts)
    raw = found[1] if found is not None and shape_ok else ""
    item = await fetch(int(raw)) if raw.isdecimal() and len(raw) < 19 else None
    if item is None or (
        await context.storage.committees.membership(item.committee_id, user.id) is None
    ):
        await query.answer(context._("This button no longer works."), show_alert=True)
        return None
    return item


async def hand_over_to_private(
    update: Update,
    context: BotContext,
    membership: Membership,
    link: DeepLink,
    text: str,
    button: str,
) -> bool:
    """In a group, privacy mode hides plain answers: a long flow continues in private through
    a deep link to this committee. True when the person was handed over (the caller stops)."""
    chat = update.effective_chat
    if chat is None or chat.type == Chat.PRIVATE:
        return False
    url = context.services.deep_link(link, membership.committee.id)
    await reply(update, context, text, [[(button, url)]])
    return True
