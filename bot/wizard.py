"""Wizards: questions asked one at a time, that survive restarts, with /annuler everywhere.

Each feature describes its wizard with `wizard()` (entry points and states, as PTB's
ConversationHandler does, so a flow still reads top to bottom in its own module), and names
the function that asks each state's question (`questions`). The app merges every wizard into
ONE persistent ConversationHandler, with each wizard's states prefixed by its name. So:

- a person has at most one question open in a chat: starting another wizard (or a /start
  link) replaces the open one by construction, and a typed answer always goes to the question
  asked last, never to a wizard left open earlier;
- « Back » is one kind of button (`Back`, naming the state to go back to) that works the same
  in every wizard;
- text typed where only buttons fit shows the question again, with its buttons (on a phone the
  old ones have scrolled away);
- a date is read, and refused, with one set of texts (`read_date`); a date it asks about
  (« le 3 novembre » just passed, « en janvier ») comes with the likely day as a button, which
  the state takes like a typed date when it is built with `date_answer`;
- a typed answer that says nothing (blank, invisible characters, one letter: see
  bot/domain/typed_text.py) is refused before any step sees it, and the question comes again:
  no name, decision, objective or reason is ever stored empty.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from telegram import Chat, Message, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import commands
from bot.access import STALE
from bot.callbacks import Callback, button
from bot.context import BotContext
from bot.deeplinks import StartRouter
from bot.domain.french_dates import DateFinding, DateProblem, find_due_date
from bot.domain.typed_text import TextProblem, text_problem
from bot.i18n import N_, Translator
from bot.ui import acknowledge, ask_text, h, reply

Handler = BaseHandler[Update, BotContext, Any]
Handlers = list[Handler]

CONVERSATION_NAME = "wizards"
_TYPED = filters.TEXT & ~filters.COMMAND
# Conversation drafts live under these user_data keys; /annuler clears them all.
DRAFT_KEYS_PREFIX = "draft:"
# The committee the question open in private is for (the one it was started for), so that
# every step's messages name it (bot/ui.py), even a step that does not look it up again.
COMMITTEE_KEY = DRAFT_KEYS_PREFIX + "@committee"


Question = Callable[[Update, BotContext], Coroutine[Any, Any, object]]

NO_LETTERS = N_(
    "I see no letters in this message, only spaces, signs or invisible characters. "
    "Please write it in words."
)
ONE_LETTER = N_("One letter is too short. Please write at least two letters.")


def empty_text_problem(context: BotContext, text: str) -> str | None:
    """What is wrong with a typed text that says nothing, in the one set of texts."""
    problem = text_problem(text)
    if problem is None:
        return None
    return context._(NO_LETTERS if problem is TextProblem.BLANK else ONE_LETTER)


class _SaysNothing(filters.MessageFilter):
    """A typed text with nothing to keep in it (bot/domain/typed_text.py)."""

    def filter(self, message: Message) -> bool:
        return message.text is not None and text_problem(message.text) is not None


SAYS_NOTHING = _SaysNothing(name="says_nothing")


@button("wiz", "back")
class Back(Callback):
    """« Back »: ask the question of `state` again (a state of the wizard in progress)."""

    state: int


@dataclass(slots=True)
class Wizard:
    name: str
    entry_points: Handlers
    states: dict[Any, Handlers]
    questions: dict[Any, Question] = field(default_factory=dict)
    fallbacks: Handlers = field(default_factory=list)


def wizard(
    name: str,
    entry_points: Handlers,
    states: dict[Any, Handlers],
    questions: dict[Any, Question] | None = None,
    extra_fallbacks: Handlers | None = None,
) -> Wizard:
    """One feature's flow: how it starts, what each question accepts, and who asks it."""
    return Wizard(name, entry_points, states, dict(questions or {}), list(extra_fallbacks or []))


def back_button(context: BotContext, state: int) -> list[tuple[str, Callback | str]]:
    """The « Back » row of a question."""
    return [(context._("« Back"), Back(state=state))]


UNREADABLE_DATE = N_("I could not read this date.")
PAST_DATE = N_("This date is already past.")
DATE_EXAMPLES = N_("Write a date, for example: Friday, December 15, in two weeks, 15/12.")
YEAR_UNSURE = N_("« {phrase} » has already passed this year. Did you mean {day}?")
WHICH_DAY = N_("« {phrase} » is not one day. I suggest {day}.")
OTHERWISE = N_("Otherwise, write another date.")
OFFERED_DAY = N_("On {day}?")


@button("wiz", "day")
class ChosenDay(Callback):
    """« Le 3 novembre 2027? »: the day `read_date` offered, pressed instead of typed."""

    day: date


