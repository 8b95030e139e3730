"""A month before the yearly meeting with the office: time to ask the tenants' priorities."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.priorities import suggested_opening
from bot.scheduler import ClaimedOnce, Daytime, Occurrence
from bot.services import Services
from bot.ui import post_to_groups
from conversations.priorities.buttons import OpenConsultation


class ConsultationTime(ClaimedOnce):
    """On the first day of the month before the yearly meeting, the group is invited to open
    the consultation; a coordinator opens it with one tap. Nothing opens by itself."""

    name = "priorities-time"
    reads_tables = ("committees",)  # its occurrences come from the settings alone
    late_limit = timedelta(days=2)

    async def occurrences(
        self, services: Services, since: datetime, until: datetime
    ) -> Sequence[Occurrence]:
        found = []
        for committee in await services.storage.committees.all():
            month = committee.office_meeting_month
            if month is None:
                continue
            daytime = Daytime.of(committee)
            for year in range(since.year - 1, until.year + 2):
                day = suggested_opening(year, month)
                found.append(
                    Occurrence(
                        daytime.usual_hour(day),
                        str(year),
                        committee.id,
                        daytime,
                        payload=(committee, year),
                    )
                )
        return found

    async def send(self, context: BotContext, occurrence: Occurrence) -> None:
        committee: Committee
        committee, year = occurrence.payload
        if await context.storage.priorities.latest(committee.id, year) is not None:
            return  # opened already
        if await context.storage.priorities.in_progress(committee.id) is not None:
            return
        tr = context.services.translator_for(None, hint=committee.locale)
        text = tr.gettext(
            "📝 In about a month: the yearly meeting with the housing office. It is time to ask "
            "the tenants for their priorities for {year}. A coordinator opens the consultation:"
        ).format(year=year)
        button = (
            tr.gettext("Open the consultation for {year}").format(year=year),
            OpenConsultation(id=committee.id, year=year),
        )
        await post_to_groups(context, committee.id, text, [[button]])
