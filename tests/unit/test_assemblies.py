"""The counts a coordinator types back in after a general assembly."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.assemblies import MAX_COUNT, Assembly, Question, read_counts
from bot.domain.records import MeetingTime


def test_three_numbers_in_order_for_against_abstain() -> None:
    assert read_counts("23 4 2") == (23, 4, 2)
    assert read_counts("23 pour, 4 contre, 2 abstentions") == (23, 4, 2)
    assert read_counts("0 0 0") == (0, 0, 0)


def test_anything_but_three_plausible_numbers_is_refused() -> None:
    for typed in ("", "pas un nombre", "23 4", "23 4 2 1", f"{MAX_COUNT + 1} 0 0"):
        assert read_counts(typed) is None, typed


@given(st.tuples(*[st.integers(0, MAX_COUNT)] * 3))
def test_typed_counts_come_back_as_typed(counts: tuple[int, int, int]) -> None:
    assert read_counts(" ".join(map(str, counts))) == counts


def test_a_question_is_adopted_by_more_for_than_against() -> None:
    assert Question(1, "x", (5, 4, 9)).adopted is True
    assert Question(1, "x", (4, 4, 0)).adopted is False  # a tie does not adopt
    assert Question(1, "x").adopted is None


def test_an_assembly_is_counted_once_every_question_is() -> None:
    held = MeetingTime(date(2026, 12, 10))
    questions = (Question(1, "a", (1, 0, 0)), Question(2, "b"))
    assembly = Assembly(1, 1, 1, held, None, questions)
    assert not assembly.counted and assembly.next_to_count() == questions[1]
    assert Assembly(1, 1, 1, held, None).counted
