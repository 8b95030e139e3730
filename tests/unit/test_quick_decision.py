from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.follow_up_title import follow_up_title
from bot.domain.french_dates import DateProblem
from bot.domain.quick_decision import DecisionProblem, MemberName, parse_quick_decision
from bot.domain.typed_text import is_meaningful

TZ = ZoneInfo("America/Toronto")
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # Monday 23 November 2026

AUTHOR = MemberName(1, "Sylvie Bouchard", "sylvieb")
MARIE = MemberName(2, "Marie Tremblay", "marie_t")
PAUL = MemberName(3, "Paul Gagnon", None)
JF = MemberName(4, "Jean-François Roy", "jfroy")
MARIE_EVE = MemberName(5, "Marie-Ève Côté", None)
CLAIRE = MemberName(6, "Claire Dubé", None)
AVRIL = MemberName(7, "Avril Lavoie", None)
MEMBERS = (AUTHOR, MARIE, PAUL, JF, MARIE_EVE, CLAIRE, AVRIL)
MARIE_G = MemberName(8, "Marie Gagnon", None)
TWO_MARIES = (*MEMBERS, MARIE_G)

NOV_24 = date(2026, 11, 24)
NOV_27 = date(2026, 11, 27)
NOV_30 = date(2026, 11, 30)
DEC_15 = date(2026, 12, 15)

