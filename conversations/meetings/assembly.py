"""A general assembly: prepared in private (when, where, the questions put to a vote), then
its notice for the residents, its attendance sheet and its ballot to print.

The results, typed back in by a coordinator afterwards: conversations/meetings/assembly_results.py.
"""

from __future__ import annotations

import asyncio
from datetime import date, time

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import Press, on_button, require_membership
from bot.context import BotContext
from bot.domain.assemblies import (
    MAX_QUESTIONS,
    PLACE_LIMIT,
    QUESTION_LIMIT,
    Assembly,
    assembly_ref,
)
from bot.domain.entities import Committee, MeetingTime
from bot.domain.mandates import split_points
from bot.domain.partnerships import clip
from bot.domain.records import MeetingKind
from bot.exports.assembly import AssemblyPaper, render_attendance_sheet, render_ballot
from bot.exports.common import capitalize_first, slugify
from bot.i18n import Translator
from bot.ui import Button, edit_or_send, h, reply, send_document
from bot.wizard import Wizard, clear_draft, date_answer, draft, read_date, wizard
from conversations.meetings.buttons import (
    AssemblyNotice,
    AttendanceSheet,
    BallotSheet,
    EnterResults,
    NewAssembly,
    NoPlace,
    NoVote,
    OpenAssembly,
)
from conversations.meetings.views import KIND_LABELS
from conversations.residents.notices import meeting_notice
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import residents_translator

WIZARD = "assembly"
ASK_WHEN, ASK_PLACE, ASK_QUESTIONS = range(3)


async def begin(update: Update, context: BotContext, _button: NewAssembly) -> object:
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft(context, WIZARD)["committee_id"] = membership.committee.id
    return await ask_when(update, context)


async def ask_when(update: Update, context: BotContext) -> object:
    await edit_or_send(
        update,
        context,
        context._(
            "When will the general assembly take place? Write the date and the time. "
            "Example: December 10 at 7 pm."
        ),
    )
    return ASK_WHEN


async def when_given(update: Update, context: BotContext) -> object:
    committee = await _committee(context)
    if committee is None:
        return ConversationHandler.END
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    answers = draft(context, WIZARD)
    answers["day"] = finding.due_date.isoformat()
    answers["hour"] = finding.due_time.isoformat(timespec="minutes") if finding.due_time else None
    return await ask_place(update, context)


async def ask_place(update: Update, context: BotContext) -> object:
    await reply(
        update,
        context,
        context._("Where? Example: community room, 2nd floor."),
        [[(context._("Skip this question"), NoPlace())]],
    )
    return ASK_PLACE


async def place_given(update: Update, context: BotContext) -> object:
    assert update.message is not None
    draft(context, WIZARD)["place"] = clip(update.message.text or "", PLACE_LIMIT)[0] or None
    return await ask_questions(update, context)


async def no_place(update: Update, context: BotContext, _button: NoPlace) -> object:
    draft(context, WIZARD)["place"] = None
    return await ask_questions(update, context)


async def ask_questions(update: Update, context: BotContext) -> object:
    await reply(
        update,
        context,
        context._(
            "Which questions will the assembly vote on? Write them one per line (at most "
            "{count}). I print them on a ballot."
        ).format(count=MAX_QUESTIONS),
        [[(context._("No vote"), NoVote())]],
    )
    return ASK_QUESTIONS


async def questions_given(update: Update, context: BotContext) -> object:
    assert update.message is not None
    questions, cut = split_points(
        update.message.text or "", max_items=MAX_QUESTIONS, max_length=QUESTION_LIMIT
    )
    if not questions:
        return await ask_questions(update, context)
    if cut:
        await reply(update, context, context._("Your text was too long: I kept the beginning."))
    return await _create(update, context, questions)


async def no_vote(update: Update, context: BotContext, _button: NoVote) -> object:
    return await _create(update, context, [])


async def _create(update: Update, context: BotContext, questions: list[str]) -> object:
    committee = await _committee(context)
    user = update.effective_user
    answers = draft(context, WIZARD)
    if committee is None or user is None or "day" not in answers:
        return ConversationHandler.END
    hour = answers.get("hour")
    held_at = MeetingTime(
        date.fromisoformat(answers["day"]), time.fromisoformat(hour) if hour else None
    )
    assembly = await context.storage.assemblies.create(
        committee.id, held_at, answers.get("place"), questions, user.id
    )
    clear_draft(context, WIZARD)
    text, buttons = await card(context, assembly)
    await reply(update, context, text, buttons)
    return ConversationHandler.END


async def _committee(context: BotContext) -> Committee | None:
    committee_id = draft(context, WIZARD).get("committee_id")
    return await context.storage.committees.get(int(committee_id)) if committee_id else None


