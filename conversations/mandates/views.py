"""How a mandate reads: the card for the phone, the vote in the group, the report. No handlers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.entities import Committee, Mandate, MandateReport, MandateStatus, NextStep
from bot.domain.mandates import (
    CHOICE_LABELS,
    RESULT_MARKS,
    RESULT_WORDS,
    Outcome,
    Tally,
    VoteChoice,
    effective_quorum,
    is_valid,
    mandate_ref,
    still_to_win,
)
from bot.domain.named_members import ProxyVote
from bot.i18n import N_, Translator
from bot.ui import Button, h
from conversations.mandates.buttons import (
    AskAgain,
    CloseVote,
    KeepForNext,
    ProxyMenu,
    TurnIntoDecision,
    TurnIntoFollowUp,
    Vote,
)


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
        _("Representative: {person}").format(person=h(mandate.representative_name)),
        _("With: {partner}").format(partner=h(mandate.partner_name)),
    ]
    when = _when(tr, mandate, tz)
    if when:
        lines.append(when)
    lines += ["", "<b>" + h(_("Positions to carry")) + "</b>"]
    lines += [f"• {h(point)}" for point in mandate.positions]
    lines += [
        "",
        "<b>"
        + h(_("What {person} may agree to alone").format(person=mandate.representative_name))
        + "</b>",
    ]
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


@dataclass(frozen=True, slots=True)
class Count:
    """A vote's count: the tally, how many may vote (members with or without Telegram), and
    the votes recorded by proxy (shown, with who recorded them)."""

    tally: Tally
    voters: int
    proxies: tuple[ProxyVote, ...] = ()
    has_proxies: bool = False  # the committee has members without Telegram


def vote_text(
    tr: Translator,
    committee: Committee,
    mandate: Mandate,
    count: Count,
    result: Outcome | None = None,
) -> str:
    """The message in the group, updated at each press, then with the result."""
    _ = tr.gettext
    tz = ZoneInfo(committee.timezone)
    tally, member_count = count.tally, count.voters
    title = _("Vote on mandate {ref}").format(ref=mandate_ref(mandate.number))
    lines = ["<b>🗳️ " + h(title) + "</b>", *mandate_body(tr, committee, mandate), ""]
    turnout = (
        tr.ngettext(
            "{tally} ({cast} of {members} members voted)",
            "{tally} ({cast} of {members} members voted)",
            tally.cast,
        )
        if tally.cast
        else _("{tally} (no vote yet)")
    )
    tallied = tally_text(tr, tally)
    lines.append(turnout.format(tally=tallied, cast=tally.cast, members=member_count))
    if count.proxies:
        lines.append(
            _("By proxy: {votes}").format(
                votes="; ".join(
                    _("{name} ({choice}), recorded by {by}").format(
                        name=h(p.member_name),
                        choice=_(CHOICE_LABELS[VoteChoice(p.choice)]),
                        by=h((p.recorded_by or "?").split(" ")[0]),
                    )
                    for p in count.proxies
                )
            )
        )
    quorum = effective_quorum(committee.vote_quorum, member_count)
    if result is None and mandate.vote_deadline is not None:
        lines.append(
            tr.ngettext(
                "The vote closes {when}. Quorum: {quorum} vote.",
                "The vote closes {when}. Quorum: {quorum} votes.",
                quorum,
            ).format(when=tr.format_moment(mandate.vote_deadline, tz=tz), quorum=quorum)
        )
    elif result is Outcome.ADOPTED:
        lines.append("✅ " + _("Adopted."))
    elif result is Outcome.REJECTED:
        lines.append("❌ " + _("Not adopted."))
    elif result is Outcome.NO_QUORUM:
        lines.append(
            "⏳ "
            + tr.ngettext(
                "Not adopted: quorum not reached ({cast} vote, {quorum} needed).",
                "Not adopted: quorum not reached ({cast} votes, {quorum} needed).",
                tally.cast,
            ).format(cast=tally.cast, quorum=quorum)
        )
    return "\n".join(lines)


def vote_buttons(tr: Translator, mandate: Mandate, *, proxies: bool) -> list[list[Button]]:
    """For, against, abstain; for a committee with members without Telegram, the
    coordinators' « vote by proxy »."""
    rows: list[list[Button]] = [
        [(tr.gettext(CHOICE_LABELS[c]), Vote(id=mandate.id, choice=c)) for c in VoteChoice]
    ]
    if proxies:
        rows.append([(tr.gettext("Vote by proxy (coordinators)"), ProxyMenu(id=mandate.id))])
    rows.append([(tr.gettext("Close the vote"), CloseVote(id=mandate.id))])
    return rows


def report_text(tr: Translator, mandate: Mandate, report: MandateReport) -> str:
    _ = tr.gettext
    title = _("Report from {person} — {partner}").format(
        person=h(mandate.representative_name), partner=h(mandate.partner_name)
    )
    lines = ["<b>📣 " + title + "</b>", _("Mandate {ref}").format(ref=mandate_ref(mandate.number))]
    if report.said:
        lines += ["", "<b>" + h(_("What we said")) + "</b>", h(report.said)]
    if report.partner_answer:
        lines += ["", "<b>" + h(_("What the partner answered")) + "</b>", h(report.partner_answer)]
    if report.results:
        lines += ["", "<b>" + h(_("Position by position")) + "</b>", *result_lines(tr, report)]
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
    """One tap turns a position not obtained into a request, or keeps it for the next mandate;
    a point into a decision (agreed) or a follow-up (to decide). Each button names its point
    (the keyboard cuts a long one at a word, with « … »)."""
    _ = tr.gettext
    rows: list[list[Button]] = []
    for outcome in still_to_win(report.results):
        point, i = outcome.text, outcome.index
        rows.append(
            [(_("📨 Request: {point}").format(point=point), AskAgain(id=report.id, point=i))]
        )
        rows.append(
            [
                (
                    _("📌 Next mandate: {point}").format(point=point),
                    KeepForNext(id=report.id, point=i),
                )
            ]
        )
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


def result_lines(tr: Translator, report: MandateReport) -> list[str]:
    """« ✅ Réparer la porte — obtenue », « ❌ Un local plus grand — refusée → Q-2 »."""
    _ = tr.gettext
    lines: list[str] = []
    for outcome in report.results:
        line = (
            f"{RESULT_MARKS[outcome.result]} {h(outcome.text)} — {_(RESULT_WORDS[outcome.result])}"
        )
        if outcome.request_ref is not None:
            line += f" → {outcome.request_ref}"
        elif outcome.next_step is NextStep.KEPT:
            line += " → " + _("kept for the next mandate")
        lines.append(line)
    return lines
