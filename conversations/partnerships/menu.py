"""/partenariat menu: list, open, mark an objective achieved, post and pin, pause, end."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import commands
from bot.access import hand_over_to_private, membership_from_link, require_membership
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import ObjectiveStatus, Partnership, PartnershipStatus
from bot.domain.partnerships import partnership_ref
from bot.storage.decisions import FollowUpDraft
from bot.ui import Button, answer_once, callback_parts, edit_or_send, h, post_to_groups
from conversations.decisions.fixes import show_again
from conversations.partnerships.access import pressed_partnership, show_partnership
from conversations.partnerships.views import (
    STATUS_LABELS,
    celebration,
    edit_rows,
    partnership_sheet,
)

PARTNERSHIP_LINK = DeepLink("partnership-")


async def open_menu(update: Update, context: BotContext) -> None:
    """/partenariat: the committee's partnerships, and « New partnership »."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    if await hand_over_to_private(
        update,
        context,
        membership,
        PARTNERSHIP_LINK,
        context._("Partnerships are prepared in private chat with me, one question at a time."),
        context._("Continue in private"),
    ):
        return
    await show_menu(update, context, membership.committee.id)


async def open_from_link(update: Update, context: BotContext, committee_id: str) -> None:
    """The hand-over link from the group: the menu of that group's committee."""
    membership = await membership_from_link(update, context, committee_id)
    if membership is not None:
        await show_menu(update, context, membership.committee.id)


async def show_menu(update: Update, context: BotContext, committee_id: int) -> None:
    _ = context._
    partnerships = await context.storage.partnerships.of_committee(committee_id)
    buttons: list[list[Button]] = [
        [(_menu_label(context, p), f"par:open:{p.id}")] for p in partnerships
    ]
    buttons.append([(_("New partnership"), "par:new")])
    text = (
        _("Your committee's partnerships. Open one, or start a new one.")
        if partnerships
        else _(
            "No partnership yet. A partnership starts with a need, and a shared, precise "
            "objective with a partner."
        )
    )
    await edit_or_send(update, context, text, buttons)


def _menu_label(context: BotContext, partnership: Partnership) -> str:
    status = context._(STATUS_LABELS[partnership.status])
    return f"{partnership_ref(partnership.number)} — {partnership.partner_name} ({status})"


async def open_sheet(update: Update, context: BotContext) -> None:
    partnership = await pressed_partnership(update, context)
    if partnership is None:
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    await show_partnership(update, context, partnership.id, edit=True)


async def edit_menu(update: Update, context: BotContext) -> None:
    partnership = await pressed_partnership(update, context)
    if partnership is None:
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    buttons = [
        *edit_rows(context.tr, partnership),
        [(context._("« Back"), f"par:open:{partnership.id}")],
    ]
    await edit_or_send(update, context, context._("Which part do you want to change?"), buttons)


async def achieved_menu(update: Update, context: BotContext) -> None:
    partnership = await pressed_partnership(update, context)
    if partnership is None:
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    open_objectives = [o for o in partnership.objectives if o.status is ObjectiveStatus.OPEN]
    buttons: list[list[Button]] = [
        [(o.text[:60], f"par:ach:{partnership.id}:{o.id}")] for o in open_objectives
    ]
    buttons.append([(context._("« Back"), f"par:open:{partnership.id}")])
    text = (
        context._("Which objective is achieved?")
        if open_objectives
        else context._("Every objective is already achieved. Well done!")
    )
    await edit_or_send(update, context, text, buttons)


async def follow_up_menu(update: Update, context: BotContext) -> None:
    """Choose the objective a new follow-up serves."""
    partnership = await pressed_partnership(update, context)
    if partnership is None:
        return
    await answer_once(update, context)
    open_objectives = [o for o in partnership.objectives if o.status is ObjectiveStatus.OPEN]
    buttons: list[list[Button]] = [
        [(o.text[:60], f"par:fuobj:{partnership.id}:{o.id}")] for o in open_objectives
    ]
    buttons.append([(context._("« Back"), f"par:open:{partnership.id}")])
    await edit_or_send(update, context, context._("Which objective is it for?"), buttons)


async def follow_up_for_objective(update: Update, context: BotContext) -> None:
    """A follow-up that serves an objective: when it is done, the bot asks to celebrate."""
    partnership = await pressed_partnership(update, context)
    parts = callback_parts(update.callback_query, "par")
    if partnership is None or not parts or len(parts) != 3 or update.effective_user is None:
        return
    objective = next((o for o in partnership.objectives if str(o.id) == parts[2]), None)
    if objective is None or objective.status is not ObjectiveStatus.OPEN:
        await answer_once(update, context, context._("This button no longer works."))
        return
    await answer_once(update, context)
    follow_up = await context.storage.follow_ups.create(
        partnership.committee_id,
        FollowUpDraft(objective.text, None, None, None, None),
        created_by=update.effective_user.id,
    )
    await context.storage.follow_ups.serve_objective(follow_up.id, objective.id)
    await show_again(update, context, follow_up.id, None)


