"""/partenariat menu: list, open, mark an objective achieved, post and pin, pause, end."""

from __future__ import annotations

from telegram import Update

from bot.access import Press, membership_from_link, membership_in_private
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import ObjectiveStatus, Partnership, PartnershipStatus
from bot.domain.partnerships import partnership_ref
from bot.outbox import announcing
from bot.storage.decisions import FollowUpDraft
from bot.ui import Button, acknowledge, edit_or_send, h
from conversations.decisions.fixes import show_again
from conversations.partnerships.access import OBJECTIVE_CLOSED, open_objective, show_partnership
from conversations.partnerships.buttons import (
    Achieved,
    AchievedMenu,
    AskAchieved,
    EditMenu,
    End,
    EndConfirmed,
    FollowUpFor,
    FollowUpMenu,
    NewPartnership,
    OpenPartnership,
    Pause,
    Publish,
)
from conversations.partnerships.cards import publish as publish_cards
from conversations.partnerships.cards import refresh_cards
from conversations.partnerships.views import STATUS_LABELS, celebration, edit_rows
from conversations.residents.notices import success_notice
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import residents_translator
from conversations.settings.topics import CHOOSE_TOPIC_FIRST

PARTNERSHIP_LINK = DeepLink("partnership-")


async def open_menu(update: Update, context: BotContext) -> None:
    """/partenariat: the committee's partnerships, and « New partnership »."""
    membership = await membership_in_private(
        update,
        context,
        PARTNERSHIP_LINK,
        context._("Partnerships are prepared in private chat with me, one question at a time."),
        context._("Continue in private"),
    )
    if membership is not None:
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
        [(_menu_label(context, p), OpenPartnership(id=p.id))] for p in partnerships
    ]
    buttons.append([(_("New partnership"), NewPartnership())])
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
    return context.tr.line(
        partnership_ref(partnership.number), f"{partnership.partner_name} ({status})"
    )


async def open_sheet(
    update: Update, context: BotContext, press: Press[OpenPartnership, Partnership]
) -> None:
    await show_partnership(update, context, press.record.id, edit=True)


def back_to_sheet(context: BotContext, partnership: Partnership) -> list[Button]:
    return [(context._("« Back"), OpenPartnership(id=partnership.id))]


async def edit_menu(
    update: Update, context: BotContext, press: Press[EditMenu, Partnership]
) -> None:
    partnership = press.record
    buttons = [*edit_rows(context.tr, partnership), back_to_sheet(context, partnership)]
    await edit_or_send(update, context, context._("Which part do you want to change?"), buttons)


async def achieved_menu(
    update: Update, context: BotContext, press: Press[AchievedMenu, Partnership]
) -> None:
    partnership = press.record
    open_objectives = [o for o in partnership.objectives if o.status is ObjectiveStatus.OPEN]
    buttons: list[list[Button]] = [
        [(o.text, AskAchieved(id=partnership.id, objective=o.id))] for o in open_objectives
    ]
    buttons.append(back_to_sheet(context, partnership))
    text = (
        context._("Which objective is achieved?")
        if open_objectives
        else context._("Every objective is already achieved. Well done!")
    )
    await edit_or_send(update, context, text, buttons)


async def ask_achieved(
    update: Update, context: BotContext, press: Press[AskAchieved, Partnership]
) -> None:
    """It is announced to the whole group, and cannot be taken back: asked once."""
    partnership = press.record
    objective = await open_objective(update, context, partnership, press.button.objective)
    if objective is None:
        return
    await edit_or_send(
        update,
        context,
        context._(
            "Is the objective « {text} » achieved? I will announce it in the group, "
            "to celebrate it."
        ).format(text=h(objective.text)),
        [
            [
                (
                    context._("Yes, it is achieved"),
                    Achieved(id=partnership.id, objective=objective.id),
                )
            ],
            [(context._("« Back"), AchievedMenu(id=partnership.id))],
        ],
    )


async def follow_up_menu(
    update: Update, context: BotContext, press: Press[FollowUpMenu, Partnership]
) -> None:
    """Choose the objective a new follow-up serves."""
    partnership = press.record
    open_objectives = [o for o in partnership.objectives if o.status is ObjectiveStatus.OPEN]
    buttons: list[list[Button]] = [
        [(o.text, FollowUpFor(id=partnership.id, objective=o.id))] for o in open_objectives
    ]
    buttons.append(back_to_sheet(context, partnership))
    await edit_or_send(update, context, context._("Which objective is it for?"), buttons)


