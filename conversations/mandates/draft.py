"""The mandate wizard's shared state: its questions, and the mandate being prepared."""

from __future__ import annotations

from typing import Any

from bot.context import BotContext
from bot.domain.entities import Committee, Mandate, MandateStatus
from bot.i18n import N_
from bot.ui import Button
from bot.wizard import back_button
from bot.wizard import draft as wizard_draft

WIZARD = "mandate"
REP, PARTNER, PARTNER_NAME, WHEN, PERIOD, POSITIONS, LATITUDE, LIMITS, VALIDITY, REVIEW = range(10)
NOT_A_DRAFT = N_("This mandate is no longer a draft: nothing was changed.")


def draft_of(context: BotContext) -> dict[str, Any]:
    """The committee, the mandate once a representative is chosen, and the part being edited."""
    return wizard_draft(context, WIZARD)


async def current(context: BotContext) -> tuple[Committee, Mandate] | None:
    """The committee and the mandate being prepared, once a representative is chosen."""
    mandate_id = draft_of(context).get("mandate_id")
    mandate = await context.storage.mandates.get(int(mandate_id)) if mandate_id else None
    committee = await context.storage.committees.get(mandate.committee_id) if mandate else None
    return (committee, mandate) if committee and mandate else None


def is_draft(mandate: Mandate) -> bool:
    """Not submitted nor adopted yet: the review's buttons still make sense."""
    return mandate.status is MandateStatus.DRAFT


def back_to_review(context: BotContext) -> list[list[Button]]:
    """While one part is edited, its question has « Back » to the review (nothing changed)."""
    return [back_button(context, REVIEW)] if draft_of(context).get("editing") else []
