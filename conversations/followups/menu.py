"""/suivis: the committee's follow-ups at a glance, and one follow-up opened with its buttons."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.access import Press, require_membership
from bot.context import BotContext
from bot.domain.entities import FollowUp
from bot.domain.records import FollowUpStatus, follow_up_ref
from bot.ui import Button, edit_or_send, h, reply
from conversations.followups.buttons import Open
from conversations.followups.reminders import reminder_buttons
from conversations.followups.views import digest_of, digest_text

# Buttons to open follow-ups, under the overview; the text lists them all.
MAX_OPEN_BUTTONS = 20


async def show_list(update: Update, context: BotContext) -> None:
    """Overdue, this week, later, recently done; the person's own first."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    committee = membership.committee
    now = context.services.now(committee.timezone)
    follow_ups = await context.storage.follow_ups.of_committee(
        committee.id, done_since=now - timedelta(days=14)
    )
    user_id = update.effective_user.id if update.effective_user else 0
    digest = digest_of(follow_ups, today=now.date(), done_since=now.date() - timedelta(days=14))
    title = context._("Follow-ups — {committee}").format(committee=h(committee.name))
    text = digest_text(context.tr, digest, title=title, person_id=user_id)
    open_ones = [
        f for f in follow_ups if f.status in {FollowUpStatus.OPEN, FollowUpStatus.BLOCKED}
    ]
    # The person's own first: what they can act on now.
    ordered = sorted(open_ones, key=lambda f: f.responsible_id != user_id)
    buttons: list[list[Button]] = [
        [(context.tr.line(follow_up_ref(f.number), f.text), Open(id=f.id))]
        for f in ordered[:MAX_OPEN_BUTTONS]
    ]
    await reply(update, context, text, buttons)


async def open_one(update: Update, context: BotContext, press: Press[Open, FollowUp]) -> None:
    """One follow-up, with what can be done about it."""
    follow_up = press.record
    await edit_or_send(
        update, context, detail_text(context, follow_up), reminder_buttons(context.tr, follow_up)
    )


def detail_text(context: BotContext, follow_up: FollowUp) -> str:
    _ = context._
    lines = [
        f"<b>{follow_up_ref(follow_up.number)}</b> « {h(follow_up.text)} »",
        _("Responsible: {who}").format(
            who=h(follow_up.responsible_name) if follow_up.responsible_name else _("nobody yet")
        ),
        context.tr.format_due(follow_up.due_date, follow_up.due_time),
    ]
    if follow_up.status is FollowUpStatus.BLOCKED:
        lines.append(_("Blocked: {reason}").format(reason=h(follow_up.blocked_reason or "—")))
    return "\n".join(lines)
