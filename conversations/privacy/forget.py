"""/oublier: a person erases what the bot knows about them, after one confirmation."""

from __future__ import annotations

from telegram import Chat, Update

from bot.context import BotContext
from bot.ui import edit_or_send, reply
from conversations.privacy.buttons import ForgetAnswer


async def ask(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    if chat is not None and chat.type != Chat.PRIVATE:
        await reply(update, context, context._("For your privacy, use /oublier in private chat."))
        return
    _ = context._
    await reply(
        update,
        context,
        _(
            "I will erase what I know about you: your name, your language, your committees "
            "and your votes. The committee's decisions stay, without your name. "
            "This cannot be undone."
        ),
        [
            [(_("Yes, erase my data"), ForgetAnswer(erase=True))],
            [(_("No, keep everything"), ForgetAnswer(erase=False))],
        ],
    )


async def confirm(update: Update, context: BotContext, button: ForgetAnswer) -> None:
    user = update.effective_user
    assert user is not None
    if not button.erase:
        await edit_or_send(update, context, context._("Nothing was erased."))
        return
    placeholder = context._("(person removed)")
    # The answer is in the person's language: take it before the record disappears.
    done = context._("Done: your data is erased. Goodbye, and thank you for your work.")
    await context.storage.people.forget(user.id, placeholder)
    if context.user_data is not None:
        context.user_data.clear()
    await edit_or_send(update, context, done)
