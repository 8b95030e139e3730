"""An edited /decision message, or an edited answer to its question: the same decision (same
number) may take the new text; nothing is logged twice, nothing changes without a press."""

from __future__ import annotations

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Decision
from bot.domain.records import decision_ref
from bot.domain.typed_text import is_meaningful
from bot.ui import acknowledge, h, send
from bot.wizard import draft
from conversations.decisions.buttons import CorrectFromEdit
from conversations.decisions.fixes import show
from conversations.decisions.quick import follow_up_draft, notes_on, understand
from conversations.followups.actions import is_active
from conversations.followups.reminders import follow_up_changed

# The new text of each edited decision, kept with the person who edited the message until
# they press « Correct D-n with this text » (the button can only carry the decision's id).
EDITED = "decision-edits"


def typed_decision(text: str) -> str:
    """The decision in a message: what follows « /decision », or the whole answer."""
    text = text.strip()
    if text.startswith("/"):
        parts = text.split(maxsplit=1)
        return parts[1].strip() if len(parts) > 1 else ""
    return text


async def decision_edited(update: Update, context: BotContext) -> bool:
    """An edit of a message that made a decision: offer that decision's correction."""
    message = update.edited_message
    if message is None or message.text is None:
        return False
    decision = await context.storage.decisions.from_message(message.chat.id, message.message_id)
    if decision is None:
        return False
    text = typed_decision(message.text)
    if not is_meaningful(text) or text == decision.text:
        return True  # nothing new to take
    draft(context, EDITED)[str(decision.id)] = text
    ref = decision_ref(decision.number)
    intro = context._("You edited the message of decision {ref}. It now reads:").format(ref=ref)
    correct = (
        context._("Correct {ref} with this text").format(ref=ref),
        CorrectFromEdit(id=decision.id),
    )
    await send(
        context,
        message.chat.id,
        f"{intro}\n« {h(text)} »",
        [[correct]],
        reply_to=message.message_id,
    )
    return True


async def correct_from_edit(
    update: Update, context: BotContext, press: Press[CorrectFromEdit, Decision]
) -> None:
    """The decision takes the edited text; its follow-up, if still active, follows it."""
    decision = press.record
    text = draft(context, EDITED).pop(str(decision.id), None)
    user = update.effective_user
    if not isinstance(text, str) or user is None:
        await acknowledge(
            update,
            context,
            context._("Only the person who edited the message can correct the decision with it."),
            alert=True,
        )
        return
    parsed = await understand(context, press.membership.committee, user, text)
    storage = context.storage
    await storage.decisions.set_text(decision.id, parsed.text)
    named = await storage.named_members.of_committee(decision.committee_id)
    wanted = follow_up_draft(parsed, named)
    follow_up = next(iter(await storage.follow_ups.of_decision(decision.id)), None)
    if follow_up is not None and is_active(follow_up):
        await storage.follow_ups.set_text(follow_up.id, wanted.text if wanted else parsed.text)
        if wanted is not None and wanted.responsible_name is not None:
            await storage.follow_ups.set_responsible(
                follow_up.id, wanted.responsible_id, wanted.responsible_name
            )
        if wanted is not None and wanted.due_date is not None:
            await storage.follow_ups.set_due(follow_up.id, wanted.due_date, wanted.due_time)
        await follow_up_changed(context, follow_up.id)
    elif follow_up is None and wanted is not None:
        follow_up = await storage.follow_ups.create(
            decision.committee_id, wanted, created_by=user.id, decision_id=decision.id
        )
        await follow_up_changed(context, follow_up.id)
    await acknowledge(update, context, context._("Corrected."))
    corrected = await storage.decisions.get(decision.id)
    assert corrected is not None
    follow_up = await storage.follow_ups.get(follow_up.id) if follow_up else None
    await show(update, context, corrected, follow_up, notes_on(parsed))
