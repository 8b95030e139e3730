"""Answering a box message: in the channel (for everyone), or privately (for its writer).

A public answer is a notice like any other: the member sees what residents will read and
presses « Publish ». A private answer is kept with the message; its writer reads it with the
button in their own chat, or gets it at once when the bot still remembers their chat (in
memory only: see bot/anonymity.py).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import BOX_ITEM, Press, on_press
from bot.context import BotContext
from bot.domain.residents import (
    ANSWER_LIMIT,
    AnsweredHow,
    BoxItem,
    NoticeKind,
    NoticeSection,
    ResidentNotice,
)
from bot.i18n import N_
from bot.ui import ask_text, reply
from bot.wizard import Wizard, clear_draft, draft, wizard
from conversations.residents.box_writer import push_answer
from conversations.residents.buttons import AnswerPrivately, AnswerPublicly
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import residents_translator

WIZARD = "box-answer"
ANSWER = 0
ALREADY_ANSWERED = N_("This message already has an answer, or was set aside.")


def can_answer_publicly(item: BoxItem) -> bool:
    return item.answer is None and item.is_open


def can_answer_privately(item: BoxItem) -> bool:
    return item.can_be_answered_privately and item.is_open


async def ask_public(
    update: Update, context: BotContext, press: Press[AnswerPublicly, BoxItem]
) -> int:
    draft(context, WIZARD).update(item=press.record.id, how=AnsweredHow.PUBLIC.value)
    await ask_text(
        update,
        context,
        context._(
            "Write the answer to publish in the residents' channel. They will read the message "
            "as it was written, then your answer; nothing says who wrote it. You will see it "
            "before it is published."
        ),
    )
    return ANSWER


async def ask_private(
    update: Update, context: BotContext, press: Press[AnswerPrivately, BoxItem]
) -> int:
    draft(context, WIZARD).update(item=press.record.id, how=AnsweredHow.PRIVATE.value)
    await ask_text(
        update,
        context,
        context._(
            "Write your answer. Only the person who wrote the message can read it; neither you "
            "nor the bot will know who they are."
        ),
    )
    return ANSWER


async def answer_given(update: Update, context: BotContext) -> object:
    """The answer typed: a preview to publish, or kept and handed to the writer."""
    _ = context._
    assert update.message is not None and update.effective_user is not None
    text = (update.message.text or "").strip()
    if not text or len(text) > ANSWER_LIMIT:
        await reply(
            update,
            context,
            _("Write an answer of at most {limit} characters.").format(limit=ANSWER_LIMIT),
        )
        return None
    answers = draft(context, WIZARD)
    item = await context.storage.box.get(int(answers.get("item", 0)))
    how = AnsweredHow(answers.get("how", AnsweredHow.PRIVATE.value))
    clear_draft(context, WIZARD)
    committee = await context.storage.committees.get(item.committee_id) if item else None
    if item is None or committee is None or item.answer is not None or not item.is_open:
        await reply(update, context, _(ALREADY_ANSWERED))
        return ConversationHandler.END
    if how is AnsweredHow.PUBLIC:
        tr = residents_translator(committee)
        notice = ResidentNotice(
            title=tr.gettext("Answer of the committee"),
            kind=NoticeKind.ANSWER,
            sections=(
                NoticeSection(tr.gettext("A resident wrote to us"), (item.text,), bullets=False),
                NoticeSection(tr.gettext("Our answer"), (text,), bullets=False),
            ),
            answer=text,
        )
        await offer_publication(update, context, committee.id, notice, box_item_id=item.id)
        return ConversationHandler.END
    if not await context.storage.box.answer(
        item.id, text, AnsweredHow.PRIVATE, update.effective_user.id
    ):
        await reply(update, context, _(ALREADY_ANSWERED))
        return ConversationHandler.END
    answered = await context.storage.box.get(item.id)
    token_hash = await context.storage.box.reply_hash_of(item.id)
    pushed = (
        answered is not None
        and token_hash is not None
        and await push_answer(context, committee, answered, token_hash)
    )
    lines = [_("Your answer is kept with the message.")]
    lines.append(
        _("I have just given it to the writer.")
        if pushed
        else _("The writer will read it when they press « See the answer » in their chat.")
    )
    await reply(update, context, "\n".join(lines))
    return ConversationHandler.END


def build_wizard() -> Wizard:
    typed = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[
            on_press(
                AnswerPublicly,
                ask_public,
                records=BOX_ITEM,
                allowed=can_answer_publicly,
                refusal=ALREADY_ANSWERED,
            ),
            on_press(
                AnswerPrivately,
                ask_private,
                records=BOX_ITEM,
                allowed=can_answer_privately,
                refusal=ALREADY_ANSWERED,
            ),
        ],
        states={ANSWER: [MessageHandler(typed, answer_given)]},
    )
