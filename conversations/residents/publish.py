"""« Publish for the residents »: what reaches residents is always chosen by a person.

A feature that has something residents could read (a compte rendu, a success, a meeting
notice, the yearly priorities) calls `offer_publication`: the member sees exactly what
residents would read, and a button. Nothing goes to the channel until a member presses it
(`publish_for_residents`). The same notice prints as the sheet for the lobby.
"""

from __future__ import annotations

from enum import StrEnum

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.residents import AnsweredHow, ResidentNotice, StoredNotice
from bot.i18n import N_, Translator
from bot.refusal_policy import SendLater
from bot.ui import Button, edit_markup, h, reply, send
from conversations.residents.box_links import BOX_LINK, BOX_WORDS, PRIORITY_LINK
from conversations.residents.buttons import PrintNotice, Publish
from conversations.residents.sheets import lobby_sheet, residents_translator, send_lobby_sheet

ALREADY_PUBLISHED = N_("This was already published.")


class Outcome(StrEnum):
    POSTED = "posted"
    NO_CHANNEL = "no_channel"  # none linked, or the bot may no longer post there
    ALREADY = "already"  # published before (a second press, another member)
    REFUSED = "refused"  # Telegram refused the post: the channel is marked, nothing is lost
    LATER = "later"  # Telegram asked to wait: press again in a moment


def channel_text(tr: Translator, committee_name: str, notice: ResidentNotice) -> str:
    """The post, in HTML: the notice's words, the committee's name, the box's words."""
    lines = [f"<b>{h(notice.title)}</b>"]
    for section in notice.sections:
        lines.append("")
        if section.heading:
            lines.append(f"<b>{h(section.heading)}</b>")
        lines += [("• " if section.bullets else "") + h(line) for line in section.lines]
    lines += ["", f"— {h(committee_name)}"]
    words = tr.gettext(BOX_WORDS)
    if not any(words in line for section in notice.sections for line in section.lines):
        lines += ["", h(words)]
    return "\n".join(lines)


async def offer_publication(
    update: Update,
    context: BotContext,
    committee_id: int,
    notice: ResidentNotice,
    *,
    box_item_id: int | None = None,
) -> StoredNotice:
    """Show a member what residents would read, with « Publish for the residents » (when a
    channel is linked) and « Print the sheet ». Nothing is published here.

    Entry point for the integration: after a compte rendu (meetings), a success (follow-ups,
    partnerships), a meeting or general assembly notice. Build the notice in residents' words
    (first names only; never a partnership's internal notes or a mandate's limits), e.g. with
    `sheets.notice_from_record`.
    """
    user = update.effective_user
    stored = await context.storage.notices.draft(
        committee_id, notice, user.id if user else None, box_item_id=box_item_id
    )
    await show_preview(update, context, stored)
    return stored


async def show_preview(update: Update, context: BotContext, stored: StoredNotice) -> None:
    _ = context._
    committee = await context.storage.committees.get(stored.committee_id)
    assert committee is not None
    channel = await context.storage.resident_channels.of_committee(committee.id)
    lines = [
        _("This is what residents will read. Nothing is published until you press the button.")
    ]
    buttons: list[list[Button]] = []
    if channel is not None and channel.bot_present:
        buttons.append([(_("Publish for the residents"), Publish(id=stored.id))])
    else:
        lines.append(_("No channel for the residents is linked yet: you can still print it."))
    buttons.append([(_("Print the sheet (PDF)"), PrintNotice(id=stored.id))])
    text = channel_text(residents_translator(committee), committee.name, stored.notice)
    await reply(update, context, "\n".join(lines) + "\n\n" + text, buttons)


async def publish_for_residents(context: BotContext, notice_id: int, by: int) -> Outcome:
    """Post a notice a person chose in the committee's channel, once.

    Entry point for the integration, for a flow that already showed the member the notice
    (otherwise use `offer_publication`). `by` is the member who decided.
    """
    storage = context.storage
    stored = await storage.notices.get(notice_id)
    if stored is None:
        return Outcome.NO_CHANNEL
    if stored.published:
        return Outcome.ALREADY
    channel = await storage.resident_channels.of_committee(stored.committee_id)
    committee = await storage.committees.get(stored.committee_id)
    if channel is None or not channel.bot_present or committee is None:
        return Outcome.NO_CHANNEL
    # Claimed before posting: two presses never post twice.
    if not await storage.notices.claim(notice_id, by):
        return Outcome.ALREADY
    tr = residents_translator(committee)
    settings = await storage.box.settings(committee.id)
    link = PRIORITY_LINK if stored.notice.invites_priorities else BOX_LINK
    url = context.services.deep_link(link, settings.box_token)
    try:
        message = await send(
            context,
            channel.chat_id,
            channel_text(tr, committee.name, stored.notice),
            [[(tr.gettext("Write to the committee (anonymous)"), url)]],
        )
    except SendLater:
        await storage.notices.release(notice_id)
        return Outcome.LATER
    if message is None:
        await storage.notices.release(notice_id)
        await storage.resident_channels.set_bot_present(channel.chat_id, False)
        return Outcome.REFUSED
    await storage.notices.posted(notice_id, message.message_id)
    if stored.box_item_id is not None and stored.notice.answer:
        await storage.box.answer(stored.box_item_id, stored.notice.answer, AnsweredHow.PUBLIC, by)
    return Outcome.POSTED


def not_published(stored: StoredNotice) -> bool:
    return not stored.published


async def press_publish(
    update: Update, context: BotContext, press: Press[Publish, StoredNotice]
) -> None:
    """« Publish for the residents »: posted, and the preview keeps only « Print »."""
    _ = context._
    outcome = await publish_for_residents(context, press.record.id, press.membership.person_id)
    texts = {
        Outcome.POSTED: _("Published in the residents' channel."),
        Outcome.ALREADY: _(ALREADY_PUBLISHED),
        Outcome.NO_CHANNEL: _("No channel can take it: a coordinator links the channel again."),
        Outcome.REFUSED: _(
            "The channel refused the post: I may no longer be one of its "
            "administrators. A coordinator can check the channel."
        ),
        Outcome.LATER: _("Telegram asks me to wait a moment. Press the button again in a minute."),
    }
    query = update.callback_query
    if outcome in {Outcome.POSTED, Outcome.ALREADY} and query and query.message:
        await edit_markup(
            context,
            query.message.chat.id,
            query.message.message_id,
            [[(_("Print the sheet (PDF)"), PrintNotice(id=press.record.id))]],
        )
    await reply(update, context, texts[outcome])


async def press_print(
    update: Update, context: BotContext, press: Press[PrintNotice, StoredNotice]
) -> None:
    """The notice as the sheet for the lobby (the same words as the post)."""
    committee = press.membership.committee
    chat = update.effective_chat
    assert chat is not None
    sheet = await lobby_sheet(context, committee, press.record.notice)
    await send_lobby_sheet(context, chat.id, committee, sheet)
