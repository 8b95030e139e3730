"""/bilan: the committee at a glance, to read at the start of a meeting."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.access import require_membership
from bot.context import BotContext
from bot.domain.entities import MandateStatus, ObjectiveStatus, PartnershipStatus
from bot.domain.mandates import is_valid, mandate_ref
from bot.domain.partnerships import partnership_ref
from bot.ui import h, reply
from conversations.followups.views import digest_of

RECENT = timedelta(days=90)


async def show_summary(update: Update, context: BotContext) -> None:
    """Partnerships, mandates in force, follow-ups and recent successes, in one message."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    _ = context._
    committee = membership.committee
    storage = context.storage
    now = context.services.now(committee.timezone)
    title = _("Summary of {name}").format(name=committee.name)
    lines = ["<b>" + h(title) + "</b>", ""]

    partnerships = [
        p
        for p in await storage.partnerships.of_committee(committee.id)
        if p.status in {PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED}
    ]
    lines.append("<b>" + h(_("Partnerships")) + "</b>")
    successes: list[str] = []
    for p in partnerships:
        achieved = [o for o in p.objectives if o.status is ObjectiveStatus.ACHIEVED]
        lines.append(
            _("{ref} {partner}: {achieved} of {total} objectives achieved").format(
                ref=partnership_ref(p.number),
                partner=h(p.partner_name),
                achieved=len(achieved),
                total=len(p.objectives),
            )
        )
        successes += [
            f"🎉 {h(o.text)} ({h(p.partner_name)})"
            for o in achieved
            if o.achieved_on and o.achieved_on >= (now - RECENT).date()
        ]
    if not partnerships:
        lines.append(_("None yet: /partenariat"))

    lines += ["", "<b>" + h(_("Mandates in force")) + "</b>"]
    valid = [
        m
        for m in await storage.mandates.of_committee(committee.id)
        if m.status is MandateStatus.ADOPTED and m.valid_until and is_valid(m.valid_until, now)
    ]
    lines += [
        f"{mandate_ref(m.number)} — {h(m.representative_name)} → {h(m.partner_name)}"
        for m in valid
    ] or [_("None.")]

    follow_ups = await storage.follow_ups.of_committee(committee.id, done_since=now - RECENT)
    digest = digest_of(follow_ups, today=now.date(), done_since=(now - timedelta(days=30)).date())
    lines += ["", "<b>" + h(_("Follow-ups")) + "</b>"]
    lines.append(
        _(
            "{overdue} overdue, {week} this week, {later} later, {done} done in the last 30 days."
        ).format(
            overdue=len(digest.overdue),
            week=len(digest.today) + len(digest.this_week),
            later=len(digest.later) + len(digest.no_date),
            done=len(digest.recently_done),
        )
    )
    if successes:
        lines += ["", "<b>" + h(_("Recent successes")) + "</b>", *successes]
    lines += ["", _("Details: /suivis, /partenariat, /mandat.")]
    await reply(update, context, "\n".join(lines))
