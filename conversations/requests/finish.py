"""The new-request wizard's last step: the request is stored (or, when editing, changed), the
groups hear of a new one, and the card comes back."""

from __future__ import annotations

from datetime import date

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.requests import Channel, Request, request_ref
from bot.outbox import announcing
from bot.scheduler import replan
from bot.storage.requests import RequestDraft
from bot.ui import h
from bot.wizard import clear_draft
from conversations.requests.buttons import Field
from conversations.requests.common import CLOSED, show_card
from conversations.requests.draft import (
    WIZARD,
    draft_committee,
    draft_of,
    draft_sent_on,
    editing,
)


async def done(update: Update, context: BotContext) -> int:
    if editing(context):
        return await _apply_edit(update, context)
    return await _create(update, context)


async def _apply_edit(update: Update, context: BotContext) -> int:
    d = draft_of(context)
    request_id = int(d["request_id"])
    field = Field(d["field"])
    requests = context.storage.requests
    if field is Field.PARTNER:
        changed = await requests.set_partner(
            request_id, d["partner_name"], d.get("partnership_id")
        )
    else:
        column = {
            Field.WHAT: "what",
            Field.CHANNEL: "channel",
            Field.SENT: "sent_on",
            Field.TO_WHOM: "addressed_to",
            Field.EXPECTED: "expected_on",
        }[field]
        # The draft keys are the column names.
        changed = await requests.set_field(request_id, column, d.get(column))
    clear_draft(context, WIZARD)
    await replan(context)  # a new expected date moves the reminders
    note = context._("Changed.") if changed else context._(CLOSED)
    await show_card(update, context, request_id, note=note)
    return ConversationHandler.END


async def _create(update: Update, context: BotContext) -> int:
    committee = await draft_committee(update, context)
    user = update.effective_user
    if committee is None or user is None:
        return ConversationHandler.END
    d = draft_of(context)
    members = await context.storage.committees.members(committee.id)
    member = next((m for m in members if m.person_id == user.id), None)
    chat = update.effective_chat
    # The request and its word to the groups are committed together (bot/outbox.py).
    async with announcing(context) as tell:
        request = await context.storage.requests.create(
            committee.id,
            RequestDraft(
                what=d["what"],
                partner_name=d.get("partner_name"),
                partnership_id=d.get("partnership_id"),
                channel=Channel(d["channel"]) if d.get("channel") else None,
                sent_on=draft_sent_on(context),
                addressed_to=d.get("addressed_to"),
                expected_on=date.fromisoformat(d["expected_on"]),
                responsible_id=user.id,
                responsible_name=member.first_name if member else user.first_name,
                objective_id=d.get("objective_id"),
            ),
            created_by=user.id,
        )
        tell.groups(
            committee.id,
            announcement(context, request, committee, by=user.first_name),
            skip_chat=chat.id if chat else None,
        )
    clear_draft(context, WIZARD)
    note = context._("✅ Request {ref} is noted. I will remind you if no answer comes.").format(
        ref=request_ref(request.number)
    )
    await show_card(update, context, request.id, note=note)
    await tell.send()
    return ConversationHandler.END


def announcement(context: BotContext, request: Request, committee: Committee, *, by: str) -> str:
    """What the committee's groups hear of a new request, in the committee's language."""
    tr = context.services.translator_for(None, hint=committee.locale)
    template = (
        tr.gettext("📨 New request {ref} to {partner}: « {what} » (noted by {who}).")
        if request.partner_name
        else tr.gettext("📨 New request {ref}: « {what} » (noted by {who}).")
    )
    return template.format(
        ref=request_ref(request.number),
        partner=h(request.partner_name or ""),
        what=h(request.what),
        who=h(by),
    )
