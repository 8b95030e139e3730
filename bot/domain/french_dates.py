"""Find the due date in a French message (« Marie s'en occupe d'ici vendredi »). No Telegram types.

Small regexes find the French date cues; dateparser reads what it reads well (days, weekdays,
day-month dates, « dans 3 jours »). A few cues dateparser 1.5 gets wrong are worked out here:
« vendredi prochain » / « lundi dernier » (dateparser: nothing), « lundi le 7 » (it ignores the
weekday and may return a past day), « le 15 » alone (a past day of this month), times
(« 14 h 30 » is read as next-day midnight, « 19h » as 05:00, and a bare « 09:00 » on Dec 31 lands
in the next December), « la semaine prochaine », « le mois prochain », « fin du mois ».

Choices: « la semaine prochaine » is Monday of next week; « le mois prochain » the 1st of next
month; « fin de la semaine » (and Québec's « fin de semaine ») Friday of this week, or Sunday when
today is already Saturday or Sunday; « fin du mois » the last day of this month; « fin janvier »
the 31st; « fin de l'année » 31 December; « ce soir », « demain matin » give the day with no
time; « huit jours » / « quinze jours » are one / two weeks.

Asked, never guessed (the finding carries the problem, and the likely day as `suggested`):
a day without a year that passed less than three months ago (« le 3 novembre » typed on
30 November: « 3 novembre 2027? »), and a month without a day (« en janvier »: its last day
offered). Holidays: « avant Noël » is 24 December, « après les Fêtes » the first weekday after
2 January. The rules are in `calendar_rules`. What looks like a date but is not read
(« au printemps », « à la rentrée », « après Noël ») is UNREADABLE with its phrase, so the
person is told « je n'ai pas compris cette date », never silently left without a date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

import dateparser

from bot.domain.calendar_rules import (
    Ask,
    Doubt,
    end_of_month,
    holiday,
    month_end,
    month_period,
    next_day_of_month,
    without_year,
)
from bot.domain.date_cues_abroad import rewrite_cues
from bot.domain.french_date_cues import (
    DATE_PATTERNS,
    DEADLINE_BEFORE,
    GAP,
    MONTHS,
    NUMBER_WORDS,
    PART_OF_DAY,
    REFERENCE_BEFORE,
    REL_PARTS,
    STANDALONE_TIME,
    TIME_AFTER_DATE,
    WEEKDAYS,
    fold_text,
)

__all__ = [
    "MONTHS",
    "NO_DATE",
    "WEEKDAYS",
    "DateFinding",
    "DateProblem",
    "find_due_date",
    "fold_text",
    "warm_up",
]


class DateProblem(Enum):
    UNREADABLE = "unreadable"
    IN_THE_PAST = "in_the_past"
    YEAR_UNSURE = "year_unsure"  # a day without a year that just passed: ask, offer next year's
    WHICH_DAY = "which_day"  # a month, not a day (« en janvier »): ask, offer a day


@dataclass(frozen=True)
class DateFinding:
    phrase: str | None  # exact substring of the text taken as the date
    due_date: date | None  # None unless the phrase was read as one day
    due_time: time | None
    problem: DateProblem | None
    suggested: date | None = None  # the likely day, to offer when asking (YEAR_UNSURE...)


NO_DATE = DateFinding(None, None, None, None)


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
    due: date | None  # None: the cue could not be read, or is asked about
    due_time: time | None
    ask: Ask | None = None


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


def _weekday_of(match: re.Match[str]) -> int | None:
    name = match.group("wd") if "wd" in match.re.groupindex else None
    return WEEKDAYS.index(name) if name else None


def _read_calendar(cue: _Cue, today: date, past_ok: bool) -> date | Ask | None:
    groups = cue.match.groupdict()
    day = int(groups["day"])
    month_text: str = groups["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
    year_text: str | None = groups.get("year")
    if not 1 <= month <= 12:
        return None
    if not year_text:
        return without_year(day, month, today, past_ok=past_ok)
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        return date(year, month, day)
    except ValueError:  # « 31/11/2026 »
        return None


def _read_date(cue: _Cue, base: datetime, past_ok: bool) -> date | Ask | None:
    today = base.date()
    groups = cue.match.groupdict()
    if cue.kind in ("calendar", "numeric"):
        return _read_calendar(cue, today, past_ok)
    if cue.kind == "holiday":
        name = "an" if groups["hol"].endswith("an") else groups["hol"]
        return holiday(name, groups["pre"], today)
    if cue.kind == "period":
        how = re.sub(r"\s+", " ", groups["how"])
        year = int(groups["year"]) if groups["year"] else None
        return month_period(MONTHS[groups["month"]], year, how, today, past_ok=past_ok)
    if cue.kind == "year_end":
        return date(today.year, 12, 31)
    if cue.kind == "weekday_day":
        return next_day_of_month(today, int(groups["day"]))
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
        number = int(count) if count.isdigit() else NUMBER_WORDS[count]
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
            if groups["year"]:
                return month_end(int(groups["year"]), month)
            return end_of_month(month, today, past_ok=past_ok)
        if "semaine" in cue.match.group(0):
            friday = today + timedelta(days=4 - today.weekday())
            end = friday if today.weekday() <= 4 else friday + timedelta(days=2)
            return end + timedelta(days=7) if groups["wnext"] else end
        end = month_end(today.year, today.month)
        if groups["mnext"]:
            end += timedelta(days=1)
            end = month_end(end.year, end.month)
        return end
    if cue.kind == "next_month":
        return month_end(today.year, today.month) + timedelta(days=1)
    if cue.kind == "day_only":
        return next_day_of_month(today, int(groups["day"]))
    return None  # time only: decided with the time in _read


def _hour_minute(match: re.Match[str]) -> tuple[int, int]:
    if match.group("noon"):
        return 12, 0
    hour = match.group("h") or match.group("h2")
    minute = match.group("m") or match.group("m2") or "0"
    return int(hour), int(minute)


def _read(cue: _Cue, base: datetime, past_ok: bool) -> _Reading:
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
    read: date | Ask | None
    try:
        if due_time is not None and cue.kind == "time":
            read = today if due_time >= base.time() else today + timedelta(days=1)
        else:
            read = _read_date(cue, base, past_ok)
    except (ValueError, OverflowError):  # arithmetic at the far end of the calendar
        read = None
    weekday = _weekday_of(cue.match)
    if isinstance(read, Ask) and weekday is not None and read.suggested.weekday() != weekday:
        # « mardi 3 novembre » typed after it: that Tuesday is the one meant, and it is past.
        read = read.past
    if isinstance(read, Ask):
        return _Reading(cue, None, None, read)
    if read is not None and weekday is not None and read.weekday() != weekday:
        read = None  # « mardi le 30 » when the 30th is a Monday: ask rather than guess
    return _Reading(cue, read, due_time if read is not None else None)


def _rel_word(cue: _Cue) -> str:
    return re.sub(r"[\s-]+", "-", cue.match.group("rel"))


def _find_cues(folded: str) -> list[_Cue]:
    found = [
        _Cue(kind, match, match.start(), match.end())
        for kind, pattern in DATE_PATTERNS
        for match in pattern.finditer(folded)
    ]
    found.sort(key=lambda cue: (cue.start, cue.start - cue.end))
    cues: list[_Cue] = []
    for cue in found:
        if cues and cue.start < cues[-1].end:
            continue
        deadline = DEADLINE_BEFORE.search(folded, max(0, cue.start - 40), cue.start)
        if cue.kind == "day_only" and deadline is None:
            continue
        if deadline is not None:
            cue.deadline, cue.start = True, deadline.start()
        cue.reference = (
            REFERENCE_BEFORE.search(folded, max(0, cue.start - 10), cue.start) is not None
        )
        part = PART_OF_DAY.match(folded, cue.end)
        if part is not None:
            cue.part, cue.end = re.sub(r"[\s-]", "", part.group("part")), part.end()
        elif cue.kind == "relday":
            cue.part = REL_PARTS.get(_rel_word(cue))
        cues.append(cue)
    return _with_times(folded, cues)


def _with_times(folded: str, cues: list[_Cue]) -> list[_Cue]:
    """Attach each time to the date next to it; a time alone becomes its own cue."""
    for cue in cues:
        time_match = TIME_AFTER_DATE.match(folded, cue.end)
        if time_match is not None:
            _attach_time(cue, time_match)
            cue.end = time_match.end()
    taken = [(cue.start, cue.end) for cue in cues]
    for match in STANDALONE_TIME.finditer(folded):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        following = next((cue for cue in cues if cue.start >= match.end()), None)
        gap = folded[match.end() : following.start] if following else None
        if following is not None and following.hour_minute is None and GAP.fullmatch(gap or ""):
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


def find_due_date(
    text: str, *, now: datetime, past_ok: bool = False, languages: Iterable[str] = ()
) -> DateFinding:
    """The due date a message names, if any. `now` is in the committee's time zone.

    `past_ok`: the date may be past (the day a meeting was held), so a day without a year is
    the nearest such day rather than a question. `languages`: what else than French the
    text may be in (« es », « ar »): their date cues are read too (`date_cues_abroad`).
    """
    folded, origin = fold_text(text)
    for language in languages:
        folded, origin = rewrite_cues(folded, origin, language)
    base = now.replace(tzinfo=None)
    today = base.date()
    readings = [
        reading
        for reading in (_read(cue, base, past_ok) for cue in _find_cues(folded))
        # « suite à la réunion d'hier » is context; « hier » alone is a mistaken due date.
        if not (reading.cue.reference and reading.due is not None and reading.due < today)
    ]
    if not readings:
        return NO_DATE

    def rank(reading: _Reading) -> tuple[bool, bool, bool, bool, bool, int]:
        # A readable, future deadline beats context such as « suite à la réunion d'hier »;
        # a phrase to ask about beats one not read at all.
        past = reading.due is not None and reading.due < today
        cue = reading.cue
        unread = reading.due is None and reading.ask is None
        return (unread, reading.ask is not None, past, not cue.deadline, cue.kind == "time",
                cue.start)  # fmt: skip

    best = min(readings, key=rank)
    end = origin[best.cue.end - 1] + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1  # an Arabic vowel mark belongs to the letter before it (« غدًا »)
    phrase = text[origin[best.cue.start] : end]
    if best.ask is not None:
        doubt = DateProblem.YEAR_UNSURE if best.ask.doubt is Doubt.YEAR else DateProblem.WHICH_DAY
        return DateFinding(phrase, None, None, doubt, best.ask.suggested)
    if best.due is None:
        return DateFinding(phrase, None, None, DateProblem.UNREADABLE)
    problem = DateProblem.IN_THE_PAST if best.due < today else None
    return DateFinding(phrase, best.due, best.due_time, problem)
