"""The day before the meeting, the representative gets their mandate card again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.context import BotContext
from bot.domain.entities import Mandate
from bot.domain.mandates import meeting_begins
from bot.scheduler import ClaimedOnce, Daytime, Occurrence
from bot.services import Services
from bot.ui import send_to_person
from conversations.mandates.views import mandate_card


class MandateEve(ClaimedOnce):
    name = "mandate-eve"
    late_limit = timedelta(hours=20)

    async def occurrences(
        self, services: Services, since: datetime, until: datetime
    ) -> Sequence[Occurrence]:
        storage = services.storage
        mandates = await storage.mandates.adopted_with_meeting_after(since)
        committees = await storage.committees.by_ids(m.committee_id for m in mandates)
        found = []
        for mandate in mandates:
            committee = committees.get(mandate.committee_id)
            if committee is None or mandate.meeting_at is None or not mandate.representative_id:
                continue
            daytime = Daytime.of(committee)
            moment = daytime.usual_hour(mandate.meeting_at.day - timedelta(days=1))
            begins = meeting_begins(mandate.meeting_at, daytime.tz)
            # Too late once the meeting has started: the card was for the day before.
            if begins is not None and moment < begins:
                found.append(
                    Occurrence(moment, str(mandate.id), committee.id, daytime, payload=mandate)
                )
        return found

    async def send(self, context: BotContext, occurrence: Occurrence) -> None:
        mandate: Mandate = occurrence.payload
        committee = await context.storage.committees.get(mandate.committee_id)
        if committee is None or mandate.representative_id is None:
            return
        person = await context.storage.people.get(mandate.representative_id)
        tr = context.services.translator_for(person)
        text = (
            tr.gettext("Tomorrow is your meeting. Here is your mandate card.")
            + "\n\n"
            + mandate_card(tr, committee, mandate, context.services.clock())
        )
        # The card is the representative's own: never to the group instead.
        await send_to_person(context, mandate.representative_id, text)
