"""The ranked priorities: for the group, for the residents (channel and sheet), for the mandate.

`priorities_as_positions` is the entry point for the mandates feature: the ranked list becomes
the positions of the mandate for the yearly meeting with the housing office.
"""

from __future__ import annotations

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.priorities import Consultation, ConsultationStatus, RankedPriority, as_positions
from bot.domain.priorities import rank as rank_choices
from bot.domain.residents import NoticeKind, NoticeSection, ResidentNotice
from bot.i18n import N_
from bot.storage.repositories import Storage
from bot.ui import Button, h, reply
from conversations.mandates.buttons import MandateFromPriorities
from conversations.priorities.buttons import (
    PrintPriorities,
    PublishPriorities,
    ShowResults,
)
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import lobby_sheet, residents_translator, send_lobby_sheet

NOT_CLOSED = N_("The vote on the priorities is not closed yet.")


def is_closed(consultation: Consultation) -> bool:
    return consultation.status is ConsultationStatus.CLOSED


async def ranked(storage: Storage, consultation_id: int) -> list[RankedPriority]:
    return rank_choices(await storage.priorities.choices(consultation_id))


async def priorities_as_positions(
    storage: Storage, committee_id: int, year: int | None = None, *, limit: int | None = None
) -> list[str]:
    """The tenants' priorities as a mandate's positions: best first, in the committee's words
    (or as proposed), those nobody picked left out. Empty when no consultation of `year` (the
    latest when None) is closed.

    The mandates feature offers them at the positions question, and from the results
    (« Make it the mandate of the yearly meeting »); `limit` keeps the first ones only.
    """
    consultation = await storage.priorities.latest(committee_id, year)
    if consultation is None or not is_closed(consultation):
        return []
    return as_positions(await ranked(storage, consultation.id), limit)


async def results_message(
    context: BotContext, consultation: Consultation, ranking: list[RankedPriority]
) -> tuple[str, list[list[Button]]]:
    _ = context._
    lines = [_("<b>The tenants' priorities for {year}</b>").format(year=consultation.year), ""]
    for item in ranking:
        picks = context.tr.ngettext("{count} pick", "{count} picks", item.picks).format(
            count=item.picks
        )
        lines.append(f"{item.rank}. {h(item.label)} — {picks}")
    _picks, members = await context.storage.priorities.participation(consultation.id)
    lines += [
        "",
        context.tr.ngettext("{count} member chose.", "{count} members chose.", members).format(
            count=members
        ),
        _("They can become the positions of the mandate for the yearly meeting with the office."),
    ]
    buttons: list[list[Button]] = [
        [(_("Print the list (PDF)"), PrintPriorities(id=consultation.id))],
        [(_("Publish for the residents"), PublishPriorities(id=consultation.id))],
        [
            (
                _("Make it the mandate of the yearly meeting"),
                MandateFromPriorities(id=consultation.id),
            )
        ],
    ]
    return "\n".join(lines), buttons


def priorities_notice(
    committee: Committee, consultation: Consultation, ranking: list[RankedPriority]
) -> ResidentNotice:
    """« The tenants' priorities for 2027 », as residents and the office read them."""
    tr = residents_translator(committee)
    lines = []
    for item in ranking:
        asked = (
            " " + tr.gettext("(asked {count} times)").format(count=item.proposals)
            if item.proposals > 1
            else ""
        )
        lines.append(f"{item.rank}. {item.label}{asked}")
    return ResidentNotice(
        title=tr.gettext("The tenants' priorities for {year}").format(year=consultation.year),
        kind=NoticeKind.PRIORITIES,
        sections=(
            NoticeSection(
                None,
                (
                    tr.gettext(
                        "Residents proposed them through the box; the committee's members "
                        "ranked them. The committee hands them to the housing office at the "
                        "yearly meeting."
                    ),
                ),
                bullets=False,
            ),
            NoticeSection(None, tuple(lines), bullets=False),
        ),
    )


async def show_results(
    update: Update, context: BotContext, press: Press[ShowResults, Consultation]
) -> None:
    consultation = press.record
    text, buttons = await results_message(
        context, consultation, await ranked(context.storage, consultation.id)
    )
    await reply(update, context, text, buttons)


async def print_list(
    update: Update, context: BotContext, press: Press[PrintPriorities, Consultation]
) -> None:
    """« The tenants' priorities for 2027 », a sheet for the lobby and for the office."""
    committee = press.membership.committee
    chat = update.effective_chat
    assert chat is not None
    notice = priorities_notice(
        committee, press.record, await ranked(context.storage, press.record.id)
    )
    await send_lobby_sheet(
        context, chat.id, committee, await lobby_sheet(context, committee, notice)
    )


async def publish(
    update: Update, context: BotContext, press: Press[PublishPriorities, Consultation]
) -> None:
    committee = press.membership.committee
    notice = priorities_notice(
        committee, press.record, await ranked(context.storage, press.record.id)
    )
    await offer_publication(update, context, committee.id, notice)
