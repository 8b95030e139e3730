"""Members rank the priorities in the group: up to three picks each, then a coordinator closes.

The ballot shows how many picked, not what: the ranking appears once, when the vote closes,
so that early picks do not steer the later ones.
"""

from __future__ import annotations

from telegram import Message, Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.priorities import (
    MAX_ON_BALLOT,
    MAX_PICKS,
    Choice,
    Consultation,
    ConsultationStatus,
    Picker,
    rank,
)
from bot.i18n import N_
from bot.ui import Button, acknowledge, edit, edit_or_send, h, label, post_to_groups, reply
from conversations.priorities.buttons import CloseRanking, Pick, ProxyPicks, StartRanking
from conversations.priorities.results import results_message

VOTE_NOT_OPEN = N_("The vote is not open.")


def is_collecting(consultation: Consultation) -> bool:
    return consultation.status is ConsultationStatus.COLLECTING


def is_ranking(consultation: Consultation) -> bool:
    return consultation.status is ConsultationStatus.RANKING


def ordered(choices: list[Choice]) -> list[Choice]:
    """The ballot's order: as proposed (the ranking is not shown before the end)."""
    return sorted(choices, key=lambda c: c.proposal.number)


async def start_ranking(
    update: Update, context: BotContext, press: Press[StartRanking, Consultation]
) -> None:
    """The vote opens: the ballot goes to the committee's group."""
    _ = context._
    consultation = press.record
    choices = ordered(await context.storage.priorities.choices(consultation.id))
    if not choices:
        await acknowledge(update, context, _("No proposal yet."), alert=True)
        return
    if len(choices) > MAX_ON_BALLOT:
        await acknowledge(
            update,
            context,
            _("More than {count} choices: group similar ones first.").format(count=MAX_ON_BALLOT),
            alert=True,
        )
        return
    if not await context.storage.priorities.start_ranking(consultation.id):
        await acknowledge(update, context, _("The vote is already open."), alert=True)
        return
    text, buttons = await ballot(context, consultation, choices)
    posted = await post_to_groups(context, consultation.committee_id, text, buttons)
    if not posted:
        # No group the bot can write to: the ballot goes where the vote was opened.
        message = await reply(update, context, text, buttons)
        posted = [message] if message else []
    first: Message | None = posted[0] if posted else None
    if first is not None:
        await context.storage.priorities.set_ballot(
            consultation.id, first.chat.id, first.message_id
        )
    await edit_or_send(
        update, context, _("The vote is open: members pick up to three in the group.")
    )


async def ballot(
    context: BotContext, consultation: Consultation, choices: list[Choice]
) -> tuple[str, list[list[Button]]]:
    _ = context._
    picks, members = await context.storage.priorities.participation(consultation.id)
    lines = [
        _("<b>The tenants' priorities for {year}: your choice</b>").format(year=consultation.year),
        _("Each member of the committee picks up to three. Press again to take a pick back."),
        "",
    ]
    for number, choice in enumerate(choices, start=1):
        more = (
            " " + _("(asked {count} times)").format(count=choice.proposals)
            if choice.proposals > 1
            else ""
        )
        lines.append(f"{number}. {h(choice.proposal.label)}{more}")
    lines += [
        "",
        _("Picks so far: {picks}, by {members} members.").format(picks=picks, members=members),
    ]
    buttons: list[list[Button]] = [
        [
            (
                f"{number}. {label(c.proposal.label, 50)}",
                Pick(id=consultation.id, proposal=c.proposal.id),
            )
        ]
        for number, c in enumerate(choices, start=1)
    ]
    if await context.storage.named_members.count(consultation.committee_id):
        buttons.append([(_("Picks by proxy (coordinators)"), ProxyPicks(id=consultation.id))])
    buttons.append([(_("Close the vote (coordinators)"), CloseRanking(id=consultation.id))])
    return "\n".join(lines), buttons


async def pick(update: Update, context: BotContext, press: Press[Pick, Consultation]) -> None:
    """A pick, or a pick taken back; the ballot's count follows."""
    _ = context._
    consultation = press.record
    person = press.membership.person_id
    choices = ordered(await context.storage.priorities.choices(consultation.id))
    numbers = {c.proposal.id: n for n, c in enumerate(choices, start=1)}
    if press.button.proposal not in numbers:
        await acknowledge(update, context, _("This button no longer works."), alert=True)
        return
    picker = Picker(person_id=person)
    outcome = await context.storage.priorities.toggle_pick(
        consultation.id, press.button.proposal, picker
    )
    mine = sorted(
        numbers[p]
        for p in await context.storage.priorities.picks_of(consultation.id, picker)
        if p in numbers
    )
    listed = ", ".join(str(n) for n in mine) or "—"
    texts = {
        "picked": _("Your picks: {list} ({count} of {max}).").format(
            list=listed, count=len(mine), max=MAX_PICKS
        ),
        "unpicked": _("Pick taken back. Your picks: {list}.").format(list=listed),
        "full": _("You already picked three. Press one of your picks to take it back first."),
        "closed": _(VOTE_NOT_OPEN),
    }
    await acknowledge(update, context, texts[outcome], alert=outcome in {"full", "closed"})
    if outcome in {"picked", "unpicked"}:
        await refresh_ballot(context, consultation, choices)


async def refresh_ballot(
    context: BotContext, consultation: Consultation, choices: list[Choice]
) -> None:
    if consultation.ballot_chat_id is None or consultation.ballot_message_id is None:
        return
    text, buttons = await ballot(context, consultation, choices)
    await edit(context, consultation.ballot_chat_id, consultation.ballot_message_id, text, buttons)


async def close(
    update: Update, context: BotContext, press: Press[CloseRanking, Consultation]
) -> None:
    """A coordinator closes the vote: the ranked list goes to the group."""
    _ = context._
    consultation = press.record
    if not await context.storage.priorities.close(consultation.id):
        await acknowledge(update, context, _(VOTE_NOT_OPEN), alert=True)
        return
    choices = await context.storage.priorities.choices(consultation.id)
    ranked = rank(choices)
    if consultation.ballot_chat_id is not None and consultation.ballot_message_id is not None:
        text, _buttons = await ballot(context, consultation, ordered(choices))
        await edit(
            context,
            consultation.ballot_chat_id,
            consultation.ballot_message_id,
            text + "\n\n" + _("The vote is closed."),
        )
    text, buttons = await results_message(context, consultation, ranked)
    posted = await post_to_groups(context, consultation.committee_id, text, buttons)
    chat = update.effective_chat
    if chat is None or not any(m.chat.id == chat.id for m in posted):
        await reply(update, context, text, buttons)
