"""What the request handlers share: the press check by state, the card, private hand-overs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from telegram import Chat, Update
from telegram.ext import CallbackQueryHandler

from bot.access import REQUEST, Press, on_press
from bot.callbacks import Callback
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import Committee, FollowUp, PartnershipStatus
from bot.domain.requests import PartnerChoice, Request, RequestStatus, fold
from bot.i18n import N_
from bot.ui import Button, edit_or_send, reply
from bot.wizard import clear_draft, draft
from conversations.requests.views import card_buttons, request_card

# The card of one request, opened in private (from a group, where questions cannot be asked).
REQUEST_LINK = DeepLink("request-")
# « New request » from a group: the wizard, in private, for that group's committee.
NEW_REQUEST_LINK = DeepLink("requestnew-")

CLOSED = N_("This request is closed: nothing was changed.")
MOVED_ON = N_("This request has moved on since: nothing was changed.")
B = TypeVar("B", bound=Callback)


def is_not_closed(request: Request) -> bool:
    return request.status is not RequestStatus.CLOSED


def on_request(
    kind: type[B],
    handler: Callable[[Update, BotContext, Press[B, Request]], Awaitable[Any]],
    *,
    allowed: Callable[[Request], bool] = is_not_closed,
    refusal: str = CLOSED,
) -> CallbackQueryHandler[BotContext, Any]:
    """A press on a request's button, checked against the request's current state."""
    return on_press(kind, handler, records=REQUEST, allowed=allowed, refusal=refusal)


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == Chat.PRIVATE


async def committee_of(context: BotContext, request: Request) -> Committee:
    committee = await context.storage.committees.get(request.committee_id)
    assert committee is not None
    return committee


def today_in(context: BotContext, committee: Committee) -> date:
    return context.services.now(committee.timezone).date()


async def show_card(
    update: Update,
    context: BotContext,
    request_id: int,
    *,
    edit: bool = True,
    note: str | None = None,
    extra: Sequence[Sequence[Button]] = (),
) -> None:
    """One request, with what can be done now (in a group: a link to do it in private).
    `note` goes first: what just happened to it; `extra` buttons go first too."""
    storage = context.storage
    request = await storage.requests.get(request_id)
    if request is None:
        return
    committee = await committee_of(context, request)
    today = today_in(context, committee)
    letters = await storage.request_letters.of_request(request.id)
    promises: list[FollowUp] = []
    for follow_up_id in await storage.requests.follow_up_ids(request.id):
        follow_up = await storage.follow_ups.get(follow_up_id)
        if follow_up is not None:
            promises.append(follow_up)
    text = request_card(
        context.tr,
        request,
        today=today,
        answers=await storage.requests.answers(request.id),
        promises=promises,
        letters=letters,
    )
    if note:
        text = f"{note}\n\n{text}"
    link = None if is_private(update) else context.services.deep_link(REQUEST_LINK, request.id)
    buttons = [
        *extra,
        *card_buttons(context.tr, request, today=today, letters=letters, private_link=link),
    ]
    if edit:
        await edit_or_send(update, context, text, buttons)
    else:
        await reply(update, context, text, buttons)


async def hand_over(update: Update, context: BotContext, request: Request) -> bool:
    """True in private; in a group, a link to continue there (the questions that follow are
    typed, and privacy mode hides typed answers in groups)."""
    if is_private(update):
        return True
    url = context.services.deep_link(REQUEST_LINK, request.id)
    await reply(
        update,
        context,
        context._("Let's continue in private: the next questions are typed."),
        [[(context._("Open in private"), url)]],
    )
    return False


async def partner_choices(context: BotContext, committee: Committee) -> list[PartnerChoice]:
    """The committee's partners: its partnerships still under way, and its housing office."""
    partnerships = await context.storage.partnerships.of_committee(committee.id)
    choices = [
        PartnerChoice(p.partner_name, p.id)
        for p in partnerships
        if p.status is not PartnershipStatus.ENDED
    ]
    office = committee.housing_office
    if office and all(fold(c.name) != fold(office) for c in choices):
        choices.append(PartnerChoice(office, None))
    return choices


def day_rows(
    context: BotContext, today: date, button: Callable[[int], Callback]
) -> list[list[Button]]:
    """« Today (lun. 23 nov.) », « Yesterday (dim. 22 nov.) »: `button(days_back)` each."""
    tr = context.tr
    yesterday = today - timedelta(days=1)
    return [
        [(context._("Today ({day})").format(day=tr.format_short_day(today)), button(0))],
        [(context._("Yesterday ({day})").format(day=tr.format_short_day(yesterday)), button(1))],
    ]


async def request_in_question(
    update: Update, context: BotContext, wizard_name: str, allowed: Callable[[Request], bool]
) -> Request | None:
    """The request an open question of `wizard_name` is about, while the person is still a
    member and `allowed` still holds; otherwise the question ends, and they are told."""
    request_id = draft(context, wizard_name).get("request_id")
    request = await context.storage.requests.get(int(request_id)) if request_id else None
    user = update.effective_user
    member = (
        await context.storage.committees.membership(request.committee_id, user.id)
        if request is not None and user is not None
        else None
    )
    if request is None or member is None or not allowed(request):
        clear_draft(context, wizard_name)
        await reply(update, context, context._(MOVED_ON))
        return None
    return request
