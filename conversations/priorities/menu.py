"""/priorites: where the yearly consultation stands, opening it, and the proposals so far."""

from __future__ import annotations

from babel.dates import format_date
from telegram import Update

from bot.access import Press, require_membership
from bot.context import BotContext
from bot.domain.entities import Committee, Membership
from bot.domain.priorities import (
    Consultation,
    ConsultationStatus,
    Proposal,
    consultation_year,
    proposal_ref,
)
from bot.domain.residents import NoticeKind, NoticeSection, ResidentNotice
from bot.ui import Button, edit_or_send, h, label, post_to_groups, reply
from conversations.priorities.buttons import (
    CloseRanking,
    OpenConsultation,
    ShowProposal,
    ShowProposals,
    ShowResults,
    StartRanking,
)
from conversations.residents.box_links import priorities_url
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import residents_translator

MAX_BUTTONS = 20
EXCERPT = 60


async def show(update: Update, context: BotContext) -> None:
    """/priorites: the consultation in progress, or how to open one."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    await show_for(update, context, membership, edit=False)


async def show_for(
    update: Update, context: BotContext, membership: Membership, *, edit: bool
) -> None:
    committee = membership.committee
    consultation = await context.storage.priorities.in_progress(committee.id)
    if consultation is None:
        text, buttons = await _nothing_open(context, membership)
    elif consultation.status is ConsultationStatus.COLLECTING:
        text, buttons = await proposals_view(context, committee, consultation, membership)
    else:
        picks, members = await context.storage.priorities.participation(consultation.id)
        text = "\n".join(
            [
                context._("<b>The tenants' priorities for {year}</b>").format(
                    year=consultation.year
                ),
                context._("Members are choosing in the group: up to three each."),
                context._("Picks so far: {picks}, by {members} members.").format(
                    picks=picks, members=members
                ),
            ]
        )
        buttons = (
            [[(context._("Close the vote"), CloseRanking(id=consultation.id))]]
            if membership.is_coordinator
            else []
        )
    if edit:
        await edit_or_send(update, context, text, buttons)
    else:
        await reply(update, context, text, buttons)


async def _nothing_open(
    context: BotContext, membership: Membership
) -> tuple[str, list[list[Button]]]:
    _ = context._
    committee = membership.committee
    lines = [
        _("<b>The tenants' priorities</b>"),
        _(
            "Once a year, the committee asks the residents what matters most to them, and hands "
            "the list to the housing office at the yearly meeting."
        ),
    ]
    buttons: list[list[Button]] = []
    latest = await context.storage.priorities.latest(committee.id)
    if latest is not None:
        buttons.append(
            [(_("The priorities for {year}").format(year=latest.year), ShowResults(id=latest.id))]
        )
    waiting = await context.storage.priorities.waiting(committee.id)
    if waiting:
        lines.append(
            context.tr.ngettext(
                "{count} proposal is kept for the next consultation.",
                "{count} proposals are kept for the next consultation.",
                waiting,
            ).format(count=waiting)
        )
    if not membership.is_coordinator:
        lines.append(_("A coordinator opens the consultation with /priorites."))
        return "\n".join(lines), buttons
    today = context.services.now(committee.timezone).date()
    year = consultation_year(today, committee.office_meeting_month)
    if year is not None and committee.office_meeting_month is not None:
        month = format_date(
            today.replace(day=1, month=committee.office_meeting_month),
            "MMMM",
            locale=context.tr.babel_locale,
        )
        lines.append(
            _(
                "The yearly meeting with the office is in {month}: the consultation opens about "
                "a month before."
            ).format(month=month)
        )
        years = [year]
    else:
        lines.append(
            _(
                "For which year? (Set the month of the yearly meeting with the office in "
                "/parametres, and I will remind you a month before.)"
            )
        )
        years = [today.year, today.year + 1]
    buttons += [
        [
            (
                _("Open the consultation for {year}").format(year=y),
                OpenConsultation(id=committee.id, year=y),
            )
        ]
        for y in years
    ]
    return "\n".join(lines), buttons


async def proposals_view(
    context: BotContext, committee: Committee, consultation: Consultation, membership: Membership
) -> tuple[str, list[list[Button]]]:
    """The proposals, grouped; a button per group to open it."""
    _ = context._
    proposals = await context.storage.priorities.proposals(consultation.id)
    heads = [p for p in proposals if p.heads_a_group]
    received = [p for p in proposals if not p.withdrawn]
    lines = [
        _("<b>The tenants' priorities for {year}: the proposals</b>").format(
            year=consultation.year
        ),
        _(
            "Received: {count}, in {groups} groups. Group similar ones (open one, then « Group "
            "it with… »); then a coordinator opens the vote."
        ).format(count=len(received), groups=len(heads)),
        "",
    ]
    lines += [_line(p, proposals) for p in heads]
    if not heads:
        lines.append(_("No proposal yet."))
    url = await priorities_url(context, committee.id)
    lines += ["", _("Link to propose a priority (anonymous):") + f"\n{url}"]
    buttons: list[list[Button]] = [
        [(f"{proposal_ref(p.number)} — {label(p.label, EXCERPT)}", ShowProposal(id=p.id))]
        for p in heads[:MAX_BUTTONS]
    ]
    if membership.is_coordinator and heads:
        buttons.append([(_("Open the vote"), StartRanking(id=consultation.id))])
    return "\n".join(lines), buttons


async def show_proposals(
    update: Update, context: BotContext, press: Press[ShowProposals, Consultation]
) -> None:
    """« Back to the proposals »."""
    await show_for(update, context, press.membership, edit=True)


def _line(head: Proposal, proposals: list[Proposal]) -> str:
    grouped = sum(1 for p in proposals if p.group_id == head.id)
    more = f" (+{grouped})" if grouped else ""
    return f"• {proposal_ref(head.number)}{more} « {h(label(head.label, 90))} »"


async def open_consultation(
    update: Update, context: BotContext, press: Press[OpenConsultation, Committee]
) -> None:
    """Open it, tell the group, and offer to tell the residents in the channel."""
    _ = context._
    committee = press.record
    year = press.button.year
    consultation = await context.storage.priorities.open(
        committee.id, year, press.membership.person_id
    )
    if consultation is None:
        await edit_or_send(update, context, _("A consultation is already in progress: /priorites"))
        return
    url = await priorities_url(context, committee.id)
    tr = residents_translator(committee)
    announcement = tr.gettext(
        "🗳️ The consultation on the tenants' priorities for {year} is open. Members and "
        "residents propose priorities through the box, anonymously. Then each member of the "
        "committee picks up to three, here."
    ).format(year=year)
    await post_to_groups(
        context,
        committee.id,
        announcement,
        [[(tr.gettext("Propose a priority (anonymous)"), url)]],
    )
    membership = press.membership
    await show_for(update, context, membership, edit=True)
    await offer_publication(update, context, committee.id, consultation_notice(committee, year))


def consultation_notice(committee: Committee, year: int) -> ResidentNotice:
    """What residents read when the consultation opens (the channel post, the sheet)."""
    tr = residents_translator(committee)
    return ResidentNotice(
        title=tr.gettext("What are your priorities for {year}?").format(year=year),
        kind=NoticeKind.CONSULTATION,
        invites_priorities=True,
        sections=(
            NoticeSection(
                None,
                (
                    tr.gettext(
                        "Once a year, the committee hands the tenants' priorities to the housing "
                        "office. What should it ask for in {year}?"
                    ).format(year=year),
                    tr.gettext(
                        "Write to us through the box, one priority per message. Your name will "
                        "not be passed on."
                    ),
                ),
                bullets=False,
            ),
        ),
    )
