"""Deadlines and meetings as an iCalendar file, so they land in people's own calendars."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_name
from icalendar import Calendar, Event

from bot.domain.records import ActionLine, FollowUpStatus, RecordSheet, follow_up_ref
from bot.exports.common import clean_text, one_line, shorten
from bot.i18n import Translator

PRODID = "-//comite-bot//comite-bot//{lang}"
MEETING_DURATION = timedelta(hours=1)
# A deadline with a time is a reminder, not a block of work: keep it short.
TIMED_DEADLINE_DURATION = timedelta(minutes=30)
_SUMMARY_TEXT_LIMIT = 80
_SEPARATOR = " — "
# Finished or dropped follow-ups would only clutter people's calendars.
_EXCLUDED = frozenset({FollowUpStatus.DONE, FollowUpStatus.CANCELLED})
# A fixed namespace: the same committee and reference always give the same UID.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/comite-bot/uid")


def render_ics(
    sheet: RecordSheet,
    tr: Translator,
    *,
    tz: ZoneInfo,
    uid_domain: str = "comite-bot",
    stamp: datetime | None = None,
) -> bytes:
    """Follow-ups with a due date, the answers expected of partners, the next meeting and the
    other dates, as one .ics file.

    UIDs depend only on the committee and what the event is (a follow-up's reference,
    a meeting's day), so importing a newer file updates events instead of duplicating
    them. `stamp` (DTSTAMP, now by default) makes the output reproducible when given.
    """
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    committee = one_line(sheet.committee_name)
    calendar = Calendar()
    calendar.add("prodid", PRODID.format(lang=tr.locale.split("_")[0].upper()))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if committee:
        calendar.add("x-wr-calname", committee)

    def uid(key: str) -> str:
        # Case and spacing changes to the committee's name should not fork its events.
        name = " ".join(committee.casefold().split())
        seed = "\n".join((name, key))
        return f"{uuid.uuid5(_UID_NAMESPACE, seed)}@{uid_domain}"

    days: list[date] = []
    for action in sheet.actions:
        if action.due_date is None or action.status in _EXCLUDED:
            continue
        event = _event(uid(follow_up_ref(action.number)), _action_summary(action), stamp)
        description = clean_text(action.text)
        if committee:
            description = f"{description}\n\n{committee}" if description else committee
        event.add("description", description)
        if action.due_time is None:
            event.add("dtstart", action.due_date)
            event.add("dtend", action.due_date + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            start = datetime.combine(action.due_date, action.due_time, tzinfo=tz)
            event.add("dtstart", start)
            event.add("dtend", start + TIMED_DEADLINE_DURATION)
        days.append(action.due_date)
        calendar.add_component(event)

    for request in sheet.requests:
        if not request.waiting:
            continue
        # The day an answer is due: a day in the calendar, the relances follow from it.
        label = tr.gettext("Answer expected: {ref} {what}").format(
            ref=request.ref, what=shorten(one_line(request.what), _SUMMARY_TEXT_LIMIT)
        )
        event = _event(uid(f"request:{request.ref}"), label, stamp)
        description = clean_text(request.what)
        if request.partner and (partner := one_line(request.partner)):
            description = f"{description}\n\n{partner}"
        event.add("description", description)
        event.add("dtstart", request.expected_on)
        event.add("dtend", request.expected_on + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        days.append(request.expected_on)
        calendar.add_component(event)

    if sheet.next_meeting is not None:
        day, hour = sheet.next_meeting.day, sheet.next_meeting.hour
        summary = _SEPARATOR.join(p for p in (tr.gettext("Committee meeting"), committee) if p)
        event = _event(uid(f"meeting:{day.isoformat()}"), summary, stamp)
        if hour is None:  # no hour given: a day in the calendar, not a made-up hour
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
        else:
            start = datetime.combine(day, hour, tzinfo=tz)
            event.add("dtstart", start)
            event.add("dtend", start + MEETING_DURATION)
        days.append(day)
        calendar.add_component(event)

    for label, moment in sheet.extra_events:
        start = _local(moment, tz)
        summary = one_line(label) or committee or "comite-bot"
        key = f"event:{summary.casefold()}:{start.date().isoformat()}"
        event = _event(uid(key), summary, stamp)
        if committee:
            event.add("description", committee)
        event.add("dtstart", start)
        event.add("dtend", start + MEETING_DURATION)
        days.append(start.date())
        calendar.add_component(event)

    if days:
        # Only the transitions around these events: a full history would bloat the file.
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=366),
            last_date=max(days) + timedelta(days=366),
        )
        _in_reader_language(calendar, tr, tz)
    ical: bytes = calendar.to_ical()
    return ical


def _in_reader_language(calendar: Calendar, tr: Translator, tz: ZoneInfo) -> None:
    """The time zones icalendar adds speak English (« EST », a comment on their validity):
    each period gets the reader's own abbreviation (« HNE », « HAE »), and the comment goes."""
    for zone in calendar.walk("VTIMEZONE"):
        zone.pop("COMMENT", None)
        for period in zone.subcomponents:
            start = period.get("DTSTART")
            if start is None:
                continue
            # A day after the change, well inside the period the component describes.
            moment = (start.dt + timedelta(days=1)).replace(tzinfo=tz)
            period["TZNAME"] = get_timezone_name(
                moment, width="short", locale=tr.babel_locale, zone_variant=None
            )


def _event(uid: str, summary: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    return event


def _action_summary(action: ActionLine) -> str:
    """« S-7 — Appeler l'office (Marie) »: readable in a calendar's narrow day cell."""
    summary = follow_up_ref(action.number)
    text = shorten(one_line(action.text), _SUMMARY_TEXT_LIMIT)
    if text:
        summary = f"{summary}{_SEPARATOR}{text}"
    if action.responsible and (who := one_line(action.responsible)):
        summary = f"{summary} ({who})"
    return summary


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    # Records hold aware datetimes; a naive one is taken as the committee's local time.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)
