"""The weekly digest in the group: overdue, due this week, done last week; and the requests
to partners still without an answer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.context import BotContext
from bot.scheduler import ClaimedOnce, Daytime, Occurrence
from bot.services import Services
from bot.ui import post_to_groups
from conversations.followups.buttons import Listing
from conversations.followups.menu import listing_page
from conversations.followups.views import digest_of
from conversations.requests.entry import without_answer_lines


class WeeklyDigest(ClaimedOnce):
    """Monday morning (by default) in the group; sent late the same day after a downtime."""

    name = "digest"
    reads_tables = ("committees",)  # its occurrences come from the settings alone
    late_limit = timedelta(hours=12)

    async def occurrences(
        self, services: Services, since: datetime, until: datetime
    ) -> Sequence[Occurrence]:
        found = []
        for committee in await services.storage.committees.all():
            if not committee.digest_enabled:
                continue
            daytime = Daytime.of(committee)
            for day in daytime.days(since, until):
                if day.weekday() == committee.digest_weekday:
                    year, week, _weekday = day.isocalendar()
                    found.append(
                        Occurrence(
                            daytime.usual_hour(day),
                            f"{year}-W{week:02d}",
                            committee.id,
                            daytime,
                        )
                    )
        return found

    async def send(self, context: BotContext, occurrence: Occurrence) -> None:
        # Read when it goes out (the occurrences are kept for the day: no 10,000 copies).
        committee = await context.storage.committees.get(occurrence.committee_id)
        if committee is None or not committee.digest_enabled:
            return
        now = context.services.clock()
        today = now.astimezone(Daytime.of(committee).tz).date()
        follow_ups = await context.storage.follow_ups.of_committee(
            committee.id, done_since=now - timedelta(days=7)
        )
        digest = digest_of(follow_ups, today=today, done_since=today - timedelta(days=7))
        tr = context.services.translator_for(None, hint=committee.locale)
        if digest.is_empty and not await without_answer_lines(
            context.storage, committee, tr, today
        ):
            return  # nothing to say: no empty message in the group
        # The first page; « Next » under it turns the pages (conversations/followups/menu.py).
        text, buttons = await listing_page(context, tr, committee, Listing.DIGEST, 0)
        await post_to_groups(context, committee.id, text, buttons)