def date_problem_text(context: BotContext, finding: DateFinding) -> str | None:
    """What is wrong with a typed date, in the one set of texts, or None when it is fine."""
    if finding.suggested is not None and finding.phrase is not None:
        doubt = YEAR_UNSURE if finding.problem is DateProblem.YEAR_UNSURE else WHICH_DAY
        day = context.tr.format_day(finding.suggested)
        return context._(doubt).format(phrase=h(finding.phrase), day=day)
    if finding.due_date is None:
        return context._(UNREADABLE_DATE) + " " + context._(DATE_EXAMPLES)
    if finding.problem is DateProblem.IN_THE_PAST:
        return context._(PAST_DATE) + " " + context._(DATE_EXAMPLES)
    return None


def offered_day(tr: Translator, day: date) -> str:
    """The label of the button that offers a day: « Le 3 novembre 2027? »."""
    return tr.gettext(OFFERED_DAY).format(day=tr.format_long_day(day))


def date_answer(step: Question) -> Handlers:
    """The handlers of a question answered with a date: typed, or the offered day pressed."""
    return [MessageHandler(_TYPED, step), CallbackQueryHandler(step, pattern=ChosenDay.pattern())]


async def read_date(
    update: Update, context: BotContext, timezone: str, *, past_ok: bool = False
) -> DateFinding | None:
    """The date in the answer; None after saying what is wrong (the question stays).

    A date to ask about is answered with the likely day as a button (`ChosenDay`), which
    comes back here when pressed, in a state built with `date_answer`.
    """
    now = context.services.now(timezone)
    if update.callback_query is not None:
        pressed = ChosenDay.parse(update.callback_query.data)
        if pressed is None:
            await acknowledge(update, context, context._(STALE), alert=True)
            return None
        if pressed.day < now.date() and not past_ok:  # offered days ago
            await acknowledge(update, context, context._(PAST_DATE), alert=True)
            return None
        await acknowledge(update, context)
        return DateFinding(None, pressed.day, None, None)
    text = update.message.text if update.message and update.message.text else ""
    finding = find_due_date(text, now=now, past_ok=past_ok, languages=context.languages)
    if past_ok and finding.due_date is not None:
        return finding
    problem = date_problem_text(context, finding)
    if problem is not None and finding.suggested is not None:
        offer = (offered_day(context.tr, finding.suggested), ChosenDay(day=finding.suggested))
        await reply(update, context, problem + "\n" + context._(OTHERWISE), [[offer]])
        return None
    if problem is not None:
        await ask_text(update, context, problem)
        return None
    return finding


def draft(context: BotContext, name: str) -> dict[str, Any]:
    """A wizard's answers in progress (persisted with the person's data, cleared by /annuler)."""
    assert context.user_data is not None
    found = context.user_data.setdefault(DRAFT_KEYS_PREFIX + name, {})
    assert isinstance(found, dict)
    return found


def clear_draft(context: BotContext, name: str) -> None:
    if context.user_data is not None:
        context.user_data.pop(DRAFT_KEYS_PREFIX + name, None)


def _state_of(wizard_name: str | None, result: object) -> object:
    """A feature's own state (an int or a name) becomes `wizard:state` in the merged handler."""
    if wizard_name is None or result is None or isinstance(result, bool):
        return None if wizard_name is None else result
    if result == ConversationHandler.END or not isinstance(result, int | str):
        return result
    return f"{wizard_name}:{result}"


def _namespaced(
    wizard_name: str,
    callback: Callable[[Update, BotContext], Awaitable[object]],
    *,
    entry: bool = False,
) -> Callable[[Update, BotContext], Awaitable[object]]:
    async def run(update: Update, context: BotContext) -> object:
        if entry:
            _forget_committee(update, context)
        else:
            await _restore_committee(update, context)
        result = await callback(update, context)
        _remember_committee(update, context, result)
        return _state_of(wizard_name, result)

    run.__name__ = getattr(callback, "__name__", "step")
    run.__doc__ = callback.__doc__
    return run


def _private_data(update: Update, context: BotContext) -> dict[Any, Any] | None:
    chat = update.effective_chat
    return context.user_data if chat is not None and chat.type == Chat.PRIVATE else None


def _forget_committee(update: Update, context: BotContext) -> None:
    data = _private_data(update, context)
    if data is not None:
        data.pop(COMMITTEE_KEY, None)


async def _restore_committee(update: Update, context: BotContext) -> None:
    """A later step acts for the committee its wizard was started for (found again here, so
    a person who left it meanwhile is not told otherwise)."""
    data = _private_data(update, context)
    user = update.effective_user
    committee_id = data.get(COMMITTEE_KEY) if data is not None else None
    if context.membership is None and isinstance(committee_id, int) and user is not None:
        context.membership = await context.storage.committees.membership(committee_id, user.id)


def _remember_committee(update: Update, context: BotContext, result: object) -> None:
    data = _private_data(update, context)
    if data is None:
        return
    if result == ConversationHandler.END:
        data.pop(COMMITTEE_KEY, None)
    elif context.membership is not None:
        data[COMMITTEE_KEY] = context.membership.committee.id


