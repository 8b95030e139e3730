"""/start in private: welcome, create a committee step by step, or join one by invitation."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.domain.onboarding import (
    NEW_COMMITTEE_PAYLOAD,
    NameProblem,
    PayloadKind,
    check_committee_name,
    check_office_name,
    parse_start_payload,
)
from bot.gatekeeper import current_membership
from bot.i18n import N_
from bot.storage.models import CommitteeKind, MembershipSource, Role
from bot.ui import Button, callback_parts, edit_or_send, h, reply, send, user_draft
from conversations.common import DRAFT_KEYS_PREFIX, use_buttons, wizard

log = logging.getLogger(__name__)

ASK_NAME, ASK_KIND, ASK_OFFICE = range(3)
DRAFT = DRAFT_KEYS_PREFIX + "committee"

KIND_LABELS: dict[CommitteeKind, str] = {
    CommitteeKind.ASSOCIATION: N_("Tenants' association"),
    CommitteeKind.CCR: N_("Residents' advisory committee (CCR)"),
    CommitteeKind.OTHER: N_("Other"),
}


def kind_label(context: BotContext, kind: CommitteeKind) -> str:
    return context._(KIND_LABELS[kind])


async def start_private(update: Update, context: BotContext) -> int:
    """/start in private: a deep link is followed; otherwise the person sees where they stand."""
    payload = parse_start_payload(list(context.args or []))
    if payload.kind is PayloadKind.NEW_COMMITTEE:
        return await ask_name(update, context)
    if payload.kind is PayloadKind.JOIN and payload.token:
        await join_by_invitation(update, context, payload.token)
        return ConversationHandler.END
    if payload.kind is PayloadKind.UNKNOWN:
        await reply(update, context, context._("This link does not work. Here is where you are:"))
    await show_home(update, context)
    return ConversationHandler.END


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
        await reply(update, context, text, [[(_("Create a committee"), "onb:new")]])
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
        buttons.append([(_("Invite members"), f"com:invite:{membership.committee.id}")])
    if len(memberships) > 1:
        buttons.append([(_("Change committee"), "com:list")])
    buttons.append([(_("Create another committee"), "onb:new")])
    await reply(update, context, "\n".join(lines), buttons)


async def ask_name(update: Update, context: BotContext) -> int:
    """First question of the wizard."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    if context.user_data is not None:
        context.user_data[DRAFT] = {}
    await reply(
        update,
        context,
        context._(
            "Let's create your committee. What is its name?\n"
            "Example: Association des locataires des Habitations Saint-Michel"
        )
        + "\n\n"
        + context._("(You can stop at any time with /annuler.)"),
    )
    return ASK_NAME


async def receive_name(update: Update, context: BotContext) -> int:
    """Checks the name, then asks the kind of committee."""
    assert update.message is not None and update.message.text is not None
    result = check_committee_name(update.message.text)
    if isinstance(result, NameProblem):
        problem = {
            NameProblem.EMPTY: context._("I need a name. What is the committee's name?"),
            NameProblem.TOO_SHORT: context._("This name is too short. What is its full name?"),
            NameProblem.TOO_LONG: context._(
                "This name is too long (80 characters at most). Please write a shorter name."
            ),
        }[result]
        await reply(update, context, problem)
        return ASK_NAME
    draft = _draft(context)
    draft["name"] = result
    return await ask_kind(update, context)


async def ask_kind(update: Update, context: BotContext) -> int:
    buttons: list[list[Button]] = [
        [(kind_label(context, kind), f"onb:kind:{kind.value}")] for kind in CommitteeKind
    ]
    buttons.append([(context._("« Back"), "onb:back")])
    name = _draft(context).get("name", "")
    await edit_or_send(
        update,
        context,
        context._("What kind of committee is <b>{name}</b>?").format(name=h(name)),
        buttons,
    )
    return ASK_KIND


