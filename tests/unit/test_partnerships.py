from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.partnerships import (
    ANSWER_LABELS,
    INGREDIENT_QUESTIONS,
    KIND_LABELS,
    KIND_NAME_EXAMPLES,
    NEXT_STEPS,
    OBJECTIVE_SUGGESTIONS,
    PARTNERSHIP_TEXT_LIMIT,
    VAGUENESS_HINTS,
    Answer,
    Ingredient,
    PartnerKind,
    Responsibility,
    Suggestion,
    Vagueness,
    assess_objective,
    clip,
    next_steps,
    parse_responsibilities,
    partnership_ref,
    recipe_score,
)

JUNE = date(2027, 6, 30)
SIGN = "Aucune plainte pendant 3 mois"


# --- Partner kinds and suggestions ---------------------------------------------------------


@pytest.mark.parametrize("kind", list(PartnerKind))
def test_every_kind_has_a_label_an_example_and_suggestions(kind: PartnerKind) -> None:
    assert KIND_LABELS[kind].strip()
    assert len(KIND_LABELS[kind]) <= 40  # fits a button
    assert KIND_NAME_EXAMPLES[kind].strip()
    suggestions = OBJECTIVE_SUGGESTIONS[kind]
    assert 3 <= len(suggestions) <= 4
    for suggestion in suggestions:
        assert 0 < len(suggestion.text) <= 60, suggestion.text
        assert 0 < len(suggestion.success_sign) <= 120, suggestion.success_sign


@pytest.mark.parametrize(
    "suggestion",
    [suggestion for group in OBJECTIVE_SUGGESTIONS.values() for suggestion in group],
    ids=lambda suggestion: suggestion.text,
)
def test_every_suggestion_is_itself_a_precise_objective(suggestion: Suggestion) -> None:
    assert assess_objective(suggestion.text, suggestion.success_sign, JUNE) == []


def test_suggestion_texts_are_all_different() -> None:
    texts = [suggestion.text for group in OBJECTIVE_SUGGESTIONS.values() for suggestion in group]
    assert len(texts) == len(set(texts))


def test_reference_and_limit() -> None:
    assert partnership_ref(3) == "P-3"
    assert partnership_ref(12) == "P-12"
    assert PARTNERSHIP_TEXT_LIMIT == 500


# --- Precise objectives -----------------------------------------------------------------------

VAGUE = [Vagueness.VAGUE_WORDS]
SHORT_AND_VAGUE = [Vagueness.TOO_SHORT, Vagueness.VAGUE_WORDS]

OBJECTIVES: list[tuple[str, list[Vagueness]]] = [
    # Vague: nice words, nothing to check
    ("Améliorer la communication", SHORT_AND_VAGUE),
    ("Favoriser le vivre-ensemble", SHORT_AND_VAGUE),
    ("Plus de sécurité", SHORT_AND_VAGUE),
    ("Améliorer la communication avec l'office", VAGUE),
    ("Sensibiliser les locataires au recyclage", VAGUE),
    ("Encourager la participation des jeunes du HLM", VAGUE),
    ("Développer de meilleures relations avec l'OMH", VAGUE),
    ("Mieux communiquer avec nos partenaires", VAGUE),
    ("Que l'office réponde plus vite aux demandes", VAGUE),
    # « a été » is not « l'été »: still no date
    ("Favoriser ce qui a été décidé ensemble", VAGUE),
    # Case and accents do not matter
    ("AUGMENTER LA PARTICIPATION AUX ACTIVITÉS", VAGUE),
    ("ameliorer la communication avec l'office", VAGUE),
    ("Improve communication with the office", VAGUE),
    # Precise: a frequency, a number, a date or a tangible thing
    ("Nettoyer les salles communes chaque semaine", []),
    ("Ouvrir le local aux jeunes deux soirs par semaine d'ici juin", []),
    ("Une clinique de vaccination dans le bâtiment en octobre", []),
    ("Augmenter à 30 le nombre de membres de l'association", []),
    ("Améliorer l'éclairage du stationnement", []),
    ("Favoriser la participation avec une fête des voisins en juin", []),
    ("Améliorer la communication : un compte rendu affiché après chaque réunion", []),
    ("Une rencontre formelle avec l'office une fois par année", []),
    ("Mieux informer les locataires tous les mois", []),
    ("Ouvrir le local d’ici l’été, avec les clés au comité", []),
    ("NETTOYER LES SALLES COMMUNES CHAQUE SEMAINE", []),
    # Short but concrete: only asks for a little more
    ("Réparer la porte", [Vagueness.TOO_SHORT]),
    # No vague word: not flagged, even without a number
    ("Que les familles se connaissent entre elles", []),
]


