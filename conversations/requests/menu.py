"""/demande: the committee's open requests by partner; a request logged in one message; a
request's card opened from a list, a link, or made from a quick decision."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.access import Press, require_membership
from bot.context import BotContext
from bot.domain.entities import Decision, Membership
from bot.domain.requests import (
    TEXT_LIMIT,
    PartnerChoice,
    Request,
    RequestStatus,
    by_partner,
    expected_by,
    guess_partner,
    on_agenda,
    request_ref,
)
from bot.outbox import Tell, announcing
from bot.storage.requests import RequestDraft
from bot.ui import Button, edit_or_send, h, reply
from bot.wizard import clear_draft
from conversations.requests.buttons import (
    EditField,
    Field,
    FromDecision,
    ListAll,
    NewRequest,
    SetOffice,
    SetPartnership,
    Settled,
)
from conversations.requests.common import (
    NEW_REQUEST_LINK,
    committee_of,
    is_private,
    partner_choices,
    show_card,
    today_in,
)
from conversations.requests.draft import WIZARD
from conversations.requests.finish import announcement
from conversations.requests.views import list_text, open_button

# Buttons to open requests, under the list; the text lists them all.
MAX_OPEN_BUTTONS = 20


def command_text(update: Update) -> str:
    """What follows the command, newlines kept (context.args would split them away)."""
    message = update.effective_message
    if message is None or not message.text:
        return ""
    parts = message.text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def start(update: Update, context: BotContext) -> int:
    """/demande alone: the open requests by partner. /demande text…: logged in one message."""
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    text = command_text(update)
    if text:
        await quick_log(update, context, membership, text)
    else:
        await show_list(update, context, membership, edit=False)
    return ConversationHandler.END


async def show_list(
    update: Update, context: BotContext, membership: Membership, *, edit: bool = True
) -> None:
    committee = membership.committee
    today = today_in(context, committee)
    storage = context.storage
    requests = await storage.requests.of_committee(
        committee.id, [RequestStatus.WAITING, RequestStatus.PAUSED]
    )
    events = await storage.requests.events_of(r.id for r in requests)
    agenda = [r for r in requests if on_agenda(r.status, events.get(r.id, []))]
    groups = by_partner(requests, today)
    text = list_text(context.tr, committee.name, groups, today=today, agenda=agenda)
    ordered = [r for group in groups for r in group.requests]
    buttons: list[list[Button]] = [open_button(context.tr, r) for r in ordered[:MAX_OPEN_BUTTONS]]
    new: Button = (
        (context._("New request"), NewRequest())
        if is_private(update)
        else (
            context._("New request (in private)"),
            context.services.deep_link(NEW_REQUEST_LINK, committee.id),
        )
    )
    buttons.append([new, (context._("Answered or closed"), Settled())])
    if edit:
        await edit_or_send(update, context, text, buttons)
    else:
        await reply(update, context, text, buttons)


async def list_all(update: Update, context: BotContext, _button: ListAll) -> None:
    membership = await require_membership(update, context)
    if membership is not None:
        await show_list(update, context, membership)


async def list_settled(update: Update, context: BotContext, _button: Settled) -> None:
    """The latest answered or closed requests, to open one again."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    settled = await context.storage.requests.settled(membership.committee.id)
    buttons: list[list[Button]] = [open_button(context.tr, r) for r in settled]
    buttons.append([(context._("Requests waiting for an answer"), ListAll())])
    text = (
        context._("Answered or closed requests, the latest first.")
        if settled
        else context._("No request answered or closed yet.")
    )
    await edit_or_send(update, context, text, buttons)


async def open_from_link(update: Update, context: BotContext, argument: str) -> None:
    """The « Open in private » link of a request's card in a group."""
    user = update.effective_user
    request = (
        await context.storage.requests.get(int(argument))
        if argument.isdecimal() and len(argument) < 19
        else None
    )
    member = (
        await context.storage.committees.membership(request.committee_id, user.id)
        if request is not None and user is not None
        else None
    )
    if request is None or member is None or user is None:
        await reply(update, context, context._("This request cannot be opened here."))
        return
    await context.storage.people.set_active_committee(user.id, request.committee_id)
    await show_card(update, context, request.id, edit=False)


# --- one message -----------------------------------------------------------------------------


