"""After a general assembly, a coordinator types the counts of the paper vote back in, one
question at a time; the results are kept, shown, and offered to the residents."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import ASSEMBLY, Press, on_press
from bot.context import BotContext
from bot.domain.assemblies import Assembly, read_counts
from bot.domain.residents import NoticeKind, NoticeSection, ResidentNotice
from bot.exports.common import capitalize_first
from bot.i18n import Translator
from bot.ui import ask_text, h, reply
from bot.wizard import Wizard, clear_draft, draft, wizard
from conversations.meetings.assembly import card, result_line, title_of
from conversations.meetings.buttons import EnterResults
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import residents_translator

WIZARD = "assembly-results"
COUNTS = 0


async def start(
    update: Update, context: BotContext, press: Press[EnterResults, Assembly]
) -> object:
    clear_draft(context, WIZARD)
    draft(context, WIZARD).update(assembly_id=press.record.id, position=1)
    return await ask_counts(update, context)


async def _assembly(context: BotContext) -> Assembly | None:
    assembly_id = draft(context, WIZARD).get("assembly_id")
    return await context.storage.assemblies.get(int(assembly_id)) if assembly_id else None


async def ask_counts(update: Update, context: BotContext) -> object:
    assembly = await _assembly(context)
    position = int(draft(context, WIZARD).get("position", 1))
    if assembly is None or position > len(assembly.questions):
        return ConversationHandler.END
    question = assembly.questions[position - 1]
    await ask_text(
        update,
        context,
        context._("Question {number} of {total}: « {question} »").format(
            number=position, total=len(assembly.questions), question=h(question.text)
        )
        + "\n"
        + context._("Write the counts: for, against, abstain. Example: 23 4 2"),
    )
    return COUNTS


async def counts_given(update: Update, context: BotContext) -> object:
    """Three numbers, or the question again; the last one shows the results."""
    assert update.message is not None and update.effective_user is not None
    assembly = await _assembly(context)
    answers = draft(context, WIZARD)
    position = int(answers.get("position", 1))
    membership = (
        await context.storage.committees.membership(
            assembly.committee_id, update.effective_user.id
        )
        if assembly
        else None
    )
    if assembly is None or membership is None or not membership.is_coordinator:
        clear_draft(context, WIZARD)
        return ConversationHandler.END
    counts = read_counts(update.message.text or "")
    if counts is None:
        await reply(
            update,
            context,
            context._(
                "Write three numbers, in this order: for, against, abstain. Example: 23 4 2"
            ),
        )
        return None
    await context.storage.assemblies.record_counts(
        assembly.id, position, counts, membership.person_id
    )
    if position < len(assembly.questions):
        answers["position"] = position + 1
        return await ask_counts(update, context)
    clear_draft(context, WIZARD)
    counted = await context.storage.assemblies.get(assembly.id)
    assert counted is not None
    await show_results(update, context, counted)
    return ConversationHandler.END


async def show_results(update: Update, context: BotContext, assembly: Assembly) -> None:
    _ = context._
    text, buttons = await card(context, assembly)
    await reply(update, context, _("The results are saved.") + "\n\n" + text, buttons)
    committee = await context.storage.committees.get(assembly.committee_id)
    if committee is not None:
        notice = results_notice(residents_translator(committee), assembly)
        await offer_publication(update, context, committee.id, notice)


def results_notice(tr: Translator, assembly: Assembly) -> ResidentNotice:
    """What the assembly decided, as residents read it."""
    lines = tuple(
        result_line(tr, q.position, q.text, q.counts)
        for q in assembly.questions
        if q.counts is not None
    )
    return ResidentNotice(
        title=tr.gettext("Results of the general assembly"),
        kind=NoticeKind.MEETING,
        sections=(
            NoticeSection(
                None,
                (f"{title_of(tr)} — {capitalize_first(tr.format_meeting(assembly.held_at))}",),
                bullets=False,
            ),
            NoticeSection(None, lines, bullets=False),
        ),
    )


def build_wizard() -> Wizard:
    typed = filters.TEXT & ~filters.COMMAND
    return wizard(
        WIZARD,
        entry_points=[on_press(EnterResults, start, records=ASSEMBLY, coordinator=True)],
        states={COUNTS: [MessageHandler(typed, counts_given)]},
        questions={COUNTS: ask_counts},
    )
