"""The box, from the writer's side: anyone opens its link, writes, and stays unknown.

Nothing here records who writes (see bot/anonymity.py for why the gatekeeper records nobody
for these updates): no wizard state, nothing in user_data, and the message is stored with its
text, its committee and its day only. The writer's one way back to their message is a random
reply token held in a button of their own chat; the database keeps only its hash.
"""

from __future__ import annotations

import logging
import math

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import filters

from bot import anonymity
from bot.access import STALE
from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.priorities import ConsultationStatus
from bot.domain.residents import (
    BOX_TEXT_LIMIT,
    AnsweredHow,
    BoxItem,
    BoxTextProblem,
    check_box_text,
    new_reply_token,
    reply_hash,
)
from bot.i18n import N_, translator
from bot.ui import acknowledge, edit_or_send, h, reply
from conversations.residents.box_links import BOX_WORDS
from conversations.residents.buttons import ReadAnswer, WantAnswer

log = logging.getLogger(__name__)

LINK_GONE = N_("This box link does not work any more. Ask the committee for its link.")


class _Writing(filters.MessageFilter):
    """The sender opened a box and may type into it (in memory only, see bot/anonymity.py)."""

    def filter(self, message: object) -> bool:
        user = getattr(message, "from_user", None)
        return user is not None and anonymity.senders.writing(user.id) is not None


WRITING = filters.ChatType.PRIVATE & _Writing()


async def open_box(update: Update, context: BotContext, token: str) -> None:
    """The box's link: what the box is, what is kept, and « write your message »."""
    await _open(update, context, token, for_priorities=False)


async def open_for_priorities(update: Update, context: BotContext, token: str) -> None:
    """The consultation's link: the same box, for a priority."""
    await _open(update, context, token, for_priorities=True)


async def _open(update: Update, context: BotContext, token: str, *, for_priorities: bool) -> None:
    _ = context._
    user = update.effective_user
    assert user is not None
    settings = await context.storage.box.by_token(token) if token else None
    committee = await context.storage.committees.get(settings.committee_id) if settings else None
    if committee is None:
        await reply(update, context, _(LINK_GONE))
        return
    year = await _collecting_year(context, committee.id) if for_priorities else None
    anonymity.senders.start_writing(user.id, committee.id, for_priorities=year is not None)
    lines = [
        _("<b>The box of {committee}</b>").format(committee=h(committee.name)),
        _(BOX_WORDS),
        "",
    ]
    if year is not None:
        lines += [
            _(
                "The committee is gathering the tenants' priorities for {year}. What is yours? "
                "One priority per message is best."
            ).format(year=year),
            "",
        ]
    elif for_priorities:
        lines += [
            _(
                "The consultation on priorities is not open right now: your message still goes "
                "to the committee's box."
            ),
            "",
        ]
    lines += [
        _("Write your message below, in one message (at most {limit} characters).").format(
            limit=BOX_TEXT_LIMIT
        ),
        _(
            "What I keep: the text of your message and the day. Not your name, not your "
            "Telegram account, nothing that says who wrote it. To stay anonymous, do not write "
            "your name or your apartment number in the message."
        ),
        _("To stop: /annuler"),
    ]
    await reply(update, context, "\n".join(lines))


async def _collecting_year(context: BotContext, committee_id: int) -> int | None:
    consultation = await context.storage.priorities.in_progress(committee_id)
    if consultation is None or consultation.status is not ConsultationStatus.COLLECTING:
        return None
    return consultation.year


async def received(update: Update, context: BotContext) -> None:
    """A message typed into an open box: kept (committed) before « Received » is said."""
    _ = context._
    user, message = update.effective_user, update.message
    assert user is not None and message is not None
    writing = anonymity.senders.writing(user.id)
    if writing is None:  # the window closed between the filter and now
        await reply(update, context, _("Open the box's link again to write to the committee."))
        return
    wait = anonymity.senders.wait_before_next(user.id)
    if wait > 0:
        await reply(
            update,
            context,
            _(
                "You have sent several messages in a short time. You can write again in about "
                "{minutes} minutes. This message was not kept."
            ).format(minutes=max(1, math.ceil(wait / 60))),
        )
        return
    text, problem = check_box_text(message.text)
    if problem is BoxTextProblem.EMPTY:
        await reply(update, context, _("Your message is empty. Write a few words."))
        return
    if problem is BoxTextProblem.TOO_LONG:
        await reply(
            update,
            context,
            _(
                "Your message is too long: {count} characters, at most {limit}. Shorten it, or "
                "split it into two messages. It was not kept."
            ).format(count=len(text), limit=BOX_TEXT_LIMIT),
        )
        return
    committee = await context.storage.committees.get(writing.committee_id)
    if committee is None:
        anonymity.senders.stop_writing(user.id)
        await reply(update, context, _(LINK_GONE))
        return
    _item, token = await _keep(context, committee, text, writing.for_priorities)
    anonymity.senders.count_message(user.id)
    anonymity.senders.keep_writing(user.id)
    lines = [
        _("Received. Your message is in the box of <b>{committee}</b>. Thank you!").format(
            committee=h(committee.name)
        ),
        _("The committee will not know who wrote it."),
        "",
        _(
            "Do you want to be able to read an answer from the committee? The button below stays "
            "only in this conversation: it is the only way back to your message."
        ),
        _("You may write another message: it will arrive separately."),
    ]
    await reply(
        update,
        context,
        "\n".join(lines),
        [[(_("I want to be able to read an answer"), WantAnswer(token=token))]],
    )


