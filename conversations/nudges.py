"""Scheduled nudges besides follow-up reminders: the weekly digest, the mandate card the day
before the meeting, the partnership check-in, the yearly meeting with the housing office.

Each occurrence is claimed in the database before it is sent, so none goes out twice; one
that was missed by more than a day (the bot was down) is skipped rather than sent late.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from telegram.error import Forbidden

from bot.context import BotContext
from bot.domain.partnerships import partnership_ref
from bot.domain.reminders import SEND_TIME, next_allowed
from bot.services import Services
from bot.storage.models import Committee
from bot.ui import Button, h, post_to_groups, send
from conversations.followup_views import digest_of, digest_text
from conversations.mandate_views import mandate_card
from conversations.reminders import quiet_hours

log = logging.getLogger(__name__)

LATE_LIMIT = timedelta(days=1)
CHECK_IN_EVERY = timedelta(days=91)


def _moment(committee: Committee, day: date) -> datetime:
    """The usual reminder hour on that local day, out of the committee's quiet hours."""
    tz = ZoneInfo(committee.timezone)
    at = datetime.combine(day, SEND_TIME, tzinfo=tz)
    return next_allowed(at, tz=tz, quiet=quiet_hours(committee))


class WeeklyDigest:
    """Monday morning (by default) in the group: overdue, due this week, done last week."""

    @staticmethod
    def _this_week(committee: Committee, now: datetime) -> tuple[str, datetime]:
        today = now.astimezone(ZoneInfo(committee.timezone)).date()
        day = today - timedelta(days=today.weekday()) + timedelta(days=committee.digest_weekday)
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}", _moment(committee, day)

    async def next_due(self, services: Services) -> datetime | None:
        now = services.clock()
        moments = []
        for committee in await services.storage.committees.all():
            if not committee.digest_enabled:
                continue
            _key, moment = self._this_week(committee, now)
            if moment <= now:
                moment = _moment(committee, moment.date() + timedelta(days=7))
            moments.append(moment)
        return min(moments) if moments else None

    async def run_due(self, context: BotContext, now: datetime) -> None:
        storage = context.storage
        for committee in await storage.committees.all():
            if not committee.digest_enabled:
                continue
            key, moment = self._this_week(committee, now)
            if not moment <= now < moment + LATE_LIMIT:
                continue
            if not await storage.reminders.claim_nudge(committee.id, "digest", key):
                continue
            await self._send(context, committee, now)

    async def _send(self, context: BotContext, committee: Committee, now: datetime) -> None:
        today = now.astimezone(ZoneInfo(committee.timezone)).date()
        follow_ups = await context.storage.follow_ups.of_committee(
            committee.id, done_since=now - timedelta(days=7)
        )
        digest = digest_of(follow_ups, today=today, done_since=today - timedelta(days=7))
        if digest.is_empty:
            return  # nothing to say: no empty message in the group
        tr = context.services.translator_for(None, hint=committee.locale)
        title = tr.gettext("The week's follow-ups")
        await post_to_groups(context, committee.id, digest_text(tr, digest, title=title))


class MandateEve:
    """The day before the meeting, the representative gets their mandate card again."""

    async def next_due(self, services: Services) -> datetime | None:
        moments = []
        for mandate in await services.storage.mandates.adopted_with_meeting_after(
            services.clock()
        ):
            committee = await services.storage.committees.get(mandate.committee_id)
            if committee is None or mandate.meeting_at is None:
                continue
            eve = mandate.meeting_at.astimezone(ZoneInfo(committee.timezone)).date()
            moment = _moment(committee, eve - timedelta(days=1))
            if moment > services.clock():
                moments.append(moment)
        return min(moments) if moments else None

    async def run_due(self, context: BotContext, now: datetime) -> None:
        storage = context.storage
        for mandate in await storage.mandates.adopted_with_meeting_after(now):
            committee = await storage.committees.get(mandate.committee_id)
            if committee is None or mandate.meeting_at is None:
                continue
            meeting_day = mandate.meeting_at.astimezone(ZoneInfo(committee.timezone)).date()
            moment = _moment(committee, meeting_day - timedelta(days=1))
            if not moment <= now < moment + LATE_LIMIT or mandate.representative_id is None:
                continue
            if not await storage.reminders.claim_nudge(
                committee.id, "mandate-eve", str(mandate.id)
            ):
                continue
            person = await storage.people.get(mandate.representative_id)
            tr = context.services.translator_for(person)
            text = (
                tr.gettext("Tomorrow is your meeting. Here is your mandate card.")
                + "\n\n"
                + mandate_card(tr, committee, mandate, now)
            )
            try:
                await send(context, mandate.representative_id, text)
            except Forbidden:
                log.info("representative of mandate %s cannot be reached", mandate.id)


