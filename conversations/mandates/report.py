"""After the meeting: the representative reports back, position by position, and the group
turns it into decisions, follow-ups and requests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Message, Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import MANDATE, Press, membership_from_link, on_button, on_press, refuse
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.domain.entities import Mandate, MandateReport, MandateStatus, Membership
from bot.domain.mandates import mandate_ref, report_requested_at, split_points
from bot.domain.partnerships import PARTNERSHIP_TEXT_LIMIT, clip
from bot.domain.records import decision_ref, follow_up_ref
from bot.i18n import N_, Translator
from bot.outbox import announcing
from bot.scheduler import Daytime, Occurrence
from bot.services import Services
from bot.storage.decisions import FollowUpDraft
from bot.ui import (
    acknowledge,
    edit,
    edit_markup,
    edit_or_send,
    h,
    post_to_groups,
    reply,
    send,
    send_to_person,
)
from bot.wizard import Wizard, clear_draft, draft, wizard
from conversations.followups.reminders import mention_of
from conversations.mandates import positions
from conversations.mandates.buttons import (
    Nothing,
    Result,
    TurnIntoDecision,
    TurnIntoFollowUp,
    WriteReport,
)
from conversations.mandates.views import report_buttons, report_text

WIZARD = positions.WIZARD
SAID, ANSWER, AGREED, TO_COMMITTEE = range(4)
POSITION = positions.POSITION
# In the group, when the representative cannot be reached in private: the link opens the
# private chat, where the report is written one answer at a time.
REPORT_LINK = DeepLink("report-")
NOT_ADOPTED = N_("This mandate is not adopted yet.")
NOT_THE_REPRESENTATIVE = N_("Only the representative or a coordinator can write the report.")


def was_adopted(mandate: Mandate) -> bool:
    """Adopted, or adopted then replaced by a newer one: its meeting may still be reported."""
    return mandate.status in {MandateStatus.ADOPTED, MandateStatus.REPLACED}


class ReportRequests:
    """A few hours after the meeting starts, ask the representative how it went."""

    name = "report-request"
    late_limit = None  # a report is worth asking for, even late

    async def pending(
        self, services: Services, since: datetime | None, until: datetime
    ) -> Sequence[Occurrence]:
        mandates = await services.storage.mandates.awaiting_report()
        committees = await services.storage.committees.by_ids(m.committee_id for m in mandates)
        found = []
        for mandate in mandates:
            committee = committees.get(mandate.committee_id)
            if mandate.meeting_at is None or committee is None:
                continue
            moment = report_requested_at(mandate.meeting_at, ZoneInfo(committee.timezone))
            if moment <= until:
                # After an evening meeting, the question waits for the morning.
                daytime = Daytime.of(committee)
                found.append(
                    Occurrence(moment, str(mandate.id), committee.id, daytime, payload=mandate)
                )
        return found

    async def deliver(self, context: BotContext, due: Sequence[Occurrence]) -> None:
        for occurrence in due:
            mandate: Mandate = occurrence.payload
            # Intent first: if the bot dies right after, the request is not sent twice.
            if not await context.storage.mandates.mark_report_requested(mandate.id):
                continue
            try:
                await ask_for_report(context, mandate)
            except Exception:  # Telegram asked to wait, or the send broke: ask again later
                await context.storage.mandates.release_report_request(mandate.id)
                raise


async def ask_for_report(context: BotContext, mandate: Mandate) -> None:
    """In private, with the button that starts the report.

    A representative who cannot be reached there (they blocked the bot, or joined from the
    group and never wrote to it) is named in the committee's groups instead: the report is
    worth the whole committee's attention. There the button is a link to the private chat,
    since the answers are typed one at a time in private.
    """
    if mandate.representative_id is None:
        return
    person = await context.storage.people.get(mandate.representative_id)
    tr = context.services.translator_for(person)
    button = (tr.gettext("Write the report"), WriteReport(id=mandate.id))
    if await send_to_person(
        context, mandate.representative_id, _request_text(tr, mandate, None), [[button]]
    ):
        return
    committee = await context.storage.committees.get(mandate.committee_id)
    if committee is None:
        return
    tr = context.services.translator_for(None, hint=committee.locale)
    mention = mention_of(mandate.representative_id, mandate.representative_name)
    link = context.services.deep_link(REPORT_LINK, mandate.id)
    await post_to_groups(
        context,
        committee.id,
        _request_text(tr, mandate, mention),
        [[(tr.gettext("Write the report"), link)]],
    )


def _request_text(tr: Translator, mandate: Mandate, mention: str | None) -> str:
    """The partner on a title line of its own, then the question (to the person named, in
    the group)."""
    title = tr.gettext("Mandate {ref} — {partner}").format(
        ref=mandate_ref(mandate.number), partner=h(mandate.partner_name)
    )
    if mention is None:
        question = tr.gettext(
            "How did the meeting go? A short report keeps the whole committee informed."
        )
    else:
        question = tr.gettext(
            "{person}, how did the meeting go? A short report keeps the whole committee informed."
        ).format(person=mention)
    return f"<b>{title}</b>\n{question}"


# --- the report, one answer at a time ------------------------------------------------------


async def begin_report(
    update: Update, context: BotContext, press: Press[WriteReport, Mandate]
) -> object:
    """The representative (or a coordinator) writes the report."""
    return await start_report(update, context, press.record, press.membership)


async def open_from_link(update: Update, context: BotContext, mandate_id: str) -> object:
    """The group's « Write the report » link, opened in private."""
    mandate = (
        await context.storage.mandates.get(int(mandate_id))
        if mandate_id.isdecimal() and len(mandate_id) < 19
        else None
    )
    # Says « not a member » for a mandate of another committee, or none at all.
    membership = await membership_from_link(
        update, context, str(mandate.committee_id) if mandate else ""
    )
    if mandate is None or membership is None:
        return ConversationHandler.END
    if not was_adopted(mandate):
        await reply(update, context, context._(NOT_ADOPTED))
        return ConversationHandler.END
    return await start_report(update, context, mandate, membership)


