"""/oublier: a person erases what the bot knows about them, after one confirmation.

The storage erases their id everywhere and leaves no copy in the file (bot/storage/people.py);
here their questions in progress end, in memory too, so nothing brings them back, and they
read plainly what stays.
"""

from __future__ import annotations

from telegram import Chat, Update

from bot.context import BotContext
from bot.i18n import N_
from bot.storage.people import Handover
from bot.ui import Button, committee_line, edit_or_send, h, reply, send_to_person
from bot.wizard import end_conversations_of
from conversations.committees.buttons import Members
from conversations.privacy.buttons import ForgetAnswer

WHAT_STAYS = N_(
    "What stays: what was written for the committee (decisions, follow-ups, minutes, "
    "mandates), your own texts too, without your name. Where your name was, it reads "
    "« (person removed) ». Messages already sent in Telegram chats stay there: I cannot "
    "erase them."
)


async def ask(update: Update, context: BotContext) -> None:
    """What will be erased and what stays; who will coordinate after them, if anyone must."""
    chat = update.effective_chat
    user = update.effective_user
    assert user is not None
    if chat is not None and chat.type != Chat.PRIVATE:
        await reply(update, context, context._("For your privacy, use /oublier in private chat."))
        return
    _ = context._
    lines = [
        _(
            "I will erase what I know about you: your name, your Telegram number, your "
            "language, your committees, your votes and the questions in progress."
        ),
        _(WHAT_STAYS),
    ]
    buttons: list[list[Button]] = [
        [(_("Yes, erase my data"), ForgetAnswer(erase=True))],
        [(_("No, keep everything"), ForgetAnswer(erase=False))],
    ]
    handovers = await context.storage.people.handovers(user.id)
    for handover in handovers:
        committee = await context.storage.committees.get(handover.committee_id)
        successor = await context.storage.people.get(handover.successor_id)
        if committee is None or successor is None:
            continue
        lines.append(
            committee_line(context.tr, committee.name)
            + "\n"
            + _(
                "You are the only coordinator of this committee: after this, {person} will "
                "coordinate it. To name someone else first, press « Members »."
            ).format(person=h(successor.display_name))
        )
        label = _("Members") if len(handovers) == 1 else committee.name
        buttons.append([(label, Members(id=committee.id))])
    lines.append(_("This cannot be undone."))
    await reply(update, context, "\n\n".join(lines), buttons)


async def confirm(update: Update, context: BotContext, button: ForgetAnswer) -> None:
    user = update.effective_user
    assert user is not None
    _ = context._
    if not button.erase:
        await edit_or_send(update, context, _("Nothing was erased."))
        return
    # The answer is in the person's language: take it before the record disappears.
    placeholder = _("(person removed)")
    done = "\n\n".join(
        [
            _("Done: your data is erased."),
            _(WHAT_STAYS),
            _(
                "If you write to me again, I will know you as a newcomer. Goodbye, and thank "
                "you for your work."
            ),
        ]
    )
    handovers = await context.storage.people.forget(user.id, placeholder)
    # What PTB keeps in memory must not bring them back either (written with this round).
    end_conversations_of(context.application, user.id)
    context.application.drop_user_data(user.id)
    context.application.drop_chat_data(user.id)
    context.person = None
    await edit_or_send(update, context, done)
    for handover in handovers:
        await _tell_successor(context, handover)


async def _tell_successor(context: BotContext, handover: Handover) -> None:
    """In private, in their language; nothing when they cannot be reached there."""
    committee = await context.storage.committees.get(handover.committee_id)
    person = await context.storage.people.get(handover.successor_id)
    if committee is None or person is None:
        return
    _ = context.services.translator_for(person).gettext
    await send_to_person(
        context,
        person.telegram_id,
        committee_line(context.services.translator_for(person), committee.name)
        + "\n"
        + _(
            "The only coordinator of this committee left the bot: you now have the "
            "coordination. You can invite members, link the committee's group and change its "
            "settings (/parametres), and share the coordination with others."
        ),
    )
