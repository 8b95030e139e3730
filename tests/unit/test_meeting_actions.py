"""The name typed apart in a meeting's action: « what, who, by when »."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.meeting_actions import responsible_named_apart


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        ("Appeler l'office pour la porte, Mme Tremblay, d'ici vendredi", "d'ici vendredi",
         "Mme Tremblay"),
        ("Appeler l'office, M. Nguyen", None, "M. Nguyen"),
        ("Réserver la salle, Marie de la Fontaine d'ici lundi", "d'ici lundi",
         "Marie de la Fontaine"),
        ("Écrire à la ville, Jean-Pierre Roy.", None, "Jean-Pierre Roy"),
        # Not names: a date, lower-case words, numbers, nothing after the action.
        ("Appeler l'office, vendredi", "vendredi", None),
        ("Appeler l'office, Vendredi", None, None),
        ("Appeler l'office, le concierge", None, None),
        ("Acheter 3 chaises, 40 $", None, None),
        ("Appeler l'office pour la porte", None, None),
        ("Mme Tremblay", None, None),  # the action itself is never the name
        ("Préparer l'affiche, Une Affiche Très Longue Avec Beaucoup De Mots", None, None),
    ],
)  # fmt: skip
def test_the_name_apart_is_kept_as_typed(text: str, phrase: str | None, name: str | None) -> None:
    assert responsible_named_apart(text, phrase) == name


@given(st.text(max_size=200), st.none() | st.text(max_size=20))
def test_a_found_name_is_always_typed_text(text: str, phrase: str | None) -> None:
    found = responsible_named_apart(text, phrase)
    if found is not None:
        assert found and not any(char.isdigit() for char in found)
        assert all(word in text for word in found.split())
