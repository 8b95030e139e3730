"""Wizards: questions asked one at a time, that survive restarts, with /annuler everywhere.

Each feature describes its wizard with `wizard()` (entry points and states, as PTB's
ConversationHandler does, so a flow still reads top to bottom in its own module). The app
merges them all into ONE persistent ConversationHandler, with each wizard's states prefixed
by its name. A person therefore has at most one question open in a chat: starting another
wizard (or a /start link) replaces the open one by construction, and a typed answer always
goes to the question that was asked last, never to a wizard left open earlier.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, filters

from bot import commands
from bot.context import BotContext
from bot.deeplinks import StartRouter
from bot.ui import reply

Handler = BaseHandler[Update, BotContext, Any]
Handlers = list[Handler]

CONVERSATION_NAME = "wizards"
# Conversation drafts live under these user_data keys; /annuler clears them all.
DRAFT_KEYS_PREFIX = "draft:"


@dataclass(slots=True)
class Wizard:
    name: str
    entry_points: Handlers
    states: dict[Any, Handlers]
    fallbacks: Handlers = field(default_factory=list)


def wizard(
    name: str,
    entry_points: Handlers,
    states: dict[Any, Handlers],
    extra_fallbacks: Handlers | None = None,
) -> Wizard:
    """One feature's flow: how it starts and what each of its questions accepts."""
    return Wizard(name, entry_points, states, list(extra_fallbacks or []))


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
    wizard_name: str, callback: Callable[[Update, BotContext], Awaitable[object]]
) -> Callable[[Update, BotContext], Awaitable[object]]:
    async def run(update: Update, context: BotContext) -> object:
        return _state_of(wizard_name, await callback(update, context))

    run.__name__ = getattr(callback, "__name__", "step")
    run.__doc__ = callback.__doc__
    return run


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


async def use_buttons(update: Update, context: BotContext) -> None:
    """Text where a button is expected: say so, stay on the same question."""
    await reply(update, context, context._("Please choose with the buttons above."))


def conversation(
    wizards: Sequence[Wizard], router: StartRouter
) -> ConversationHandler[BotContext]:
    """Every wizard in one persistent ConversationHandler, entered by buttons or by /start."""
    names = [w.name for w in wizards]
    if len(set(names)) != len(names):
        raise ValueError(f"two wizards share a name: {names}")
    wrapped: set[int] = set()

    def claim(wizard_name: str, handlers: Handlers) -> Handlers:
        for handler in handlers:
            # A handler object may serve several states (« Back »): wrap it once.
            if id(handler) not in wrapped:
                wrapped.add(id(handler))
                handler.callback = _namespaced(wizard_name, handler.callback)  # type: ignore[assignment]
        return handlers

    async def route_start(update: Update, context: BotContext) -> object:
        """/start in private: the router answers; a link may open a wizard's first question."""
        route, result = await router.route(update, context)
        return _state_of(route.wizard, result) or ConversationHandler.END

    entry_points: Handlers = [
        CommandHandler("start", route_start, filters=filters.ChatType.PRIVATE)
    ]
    states: dict[object, Handlers] = {}
    fallbacks: Handlers = [CommandHandler(commands.CANCEL.names, cancel_conversation)]
    for w in wizards:
        entry_points += claim(w.name, w.entry_points)
        for state, handlers in w.states.items():
            states[f"{w.name}:{state}"] = claim(w.name, handlers)
        fallbacks += claim(w.name, w.fallbacks)
    return ConversationHandler(
        name=CONVERSATION_NAME,
        persistent=True,
        # Any entry point starts afresh, even with another question open: the last one wins.
        allow_reentry=True,
        entry_points=entry_points,
        states=states,
        fallbacks=fallbacks,
    )
