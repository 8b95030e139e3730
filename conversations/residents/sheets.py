"""What residents read, as a notice and as a sheet for the lobby: one content, two forms.

A notice (`ResidentNotice`) is what a member chose to show residents. The channel post
(conversations/residents/publish.py) and the printed sheet (`lobby_sheet`) are both made from
it, so they say the same thing. Resident-facing words are in the committee's language.
"""

from __future__ import annotations

import asyncio

from telegram import Message

from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.records import RecordSheet
from bot.domain.residents import NoticeKind, NoticeSection, ResidentNotice, first_name
from bot.exports.common import capitalize_first, one_line, slugify, status_label
from bot.exports.lobby import LobbySheet, QrCode, render_lobby_sheet
from bot.i18n import Translator, translator
from bot.ui import send_document
from conversations.residents.box_links import BOX_LINK, BOX_WORDS, PRIORITY_LINK


def residents_translator(committee: Committee) -> Translator:
    """Residents are not known to the bot: they read the committee's language."""
    return translator(committee.locale)


async def lobby_sheet(
    context: BotContext,
    committee: Committee,
    notice: ResidentNotice,
    *,
    tr: Translator | None = None,
) -> LobbySheet:
    """The notice as a sheet: its words, the committee's contact, QR codes to the box (or to
    the consultation) and, when it is public, to the channel; in the committee's language, or
    `tr`'s (a sheet printed in another language for a neighbour)."""
    tr = tr or residents_translator(committee)
    settings = await context.storage.box.settings(committee.id)
    link = PRIORITY_LINK if notice.invites_priorities else BOX_LINK
    codes = [
        QrCode(
            context.services.deep_link(link, settings.box_token),
            tr.gettext("Anonymous box: {words}").format(words=tr.gettext(BOX_WORDS)),
        )
    ]
    channel = await context.storage.resident_channels.of_committee(committee.id)
    if channel is not None and channel.url is not None:
        codes.append(QrCode(channel.url, tr.gettext("The residents' channel, on Telegram")))
    return LobbySheet(
        committee_name=committee.name,
        title=notice.title,
        sections=notice.sections,
        contact=settings.contact,
        codes=tuple(codes),
    )


async def send_lobby_sheet(
    context: BotContext, chat_id: int, committee: Committee, sheet: LobbySheet
) -> Message | None:
    """The sheet as a PDF in a chat, to print."""
    tr = residents_translator(committee)
    today = context.services.now(committee.timezone).date()
    # Laying out a PDF takes a few tenths of a second: keep the event loop free.
    pdf = await asyncio.to_thread(render_lobby_sheet, sheet, tr, printed_on=today)
    name = f"{slugify(sheet.title) or 'comite'}-{today.isoformat()}.pdf"
    return await send_document(
        context, chat_id, pdf, name, caption=tr.gettext("To print for the lobby.")
    )


def box_notice(tr: Translator, committee: Committee) -> ResidentNotice:
    """The box, introduced to residents: for the channel, and as a poster."""
    return ResidentNotice(
        title=tr.gettext("Write to the committee"),
        kind=NoticeKind.OTHER,
        sections=(
            NoticeSection(
                None,
                (
                    tr.gettext(BOX_WORDS),
                    tr.gettext(
                        "Scan the code, or open the link: you write to {committee} from "
                        "Telegram. Your name, your account and your apartment are not kept."
                    ).format(committee=committee.name),
                    tr.gettext(
                        "You may ask to be able to read an answer: the committee then answers "
                        "without knowing who you are."
                    ),
                ),
                bullets=False,
            ),
        ),
    )


def notice_from_record(tr: Translator, sheet: RecordSheet) -> ResidentNotice:
    """A compte rendu as residents read it: decisions, who does what (first names), the next
    meeting. No internal codes (D-12, S-7), no attendees' full names.

    For the integration: the meetings feature offers « Publish for the residents » with
    `offer_publication(update, context, committee_id, notice_from_record(tr, sheet))`.
    """
    sections: list[NoticeSection] = []
    if sheet.held_on is not None:
        sections.append(
            NoticeSection(None, (capitalize_first(tr.format_day(sheet.held_on)),), bullets=False)
        )
    names = [first_name(one_line(name)) for name in sheet.attendees]
    if any(names):
        sections.append(NoticeSection(tr.gettext("Present"), (", ".join(n for n in names if n),)))
    sections += [
        NoticeSection(heading, tuple(one_line(line) for line in lines))
        for heading, lines in sheet.parts
    ]
    if sheet.decisions:
        sections.append(
            NoticeSection(
                tr.gettext("Decisions"), tuple(one_line(d.text) for d in sheet.decisions)
            )
        )
    if sheet.actions:
        lines = []
        for action in sheet.actions:
            parts = [one_line(action.text)]
            if action.responsible:
                parts.append(first_name(one_line(action.responsible)))
            if action.due_date is not None:
                parts.append(tr.format_due(action.due_date, action.due_time))
            if (status := status_label(action.status, tr)) is not None:
                parts.append(status)
            lines.append(" — ".join(part for part in parts if part))
        sections.append(NoticeSection(tr.gettext("Who does what"), tuple(lines)))
    if sheet.requests:
        # The committee's asks to partners, where they stand; their codes stay inside.
        sections.append(
            NoticeSection(
                tr.gettext("Requests to partners"),
                tuple(
                    " — ".join(
                        part
                        for part in (one_line(r.what), one_line(r.partner or ""), r.state)
                        if part
                    )
                    for r in sheet.requests
                ),
            )
        )
    if sheet.next_meeting is not None:
        sections.append(
            NoticeSection(
                tr.gettext("Next meeting"),
                (capitalize_first(tr.format_meeting(sheet.next_meeting)),),
                bullets=False,
            )
        )
    return ResidentNotice(title=sheet.title, sections=tuple(sections), kind=NoticeKind.MINUTES)
