"""Commands every person has: /aide, /langue, /annuler, and the answer to the unexpected."""

from __future__ import annotations

from telegram import Update

from bot import commands
from bot.access import STALE
from bot.context import BotContext
from bot.i18n import LANGUAGE_NAMES, SUPPORTED_LOCALES, translator
from bot.ui import Button, acknowledge, edit_or_send, reply
from conversations.help.buttons import Language


async def show_help(update: Update, context: BotContext) -> None:
    """The person sees what the bot can do, in one short screen."""
    _ = context._
    locale = context.tr.locale
    lines = [
        _("<b>What I do</b>"),
        _(
            "I help your tenants' committee agree on what it wants from its partners, "
            "give a clear mandate to the person who represents it, write down decisions "
            "and follow up on them."
        ),
        "",
        _("<b>Commands</b>"),
    ]
    for spec in commands.COMMANDS:
        lines.append(
            _("{command} — {description}").format(
                command=f"/{spec.name_for(locale)}", description=_(spec.description)
            )
        )
    lines += [
        "",
        _("Commands also work in English (/help, /language, /cancel)."),
        _("In the committee's group, type a command; long questions continue in private."),
    ]
    await reply(update, context, "\n".join(lines))


def language_offer(context: BotContext) -> str | None:
    """For a person who never chose a language (the bot guessed it from Telegram): the
    others, each named in itself, and how to change. None once they chose."""
    if context.person is None or context.person.language:
        return None
    names = " · ".join(LANGUAGE_NAMES[code] for code in SUPPORTED_LOCALES)
    return context._("Another language? {languages}: /langue").format(languages=names)


async def ask_language(update: Update, context: BotContext) -> None:
    """The person picks a language; each is named in its own language."""
    choices: list[Button] = [
        (LANGUAGE_NAMES[code], Language(locale=code)) for code in SUPPORTED_LOCALES
    ]
    buttons: list[list[Button]] = [choices[i : i + 2] for i in range(0, len(choices), 2)]
    await reply(update, context, context._("Which language do you want?"), buttons)


async def set_language(update: Update, context: BotContext, button: Language) -> None:
    """Stores the choice and confirms in the new language."""
    user = update.effective_user
    assert user is not None
    if button.locale not in SUPPORTED_LOCALES:
        # A language this version does not speak (forged, or dropped since): as any stale button.
        await acknowledge(update, context, context._(STALE), alert=True)
        return
    await context.storage.people.set_language(user.id, button.locale)
    context.tr = translator(button.locale)
    await edit_or_send(update, context, context._("Done: I will speak to you in English."))


async def cancel_outside_conversation(update: Update, context: BotContext) -> None:
    """/annuler when nothing is in progress."""
    await reply(update, context, context._("There is nothing to cancel."))


async def not_understood(update: Update, context: BotContext) -> None:
    """Anything no handler took: a short pointer to /aide, never silence."""
    await reply(
        update,
        context,
        context._("I did not understand. Type /aide to see what I can do."),
    )


async def text_only(update: Update, context: BotContext) -> None:
    """A photo, sticker or voice message where text was expected."""
    await reply(
        update,
        context,
        context._("I can only read text messages and buttons. Please write your answer."),
    )


async def stale_button(update: Update, context: BotContext) -> None:
    """A button from an old message, or one whose conversation has ended."""
    await acknowledge(update, context, context._(STALE))