async def start_report(
    update: Update, context: BotContext, mandate: Mandate, membership: Membership
) -> object:
    if mandate.representative_id != membership.person_id and not membership.is_coordinator:
        await refuse(update, context, context._(NOT_THE_REPRESENTATIVE))
        return None
    clear_draft(context, WIZARD)
    draft(context, WIZARD)["mandate_id"] = mandate.id
    return await ask_said(update, context)


async def ask_said(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("What did you say for the committee? A few sentences are enough."),
    )
    return SAID


async def said_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    draft(context, WIZARD)["said"] = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)[0]
    return await ask_answer(update, context)


async def ask_answer(update: Update, context: BotContext) -> object:
    await reply(update, context, context._("What did the partner answer?"))
    return ANSWER


async def answer_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    draft(context, WIZARD)["answer"] = clip(update.message.text, PARTNERSHIP_TEXT_LIMIT)[0]
    return await ask_position(update, context)


async def ask_position(update: Update, context: BotContext) -> object:
    """Position by position (positions.py), then what was agreed."""
    return await positions.ask_position(update, context, ask_agreed)


async def ask_agreed(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("What did you agree on, within the mandate? One point per line."),
        [[(context._("Nothing"), Nothing())]],
    )
    return AGREED


async def agreed_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    draft(context, WIZARD)["agreed"] = split_points(update.message.text)[0]
    return await ask_to_committee(update, context)


async def nothing_agreed(update: Update, context: BotContext, _button: Nothing) -> object:
    draft(context, WIZARD)["agreed"] = []
    return await ask_to_committee(update, context)


async def ask_to_committee(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._("What must the committee decide now? One point per line."),
        [[(context._("Nothing"), Nothing())]],
    )
    return TO_COMMITTEE


async def to_committee_given(update: Update, context: BotContext) -> object:
    assert update.message is not None and update.message.text is not None
    return await save_report(update, context, split_points(update.message.text)[0])


async def nothing_to_decide(update: Update, context: BotContext, _button: Nothing) -> object:
    return await save_report(update, context, [])


async def save_report(update: Update, context: BotContext, to_committee: list[str]) -> object:
    """Save the report, then post it to the group with one-tap buttons for each point."""
    answers = draft(context, WIZARD)
    user = update.effective_user
    mandate = await context.storage.mandates.get(int(answers.get("mandate_id", 0)))
    if mandate is None or user is None:
        return ConversationHandler.END
    committee = await context.storage.committees.get(mandate.committee_id)
    assert committee is not None
    tr = context.services.translator_for(None, hint=committee.locale)
    said, results = positions.results_of(mandate, answers)
    # The report and its post to the group are recorded together: a crash loses neither.
    async with announcing(context) as tell:
        report = await context.storage.mandates.save_report(
            mandate.id,
            said=answers.get("said"),
            partner_answer=answers.get("answer"),
            agreed=list(answers.get("agreed", [])),
            to_committee=to_committee,
            by=user.id,
            positions=said,
            results=results,
        )
        tell.groups(committee.id, report_text(tr, mandate, report), report_buttons(tr, report))
    clear_draft(context, WIZARD)
    await edit_or_send(
        update,
        context,
        context._("Thank you! Your report is posted in the group.")
        if tell.recorded
        else context._("Thank you! Your report is saved."),
    )
    await tell.send()
    return ConversationHandler.END


