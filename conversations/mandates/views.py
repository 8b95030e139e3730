"""How a mandate reads: the card for the phone, the vote in the group, the report. No handlers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.entities import Committee, Mandate, MandateReport, MandateStatus
from bot.domain.mandates import (
    CHOICE_LABELS,
    Outcome,
    Tally,
    VoteChoice,
    effective_quorum,
    is_valid,
    mandate_ref,
)
from bot.i18n import N_, Translator
from bot.ui import Button, h
from conversations.mandates.buttons import CloseVote, TurnIntoDecision, TurnIntoFollowUp, Vote


def _when(tr: Translator, mandate: Mandate, tz: ZoneInfo) -> str | None:
    _ = tr.gettext
    if mandate.meeting_at is not None:
        return _("Meeting: {when}").format(when=tr.format_meeting(mandate.meeting_at))
    if mandate.period_end is not None:
        return _("Period: until {day}").format(day=tr.format_day(mandate.period_end))
    return None


def mandate_body(tr: Translator, committee: Committee, mandate: Mandate) -> list[str]:
    """What the representative carries: who, to whom, when, positions, latitude, limits."""
    _ = tr.gettext
    tz = ZoneInfo(committee.timezone)
    lines = [
        _("Representative: {name}").format(name=h(mandate.representative_name)),
        _("With: {partner}").format(partner=h(mandate.partner_name)),
    ]
    when = _when(tr, mandate, tz)
    if when:
        lines.append(when)
    lines += ["", "<b>" + h(_("Positions to carry")) + "</b>"]
    lines += [f"• {h(point)}" for point in mandate.positions]
    lines += ["", "<b>" + h(_("May agree alone")) + "</b>"]
    lines.append(h(mandate.latitude) if mandate.latitude else _("Nothing without the committee."))
    if mandate.limits:
        lines += ["", "<b>" + h(_("Must come back to the committee")) + "</b>", h(mandate.limits)]
    if mandate.valid_until is not None:
        lines += [
            "",
            _("Valid until {when}").format(when=tr.format_moment(mandate.valid_until, tz=tz)),
        ]
    return lines


def review_text(tr: Translator, committee: Committee, mandate: Mandate, *, has_group: bool) -> str:
    """The mandate as its author reviews it, before the committee adopts it."""
    _ = tr.gettext
    text = "\n".join(
        [
            "<b>" + _("Your mandate {ref}").format(ref=mandate_ref(mandate.number)) + "</b>",
            *mandate_body(tr, committee, mandate),
        ]
    )
    if not has_group:
        text += "\n\n" + _(
            "No group is linked: a coordinator can record it as adopted at a meeting."
        )
    return text


def mandate_card(tr: Translator, committee: Committee, mandate: Mandate, now: datetime) -> str:
    """The card shown on a phone during the meeting, with its validity said plainly."""
    _ = tr.gettext
    tz = ZoneInfo(committee.timezone)
    header = [
        "<b>🪪 "
        + h(_("Mandate {ref}").format(ref=mandate_ref(mandate.number)))
        + "</b> — "
        + h(committee.name)
    ]
    valid = (
        mandate.status is MandateStatus.ADOPTED
        and mandate.valid_until is not None
        and is_valid(mandate.valid_until, now)
    )
    if not valid:
        header.append("⚠️ " + _(invalid_reason(mandate)))
    lines = header + mandate_body(tr, committee, mandate)
    if mandate.decided_at is not None and mandate.status in {
        MandateStatus.ADOPTED,
        MandateStatus.REPLACED,
    }:
        day = tr.format_day(mandate.decided_at.astimezone(tz))
        if mandate.decided_how == "meeting":
            lines.append(_("Adopted at a meeting on {day}.").format(day=day))
        elif mandate.tally is not None:
            lines.append(
                _("Adopted by vote on {day}: {tally}.").format(
                    day=day, tally=tally_text(tr, Tally(*mandate.tally))
                )
            )
    return "\n".join(lines)


def invalid_reason(mandate: Mandate) -> str:
    return {
        MandateStatus.DRAFT: N_("This mandate is not adopted yet."),
        MandateStatus.VOTING: N_("The committee is still voting on this mandate."),
        MandateStatus.REJECTED: N_("This mandate was not adopted."),
        MandateStatus.REPLACED: N_("This mandate was replaced: it is no longer valid."),
    }.get(mandate.status, N_("This mandate has expired: it is no longer valid."))


def tally_text(tr: Translator, tally: Tally) -> str:
    _ = tr.gettext
    return " · ".join(
        [
            _("For {count}").format(count=tally.for_),
            _("Against {count}").format(count=tally.against),
            _("Abstain {count}").format(count=tally.abstain),
        ]
    )


def vote_text(
    tr: Translator,
    committee: Committee,
    mandate: Mandate,
    tally: Tally,
    member_count: int,
    result: Outcome | None = None,
) -> str:
    """The message in the group, updated at each press, then with the result."""
    _ = tr.gettext
    tz = ZoneInfo(committee.timezone)
    title = _("Vote on mandate {ref}").format(ref=mandate_ref(mandate.number))
    lines = ["<b>🗳️ " + h(title) + "</b>", *mandate_body(tr, committee, mandate), ""]
    lines.append(
        _("{tally} ({cast} of {members} members voted)").format(
            tally=tally_text(tr, tally), cast=tally.cast, members=member_count
        )
    )
    if result is None and mandate.vote_deadline is not None:
        lines.append(
            _("The vote closes {when}. Quorum: {quorum} votes.").format(
                when=tr.format_moment(mandate.vote_deadline, tz=tz),
                quorum=effective_quorum(committee.vote_quorum, member_count),
            )
        )
    elif result is Outcome.ADOPTED:
        lines.append("✅ " + _("Adopted."))
    elif result is Outcome.REJECTED:
        lines.append("❌ " + _("Not adopted."))
    elif result is Outcome.NO_QUORUM:
        lines.append(
            "⏳ "
            + _("Not adopted: quorum not reached ({cast} votes, {quorum} needed).").format(
                cast=tally.cast, quorum=effective_quorum(committee.vote_quorum, member_count)
            )
        )
    return "\n".join(lines)


def vote_buttons(tr: Translator, mandate: Mandate) -> list[list[Button]]:
    return [
        [(tr.gettext(CHOICE_LABELS[c]), Vote(id=mandate.id, choice=c)) for c in VoteChoice],
        [(tr.gettext("Close the vote"), CloseVote(id=mandate.id))],
    ]


def report_text(tr: Translator, mandate: Mandate, report: MandateReport) -> str:
    _ = tr.gettext
    title = _("Report from {name} — meeting with {partner}").format(
        name=h(mandate.representative_name), partner=h(mandate.partner_name)
    )
    lines = ["<b>📣 " + title + "</b>", _("Mandate {ref}").format(ref=mandate_ref(mandate.number))]
    if report.said:
        lines += ["", "<b>" + h(_("What we said")) + "</b>", h(report.said)]
    if report.partner_answer:
        lines += ["", "<b>" + h(_("What the partner answered")) + "</b>", h(report.partner_answer)]
    refs = dict(report.refs)

    def point(key: str, number: int, text: str) -> str:
        """A point, with what it became once a member recorded it (« → D-7 »)."""
        became = f" → {h(refs[key])}" if key in refs else ""
        return f"{number}. {h(text)}{became}"

    if report.agreed:
        lines += ["", "<b>" + h(_("Agreed within the mandate")) + "</b>"]
        lines += [point(f"d{i}", i + 1, p) for i, p in enumerate(report.agreed)]
    if report.to_committee:
        lines += ["", "<b>" + h(_("For the committee to decide")) + "</b>"]
        lines += [point(f"s{i}", i + 1, p) for i, p in enumerate(report.to_committee)]
    return "\n".join(lines)


def report_buttons(tr: Translator, report: MandateReport) -> list[list[Button]]:
    """One tap turns a point into a decision (agreed) or a follow-up (to decide); each button
    names its point (the keyboard cuts a long one at a word, with « … »)."""
    _ = tr.gettext
    rows: list[list[Button]] = []
    for i, point in enumerate(report.agreed):
        if f"d{i}" not in report.turned:
            rows.append(
                [
                    (
                        _("Decision: {point}").format(point=point),
                        TurnIntoDecision(id=report.id, point=i),
                    )
                ]
            )
    for i, point in enumerate(report.to_committee):
        if f"s{i}" not in report.turned:
            rows.append(
                [
                    (
                        _("Follow-up: {point}").format(point=point),
                        TurnIntoFollowUp(id=report.id, point=i),
                    )
                ]
            )
    return rows
