"""How a decision says who takes care of it, in French, Spanish and Arabic.

`quick_decision` reads French always, and the other languages the author may write in
(« es », « ar »: a hint, a plain argument). Each language lists its cues as pieces of
regular expressions on `fold_text`'s copy (lower case, no accents, no Arabic vowel marks,
hamza dropped from its seat: « مسؤول » is « مسوول »):

- `acts`: after a name, the person acts (« s'en occupe », « se encarga », « يتولى »);
- `plural`: the end of `acts` said of several people (« s'en occupent », « se encargan »);
- `before`: before a name (« responsable : », « a cargo de »; in Arabic the verb often comes
  first: « سيتولى أحمد »);
- `author`: the author takes it (« je m'en occupe », « me encargo », « سأتولى »);
- `author_who`: how the author says « me », the verb after it kept in the title;
- `says_who`: words that only say who, taken out of the follow-up's title with the name.

Spanish verbs are matched in the third person only (« llama », « llamarán », never
« llamamos »), so a capitalised « Luego llamamos » names nobody. Arabic has no capitals:
an unknown name is the word right before or after an Arabic cue (`caseless_name`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from bot.domain.french_date_cues import MONTHS, WEEKDAYS, fold_text


def _letters(pattern: str) -> str:
    """A pattern's letters folded as `fold_text` folds the text (its ASCII syntax kept)."""
    return "".join(fold_text(char)[0] if ord(char) > 127 else char for char in pattern)


@dataclass(frozen=True)
class Words:
    acts: str
    plural: str
    before: str
    conjunction: str
    author: str
    author_who: str
    says_who: str
    not_names: frozenset[str] = frozenset()


# Verbs saying who acts. Stems, so futures and plurals come along (« appellera », « prennent »).
_FR_STEMS = (
    r"contact|appel|ecri|envoi|enverr|prepar|pren|fai|fer|demand|verifi|parl|redig|imprim"
    r"|affich|relanc|reserv|achet|apport|organis|rencontr|pass|telephon|transm|depos|rempl"
    r"|amen|ger|communiqu|convoqu|accueill|rappel|sui[tv]|regl|s'occup|se\s+charg|s'en\s+occup"
    r"|s'en\s+charg"
)
_FR_MODALS = r"va|vont|doit|doivent|devra|devront|peut|pourra|vais|dois|peux|devrai|pourrai"
FRENCH = Words(
    acts=r"va|vont|doit|doivent|devra|devront|peut|pourra|ira"
    r"|est\s+responsable|sera\s+responsable|sont\s+responsables|(?:" + _FR_STEMS + r")\w*",
    plural=r"nt|sont\s+responsables",
    before=r"\bresponsables?\s*:?|\bc'est|\bqui\s*:|\bconfie\s+a|\ba\s+la\s+charge\s+de",
    conjunction=r"et",
    author=r"c'est\s+moi|moi\s+qui|responsables?\s*:?\s*moi|qui\s*:\s*moi|moi\s*,?\s*je"
    r"|je\s+(?:vais|dois|peux|devrai|pourrai|m'en\s+occup|m'en\s+charg|m'occup|me\s+charg"
    r"|" + _FR_STEMS + r")|j'(?:irai|y\s+vais|en\s+parle|appel|ecri|envoi|enverr|imprim|affich"
    r"|achet|apport|organis|amen)",
    author_who=r"c'est\s+moi(?:\s+qui)?|moi\s+qui|responsables?\s*:?\s*moi|qui\s*:\s*moi"
    r"|moi\s*,?\s*je|je|j'",
    says_who=r"(?:qui\s+)?(?:"
    rf"(?:(?:{_FR_MODALS})\s+)?(?:s'occup|se\s+charg)\w*\s+d(?:e\s+|')"
    rf"|(?:(?:{_FR_MODALS})(?:\s+s'en\s+(?:occuper|charger))?"
    r"|(?:est|sera|sont|seront)\s+responsables?"
    r"|[sm]'en\s+(?:occup|charg)\w*"
    r"|[sm]'occup\w*|(?:se|me)\s+charg\w*)(?![\w'-]))",
    not_names=frozenset((
        "on", "nous", "vous", "il", "elle", "ils", "elles", "je", "tu", "moi", "toi", "lui",
        "eux", "le", "la", "les", "un", "une", "des", "du", "de", "ce", "cet", "cette", "ces",
        "ca", "cela", "ceci", "qui", "que", "quoi", "personne", "chacun", "chacune", "tout",
        "tous", "toute", "toutes", "rien", "et", "ou", "mais", "puis", "ensuite", "alors",
        "donc", "apres", "avant", "finalement", "aussi", "sinon", "enfin", "bref", "pour", "par",
        "avec", "sans", "chez", "si", "oui", "non", "merci", "bonjour", "svp", "notre", "votre",
        "leur", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "nos", "vos",
        "leurs", "office", "omh", "hlm", "comite", "conseil", "ville", "association",
        "proprietaire", "concierge", "president", "presidente", "tresorier", "tresoriere",
        "secretaire", "direction", "administration", "municipalite", "locataire", "locataires",
        "gestionnaire", "responsable", "equipe", "benevole", "benevoles", "quelqu'un", "celui",
        "celle", "ceux", "chaque", "aujourd'hui", "demain", "hier", "madame", "monsieur", "lors",
        "pendant", "urgent", "important", "suivi", "decision", "note", "point", "sujet", "hydro",
        "hydro-quebec", "videotron", "bell", "regie", "tribunal", "maire", "mairesse", "depute",
        "deputee", "gouvernement", "quebec", "montreal", *WEEKDAYS, *MONTHS,
    )),
)  # fmt: skip

