"""The committee groups similar proposals, rewords a group, sets one aside.

The proposals stay as they were written; grouping only says which ones ask for the same
thing, and the committee's words for a group are kept apart (`wording`).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import PROPOSAL, Press, on_press
from bot.context import BotContext
from bot.domain.priorities import WORDING_LIMIT, ConsultationStatus, Proposal, proposal_ref
from bot.i18n import N_
from bot.ui import Button, ask_text, edit_or_send, h, label, reply
from bot.wizard import Wizard, clear_draft, draft, wizard
from conversations.priorities.buttons import (
    GroupUnder,
    GroupWith,
    Reword,
    SetAside,
    ShowProposal,
    ShowProposals,
    Ungroup,
)

WIZARD = "priorities"
WORDING = 0
NOT_COLLECTING = N_("The proposals can no longer change: the vote is open or closed.")


async def collecting(context: BotContext, proposal: Proposal) -> bool:
    """The proposal's consultation still gathers (and groups) proposals."""
    if proposal.consultation_id is None:
        return False
    consultation = await context.storage.priorities.get(proposal.consultation_id)
    return consultation is not None and consultation.status is ConsultationStatus.COLLECTING


async def show_proposal(
    update: Update, context: BotContext, press: Press[ShowProposal, Proposal]
) -> None:
    await show(update, context, press.record)


async def show(update: Update, context: BotContext, proposal: Proposal) -> None:
    """One proposal, what is grouped with it, and what can be done."""
    _ = context._
    assert proposal.consultation_id is not None
    proposals = await context.storage.priorities.proposals(proposal.consultation_id)
    lines = [f"<b>{proposal_ref(proposal.number)}</b> « {h(proposal.text)} »"]
    if proposal.wording:
        lines.append(_("In the committee's words: « {words} »").format(words=h(proposal.wording)))
    buttons: list[list[Button]] = []
    head = next((p for p in proposals if p.id == proposal.group_id), None)
    if head is not None:
        lines.append(_("Grouped with {ref}.").format(ref=proposal_ref(head.number)))
        buttons.append([(_("Separate it"), Ungroup(id=proposal.id))])
    elif proposal.withdrawn:
        lines.append(_("Set aside."))
    else:
        grouped = [p for p in proposals if p.group_id == proposal.id]
        if grouped:
            lines += ["", _("Grouped with it:")]
            lines += [f"• {proposal_ref(p.number)} « {h(label(p.text, 90))} »" for p in grouped]
        buttons.append([(_("Group it with another…"), GroupWith(id=proposal.id))])
        buttons.append([(_("Write it in the committee's words"), Reword(id=proposal.id))])
        buttons.append([(_("Set it aside"), SetAside(id=proposal.id))])
        buttons += [
            [(_("Separate {ref}").format(ref=proposal_ref(p.number)), Ungroup(id=p.id))]
            for p in grouped
        ]
    buttons.append([(_("« Back to the proposals"), ShowProposals(id=proposal.consultation_id))])
    await edit_or_send(update, context, "\n".join(lines), buttons)


async def group_with(
    update: Update, context: BotContext, press: Press[GroupWith, Proposal]
) -> None:
    """The other groups, to choose the one this proposal is similar to."""
    _ = context._
    proposal = press.record
    assert proposal.consultation_id is not None
    if not await collecting(context, proposal):
        await reply(update, context, _(NOT_COLLECTING))
        return
    others = [
        p
        for p in await context.storage.priorities.proposals(proposal.consultation_id)
        if p.heads_a_group and p.id != proposal.id
    ]
    if not others:
        await reply(update, context, _("There is no other proposal to group it with."))
        return
    buttons: list[list[Button]] = [
        [
            (
                f"{proposal_ref(p.number)} — {label(p.label, 60)}",
                GroupUnder(id=proposal.id, under=p.id),
            )
        ]
        for p in others[:20]
    ]
    buttons.append([(_("« Back"), ShowProposal(id=proposal.id))])
    await edit_or_send(
        update,
        context,
        _("{ref} asks for the same thing as which proposal?").format(
            ref=proposal_ref(proposal.number)
        ),
        buttons,
    )


async def group_under(
    update: Update, context: BotContext, press: Press[GroupUnder, Proposal]
) -> None:
    storage = context.storage
    if not await storage.priorities.group(press.record.id, press.button.under):
        await reply(update, context, context._("These two can no longer be grouped."))
        return
    head = await storage.priorities.proposal(press.button.under)
    if head is not None:
        await show(update, context, head)


async def ungroup(update: Update, context: BotContext, press: Press[Ungroup, Proposal]) -> None:
    if not await collecting(context, press.record):
        await reply(update, context, context._(NOT_COLLECTING))
        return
    head_id = press.record.group_id
    await context.storage.priorities.ungroup(press.record.id)
    shown = await context.storage.priorities.proposal(head_id or press.record.id)
    if shown is not None:
        await show(update, context, shown)


async def set_aside(update: Update, context: BotContext, press: Press[SetAside, Proposal]) -> None:
    if not await collecting(context, press.record):
        await reply(update, context, context._(NOT_COLLECTING))
        return
    await context.storage.priorities.withdraw(press.record.id)
    shown = await context.storage.priorities.proposal(press.record.id)
    if shown is not None:
        await show(update, context, shown)


async def ask_wording(
    update: Update, context: BotContext, press: Press[Reword, Proposal]
) -> object:
    if not await collecting(context, press.record):
        await reply(update, context, context._(NOT_COLLECTING))
        return ConversationHandler.END
    draft(context, WIZARD)["proposal"] = press.record.id
    await ask_text(
        update,
        context,
        context._(
            "Write this priority in the committee's words (at most {limit} characters). The "
            "proposals stay as they were written."
        ).format(limit=WORDING_LIMIT),
    )
    return WORDING


async def wording_given(update: Update, context: BotContext) -> object:
    _ = context._
    assert update.message is not None
    words = " ".join((update.message.text or "").split())
    if not words or len(words) > WORDING_LIMIT:
        await ask_text(
            update,
            context,
            _("Write it in at most {limit} characters.").format(limit=WORDING_LIMIT),
        )
        return None
    proposal_id = int(draft(context, WIZARD).get("proposal", 0))
    clear_draft(context, WIZARD)
    proposal = await context.storage.priorities.proposal(proposal_id)
    if proposal is None or not await collecting(context, proposal):
        await reply(update, context, _(NOT_COLLECTING))
        return ConversationHandler.END
    await context.storage.priorities.reword(proposal.id, words)
    reworded = await context.storage.priorities.proposal(proposal.id)
    if reworded is not None:
        await show(update, context, reworded)
    return ConversationHandler.END


def build_wizard() -> Wizard:
    typed = filters.TEXT & ~filters.COMMAND
    return wizard(
        WIZARD,
        entry_points=[on_press(Reword, ask_wording, records=PROPOSAL, allowed=is_a_head)],
        states={WORDING: [MessageHandler(typed, wording_given)]},
    )


def is_a_head(proposal: Proposal) -> bool:
    return proposal.heads_a_group and proposal.consultation_id is not None
