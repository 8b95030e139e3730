"""One codec for every button: round trips, the 64-byte limit, and no orphan on either side."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler

from bot.app import build_application
from bot.callbacks import REGISTRY, Callback, CallbackError, button, parse_any
from bot.config import load_settings
from conversations.decisions.buttons import SetDate, SetPerson
from conversations.followups.buttons import PostponeTo
from conversations.mandates.buttons import Vote
from conversations.partnerships.buttons import Recipe

TOKEN = "123456:" + "A" * 35


def registered_patterns(tmp_path: Path) -> list[re.Pattern[str] | None]:
    settings = load_settings({"BOT_TOKEN": TOKEN, "DATABASE_PATH": str(tmp_path / "bot.sqlite3")})
    application = build_application(settings)
    found: list[re.Pattern[str] | None] = []

    def walk(handlers: list[BaseHandler[Any, Any, Any]]) -> None:
        for handler in handlers:
            if isinstance(handler, ConversationHandler):
                walk(list(handler.entry_points))
                for state_handlers in handler.states.values():
                    walk(list(state_handlers))
                walk(list(handler.fallbacks))
            elif isinstance(handler, CallbackQueryHandler):
                pattern = handler.pattern
                assert pattern is None or isinstance(pattern, re.Pattern), pattern
                found.append(pattern)

    for handlers in application.handlers.values():
        walk(list(handlers))
    return found


def test_every_button_has_a_handler_and_every_handler_a_button(tmp_path: Path) -> None:
    patterns = registered_patterns(tmp_path)
    declared = {kind.pattern() for kind in REGISTRY.values()}
    handled = {pattern for pattern in patterns if pattern is not None}
    assert declared - handled == set(), "buttons no handler answers"
    assert handled - declared == set(), "handlers for buttons the codec does not build"
    # One catch-all only: the polite answer to a stale or forged button, registered last.
    assert patterns.count(None) == 1 and patterns[-1] is None


def test_typed_fields_round_trip() -> None:
    for made in (
        PostponeTo(id=12, day=date(2026, 12, 1)),
        SetDate(id=3, day=None),
        SetPerson(id=3, person=None),
        Vote(id=9, choice=Vote.parse("man:v:9:for").choice),  # type: ignore[union-attr]
        Recipe.parse("par:rc:time:partly"),
    ):
        assert made is not None
        assert type(made).parse(made.data) == made
        assert parse_any(made.data) == made


@pytest.mark.parametrize(
    "forged",
    ["fu:to:12:20261301", "fu:to:12", "fu:to:-1:20261201", "fu:to:12:20261201:x", "par:rc:x:yes"],
)
def test_forged_data_names_nothing(forged: str) -> None:
    assert parse_any(forged) is None


def test_the_64_byte_limit_is_checked() -> None:
    with pytest.raises(CallbackError):
        _ = PostponeTo(id=-1, day=date(2026, 12, 1)).data

    @button("zz", "long")
    class Long(Callback):
        a: int
        b: int
        c: int
        d: int

    try:
        with pytest.raises(CallbackError, match="64 bytes"):
            _ = Long(a=10**17, b=10**17, c=10**17, d=10**17).data
    finally:
        del REGISTRY[("zz", "long")]


@given(st.text(max_size=80))
def test_any_data_parses_or_is_refused(data: str) -> None:
    parsed = parse_any(data)
    assert parsed is None or parsed.data == data
