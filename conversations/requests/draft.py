"""The new-request wizard's draft: its name, its states, and what each step reads from it."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.domain.entities import Committee
from bot.ui import Button, Buttons, edit_or_send, reply
from bot.wizard import back_button, clear_draft, draft

WIZARD = "requests"
PARTNER, WHAT, CHANNEL, SENT, TO_WHOM, EXPECTED = range(6)


def draft_of(context: BotContext) -> dict[str, Any]:
    return draft(context, WIZARD)


async def draft_committee(update: Update, context: BotContext) -> Committee | None:
    """The draft's committee, while the person is still one of its members."""
    committee_id = draft_of(context).get("committee_id")
    user = update.effective_user
    membership = (
        await context.storage.committees.membership(int(committee_id), user.id)
        if committee_id and user
        else None
    )
    if membership is None:
        clear_draft(context, WIZARD)
        await reply(update, context, context._("This question is closed. Type /demande."))
        return None
    return membership.committee


def editing(context: BotContext) -> bool:
    """The draft names a request: « Edit » asks one question, then changes that request."""
    return "request_id" in draft_of(context)


def back_row(context: BotContext, state: int) -> list[list[Button]]:
    """« Back » while writing a new request; none when editing one part."""
    return [] if editing(context) else [back_button(context, state)]


def draft_sent_on(context: BotContext) -> date:
    """The day the request was made (asked before the expected date, so always there then)."""
    sent = draft_of(context).get("sent_on")
    return date.fromisoformat(sent) if sent else context.services.clock().date()


def too_long(context: BotContext, limit: int) -> str:
    return context._("Please write it in {limit} characters at most.").format(limit=limit)


async def ask(update: Update, context: BotContext, text: str, buttons: Buttons = ()) -> None:
    """A question: in place of the message whose button was pressed, except right after a
    button of another feature (a partnership's sheet stays as it was: a new message)."""
    if draft_of(context).pop("new_message", False):
        await reply(update, context, text, buttons)
    else:
        await edit_or_send(update, context, text, buttons)
