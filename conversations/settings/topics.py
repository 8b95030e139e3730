"""Where the bot posts on its own in a group with topics: the topic a coordinator chose.

Answers always go to the topic where the person wrote (bot/groups.py). Reminders, the weekly
summary, votes and announcements go to the chosen topic; until one is chosen they wait in the
outbox, and the coordinators are asked once, in private (`TopicQuestions`). A coordinator
chooses by pressing « Post the bot's messages here » in the topic (offered when the group is
linked, and in /parametres typed there), or from the topics the bot has seen (in private).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from telegram import Update

from bot.access import STALE, Press
from bot.context import BotContext
from bot.domain.entities import GENERAL_TOPIC, ChatTopic, Committee, CommitteeChat, Role
from bot.i18n import N_, Translator
from bot.outbox import send_waiting
from bot.scheduler import Daytime, Occurrence, replan
from bot.services import Services
from bot.ui import Button, acknowledge, edit_or_send, h, reply, send_to_person
from conversations.settings.buttons import PostHere, PostIn, TopicMenu

log = logging.getLogger(__name__)

HERE = N_("Post the bot's messages here")
WHAT = N_("reminders, votes and the weekly summary")
# Short enough for an alert over a pressed button (200 characters).
CHOOSE_TOPIC_FIRST = N_(
    "The group has topics: first choose the one where I post. Type /parametres in that "
    "topic, then press « Post the bot's messages here »."
)


def here_offer(context: BotContext, committee_id: int) -> tuple[str, list[list[Button]]]:
    """In a group with topics just linked: where should the bot post? (this topic, by a
    press; another, by /parametres typed there)."""
    _ = context._
    text = _(
        "This group has topics. In which one should I post {posts}? Press the button to "
        "choose this topic, or type /parametres in another one."
    ).format(posts=_(WHAT))
    return text, [[(_(HERE), PostHere(id=committee_id))]]


def _group(tr: Translator, chat: CommitteeChat) -> str:
    return h(chat.title) if chat.title else tr.gettext("your group")


def _topic_name(tr: Translator, topic: int, known: Sequence[ChatTopic]) -> str:
    """As people read it (plain text: escape it for a message)."""
    if topic == GENERAL_TOPIC:
        return tr.gettext("General")
    name = next((t.name for t in known if t.thread_id == topic), None)
    return name or tr.gettext("topic {number}").format(number=topic)


def _choices(
    tr: Translator, chat: CommitteeChat, known: Sequence[ChatTopic]
) -> list[list[Button]]:
    """One button per topic seen, then « General »."""
    topics = [t.thread_id for t in known] + [GENERAL_TOPIC]
    return [
        [
            (
                _topic_name(tr, topic, known),
                PostIn(id=chat.committee_id, chat=-chat.chat_id, topic=topic),
            )
        ]
        for topic in topics
    ]


def _hint(tr: Translator) -> str:
    return tr.gettext(
        "Not in the list? Type /parametres in the topic, then press « {here} »."
    ).format(here=tr.gettext(HERE))


async def settings_part(
    context: BotContext, committee: Committee
) -> tuple[list[str], list[list[Button]]]:
    """For /parametres: where the bot posts in each group with topics; in such a group's
    topic, the button to post there; in private, a button to choose among the topics."""
    _ = context._
    lines: list[str] = []
    rows: list[list[Button]] = []
    here = context.answer_in[0] if context.answer_in else None
    for chat in await context.storage.chats.of_committee(committee.id):
        if not chat.is_forum or not chat.bot_present:
            continue
        known = await context.storage.chats.topics(chat.chat_id)
        topic = (
            _("not chosen")
            if chat.post_topic is None
            else "« " + h(_topic_name(context.tr, chat.post_topic, known)) + " »"
        )
        lines.append(
            _("Topic of the bot's posts in « {group} »: {topic}").format(
                group=_group(context.tr, chat), topic=topic
            )
        )
        if chat.chat_id == here:
            rows.append([(_(HERE), PostHere(id=committee.id))])
        elif here is not None and here > 0:
            label = _("Topic in « {group} »").format(group=chat.title or _("your group"))
            rows.append([(label, TopicMenu(id=committee.id, chat=-chat.chat_id))])
    return lines, rows


async def post_here(
    update: Update, context: BotContext, press: Press[PostHere, Committee]
) -> None:
    """A coordinator pressed « Post the bot's messages here » in a topic (or in « General »)."""
    chat = update.effective_chat
    linked = await context.storage.chats.get(chat.id) if chat is not None else None
    if linked is None or linked.committee_id != press.record.id or not linked.is_forum:
        await acknowledge(update, context, context._(STALE), alert=True)
        return
    thread = context.answer_in[1] if context.answer_in is not None else None
    topic = GENERAL_TOPIC if thread is None else thread
    await context.storage.chats.choose_topic(linked.chat_id, topic)
    await acknowledge(update, context, context._("Saved."))
    await reply(
        update,
        context,
        context._("From now on, I post {posts} here.").format(posts=context._(WHAT)),
    )
    await _chosen(context, linked)


