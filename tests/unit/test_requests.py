"""Requests to partners: dates, statuses, the tenacity ladder, partners and letters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.request_letters import (
    LETTER_PART_LABELS,
    LETTER_PART_LIMITS,
    Letter,
    LetterKind,
    LetterPart,
    can_change_letter,
    missing_parts,
    relance_answer_by,
    short_subject,
)
from bot.domain.requests import (
    ANSWER_DAY_CHOICES,
    CHANNEL_LABELS,
    DEFAULT_ANSWER_DAYS,
    LADDER,
    OUTCOME_LABELS,
    RELANCE_WAIT_DAYS,
    RESUME_GRACE_DAYS,
    SETTLING,
    STATUS_LABELS,
    Channel,
    Event,
    Move,
    NextRung,
    Outcome,
    PartnerChoice,
    Request,
    RequestStatus,
    Rung,
    asks_a_partner,
    by_partner,
    can_answer,
    can_close,
    can_pause,
    can_relance,
    can_resume,
    counts_as_relance,
    days_overdue,
    days_waiting,
    expected_by,
    fold,
    guess_partner,
    is_open,
    is_overdue,
    next_rung,
    on_agenda,
    relances_made,
    request_ref,
    starts_new_round,
    status_after,
)

SENT = date(2026, 11, 23)
EXPECTED = date(2026, 12, 23)
WAITING = RequestStatus.WAITING


def request(number: int = 1, **changes: object) -> Request:
    base = Request(
        id=number,
        committee_id=1,
        number=number,
        what="Réparer la porte du local",
        partner_name="Office municipal d'habitation de Québec",
        partnership_id=None,
        channel=Channel.LETTER,
        sent_on=SENT,
        addressed_to=None,
        expected_on=EXPECTED,
        status=WAITING,
        outcome=None,
        responsible_id=7,
        responsible_name="Marie",
        round=0,
        created_by=7,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# --- references, labels, dates -------------------------------------------------------------


def test_request_ref() -> None:
    assert request_ref(4) == "Q-4"


def test_every_value_has_a_label() -> None:
    assert set(STATUS_LABELS) == set(RequestStatus)
    assert set(OUTCOME_LABELS) == set(Outcome)
    assert set(CHANNEL_LABELS) == set(Channel)
    assert set(LETTER_PART_LABELS) == set(LetterPart) == set(LETTER_PART_LIMITS)


def test_an_answer_is_expected_thirty_days_later_by_default() -> None:
    assert DEFAULT_ANSWER_DAYS in ANSWER_DAY_CHOICES
    assert expected_by(SENT) == EXPECTED
    assert expected_by(SENT, 15) == date(2026, 12, 8)
    with pytest.raises(ValueError):
        expected_by(SENT, 0)


def test_days_waiting_and_overdue() -> None:
    assert days_waiting(SENT, SENT) == 0
    assert days_waiting(SENT, date(2026, 12, 24)) == 31
    assert days_waiting(SENT, date(2026, 11, 1)) == 0  # logged ahead of sending
    assert not is_overdue(WAITING, EXPECTED, EXPECTED)  # the day itself is on time
    assert is_overdue(WAITING, EXPECTED, EXPECTED + timedelta(days=1))
    assert not is_overdue(RequestStatus.PAUSED, EXPECTED, EXPECTED + timedelta(days=9))
    assert days_overdue(EXPECTED, EXPECTED + timedelta(days=3)) == 3
    assert days_overdue(EXPECTED, SENT) == 0


@given(st.dates(), st.dates())
def test_days_waiting_is_never_negative_and_grows_with_time(sent: date, today: date) -> None:
    waited = days_waiting(sent, today)
    assert waited >= 0
    if today < date.max:
        assert days_waiting(sent, today + timedelta(days=1)) >= waited


# --- statuses --------------------------------------------------------------------------------


def test_what_each_state_allows() -> None:
    closed, paused, answered = RequestStatus.CLOSED, RequestStatus.PAUSED, RequestStatus.ANSWERED
    assert is_open(WAITING) and is_open(paused)
    assert not is_open(answered) and not is_open(closed)
    assert can_pause(WAITING) and not can_pause(paused) and not can_pause(closed)
    assert can_resume(paused) and not can_resume(WAITING)
    assert can_relance(WAITING) and can_relance(paused) and not can_relance(answered)
    assert can_answer(answered) and not can_answer(closed)
    assert all(can_close(s) for s in RequestStatus if s is not closed) and not can_close(closed)


def test_answers_settle_or_keep_waiting() -> None:
    for outcome in (Outcome.ACCEPTED, Outcome.PARTLY, Outcome.REFUSED):
        assert status_after(WAITING, outcome) is RequestStatus.ANSWERED
        assert not starts_new_round(outcome)
    assert status_after(RequestStatus.PAUSED, Outcome.LOOKING) is WAITING
    assert starts_new_round(Outcome.LOOKING)
    assert status_after(RequestStatus.PAUSED, Outcome.NO_ANSWER) is RequestStatus.PAUSED
    assert status_after(WAITING, Outcome.NO_ANSWER) is WAITING
    assert status_after(RequestStatus.ANSWERED, Outcome.NO_ANSWER) is WAITING
    assert counts_as_relance(Outcome.NO_ANSWER) and not counts_as_relance(Outcome.LOOKING)


@given(st.sampled_from([s for s in RequestStatus if can_answer(s)]), st.sampled_from(Outcome))
def test_an_answer_never_closes_a_request(current: RequestStatus, outcome: Outcome) -> None:
    after = status_after(current, outcome)
    assert after is not RequestStatus.CLOSED
    assert (after is RequestStatus.ANSWERED) == (outcome in SETTLING)


# --- the ladder ------------------------------------------------------------------------------


def test_first_rung_the_day_after_the_expected_date() -> None:
    assert next_rung(WAITING, EXPECTED, []) == NextRung(Rung.FIRST, date(2026, 12, 24))


def test_the_whole_ladder_when_nobody_does_anything() -> None:
    events: list[Event] = []
    days = []
    while (found := next_rung(WAITING, EXPECTED, events)) is not None:
        days.append((found.rung, found.on))
        events.append(Event(found.rung, found.on))
    first = EXPECTED + timedelta(days=1)
    wait = timedelta(days=RELANCE_WAIT_DAYS)
    assert days == [
        (Rung.FIRST, first),
        (Rung.SECOND, first + wait),
        (Rung.ESCALATE, first + 2 * wait),
    ]
    assert on_agenda(WAITING, events)
    assert not on_agenda(RequestStatus.ANSWERED, events)


def test_a_relance_gives_the_partner_time_again() -> None:
    first = EXPECTED + timedelta(days=1)
    events = [Event(Rung.FIRST, first), Event(Move.RELANCED, first + timedelta(days=3))]
    found = next_rung(WAITING, EXPECTED, events)
    assert found == NextRung(Rung.SECOND, first + timedelta(days=3 + RELANCE_WAIT_DAYS))
    assert relances_made(events) == 1


def test_a_relance_before_the_expected_date_delays_the_first_rung() -> None:
    relanced = EXPECTED - timedelta(days=2)
    found = next_rung(WAITING, EXPECTED, [Event(Move.RELANCED, relanced)])
    assert found == NextRung(Rung.FIRST, relanced + timedelta(days=RELANCE_WAIT_DAYS))


def test_a_paused_request_is_not_nudged_and_resuming_gives_a_grace() -> None:
    assert next_rung(RequestStatus.PAUSED, EXPECTED, []) is None
    assert next_rung(RequestStatus.ANSWERED, EXPECTED, []) is None
    assert next_rung(RequestStatus.CLOSED, EXPECTED, []) is None
    resumed = EXPECTED + timedelta(days=20)
    events = [Event(Move.PAUSED, SENT), Event(Move.RESUMED, resumed)]
    found = next_rung(WAITING, EXPECTED, events)
    assert found == NextRung(Rung.FIRST, resumed + timedelta(days=RESUME_GRACE_DAYS))


moves = st.sampled_from([Move.RELANCED, Move.PAUSED, Move.RESUMED])


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)),
    st.lists(st.tuples(st.integers(0, 120), moves), max_size=8),
)
def test_the_ladder_is_short_ordered_and_patient(
    expected: date, people: list[tuple[int, Move]]
) -> None:
    """Whatever members do and whenever, each round has at most three rungs, in order, none
    before the day after the expected date, each at least two weeks after the one before and
    after the last relance."""
    moves_by_day = sorted((expected + timedelta(days=offset), move) for offset, move in people)
    events: list[Event] = []
    sent: list[tuple[Rung, date]] = []
    today = expected - timedelta(days=31)
    pending = list(moves_by_day)
    for _ in range(400):
        while pending and pending[0][0] <= today:
            day, move = pending.pop(0)
            events.append(Event(move, day))
        found = next_rung(WAITING, expected, events)
        if found is not None and found.on <= today:
            assert found.on == today  # never missed: it is sent the day it is due
            sent.append((found.rung, found.on))
            events.append(Event(found.rung, found.on))
        today += timedelta(days=1)
    assert [rung for rung, _day in sent] == list(LADDER[: len(sent)])
    assert len(sent) == len(LADDER)  # four hundred days is long enough for all three
    assert sent[0][1] > expected
    wait = timedelta(days=RELANCE_WAIT_DAYS)
    for (_r1, earlier), (_r2, later) in pairwise(sent):
        assert later - earlier >= wait
    for rung_day in (day for _rung, day in sent):
        relances = [e.on for e in events if e.kind == Move.RELANCED and e.on < rung_day]
        assert not relances or rung_day - max(relances) >= wait


@given(st.lists(st.sampled_from([*LADDER, *Move]), max_size=10))
def test_nothing_after_the_whole_ladder(kinds: list[str]) -> None:
    events = [Event(kind, SENT + timedelta(days=n)) for n, kind in enumerate(kinds)]
    found = next_rung(WAITING, EXPECTED, events)
    sent = sum(1 for e in events if e.kind in LADDER)
    assert (found is None) == (sent >= len(LADDER))
    if found is not None:
        assert found.rung is LADDER[sent]
        assert found.on > EXPECTED or sent > 0


# --- partners --------------------------------------------------------------------------------

OFFICE = "Office municipal d'habitation de Québec"
CLSC = PartnerChoice("CLSC de Limoilou", 3)
PARTNERS = [PartnerChoice("CLSC", 2), CLSC, PartnerChoice("Ville de Québec", 4)]


def test_guess_partner_by_name_longest_first() -> None:
    assert guess_partner("Demander au CLSC de Limoilou une clinique", PARTNERS, OFFICE) == CLSC
    assert guess_partner("Une clinique au clsc", PARTNERS, OFFICE) == PARTNERS[0]
    assert (
        guess_partner("Déneiger, demande à la ville de québec", PARTNERS, OFFICE) == (PARTNERS[2])
    )


def test_guess_partner_the_office_by_its_usual_words() -> None:
    assert guess_partner("On demande à l'office de réparer la porte", [], OFFICE) == (
        PartnerChoice(OFFICE, None)
    )
    assert guess_partner("L’OMH doit changer les tapis", [], OFFICE) == PartnerChoice(OFFICE, None)
    with_partnership = [PartnerChoice(OFFICE, 9)]
    assert guess_partner("Demander à l'OH", with_partnership, OFFICE) == with_partnership[0]
    assert guess_partner("Demander à l'office", [], None) is None
    assert guess_partner("Réparer la porte", PARTNERS, OFFICE) is None
    # « oh » inside another word is not the office
    assert guess_partner("Réparer la cohue", [], OFFICE) is None


def test_a_decision_that_asks_a_partner_is_offered_as_a_request() -> None:
    assert asks_a_partner("On demande à l'office de réparer la porte", [], OFFICE)
    assert asks_a_partner("Le CLSC viendra en janvier", PARTNERS, OFFICE)
    assert asks_a_partner("We ask the city for a bench", [], None)
    assert not asks_a_partner("On fête Noël le 20 décembre", PARTNERS, OFFICE)


def test_two_partners_with_the_same_name_are_not_guessed() -> None:
    twins = [PartnerChoice("CLSC", 2), PartnerChoice("CLSC", 5)]
    assert guess_partner("Demander au CLSC", twins, None) is None


def test_fold_for_matching_only() -> None:
    assert fold("Québec’s ÉCOLE") == "quebec's ecole"


def test_open_requests_by_partner_longest_waiting_first() -> None:
    today = date(2027, 1, 10)
    office_old = request(1, sent_on=date(2026, 11, 1))
    office_new = request(2, sent_on=date(2026, 12, 1), partner_name=OFFICE.upper())
    clsc = request(3, sent_on=date(2026, 12, 20), partner_name="CLSC")
    nobody = request(4, partner_name=None, sent_on=date(2026, 10, 1))
    answered = request(5, status=RequestStatus.ANSWERED, partner_name="Ville")
    paused = request(6, status=RequestStatus.PAUSED, partner_name="Ville")
    groups = by_partner([clsc, office_new, answered, office_old, nobody, paused], today)
    assert [g.partner for g in groups] == [OFFICE, "Ville", "CLSC", None]
    assert [r.number for r in groups[0].requests] == [1, 2]
    assert [[r.number for r in g.requests] for g in groups[1:]] == [[6], [3], [4]]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Office", "office", "CLSC", "Ville", None]),
            st.sampled_from(RequestStatus),
            st.integers(0, 200),
        ),
        max_size=20,
    )
)
def test_every_open_request_is_listed_once(
    specs: list[tuple[str | None, RequestStatus, int]],
) -> None:
    requests = [
        request(n + 1, partner_name=partner, status=status, sent_on=SENT - timedelta(days=age))
        for n, (partner, status, age) in enumerate(specs)
    ]
    groups = by_partner(requests, SENT)
    listed = [r.number for g in groups for r in g.requests]
    assert sorted(listed) == [r.number for r in requests if is_open(r.status)]
    waits = [days_waiting(g.requests[0].sent_on, SENT) for g in groups if g.partner is not None]
    assert waits == sorted(waits, reverse=True)


# --- letters ---------------------------------------------------------------------------------


def letter(**parts: str) -> Letter:
    return Letter(
        id=1,
        request_id=1,
        committee_id=1,
        kind=LetterKind.REQUEST,
        written_on=SENT,
        parts=tuple((LetterPart(k), v) for k, v in parts.items()),
        final=False,
        request_status=WAITING,
    )


def test_the_committee_writes_its_own_address_and_contact() -> None:
    assert missing_parts(letter(body="Réparer")) == [LetterPart.ADDRESS, LetterPart.CONTACT]
    complete = letter(address="12, rue des Pins", contact="comite@example.org")
    assert missing_parts(complete) == []
    assert complete.part(LetterPart.SUBJECT) == ""


def test_a_final_letter_or_a_closed_request_cannot_change() -> None:
    draft = letter()
    assert can_change_letter(draft)
    assert not can_change_letter(replace(draft, final=True))
    assert not can_change_letter(replace(draft, request_status=RequestStatus.CLOSED))


def test_short_subject() -> None:
    assert short_subject("Réparer  la\nporte.") == "Réparer la porte"
    long = "Réparer " + "la porte du local communautaire " * 5
    cut = short_subject(long, 40)
    assert len(cut) <= 40 and cut.endswith("…") and not cut.endswith(" …")


@given(st.text(max_size=300), st.integers(10, 120))
def test_short_subject_is_one_line_within_its_limit(text: str, limit: int) -> None:
    subject = short_subject(text, limit)
    assert len(subject) <= limit and "\n" not in subject


def test_a_lettre_de_relance_asks_for_an_answer_within_two_weeks() -> None:
    assert relance_answer_by(SENT) == SENT + timedelta(days=RELANCE_WAIT_DAYS)