async def mark_achieved(update: Update, context: BotContext) -> None:
    """An objective is reached: record it, and celebrate it with the whole committee."""
    partnership = await pressed_partnership(update, context)
    parts = callback_parts(update.callback_query, "par")
    if partnership is None or not parts or len(parts) != 3:
        return
    assert update.callback_query is not None and update.effective_user is not None
    objective = next((o for o in partnership.objectives if str(o.id) == parts[2]), None)
    if objective is None or objective.status is not ObjectiveStatus.OPEN:
        await update.callback_query.answer(context._("This button no longer works."))
        return
    await context.storage.partnerships.set_objective_status(
        objective, ObjectiveStatus.ACHIEVED, update.effective_user.id
    )
    await update.callback_query.answer(context._("Congratulations!"))
    await show_partnership(update, context, partnership.id, edit=True)
    await _post_to_groups(
        context, partnership.committee_id, celebration_for=(partnership, objective)
    )


async def publish(update: Update, context: BotContext) -> None:
    """Post the sheet in the committee's group and pin it, so everyone can find it."""
    partnership = await pressed_partnership(update, context)
    if partnership is None:
        return
    assert update.callback_query is not None
    posted, pinned = await _post_to_groups(context, partnership.committee_id, sheet=partnership)
    if not posted:
        await update.callback_query.answer(
            context._("No group is linked to the committee yet. Type /start in your group."),
            show_alert=True,
        )
        return
    await update.callback_query.answer(
        context._("Posted and pinned in the group.")
        if pinned
        else context._("Posted in the group. To pin it, give me the right to pin messages."),
        show_alert=not pinned,
    )


async def _post_to_groups(
    context: BotContext,
    committee_id: int,
    *,
    sheet: Partnership | None = None,
    celebration_for: tuple[Partnership, Any] | None = None,
) -> tuple[int, bool]:
    """Send to every linked group in the committee's language; returns (posted, all pinned)."""
    committee = await context.storage.committees.get(committee_id)
    if committee is None:
        return 0, False
    tr = context.services.translator_for(None, hint=committee.locale)
    if sheet is not None:
        fresh = await context.storage.partnerships.get(sheet.id)
        text = partnership_sheet(tr, fresh or sheet)
    else:
        assert celebration_for is not None
        text = celebration(tr, *celebration_for)
    messages = await post_to_groups(context, committee_id, text)
    pinned = True
    for message in messages if sheet is not None else []:
        try:
            await context.bot.pin_chat_message(
                message.chat.id, message.message_id, disable_notification=True
            )
        except BadRequest:
            pinned = False  # the bot may not pin there: the person is told
    return len(messages), pinned


async def toggle_pause(update: Update, context: BotContext) -> None:
    partnership = await pressed_partnership(update, context)
    if partnership is None or update.effective_user is None:
        return
    assert update.callback_query is not None
    status = (
        PartnershipStatus.ACTIVE
        if partnership.status is PartnershipStatus.PAUSED
        else PartnershipStatus.PAUSED
    )
    await context.storage.partnerships.set_status(partnership.id, status, update.effective_user.id)
    await update.callback_query.answer(context._("Saved."))
    await show_partnership(update, context, partnership.id, edit=True)


async def ask_end(update: Update, context: BotContext) -> None:
    partnership = await pressed_partnership(update, context)
    if partnership is None:
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    await edit_or_send(
        update,
        context,
        context._("End the partnership with {partner}? Its sheet stays in the record.").format(
            partner=h(partnership.partner_name)
        ),
        [
            [(context._("Yes, end it"), f"par:endok:{partnership.id}")],
            [(context._("« Back"), f"par:open:{partnership.id}")],
        ],
    )


async def confirm_end(update: Update, context: BotContext) -> None:
    partnership = await pressed_partnership(update, context)
    if partnership is None or update.effective_user is None:
        return
    assert update.callback_query is not None
    await context.storage.partnerships.set_status(
        partnership.id, PartnershipStatus.ENDED, update.effective_user.id
    )
    await update.callback_query.answer(context._("Saved."))
    await show_partnership(update, context, partnership.id, edit=True)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    return [
        CommandHandler(commands.PARTNERSHIP.names, open_menu),
        CallbackQueryHandler(open_sheet, pattern=r"^par:open:"),
        CallbackQueryHandler(edit_menu, pattern=r"^par:editmenu:"),
        CallbackQueryHandler(achieved_menu, pattern=r"^par:achmenu:"),
        CallbackQueryHandler(mark_achieved, pattern=r"^par:ach:"),
        CallbackQueryHandler(follow_up_menu, pattern=r"^par:fumenu:"),
        CallbackQueryHandler(follow_up_for_objective, pattern=r"^par:fuobj:"),
        CallbackQueryHandler(publish, pattern=r"^par:pub:"),
        CallbackQueryHandler(toggle_pause, pattern=r"^par:pause:"),
        CallbackQueryHandler(ask_end, pattern=r"^par:end:"),
        CallbackQueryHandler(confirm_end, pattern=r"^par:endok:"),
    ]