async def follow_up_for_objective(
    update: Update, context: BotContext, press: Press[FollowUpFor, Partnership]
) -> None:
    """A follow-up that serves an objective: when it is done, the bot asks to celebrate."""
    partnership = press.record
    assert update.effective_user is not None
    objective = await open_objective(update, context, partnership, press.button.objective)
    if objective is None:
        return
    follow_up = await context.storage.follow_ups.create(
        partnership.committee_id,
        FollowUpDraft(objective.text, None, None, None, None),
        created_by=update.effective_user.id,
    )
    await context.storage.follow_ups.serve_objective(follow_up.id, objective.id)
    await show_again(update, context, follow_up.id, None)


async def mark_achieved(
    update: Update, context: BotContext, press: Press[Achieved, Partnership]
) -> None:
    """An objective is reached: record it, and celebrate it with the whole committee."""
    partnership = press.record
    assert update.effective_user is not None
    objective = await open_objective(update, context, partnership, press.button.objective)
    if objective is None:
        return
    committee = await context.storage.committees.get(partnership.committee_id)
    # The celebration is recorded with the change: a crash right after still celebrates.
    async with announcing(context) as tell:
        reached = await context.storage.partnerships.set_objective_status(
            objective, ObjectiveStatus.ACHIEVED, update.effective_user.id
        )
        if reached and committee is not None:
            tr = context.services.translator_for(None, hint=committee.locale)
            tell.groups(committee.id, celebration(tr, partnership, objective))
    if not reached:  # another press celebrated it a moment ago
        await acknowledge(update, context, context._(OBJECTIVE_CLOSED), alert=True)
        return
    await acknowledge(update, context, context._("Congratulations!"))
    await show_partnership(update, context, partnership.id, edit=True)
    await refresh_cards(context, partnership.id)
    await tell.send()
    if committee is not None:  # successes are made known: offered, published by a person
        tr = residents_translator(committee)
        notice = success_notice(tr, objective.text, partnership.partner_name)
        await offer_publication(update, context, committee.id, notice)


async def publish(update: Update, context: BotContext, press: Press[Publish, Partnership]) -> None:
    """Post the card in the committee's groups and pin it, so everyone can find it; pressed
    again, the card already there is brought up to date instead of posted twice."""
    done = await publish_cards(context, press.record)
    _ = context._
    if not done.reached and done.no_topic:
        text = _(CHOOSE_TOPIC_FIRST)
    elif not done.reached:
        text = _("No group is linked to the committee yet. Type /start in your group.")
    elif done.unpinned:
        text = (
            _("Posted in the group. To pin it, give me the right to pin messages.")
            if done.posted
            else _("The card is already in the group, up to date. To pin it, give me the right "
                   "to pin messages.")
        )  # fmt: skip
    elif done.posted:
        text = _("Posted and pinned in the group.")
    else:
        text = _("The card in the group is up to date and pinned.")
    await acknowledge(update, context, text, alert=not done.reached or bool(done.unpinned))


async def toggle_pause(
    update: Update, context: BotContext, press: Press[Pause, Partnership]
) -> None:
    partnership = press.record
    assert update.effective_user is not None
    status = (
        PartnershipStatus.ACTIVE
        if partnership.status is PartnershipStatus.PAUSED
        else PartnershipStatus.PAUSED
    )
    await context.storage.partnerships.set_status(partnership.id, status, update.effective_user.id)
    await acknowledge(update, context, context._("Saved."))
    await show_partnership(update, context, partnership.id, edit=True)
    await refresh_cards(context, partnership.id)


async def ask_end(update: Update, context: BotContext, press: Press[End, Partnership]) -> None:
    partnership = press.record
    await edit_or_send(
        update,
        context,
        context._("Partnership {ref} — {partner}").format(
            ref=partnership_ref(partnership.number), partner=h(partnership.partner_name)
        )
        + "\n"
        + context._("End this partnership? Its sheet stays in the record."),
        [
            [(context._("Yes, end it"), EndConfirmed(id=partnership.id))],
            back_to_sheet(context, partnership),
        ],
    )


async def confirm_end(
    update: Update, context: BotContext, press: Press[EndConfirmed, Partnership]
) -> None:
    partnership = press.record
    assert update.effective_user is not None
    await context.storage.partnerships.set_status(
        partnership.id, PartnershipStatus.ENDED, update.effective_user.id
    )
    await acknowledge(update, context, context._("Saved."))
    await show_partnership(update, context, partnership.id, edit=True)
    await refresh_cards(context, partnership.id)
