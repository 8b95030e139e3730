"""Requests on a real SQLite file: numbers, answers, the ladder's claims, letters, forgetting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest_asyncio

from bot.domain.entities import CommitteeKind
from bot.domain.request_letters import LetterKind, LetterPart
from bot.domain.requests import Channel, Event, Move, Outcome, RequestStatus, Rung, request_ref
from bot.storage.db import Database
from bot.storage.decisions import FollowUpDraft
from bot.storage.repositories import Storage
from bot.storage.requests import RequestDraft

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
SENT = date(2026, 11, 23)


class Clock:
    def __init__(self) -> None:
        self.moment = NOW

    def __call__(self) -> datetime:
        return self.moment


@pytest_asyncio.fixture
async def clock() -> Clock:
    return Clock()


@pytest_asyncio.fixture
async def storage(tmp_path: Path, clock: Clock) -> AsyncIterator[Storage]:
    db = Database(tmp_path / "bot.sqlite3", clock=clock)
    await db.connect()
    try:
        yield Storage(db)
    finally:
        await db.close()


async def committee_id(storage: Storage) -> int:
    await storage.people.upsert(1, "Marie Tremblay", None, "fr")
    committee = await storage.committees.create(
        name="Association des Pins",
        kind=CommitteeKind.ASSOCIATION,
        housing_office="OMH de Québec",
        timezone="America/Toronto",
        locale="fr_CA",
        creator_id=1,
    )
    return committee.id


def draft(what: str = "Réparer la porte du local") -> RequestDraft:
    return RequestDraft(
        what=what,
        partner_name="OMH de Québec",
        partnership_id=None,
        channel=Channel.LETTER,
        sent_on=SENT,
        addressed_to="Mme Roy, directrice",
        expected_on=SENT + timedelta(days=30),
        responsible_id=1,
        responsible_name="Marie",
    )


async def test_numbers_are_stable_and_never_reused(storage: Storage) -> None:
    cid = await committee_id(storage)
    first = await storage.requests.create(cid, draft(), created_by=1)
    second = await storage.requests.create(cid, draft("Changer les tapis"), created_by=1)
    assert [request_ref(first.number), request_ref(second.number)] == ["Q-1", "Q-2"]
    assert first.status is RequestStatus.WAITING and first.round == 0
    assert first.channel is Channel.LETTER and first.expected_on == date(2026, 12, 23)
    # Decisions count on their own: D-1 does not take Q-1's number.
    decision, _ = await storage.decisions.record(cid, "Une décision", created_by=1)
    assert decision.number == 1
    open_ones = await storage.requests.of_committee(cid, [RequestStatus.WAITING])
    assert [r.number for r in open_ones] == [1, 2]


async def test_pause_resume_close_only_from_where_it_makes_sense(storage: Storage) -> None:
    cid = await committee_id(storage)
    request = await storage.requests.create(cid, draft(), created_by=1)
    waiting = [RequestStatus.WAITING]
    paused = RequestStatus.PAUSED
    assert await storage.requests.move(
        request.id, paused, allowed_from=waiting, step=Move.PAUSED, on_day=SENT, by=1
    )
    # A second press of « Pause » finds it paused already: nothing changes.
    assert not await storage.requests.move(
        request.id, paused, allowed_from=waiting, step=Move.PAUSED, on_day=SENT, by=1
    )
    assert await storage.requests.move(
        request.id,
        RequestStatus.WAITING,
        allowed_from=[paused],
        step=Move.RESUMED,
        on_day=SENT + timedelta(days=2),
        by=1,
    )
    events = await storage.requests.events(request.id)
    assert [e.kind for e in events] == ["paused", "resumed"]
    assert await storage.requests.move(
        request.id, RequestStatus.CLOSED, allowed_from=waiting, step=None, on_day=SENT, by=1
    )
    assert not await storage.requests.set_field(request.id, "what", "Autre chose")
    assert await storage.requests.record_answer(
        request.id, Outcome.ACCEPTED, SENT, None, by=1
    ) is (None)


async def test_answers_change_the_state_and_looking_starts_a_new_round(storage: Storage) -> None:
    cid = await committee_id(storage)
    request = await storage.requests.create(cid, draft(), created_by=1)
    assert await storage.requests.claim_rung(request, Rung.FIRST, date(2026, 12, 24))
    await storage.requests.rung_sent(request, Rung.FIRST)
    looking = await storage.requests.record_answer(
        request.id,
        Outcome.LOOKING,
        date(2026, 12, 28),
        "Ils en parlent au CA",
        by=1,
        expect_again_on=date(2027, 1, 27),
    )
    assert looking is not None
    again = await storage.requests.get(request.id)
    assert again is not None and again.round == 1 and again.expected_on == date(2027, 1, 27)
    assert again.status is RequestStatus.WAITING and again.outcome is Outcome.LOOKING
    # The new round starts with no rung sent: the first one may be claimed again.
    assert await storage.requests.events(request.id) == []
    assert await storage.requests.claim_rung(again, Rung.FIRST, date(2027, 1, 28))

    await storage.requests.record_answer(
        request.id, Outcome.NO_ANSWER, date(2027, 1, 30), None, by=1
    )
    events = await storage.requests.events(request.id)
    assert Event(Move.RELANCED, date(2027, 1, 30)) in events
    await storage.requests.record_answer(
        request.id, Outcome.PARTLY, date(2027, 2, 2), "La porte", by=1
    )
    settled = await storage.requests.get(request.id)
    assert settled is not None and settled.status is RequestStatus.ANSWERED
    answers = await storage.requests.answers(request.id)
    assert [a.outcome for a in answers] == [Outcome.LOOKING, Outcome.NO_ANSWER, Outcome.PARTLY]


async def test_a_rung_is_claimed_once_and_a_crashed_claim_is_taken_again(
    storage: Storage, clock: Clock
) -> None:
    cid = await committee_id(storage)
    request = await storage.requests.create(cid, draft(), created_by=1)
    day = date(2026, 12, 24)
    assert await storage.requests.claim_rung(request, Rung.FIRST, day)
    assert not await storage.requests.claim_rung(request, Rung.FIRST, day)
    # Being sent: it counts for the ladder.
    assert await storage.requests.events(request.id) == [Event(Rung.FIRST, day)]
    clock.moment += timedelta(minutes=30)  # the bot died before marking it sent
    assert await storage.requests.events(request.id) == []
    assert await storage.requests.claim_rung(request, Rung.FIRST, day)
    await storage.requests.rung_sent(request, Rung.FIRST)
    clock.moment += timedelta(days=1)
    assert not await storage.requests.claim_rung(request, Rung.FIRST, day)
    assert await storage.requests.events(request.id) == [Event(Rung.FIRST, day)]
    # A flood wait gives a claimed rung back; a sent one stays.
    assert await storage.requests.claim_rung(request, Rung.SECOND, day)
    await storage.requests.release_rung(request, Rung.SECOND)
    await storage.requests.release_rung(request, Rung.FIRST)
    assert await storage.requests.events(request.id) == [Event(Rung.FIRST, day)]


async def test_letters_are_drafts_until_final_and_the_letterhead_is_kept(
    storage: Storage,
) -> None:
    cid = await committee_id(storage)
    request = await storage.requests.create(cid, draft(), created_by=1)
    parts = {LetterPart.SUBJECT: "Porte du local", LetterPart.BODY: "Réparer la porte"}
    old = await storage.request_letters.draft(
        request.id, LetterKind.REQUEST, SENT, parts, signer_id=1, by=1
    )
    letter = await storage.request_letters.draft(
        request.id, LetterKind.REQUEST, SENT, parts, signer_id=1, by=1
    )
    assert await storage.request_letters.get(old.id) is None  # one draft at a time
    assert letter.part(LetterPart.ADDRESS) == "" and not letter.final
    assert await storage.request_letters.set_part(
        letter.id, LetterPart.ADDRESS, "12, rue des Pins"
    )
    assert await storage.request_letters.set_part(
        letter.id, LetterPart.SIGNATURE, "Marie Tremblay\nCoordonnatrice"
    )
    assert await storage.request_letters.letterhead(cid) == {}
    assert await storage.request_letters.make_final(letter.id, SENT + timedelta(days=1))
    assert not await storage.request_letters.make_final(letter.id, SENT)
    assert not await storage.request_letters.set_part(letter.id, LetterPart.BODY, "Autre")
    final = await storage.request_letters.get(letter.id)
    assert final is not None and final.final and final.written_on == date(2026, 11, 24)
    assert await storage.request_letters.letterhead(cid) == {
        LetterPart.ADDRESS: "12, rue des Pins",
        LetterPart.SIGNATURE: "Marie Tremblay\nCoordonnatrice",
    }
    assert [x.id for x in await storage.request_letters.of_request(request.id)] == [letter.id]


async def test_promises_become_linked_follow_ups(storage: Storage) -> None:
    cid = await committee_id(storage)
    request = await storage.requests.create(cid, draft(), created_by=1)
    promise = FollowUpDraft("L'office répare la porte", None, None, date(2027, 1, 15), None)
    follow_up = await storage.follow_ups.create(cid, promise, created_by=1)
    await storage.requests.link_follow_up(request.id, follow_up.id)
    await storage.requests.link_follow_up(request.id, follow_up.id)
    assert await storage.requests.follow_up_ids(request.id) == [follow_up.id]


async def test_forgetting_a_person_keeps_the_request_without_the_name(storage: Storage) -> None:
    cid = await committee_id(storage)
    request = await storage.requests.create(cid, draft(), created_by=1)
    letter = await storage.request_letters.draft(
        request.id,
        LetterKind.REQUEST,
        SENT,
        {LetterPart.SIGNATURE: "Marie Tremblay"},
        signer_id=1,
        by=1,
    )
    await storage.request_letters.make_final(letter.id, SENT)
    await storage.people.forget(1, "(personne retirée)")
    kept = await storage.requests.get(request.id)
    assert kept is not None and kept.responsible_name == "(personne retirée)"
    assert kept.responsible_id is None
    signed = await storage.request_letters.get(letter.id)
    assert signed is not None and signed.part(LetterPart.SIGNATURE) == "(personne retirée)"
    letterhead = await storage.request_letters.letterhead(cid)
    assert letterhead[LetterPart.SIGNATURE] == "(personne retirée)"
