from __future__ import annotations

import pytest

from bot.domain.onboarding import (
    NameProblem,
    check_committee_name,
    check_office_name,
    display_name,
    is_invitation_token,
    new_invitation_token,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Comité des Pins", "Comité des Pins"),
        ("  Comité   des\nPins  ", "Comité des Pins"),
        ("", NameProblem.EMPTY),
        ("   ", NameProblem.EMPTY),
        ("A", NameProblem.TOO_SHORT),
        ("x" * 80, "x" * 80),
        ("x" * 81, NameProblem.TOO_LONG),
    ],
)
def test_committee_names(text: str, expected: str | NameProblem) -> None:
    assert check_committee_name(text) == expected


def test_office_names() -> None:
    assert check_office_name(" OMH  de Laval ") == "OMH de Laval"
    assert check_office_name("y" * 121) is NameProblem.TOO_LONG


def test_invitation_tokens_are_unguessable_and_fit_a_deep_link() -> None:
    tokens = {new_invitation_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert is_invitation_token(token)
        assert len("join-" + token) <= 64
    assert not is_invitation_token("short")
    assert not is_invitation_token("<script>alert(1)</script>")


def test_display_names() -> None:
    assert display_name("Marie", "Tremblay") == "Marie Tremblay"
    assert display_name("Marie", None) == "Marie"
    assert display_name("  ", None) == "?"
