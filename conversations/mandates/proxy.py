"""The vote by proxy: a coordinator records the vote of a member without Telegram.

One vote per member still holds (a new choice replaces the earlier one, as for the others),
and the vote in the group says which votes were recorded by proxy, and by whom. The choice is
made in the coordinator's private chat: the group only sees the result in the tally.
"""

from __future__ import annotations

from telegram import Update

from bot.access import Press, named_member_of
from bot.context import BotContext
from bot.domain.entities import Mandate
from bot.domain.mandates import CHOICE_LABELS, VoteChoice, mandate_ref
from bot.domain.named_members import NamedMember
from bot.storage.mandates import VoteRecorded
from bot.ui import Button, acknowledge, edit_or_send, h, send_privately
from conversations.mandates.buttons import ProxyFor, ProxyMenu, ProxyVote
from conversations.mandates.vote import VOTE_CLOSED, after_vote

MAX_MEMBERS = 30


async def proxy_menu(
    update: Update, context: BotContext, press: Press[ProxyMenu, Mandate]
) -> None:
    """Pressed under the vote in the group: the members without Telegram, in private."""
    _ = context._
    mandate = press.record
    named = await context.storage.named_members.of_committee(mandate.committee_id)
    if not named:
        await acknowledge(update, context, _("The committee has no member without Telegram."))
        return
    proxies = {p.member_id: p for p in await context.storage.named_members.proxy_votes(mandate.id)}
    buttons: list[list[Button]] = []
    for member in named[:MAX_MEMBERS]:
        done = proxies.get(member.id)
        shown = member.name + (
            f" ({_(CHOICE_LABELS[VoteChoice(done.choice)])})" if done is not None else ""
        )
        buttons.append([(shown, ProxyFor(id=mandate.id, member=member.id))])
    await send_privately(
        update,
        context,
        press.membership.person_id,
        _("Vote by proxy on mandate {ref}: for which member without Telegram?").format(
            ref=mandate_ref(mandate.number)
        ),
        buttons,
    )


def _choices(mandate: Mandate, member: NamedMember, context: BotContext) -> list[list[Button]]:
    return [
        [
            (context._(CHOICE_LABELS[c]), ProxyVote(id=mandate.id, member=member.id, choice=c))
            for c in VoteChoice
        ]
    ]


async def proxy_for(update: Update, context: BotContext, press: Press[ProxyFor, Mandate]) -> None:
    """The choices, for the member chosen."""
    member = await named_member_of(update, context, press.record.committee_id, press.button.member)
    if member is None:
        return
    await edit_or_send(
        update,
        context,
        context._("How does {name} vote on mandate {ref}?").format(
            name=h(member.name), ref=mandate_ref(press.record.number)
        ),
        _choices(press.record, member, context),
    )


async def proxy_vote(
    update: Update, context: BotContext, press: Press[ProxyVote, Mandate]
) -> None:
    """Recorded under the coordinator's name; pressed again, the new choice replaces it."""
    mandate, choice = press.record, press.button.choice
    member = await named_member_of(update, context, mandate.committee_id, press.button.member)
    if member is None:
        return
    recorded = await context.storage.named_members.proxy_vote(
        mandate.id, member.id, choice.value, press.membership.person_id
    )
    if recorded is VoteRecorded.CLOSED:
        await acknowledge(update, context, context._(VOTE_CLOSED), alert=True)
        return
    label = context._(CHOICE_LABELS[choice])
    await acknowledge(update, context, context._("Vote saved: {choice}").format(choice=label))
    await edit_or_send(
        update,
        context,
        context._("Recorded by proxy on mandate {ref}: {name}: {choice}.").format(
            ref=mandate_ref(mandate.number), name=h(member.name), choice=label
        )
        + "\n"
        + context._("To change it, press another choice."),
        _choices(mandate, member, context),
    )
    if recorded is VoteRecorded.CHANGED:
        await after_vote(context, press.membership.committee, mandate)
