"""/suivis: the committee's follow-ups at a glance, and one follow-up opened with its buttons."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.access import Press, require_membership
from bot.context import BotContext
from bot.domain.entities import Committee, FollowUp
from bot.domain.records import FollowUpStatus, follow_up_ref
from bot.i18n import Translator
from bot.ui import Button, edit_or_send, h, reply
from conversations.followups.buttons import Listing, Open, Page
from conversations.followups.reminders import reminder_buttons
from conversations.followups.views import digest_of, digest_page
from conversations.requests.entry import without_answer_lines

# How far back done follow-ups are shown: /suivis, and the weekly digest.
DONE_SINCE = {Listing.FOLLOW_UPS: timedelta(days=14), Listing.DIGEST: timedelta(days=7)}
_STILL_OPEN = {FollowUpStatus.OPEN, FollowUpStatus.BLOCKED}


async def show_list(update: Update, context: BotContext) -> None:
    """Overdue, this week, later, recently done; the person's own first. A page at a time,
    with a button to each open follow-up on it."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    user_id = update.effective_user.id if update.effective_user else None
    text, buttons = await listing_page(
        context, context.tr, membership.committee, Listing.FOLLOW_UPS, 0, person_id=user_id
    )
    await reply(update, context, text, buttons)


async def turn_page(update: Update, context: BotContext, press: Press[Page, Committee]) -> None:
    """« Next » / « Previous »: the pressed message shows that page, as the listing is now
    (in the order it was made for)."""
    button = press.button
    text, buttons = await listing_page(
        context, context.tr, press.record, button.listing, button.page, person_id=button.person
    )
    await edit_or_send(update, context, text, buttons)


async def listing_page(
    context: BotContext,
    tr: Translator,
    committee: Committee,
    listing: Listing,
    number: int,
    *,
    person_id: int | None = None,
) -> tuple[str, list[list[Button]]]:
    """Page `number` of a listing, and its buttons: each open follow-up on it (/suivis), then
    the way to the pages before and after."""
    now = context.services.now(committee.timezone)
    back = DONE_SINCE[listing]
    follow_ups = await context.storage.follow_ups.of_committee(committee.id, done_since=now - back)
    digest = digest_of(follow_ups, today=now.date(), done_since=now.date() - back)
    if listing is Listing.DIGEST:
        title = tr.gettext("The week's follow-ups")
    else:
        title = tr.gettext("Follow-ups — {committee}").format(committee=h(committee.name))
    page = digest_page(tr, digest, title=title, number=number, person_id=person_id)
    text = page.text
    if listing is Listing.DIGEST and page.number == 0:
        # The requests still waiting for the partner's answer close the digest's first page.
        waiting = await without_answer_lines(context.storage, committee, tr, now.date())
        if waiting:
            text += "\n\n" + "\n".join(waiting)
    buttons: list[list[Button]] = []
    if listing is Listing.FOLLOW_UPS:
        by_ref = {follow_up_ref(f.number): f for f in follow_ups if f.status in _STILL_OPEN}
        shown = [by_ref[item.ref] for item in page.items if item.ref in by_ref]
        buttons = [[(tr.line(follow_up_ref(f.number), f.text), Open(id=f.id))] for f in shown]
    turns: list[Button] = []
    if page.number > 0:
        turns.append(
            (tr.gettext("◀ Previous"), Page(committee.id, page.number - 1, listing, person_id))
        )
    if page.number + 1 < page.count:
        turns.append(
            (tr.gettext("Next ▶"), Page(committee.id, page.number + 1, listing, person_id))
        )
    if turns:
        buttons.append(turns)
    return text, buttons


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
