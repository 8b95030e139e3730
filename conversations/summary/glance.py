"""/bilan: the committee at a glance, to read at the start of a meeting."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.access import require_membership
from bot.context import BotContext
from bot.domain.digest import Digest
from bot.domain.entities import MandateStatus, ObjectiveStatus, PartnershipStatus
from bot.domain.mandates import is_valid, mandate_ref
from bot.domain.partnerships import partnership_ref
from bot.i18n import Translator
from bot.ui import h, reply
from conversations.followups.views import digest_of
from conversations.requests.entry import glance_lines

RECENT = timedelta(days=90)


def follow_up_counts(tr: Translator, digest: Digest) -> list[str]:
    """Each count in words, one line each (« 3 suivis en retard »); none that is zero."""
    overdue = len(digest.overdue)
    this_week = len(digest.today) + len(digest.this_week)
    later = len(digest.later) + len(digest.no_date)
    done = len(digest.recently_done)
    lines = [
        (tr.ngettext("{count} follow-up overdue", "{count} follow-ups overdue", overdue), overdue),
        (
            tr.ngettext(
                "{count} follow-up due this week", "{count} follow-ups due this week", this_week
            ),
            this_week,
        ),
        (tr.ngettext("{count} follow-up due later", "{count} follow-ups due later", later), later),
        (
            tr.ngettext(
                "{count} follow-up done in the last 30 days",
                "{count} follow-ups done in the last 30 days",
                done,
            ),
            done,
        ),
    ]
    return ["• " + text.format(count=count) for text, count in lines if count]


def objectives_line(tr: Translator, achieved: int, total: int) -> str:
    """« P-1 — Office… : 2 objectifs atteints sur 3 », « aucun objectif atteint sur 2 »."""
    if total == 0:
        return tr.gettext("{ref} — {partner}: no objective yet")
    if achieved == 0:
        return tr.ngettext(
            "{ref} — {partner}: no objective achieved out of {total}",
            "{ref} — {partner}: no objective achieved out of {total}",
            total,
        )
    return tr.ngettext(
        "{ref} — {partner}: {achieved} objective achieved out of {total}",
        "{ref} — {partner}: {achieved} objectives achieved out of {total}",
        achieved,
    )


async def show_summary(update: Update, context: BotContext) -> None:
    """Partnerships, mandates in force, follow-ups, requests to partners and recent successes,
    in one message."""
    membership = await require_membership(update, context)
    if membership is None:
        return
    _ = context._
    committee = membership.committee
    storage = context.storage
    now = context.services.now(committee.timezone)
    title = _("Summary — {committee}").format(committee=committee.name)
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
            objectives_line(context.tr, len(achieved), len(p.objectives)).format(
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
        context.tr.line(mandate_ref(m.number), f"{h(m.representative_name)} → {h(m.partner_name)}")
        for m in valid
    ] or [_("None.")]

    follow_ups = await storage.follow_ups.of_committee(committee.id, done_since=now - RECENT)
    digest = digest_of(follow_ups, today=now.date(), done_since=(now - timedelta(days=30)).date())
    lines += ["", "<b>" + h(_("Follow-ups")) + "</b>"]
    lines += follow_up_counts(context.tr, digest) or [
        _("No follow-up for now. Log one with /decision.")
    ]
    lines += ["", *await glance_lines(storage, committee, context.tr, now.date())]
    if successes:
        lines += ["", "<b>" + h(_("Recent successes")) + "</b>", *successes]
    lines += ["", _("Details: /suivis, /demande, /partenariat, /mandat.")]
    await reply(update, context, "\n".join(lines))