def build_wizard() -> Wizard:
    typed = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[on_button(NewAssembly, begin)],
        states={
            ASK_WHEN: date_answer(when_given),
            ASK_PLACE: [MessageHandler(typed, place_given), on_button(NoPlace, no_place)],
            ASK_QUESTIONS: [MessageHandler(typed, questions_given), on_button(NoVote, no_vote)],
        },
        questions={ASK_WHEN: ask_when, ASK_PLACE: ask_place, ASK_QUESTIONS: ask_questions},
    )


# --- the assembly, once prepared -----------------------------------------------------------


def title_of(tr: Translator) -> str:
    return tr.gettext(KIND_LABELS[MeetingKind.GENERAL_ASSEMBLY])


async def card(context: BotContext, assembly: Assembly) -> tuple[str, list[list[Button]]]:
    """What members see of it, and what they can do with it."""
    _ = context._
    lines = [
        f"<b>{h(title_of(context.tr))} — {assembly_ref(assembly.number)}</b>",
        capitalize_first(context.tr.format_meeting(assembly.held_at)),
    ]
    if assembly.place:
        lines.append(_("Where: {place}").format(place=h(assembly.place)))
    if assembly.questions:
        lines += ["", "<b>" + h(_("Put to a vote")) + "</b>"]
        for question in assembly.questions:
            line = f"{question.position}. {h(question.text)}"
            if question.counts is not None:
                line = result_line(context.tr, question.position, question.text, question.counts)
            lines.append(line)
    buttons: list[list[Button]] = [
        [(_("Notice for the residents"), AssemblyNotice(id=assembly.id))],
        [(_("Attendance sheet (PDF)"), AttendanceSheet(id=assembly.id))],
    ]
    if assembly.questions:
        buttons.append([(_("Ballot (PDF)"), BallotSheet(id=assembly.id))])
        buttons.append([(_("Enter the results of the vote"), EnterResults(id=assembly.id))])
    return "\n".join(lines), buttons


def result_line(tr: Translator, position: int, text: str, counts: tuple[int, int, int]) -> str:
    """« 1. Question : adoptée (pour 23, contre 4, abstention 2) »."""
    words = (
        tr.gettext("{question}: adopted (for {yes}, against {no}, abstain {abstain})")
        if counts[0] > counts[1]
        else tr.gettext("{question}: rejected (for {yes}, against {no}, abstain {abstain})")
    )
    return f"{position}. " + words.format(
        question=h(text), yes=counts[0], no=counts[1], abstain=counts[2]
    )


async def open_assembly(
    update: Update, context: BotContext, press: Press[OpenAssembly, Assembly]
) -> None:
    text, buttons = await card(context, press.record)
    await edit_or_send(update, context, text, buttons)


async def notice(
    update: Update, context: BotContext, press: Press[AssemblyNotice, Assembly]
) -> None:
    """The notice for the residents: when, where, the agenda, what is put to a vote."""
    assembly, committee = press.record, press.membership.committee
    tr = residents_translator(committee)
    agenda = [item.text for item in await context.storage.agenda.pending(committee.id)]
    votes = [question.text for question in assembly.questions]
    told = meeting_notice(
        tr, title_of(tr), assembly.held_at, place=assembly.place, agenda=agenda, votes=votes
    )
    await offer_publication(update, context, committee.id, told)


def paper_of(tr: Translator, committee: Committee, assembly: Assembly) -> AssemblyPaper:
    return AssemblyPaper(
        committee_name=committee.name,
        title=title_of(tr),
        when=capitalize_first(tr.format_meeting(assembly.held_at)),
        place=assembly.place,
        questions=tuple(q.text for q in assembly.questions),
    )


async def attendance_sheet(
    update: Update, context: BotContext, press: Press[AttendanceSheet, Assembly]
) -> None:
    await _print(update, context, press.membership.committee, press.record, ballot=False)


async def ballot_sheet(
    update: Update, context: BotContext, press: Press[BallotSheet, Assembly]
) -> None:
    await _print(update, context, press.membership.committee, press.record, ballot=True)


async def _print(
    update: Update, context: BotContext, committee: Committee, assembly: Assembly, *, ballot: bool
) -> None:
    chat = update.effective_chat
    assert chat is not None
    tr = residents_translator(committee)
    today = context.services.now(committee.timezone).date()
    render = render_ballot if ballot else render_attendance_sheet
    # Laying out a PDF takes a few tenths of a second: keep the event loop free.
    pdf = await asyncio.to_thread(render, paper_of(tr, committee, assembly), tr, printed_on=today)
    kind = tr.gettext("Ballot") if ballot else tr.gettext("Attendance sheet")
    name = f"{slugify(kind)}-{assembly.held_at.day.isoformat()}.pdf"
    await send_document(context, chat.id, pdf, name, caption=tr.gettext("To print."))
