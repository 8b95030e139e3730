"""« Edit » a request: which part to change (each asks its question again, see wizard.py), and
who is responsible for following it up."""

from __future__ import annotations

from telegram import Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.requests import Request, request_ref
from bot.ui import Button, edit_or_send
from conversations.requests.buttons import (
    ChooseResponsible,
    EditField,
    EditMenu,
    Field,
    Open,
    SetResponsible,
)
from conversations.requests.common import show_card

# Members offered as buttons; a committee rarely has more.
MAX_MEMBER_BUTTONS = 20


async def edit_menu(update: Update, context: BotContext, press: Press[EditMenu, Request]) -> None:
    """The parts of a request, one button each."""
    request = press.record
    _ = context._
    labels = {
        Field.PARTNER: _("Partner"),
        Field.WHAT: _("What is asked"),
        Field.CHANNEL: _("How it was asked"),
        Field.SENT: _("When"),
        Field.TO_WHOM: _("To whom"),
        Field.EXPECTED: _("Answer expected by"),
    }
    buttons: list[Button] = [
        (label, EditField(id=request.id, field=field)) for field, label in labels.items()
    ]
    rows: list[list[Button]] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(_("Responsible"), ChooseResponsible(id=request.id))])
    rows.append([(_("« Back"), Open(id=request.id))])
    text = _("What do you want to change in {ref}?").format(ref=request_ref(request.number))
    await edit_or_send(update, context, text, rows)


async def choose_responsible(
    update: Update, context: BotContext, press: Press[ChooseResponsible, Request]
) -> None:
    """The member reminded to relance: any member of the committee."""
    request = press.record
    members = await context.storage.committees.members(request.committee_id)
    rows: list[list[Button]] = [
        [
            (
                ("✓ " if m.person_id == request.responsible_id else "") + m.display_name,
                SetResponsible(id=request.id, person=m.person_id),
            )
        ]
        for m in members[:MAX_MEMBER_BUTTONS]
    ]
    rows.append([(context._("« Back"), Open(id=request.id))])
    text = context._("Who follows up {ref} with the partner? I will remind that person.").format(
        ref=request_ref(request.number)
    )
    await edit_or_send(update, context, text, rows)


async def set_responsible(
    update: Update, context: BotContext, press: Press[SetResponsible, Request]
) -> None:
    request = press.record
    members = await context.storage.committees.members(request.committee_id)
    member = next((m for m in members if m.person_id == press.button.person), None)
    if member is None:  # left the committee since the buttons were shown
        await show_card(update, context, request.id)
        return
    await context.storage.requests.set_responsible(request.id, member.person_id, member.first_name)
    await show_card(update, context, request.id, note=context._("Changed."))
