from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.onboarding import (
    NameProblem,
    PayloadKind,
    check_committee_name,
    check_office_name,
    display_name,
    join_payload,
    new_invitation_token,
    parse_start_payload,
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
        payload = join_payload(token)
        assert len(payload) <= 64
        assert parse_start_payload([payload]).token == token


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        ([], PayloadKind.NONE),
        (["new"], PayloadKind.NEW_COMMITTEE),
        (["join-" + "a" * 22], PayloadKind.JOIN),
        (["join-short"], PayloadKind.UNKNOWN),
        (["join-" + "a" * 22, "extra"], PayloadKind.UNKNOWN),
        (["<script>"], PayloadKind.UNKNOWN),
        (["x" * 65], PayloadKind.UNKNOWN),
    ],
)
def test_start_payloads(args: list[str], kind: PayloadKind) -> None:
    assert parse_start_payload(args).kind is kind


@given(st.lists(st.text(), max_size=3))
def test_start_payload_never_raises(args: list[str]) -> None:
    assert parse_start_payload(args).kind in set(PayloadKind)


def test_display_names() -> None:
    assert display_name("Marie", "Tremblay") == "Marie Tremblay"
    assert display_name("Marie", None) == "Marie"
    assert display_name("  ", None) == "?"
