"""Which day a French date phrase means, when the phrase leaves a choice. No Telegram types.

The rules `french_dates` applies once it has found the phrase:

- A day and month without a year (« le 3 novembre », « 3/11 ») means the next such day, unless
  that day passed less than three months ago (`RECENTLY_PASSED`): typed on 30 November,
  « le 3 novembre » is more likely a slip or a meeting already held than a day eleven months
  away, so the person is asked, with « 3 novembre 2027 » as the likely meaning; « le 30 juin »
  is next June. Where a past date is expected (the day a meeting was held) it is the nearest
  such day, before or after today.
- Holidays: « avant Noël », « pour Noël », « d'ici Noël » are 24 December (so it is done by
  Christmas); « à Noël » is 25 December; « après les Fêtes » is the first weekday after
  2 January; « avant les Fêtes » the last weekday before 24 December; « avant le jour de
  l'An » 31 December, « au jour de l'An » 1 January. Other holiday phrases (« après Noël »,
  « pendant les Fêtes ») are not read: the person is told.
- A month without a day: « à la mi-janvier » is 15 January; « en janvier », « pour
  janvier », « courant janvier », « au mois de janvier » name a month, not a day: the person
  is asked, with its last day offered; « début janvier » offers its first weekday (after
  2 January in January); « avant janvier », « d'ici janvier » offer the day before it begins.
  The month is the next one not yet over (« en novembre » on 30 November is this November).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

RECENTLY_PASSED = timedelta(days=92)


class Doubt(Enum):
    YEAR = "year"  # a day without a year that just passed
    WHICH_DAY = "which_day"  # a month, or a period: no day was named


@dataclass(frozen=True, slots=True)
class Ask:
    """Not a day to take as it is: ask, offering `suggested`. `past` is the day just passed,
    for a year in doubt."""

    doubt: Doubt
    suggested: date
    past: date | None = None


def month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def without_year(day: int, month: int, today: date, *, past_ok: bool = False) -> date | Ask | None:
    """The day a day-and-month means (see the module's rules); None if no year has it."""
    found = [d for y in range(today.year - 1, today.year + 5) if (d := _valid(y, month, day))]
    if not found:
        return None
    if past_ok:
        return min(found, key=lambda d: (abs((d - today).days), d > today))
    upcoming = min(d for d in found if d >= today) if max(found) >= today else None
    passed = max((d for d in found if d < today), default=None)
    if upcoming is None:
        return None
    if passed is not None and today - passed <= RECENTLY_PASSED:
        return Ask(Doubt.YEAR, upcoming, passed)
    return upcoming


def next_day_of_month(today: date, day: int) -> date | None:
    """The first date from today on whose day of month is `day` (« le 31 » skips November)."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _next(month: int, day: int, today: date) -> date:
    """The next `month`/`day` from today on (today included)."""
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


def holiday(holiday_name: str, before: str | None, today: date) -> date | None:
    """« noel », « fetes », « an » after a word such as « avant », « a », « apres » (folded)."""
    timing = "before" if before in {"avant", "pour", "d'ici", "jusqu'a"} else before
    if holiday_name == "noel":
        if timing == "before":
            return _next(12, 24, today)
        return _next(12, 25, today) if timing in {"a", "des"} else None
    if holiday_name == "fetes":
        if timing == "apres":
            new_year = date(today.year if today < date(today.year, 1, 3) else today.year + 1, 1, 3)
            return _weekday_on_or_after(new_year)
        if timing == "before":
            for year in (today.year, today.year + 1):
                last = _weekday_on_or_before(date(year, 12, 23))
                if last >= today:
                    return last
        return None
    if holiday_name == "an":
        if timing == "before":
            return _next(12, 31, today)
        return _next(1, 1, today) if timing in {"a", "des"} else None
    return None


def end_of_month(month: int, today: date, *, past_ok: bool = False) -> date | Ask:
    """« fin octobre »: the month's last day, by the rule of a day without a year."""
    this_end = month_end(today.year, month)
    ends = [month_end(today.year - 1, month), this_end, month_end(today.year + 1, month)]
    if past_ok:
        return min(ends, key=lambda d: (abs((d - today).days), d > today))
    if this_end >= today:
        return this_end
    if today - this_end <= RECENTLY_PASSED:
        return Ask(Doubt.YEAR, ends[2], this_end)
    return ends[2]


def _month_period(
    month: int, year: int | None, how: str, today: date, *, past_ok: bool = False
) -> date | Ask | None:
    if year is None:
        year = today.year if month >= today.month else today.year + 1
    if how in {"mi", "a la mi"}:
        if year == today.year and month == today.month:
            return without_year(15, month, today, past_ok=past_ok)
        return date(year, month, 15)
    if how in {"debut", "au debut de", "au debut d'"}:
        first = date(year, month, 3 if month == 1 else 1)
        return Ask(Doubt.WHICH_DAY, _weekday_on_or_after(first))
    if how in {"avant", "d'ici"}:
        eve = date(year, month, 1) - timedelta(days=1)
        return Ask(Doubt.WHICH_DAY, eve) if eve >= today else None
    return Ask(Doubt.WHICH_DAY, month_end(year, month))


def month_period(
    month: int, year: int | None, how: str, today: date, *, past_ok: bool = False
) -> date | Ask | None:
    """A month named without a day; `how` is the word before it, folded (« en », « mi »…).

    With a typed year already past (« en janvier 2001 »), nothing is offered: the day itself
    is returned, and the reader says that the date is past.
    """
    found = _month_period(month, year, how, today, past_ok=past_ok)
    if isinstance(found, Ask) and found.suggested < today and not past_ok:
        return found.suggested
    return found