async def cancel_conversation(update: Update, context: BotContext) -> int:
    """Leaves the conversation in progress; drafts are dropped, saved data is kept."""
    if context.user_data is not None:
        for key in [k for k in context.user_data if str(k).startswith(DRAFT_KEYS_PREFIX)]:
            del context.user_data[key]
    await reply(
        update,
        context,
        context._("Cancelled. Nothing more was saved. Type /aide to see what I can do."),
    )
    return ConversationHandler.END


def _ask_again(question: Question) -> Question:
    async def again(update: Update, context: BotContext) -> object:
        """Text where only buttons fit: the question again, with its buttons."""
        await reply(update, context, context._("Please choose with the buttons."))
        return await question(update, context)

    return again


def _refuse_empty(question: Question | None) -> Question:
    async def refuse(update: Update, context: BotContext) -> object:
        """A blank, invisible or one-letter answer: said so, then the question again."""
        message = update.effective_message
        problem = empty_text_problem(context, message.text or "") if message else None
        await reply(update, context, problem or context._(NO_LETTERS))
        return await question(update, context) if question is not None else None

    return refuse


def _back(questions: dict[Any, Question]) -> Question:
    async def back(update: Update, context: BotContext) -> object:
        """« Back »: the question of the state the button names, in this wizard."""
        pressed = Back.parse(update.callback_query.data if update.callback_query else None)
        question = questions.get(pressed.state) if pressed else None
        if question is None:
            await acknowledge(update, context, context._("This button no longer works."))
            return None
        await acknowledge(update, context)
        return await question(update, context)

    return back


def _completed(w: Wizard) -> dict[Any, Handlers]:
    """The states, each also taking « Back », and typed text where only buttons fit; a typed
    answer that says nothing is refused before the state's own handlers see it."""
    states: dict[Any, Handlers] = {}
    for state, handlers in w.states.items():
        first: Handlers = []
        extra: Handlers = [CallbackQueryHandler(_back(w.questions), pattern=Back.pattern())]
        takes_text = any(isinstance(handler, MessageHandler) for handler in handlers)
        if takes_text:
            first.append(
                MessageHandler(_TYPED & SAYS_NOTHING, _refuse_empty(w.questions.get(state)))
            )
        elif state in w.questions:
            extra.append(MessageHandler(_TYPED, _ask_again(w.questions[state])))
        states[state] = [*first, *handlers, *extra]
    return states


class WizardConversation(ConversationHandler[BotContext]):
    """The one conversation, which can also end every question open for one person."""

    def end_for_person(self, user_id: int) -> None:
        """Ends the person's open questions in every chat (/oublier). The states are keyed
        (chat, person); each removal is written to the persistence with the next round."""
        for key in [key for key in self._conversations if key and key[-1] == user_id]:
            self._update_state(self.END, key)


def end_conversations_of(
    application: Application[Any, Any, Any, Any, Any, Any], user_id: int
) -> None:
    """The person's questions in progress end, in memory and (next round) on disk."""
    for handlers in application.handlers.values():
        for handler in handlers:
            if isinstance(handler, WizardConversation):
                handler.end_for_person(user_id)


def conversation(wizards: Sequence[Wizard], router: StartRouter) -> WizardConversation:
    """Every wizard in one persistent ConversationHandler, entered by buttons or by /start."""
    names = [w.name for w in wizards]
    if len(set(names)) != len(names):
        raise ValueError(f"two wizards share a name: {names}")
    wrapped: set[int] = set()

    def claim(wizard_name: str, handlers: Handlers, *, entry: bool = False) -> Handlers:
        for handler in handlers:
            # A handler object may serve several states (« Back »): wrap it once.
            if id(handler) not in wrapped:
                wrapped.add(id(handler))
                handler.callback = _namespaced(wizard_name, handler.callback, entry=entry)  # type: ignore[assignment]
        return handlers

    async def route_start(update: Update, context: BotContext) -> object:
        """/start in private: the router answers; a link may open a wizard's first question."""
        _forget_committee(update, context)
        route, result = await router.route(update, context)
        state = _state_of(route.wizard, result) or ConversationHandler.END
        _remember_committee(update, context, state)
        return state

    entry_points: Handlers = [
        CommandHandler("start", route_start, filters=filters.ChatType.PRIVATE)
    ]
    states: dict[object, Handlers] = {}
    fallbacks: Handlers = [CommandHandler(commands.CANCEL.names, cancel_conversation)]
    for w in wizards:
        entry_points += claim(w.name, w.entry_points, entry=True)
        for state, handlers in _completed(w).items():
            states[f"{w.name}:{state}"] = claim(w.name, handlers)
        fallbacks += claim(w.name, w.fallbacks)
    return WizardConversation(
        name=CONVERSATION_NAME,
        persistent=True,
        # Any entry point starts afresh, even with another question open: the last one wins.
        allow_reentry=True,
        entry_points=entry_points,
        states=states,
        fallbacks=fallbacks,
    )
