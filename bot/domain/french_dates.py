"""Find the due date in a French message (« Marie s'en occupe d'ici vendredi »). No Telegram types.

Small regexes find the French date cues; dateparser reads what it reads well (days, weekdays,
day-month dates, « dans 3 jours »). A few cues dateparser 1.5 gets wrong are worked out here:
« vendredi prochain » / « lundi dernier » (dateparser: nothing), « lundi le 7 » (it ignores the
weekday and may return a past day), « le 15 » alone (a past day of this month), times
(« 14 h 30 » is read as next-day midnight, « 19h » as 05:00, and a bare « 09:00 » on Dec 31 lands
in the next December), « la semaine prochaine », « le mois prochain », « fin du mois ».

Choices: « la semaine prochaine » is Monday of next week; « le mois prochain » the 1st of next
month; « fin de la semaine » (and Québec's « fin de semaine ») Friday of this week, or Sunday when
today is already Saturday or Sunday; « fin du mois » the last day of this month; « ce soir »,
« demain matin » give the day with no time; « huit jours » / « quinze jours » are one / two weeks.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

import dateparser


class DateProblem(Enum):
    UNREADABLE = "unreadable"
    IN_THE_PAST = "in_the_past"


@dataclass(frozen=True)
class DateFinding:
    phrase: str | None  # exact substring of the text taken as the date
    due_date: date | None
    due_time: time | None
    problem: DateProblem | None


NO_DATE = DateFinding(None, None, None, None)

# Typographic apostrophes and hyphens from phone keyboards, so the cues need one spelling.
_CHAR_MAP = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"}
_CHAR_MAP.update(dict.fromkeys("\u2010\u2011\u2012\u2013", "-"))


def fold_text(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free copy of `text`, and for each of its characters the index it came
    from, so a match in the copy maps back to an exact substring of the original."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", _CHAR_MAP.get(char, char).lower()):
            if unicodedata.combining(part):
                continue
            for low in part.lower():
                chars.append(low)
                origin.append(index)
    return "".join(chars), origin


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTH_NAMES = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {
    "janv": 1, "jan": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7,
    "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)} | _MONTH_ABBREVIATIONS
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = r"(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)t?"  # « vendredit »
_NO_TIME_AFTER = r"(?![0-9a-z/:])(?!\s*h(?:eures?)?\b)"
_NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "trente": 30,
}  # fmt: skip

# Longest match wins when two cues overlap (« lundi le 30 » over « lundi »).
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "calendar",
            rf"\b(?:{_WD}\s+)?(?:le\s+)?(?P<day>[0-9]{{1,2}})(?:er)?\s+(?P<month>{_MONTH})\b"
            # The dot of « déc. » stays out of the phrase unless a year follows.
            r"(?:\.?\s+(?P<year>[0-9]{4})\b)?",
        ),
        (
            "numeric",
            rf"\b(?:{_WD}\s+)?(?:le\s+)?(?P<day>[0-9]{{1,2}})/(?P<month>[0-9]{{1,2}})"
            # Not a fraction: « 2/3 des locataires ».
            r"(?:/(?P<year>[0-9]{4}|[0-9]{2}))?(?![0-9/])(?!\s+(?:des|du)\b|\s+d')",
        ),
        ("weekday_day", rf"\b{_WD}\s+(?:le\s+)?(?P<day>[0-9]{{1,2}})(?:er)?{_NO_TIME_AFTER}"),
        (
            "weekday",
            rf"\b(?:(?P<pre>prochain)\s+)?{_WD}(?:\s+(?P<mod>prochain|dernier|qui\s+vient))?\b",
        ),
        (
            "relday",
            r"\b(?P<rel>aujourd'?hui|apres[- ]?demain|avant[- ]?hier|demain|hier"
            r"|ce\s+soir|ce\s+matin|cet\s+apres[- ]?midi|ce\s+midi)\b",
        ),
        (
            "relative",
            r"\b(?P<dir>dans|il\s+y\s+a)\s+(?P<n>[0-9]{1,9}|" + "|".join(_NUMBER_WORDS) + r")"
            r"\s+(?P<unit>jours?|semaines?|mois|ans?)\b",
        ),
        ("week", r"\b(?:la\s+)?semaine\s+(?P<dir>prochaine|derniere|passee)\b"),
        (
            "end",
            r"\b(?:la\s+)?fin\s+(?:du\s+mois(?:\s+(?P<mnext>prochain))?"
            r"|de\s+(?:la\s+)?semaine(?:\s+(?P<wnext>prochaine))?"
            rf"|(?:de\s+|d')?(?P<month>{_MONTH})\b(?:\s+(?P<year>[0-9]{{4}})\b)?)",
        ),
        ("next_month", r"\b(?:le\s+)?mois\s+prochain\b"),
        # A bare day number only after a deadline word (checked below): « d'ici le 15 ».
        ("day_only", rf"\b(?:le|(?<=jusqu')au)\s+(?P<day>[0-9]{{1,2}})(?:er)?{_NO_TIME_AFTER}"),
    )
)
_DEADLINE_BEFORE = re.compile(
    r"(?:\b(?:d'ici(?:\s+a)?|avant|pour|au\s+plus\s+tard|jusqu'(?:a|au)|pas\s+plus\s+tard\s+que)"
    r"\s+|\bjusqu')$"
)
_REFERENCE_BEFORE = re.compile(r"(?:\bd'|\b(?:du|de|depuis)\s+)$")
_PART_OF_DAY = re.compile(r"\s+(?:(?:au|en|dans\s+la)\s+)?(?P<part>matin|apres[- ]?midi|soir)\b")
_TIME = (
    r"(?:(?<![0-9:])(?P<h>[0-9]{1,2})\s*h(?:eures?)?\s*(?P<m>[0-9]{2})?(?![0-9a-z])"
    r"|(?<![0-9:])(?P<h2>[0-9]{1,2}):(?P<m2>[0-9]{2})(?![0-9])"
    r"|(?<!apres-)(?<!apres )\b(?P<noon>midi)\b)"
)
# A time on its own needs « à », « vers », « avant » or « dès », so that a duration
# (« une réunion de 2 h », « pour 3 h ») is not taken for a deadline.
_STANDALONE_TIME = re.compile(r"\b(?:a|vers|avant|des)\s+" + _TIME)
_TIME_AFTER_DATE = re.compile(r"\s*,?\s*(?:\b(?:a|vers|avant|des|pour|de)\s+)?" + _TIME)
_GAP = re.compile(r"\s*,?\s*")
_REL_PARTS = {"ce-soir": "soir", "cet-apres-midi": "apresmidi", "cet-apresmidi": "apresmidi"}


@dataclass
class _Cue:
    kind: str
    match: re.Match[str]
    start: int
    end: int
    deadline: bool = False
    reference: bool = False  # « la réunion d'hier »: names a thing, not a deadline
    part: str | None = None
    hour_minute: tuple[int, int] | None = None
    bad_time: bool = False


@dataclass(frozen=True)
class _Reading:
    cue: _Cue
    due: date | None  # None: the cue could not be read
    due_time: time | None


def _parse_with_dateparser(phrase: str, base: datetime) -> date | None:
    try:
        parsed = dateparser.parse(
            phrase,
            languages=["fr"],
            settings={
                "RELATIVE_BASE": base,
                "PREFER_DATES_FROM": "future",
                # "first" would make « dans un mois » the 1st of next month.
                "PREFER_DAY_OF_MONTH": "current",
                "DATE_ORDER": "DMY",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # a third-party parser; an odd phrase must not take the bot down
        return None
    return parsed.date() if parsed is not None else None


def warm_up() -> None:
    """dateparser loads its language data on first use (~0.25 s); pay that at start-up."""
    _parse_with_dateparser("demain", datetime(2000, 1, 3, 12, 0))


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _next_day_of_month(today: date, day: int) -> date | None:
    """The first date from today on whose day of month is `day` (« le 31 » skips November)."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _weekday_of(match: re.Match[str]) -> int | None:
    name = match.group("wd") if "wd" in match.re.groupindex else None
    return WEEKDAYS.index(name) if name else None


