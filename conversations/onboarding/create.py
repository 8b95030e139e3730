"""Creating a committee, one question at a time: its name, its kind, its housing office."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import CommitteeKind
from bot.domain.onboarding import NameProblem, check_committee_name, check_office_name
from bot.i18n import N_
from bot.ui import Button, callback_parts, edit_or_send, h, reply
from bot.wizard import Wizard, clear_draft, draft, use_buttons, wizard

ASK_NAME, ASK_KIND, ASK_OFFICE = range(3)
WIZARD = "onboarding"
NEW_COMMITTEE_LINK = DeepLink("new", takes_argument=False)

KIND_LABELS: dict[CommitteeKind, str] = {
    CommitteeKind.ASSOCIATION: N_("Tenants' association"),
    CommitteeKind.CCR: N_("Residents' advisory committee (CCR)"),
    CommitteeKind.OTHER: N_("Other"),
}


def kind_label(context: BotContext, kind: CommitteeKind) -> str:
    return context._(KIND_LABELS[kind])


async def new_committee_link(update: Update, context: BotContext, _argument: str) -> int:
    """The « create the committee » link from a group: the first question at once."""
    return await ask_name(update, context)


async def ask_name(update: Update, context: BotContext) -> int:
    """First question of the wizard."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    clear_draft(context, WIZARD)
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
    draft(context, WIZARD)["name"] = result
    return await ask_kind(update, context)


async def ask_kind(update: Update, context: BotContext) -> int:
    buttons: list[list[Button]] = [
        [(kind_label(context, kind), f"onb:kind:{kind.value}")] for kind in CommitteeKind
    ]
    buttons.append([(context._("« Back"), "onb:back")])
    name = draft(context, WIZARD).get("name", "")
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
    draft(context, WIZARD)["kind"] = parts[1]
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
    answers = draft(context, WIZARD)
    name = answers.get("name")
    kind = answers.get("kind")
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
    clear_draft(context, WIZARD)
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


def build_wizard() -> Wizard:
    """The /start flow, top to bottom."""
    text = filters.TEXT & ~filters.COMMAND
    back = CallbackQueryHandler(back_to_name, pattern=r"^onb:back$")
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CallbackQueryHandler(ask_name, pattern=r"^onb:new$"),
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
    return wizard(WIZARD, entry_points, states)
