"""The yearly formal meeting with the housing office: a month ahead, then in the month, with
the requests still open with the office."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.requests import request_ref
from bot.scheduler import ClaimedOnce, Daytime, Occurrence
from bot.services import Services
from bot.ui import h, post_to_groups
from conversations.requests.entry import for_office


class OfficeMeeting(ClaimedOnce):
    name = "office-meeting"
    reads_tables = ("committees",)  # its occurrences come from the settings alone
    late_limit = timedelta(days=1)

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
                in_month = date(year, month, 1)
                ahead = (in_month - timedelta(days=1)).replace(day=1)
                for key, day in ((f"{year}-ahead", ahead), (f"{year}-month", in_month)):
                    found.append(
                        Occurrence(
                            daytime.usual_hour(day), key, committee.id, daytime, payload=committee
                        )
                    )
        return found

    async def send(self, context: BotContext, occurrence: Occurrence) -> None:
        committee: Committee = occurrence.payload
        tr = context.services.translator_for(None, hint=committee.locale)
        month = tr.format_month_name(committee.office_meeting_month or 1)
        text = tr.gettext(
            "The yearly meeting with the housing office is planned in {month}. Is the "
            "date set? Write it down so I can remind everyone, for example:\n"
            "/decision Yearly meeting with the office on January 15, Marie takes care "
            "of it.\nThen gather the tenants' priorities and prepare a mandate (/mandat)."
        ).format(month=month)
        # The requests the office still owes an answer to: the list to bring to the meeting.
        to_bring = await for_office(context.storage, committee)
        if to_bring:
            text += "\n\n<b>" + h(tr.gettext("Open requests to bring")) + "</b>\n"
            text += "\n".join(
                tr.gettext("• {ref} « {what} », asked on {day}").format(
                    ref=request_ref(r.number), what=h(r.what), day=tr.format_day(r.sent_on)
                )
                for r in to_bring
            )
        await post_to_groups(context, committee.id, text)