async def receive_kind(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    parts = callback_parts(query, "onb")
    kinds = {kind.value for kind in CommitteeKind}
    if not parts or len(parts) != 2 or parts[1] not in kinds:
        await query.answer(context._("This button no longer works."))
        return ASK_KIND
    await query.answer()
    _draft(context)["kind"] = parts[1]
    return await ask_office(update, context)


async def ask_office(update: Update, context: BotContext) -> int:
    await edit_or_send(
        update,
        context,
        context._(
            "What is the name of your housing office?\n"
            "Example: Office municipal d'habitation de Longueuil"
        ),
        [[(context._("Skip this question"), "onb:skip")], [(context._("« Back"), "onb:back")]],
    )
    return ASK_OFFICE


async def back_to_name(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await edit_or_send(update, context, context._("What is the committee's name?"))
    return ASK_NAME


async def back_to_kind(update: Update, context: BotContext) -> int:
    assert update.callback_query is not None
    await update.callback_query.answer()
    return await ask_kind(update, context)


async def receive_office(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    result = check_office_name(update.message.text)
    if isinstance(result, NameProblem):
        await reply(
            update,
            context,
            context._("This name is too long (120 characters at most). Please shorten it."),
        )
        return ASK_OFFICE
    return await create_committee(update, context, office=result)


async def skip_office(update: Update, context: BotContext) -> int:
    assert update.callback_query is not None
    await update.callback_query.answer()
    return await create_committee(update, context, office=None)


async def create_committee(update: Update, context: BotContext, office: str | None) -> int:
    """Saves the committee (before answering), then shows the next steps."""
    user = update.effective_user
    assert user is not None
    draft = _draft(context)
    name = draft.get("name")
    kind = draft.get("kind")
    if not name or kind not in {k.value for k in CommitteeKind}:
        # A draft lost to an old version or a cleared store: start again rather than guess.
        return await ask_name(update, context)
    settings = context.services.settings
    committee = await context.storage.committees.create(
        name=name,
        kind=CommitteeKind(kind),
        housing_office=office,
        timezone=settings.timezone,
        locale=context.tr.locale,
        creator_id=user.id,
    )
    _clear_draft(context)
    _ = context._
    text = "\n\n".join(
        [
            _("Done! The committee <b>{name}</b> is created. You are its coordinator.").format(
                name=h(committee.name)
            ),
            _("Next steps:"),
            _(
                "1. Invite the other members: press « Invite members » and forward the link.\n"
                "2. Add me to the committee's Telegram group, then type /start in the group."
            ),
        ]
    )
    await edit_or_send(
        update,
        context,
        text,
        [
            [(_("Invite members"), f"com:invite:{committee.id}")],
            [
                (
                    _("Add me to a group"),
                    f"https://t.me/{context.services.bot_username}?startgroup=1",
                )
            ],
        ],
    )
    return ConversationHandler.END


async def join_by_invitation(update: Update, context: BotContext, token: str) -> None:
    """A person opened an invitation link: they join the committee if the link is valid."""
    _ = context._
    user = update.effective_user
    assert user is not None
    storage = context.storage
    invitation = await storage.invitations.get(token)
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
        committee.id, user.id, Role.MEMBER, MembershipSource.INVITATION
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
    await _tell_inviter(context, invitation.created_by, committee.name, user.first_name)


async def _tell_inviter(
    context: BotContext, inviter_id: int, committee_name: str, newcomer: str
) -> None:
    inviter = await context.storage.people.get(inviter_id)
    if inviter is None or inviter.bot_blocked:
        return
    _ = context.services.translator_for(inviter).gettext
    try:
        await send(
            context,
            inviter_id,
            _("{person} joined the committee <b>{committee}</b> with your invitation.").format(
                person=h(newcomer), committee=h(committee_name)
            ),
        )
    except Forbidden:
        await context.storage.people.set_bot_blocked(inviter_id, True)


def _draft(context: BotContext) -> dict[str, str]:
    return user_draft(context, DRAFT)


def _clear_draft(context: BotContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)


def build_handler() -> ConversationHandler[BotContext]:
    """The /start flow, top to bottom."""
    text = filters.TEXT & ~filters.COMMAND
    back = CallbackQueryHandler(back_to_name, pattern=r"^onb:back$")
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CommandHandler("start", start_private, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(ask_name, pattern=rf"^onb:{NEW_COMMITTEE_PAYLOAD}$"),
    ]
    states: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
        ASK_NAME: [MessageHandler(text, receive_name)],
        ASK_KIND: [
            CallbackQueryHandler(receive_kind, pattern=r"^onb:kind:"),
            back,
            MessageHandler(text, use_buttons),
        ],
        ASK_OFFICE: [
            MessageHandler(text, receive_office),
            CallbackQueryHandler(skip_office, pattern=r"^onb:skip$"),
            CallbackQueryHandler(back_to_kind, pattern=r"^onb:back$"),
        ],
    }
    return wizard("onboarding", entry_points, states)
