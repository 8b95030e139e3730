"""The group hears of new box messages once a day, the next day: never the minute they come.

Telling the group at once would date each message to the minute, and in a small building
a minute can point at a neighbour. The box keeps the day only; the news keeps to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.context import BotContext
from bot.domain.entities import Committee
from bot.scheduler import ClaimedOnce, Daytime, Occurrence
from bot.services import Services
from bot.ui import post_to_groups
from conversations.residents.box_links import MEMBERS_BOX_LINK


class BoxNews(ClaimedOnce):
    name = "box-news"
    late_limit = timedelta(days=1)

    async def occurrences(
        self, services: Services, since: datetime, until: datetime
    ) -> Sequence[Occurrence]:
        first = since.date() - timedelta(days=2)
        found = await services.storage.box.new_per_day(first, until.date())
        committees = await services.storage.committees.by_ids({cid for cid, _day in found})
        occurrences = []
        for (committee_id, day), count in found.items():
            committee = committees.get(committee_id)
            if committee is None:
                continue
            daytime = Daytime.of(committee)
            occurrences.append(
                Occurrence(
                    daytime.usual_hour(day + timedelta(days=1)),
                    day.isoformat(),
                    committee_id,
                    daytime,
                    payload=(committee, day, count),
                )
            )
        return occurrences

    async def send(self, context: BotContext, occurrence: Occurrence) -> None:
        committee: Committee
        committee, day, count = occurrence.payload
        tr = context.services.translator_for(None, hint=committee.locale)
        text = tr.ngettext(
            "📬 {count} new message in the box ({day}). Members read it in private: /boite",
            "📬 {count} new messages in the box ({day}). Members read them in private: /boite",
            count,
        ).format(count=count, day=tr.format_day(day))
        url = context.services.deep_link(MEMBERS_BOX_LINK, committee.id)
        await post_to_groups(
            context, committee.id, text, [[(tr.gettext("Open the box in private"), url)]]
        )
