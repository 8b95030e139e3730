"""Picks by proxy: a coordinator records the priorities a member without Telegram picked.

Up to three, as for everyone; the choice is made in the coordinator's private chat, and the
ballot in the group counts them like the others (how many picked, never what).
"""

from __future__ import annotations

from telegram import Update

from bot.access import Press, named_member_of
from bot.context import BotContext
from bot.domain.named_members import NamedMember
from bot.domain.priorities import MAX_PICKS, Consultation, Picker
from bot.ui import Button, acknowledge, edit_or_send, h, label, send_privately
from conversations.priorities.buttons import ProxyPick, ProxyPicker, ProxyPicks
from conversations.priorities.ranking import VOTE_NOT_OPEN, ordered, refresh_ballot

MAX_MEMBERS = 30


async def proxy_picks(
    update: Update, context: BotContext, press: Press[ProxyPicks, Consultation]
) -> None:
    """Pressed under the ballot in the group: the members without Telegram, in private."""
    _ = context._
    consultation = press.record
    named = await context.storage.named_members.of_committee(consultation.committee_id)
    buttons: list[list[Button]] = [
        [(m.name, ProxyPicker(id=consultation.id, member=m.id))] for m in named[:MAX_MEMBERS]
    ]
    await send_privately(
        update,
        context,
        press.membership.person_id,
        _("Picks by proxy for {year}: for which member without Telegram?").format(
            year=consultation.year
        ),
        buttons,
    )


async def show_picks(
    update: Update, context: BotContext, consultation: Consultation, member: NamedMember
) -> None:
    """The ballot's choices for one member, their picks ticked."""
    _ = context._
    choices = ordered(await context.storage.priorities.choices(consultation.id))
    picker = Picker(named_member_id=member.id)
    mine = set(await context.storage.priorities.picks_of(consultation.id, picker))
    numbers = [n for n, c in enumerate(choices, start=1) if c.proposal.id in mine]
    text = "\n".join(
        [
            _("The picks of {name}, up to three. Press again to take one back.").format(
                name=h(member.name)
            ),
            _("Their picks: {list} ({count} of {max}).").format(
                list=", ".join(str(n) for n in numbers) or "—", count=len(numbers), max=MAX_PICKS
            ),
        ]
    )
    buttons: list[list[Button]] = [
        [
            (
                ("✓ " if c.proposal.id in mine else "") + f"{n}. {label(c.proposal.label, 50)}",
                ProxyPick(id=consultation.id, member=member.id, proposal=c.proposal.id),
            )
        ]
        for n, c in enumerate(choices, start=1)
    ]
    await edit_or_send(update, context, text, buttons)


async def proxy_picker(
    update: Update, context: BotContext, press: Press[ProxyPicker, Consultation]
) -> None:
    member = await named_member_of(update, context, press.record.committee_id, press.button.member)
    if member is not None:
        await show_picks(update, context, press.record, member)


async def proxy_pick(
    update: Update, context: BotContext, press: Press[ProxyPick, Consultation]
) -> None:
    """A pick, or a pick taken back, recorded under the coordinator's name."""
    _ = context._
    consultation = press.record
    member = await named_member_of(update, context, consultation.committee_id, press.button.member)
    if member is None:
        return
    choices = ordered(await context.storage.priorities.choices(consultation.id))
    if press.button.proposal not in {c.proposal.id for c in choices}:
        await acknowledge(update, context, _("This button no longer works."), alert=True)
        return
    picker = Picker(named_member_id=member.id, by=press.membership.person_id)
    outcome = await context.storage.priorities.toggle_pick(
        consultation.id, press.button.proposal, picker
    )
    if outcome == "full":
        await acknowledge(
            update,
            context,
            _("{name} already has three picks. Take one back first.").format(name=member.name),
            alert=True,
        )
        return
    if outcome == "closed":
        await acknowledge(update, context, _(VOTE_NOT_OPEN), alert=True)
        return
    await show_picks(update, context, consultation, member)
    await refresh_ballot(context, consultation, choices)
