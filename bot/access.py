"""Who may do what: the person behind each update, their committee, and every button press.

- `identify_person` runs first for every update (handler group -1); it records nobody for
  the anonymous box's updates (bot/anonymity.py).
- `require_membership` / `require_coordinator`: the committee an update acts for, or a polite
  answer and None. Only members see a committee's data.
- `on_press`: the ONE check for a pressed button that names a record. It loads the record,
  checks that the presser is a member (or coordinator) of the record's committee, and that the
  record is still in a state where the action makes sense; otherwise it answers politely and
  changes nothing. `on_button` is the same for buttons that name no record.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from telegram import Chat, Update
from telegram.ext import CallbackQueryHandler, TypeHandler, filters

from bot import anonymity
from bot.callbacks import Callback, button
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.assemblies import Assembly
from bot.domain.entities import (
    AgendaItem,
    Committee,
    Decision,
    FollowUp,
    Invitation,
    Mandate,
    MandateReport,
    Meeting,
    Membership,
    Partnership,
)
from bot.domain.named_members import NamedMember
from bot.domain.onboarding import display_name
from bot.domain.priorities import Consultation, Proposal
from bot.domain.request_letters import Letter
from bot.domain.requests import Request
from bot.domain.residents import BoxItem, StoredNotice
from bot.i18n import N_, Translator, translator
from bot.storage.repositories import Storage
from bot.ui import acknowledge, reply


@button("com", "use")
class UseCommittee(Callback):
    """« This committee »: the person chooses the committee they work on (in private)."""

    id: int  # the committee


STALE = N_("This button no longer works.")
COORDINATORS_ONLY = N_("Only a coordinator of the committee can do this.")
CHOOSE_COMMITTEE = N_(
    "You are in several committees. Which one is this for? Choose it, then send your "
    "message again."
)


async def identify_person(update: Update, context: BotContext) -> None:
    """Store the minimal record (id, name, language hint) and set the reply language.

    A person is recorded only by what they do with the bot (a message it receives, a button
    pressed). A change of status (someone joined or left a group, blocked the bot) records
    nobody: after /oublier, a person is not recorded again by someone else's doing.
    """
    user = update.effective_user
    if user is None or user.is_bot:
        return
    people = context.storage.people
    if anonymity.senders.leaves_no_trace(update):
        # Someone writing to a box: nothing about them is written (their language is read).
        known = await people.get(user.id)
        context.tr = context.services.translator_for(known, hint=user.language_code)
        return
    if _status_change(update):
        context.person = await people.get(user.id)
        context.tr = context.services.translator_for(context.person, user.language_code)
        return
    context.person = await people.upsert(
        user.id, display_name(user.first_name, user.last_name), user.username, user.language_code
    )
    chat = update.effective_chat
    if context.person.bot_blocked and chat is not None and chat.type == Chat.PRIVATE:
        # Writing to the bot in private means it may write back again.
        await context.storage.people.set_bot_blocked(user.id, False)
    context.tr = await language_of_chat(context, chat) or context.services.translator_for(
        context.person
    )


async def language_of_chat(context: BotContext, chat: Chat | None) -> Translator | None:
    """A committee's group speaks the committee's language (one message serves everyone);
    None in private chat, where each person's own language is used."""
    if chat is None or chat.type == Chat.PRIVATE:
        return None
    linked = await context.storage.chats.get(chat.id)
    committee = await context.storage.committees.get(linked.committee_id) if linked else None
    return translator(committee.locale) if committee else None


def _status_change(update: Update) -> bool:
    """Telegram telling of a membership change, not a person talking to the bot."""
    return bool(
        update.chat_member
        or update.my_chat_member
        or update.chat_join_request
        or filters.StatusUpdate.ALL.check_update(update)
    )


def build_gatekeeper() -> TypeHandler[Update, BotContext, None]:
    return TypeHandler(Update, identify_person)


