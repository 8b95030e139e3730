"""The French catalog, read as a tenant would: complete, plural forms through gettext, no
« (s) » nor median dot, no capital after a colon in running text, names never glued to a
preposition, no doubled punctuation, dates and hours the Québec way, and easy to read.

Every message is rendered with sample values before it is checked: names that carry their own
article (« Comité des Pins », « Office municipal… »), what people type ending with a period,
dates on the first of a month, both plural forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
import textstat
from babel.messages.catalog import Catalog, Message

from bot.i18n import SUPPORTED_LOCALES, tidy_punctuation, translator
from tests.unit.test_i18n import load_catalog

FR = translator("fr_CA")

# The rule for names: a committee's, partner's or office's name never follows a word of a
# sentence (« membre de Comité des… », « avec Office… »). It stands on a line of its own,
# after a colon (« … ce comité : Comité des Pins »), or after a dash in a title
# (« Suivis — Comité des Pins »); the sentence says « ce comité », « ce partenaire ».
ORGANISATIONS = (
    "Association des locataires des Pins",
    "Office municipal d'habitation de Québec",
    "Comité des Pins",
    "CLSC de Limoilou",
)
NAME_PLACEHOLDERS = ("committee", "partner", "active")
NAME_MAY_FOLLOW = re.compile(r"(?:^|\n|\u00a0: |— |« |\()(?:<b>)?$")
TYPED = "On répare la porte d'ici vendredi."
SAMPLES: dict[str, str] = {
    "person": "Ginette",
    "who": "Ginette",
    "names": "Ginette, Paul",
    "ref": "S-3",
    "day": FR.format_day(date(2027, 3, 1)),
    "when": FR.format_moment(datetime(2027, 3, 1, 19, 30)),
    "time": FR.format_time(time(9, 0)),
    "start": FR.format_time(time(20, 0)),
    "end": FR.format_time(time(9, 0)),
    "month": FR.format_month_name(3),
    "tally": "Pour 1 · Contre 0 · Abstention 0",
    **dict.fromkeys(("what", "text", "title", "point", "sign", "reason", "phrase"), TYPED),
}
COUNTS = ("count", "cast", "achieved", "yes", "quorum", "days", "seconds")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A capital after a colon starts a sentence or a quotation, not the rest of a sentence
# (« Exemple : nettoyer… », not « Exemple : Nettoyer… »); names keep theirs.
PROPER_AFTER_COLON = (
    "Association", "Office", "Ville", "CLSC", "Mme", "America", "Telegram", "BOT_TOKEN",
)  # fmt: skip
CAPITAL_AFTER_COLON = re.compile(r"\u00a0: ([A-ZÀÂÉÈÊÎÔÙÛÇ][a-zàâçéèêëîïôûùüÿœ]+)")
DOUBLED = re.compile(r"(?<![.])\.\s?\.(?![.])|[.!?…]\s*»\s*\.|[!?]{2}|,\s*[.!?]|\s[.,](?![\w/])")


def french() -> list[Message]:
    return [m for m in load_catalog("fr_CA") if m.id]


def forms(message: Message) -> list[tuple[str, int]]:
    """Each French form with the count it is shown for: 1 for the first, 3 for the other."""
    if isinstance(message.string, tuple):
        return [(message.string[0], 1), (message.string[1], 3)]
    return [(str(message.string), 3)]


def rendered(text: str, count: int) -> Iterator[str]:
    """The message as it goes out (through the send path's tidying), once per sample name."""
    names = [p for p in PLACEHOLDER.findall(text) if p in NAME_PLACEHOLDERS]
    for organisation in ORGANISATIONS if names else ORGANISATIONS[:1]:
        values = {
            **dict.fromkeys(PLACEHOLDER.findall(text), "14"),
            **{key: str(count) for key in COUNTS},
            "total": "4",
            "members": "4",
            **SAMPLES,
            **dict.fromkeys(NAME_PLACEHOLDERS, organisation),
        }
        yield tidy_punctuation(text.format(**values))


def test_every_french_message_is_complete_with_its_plural_forms() -> None:
    incomplete = [m.id for m in french() if not all(text for text, _count in forms(m))]
    assert incomplete == []
    assert any(isinstance(m.id, tuple) for m in french()), "counts go through ngettext"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_plural_entry_has_all_the_forms_of_its_language(locale: str) -> None:
    catalog: Catalog = load_catalog(locale)
    needed = catalog.num_plurals
    short = [
        m.id
        for m in catalog
        if isinstance(m.id, tuple) and (len(m.string) != needed or not all(m.string))  # type: ignore[arg-type]
    ]
    assert short == []


def test_no_made_up_plural_nor_median_dot() -> None:
    found = [
        text
        for m in french()
        for text, _count in forms(m)
        if "(s)" in text or "(e)" in text or re.search(r"\w·\w", text)
    ]
    assert found == []


def test_no_capital_after_a_colon_in_running_text() -> None:
    found = [
        text
        for m in french()
        for text, _count in forms(m)
        for word in CAPITAL_AFTER_COLON.findall(text)
        if word not in PROPER_AFTER_COLON
    ]
    assert found == []


def test_names_are_never_glued_to_a_preposition() -> None:
    glued = []
    for message in french():
        for text, count in forms(message):
            for out in rendered(text, count):
                for organisation in ORGANISATIONS:
                    for found in re.finditer(re.escape(organisation), out):
                        if not NAME_MAY_FOLLOW.search(out[: found.start()]):
                            glued.append(out)
    assert glued == []


def test_no_doubled_punctuation_once_rendered() -> None:
    doubled = [
        out
        for message in french()
        for text, count in forms(message)
        for out in rendered(text, count)
        if DOUBLED.search(out.replace("...", "…"))
    ]
    assert doubled == []


def test_counts_agree_with_their_number() -> None:
    """« 1 membre sur 4 a voté », « 3 suivis en retard », « aucun objectif atteint sur 2 »."""
    voted = ("{tally} ({cast} of {members} members voted)",) * 2
    assert FR.ngettext(*voted, 1).format(tally="", cast=1, members=4) == " (1 membre sur 4 a voté)"
    assert FR.ngettext(*voted, 3).format(tally="", cast=3, members=4).endswith("ont voté)")
    late = ("{count} follow-up overdue", "{count} follow-ups overdue")
    assert FR.ngettext(*late, 3).format(count=3) == "3 suivis en retard"
    assert FR.ngettext(*late, 1).format(count=1) == "1 suivi en retard"
    none = ("{ref} — {partner}: no objective achieved out of {total}",) * 2
    assert "aucun objectif atteint sur 2" in FR.ngettext(*none, 2).format(
        ref="P-1", partner="CLSC de Limoilou", total=2
    )


def test_dates_and_hours_the_quebec_way() -> None:
    assert FR.format_day(date(2027, 3, 1)) == "lundi 1er mars 2027"
    assert FR.format_time(time(9, 0)) == "9 h"
    assert FR.format_time(time(19, 0)) == "19 h"
    assert FR.format_moment(datetime(2027, 3, 1, 19, 30)) == "lundi 1er mars 2027 à 19 h 30"
    assert FR.format_due(date(2027, 3, 2), time(9, 5)) == "mardi 2 mars 2027 à 9 h 05"
    assert FR.format_due(None) == "pas de date"


def _prose(text: str) -> str:
    """What a reader reads: no tags, placeholders as a short word, a sentence end."""
    text = re.sub(r"<[^>]+>", "", PLACEHOLDER.sub("X", text))
    text = text.replace("\u00a0", " ").replace("«", "").replace("»", "").strip()
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


# French Flesch reading ease (textstat, Kandel and Moles): 87.4 for the catalog before
# issue 11, 87.7 after it. The floor sits a little below, so a harder sentence shows here.
READABILITY_FLOOR = 87.5


def test_the_french_catalog_stays_easy_to_read(capsys: pytest.CaptureFixture[str]) -> None:
    """The hardest messages are printed (pytest -s shows them); the whole catalog must stay
    above the floor: 87.4 before issue 11, 87.7 after it, floor 87.5."""
    textstat.set_lang("fr")
    texts = [_prose(text) for m in french() for text, _count in forms(m)[-1:]]
    score = textstat.flesch_reading_ease("\n".join(texts))
    scored = sorted(
        (textstat.flesch_reading_ease(t), t) for t in texts if textstat.lexicon_count(t) >= 8
    )
    with capsys.disabled():
        print(f"\nFrench catalog, Flesch reading ease: {score:.1f} (floor {READABILITY_FLOOR})")
        for value, text in scored[:10]:
            print(f"  {value:5.1f}  {text[:100]!r}")
    assert score >= READABILITY_FLOOR
