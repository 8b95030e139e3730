"""After the meeting: the representative reports back, and the group turns it into decisions."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.domain.entities import Mandate
from bot.domain.mandates import report_due_at, split_points
from bot.domain.partnerships import PARTNERSHIP_TEXT_LIMIT, clip
from bot.domain.records import decision_ref, follow_up_ref
from bot.scheduler import Occurrence
from bot.services import Services
from bot.storage.decisions import FollowUpDraft
from bot.ui import (
    Button,
    answer_once,
    callback_parts,
    edit_or_send,
    h,
    keyboard,
    post_to_groups,
    reply,
    send,
    user_draft,
)
from bot.wizard import DRAFT_KEYS_PREFIX, Wizard, wizard
from conversations.mandates.views import report_buttons, report_text
from conversations.mandates.vote import pressed_mandate

log = logging.getLogger(__name__)

SAID, ANSWER, AGREED, TO_COMMITTEE = range(4)
DRAFT = DRAFT_KEYS_PREFIX + "report"


class ReportRequests:
    """A few hours after the meeting starts, ask the representative how it went."""

    name = "report-request"
    late_limit = None  # a report is worth asking for, even late

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        found = []
        for mandate in await services.storage.mandates.awaiting_report():
            if mandate.meeting_at is not None and report_due_at(mandate.meeting_at) <= until:
                moment = report_due_at(mandate.meeting_at)
                found.append(
                    Occurrence(moment, str(mandate.id), mandate.committee_id, payload=mandate)
                )
        return found

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        for occurrence in due:
            mandate: Mandate = occurrence.payload
            # Intent first: if the bot dies right after, the request is not sent twice.
            if await context.storage.mandates.mark_report_requested(mandate.id):
                await ask_for_report(context, mandate)


async def ask_for_report(context: BotContext, mandate: Mandate) -> None:
    if mandate.representative_id is None:
        return
    person = await context.storage.people.get(mandate.representative_id)
    _ = context.services.translator_for(person).gettext
    text = _(
        "How did the meeting with {partner} go? A short report keeps the whole committee informed."
    ).format(partner=h(mandate.partner_name))
    buttons: list[list[Button]] = [[(_("Write the report"), f"man:report:{mandate.id}")]]
    try:
        await send(context, mandate.representative_id, text, buttons)
    except Forbidden:
        log.info("representative of mandate %s cannot be reached in private", mandate.id)


async def begin_report(update: Update, context: BotContext) -> int:
    """The representative (or a coordinator) writes the report."""
    found = await pressed_mandate(update, context)
    if found is None:
        return ConversationHandler.END
    mandate, membership = found
    if mandate.representative_id != membership.person_id and not membership.is_coordinator:
        await answer_once(
            update, context, context._("This button no longer works."), show_alert=True
        )
        return ConversationHandler.END
    await answer_once(update, context)
    _draft(context).clear()
    _draft(context)["mandate_id"] = mandate.id
    await edit_or_send(
        update,
        context,
        context._("What did you say for the committee? A few sentences are enough."),
    )
    return SAID


async def said_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    _draft(context)["said"] = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)[0]
    await reply(update, context, context._("What did the partner answer?"))
    return ANSWER


async def answer_given(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    _draft(context)["answer"] = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)[0]
    await reply(
        update,
        context,
        context._("What did you agree on, within the mandate? One point per line."),
        [[(context._("Nothing"), "man:none")]],
    )
    return AGREED


async def agreed_given(update: Update, context: BotContext) -> int:
    text = update.message.text if update.message and update.message.text else ""
    if update.callback_query is not None:
        await update.callback_query.answer()
    _draft(context)["agreed"] = split_points(text)[0]
    await edit_or_send(
        update,
        context,
        context._("What must the committee decide now? One point per line."),
        [[(context._("Nothing"), "man:none")]],
    )
    return TO_COMMITTEE


async def to_committee_given(update: Update, context: BotContext) -> int:
    """Save the report, then post it to the group with one-tap buttons for each point."""
    text = update.message.text if update.message and update.message.text else ""
    if update.callback_query is not None:
        await update.callback_query.answer()
    draft = _draft(context)
    user = update.effective_user
    mandate = await context.storage.mandates.get(int(draft.get("mandate_id", 0)))
    if mandate is None or user is None:
        return ConversationHandler.END
    report = await context.storage.mandates.save_report(
        mandate.id,
        said=draft.get("said"),
        partner_answer=draft.get("answer"),
        agreed=list(draft.get("agreed", [])),
        to_committee=split_points(text)[0],
        by=user.id,
    )
    draft.clear()
    committee = await context.storage.committees.get(mandate.committee_id)
    assert committee is not None
    tr = context.services.translator_for(None, hint=committee.locale)
    posted = await post_to_groups(
        context, committee.id, report_text(tr, mandate, report), report_buttons(tr, report)
    )
    await edit_or_send(
        update,
        context,
        context._("Thank you! Your report is posted in the group.")
        if posted
        else context._("Thank you! Your report is saved."),
    )
    return ConversationHandler.END


async def turn_point(update: Update, context: BotContext) -> None:
    """One tap: an agreed point becomes a decision, a point to decide becomes a follow-up."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    parts = callback_parts(query, "man")
    valid = parts is not None and len(parts) == 3 and parts[1].isdecimal() and parts[2].isdecimal()
    report = await context.storage.mandates.report(int(parts[1])) if valid and parts else None
    mandate = await context.storage.mandates.get(report.mandate_id) if report else None
    member = (
        await context.storage.committees.membership(mandate.committee_id, user.id)
        if mandate
        else None
    )
    if not valid or parts is None or report is None or mandate is None or member is None:
        await query.answer(context._("This button no longer works."), show_alert=True)
        return
    as_decision = parts[0] == "rd"
    points = report.agreed if as_decision else report.to_committee
    index = int(parts[2])
    key = ("d" if as_decision else "s") + str(index)
    if index >= len(points) or not await context.storage.mandates.mark_turned(report.id, key):
        await query.answer(context._("Already recorded."))
        return
    if as_decision:
        decision, _none = await context.storage.decisions.record(
            mandate.committee_id, points[index], created_by=user.id
        )
        ref = decision_ref(decision.number)
    else:
        follow_up = await context.storage.follow_ups.create(
            mandate.committee_id,
            FollowUpDraft(points[index], None, None, None, None),
            created_by=user.id,
        )
        ref = follow_up_ref(follow_up.number)
    await query.answer(context._("Saved: {ref}").format(ref=ref))
    fresh = await context.storage.mandates.report(report.id)
    if fresh is not None and query.message is not None:
        # BadRequest: the buttons were already up to date.
        with contextlib.suppress(BadRequest):
            await context.bot.edit_message_reply_markup(
                chat_id=query.message.chat.id,
                message_id=query.message.message_id,
                reply_markup=keyboard(report_buttons(context.tr, fresh)),
            )


def _draft(context: BotContext) -> dict[str, Any]:
    return user_draft(context, DRAFT)


def build_wizard() -> Wizard:
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CallbackQueryHandler(begin_report, pattern=r"^man:report:"),
    ]
    states: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
        SAID: [MessageHandler(text, said_given)],
        ANSWER: [MessageHandler(text, answer_given)],
        AGREED: [
            MessageHandler(text, agreed_given),
            CallbackQueryHandler(agreed_given, pattern=r"^man:none$"),
        ],
        TO_COMMITTEE: [
            MessageHandler(text, to_committee_given),
            CallbackQueryHandler(to_committee_given, pattern=r"^man:none$"),
        ],
    }
    return wizard("mandate-report", entry_points, states)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    return [CallbackQueryHandler(turn_point, pattern=r"^man:r[ds]:")]
