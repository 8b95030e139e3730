"""Button labels: whole when they fit, cut at a word with « … », French spaces kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.ui import MAX_LABEL, label


def test_a_non_breaking_space_before_a_colon_is_kept() -> None:
    assert label("Suivi\u00a0: Accepter le règlement") == "Suivi\u00a0: Accepter le règlement"
    assert label("  Deux   espaces\net une ligne ") == "Deux espaces et une ligne"


def test_a_long_label_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = "Suivi\u00a0: Accepter ou non un nouveau règlement sur l'utilisation de la buanderie"
    assert label(text) == "Suivi\u00a0: Accepter ou non un nouveau règlement sur…"


@given(st.text(max_size=200))
def test_a_label_always_fits(text: str) -> None:
    assert len(label(text)) <= MAX_LABEL