# text, responsible, other people, unknown name, due date, due time, date problem
Case = tuple[
    str,
    MemberName | None,
    tuple[MemberName, ...],
    str | None,
    date | None,
    time | None,
    DateProblem | None,
]
CASES: list[Case] = [
    # The example from the brief
    (
        "On demande à l'office de réparer la porte du local. Marie s'en occupe d'ici vendredi.",
        MARIE, (), None, NOV_27, None, None,
    ),
    # No person, no date
    ("On demande à l'office de réparer la porte.", None, (), None, None, None, None),
    ("Nous allons écrire une lettre au député. On verra.", None, (), None, None, None, None),
    ("On attend la réponse de l'office.", None, (), None, None, None, None),
    ("Vote : 5 pour, 2 contre. Adopté.", None, (), None, None, None, None),
    # No person, a date
    ("L'Office va réparer la porte d'ici la fin du mois.", None, (), None, NOV_30, None, None),
    ("OMH doit répondre avant le 1er décembre.", None, (), None, date(2026, 12, 1), None, None),
    ("Hydro-Québec va couper le courant vendredi.", None, (), None, NOV_27, None, None),
    # A person, no date
    ("Marie s'en occupe.", MARIE, (), None, None, None, None),
    ("Responsable: Paul", PAUL, (), None, None, None, None),
    ("Marie-Ève prépare l'affiche.", MARIE_EVE, (), None, None, None, None),
    ("Marie, peux-tu appeler l'office? Merci!", MARIE, (), None, None, None, None),
    ("Acheter des ampoules (Paul) — 25 $ max.", PAUL, (), None, None, None, None),
    ("Je propose que Paul écrive au directeur.", PAUL, (), None, None, None, None),
    # A person and a date
    ("Paul va appeler Marie demain.", PAUL, (MARIE,), None, NOV_24, None, None),
    (
        "Jean-François Roy imprime les affiches le 15 décembre.",
        JF, (), None, DEC_15, None, None,
    ),
    (
        "Réunion générale le 15/12 à 19h; Jean-François réserve la salle.",
        JF, (), None, DEC_15, time(19, 0), None,
    ),
    (
        "Dans 3 jours, Claire envoie l'avis aux locataires.",
        CLAIRE, (), None, date(2026, 11, 26), None, None,
    ),
    (
        "Nous demandons à Claire de relancer l'office la semaine prochaine.",
        CLAIRE, (), None, NOV_30, None, None,
    ),
    (
        "Le concierge doit nettoyer le local, Marie fait le suivi dans deux semaines.",
        MARIE, (), None, date(2026, 12, 7), None, None,
    ),
    ("Paul écrit au député d’ici le 1er décembre.", PAUL, (), None, date(2026, 12, 1), None, None),
    # Several names: the one next to a responsibility cue
    (
        "On en parle avec Marie, mais Paul s'en charge avant mardi.",
        PAUL, (MARIE,), None, NOV_24, None, None,
    ),
    (
        "Marie et Paul s'en occupent d'ici le 15 décembre.",
        MARIE, (PAUL,), None, DEC_15, None, None,
    ),
    ("Paul et moi, on s'en occupe.", PAUL, (), None, None, None, None),
    ("On en parle avec Paul; Marie suit le dossier.", MARIE, (PAUL,), None, None, None, None),
    ("Je suis d'accord, Paul s'en occupe.", PAUL, (), None, None, None, None),
    # @mentions
    (
        "@marie_t appelle l'office demain à 14 h 30",
        MARIE, (), None, NOV_24, time(14, 30), None,
    ),
    ("Lettre au député : @MARIE_T", MARIE, (), None, None, None, None),
    ("@gerard s'en occupe vendredi", None, (), "@gerard", NOV_27, None, None),
    # The author
    ("Je m'en occupe d'ici la fin du mois.", AUTHOR, (), None, NOV_30, None, None),
    ("je m'en charge", AUTHOR, (), None, None, None, None),
    ("C'est moi qui appelle l'office.", AUTHOR, (), None, None, None, None),
    ("Responsable : moi. Pour vendredi.", AUTHOR, (), None, NOV_27, None, None),
    ("Je m'en occupe avec Marie.", AUTHOR, (MARIE,), None, None, None, None),
    ("J'appelle l'office demain matin.", AUTHOR, (), None, NOV_24, None, None),
    # Names that match no member
    ("Gérard s'en occupe vendredi.", None, (), "Gérard", NOV_27, None, None),
    ("Gérard Roy s'en occupe.", None, (), "Gérard Roy", None, None, None),
    ("Responsable : Gérard", None, (), "Gérard", None, None, None),
    ("Ensuite Gérard va voir le concierge.", None, (), "Gérard", None, None, None),
    ("Mariette va acheter du café.", None, (), "Mariette", None, None, None),
    ("Marie Fernandez va venir à la réunion.", None, (), "Marie Fernandez", None, None, None),
    ("Mme Gagnon s'en occupe.", None, (), "Mme Gagnon", None, None, None),
    # Names that are also words
    (
        "La réunion du 15 avril est annulée, Avril envoie le courriel.",
        AVRIL, (), None, date(2027, 4, 15), None, None,
    ),
    ("c'est claire, Paul s'en charge", PAUL, (), None, None, None, None),
    ("Claire s'en charge demain", CLAIRE, (), None, NOV_24, None, None),
    # Case, accents, punctuation, emoji
    ("MARIE S'EN OCCUPE DEMAIN", MARIE, (), None, NOV_24, None, None),
    (
        "marie s'en occupe apres-demain à 14 h 30 !!!",
        MARIE, (), None, date(2026, 11, 25), time(14, 30), None,
    ),
    ("Demander aux locataires 🏠🔧 — Paul 👍 vendredit", PAUL, (), None, NOV_27, None, None),
    ("Paul: lettre au proprio, 15 decembre!!", PAUL, (), None, DEC_15, None, None),
    # Dates that need attention
    ("Réparer le chauffage. Suivi : Marie d'ici demin.", MARIE, (), None, None, None, None),
    ("Suite à la réunion d'hier, Paul écrit au député.", PAUL, (), None, None, None, None),
    (
        "Le député sera contacté le 15/10/2025 par Paul",
        PAUL, (), None, date(2025, 10, 15), None, DateProblem.IN_THE_PAST,
    ),
    ("Paul s'en occupe le 31/11", PAUL, (), None, None, None, DateProblem.UNREADABLE),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "responsible", "others", "unknown", "due", "due_time", "date_problem"), CASES
)
def test_phrasings(
    text: str,
    responsible: MemberName | None,
    others: tuple[MemberName, ...],
    unknown: str | None,
    due: date | None,
    due_time: time | None,
    date_problem: DateProblem | None,
) -> None:
    decision = parse_quick_decision(text, author=AUTHOR, members=MEMBERS, now=MONDAY)
    assert decision.problem is None
    assert decision.text == text
    assert decision.responsible == responsible
    assert decision.responsible_is_author == (responsible == AUTHOR)
    assert decision.other_people == others
    assert decision.unknown_name == unknown
    assert (decision.date.due_date, decision.date.due_time) == (due, due_time)
    assert decision.date.problem is date_problem


@pytest.mark.parametrize(
    ("text", "responsible", "others"),
    [
        ("Marie s'en occupe.", None, (MARIE, MARIE_G)),  # ambiguous: the bot asks
        ("Marie Tremblay s'en occupe.", MARIE, ()),
        ("Marie Gagnon et Paul en parlent; Marie s'en occupe.", MARIE_G, (PAUL,)),
        ("@marie_t s'en occupe", MARIE, ()),
    ],
)
def test_two_members_with_the_same_first_name(
    text: str, responsible: MemberName | None, others: tuple[MemberName, ...]
) -> None:
    decision = parse_quick_decision(text, author=AUTHOR, members=TWO_MARIES, now=MONDAY)
    assert decision.responsible == responsible
    assert decision.other_people == others


