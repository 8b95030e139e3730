"""/decision: log a decision in one message, fix what was understood with buttons."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update, User
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters

from bot import commands
from bot.access import Press, require_membership
from bot.context import BotContext
from bot.domain.entities import Committee, FollowUp, Membership
from bot.domain.french_dates import DateProblem
from bot.domain.named_members import NamedMember, as_named
from bot.domain.quick_decision import (
    DecisionProblem,
    MemberName,
    QuickDecision,
    parse_quick_decision,
)
from bot.i18n import N_
from bot.storage.decisions import FollowUpDraft
from bot.ui import ask_text, reply
from bot.wizard import (
    NO_LETTERS,
    Wizard,
    clear_draft,
    date_answer,
    draft,
    empty_text_problem,
    read_date,
    wizard,
)
from conversations.decisions.buttons import TypeDate
from conversations.decisions.fixes import decision_of, show, show_again
from conversations.decisions.views import Notes
from conversations.followups.actions import MOVED_ON, is_active, on_follow_up
from conversations.followups.reminders import follow_up_changed

WIZARD = "decisions"
ASK_TEXT, ASK_DATE = range(2)
MAX_DECISION_LENGTH = 1000
WHAT_WAS_DECIDED = N_(
    "What was decided? Write it in one message.\n"
    "Example: We ask the office to repair the door. Marie takes care of it by Friday."
)


def command_text(update: Update) -> str:
    """What follows the command, newlines kept (context.args would split them away)."""
    message = update.effective_message
    if message is None or not message.text:
        return ""
    parts = message.text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def start_decision(update: Update, context: BotContext) -> int:
    """/decision with text logs it at once; without text, asks for it."""
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    text = command_text(update)
    if not text:
        return await ask_decision(update, context)
    return await log_decision(update, context, membership, text)


async def ask_decision(update: Update, context: BotContext) -> int:
    await ask_text(update, context, context._(WHAT_WAS_DECIDED))
    return ASK_TEXT


async def receive_text(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    return await log_decision(update, context, membership, update.message.text)


async def understand(
    context: BotContext, committee: Committee, user: User, text: str
) -> QuickDecision:
    """Who and when the text names, read against the committee's members."""
    members = await context.storage.committees.members(committee.id)
    names = [MemberName(m.person_id, m.display_name, m.username) for m in members]
    author = next((n for n in names if n.person_id == user.id), None) or MemberName(
        user.id, user.first_name, user.username
    )
    now = context.services.now(committee.timezone)
    return parse_quick_decision(
        text,
        author=author,
        members=names,
        now=now,
        max_length=MAX_DECISION_LENGTH,
        languages=context.languages,
    )


