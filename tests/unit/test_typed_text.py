"""A typed text says something only when it shows two letters or digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.typed_text import TextProblem, is_meaningful, text_problem

INVISIBLE = (
    " \t\n\u00a0\u2007\u202f\u3000"  # spaces of every width
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u180e"  # zero-width, formatting
    "\u3164\u115f\u1160\uffa0\u2800"  # Hangul fillers, blank Braille
    "\u0301\u034f\ufe0f"  # marks standing alone, variation selector
)
SIGNS_OF_NOTHING = INVISIBLE + ".,;:!?-_()[]«»\"'…*#@/\\|+=~^%&👍🙂❤️"

nothing = st.text(alphabet=SIGNS_OF_NOTHING, max_size=40)
letters = st.characters(categories=["Lu", "Ll", "Lo", "Nd"]).filter(
    lambda c: c not in "\u3164\u115f\u1160\uffa0"
)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\u3164", "\u2800\u2800", "\u200b\u200c\u200d", "...", "?!", "👍", "\u3164 "],
)
def test_texts_that_show_nothing_are_blank(text: str) -> None:
    assert text_problem(text) is TextProblem.BLANK


@pytest.mark.parametrize("text", ["A", " a . ", "\u200bB\u200b", "7", "👍 x"])
def test_one_letter_is_too_short(text: str) -> None:
    assert text_problem(text) is TextProblem.TOO_SHORT


@pytest.mark.parametrize("text", ["Li", "Marie", "On garde le local.", "15/12", "李明", "مريم"])
def test_names_and_decisions_say_something(text: str) -> None:
    assert is_meaningful(text)


@given(nothing)
def test_invisible_characters_and_signs_alone_never_say_anything(text: str) -> None:
    assert text_problem(text) is TextProblem.BLANK


@given(nothing, letters, nothing, letters, nothing)
def test_two_letters_say_something_whatever_surrounds_them(
    before: str, first: str, middle: str, second: str, after: str
) -> None:
    assert is_meaningful(before + first + middle + second + after)


@given(st.text(max_size=30), nothing)
def test_invisible_characters_change_nothing(text: str, noise: str) -> None:
    half = len(text) // 2
    assert text_problem(text[:half] + noise + text[half:]) == text_problem(text)
