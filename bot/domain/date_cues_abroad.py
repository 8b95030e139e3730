"""Dates typed in Spanish or Arabic, rewritten into the French cues `french_dates` reads.

Many residents were born abroad; they type « para el viernes », « en dos semanas »,
« قبل الجمعة », « بعد أسبوعين ». dateparser reads few of these in their own language
(1.5: nothing for « el viernes », « en dos semanas », « pasado mañana », or any Arabic
« بعد … »), so each cue found here is replaced by the French cue it means (« avant
vendredi », « dans 2 semaines ») and read by the same French rules: a day that just passed
is asked about, a month alone gets a day offered, the same in every language. French typed
by the same person is still read, since the rest of the text is left as it was.

Works on `fold_text`'s copy (lower case, no accents or Arabic vowel marks, hamza dropped
from alef): a replacement's first character maps back to where the cue started, the others
to where it ended, so the phrase found is always an exact substring of what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.domain.french_date_cues import MONTH_NAMES, WEEKDAYS, fold_text

__all__ = ["LANGUAGES", "rewrite_cues"]

Rewrite = Callable[[re.Match[str]], str | None]


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    french: Rewrite


def _words(names: Iterable[str]) -> str:
    """An alternation of folded words, longest first so « martes » is not read as « mar »."""
    folded = {fold_text(name)[0] for name in names}
    return "|".join(sorted((re.escape(word) for word in folded), key=len, reverse=True))


def _letters(pattern: str) -> str:
    """A pattern's letters folded as `fold_text` folds the text (its ASCII syntax kept)."""
    return "".join(fold_text(char)[0] if ord(char) > 127 else char for char in pattern)


