"""/mandat: prepare the representative's mandate in private, one question at a time."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import commands
from bot.access import hand_over_to_private, membership_from_link, require_membership
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import Committee, Mandate, MandateStatus, PartnershipStatus
from bot.domain.french_dates import find_due_date
from bot.domain.mandates import default_valid_until, mandate_ref, split_points
from bot.domain.partnerships import PARTNERSHIP_TEXT_LIMIT, clip
from bot.ui import Button, answer_once, callback_parts, edit_or_send, reply, user_draft
from bot.wizard import DRAFT_KEYS_PREFIX, Wizard, use_buttons, wizard
from conversations.mandates.views import mandate_body, mandate_card
from conversations.mandates.vote import adopt_at_meeting, pressed_mandate, submit_to_vote

REP, PARTNER, PARTNER_NAME, WHEN, PERIOD, POSITIONS, LATITUDE, LIMITS, VALIDITY, REVIEW = range(10)
DRAFT = DRAFT_KEYS_PREFIX + "mandate"
MANDATE_LINK = DeepLink("mandate-")
NAME_LIMIT = 120


def draft_of(context: BotContext) -> dict[str, Any]:
    return user_draft(context, DRAFT)


async def current(context: BotContext) -> tuple[Committee, Mandate] | None:
    mandate_id = draft_of(context).get("mandate_id")
    mandate = await context.storage.mandates.get(int(mandate_id)) if mandate_id else None
    committee = await context.storage.committees.get(mandate.committee_id) if mandate else None
    return (committee, mandate) if committee and mandate else None


# --- menu ------------------------------------------------------------------------------------


async def open_menu(update: Update, context: BotContext) -> int:
    """/mandat: current and past mandates, and « New mandate »."""
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    if await hand_over_to_private(
        update,
        context,
        membership,
        MANDATE_LINK,
        context._("Mandates are prepared in private chat with me. The vote happens here."),
        context._("Continue in private"),
    ):
        return ConversationHandler.END
    return await show_menu(update, context, membership.committee)


async def open_from_link(update: Update, context: BotContext, committee_id: str) -> int:
    membership = await membership_from_link(update, context, committee_id)
    if membership is None:
        return ConversationHandler.END
    return await show_menu(update, context, membership.committee)


async def show_menu(update: Update, context: BotContext, committee: Committee) -> int:
    mandates = await context.storage.mandates.of_committee(committee.id)
    buttons: list[list[Button]] = [
        [
            (
                f"{mandate_ref(m.number)} — {m.representative_name} → {m.partner_name}",
                f"man:open:{m.id}",
            )
        ]
        for m in mandates[:10]
    ]
    buttons.append([(context._("New mandate"), "man:new")])
    text = (
        context._("Mandates of your committee. Open one to see its card.")
        if mandates
        else context._(
            "No mandate yet. A mandate tells your representative what to carry to a partner, "
            "and what must come back to the committee."
        )
    )
    await edit_or_send(update, context, text, buttons)
    return ConversationHandler.END


async def open_card(update: Update, context: BotContext) -> None:
    """Any member sees a card again; the card says whether it is still valid."""
    found = await pressed_mandate(update, context)
    if found is None:
        return
    mandate, membership = found
    await answer_once(update, context)
    now = context.services.now(membership.committee.timezone)
    await edit_or_send(
        update, context, mandate_card(context.tr, membership.committee, mandate, now)
    )


# --- the wizard ------------------------------------------------------------------------------


async def begin(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    draft = draft_of(context)
    draft.clear()
    draft["committee_id"] = membership.committee.id
    members = await context.storage.committees.members(membership.committee.id)
    buttons: list[list[Button]] = [
        [(m.display_name, f"man:rep:{m.person_id}")] for m in members[:30]
    ]
    await edit_or_send(update, context, context._("Who will represent the committee?"), buttons)
    return REP


async def representative_chosen(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "man")
    await answer_once(update, context)
    committee_id = draft_of(context).get("committee_id")
    user = update.effective_user
    if not parts or len(parts) != 2 or not parts[1].isdecimal() or not committee_id or not user:
        return REP
    members = await context.storage.committees.members(int(committee_id))
    member = next((m for m in members if m.person_id == int(parts[1])), None)
    if member is None:
        return REP
    mandate = await context.storage.mandates.start(
        int(committee_id), member.person_id, member.first_name, user.id
    )
    draft_of(context)["mandate_id"] = mandate.id
    partnerships = await context.storage.partnerships.of_committee(int(committee_id))
    buttons: list[list[Button]] = [
        [(p.partner_name[:60], f"man:par:{p.id}")]
        for p in partnerships
        if p.status is PartnershipStatus.ACTIVE
    ]
    buttons.append([(context._("Another partner"), "man:parother")])
    await edit_or_send(update, context, context._("To which partner?"), buttons)
    return PARTNER


async def partner_chosen(update: Update, context: BotContext) -> int:
    parts = callback_parts(update.callback_query, "man")
    await answer_once(update, context)
    found = await current(context)
    if found is None or not parts or len(parts) != 2 or not parts[1].isdecimal():
        return PARTNER
    committee, mandate = found
    partnership = await context.storage.partnerships.get(int(parts[1]))
    if partnership is None or partnership.committee_id != committee.id:
        return PARTNER
    await context.storage.mandates.set(
        mandate.id, partnership_id=partnership.id, partner_name=partnership.partner_name
    )
    return await ask_when(update, context)


async def ask_partner_name(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    await edit_or_send(
        update, context, context._("What is the partner's name? Example: Ville de Québec")
    )
    return PARTNER_NAME


async def partner_named(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    found = await current(context)
    name, _cut = clip(update.message.text, NAME_LIMIT)
    if found is None or not name:
        return PARTNER_NAME
    await context.storage.mandates.set(found[1].id, partner_name=name)
    return await ask_when(update, context)


async def ask_when(update: Update, context: BotContext) -> int:
    await edit_or_send(
        update,
        context,
        context._("When is the meeting? Write the date and time. Example: Thursday at 2 pm."),
        [[(context._("It is for a period, not one meeting"), "man:period")]],
    )
    return WHEN


async def when_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    now = context.services.now(committee.timezone)
    finding = find_due_date(update.message.text, now=now)
    if finding.due_date is None or finding.problem is not None:
        await reply(update, context, context._("I need a future date. Example: Thursday at 2 pm."))
        return WHEN
    meeting_at = datetime.combine(
        finding.due_date, finding.due_time or time(9, 0), tzinfo=ZoneInfo(committee.timezone)
    )
    await context.storage.mandates.set(mandate.id, meeting_at=meeting_at, period_end=None)
    return await ask_positions(update, context)


async def ask_period(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    await edit_or_send(
        update, context, context._("Until when does the mandate hold? Example: March 31.")
    )
    return PERIOD


async def period_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    finding = find_due_date(update.message.text, now=context.services.now(committee.timezone))
    if finding.due_date is None or finding.problem is not None:
        await reply(update, context, context._("I need a future date. Example: March 31."))
        return PERIOD
    await context.storage.mandates.set(mandate.id, period_end=finding.due_date, meeting_at=None)
    return await ask_positions(update, context)


async def ask_positions(update: Update, context: BotContext) -> int:
    await edit_or_send(
        update,
        context,
        context._(
            "Which positions must the representative carry? One per line.\n"
            "Example:\nThe door of the community room must be repaired this month\n"
            "We want the yearly meeting in January"
        ),
    )
    return POSITIONS


async def positions_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    found = await current(context)
    points, cut = split_points(update.message.text)
    if found is None or not points:
        return POSITIONS
    if cut:
        await reply(update, context, context._("Your text was too long: I kept the beginning."))
    await context.storage.mandates.set(found[1].id, positions=points)
    await edit_or_send(
        update,
        context,
        context._(
            "What may the representative agree to alone, without coming back to the committee? "
            "Example: a date for the repair."
        ),
        [[(context._("Nothing without the committee"), "man:nolatitude")]],
    )
    return LATITUDE


async def latitude_given(update: Update, context: BotContext) -> int:
    text = update.message.text if update.message and update.message.text else ""
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    latitude, _cut = clip(text, PARTNERSHIP_TEXT_LIMIT)
    await answer_once(update, context)
    await context.storage.mandates.set(found[1].id, latitude=latitude or None)
    await edit_or_send(
        update,
        context,
        context._(
            "What must come back to the committee before any answer? "
            "Example: any change to the rent or to the rules."
        ),
        [[(context._("Skip this question"), "man:nolimits")]],
    )
    return LIMITS


async def limits_given(update: Update, context: BotContext) -> int:
    text = update.message.text if update.message and update.message.text else ""
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    await answer_once(update, context)
    limits, _cut = clip(text, PARTNERSHIP_TEXT_LIMIT)
    committee, mandate = found
    await context.storage.mandates.set(mandate.id, limits=limits or None)
    tz = ZoneInfo(committee.timezone)
    default = default_valid_until(mandate.meeting_at, mandate.period_end, tz)
    label = context._("Until {when}").format(when=context.tr.format_moment(default, tz=tz))
    await edit_or_send(
        update,
        context,
        context._("Until when is the mandate valid? Press the button or write a date."),
        [[(label, "man:validdefault")]],
    )
    return VALIDITY


async def validity_default(update: Update, context: BotContext) -> int:
    await answer_once(update, context)
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    until = default_valid_until(
        mandate.meeting_at, mandate.period_end, ZoneInfo(committee.timezone)
    )
    await context.storage.mandates.set(mandate.id, valid_until=until)
    return await review(update, context)


async def validity_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    tz = ZoneInfo(committee.timezone)
    finding = find_due_date(update.message.text, now=context.services.now(committee.timezone))
    if finding.due_date is None or finding.problem is not None:
        await reply(update, context, context._("I need a future date. Example: March 31."))
        return VALIDITY
    until = default_valid_until(None, finding.due_date, tz)
    await context.storage.mandates.set(mandate.id, valid_until=until)
    return await review(update, context)


async def review(update: Update, context: BotContext) -> int:
    """The whole mandate before it goes to the committee."""
    found = await current(context)
    if found is None:
        return ConversationHandler.END
    committee, mandate = found
    _ = context._
    chats = [c for c in await context.storage.chats.of_committee(committee.id) if c.bot_present]
    buttons: list[list[Button]] = []
    if chats:
        buttons.append([(_("Put it to a vote in the group"), f"man:submit:{mandate.id}")])
    membership = await context.storage.committees.membership(
        committee.id, update.effective_user.id if update.effective_user else 0
    )
    if membership is not None and membership.is_coordinator:
        buttons.append([(_("Adopted at a meeting today"), f"man:atmeeting:{mandate.id}")])
    text = "\n".join(
        [
            "<b>" + _("Your mandate {ref}").format(ref=mandate_ref(mandate.number)) + "</b>",
            *mandate_body(context.tr, committee, mandate),
        ]
    )
    if not chats:
        text += "\n\n" + _(
            "No group is linked: a coordinator can record it as adopted at a meeting."
        )
    await edit_or_send(update, context, text, buttons)
    return REVIEW


async def submit(update: Update, context: BotContext) -> int:
    found = await current(context)
    if found is None or found[1].status is not MandateStatus.DRAFT:
        await answer_once(update, context)
        return ConversationHandler.END
    await submit_to_vote(update, context, *found)
    draft_of(context).clear()
    return ConversationHandler.END


async def adopted_at_meeting(update: Update, context: BotContext) -> int:
    found = await current(context)
    if found is None:
        await answer_once(update, context)
        return ConversationHandler.END
    await adopt_at_meeting(update, context, *found)
    draft_of(context).clear()
    return ConversationHandler.END


def build_wizard() -> Wizard:
    """The mandate wizard, top to bottom. Private chat only."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    buttons_only = MessageHandler(text, use_buttons)
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CallbackQueryHandler(begin, pattern=r"^man:new$"),
    ]
    states: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
        REP: [CallbackQueryHandler(representative_chosen, pattern=r"^man:rep:"), buttons_only],
        PARTNER: [
            CallbackQueryHandler(partner_chosen, pattern=r"^man:par:"),
            CallbackQueryHandler(ask_partner_name, pattern=r"^man:parother$"),
            buttons_only,
        ],
        PARTNER_NAME: [MessageHandler(text, partner_named)],
        WHEN: [
            MessageHandler(text, when_given),
            CallbackQueryHandler(ask_period, pattern=r"^man:period$"),
        ],
        PERIOD: [MessageHandler(text, period_given)],
        POSITIONS: [MessageHandler(text, positions_given)],
        LATITUDE: [
            MessageHandler(text, latitude_given),
            CallbackQueryHandler(latitude_given, pattern=r"^man:nolatitude$"),
        ],
        LIMITS: [
            MessageHandler(text, limits_given),
            CallbackQueryHandler(limits_given, pattern=r"^man:nolimits$"),
        ],
        VALIDITY: [
            CallbackQueryHandler(validity_default, pattern=r"^man:validdefault$"),
            MessageHandler(text, validity_given),
        ],
        REVIEW: [
            CallbackQueryHandler(submit, pattern=r"^man:submit:"),
            CallbackQueryHandler(adopted_at_meeting, pattern=r"^man:atmeeting:"),
            buttons_only,
        ],
    }
    return wizard("mandate", entry_points, states)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    return [
        CommandHandler(commands.MANDATE.names, open_menu),
        CallbackQueryHandler(open_card, pattern=r"^man:open:"),
    ]