@pytest.mark.parametrize(("text", "expected"), OBJECTIVES)
def test_assess_objective_on_french_objectives(text: str, expected: list[Vagueness]) -> None:
    assert assess_objective(text, SIGN, JUNE) == expected


@pytest.mark.parametrize("sign", [None, "", "   \n"])
def test_a_missing_success_sign_is_noticed(sign: str | None) -> None:
    text = "Nettoyer les salles communes chaque semaine"
    assert assess_objective(text, sign, JUNE) == [Vagueness.NO_SUCCESS_SIGN]


def test_a_missing_date_is_noticed_and_problems_come_in_order() -> None:
    assert assess_objective("Nettoyer les salles communes chaque semaine", SIGN, None) == [
        Vagueness.NO_TARGET_DATE
    ]
    assert assess_objective("Plus de sécurité", None, None) == list(Vagueness)
    assert assess_objective("", None, None) == [
        Vagueness.TOO_SHORT,
        Vagueness.NO_SUCCESS_SIGN,
        Vagueness.NO_TARGET_DATE,
    ]


def test_every_vagueness_has_a_gentle_hint() -> None:
    assert set(VAGUENESS_HINTS) == set(Vagueness)
    assert all(hint.strip() and len(hint) <= 160 for hint in VAGUENESS_HINTS.values())


# --- The recipe checklist ---------------------------------------------------------------------


def test_the_recipe_is_in_checklist_order_and_complete() -> None:
    assert list(Ingredient) == [
        Ingredient.INFORMATION,
        Ingredient.TIME,
        Ingredient.MANDATE,
        Ingredient.RESPECT,
        Ingredient.TRANSPARENCY,
        Ingredient.NO_FAVOURITISM,
        Ingredient.FOLLOW_UP,
    ]
    assert set(INGREDIENT_QUESTIONS) == set(Ingredient) == set(NEXT_STEPS)
    assert all(question.endswith("?") for question in INGREDIENT_QUESTIONS.values())
    assert [ANSWER_LABELS[answer] for answer in Answer] == ["Yes", "Partly", "No"]


def test_next_steps_follow_the_checklist_order() -> None:
    answers = {
        Ingredient.FOLLOW_UP: Answer.NO,
        Ingredient.INFORMATION: Answer.YES,
        Ingredient.MANDATE: Answer.PARTLY,
        Ingredient.TIME: Answer.YES,
        Ingredient.RESPECT: Answer.YES,
        Ingredient.TRANSPARENCY: Answer.YES,
        Ingredient.NO_FAVOURITISM: Answer.YES,
    }
    assert next_steps(answers) == [
        "Give your representative a written mandate (/mandat).",
        "Write down each request and its date, and follow up (/decision).",
    ]
    assert recipe_score(answers) == (5, 7)


def test_missing_answers_count_as_steps_to_take() -> None:
    assert next_steps({}) == [NEXT_STEPS[item] for item in Ingredient]
    assert recipe_score({}) == (0, 7)
    steps = next_steps({Ingredient.INFORMATION: Answer.NO, Ingredient.TIME: Answer.PARTLY})
    assert steps[:2] == [
        "Ask the partner for documents in plain language, before each meeting.",
        "Ask for the documents two weeks before a decision, to consult tenants.",
    ]
    assert len(steps) == 7


def test_all_yes_means_nothing_to_do() -> None:
    answers = dict.fromkeys(Ingredient, Answer.YES)
    assert next_steps(answers) == []
    assert recipe_score(answers) == (7, 7)
    assert recipe_score(dict.fromkeys(Ingredient, Answer.PARTLY)) == (0, 7)


# --- Who does what ----------------------------------------------------------------------------