# --- one tap per point -----------------------------------------------------------------------


async def turn_into_decision(
    update: Update, context: BotContext, press: Press[TurnIntoDecision, MandateReport]
) -> None:
    """An agreed point becomes a decision of the committee."""
    report, index = press.record, press.button.point
    if not await _claim(update, context, report, report.agreed, f"d{index}", index):
        return
    decision, _none = await context.storage.decisions.record(
        report.committee_id, report.agreed[index], created_by=press.membership.person_id
    )
    await _turned(update, context, report, f"d{index}", decision_ref(decision.number))


async def turn_into_follow_up(
    update: Update, context: BotContext, press: Press[TurnIntoFollowUp, MandateReport]
) -> None:
    """A point for the committee to decide becomes a follow-up."""
    report, index = press.record, press.button.point
    if not await _claim(update, context, report, report.to_committee, f"s{index}", index):
        return
    follow_up = await context.storage.follow_ups.create(
        report.committee_id,
        FollowUpDraft(report.to_committee[index], None, None, None, None),
        created_by=press.membership.person_id,
    )
    await _turned(update, context, report, f"s{index}", follow_up_ref(follow_up.number))


async def _claim(
    update: Update,
    context: BotContext,
    report: MandateReport,
    points: Sequence[str],
    key: str,
    index: int,
) -> bool:
    """The point exists and nobody turned it yet: claimed once, for the first press only."""
    if index < len(points) and await context.storage.mandates.mark_turned(report.id, key):
        return True
    await acknowledge(update, context, context._("Already recorded."))
    return False


async def _turned(
    update: Update, context: BotContext, report: MandateReport, key: str, ref: str
) -> None:
    """Say what was recorded, in the chat too: the point's line in the report gets « → D-7 »,
    and its button goes away (for a report too long to edit whole, a short reply says it)."""
    await context.storage.mandates.set_turned_ref(report.id, key, ref)
    await acknowledge(update, context, context._("Saved: {ref}").format(ref=ref))
    fresh = await context.storage.mandates.report(report.id)
    mandate = await context.storage.mandates.get(report.mandate_id)
    committee = await context.storage.committees.get(report.committee_id)
    query = update.callback_query
    message = query.message if query is not None else None
    if fresh is None or mandate is None or committee is None or not isinstance(message, Message):
        return
    # In the committee's language, like the rest of the report.
    tr = context.services.translator_for(None, hint=committee.locale)
    chat_id, message_id = message.chat.id, message.message_id
    buttons = report_buttons(tr, fresh)
    if await edit(context, chat_id, message_id, report_text(tr, mandate, fresh), buttons):
        return
    await edit_markup(context, chat_id, message_id, buttons)
    point = (fresh.agreed if key.startswith("d") else fresh.to_committee)[int(key[1:])]
    await send(
        context,
        chat_id,
        tr.gettext("Saved: {ref} « {point} »").format(ref=ref, point=h(point)),
        reply_to=message_id,
    )


def build_wizard() -> Wizard:
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        # Only once the meeting could have happened: the mandate was adopted.
        entry_points=[
            on_press(
                WriteReport,
                begin_report,
                records=MANDATE,
                allowed=was_adopted,
                refusal=NOT_ADOPTED,
            )
        ],
        states={
            SAID: [MessageHandler(text, said_given)],
            ANSWER: [MessageHandler(text, answer_given)],
            POSITION: [on_button(Result, positions.result_given(ask_agreed))],
            AGREED: [MessageHandler(text, agreed_given), on_button(Nothing, nothing_agreed)],
            TO_COMMITTEE: [
                MessageHandler(text, to_committee_given),
                on_button(Nothing, nothing_to_decide),
            ],
        },
        questions={
            SAID: ask_said,
            ANSWER: ask_answer,
            POSITION: ask_position,
            AGREED: ask_agreed,
            TO_COMMITTEE: ask_to_committee,
        },
    )