async def topic_menu(
    update: Update, context: BotContext, press: Press[TopicMenu, Committee]
) -> None:
    """The topics seen in one group, to choose where the bot posts."""
    linked = await _group_of(context, press.record, press.button.chat)
    if linked is None:
        await acknowledge(update, context, context._(STALE), alert=True)
        return
    known = await context.storage.chats.topics(linked.chat_id)
    text = context._("In which topic of « {group} » should I post {what}?").format(
        group=_group(context.tr, linked), what=context._(WHAT)
    )
    await edit_or_send(
        update, context, f"{text}\n{_hint(context.tr)}", _choices(context.tr, linked, known)
    )


async def post_in(update: Update, context: BotContext, press: Press[PostIn, Committee]) -> None:
    """A topic chosen from the list."""
    linked = await _group_of(context, press.record, press.button.chat)
    topic = press.button.topic
    known = await context.storage.chats.topics(linked.chat_id) if linked else []
    if linked is None or (topic != GENERAL_TOPIC and topic not in {t.thread_id for t in known}):
        await acknowledge(update, context, context._(STALE), alert=True)
        return
    await context.storage.chats.choose_topic(linked.chat_id, topic)
    await acknowledge(update, context, context._("Saved."))
    text = context._("Done: in « {group} », I post {what} in « {topic} ».").format(
        group=_group(context.tr, linked),
        what=context._(WHAT),
        topic=h(_topic_name(context.tr, topic, known)),
    )
    await edit_or_send(update, context, text)
    await _chosen(context, linked)


async def _group_of(context: BotContext, committee: Committee, chat: int) -> CommitteeChat | None:
    linked = await context.storage.chats.get(-chat)
    return linked if linked is not None and linked.committee_id == committee.id else None


async def _chosen(context: BotContext, chat: CommitteeChat) -> None:
    """What waited for a topic goes now, and the scheduler looks again (pinned cards)."""
    await send_waiting(context, chat.chat_id)
    await replan(context)


class TopicQuestions:
    """A post waits for a group's topic: its coordinators are asked once, in private, in the
    committee's daytime."""

    name = "topic-question"
    late_limit = None  # the posts wait however long it takes

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        waiting = await services.storage.chats.waiting_for_topic()
        committees = await services.storage.committees.by_ids(c.committee_id for c, _ in waiting)
        return [
            Occurrence(
                first,
                str(chat.chat_id),
                chat.committee_id,
                Daytime.of(committees[chat.committee_id]),
                payload=chat,
            )
            for chat, first in waiting
            if chat.committee_id in committees
        ]

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        chats = context.storage.chats
        for occurrence in due:
            chat: CommitteeChat = occurrence.payload
            if not await chats.claim_topic_question(chat.chat_id):
                continue
            try:
                asked = await _ask_coordinators(context, chat)
            except BaseException:
                await chats.release_topic_question(chat.chat_id)
                raise
            if not asked:
                log.info(
                    "no coordinator of committee %s could be asked for a topic", chat.committee_id
                )


async def _ask_coordinators(context: BotContext, chat: CommitteeChat) -> int:
    """Each coordinator, in their language: which topic? How many could be asked."""
    committee = await context.storage.committees.get(chat.committee_id)
    if committee is None:
        return 0
    known = await context.storage.chats.topics(chat.chat_id)
    asked = 0
    for member in await context.storage.committees.members(committee.id):
        if member.role is not Role.COORDINATOR:
            continue
        person = await context.storage.people.get(member.person_id)
        tr = context.services.translator_for(person)
        text = tr.gettext(
            "The group « {group} » has topics.\nCommittee: <b>{committee}</b>\n"
            "In which one should I post {posts}? Until you choose, I keep them."
        ).format(group=_group(tr, chat), committee=h(committee.name), posts=tr.gettext(WHAT))
        message = await send_to_person(
            context, member.person_id, f"{text}\n{_hint(tr)}", _choices(tr, chat, known)
        )
        asked += message is not None
    return asked