R = Responsibility
LINES: list[tuple[str, list[Responsibility]]] = [
    ("Marie — appelle l'office chaque mois", [R("Marie", "appelle l'office chaque mois")]),
    ("L'office : répare la porte", [R("L'office", "répare la porte")]),
    ("CLSC - envoie une infirmière", [R("CLSC", "envoie une infirmière")]),
    ("CLSC -envoie une infirmière", [R("CLSC", "envoie une infirmière")]),
    ("Paul – imprime le compte rendu", [R("Paul", "imprime le compte rendu")]),
    ("Marie:appelle", [R("Marie", "appelle")]),
    ("- le comité réserve la salle", [R(None, "le comité réserve la salle")]),
    ("• Jean-François — achète le café", [R("Jean-François", "achète le café")]),
    ("1. Sylvie : réserve la salle", [R("Sylvie", "réserve la salle")]),
    ("Marie-Ève Côté: prépare l'affiche", [R("Marie-Ève Côté", "prépare l'affiche")]),
    # Hyphens inside words never split
    (
        "Le comité de Saint-Michel va re-faire l'affiche",
        [R(None, "Le comité de Saint-Michel va re-faire l'affiche")],
    ),
    # Times and web addresses are not separators
    ("La réunion commence à 18:30 au local", [R(None, "La réunion commence à 18:30 au local")]),
    ("Voir https://flhlmq.com pour le guide", [R(None, "Voir https://flhlmq.com pour le guide")]),
    # A hyphen far into the line is part of the sentence
    (
        "On demande à l'office de réparer la porte du local - Marie",
        [R(None, "On demande à l'office de réparer la porte du local - Marie")],
    ),
    ("Marie—appelle", [R("Marie", "appelle")]),
    ("lundi–mardi : ouvrir le local", [R("lundi–mardi", "ouvrir le local")]),
    # A name with nothing after it
    ("Marie :", [R(None, "Marie")]),
    ("Comité : -", [R(None, "Comité")]),
    # Empty lines, extra spaces and bare bullets are ignored
    (
        "\n\n  Marie —   appelle   l'office \n\n-\n   \nL'OMH : répond\r\n",
        [R("Marie", "appelle l'office"), R("L'OMH", "répond")],
    ),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), LINES)
def test_parse_responsibilities(text: str, expected: list[Responsibility]) -> None:
    parsed = parse_responsibilities(text)
    assert parsed.items == expected
    assert parsed.cut is False


def test_too_many_lines_are_dropped_and_said() -> None:
    text = "\n".join(f"Personne {n} : tâche {n}" for n in range(1, 26))
    parsed = parse_responsibilities(text)
    assert len(parsed.items) == 20
    assert parsed.items[-1] == R("Personne 20", "tâche 20")
    assert parsed.cut is True
    exactly = parse_responsibilities("\n\n".join(["Marie : appelle"] * 3), max_lines=3)
    assert len(exactly.items) == 3
    assert exactly.cut is False


def test_too_long_lines_are_shortened_on_a_word_and_said() -> None:
    parsed = parse_responsibilities("Marie : " + "appelle l'office " * 30, max_length=50)
    (item,) = parsed.items
    assert item.who == "Marie"
    assert len(item.what) <= 50
    assert item.what.endswith("l'office")
    assert parsed.cut is True


# --- Clipping free text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("  Nous   voulons\tun parc  ", 100, ("Nous voulons un parc", False)),
        ("Ligne 1\n\n\n\n  Ligne   2\n\n", 100, ("Ligne 1\n\nLigne 2", False)),
        ("Bonjour tout le monde", 12, ("Bonjour tout", True)),
        ("Bonjour tout le monde", 10, ("Bonjour", True)),
        ("a" * 30, 10, ("a" * 10, True)),
        ("Bonjour", 0, ("", True)),
        ("   ", 0, ("", False)),
    ],
)
def test_clip(text: str, limit: int, expected: tuple[str, bool]) -> None:
    assert clip(text, limit) == expected


# --- Arbitrary text never breaks anything -----------------------------------------------------


@settings(max_examples=300)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=50)), st.none() | st.dates())
def test_assess_objective_never_raises(text: str, sign: str | None, target: date | None) -> None:
    result = assess_objective(text, sign, target)
    assert result == sorted(set(result), key=list(Vagueness).index)


@settings(max_examples=300)
@given(
    st.text(alphabet=st.characters(), max_size=600)
    | st.lists(
        st.sampled_from(["Marie", " — ", " : ", "-", " - ", "Saint-Michel", "\n", "• ", "18:30"])
    ).map("".join),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=300),
)
def test_parse_responsibilities_never_raises(text: str, max_lines: int, max_length: int) -> None:
    parsed = parse_responsibilities(text, max_lines=max_lines, max_length=max_length)
    assert len(parsed.items) <= max_lines
    for item in parsed.items:
        assert item.what and item.what == item.what.strip()
        assert len(item.what) <= max_length
        assert item.who is None or 0 < len(item.who) <= 60


@given(st.text(max_size=300), st.integers(min_value=-5, max_value=300))
def test_clip_stays_within_the_limit(text: str, limit: int) -> None:
    clipped, cut = clip(text, limit)
    assert len(clipped) <= max(limit, 0)
    assert clipped == clipped.strip()
    assert clip(clipped, limit) == (clipped, False)
    assert cut or clipped == clip(text, 10_000)[0]
