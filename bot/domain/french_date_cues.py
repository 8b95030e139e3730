"""The French words and patterns of dates, as `french_dates` finds them in a message.

Everything is matched on a folded copy of the text (lower case, no accents, one kind of
apostrophe and hyphen: `fold_text`), which maps back to the exact characters typed.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic apostrophes and hyphens from phone keyboards, so the cues need one spelling.
CHAR_MAP = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"}
CHAR_MAP.update(dict.fromkeys("\u2010\u2011\u2012\u2013", "-"))


def fold_text(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free copy of `text`, and for each of its characters the index it came
    from, so a match in the copy maps back to an exact substring of the original."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", CHAR_MAP.get(char, char).lower()):
            if unicodedata.combining(part):
                continue
            for low in part.lower():
                chars.append(low)
                origin.append(index)
    return "".join(chars), origin


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTH_NAMES = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)  # fmt: skip
MONTH_ABBREVIATIONS = {
    "janv": 1, "jan": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7,
    "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)} | MONTH_ABBREVIATIONS
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
WD = r"(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)t?"  # « vendredit »
NO_TIME_AFTER = r"(?![0-9a-z/:])(?!\s*h(?:eures?)?\b)"
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "trente": 30,
}  # fmt: skip

# Longest match wins when two cues overlap (« lundi le 30 » over « lundi »).
DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "calendar",
            rf"\b(?:{WD}\s+)?(?:le\s+)?(?P<day>[0-9]{{1,2}})(?:er)?\s+(?P<month>{MONTH})\b"
            # The dot of « déc. » stays out of the phrase unless a year follows.
            r"(?:\.?\s+(?P<year>[0-9]{4})\b)?",
        ),
        (
            "numeric",
            rf"\b(?:{WD}\s+)?(?:le\s+)?(?P<day>[0-9]{{1,2}})/(?P<month>[0-9]{{1,2}})"
            # Not a fraction: « 2/3 des locataires ».
            r"(?:/(?P<year>[0-9]{4}|[0-9]{2}))?(?![0-9/])(?!\s+(?:des|du)\b|\s+d')",
        ),
        ("weekday_day", rf"\b{WD}\s+(?:le\s+)?(?P<day>[0-9]{{1,2}})(?:er)?{NO_TIME_AFTER}"),
        (
            "weekday",
            rf"\b(?:(?P<pre>prochain)\s+)?{WD}(?:\s+(?P<mod>prochain|dernier|qui\s+vient))?\b",
        ),
        (
            "relday",
            r"\b(?P<rel>aujourd'?hui|apres[- ]?demain|avant[- ]?hier|demain|hier"
            r"|ce\s+soir|ce\s+matin|cet\s+apres[- ]?midi|ce\s+midi)\b",
        ),
        (
            "relative",
            r"\b(?P<dir>dans|il\s+y\s+a)\s+(?P<n>[0-9]{1,9}|" + "|".join(NUMBER_WORDS) + r")"
            r"\s+(?P<unit>jours?|semaines?|mois|ans?)\b",
        ),
        ("week", r"\b(?:la\s+)?semaine\s+(?P<dir>prochaine|derniere|passee)\b"),
        (
            "end",
            r"\b(?:la\s+)?fin\s+(?:du\s+mois(?:\s+(?P<mnext>prochain))?"
            r"|de\s+(?:la\s+)?semaine(?:\s+(?P<wnext>prochaine))?"
            rf"|(?:de\s+|d')?(?P<month>{MONTH})\b(?:\s+(?P<year>[0-9]{{4}})\b)?)",
        ),
        ("year_end", r"\b(?:la\s+)?fin\s+(?:de\s+l'|d')annee\b"),
        ("next_month", r"\b(?:le\s+)?mois\s+prochain\b"),
        (
            "holiday",
            r"\b(?P<pre>avant|pour|d'ici|jusqu'a|a|apres|des|pendant|durant)\s+"
            r"(?:(?:la|le|les)\s+)?(?P<hol>noel|fetes|jour\s+de\s+l'an|nouvel\s+an)\b",
        ),
        (
            "period",
            r"\b(?P<how>en|pour|courant|durant|pendant|avant|d'ici|au\s+mois\s+d(?:e\s+|')"
            r"|dans\s+le\s+courant\s+d(?:e\s+|')|au\s+debut\s+d(?:e\s+|')|debut"
            rf"|a\s+la\s+mi|mi)[\s-]*(?P<month>{MONTH})\b(?:\s+(?P<year>[0-9]{{4}})\b)?",
        ),
        # Seasons and such: a date people mean, which the bot does not turn into a day.
        (
            "vague",
            r"\b(?:au|a\s+l'|a\s+la|cet(?:te)?|en|d'ici\s+(?:l'|la\s+)|avant\s+(?:l'|la\s+)"
            r"|pour\s+(?:l'|la\s+)|des\s+(?:l'|la\s+))\s*"
            r"(?P<season>printemps|ete|automne|hiver|rentree|relache)\b",
        ),
        # A bare day number only after a deadline word (checked below): « d'ici le 15 ».
        ("day_only", rf"\b(?:le|(?<=jusqu')au)\s+(?P<day>[0-9]{{1,2}})(?:er)?{NO_TIME_AFTER}"),
    )
)
DEADLINE_BEFORE = re.compile(
    r"(?:\b(?:d'ici(?:\s+a)?|avant|pour|au\s+plus\s+tard|jusqu'(?:a|au)|pas\s+plus\s+tard\s+que)"
    r"\s+|\bjusqu')$"
)
REFERENCE_BEFORE = re.compile(r"(?:\bd'|\b(?:du|de|depuis)\s+)$")
PART_OF_DAY = re.compile(r"\s+(?:(?:au|en|dans\s+la)\s+)?(?P<part>matin|apres[- ]?midi|soir)\b")
TIME = (
    r"(?:(?<![0-9:])(?P<h>[0-9]{1,2})\s*h(?:eures?)?\s*(?P<m>[0-9]{2})?(?![0-9a-z])"
    r"|(?<![0-9:])(?P<h2>[0-9]{1,2}):(?P<m2>[0-9]{2})(?![0-9])"
    r"|(?<!apres-)(?<!apres )\b(?P<noon>midi)\b)"
)
# A time on its own needs « à », « vers », « avant » or « dès », so that a duration
# (« une réunion de 2 h », « pour 3 h ») is not taken for a deadline.
STANDALONE_TIME = re.compile(r"\b(?:a|vers|avant|des)\s+" + TIME)
TIME_AFTER_DATE = re.compile(r"\s*,?\s*(?:\b(?:a|vers|avant|des|pour|de)\s+)?" + TIME)
GAP = re.compile(r"\s*,?\s*")
REL_PARTS = {"ce-soir": "soir", "cet-apres-midi": "apresmidi", "cet-apresmidi": "apresmidi"}