async def quick_log(
    update: Update, context: BotContext, membership: Membership, text: str
) -> None:
    """Stored at once: sent today, an answer expected in 30 days, the author responsible.
    The partner is the one the text names, if it names exactly one; else buttons ask."""
    if len(text) > TEXT_LIMIT:
        await reply(
            update,
            context,
            context._("This request is {count} characters long; please keep it under {limit}.")
            .format(count=len(text), limit=TEXT_LIMIT),
        )  # fmt: skip
        return
    committee = membership.committee
    choices = await partner_choices(context, committee)
    guess = guess_partner(text, choices, committee.housing_office)
    request, tell = await _log(update, context, membership, text, guess)
    await _shown(update, context, request, choices, guess is not None)
    await tell.send()


async def _log(
    update: Update,
    context: BotContext,
    membership: Membership,
    text: str,
    partner: PartnerChoice | None,
    *,
    decision_id: int | None = None,
) -> tuple[Request, Tell]:
    user = update.effective_user
    assert user is not None
    committee = membership.committee
    today = today_in(context, committee)
    members = await context.storage.committees.members(committee.id)
    member = next((m for m in members if m.person_id == user.id), None)
    chat = update.effective_chat
    # The request and its word to the groups are committed together (bot/outbox.py); the
    # caller sends that word once the person has their card.
    async with announcing(context) as tell:
        request = await context.storage.requests.create(
            committee.id,
            RequestDraft(
                what=text,
                partner_name=partner.name if partner else None,
                partnership_id=partner.partnership_id if partner else None,
                channel=None,
                sent_on=today,
                addressed_to=None,
                expected_on=expected_by(today),
                responsible_id=user.id,
                responsible_name=member.first_name if member else user.first_name,
                decision_id=decision_id,
            ),
            created_by=user.id,
        )
        tell.groups(
            committee.id,
            announcement(context, request, committee, by=user.first_name),
            skip_chat=chat.id if chat else None,
        )
    return request, tell


async def _shown(
    update: Update,
    context: BotContext,
    request: Request,
    choices: list[PartnerChoice],
    partner_known: bool,
) -> None:
    _ = context._
    note = _(
        "✅ Request {ref} is noted. An answer is expected by {day}; I will remind you if none "
        "comes."
    ).format(ref=request_ref(request.number), day=context.tr.format_day(request.expected_on))
    extra: list[list[Button]] = []
    if not partner_known:
        note += "\n" + _("To which partner is it? Choose below.")
        extra = [
            [
                (
                    c.name,
                    SetPartnership(id=request.id, partnership=c.partnership_id)
                    if c.partnership_id
                    else SetOffice(id=request.id),
                )
            ]
            for c in choices[:8]
        ]
        extra.append([(_("Another partner"), EditField(id=request.id, field=Field.PARTNER))])
    await show_card(update, context, request.id, edit=False, note=note, extra=extra)


async def set_partnership(
    update: Update, context: BotContext, press: Press[SetPartnership, Request]
) -> None:
    partnership = await context.storage.partnerships.get(press.button.partnership)
    if partnership is None or partnership.committee_id != press.record.committee_id:
        await show_card(update, context, press.record.id)
        return
    await context.storage.requests.set_partner(
        press.record.id, partnership.partner_name, partnership.id
    )
    note = context._("Partner: {name}.").format(name=h(partnership.partner_name))
    await show_card(update, context, press.record.id, note=note)


async def set_office(
    update: Update, context: BotContext, press: Press[SetOffice, Request]
) -> None:
    committee = await committee_of(context, press.record)
    if committee.housing_office:
        await context.storage.requests.set_partner(press.record.id, committee.housing_office, None)
    note = context._("Partner: {name}.").format(name=h(committee.housing_office or "—"))
    await show_card(update, context, press.record.id, note=note)


async def from_decision(
    update: Update, context: BotContext, press: Press[FromDecision, Decision]
) -> None:
    """« Make it a request »: the decision's words, to the partner they name; once."""
    decision = press.record
    existing = await context.storage.requests.of_decision(decision.id)
    if existing is not None:
        note = context._("This decision is already request {ref}.").format(
            ref=request_ref(existing.number)
        )
        await show_card(update, context, existing.id, edit=False, note=note)
        return
    membership = press.membership
    choices = await partner_choices(context, membership.committee)
    guess = guess_partner(decision.text, choices, membership.committee.housing_office)
    request, tell = await _log(
        update, context, membership, decision.text, guess, decision_id=decision.id
    )
    await _shown(update, context, request, choices, guess is not None)
    await tell.send()