async def log_decision(
    update: Update, context: BotContext, membership: Membership, text: str
) -> int:
    """Stores the decision (and follow-up) first, then says what was understood."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None
    parsed = await understand(context, membership.committee, user, text)
    if parsed.problem is DecisionProblem.EMPTY:
        problem = empty_text_problem(context, text) or context._(NO_LETTERS)
        await ask_text(update, context, problem + "\n" + context._(WHAT_WAS_DECIDED))
        return ASK_TEXT
    named = await context.storage.named_members.of_committee(membership.committee.id)
    decision, follow_up = await context.storage.decisions.record(
        membership.committee.id,
        parsed.text,
        created_by=user.id,
        follow_up=follow_up_draft(parsed, named),
        source=(message.chat.id, message.message_id),
    )
    if follow_up is not None:
        await follow_up_changed(context, follow_up.id)
    clear_draft(context, WIZARD)
    await show(update, context, decision, follow_up, notes_on(parsed), edit=False)
    return ConversationHandler.END


def notes_on(parsed: QuickDecision) -> Notes:
    """What the person should know about how their text was read."""
    asked = parsed.date.suggested is not None
    return Notes(
        date_phrase_read=parsed.date.phrase if parsed.date.problem is None else None,
        date_phrase_asked=parsed.date.phrase if asked else None,
        date_offered=parsed.date.suggested,
        year_in_doubt=parsed.date.problem is DateProblem.YEAR_UNSURE,
        text_was_cut=parsed.problem is not None,
        date_phrase_in_past=(
            parsed.date.phrase if parsed.date.problem is DateProblem.IN_THE_PAST else None
        ),
        date_phrase_unreadable=(
            parsed.date.phrase if parsed.date.problem is DateProblem.UNREADABLE else None
        ),
        name_ambiguous=parsed.responsible is None and len(parsed.other_people) > 1,
    )


def follow_up_draft(parsed: QuickDecision, named: Sequence[NamedMember]) -> FollowUpDraft | None:
    """A follow-up when someone or a date was named; a past or unread date is left empty.

    A name that means a member without Telegram (`named`) is written as the committee wrote
    it, so their reminders find them (and their relay)."""
    due_date = parsed.date.due_date if parsed.date.problem is None else None
    due_time = parsed.date.due_time if parsed.date.problem is None else None
    person = parsed.responsible
    unknown = as_named(parsed.unknown_name, named) if parsed.unknown_name else None
    name = person.display_name.split(" ")[0] if person else unknown
    if person is None and name is None and parsed.date.phrase is None:
        return None
    return FollowUpDraft(
        text=parsed.title or parsed.text,
        responsible_id=person.person_id if person else None,
        responsible_name=name,
        due_date=due_date,
        due_time=due_time,
    )


async def ask_typed_date(
    update: Update, context: BotContext, press: Press[TypeDate, FollowUp]
) -> int:
    """« Write another date »: the date is typed next."""
    draft(context, WIZARD)["follow_up_id"] = press.record.id
    return await ask_date(update, context)


async def ask_date(update: Update, context: BotContext) -> int:
    await ask_text(
        update,
        context,
        context._("Write the date. Examples: Friday, December 15, in two weeks, 15/12."),
    )
    return ASK_DATE


async def receive_date(update: Update, context: BotContext) -> int | None:
    follow_up = await _drafted(update, context)
    if follow_up is None:
        return ConversationHandler.END
    committee = await context.storage.committees.get(follow_up.committee_id)
    assert committee is not None
    finding = await read_date(update, context, committee.timezone)
    if finding is None or finding.due_date is None:
        return None
    await context.storage.follow_ups.set_due(follow_up.id, finding.due_date, finding.due_time)
    await follow_up_changed(context, follow_up.id)
    clear_draft(context, WIZARD)
    decision = await decision_of(context, follow_up)
    await show_again(update, context, follow_up.id, decision, edit=False)
    return ConversationHandler.END


async def _drafted(update: Update, context: BotContext) -> FollowUp | None:
    """The follow-up whose date is being typed, if it is still there, active and the person's.

    It may have moved on while the question was open (dropped, done, the decision undone):
    then the question closes with a word instead of changing it.
    """
    follow_up_id = draft(context, WIZARD).get("follow_up_id")
    follow_up = await context.storage.follow_ups.get(int(follow_up_id)) if follow_up_id else None
    user = update.effective_user
    member = (
        await context.storage.committees.membership(follow_up.committee_id, user.id)
        if follow_up is not None and user is not None
        else None
    )
    if follow_up is None or member is None or not is_active(follow_up):
        clear_draft(context, WIZARD)
        gone = follow_up is None or member is None
        await reply(
            update,
            context,
            context._("This follow-up no longer exists.") if gone else context._(MOVED_ON),
        )
        return None
    return follow_up


def build_wizard() -> Wizard:
    """The quick log, and typing a date by hand; the other buttons are plain handlers."""
    text = filters.TEXT & ~filters.COMMAND
    return wizard(
        WIZARD,
        entry_points=[
            CommandHandler(commands.DECISION.names, start_decision),
            on_follow_up(TypeDate, ask_typed_date),
        ],
        states={
            ASK_TEXT: [MessageHandler(text, receive_text)],
            ASK_DATE: date_answer(receive_date),
        },
        questions={ASK_TEXT: ask_decision, ASK_DATE: ask_date},
    )