def _table(rows: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {fold_text(word)[0]: number for number, words in rows.items() for word in words}


def _hour(hour: int, minute: int, evening: bool) -> str:
    if evening and 1 <= hour < 12:
        hour += 12  # « a las 2 p.m. », « الساعة 2 مساءً » are 14:00
    return f"a {hour} h {minute:02d}"


# --- Spanish ---------------------------------------------------------------------------------

_ES_WEEKDAYS = _table({
    0: ("lunes",), 1: ("martes",), 2: ("miércoles",), 3: ("jueves",), 4: ("viernes",),
    5: ("sábado",), 6: ("domingo",),
})  # fmt: skip
_ES_MONTHS = _table({
    1: ("enero", "ene"), 2: ("febrero", "feb"), 3: ("marzo",), 4: ("abril", "abr"),
    5: ("mayo",), 6: ("junio",), 7: ("julio",), 8: ("agosto", "ago"),
    9: ("septiembre", "setiembre", "sept", "sep"), 10: ("octubre", "oct"),
    11: ("noviembre", "nov"), 12: ("diciembre", "dic"),
})  # fmt: skip
_ES_NUMBERS = _table({
    1: ("un", "una", "uno"), 2: ("dos",), 3: ("tres",), 4: ("cuatro",), 5: ("cinco",),
    6: ("seis",), 7: ("siete",), 8: ("ocho",), 9: ("nueve",), 10: ("diez",), 15: ("quince",),
    20: ("veinte",), 30: ("treinta",),
})  # fmt: skip
_ES_UNITS = {
    "dia": "jours", "dias": "jours", "semana": "semaines", "semanas": "semaines",
    "mes": "mois", "meses": "mois", "ano": "ans", "anos": "ans",
}  # fmt: skip
_ES_WD = rf"(?P<wd>{_words(_ES_WEEKDAYS)})"
_ES_MONTH = rf"(?P<month>{_words(_ES_MONTHS)})"
_ES_NUMBER = rf"(?P<n>[0-9]{{1,3}}|{_words(_ES_NUMBERS)})"
# « para el viernes », « antes del 15 de diciembre », « a más tardar el lunes ».
_ES_DEADLINE = r"para|antes\s+del?|a\s+mas\s+tardar|como\s+muy\s+tarde|hasta"


def _es_number(text: str) -> int:
    return int(text) if text.isdigit() else _ES_NUMBERS[text]


def _es_calendar(match: re.Match[str]) -> str:
    weekday = match.group("wd")
    parts = [WEEKDAYS[_ES_WEEKDAYS[weekday]]] if weekday else []
    parts += [match.group("day"), MONTH_NAMES[_ES_MONTHS[match.group("month")] - 1]]
    if match.group("year"):
        parts.append(match.group("year"))
    return " ".join(parts)


def _es_weekday(match: re.Match[str]) -> str:
    modifier = match.group("mod") or ""
    french = WEEKDAYS[_ES_WEEKDAYS[match.group("wd")]]
    if match.group("day"):
        return f"{french} {match.group('day')}"
    return f"{french} dernier" if modifier == "pasado" else french


def _es_relative(match: re.Match[str]) -> str:
    unit = _ES_UNITS[match.group("unit")]
    direction = "il y a" if match.group("dir") == "hace" else "dans"
    return f"{direction} {_es_number(match.group('n'))} {unit}"


def _es_time(match: re.Match[str]) -> str | None:
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    evening = bool(match.group("pm")) or match.group("part") in ("tarde", "noche")
    return _hour(hour, minute, evening)


_ES_CUES: tuple[tuple[str, Rewrite], ...] = (
    (
        rf"(?:{_ES_WD}\s*,?\s+)?(?:el\s+)?(?P<day>[0-9]{{1,2}})\s+de\s+{_ES_MONTH}\b"
        r"(?:\s+(?:de|del)\s+(?P<year>[0-9]{4})\b)?",
        _es_calendar,
    ),
    (
        rf"(?:(?:este|proximo)\s+)?{_ES_WD}\b(?:\s+(?P<day>[0-9]{{1,2}})\b(?!\s*(?:de|/|:)))?"
        r"(?:\s+(?P<mod>proximo|que\s+viene|pasado))?",
        _es_weekday,
    ),
    (r"pasado\s+manana", lambda m: "apres-demain"),
    (r"(?<!la )(?<!esta )manana\b", lambda m: "demain"),
    (r"\bhoy\b", lambda m: "aujourd'hui"),
    (r"\banteayer\b", lambda m: "avant-hier"),
    (r"\bayer\b", lambda m: "hier"),
    (r"\besta\s+noche\b", lambda m: "ce soir"),
    (r"\besta\s+tarde\b", lambda m: "cet apres-midi"),
    (r"\besta\s+manana\b", lambda m: "ce matin"),
    (
        rf"(?P<dir>en|dentro\s+de|hace)\s+{_ES_NUMBER}\s+(?P<unit>dias?|semanas?|mes(?:es)?|anos?)\b",
        _es_relative,
    ),
    (
        r"(?:proxima|siguiente)\s+semana|semana\s+(?:que\s+viene|proxima|siguiente|entrante)",
        lambda m: "la semaine prochaine",
    ),
    (r"semana\s+pasada", lambda m: "la semaine passee"),
    (
        r"(?:proximo|siguiente)\s+mes|mes\s+(?:que\s+viene|proximo|siguiente|entrante)",
        lambda m: "le mois prochain",
    ),
    (r"(?:a\s+)?(?:finales|fin)\s+de(?:l)?\s+mes", lambda m: "fin du mois"),
    (r"(?:el\s+)?fin\s+de\s+semana", lambda m: "fin de semaine"),
    (r"(?:a\s+)?(?:finales|fin)\s+de(?:l)?\s+ano", lambda m: "fin de l'annee"),
    (
        rf"(?:a\s+)?(?:finales|fin)\s+de\s+{_ES_MONTH}\b",
        lambda m: "fin " + MONTH_NAMES[_ES_MONTHS[m.group("month")] - 1],
    ),
    (
        rf"(?:en|durante)\s+(?:el\s+mes\s+de\s+)?{_ES_MONTH}\b",
        lambda m: "en " + MONTH_NAMES[_ES_MONTHS[m.group("month")] - 1],
    ),
    (
        r"a\s+las?\s+(?P<h>[0-9]{1,2})(?:[:h](?P<m>[0-9]{2}))?(?:\s*h\b)?"
        r"(?:\s*(?P<pm>p\.?\s?m\b\.?)|\s*a\.?\s?m\b\.?|\s+de\s+la\s+(?P<part>manana|tarde|noche))?",
        _es_time,
    ),
    # A bare day only after a deadline word: « para el 15 ».
    (r"(?P<day>[0-9]{1,2})\b(?!\s*(?:de|/|:|h\b))", lambda m: f"le {m.group('day')}"),
)


# --- Arabic ----------------------------------------------------------------------------------

_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# With their article only: « أحد » alone is « anyone », « اثنين » « two ».
_AR_WEEKDAYS = _table({
    0: ("الاثنين", "الإثنين"), 1: ("الثلاثاء",), 2: ("الأربعاء",), 3: ("الخميس",),
    4: ("الجمعة", "الجمعه"), 5: ("السبت",), 6: ("الأحد",),
})  # fmt: skip
# The Egyptian and Gulf names, the Levant's, and the Maghreb's (many residents in Québec).
_AR_MONTHS = _table({
    1: ("يناير", "كانون الثاني", "جانفي"), 2: ("فبراير", "شباط", "فيفري"),
    3: ("مارس", "آذار"), 4: ("أبريل", "إبريل", "نيسان", "أفريل"),
    5: ("مايو", "أيار", "ماي"), 6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"), 8: ("أغسطس", "آب", "أوت", "غشت"),
    9: ("سبتمبر", "أيلول", "شتنبر"), 10: ("أكتوبر", "تشرين الأول"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر"), 12: ("ديسمبر", "كانون الأول", "دجنبر"),
})  # fmt: skip
_AR_NUMBERS = _table({
    1: ("واحد", "واحدة"), 2: ("اثنين", "اثنان"), 3: ("ثلاثة", "ثلاث"), 4: ("أربعة", "أربع"),
    5: ("خمسة", "خمس"), 6: ("ستة", "ست"), 7: ("سبعة", "سبع"), 8: ("ثمانية", "ثماني"),
    9: ("تسعة", "تسع"), 10: ("عشرة", "عشر"), 15: ("خمسة عشر",),
})  # fmt: skip
# Each unit with its count when the word says it: « أسبوعين » is two weeks (the dual).
_AR_UNITS = {
    fold_text(word)[0]: (unit, count)
    for unit, count, words in (
        ("jours", 1, ("يوم", "أيام", "يوما")), ("jours", 2, ("يومين", "يومان")),
        ("semaines", 1, ("أسبوع", "أسابيع", "أسبوعا")), ("semaines", 2, ("أسبوعين", "أسبوعان")),
        ("mois", 1, ("شهر", "أشهر", "شهور", "شهرا")), ("mois", 2, ("شهرين", "شهران")),
        ("ans", 1, ("سنة", "سنوات", "عام", "أعوام")), ("ans", 2, ("سنتين", "عامين")),
    )
    for word in words
}  # fmt: skip
_AR_WD = rf"(?P<wd>{_words(_AR_WEEKDAYS)})"
_AR_MONTH = rf"(?P<month>{_words(_AR_MONTHS)})"
_AR_NEXT = _letters("(?:القادم|القادمة|المقبل|المقبلة|الجاي|الجاية)")
_AR_LAST = _letters("(?:الماضي|الماضية|الفائت)")
_AR_DEADLINE = _letters(r"قبل|حتى|بحلول|لغاية|في\s+موعد\s+أقصاه|في\s+موعد\s+لا\s+يتجاوز")


def _ar_calendar(match: re.Match[str]) -> str:
    weekday = match.group("wd")
    parts = [WEEKDAYS[_AR_WEEKDAYS[weekday]]] if weekday else []
    parts += [match.group("day"), MONTH_NAMES[_AR_MONTHS[match.group("month")] - 1]]
    if match.group("year"):
        parts.append(match.group("year"))
    return " ".join(parts)


def _ar_weekday(match: re.Match[str]) -> str:
    french = WEEKDAYS[_AR_WEEKDAYS[match.group("wd")]]
    return f"{french} dernier" if match.group("last") else french


def _ar_relative(match: re.Match[str]) -> str:
    unit, count = _AR_UNITS[match.group("unit")]
    number = match.group("n")
    if number:
        count = int(number) if number.isdigit() else _AR_NUMBERS[number]
    direction = "dans" if match.group("dir") not in ("قبل", "منذ") else "il y a"
    return f"{direction} {count} {unit}"


def _ar_time(match: re.Match[str]) -> str:
    part = match.group("part") or ""
    evening = part.startswith(("م", "ل", "ع", "بعد"))  # evening, night, afternoon, « p.m. »
    return _hour(int(match.group("h")), int(match.group("m") or 0), evening)


_AR_TIME_PART = _letters(
    r"(?P<part>مساءً|مساء|ليلًا|ليلا|عصرًا|عصرا|بعد\s+الظهر|صباحًا|صباحا|ظهرًا|ظهرا|م|ص)"
)

_AR_CUES: tuple[tuple[str, Rewrite], ...] = (
    (
        rf"(?:{_AR_WD}\s*[،,]?\s*)?(?P<day>[0-9]{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?"
        rf"{_AR_MONTH}(?!\w)(?:\s+(?P<year>[0-9]{{4}})\b)?",
        _ar_calendar,
    ),
    (
        rf"{_AR_WD}(?!\w)(?:\s+(?:{_AR_NEXT}|(?P<last>{_AR_LAST})))?(?!\w)",
        _ar_weekday,
    ),
    (_letters(r"بعد\s+(?:غد|الغد|بكرة|بكره|بكرا)") + r"(?!\w)", lambda m: "apres-demain"),
    (_letters(r"(?<!\w)(?:غدًا|غدا|غداً|بكرة|بكره|بكرا)") + r"(?!\w)", lambda m: "demain"),
    (_letters(r"(?<!\w)(?:أول\s+)?(?:أمس|البارحة)") + r"(?!\w)", lambda m: "hier"),
    (_letters(r"(?<!\w)(?:اليوم|هذا اليوم)") + r"(?!\w)", lambda m: "aujourd'hui"),
    (_letters(r"(?<!\w)(?:الليلة|هذا المساء|مساء اليوم)") + r"(?!\w)", lambda m: "ce soir"),
    (_letters(r"(?<!\w)(?:هذا الصباح|صباح اليوم)") + r"(?!\w)", lambda m: "ce matin"),
    (
        _letters(r"(?<!\w)(?P<dir>بعد|خلال|في غضون|في ظرف|قبل|منذ)\s+")
        + rf"(?:(?P<n>[0-9]{{1,3}}|{_words(_AR_NUMBERS)})\s+)?"
        + rf"(?P<unit>{_words(_AR_UNITS)})(?!\w)",
        _ar_relative,
    ),
    (
        _letters(r"(?<!\w)الأسبوع\s+") + _AR_NEXT + r"(?!\w)",
        lambda m: "la semaine prochaine",
    ),
    (_letters(r"(?<!\w)الأسبوع\s+") + _AR_LAST + r"(?!\w)", lambda m: "la semaine passee"),
    (_letters(r"(?<!\w)الشهر\s+") + _AR_NEXT + r"(?!\w)", lambda m: "le mois prochain"),
    (_letters(r"(?<!\w)(?:نهاية|آخر|أواخر)\s+الشهر(?!\w)"), lambda m: "fin du mois"),
    (_letters(r"(?<!\w)(?:نهاية|آخر)\s+الأسبوع(?!\w)"), lambda m: "fin de semaine"),
    (_letters(r"(?<!\w)(?:نهاية|آخر)\s+(?:السنة|العام)(?!\w)"), lambda m: "fin de l'annee"),
    (
        _letters(r"(?<!\w)(?:نهاية|آخر|أواخر)\s+(?:شهر\s+)?") + _AR_MONTH + r"(?!\w)",
        lambda m: "fin " + MONTH_NAMES[_AR_MONTHS[m.group("month")] - 1],
    ),
    (
        _letters(r"(?<!\w)(?:في|خلال)\s+شهر\s+") + _AR_MONTH + r"(?!\w)",
        lambda m: "en " + MONTH_NAMES[_AR_MONTHS[m.group("month")] - 1],
    ),
    (
        _letters(r"(?:(?:على|في)\s+)?الساعة\s+")
        + r"(?P<h>[0-9]{1,2})(?::(?P<m>[0-9]{2}))?(?:\s*"
        + _AR_TIME_PART
        + r")?(?!\w)",
        _ar_time,
    ),
    # « 2:30 م », as the bot itself writes an hour in Arabic.
    (r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})\s*" + _AR_TIME_PART + r"(?!\w)", _ar_time),
    # A bare day only after a deadline word: « قبل 15 ».
    (r"(?P<day>[0-9]{1,2})(?![0-9]|\s*(?:/|:))", lambda m: f"le {m.group('day')}"),
)


def _compiled(
    deadline: str, articles: str, cues: tuple[tuple[str, Rewrite], ...]
) -> tuple[_Cue, ...]:
    """Each cue may follow a deadline word (« para », « قبل »): it is kept as « avant ».
    The last cue, a bare day number, is a date only after one."""
    *dated, (bare_pattern, bare_rewrite) = cues
    optional = rf"(?<!\w)(?:(?P<deadline>{deadline})\s+)?(?:(?:{articles})\s+)?"
    required = rf"(?<!\w)(?P<deadline>{deadline})\s+(?:(?:{articles})\s+)?"
    return (
        *(
            _Cue(re.compile(f"{optional}(?:{pattern})"), _with_deadline(rewrite))
            for pattern, rewrite in dated
        ),
        _Cue(re.compile(f"{required}(?:{bare_pattern})"), _with_deadline(bare_rewrite)),
    )


def _with_deadline(rewrite: Rewrite) -> Rewrite:
    def french(match: re.Match[str]) -> str | None:
        read = rewrite(match)
        if read is None:
            return None
        return f"avant {read}" if match.group("deadline") else read

    return french


LANGUAGES: dict[str, tuple[_Cue, ...]] = {
    "es": _compiled(_ES_DEADLINE, "el|la|del|al", _ES_CUES),
    "ar": _compiled(_AR_DEADLINE, "يوم", _AR_CUES),
}


def rewrite_cues(folded: str, origin: list[int], language: str) -> tuple[str, list[int]]:
    """`folded` with the date cues of `language` replaced by French ones, and where each
    character comes from in the typed text. A language without cues here changes nothing."""
    cues = LANGUAGES.get(language)
    if not cues:
        return folded, origin
    if language == "ar":
        folded = folded.translate(_AR_DIGITS)  # one character for one: origins stay
    found = sorted(
        (
            (match.start(), -match.end(), match, cue)
            for cue in cues
            for match in cue.pattern.finditer(folded)
        ),
        key=lambda item: (item[0], item[1]),
    )
    text: list[str] = []
    where: list[int] = []
    done = 0
    for start, _negative_end, match, cue in found:
        if start < done or match.end() == start:
            continue
        french = cue.french(match)
        if not french:
            continue
        text.append(folded[done:start])
        where.extend(origin[done:start])
        text.append(french)
        where.extend([origin[start]] + [origin[match.end() - 1]] * (len(french) - 1))
        done = match.end()
    text.append(folded[done:])
    where.extend(origin[done:])
    return "".join(text), where
