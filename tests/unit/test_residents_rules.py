"""The residents' rules: what the box keeps, how a channel is named, what residents read."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.priorities import (
    Choice,
    Proposal,
    as_positions,
    consultation_year,
    rank,
    suggested_opening,
)
from bot.domain.residents import (
    BOX_TEXT_LIMIT,
    BoxTextProblem,
    NoticeKind,
    NoticeSection,
    ResidentNotice,
    channel_reference,
    check_box_text,
    first_name,
    new_reply_token,
    reply_hash,
)


def test_a_box_message_is_kept_as_typed_trimmed_and_within_its_limit() -> None:
    assert check_box_text("  Le chauffage\nne marche pas  ") == (
        "Le chauffage\nne marche pas",
        None,
    )
    assert check_box_text(" \n ")[1] is BoxTextProblem.EMPTY
    assert check_box_text(None)[1] is BoxTextProblem.EMPTY
    assert check_box_text("x" * BOX_TEXT_LIMIT)[1] is None
    assert check_box_text("x" * (BOX_TEXT_LIMIT + 1))[1] is BoxTextProblem.TOO_LONG


def test_a_reply_token_is_random_and_only_its_hash_is_kept() -> None:
    tokens = {new_reply_token() for _ in range(200)}
    assert len(tokens) == 200
    token = tokens.pop()
    assert len(token) == 22 and reply_hash(token) == reply_hash(token)
    assert token not in reply_hash(token) and len(reply_hash(token)) == 64


def test_a_channel_is_named_by_its_name_its_link_or_its_number() -> None:
    assert channel_reference("@residents_des_pins") == "@residents_des_pins"
    assert channel_reference("residents_des_pins") == "@residents_des_pins"
    assert channel_reference("https://t.me/residents_des_pins") == "@residents_des_pins"
    assert channel_reference("t.me/residents_des_pins/") == "@residents_des_pins"
    assert channel_reference(" -1001234567890 ") == -1001234567890
    for wrong in ("", "@", "bonjour tout le monde", "@ab", "https://example.com/x", "-42"):
        assert channel_reference(wrong) is None, wrong


def test_residents_read_first_names_only() -> None:
    assert first_name("Marie Tremblay") == "Marie"
    assert first_name("  Paul  ") == "Paul"
    assert first_name("") == ""


@given(st.text(max_size=40), st.lists(st.text(max_size=30), max_size=4), st.booleans())
def test_a_notice_is_stored_and_read_back_whole(title: str, lines: list[str], flag: bool) -> None:
    notice = ResidentNotice(
        title=title,
        kind=NoticeKind.PRIORITIES,
        sections=(NoticeSection("Décisions", tuple(lines), bullets=flag),),
        invites_priorities=flag,
        answer=title or None,
    )
    assert ResidentNotice.from_json(notice.to_json()) == notice


def proposal(number: int) -> Proposal:
    return Proposal(number, 1, 1, number, f"Priorité {number}", None, None, withdrawn=False)


def test_most_picks_first_equal_picks_share_a_rank_then_more_asked_then_first_proposed() -> None:
    ranking = rank(
        [
            Choice(proposal(1), picks=2, proposals=1),
            Choice(proposal(2), picks=4, proposals=1),
            Choice(proposal(3), picks=2, proposals=3),
            Choice(proposal(4), picks=0, proposals=2),
            Choice(proposal(5), picks=2, proposals=1),
        ]
    )
    assert [(r.rank, r.proposal.number) for r in ranking] == [
        (1, 2),
        (2, 3),
        (2, 1),
        (2, 5),
        (5, 4),
    ]
    # Nobody picked P-4: the office still sees it, the mandate does not carry it.
    assert as_positions(ranking) == ["Priorité 2", "Priorité 3", "Priorité 1", "Priorité 5"]
    assert as_positions(ranking, limit=2) == ["Priorité 2", "Priorité 3"]


def test_the_consultation_is_for_the_next_yearly_meeting_and_opens_a_month_before() -> None:
    assert consultation_year(date(2026, 11, 23), 1) == 2027
    assert consultation_year(date(2026, 11, 23), 11) == 2026
    assert consultation_year(date(2026, 3, 2), 6) == 2026
    assert consultation_year(date(2026, 3, 2), None) is None  # nothing is guessed
    assert suggested_opening(2027, 1) == date(2026, 12, 1)
    assert suggested_opening(2027, 6) == date(2027, 5, 1)