async def _keep(
    context: BotContext, committee: Committee, text: str, for_priorities: bool
) -> tuple[BoxItem, str]:
    token = new_reply_token()
    consultation = (
        await context.storage.priorities.in_progress(committee.id) if for_priorities else None
    )
    collecting = consultation is not None and consultation.status is ConsultationStatus.COLLECTING
    item = await context.storage.box.receive(
        committee.id,
        text,
        context.services.now(committee.timezone).date(),
        reply_hash(token),
        consultation_id=consultation.id if consultation is not None and collecting else None,
        as_proposal=for_priorities,
    )
    return item, token


async def not_text(update: Update, context: BotContext) -> None:
    """A photo, a voice message, a sticker, a file: not kept, and why."""
    await reply(
        update,
        context,
        context._(
            "The box takes text only. A photo, a voice message or a file could also show "
            "who you are, so I do not keep them. Please write your message in words."
        ),
    )


async def stop(update: Update, context: BotContext) -> None:
    """/annuler while the box is open."""
    user = update.effective_user
    assert user is not None
    anonymity.senders.stop_writing(user.id)
    await reply(
        update,
        context,
        context._(
            "Closed. Nothing more goes to the box; what you already sent stays with the committee."
        ),
    )


async def want_answer(update: Update, context: BotContext, button: WantAnswer) -> None:
    """The writer asks to be able to read an answer: the committee only learns it is possible."""
    _ = context._
    token_hash = reply_hash(button.token)
    item = await context.storage.box.allow_answer(token_hash)
    chat = update.effective_chat
    if item is None or chat is None:
        await acknowledge(update, context, _(STALE), alert=True)
        return
    anonymity.senders.reply_chats.remember(token_hash, chat.id)
    await edit_or_send(
        update,
        context,
        "\n".join(
            [
                _(
                    "Received. Your message is in the box; the committee will not know who "
                    "wrote it."
                ),
                _(
                    "Noted: the committee will see that an answer is possible, without knowing "
                    "who you are. When it answers, I will write to you here if I still can; "
                    "otherwise press « See the answer » below."
                ),
            ]
        ),
        [[(_("See the answer"), ReadAnswer(token=button.token))]],
    )


async def read_answer(update: Update, context: BotContext, button: ReadAnswer) -> None:
    """The committee's answer, found by the writer's token; or « not yet »."""
    _ = context._
    item = await context.storage.box.by_reply_hash(reply_hash(button.token))
    if item is None:
        await acknowledge(update, context, _(STALE), alert=True)
        return
    if item.answer is None:
        await acknowledge(update, context, _("No answer yet. Come back later."), alert=True)
        return
    if item.answered_how is AnsweredHow.PUBLIC:
        head = _("The committee answered your message in its channel:")
    else:
        head = _("The committee's answer to your message:")
    await reply(update, context, f"<b>{h(head)}</b>\n« {h(item.answer)} »")


async def push_answer(
    context: BotContext, committee: Committee, item: BoxItem, token_hash: str
) -> bool:
    """Hand a private answer to its writer at once, when this process still knows their chat.

    Sent directly rather than through ui.send: the one send path marks a person who blocked
    the bot, and that mark would tie them to this answer's moment. True when it was sent.
    """
    chat_id = anonymity.senders.reply_chats.take(token_hash)
    if chat_id is None:
        return False
    tr = translator(committee.locale)
    text = tr.gettext("<b>{committee}</b> answered your message of {day}:").format(
        committee=h(committee.name), day=tr.format_day(item.received_on)
    )
    try:
        await context.bot.send_message(
            chat_id, f"{text}\n« {h(item.answer or '')} »", parse_mode="HTML"
        )
    except TelegramError as error:
        log.info("a private answer waits for its writer: %s", type(error).__name__)
        return False
    return True