async def current_membership(update: Update, context: BotContext) -> Membership | None:
    """The committee this update is about: the group's committee, or the person's active one.

    Returns None when the person is not a member of it, or is in several committees and has
    not chosen one: callers answer with guidance, and no committee data is read on behalf of
    a non-member. What the bot writes next names the committee found (`acting_for`).
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
        return acting_for(
            context, await storage.committees.membership(linked.committee_id, user.id)
        )
    return acting_for(context, await active_membership(context, user.id))


def acting_for(context: BotContext, membership: Membership | None) -> Membership | None:
    """Remember the committee this update acts for (see bot/ui.py: confirmations name it)."""
    if membership is not None:
        context.membership = membership
    return membership


async def active_membership(context: BotContext, user_id: int) -> Membership | None:
    """The committee the person chose to work on; None when they have several and chose none.

    The active committee changes only when the person chooses it (« Change committee », a
    group's link to continue in private, creating a committee): never silently here. With
    one committee there is nothing to choose.
    """
    storage = context.storage
    memberships = await storage.committees.memberships_of(user_id)
    person = context.person if context.person and context.person.telegram_id == user_id else None
    person = person or await storage.people.get(user_id)
    active_id = person.active_committee_id if person else None
    for membership in memberships:
        if membership.committee.id == active_id:
            return membership
    if len(memberships) == 1:
        await storage.people.set_active_committee(user_id, memberships[0].committee.id)
        return memberships[0]
    return None


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
        user = update.effective_user
        memberships = await context.storage.committees.memberships_of(user.id) if user else []
        if len(memberships) > 1:
            await refuse(update, context, _(CHOOSE_COMMITTEE), choices=memberships)
            return None
        text = _(
            "You are not in a committee yet. Type /start to create one, or ask a coordinator "
            "for an invitation link."
        )
    await refuse(update, context, text)
    return None


async def require_coordinator(update: Update, context: BotContext) -> Membership | None:
    """As `require_membership`, for what only a coordinator may do."""
    membership = await require_membership(update, context)
    if membership is not None and not membership.is_coordinator:
        await refuse(update, context, context._(COORDINATORS_ONLY))
        return None
    return membership


async def refuse(
    update: Update, context: BotContext, text: str, *, choices: Sequence[Membership] = ()
) -> None:
    """A refusal: on a button, a small alert over the chat; otherwise a message. `choices`:
    the committees to choose from, as buttons (the press makes one active)."""
    if update.callback_query is not None and not choices:
        await acknowledge(update, context, text, alert=True)
        return
    if update.callback_query is not None:
        await acknowledge(update, context)
    buttons = [[(m.committee.name, UseCommittee(id=m.committee.id))] for m in choices]
    await reply(update, context, text, buttons)


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
        await reply(update, context, context._("You are not a member of this committee."))
        return None
    # Following a group's link to continue in private is choosing that committee.
    await context.storage.people.set_active_committee(user.id, membership.committee.id)
    return acting_for(context, membership)


async def membership_in_private(
    update: Update, context: BotContext, link: DeepLink, text: str, button: str
) -> Membership | None:
    """The committee for a flow that runs in private chat, or None.

    In a group, privacy mode hides plain answers: the person gets `text` and a `button`
    to continue in private through `link` (to this group's committee), and None is returned.
    """
    membership = await require_membership(update, context)
    chat = update.effective_chat
    if membership is None or chat is None or chat.type == Chat.PRIVATE:
        return membership
    url = context.services.deep_link(link, membership.committee.id)
    await reply(update, context, text, [[(button, url)]])
    return None


# --- pressed buttons -------------------------------------------------------------------------

R = TypeVar("R")
B = TypeVar("B", bound=Callback)
K = TypeVar("K", int, str)


@dataclass(frozen=True, slots=True)
class Records(Generic[K, R]):
    """A kind of record buttons may name: how to load it, and whose committee it is."""

    load: Callable[[Storage, K], Awaitable[R | None]]
    committee_of: Callable[[R], int]


COMMITTEE: Records[int, Committee] = Records(lambda s, i: s.committees.get(i), lambda c: c.id)
DECISION: Records[int, Decision] = Records(
    lambda s, i: s.decisions.get(i), lambda d: d.committee_id
)
FOLLOW_UP: Records[int, FollowUp] = Records(
    lambda s, i: s.follow_ups.get(i), lambda f: f.committee_id
)
MEETING: Records[int, Meeting] = Records(lambda s, i: s.meetings.get(i), lambda m: m.committee_id)
PARTNERSHIP: Records[int, Partnership] = Records(
    lambda s, i: s.partnerships.get(i), lambda p: p.committee_id
)
MANDATE: Records[int, Mandate] = Records(lambda s, i: s.mandates.get(i), lambda m: m.committee_id)
REPORT: Records[int, MandateReport] = Records(
    lambda s, i: s.mandates.report(i), lambda r: r.committee_id
)
REQUEST: Records[int, Request] = Records(lambda s, i: s.requests.get(i), lambda r: r.committee_id)
# A letter names its request's committee; its state is the letter's and its request's.
REQUEST_LETTER: Records[int, Letter] = Records(
    lambda s, i: s.request_letters.get(i), lambda letter: letter.committee_id
)
INVITATION: Records[str, Invitation] = Records(
    lambda s, token: s.invitations.get(token), lambda i: i.committee_id
)
BOX_ITEM: Records[int, BoxItem] = Records(lambda s, i: s.box.get(i), lambda b: b.committee_id)
NOTICE: Records[int, StoredNotice] = Records(
    lambda s, i: s.notices.get(i), lambda n: n.committee_id
)
CONSULTATION: Records[int, Consultation] = Records(
    lambda s, i: s.priorities.get(i), lambda c: c.committee_id
)
PROPOSAL: Records[int, Proposal] = Records(
    lambda s, i: s.priorities.proposal(i), lambda p: p.committee_id
)
ASSEMBLY: Records[int, Assembly] = Records(
    lambda s, i: s.assemblies.get(i), lambda a: a.committee_id
)
AGENDA_ITEM: Records[int, AgendaItem] = Records(
    lambda s, i: s.agenda.get(i), lambda a: a.committee_id
)
NAMED_MEMBER: Records[int, NamedMember] = Records(
    lambda s, i: s.named_members.get(i), lambda n: n.committee_id
)


@dataclass(frozen=True, slots=True)
class Press(Generic[B, R]):
    """A press that passed the check: the button, the record it names, the presser's role."""

    button: B
    record: R
    membership: Membership


def _always(record: Any) -> bool:
    return True


def on_press(
    kind: type[B],
    handler: Callable[[Update, BotContext, Press[B, R]], Awaitable[Any]],
    *,
    records: Records[Any, R],
    key: Callable[[B], Any] = lambda button: button.id,  # type: ignore[attr-defined]
    coordinator: bool = False,
    allowed: Callable[[R], bool] = _always,
    refusal: str = STALE,
) -> CallbackQueryHandler[BotContext, Any]:
    """The handler for one kind of button that names a record, behind the one check.

    `allowed` says whether the record is still in a state where the action makes sense;
    `refusal` (an N_ text) is what the presser reads when it is not.
    """

    async def checked(update: Update, context: BotContext) -> Any:
        query = update.callback_query
        user = update.effective_user
        assert query is not None and user is not None
        button = kind.parse(query.data)
        record = await records.load(context.storage, key(button)) if button else None
        membership = (
            await context.storage.committees.membership(records.committee_of(record), user.id)
            if record is not None
            else None
        )
        if button is None or record is None or membership is None:
            await acknowledge(update, context, context._(STALE), alert=True)
            return None
        if coordinator and not membership.is_coordinator:
            await acknowledge(update, context, context._(COORDINATORS_ONLY), alert=True)
            return None
        if not allowed(record):
            await acknowledge(update, context, context._(refusal), alert=True)
            return None
        acting_for(context, membership)
        result = await handler(update, context, Press(button, record, membership))
        await acknowledge(update, context)
        return result

    checked.__name__ = getattr(handler, "__name__", "press")
    checked.__doc__ = handler.__doc__
    return CallbackQueryHandler(checked, pattern=kind.pattern())


def on_button(
    kind: type[B], handler: Callable[[Update, BotContext, B], Awaitable[Any]]
) -> CallbackQueryHandler[BotContext, Any]:
    """The handler for a button that names no record (a choice in a wizard, a menu)."""

    async def parsed(update: Update, context: BotContext) -> Any:
        query = update.callback_query
        assert query is not None
        button = kind.parse(query.data)
        if button is None:
            await acknowledge(update, context, context._(STALE), alert=True)
            return None
        result = await handler(update, context, button)
        await acknowledge(update, context)
        return result

    parsed.__name__ = getattr(handler, "__name__", "button")
    parsed.__doc__ = handler.__doc__
    return CallbackQueryHandler(parsed, pattern=kind.pattern())


async def named_member_of(
    update: Update, context: BotContext, committee_id: int, member_id: int
) -> NamedMember | None:
    """The member without Telegram a button names, if still in the committee (else the
    press is told so)."""
    member = await context.storage.named_members.get(member_id)
    if member is None or member.committee_id != committee_id:
        await acknowledge(
            update, context, context._("This person is no longer a member."), alert=True
        )
        return None
    return member