def test_author_named_by_name_is_the_author() -> None:
    decision = parse_quick_decision(
        "Sylvie s'en occupe", author=AUTHOR, members=MEMBERS, now=MONDAY
    )
    assert decision.responsible == AUTHOR and decision.responsible_is_author


def test_author_missing_from_members_is_still_known() -> None:
    decision = parse_quick_decision("Je m'en occupe", author=AUTHOR, members=[PAUL], now=MONDAY)
    assert decision.responsible == AUTHOR and decision.responsible_is_author


def test_short_or_common_word_names_are_not_found_everywhere() -> None:
    odd = [MemberName(10, "A Roy", None), MemberName(11, "Le", None), MemberName(12, "🌸", None)]
    decision = parse_quick_decision(
        "Le local est à nettoyer, à faire demain.", author=AUTHOR, members=odd, now=MONDAY
    )
    assert decision.responsible is None and decision.other_people == ()
    decision = parse_quick_decision("A Roy s'en occupe", author=AUTHOR, members=odd, now=MONDAY)
    assert decision.responsible == odd[0]


def test_the_decision_keeps_the_text_as_typed() -> None:
    decision = parse_quick_decision(
        "  Marie   s'en\n occupe\t demain  ", author=AUTHOR, members=MEMBERS, now=MONDAY
    )
    assert decision.text == "Marie   s'en\n occupe\t demain"
    assert decision.responsible == MARIE
    assert decision.date.phrase == "demain"


@pytest.mark.parametrize("text", ["", "   ", "\n\t \u00a0"])
def test_empty(text: str) -> None:
    decision = parse_quick_decision(text, author=AUTHOR, members=MEMBERS, now=MONDAY)
    assert decision.problem is DecisionProblem.EMPTY
    assert decision.text == ""
    assert decision.responsible is None and decision.date.phrase is None


def test_too_long_keeps_what_fits() -> None:
    text = "Marie s'en occupe demain. " + "Bla bla " * 200
    decision = parse_quick_decision(text, author=AUTHOR, members=MEMBERS, now=MONDAY)
    assert decision.problem is DecisionProblem.TOO_LONG
    assert len(decision.text) <= 1000
    assert decision.text.startswith("Marie s'en occupe demain. Bla bla")
    assert decision.responsible == MARIE and decision.date.due_date == NOV_24


def test_max_length_is_inclusive() -> None:
    text = "x" * 20
    ok = parse_quick_decision(text, author=AUTHOR, members=MEMBERS, now=MONDAY, max_length=20)
    assert ok.problem is None and ok.text == text
    cut = parse_quick_decision(text, author=AUTHOR, members=MEMBERS, now=MONDAY, max_length=19)
    assert cut.problem is DecisionProblem.TOO_LONG and cut.text == "x" * 19


def test_very_long_text_is_quick_enough() -> None:
    text = "Marie appelle l'office d'ici vendredi, Paul prépare la salle. " * 2000
    decision = parse_quick_decision(text, author=AUTHOR, members=MEMBERS, now=MONDAY)
    assert decision.problem is DecisionProblem.TOO_LONG
    assert decision.responsible == MARIE and decision.date.due_date == NOV_27


_WORDS = [
    "Marie", "marie", "Paul", "@marie_t", "@", "s'en occupe", "va", "je", "moi", "c'est",
    "responsable :", "demain", "vendredi", "le 15 décembre", "à 14 h 30", "Gérard", "et",
    "d'ici", "On", "Nous", "l'", "-", "Ève", "(", ")", "31/11", "hier",
]  # fmt: skip
_MEMBERS = st.lists(
    st.builds(
        MemberName,
        person_id=st.integers(min_value=0, max_value=20),
        display_name=st.one_of(st.text(max_size=20), st.sampled_from(_WORDS)),
        username=st.none() | st.text(max_size=12),
    ),
    max_size=6,
)
_TEXTS = st.one_of(
    st.text(max_size=120),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=5)), max_size=12).map(" ".join),
)


@settings(max_examples=200, deadline=None)
@given(
    text=_TEXTS,
    author=_MEMBERS.map(lambda ms: ms[0] if ms else MemberName(0, "", None)),
    members=_MEMBERS,
    max_length=st.integers(min_value=-2, max_value=200),
)
def test_never_raises(
    text: str, author: MemberName, members: list[MemberName], max_length: int
) -> None:
    decision = parse_quick_decision(
        text, author=author, members=members, now=MONDAY, max_length=max_length
    )
    assert decision.text == decision.text.strip()
    assert decision.title == decision.text or decision.problem is not None or decision.title
    if decision.problem is None:
        assert decision.text and len(decision.text) <= max_length
    if decision.responsible is not None:
        assert decision.responsible in (author, *members)
        assert decision.responsible.person_id not in {p.person_id for p in decision.other_people}
        assert decision.unknown_name is None
    if decision.date.phrase is not None:
        assert decision.date.phrase in decision.text