# Spanish: third-person forms only (present, future, « va a »).
_ES_AR_VERBS = r"llam|prepar|contact|habl|pregunt|organiz|compr|revis|llev|envi|visit|avis|pas"
_ES_ER_VERBS = r"escrib|recib|pid|pon|hac|resuelv|resolv|atiend|atend|traduc|imprim"
SPANISH = Words(
    acts=r"se\s+encarga\w*|se\s+ocupa\w*|se\s+hace\s+cargo|se\s+haran?\s+cargo"
    r"|va\s+a|van\s+a|debe|deben|tiene\s+que|tienen\s+que|podra|podran"
    r"|es\s+responsable|sera\s+responsable|son\s+responsables|seran\s+responsables"
    rf"|(?:{_ES_AR_VERBS})(?:a|an|ara|aran)|(?:{_ES_ER_VERBS})(?:e|en|ira|iran|era|eran)"
    r"|hara|haran",
    plural=r"an|en|van\s+a|son\s+responsables|seran\s+responsables|tienen\s+que",
    before=r"\bresponsables?\s*:?|\bencargad[oa]s?\s*:?|\ba\s+cargo\s+de|\bquien\s*:",
    conjunction=r"y|e",
    author=r"(?:yo\s+)?(?:me\s+encargo|me\s+ocupo|me\s+hago\s+cargo|voy\s+a|lo\s+hago"
    r"|llamo|llamare|escribo|escribire|envio|enviare|preparo|preparare|hablo|hablare"
    r"|contacto|contactare|pregunto|preguntare)\b|lo\s+hago\s+yo\b|responsable\s*:?\s*yo\b",
    author_who=r"yo",
    says_who=r"(?:(?:va|van|voy)\s+a|debe|deben|tiene\s+que|tienen\s+que|podra|podran)(?=\s)"
    r"|(?:se|me)\s+(?:encarg|ocup)\w*(?:\s+de(?:l)?(?=\s))?"
    r"|(?:se|me)\s+(?:hace|hago|hara|haran)\s+cargo(?:\s+de(?:l)?(?=\s))?"
    r"|(?:es|sera|son|seran)\s+responsables?(?:\s+de(?:l)?(?=\s))?|lo\s+hago(?:\s+yo)?",
    not_names=frozenset((
        "yo", "tu", "el", "ella", "usted", "nosotros", "nosotras", "ustedes", "ellos", "ellas",
        "la", "las", "los", "lo", "un", "una", "y", "o", "pero", "luego", "despues", "entonces",
        "tambien", "todos", "todas", "nadie", "alguien", "cada", "hoy", "manana", "ayer",
        "oficina", "comite", "asociacion", "ciudad", "conserje", "presidente", "presidenta",
        "secretario", "secretaria", "tesorero", "tesorera", "responsable", "equipo", "gracias",
        "hola", "si", "no", "para", "por", "con", "sin", "que", "quien", "nuestro", "nuestra",
        "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    )),
)  # fmt: skip

# Arabic: « يتولى/تتولى » (he/she takes on), « يتكفل », « يقوم بـ », « يهتم بـ », with the
# future « سـ »; « مسؤول عن » (in charge of). First person: « سأتولى », « أتكفل »…
_AR_ROOTS = r"تولى|تكفل|قوم|هتم|تصل|كتب|رسل|حضر|تابع"
ARABIC = Words(
    acts=_letters(
        rf"(?:س)?(?:ي|ت)(?:{_AR_ROOTS})(?:ون|ان)?|مسؤول(?:ة|ون|ين)?(?:\s+عن)?"
    ),
    plural=_letters(r"ون|ان|مسؤولين"),
    before=_letters(
        rf"(?<!\w)(?:(?:س)?(?:ي|ت)(?:{_AR_ROOTS})(?:ون|ان)?|المسؤول(?:ة)?(?:\s+عن\s+ذلك)?\s*:?)"
    ),
    conjunction=_letters(r"و"),
    author=_letters(
        rf"(?<!\w)(?:(?:أنا\s+)?(?:س)?أ(?:{_AR_ROOTS})|أنا\s+(?:ال)?مسؤول(?:ة)?)(?!\w)"
    ),
    author_who=_letters(r"أنا"),
    # « تتولى ذلك », « سأتولى »: taking it on says who; « سيتصل » (will call) says what.
    says_who=_letters(
        r"(?:(?:س)?(?:ي|ت|أ)تولى(?:ون|ان)?(?:\s+(?:ذلك|الأمر|الموضوع|المهمة))?"
        r"|(?:س)?(?:ي|ت|أ)(?:تكفل|قوم|هتم)(?:ون|ان)?\s+(?:بذلك|به|بها|بالأمر)"
        r"|(?:ال)?مسؤول(?:ة|ون)?\s+عن(?:\s+ذلك)?|ذلك|الأمر|الموضوع|المهمة)(?!\w)"
        # « يتكفل بالرسالة »: the joined « بـ » goes with the verb, « الرسالة » stays.
        r"|(?:س)?(?:ي|ت|أ)(?:تكفل|قوم|هتم)(?:ون|ان)?\s+ب(?=\w)"
    ),
    not_names=frozenset(
        fold_text(word)[0]
        for word in (
            "هو", "هي", "هم", "هن", "نحن", "أنا", "أنت", "أنتم", "أنتن", "ذلك", "هذا", "هذه",
            "الذي", "التي", "من", "ما", "كل", "ثم", "قد", "لا", "لم", "لن", "سوف", "أن", "إن",
            "على", "في", "عن", "مع", "الى", "إلى", "كما", "أحد", "الجميع", "الكل", "اللجنة",
            "المكتب", "غدا", "اليوم",
        )
    ),
)  # fmt: skip

WORDS: dict[str, Words] = {"fr": FRENCH, "es": SPANISH, "ar": ARABIC}


@dataclass(frozen=True)
class Cues:
    """The cues of the languages a decision may be written in, compiled once."""

    third_person: re.Pattern[str]  # match at a name's end
    plural: re.Pattern[str]
    link_before: re.Pattern[str]  # search, $-anchored, before a name
    conjunction: re.Pattern[str]
    author: re.Pattern[str]
    only_says_who: re.Pattern[str]  # match after the responsible's name
    author_who: re.Pattern[str]
    not_names: frozenset[str]
    caseless: bool  # a language without capitals is among them


def _either(pieces: Iterable[str]) -> str:
    return "|".join(f"(?:{piece})" for piece in pieces)


@cache
def cues_for(languages: tuple[str, ...]) -> Cues:
    """French, and the other languages among `languages` that have cues here."""
    chosen = [FRENCH, *(WORDS[code] for code in dict.fromkeys(languages) if code in WORDS)]
    chosen = list(dict.fromkeys(chosen))
    return Cues(
        third_person=re.compile(
            r"\s*(?:\([^)]{0,40}\)\s*)?,?\s*(?P<verb>"
            + _either(w.acts for w in chosen)
            + r")(?!\w)"
        ),
        plural=re.compile(r"(?:" + _either(w.plural for w in chosen) + r")$"),
        link_before=re.compile(r"(?:" + _either(w.before for w in chosen) + r")\s*$"),
        conjunction=re.compile(
            r"\s*(?:,|،|\b(?:" + _either(w.conjunction for w in chosen) + r")\b)\s*"
        ),
        author=re.compile(r"\b(?:" + _either(w.author for w in chosen) + r")"),
        # French last: its « va » must not cut Spanish « va a » short.
        only_says_who=re.compile(
            r"\s*(?:\([^)]{0,40}\)\s*)?,?\s*(?:"
            + _either(w.says_who for w in reversed(chosen))
            + r")"
        ),
        author_who=re.compile(r"(?:" + _either(w.author_who for w in chosen) + r")"),
        not_names=frozenset().union(*(w.not_names for w in chosen)),
        caseless=ARABIC in chosen,
    )


def caseless_name(word: str, cues: Cues) -> bool:
    """A word of a script without capitals (Arabic) that may be a person's name next to a
    cue: not a pronoun or a common word, not a noun with its article (« المكتب »)."""
    return (
        bool(word)
        and word[0].isalpha()
        and not word[0].isupper()
        and not word[0].islower()
        # Nouns with their article, alone or after a joined preposition (« بالمكتب »).
        and not word.startswith(("ال", "بال", "لل", "وال", "فال", "كال"))
        and word not in cues.not_names
    )
