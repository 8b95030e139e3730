"""Creating a committee, one question at a time: its name, its kind, its housing office."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import on_button
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import CommitteeKind
from bot.domain.onboarding import NameProblem, check_committee_name, check_office_name
from bot.i18n import N_
from bot.ui import Button, edit_or_send, h, reply
from bot.wizard import Wizard, back_button, clear_draft, draft, wizard
from conversations.committees.buttons import Invite
from conversations.onboarding.buttons import Kind, NewCommittee, SkipOffice

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


async def new_committee(update: Update, context: BotContext, _button: NewCommittee) -> int:
    """« Create a committee »: the first question."""
    return await ask_name(update, context)


async def ask_name(update: Update, context: BotContext) -> int:
    """First question of the wizard, on a fresh draft."""
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


async def ask_name_again(update: Update, context: BotContext) -> int:
    """« Back » from the kind: the name again, keeping the rest of the draft."""
    await edit_or_send(update, context, context._("What is the committee's name?"))
    return ASK_NAME


async def ask_kind(update: Update, context: BotContext) -> int:
    """The kinds of committee, one button each."""
    buttons: list[list[Button]] = [
        [(kind_label(context, kind), Kind(kind=kind))] for kind in CommitteeKind
    ]
    buttons.append(back_button(context, ASK_NAME))
    name = draft(context, WIZARD).get("name", "")
    await edit_or_send(
        update,
        context,
        context._("<b>{committee}</b>: what kind of committee is it?").format(committee=h(name)),
        buttons,
    )
    return ASK_KIND


async def receive_kind(update: Update, context: BotContext, button: Kind) -> int:
    """A kind pressed: on to the housing office."""
    draft(context, WIZARD)["kind"] = button.kind.value
    return await ask_office(update, context)


async def ask_office(update: Update, context: BotContext) -> int:
    """The housing office: typed, or skipped with a button."""
    await edit_or_send(
        update,
        context,
        context._(
            "What is the name of your housing office?\n"
            "Example: Office municipal d'habitation de Longueuil"
        ),
        [[(context._("Skip this question"), SkipOffice())], back_button(context, ASK_KIND)],
    )
    return ASK_OFFICE


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


async def skip_office(update: Update, context: BotContext, _button: SkipOffice) -> int:
    """No housing office: the committee is created without one."""
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
        # The group speaks one language for everyone: French unless the committee changes it.
        locale=context.services.settings.default_locale,
        creator_id=user.id,
    )
    clear_draft(context, WIZARD)
    _ = context._
    text = "\n\n".join(
        [
            _("Done! Your committee is created: <b>{committee}</b>\nYou coordinate it.").format(
                committee=h(committee.name)
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
            [(_("Invite members"), Invite(id=committee.id))],
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
    """The creation flow, top to bottom: name, kind, housing office."""
    text = filters.TEXT & ~filters.COMMAND
    return wizard(
        WIZARD,
        entry_points=[on_button(NewCommittee, new_committee)],
        states={
            ASK_NAME: [MessageHandler(text, receive_name)],
            ASK_KIND: [on_button(Kind, receive_kind)],
            ASK_OFFICE: [MessageHandler(text, receive_office), on_button(SkipOffice, skip_office)],
        },
        questions={ASK_NAME: ask_name_again, ASK_KIND: ask_kind, ASK_OFFICE: ask_office},
    )