TITLES = [
    ("Écrire la lettre pour le déneigement, Paul, dans deux semaines",
     "Écrire la lettre pour le déneigement"),
    ("On demande à l'office de réparer la porte du local. Marie s'en occupe d'ici vendredi.",
     "On demande à l'office de réparer la porte du local"),
    ("On achète des chaises.\nPaul s'en occupe d'ici vendredi.", "On achète des chaises"),
    ("Paul va appeler Marie demain.", "Appeler Marie"),
    ("C'est moi qui appelle l'office demain.", "Appelle l'office"),
    ("J'appelle l'office demain matin.", "Appelle l'office"),
    ("Paul se charge de l'affiche pour vendredi", "L'affiche"),
    ("Lettre au député : @MARIE_T", "Lettre au député"),
    ("On en parle avec Marie, mais Paul s'en charge avant mardi.", "On en parle avec Marie"),
    ("Paul: lettre au proprio, 15 decembre!!", "Lettre au proprio"),
    # Taking the name out would break the sentence: it stays.
    ("Nous demandons à Claire de relancer l'office la semaine prochaine.",
     "Nous demandons à Claire de relancer l'office"),
    ("Je propose que Paul écrive au directeur.", "Je propose que Paul écrive au directeur."),
    # A date inside its clause names a thing, not the deadline's words.
    ("La réunion du 15 avril est annulée, Avril envoie le courriel.",
     "La réunion du 15 avril est annulée, envoie le courriel"),
    # Two people share the task: the title keeps both.
    ("Marie et Paul s'en occupent d'ici vendredi.", "Marie et Paul s'en occupent"),
    # Nothing left to say: the title is the text.
    ("Marie s'en occupe d'ici vendredi.", "Marie s'en occupe d'ici vendredi."),
    ("On demande à l'office de réparer la porte.", "On demande à l'office de réparer la porte."),
    # A past date is not understood as the deadline: it stays.
    ("Paul rappelle le CLSC d'ici le 15/10/2026.", "Rappelle le CLSC d'ici le 15/10/2026"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_the_follow_up_title_leaves_out_the_person_and_date_understood(
    text: str, title: str
) -> None:
    decision = parse_quick_decision(text, author=AUTHOR, members=MEMBERS, now=MONDAY)
    assert decision.title == title
    assert decision.text == text


def _in_order(title: str, text: str) -> bool:
    """Every letter of the title comes from the text, in order (nothing added)."""
    remaining = iter(text.casefold())
    return all(char in remaining for char in title.casefold() if not char.isspace())


_TASKS = st.sampled_from(
    [
        "Écrire la lettre pour le déneigement",
        "Acheter des chaises pour le local",
        "Relancer l'office au sujet de la porte",
        "Afficher l'horaire du local",
    ]
)
_WHO = st.sampled_from(["Paul", "Marie", "Jean-François", "@marie_t"])
_WHEN = st.sampled_from(
    ["dans deux semaines", "d'ici vendredi", "le 15 décembre", "demain", "avant le 1er décembre"]
)
_FORMS = st.sampled_from(
    [
        "{task}, {who}, {when}",
        "{task}. {who} s'en occupe {when}.",
        "{task} {when}; {who} s'en charge",
        "{who} : {task}, {when}",
        "{task} — {who} — {when}",
    ]
)


@settings(max_examples=150, deadline=None)
@given(task=_TASKS, who=_WHO, when=_WHEN, form=_FORMS)
def test_a_task_named_with_a_person_and_a_date_keeps_only_the_task(
    task: str, who: str, when: str, form: str
) -> None:
    text = form.format(task=task, who=who, when=when)
    decision = parse_quick_decision(text, author=AUTHOR, members=MEMBERS, now=MONDAY)
    assert decision.responsible is not None and decision.date.due_date is not None
    assert decision.title == task
    assert decision.text == text


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, members=_MEMBERS)
def test_a_title_adds_nothing_and_always_says_something(
    text: str, members: list[MemberName]
) -> None:
    decision = parse_quick_decision(text, author=AUTHOR, members=members, now=MONDAY)
    if decision.problem is not None:
        return
    assert is_meaningful(decision.title)
    assert _in_order(decision.title, decision.text)
    if decision.responsible is None and decision.unknown_name is None and not decision.date.phrase:
        assert decision.title == decision.text


def test_the_words_that_led_to_a_date_go_with_it() -> None:
    """« ouvert le samedi » without its date is « ouvert », not « ouvert le »."""
    text = "On garde le local ouvert le samedi."
    start = text.index("samedi")
    assert follow_up_title(text, when=(start, start + len("samedi"))) == "On garde le local ouvert"
