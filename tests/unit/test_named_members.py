"""Members without Telegram are found by the name the committee wrote, and residents read
them as written (« M. Roy » has no first name to keep)."""

from __future__ import annotations

from bot.domain.named_members import NamedMember, as_named, clean_member_name, matching_member
from bot.domain.residents import first_name

ROY = NamedMember(1, 1, "M. Roy")
TREMBLAY = NamedMember(2, 1, "Mme Gisèle Tremblay")


def test_a_typed_name_finds_the_member_case_accents_and_honorific_aside() -> None:
    for typed in ("M. Roy", "m. roy", "Roy", "Monsieur Roy"):
        assert matching_member(typed, [ROY, TREMBLAY]) == ROY, typed
    assert matching_member("gisele tremblay", [ROY, TREMBLAY]) == TREMBLAY
    assert as_named("Roy", [ROY]) == "M. Roy"
    assert as_named("Gérard", [ROY]) == "Gérard"  # nobody of that name: kept as typed


def test_a_name_that_could_be_two_members_names_neither() -> None:
    two = [NamedMember(1, 1, "M. Roy"), NamedMember(2, 1, "Mme Roy")]
    assert matching_member("Roy", two) is None
    assert matching_member("Mme Roy", two) == two[1]


def test_a_name_must_say_something_and_fit() -> None:
    assert clean_member_name("  M.   Roy ") == "M. Roy"
    assert clean_member_name("ㅤ") is None
    assert clean_member_name("x" * 61) is None


def test_residents_read_first_names_or_the_name_as_the_committee_wrote_it() -> None:
    assert first_name("Marie Tremblay") == "Marie"
    assert first_name("M. Roy") == "M. Roy"
    assert first_name("Mme Gisèle Tremblay") == "Gisèle"
