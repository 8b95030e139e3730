"""The wizard's shared state: where the person is, and what they are working on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.domain.entities import Committee, Objective, Partnership
from bot.domain.partnerships import PartnerKind, clip
from bot.ui import Button, edit_or_send, reply
from bot.wizard import back_button
from bot.wizard import draft as wizard_draft
from conversations.partnerships.access import show_partnership
from conversations.partnerships.buttons import Part, Skip
from conversations.partnerships.cards import refresh_cards

(
    KIND,
    NAME,
    CONTACT,
    NEED,
    OBJECTIVE,
    SIGN,
    TARGET,
    CHECK,
    MORE,
    RES_COMMITTEE,
    RES_PARTNER,
    DUTIES,
    RECIPE,
) = range(13)

Step = Callable[[Update, BotContext], Awaitable[int]]
WIZARD = "partnership"


def draft_of(context: BotContext) -> dict[str, Any]:
    return wizard_draft(context, WIZARD)


async def committee_of_draft(update: Update, context: BotContext) -> Committee | None:
    """The committee the wizard works for, while the person is still one of its members."""
    committee_id = draft_of(context).get("committee_id")
    user = update.effective_user
    if not committee_id or user is None:
        return None
    membership = await context.storage.committees.membership(int(committee_id), user.id)
    return membership.committee if membership else None


async def current_partnership(context: BotContext) -> Partnership | None:
    pid = draft_of(context).get("pid")
    return await context.storage.partnerships.get(int(pid)) if pid else None


async def ask(
    update: Update, context: BotContext, text: str, buttons: list[list[Button]], back: int | None
) -> None:
    """A question, with « Back » to the state `back` when there is one before it."""
    rows = list(buttons)
    if back is not None:
        rows.append(back_button(context, back))
    await edit_or_send(update, context, text, rows)


def skip_row(context: BotContext, state: int) -> list[Button]:
    """« Skip this question » under the optional question of `state`."""
    return [(context._("Skip this question"), Skip(step=state))]


async def finish_edit(update: Update, context: BotContext) -> int:
    """End of the wizard or of one edit: the sheet (with « Save » while it is a draft)."""
    partnership = await current_partnership(context)
    draft = draft_of(context)
    for key in ("editing", "edit_part", "edit_field", "sharpening"):
        draft.pop(key, None)
    if partnership is None:
        return ConversationHandler.END
    # After a button, the sheet replaces the question; after typed text, it comes below.
    await show_partnership(update, context, partnership.id, edit=update.callback_query is not None)
    # The card pinned in the group follows each finished change.
    await refresh_cards(context, partnership.id)
    return ConversationHandler.END


async def draft_kind(context: BotContext) -> PartnerKind:
    try:
        return PartnerKind(draft_of(context).get("kind", PartnerKind.OTHER.value))
    except ValueError:
        return PartnerKind.OTHER


async def current_objective(context: BotContext) -> Objective | None:
    objective_id = draft_of(context).get("objective_id")
    return (
        await context.storage.partnerships.objective(int(objective_id)) if objective_id else None
    )


async def tell_if_cut(update: Update, context: BotContext, cut: bool) -> None:
    if cut:
        await reply(update, context, context._("Your text was too long: I kept the beginning."))


def user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def go_on(
    update: Update, context: BotContext, step: Step, *, part_continues: Part | None = None
) -> int:
    """While editing one part, back to the sheet; otherwise, on to the next question.

    `part_continues` names the edited part for which `step` is still part of the edit
    (resources are two questions: editing them asks both).
    """
    draft = draft_of(context)
    if draft.get("editing") and draft.get("edit_part") != part_continues:
        return await finish_edit(update, context)
    return await step(update, context)


async def save_text(
    update: Update,
    context: BotContext,
    field: str,
    raw: str,
    limit: int,
    next_step: Step,
    *,
    part_continues: Part | None = None,
) -> int:
    """Save one free-text answer (cut at `limit`, and said so), then move on."""
    partnership = await current_partnership(context)
    if partnership is None:
        return ConversationHandler.END
    text, cut = clip(raw, limit)
    await tell_if_cut(update, context, cut)
    await context.storage.partnerships.set_field(
        partnership.id, field, text or None, user_id(update)
    )
    return await go_on(update, context, next_step, part_continues=part_continues)
