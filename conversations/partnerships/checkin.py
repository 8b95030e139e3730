"""Every three months: is the objective still right, does the recipe still hold?"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.context import BotContext
from bot.domain.entities import Partnership
from bot.domain.partnerships import partnership_ref
from bot.scheduler import ClaimedOnce, Daytime, Occurrence
from bot.services import Services
from bot.ui import Button, h, post_to_groups
from conversations.partnerships.buttons import OpenPartnership

CHECK_IN_EVERY = timedelta(days=91)


class PartnershipCheckIn(ClaimedOnce):
    name = "check-in"
    late_limit = timedelta(days=1)

    async def occurrences(
        self, services: Services, since: datetime, until: datetime
    ) -> Sequence[Occurrence]:
        storage = services.storage
        partnerships = await storage.partnerships.active()
        committees = await storage.committees.by_ids(p.committee_id for p in partnerships)
        found = []
        for partnership in partnerships:
            committee = committees.get(partnership.committee_id)
            if committee is None or partnership.created_at is None:
                continue
            daytime = Daytime.of(committee)
            created = partnership.created_at.astimezone(daytime.tz).date()
            for day in daytime.days(since, until):
                periods, rest = divmod((day - created).days, CHECK_IN_EVERY.days)
                if periods >= 1 and rest == 0:
                    found.append(
                        Occurrence(
                            daytime.usual_hour(day),
                            f"{partnership.id}:{periods}",
                            committee.id,
                            daytime,
                            payload=partnership,
                        )
                    )
        return found

    async def send(self, context: BotContext, occurrence: Occurrence) -> None:
        partnership: Partnership = occurrence.payload
        committee = await context.storage.committees.get(partnership.committee_id)
        if committee is None:
            return
        tr = context.services.translator_for(None, hint=committee.locale)
        title = tr.gettext("Partnership {ref} — {partner}").format(
            ref=partnership_ref(partnership.number), partner=h(partnership.partner_name)
        )
        text = "\n".join(
            [
                f"<b>{title}</b>",
                tr.gettext(
                    "Time for a check-in: is the objective still the right one? Does the recipe "
                    "still hold? Take a moment at your next meeting."
                ),
            ]
        )
        buttons: list[list[Button]] = [
            [(tr.gettext("Review the sheet"), OpenPartnership(id=partnership.id))]
        ]
        await post_to_groups(context, committee.id, text, buttons)