def _read_calendar(cue: _Cue, base: datetime) -> date | None:
    groups = cue.match.groupdict()
    day = int(groups["day"])
    month_text: str = groups["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
    year_text: str | None = groups.get("year")
    phrase = f"{day}/{month}" if cue.kind == "numeric" else f"{day} {_MONTH_NAMES[month - 1]}"
    if year_text:
        phrase += f"/{year_text}" if cue.kind == "numeric" else f" {year_text}"
    found = _parse_with_dateparser(phrase, base)
    # dateparser turns impossible dates into other ones (« 32 décembre » -> 2032-12-01).
    if found is None or (found.day, found.month) != (day, month):
        return None
    if year_text and found.year % 10 ** len(year_text) != int(year_text):
        return None
    today = base.date()
    if not year_text and (month, day) == (today.month, today.day):
        return today  # dateparser sends today's own date to next year
    return found


def _read_date(cue: _Cue, base: datetime) -> date | None:
    today = base.date()
    groups = cue.match.groupdict()
    if cue.kind in ("calendar", "numeric"):
        return _read_calendar(cue, base)
    if cue.kind == "weekday_day":
        return _next_day_of_month(today, int(groups["day"]))
    if cue.kind == "weekday":
        weekday = WEEKDAYS.index(groups["wd"])
        if groups["mod"] == "dernier":
            return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
        # « vendredi prochain » means the coming Friday, which dateparser cannot read.
        return _parse_with_dateparser(groups["wd"], base)
    if cue.kind == "relday":
        word = _rel_word(cue)
        if word.startswith(("ce-", "cet-")):
            return today
        return _parse_with_dateparser("aujourd'hui" if word.startswith("aujourd") else word, base)
    if cue.kind == "relative":
        count = groups["n"]
        number = int(count) if count.isdigit() else _NUMBER_WORDS[count]
        unit: str = groups["unit"]
        if count in ("huit", "quinze") and unit.startswith("jour"):
            number, unit = (1 if count == "huit" else 2), "semaines"  # French idiom for weeks
        direction = "dans" if groups["dir"] == "dans" else "il y a"
        return _parse_with_dateparser(f"{direction} {number} {unit}", base)
    if cue.kind == "week":
        if groups["dir"] == "prochaine":
            return today + timedelta(days=7 - today.weekday())
        return _parse_with_dateparser("la semaine derniere", base)
    if cue.kind == "end":
        if groups["month"]:
            month = MONTHS[groups["month"]]
            year = int(groups["year"]) if groups["year"] else today.year
            if not groups["year"] and month < today.month:
                year += 1
            return _month_end(year, month)
        if "semaine" in cue.match.group(0):
            friday = today + timedelta(days=4 - today.weekday())
            end = friday if today.weekday() <= 4 else friday + timedelta(days=2)
            return end + timedelta(days=7) if groups["wnext"] else end
        end = _month_end(today.year, today.month)
        if groups["mnext"]:
            end += timedelta(days=1)
            end = _month_end(end.year, end.month)
        return end
    if cue.kind == "next_month":
        return _month_end(today.year, today.month) + timedelta(days=1)
    if cue.kind == "day_only":
        return _next_day_of_month(today, int(groups["day"]))
    return None  # time only: decided with the time in _read


def _hour_minute(match: re.Match[str]) -> tuple[int, int]:
    if match.group("noon"):
        return 12, 0
    hour = match.group("h") or match.group("h2")
    minute = match.group("m") or match.group("m2") or "0"
    return int(hour), int(minute)


def _read(cue: _Cue, base: datetime) -> _Reading:
    if cue.bad_time:
        return _Reading(cue, None, None)
    due_time: time | None = None
    if cue.hour_minute is not None:
        hour, minute = cue.hour_minute
        if cue.part in ("soir", "apresmidi") and 1 <= hour < 12:
            hour += 12  # « ce soir à 7 h » is 19:00
        due_time = time(hour, minute)
    elif cue.kind == "relday" and _rel_word(cue) == "ce-midi":
        due_time = time(12, 0)
    today = base.date()
    due: date | None
    try:
        if due_time is not None and cue.kind == "time":
            due = today if due_time >= base.time() else today + timedelta(days=1)
        else:
            due = _read_date(cue, base)
    except (ValueError, OverflowError):  # arithmetic at the far end of the calendar
        due = None
    weekday = _weekday_of(cue.match)
    if due is not None and weekday is not None and due.weekday() != weekday:
        due = None  # « mardi le 30 » when the 30th is a Monday: ask rather than guess
    return _Reading(cue, due, due_time if due is not None else None)


def _rel_word(cue: _Cue) -> str:
    return re.sub(r"[\s-]+", "-", cue.match.group("rel"))


def _find_cues(folded: str) -> list[_Cue]:
    found = [
        _Cue(kind, match, match.start(), match.end())
        for kind, pattern in _DATE_PATTERNS
        for match in pattern.finditer(folded)
    ]
    found.sort(key=lambda cue: (cue.start, cue.start - cue.end))
    cues: list[_Cue] = []
    for cue in found:
        if cues and cue.start < cues[-1].end:
            continue
        deadline = _DEADLINE_BEFORE.search(folded, max(0, cue.start - 40), cue.start)
        if cue.kind == "day_only" and deadline is None:
            continue
        if deadline is not None:
            cue.deadline, cue.start = True, deadline.start()
        cue.reference = (
            _REFERENCE_BEFORE.search(folded, max(0, cue.start - 10), cue.start) is not None
        )
        part = _PART_OF_DAY.match(folded, cue.end)
        if part is not None:
            cue.part, cue.end = re.sub(r"[\s-]", "", part.group("part")), part.end()
        elif cue.kind == "relday":
            cue.part = _REL_PARTS.get(_rel_word(cue))
        cues.append(cue)
    return _with_times(folded, cues)


def _with_times(folded: str, cues: list[_Cue]) -> list[_Cue]:
    """Attach each time to the date next to it; a time alone becomes its own cue."""
    for cue in cues:
        time_match = _TIME_AFTER_DATE.match(folded, cue.end)
        if time_match is not None:
            _attach_time(cue, time_match)
            cue.end = time_match.end()
    taken = [(cue.start, cue.end) for cue in cues]
    for match in _STANDALONE_TIME.finditer(folded):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        following = next((cue for cue in cues if cue.start >= match.end()), None)
        gap = folded[match.end() : following.start] if following else None
        if following is not None and following.hour_minute is None and _GAP.fullmatch(gap or ""):
            _attach_time(following, match)  # « à 14 h demain »
            following.start = match.start()
            continue
        time_cue = _Cue("time", match, match.start(), match.end())
        _attach_time(time_cue, match)
        cues.append(time_cue)
    return cues


def _attach_time(cue: _Cue, match: re.Match[str]) -> None:
    hour, minute = _hour_minute(match)
    if hour > 23 or minute > 59:
        cue.bad_time = True
    else:
        cue.hour_minute = (hour, minute)


def find_due_date(text: str, *, now: datetime) -> DateFinding:
    """The due date a message names, if any. `now` is in the committee's time zone."""
    folded, origin = fold_text(text)
    base = now.replace(tzinfo=None)
    today = base.date()
    readings = [
        reading
        for reading in (_read(cue, base) for cue in _find_cues(folded))
        # « suite à la réunion d'hier » is context; « hier » alone is a mistaken due date.
        if not (reading.cue.reference and reading.due is not None and reading.due < today)
    ]
    if not readings:
        return NO_DATE

    def rank(reading: _Reading) -> tuple[bool, bool, bool, bool, int]:
        # A readable, future deadline beats context such as « suite à la réunion d'hier ».
        past = reading.due is not None and reading.due < today
        cue = reading.cue
        return (reading.due is None, past, not cue.deadline, cue.kind == "time", cue.start)

    best = min(readings, key=rank)
    phrase = text[origin[best.cue.start] : origin[best.cue.end - 1] + 1]
    if best.due is None:
        return DateFinding(phrase, None, None, DateProblem.UNREADABLE)
    problem = DateProblem.IN_THE_PAST if best.due < today else None
    return DateFinding(phrase, best.due, best.due_time, problem)