class PartnershipCheckIn:
    """Every three months: is the objective still right, does the recipe still hold?"""

    @staticmethod
    def _occurrence(created: datetime, now: datetime, tz: ZoneInfo) -> int:
        """How many check-in periods have passed, counted in whole local days."""
        days = (now.astimezone(tz).date() - created.astimezone(tz).date()).days
        return days // CHECK_IN_EVERY.days

    async def next_due(self, services: Services) -> datetime | None:
        now = services.clock()
        moments = []
        for partnership in await services.storage.partnerships.active():
            committee = await services.storage.committees.get(partnership.committee_id)
            if committee is None or partnership.created_at is None:
                continue
            tz = ZoneInfo(committee.timezone)
            k = self._occurrence(partnership.created_at, now, tz) + 1
            day = partnership.created_at.astimezone(tz).date() + k * CHECK_IN_EVERY
            moments.append(_moment(committee, day))
        return min(moments) if moments else None

    async def run_due(self, context: BotContext, now: datetime) -> None:
        storage = context.storage
        for partnership in await storage.partnerships.active():
            committee = await storage.committees.get(partnership.committee_id)
            if committee is None or partnership.created_at is None:
                continue
            tz = ZoneInfo(committee.timezone)
            k = self._occurrence(partnership.created_at, now, tz)
            if k < 1:
                continue
            moment = _moment(
                committee, partnership.created_at.astimezone(tz).date() + k * CHECK_IN_EVERY
            )
            if not moment <= now < moment + LATE_LIMIT:
                continue
            key = f"{partnership.id}:{k}"
            if not await storage.reminders.claim_nudge(committee.id, "check-in", key):
                continue
            tr = context.services.translator_for(None, hint=committee.locale)
            text = tr.gettext(
                "Check-in for partnership {ref} with {partner}: is the objective still the right "
                "one? Does the recipe still hold? Take a moment at your next meeting."
            ).format(ref=partnership_ref(partnership.number), partner=h(partnership.partner_name))
            buttons: list[list[Button]] = [
                [(tr.gettext("Review the sheet"), f"par:open:{partnership.id}")]
            ]
            await post_to_groups(context, committee.id, text, buttons)


class OfficeMeeting:
    """The yearly formal meeting with the housing office: a month ahead, then in the month."""

    @staticmethod
    def _moments(committee: Committee, now: datetime) -> list[tuple[str, datetime]]:
        month = committee.office_meeting_month
        if month is None:
            return []
        tz = ZoneInfo(committee.timezone)
        year = now.astimezone(tz).year
        found = []
        for y in (year, year + 1):
            in_month = date(y, month, 1)
            ahead = (in_month - timedelta(days=1)).replace(day=1)
            found.append((f"{y}-ahead", _moment(committee, ahead)))
            found.append((f"{y}-month", _moment(committee, in_month)))
        return found

    async def next_due(self, services: Services) -> datetime | None:
        now = services.clock()
        moments = []
        for committee in await services.storage.committees.all():
            moments += [m for _key, m in self._moments(committee, now) if m > now]
        return min(moments) if moments else None

    async def run_due(self, context: BotContext, now: datetime) -> None:
        storage = context.storage
        for committee in await storage.committees.all():
            for key, moment in self._moments(committee, now):
                if not moment <= now < moment + LATE_LIMIT:
                    continue
                if not await storage.reminders.claim_nudge(committee.id, "office-meeting", key):
                    continue
                tr = context.services.translator_for(None, hint=committee.locale)
                month = format_date(
                    date(2000, committee.office_meeting_month or 1, 1),
                    "MMMM",
                    locale=tr.babel_locale,
                )
                text = tr.gettext(
                    "The yearly meeting with the housing office is planned in {month}. Is the "
                    "date set? Write it down so I can remind everyone, for example:\n"
                    "/decision Yearly meeting with the office on January 15, Marie takes care "
                    "of it.\nThen gather the tenants' priorities and prepare a mandate (/mandat)."
                ).format(month=month)
                await post_to_groups(context, committee.id, text)
