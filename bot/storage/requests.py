"""SQL for requests to partners: the requests, their answers, the ladder's steps, the follow-ups
the partner's promises became. Letters are in storage/request_letters.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import aiosqlite

from bot.domain.requests import (
    LADDER,
    Answer,
    Channel,
    Event,
    Move,
    Outcome,
    Request,
    RequestStatus,
    Rung,
    counts_as_relance,
    starts_new_round,
    status_after,
)
from bot.storage.db import Database
from bot.storage.decisions import next_number

# A rung claimed this long ago and never marked sent was cut short by a crash: taken again.
STALE_CLAIM = timedelta(minutes=10)
_RUNGS = "('relance_1', 'relance_2', 'escalate')"


@dataclass(frozen=True, slots=True)
class RequestDraft:
    what: str
    partner_name: str | None
    partnership_id: int | None
    channel: Channel | None
    sent_on: date
    addressed_to: str | None
    expected_on: date
    responsible_id: int | None
    responsible_name: str | None
    decision_id: int | None = None
    mandate_id: int | None = None
    objective_id: int | None = None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _request(row: sqlite3.Row) -> Request:
    sent_on = _day(row["sent_on"])
    expected_on = _day(row["expected_on"])
    assert sent_on is not None and expected_on is not None
    return Request(
        id=row["id"],
        committee_id=row["committee_id"],
        number=row["number"],
        what=row["what"],
        partner_name=row["partner_name"],
        partnership_id=row["partnership_id"],
        channel=Channel(row["channel"]) if row["channel"] else None,
        sent_on=sent_on,
        addressed_to=row["addressed_to"],
        expected_on=expected_on,
        status=RequestStatus(row["status"]),
        outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        responsible_id=row["responsible_id"],
        responsible_name=row["responsible_name"],
        round=row["round"],
        created_by=row["created_by"],
        created_at=datetime.fromisoformat(row["created_at"]),
        decision_id=row["decision_id"],
        mandate_id=row["mandate_id"],
        objective_id=row["objective_id"],
    )


def _answer(row: sqlite3.Row) -> Answer:
    answered_on = _day(row["answered_on"])
    assert answered_on is not None
    return Answer(
        id=row["id"],
        request_id=row["request_id"],
        outcome=Outcome(row["outcome"]),
        answered_on=answered_on,
        note=row["note"],
        recorded_by=row["recorded_by"],
    )


# Columns a person may change one at a time, from the request's « Edit » menu.
EDITABLE = frozenset({"what", "channel", "sent_on", "addressed_to", "expected_on"})


class Requests:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self, committee_id: int, draft: RequestDraft, *, created_by: int | None
    ) -> Request:
        """A new request, numbered in its committee. A decision becomes one request at most:
        for a decision that already became one, that request is returned."""
        now = self._db.now_text()
        async with self._db.transaction() as db:
            if draft.decision_id is not None:
                async with db.execute(
                    "SELECT id FROM requests WHERE decision_id = ?", (draft.decision_id,)
                ) as cursor:
                    row = await cursor.fetchone()
                if row is not None:
                    existing = await self.get(row["id"])
                    assert existing is not None
                    return existing
            number = await next_number(db, committee_id, "request")
            cursor = await db.execute(
                "INSERT INTO requests (committee_id, number, what, partner_name, partnership_id,"
                " channel, sent_on, addressed_to, expected_on, responsible_id, responsible_name,"
                " decision_id, mandate_id, objective_id, created_by, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    committee_id,
                    number,
                    draft.what,
                    draft.partner_name,
                    draft.partnership_id,
                    draft.channel.value if draft.channel else None,
                    draft.sent_on.isoformat(),
                    draft.addressed_to,
                    draft.expected_on.isoformat(),
                    draft.responsible_id,
                    draft.responsible_name,
                    draft.decision_id,
                    draft.mandate_id,
                    draft.objective_id,
                    created_by,
                    now,
                    now,
                ),
            )
        assert cursor.lastrowid is not None
        found = await self.get(cursor.lastrowid)
        assert found is not None
        return found

    async def get(self, request_id: int) -> Request | None:
        row = await self._db.fetch_one("SELECT * FROM requests WHERE id = ?", (request_id,))
        return _request(row) if row else None

    async def of_committee(
        self, committee_id: int, statuses: Iterable[RequestStatus] | None = None
    ) -> list[Request]:
        """The committee's requests (of these statuses), by number."""
        wanted = [s.value for s in statuses] if statuses is not None else list(RequestStatus)
        marks = ", ".join("?" for _ in wanted)
        rows = await self._db.fetch_all(
            f"SELECT * FROM requests WHERE committee_id = ? AND status IN ({marks})"
            " ORDER BY number",
            (committee_id, *wanted),
        )
        return [_request(row) for row in rows]

    async def settled(self, committee_id: int, limit: int = 15) -> list[Request]:
        """Answered or closed, the latest changed first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM requests WHERE committee_id = ? AND status IN ('answered', 'closed')"
            " ORDER BY updated_at DESC, number DESC LIMIT ?",
            (committee_id, limit),
        )
        return [_request(row) for row in rows]

    async def of_decision(self, decision_id: int) -> Request | None:
        """The request a decision became, if it became one."""
        row = await self._db.fetch_one(
            "SELECT * FROM requests WHERE decision_id = ? ORDER BY id LIMIT 1", (decision_id,)
        )
        return _request(row) if row else None

    async def waiting(self) -> list[Request]:
        """Every waiting request of every committee (the ladder looks at them)."""
        rows = await self._db.fetch_all("SELECT * FROM requests WHERE status = 'waiting'")
        return [_request(row) for row in rows]

    async def set_field(self, request_id: int, field: str, value: str | None) -> bool:
        """One of `EDITABLE` (dates as ISO text), while the request is not closed."""
        if field not in EDITABLE:
            raise ValueError(f"not an editable field of a request: {field}")
        # The column name is one of the constants above, never user text.
        return (
            await self._db.execute(
                f"UPDATE requests SET {field} = ?, updated_at = ?"
                " WHERE id = ? AND status != 'closed'",
                (value, self._db.now_text(), request_id),
            )
            == 1
        )

    async def set_partner(self, request_id: int, name: str, partnership_id: int | None) -> bool:
        return (
            await self._db.execute(
                "UPDATE requests SET partner_name = ?, partnership_id = ?, updated_at = ?"
                " WHERE id = ? AND status != 'closed'",
                (name, partnership_id, self._db.now_text(), request_id),
            )
            == 1
        )

    async def set_responsible(self, request_id: int, person_id: int, name: str) -> bool:
        return (
            await self._db.execute(
                "UPDATE requests SET responsible_id = ?, responsible_name = ?, updated_at = ?"
                " WHERE id = ? AND status != 'closed'",
                (person_id, name, self._db.now_text(), request_id),
            )
            == 1
        )

    async def move(
        self,
        request_id: int,
        to: RequestStatus,
        *,
        allowed_from: Iterable[RequestStatus],
        step: Move | None,
        on_day: date,
        by: int | None,
    ) -> bool:
        """Pause, resume or close, from a state where it makes sense; False when the request
        had already moved on (another member pressed first). The step is recorded with it."""
        starts = [s.value for s in allowed_from]
        marks = ", ".join("?" for _ in starts)
        now = self._db.now_text()
        async with self._db.transaction() as db:
            cursor = await db.execute(
                f"UPDATE requests SET status = ?, updated_at = ? WHERE id = ?"
                f" AND status IN ({marks})",
                (to.value, now, request_id, *starts),
            )
            if cursor.rowcount != 1:
                return False
            if step is not None:
                await self._step(db, request_id, step, on_day, by, now)
        return True

    async def relanced(self, request_id: int, on_day: date, by: int | None) -> bool:
        """A member relanced the partner: the next rung waits for the partner's answer."""
        async with self._db.transaction() as db:
            async with db.execute(
                "SELECT 1 FROM requests WHERE id = ? AND status IN ('waiting', 'paused')",
                (request_id,),
            ) as cursor:
                if await cursor.fetchone() is None:
                    return False
            await self._step(db, request_id, Move.RELANCED, on_day, by, self._db.now_text())
        return True

    async def record_answer(
        self,
        request_id: int,
        outcome: Outcome,
        answered_on: date,
        note: str | None,
        *,
        by: int | None,
        expect_again_on: date | None = None,
    ) -> Answer | None:
        """The partner's answer, and the request's new state, together; None when the request
        is closed (or gone). « On regarde ça » starts a new round, expecting an answer again
        on `expect_again_on`; « no answer » counts as a relance."""
        now = self._db.now_text()
        async with self._db.transaction() as db:
            async with db.execute(
                "SELECT status FROM requests WHERE id = ? AND status != 'closed'", (request_id,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            status = status_after(RequestStatus(row["status"]), outcome)
            cursor = await db.execute(
                "INSERT INTO request_answers (request_id, outcome, answered_on, note,"
                " recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (request_id, outcome.value, answered_on.isoformat(), note, by, now),
            )
            answer_id = cursor.lastrowid
            if starts_new_round(outcome) and expect_again_on is not None:
                await db.execute(
                    "UPDATE requests SET status = ?, outcome = ?, round = round + 1,"
                    " expected_on = ?, updated_at = ? WHERE id = ?",
                    (status.value, outcome.value, expect_again_on.isoformat(), now, request_id),
                )
            else:
                await db.execute(
                    "UPDATE requests SET status = ?, outcome = ?, updated_at = ? WHERE id = ?",
                    (status.value, outcome.value, now, request_id),
                )
            if counts_as_relance(outcome):
                await self._step(db, request_id, Move.RELANCED, answered_on, by, now)
        assert answer_id is not None
        return Answer(answer_id, request_id, outcome, answered_on, note, by)

    async def answers(self, request_id: int) -> list[Answer]:
        rows = await self._db.fetch_all(
            "SELECT * FROM request_answers WHERE request_id = ? ORDER BY answered_on, id",
            (request_id,),
        )
        return [_answer(row) for row in rows]

    # --- the ladder ---------------------------------------------------------------------------

    @staticmethod
    async def _step(
        db: aiosqlite.Connection,
        request_id: int,
        kind: Move,
        on_day: date,
        by: int | None,
        now: str,
    ) -> None:
        await db.execute(
            "INSERT INTO request_steps (request_id, round, kind, on_day, created_by, created_at)"
            " SELECT id, round, ?, ?, ?, ? FROM requests WHERE id = ?",
            (kind.value, on_day.isoformat(), by, now, request_id),
        )

    def _live_steps(self) -> str:
        """Steps that count: people's moves, rungs sent, and rungs claimed a moment ago."""
        return (
            "(s.state != 'sending' OR s.created_at >= ?)"
            " AND s.round = (SELECT round FROM requests r WHERE r.id = s.request_id)"
        )

    async def events(self, request_id: int) -> list[Event]:
        """The current round's steps, oldest first."""
        return (await self.events_of([request_id])).get(request_id, [])

    async def events_of(self, request_ids: Iterable[int]) -> dict[int, list[Event]]:
        ids = list(request_ids)
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = await self._db.fetch_all(
            f"SELECT s.request_id, s.kind, s.on_day FROM request_steps s"
            f" WHERE s.request_id IN ({marks}) AND {self._live_steps()} ORDER BY s.id",
            (*ids, self._utc_stale_before()),
        )
        found: dict[int, list[Event]] = {}
        for row in rows:
            on_day = _day(row["on_day"])
            assert on_day is not None
            found.setdefault(row["request_id"], []).append(Event(row["kind"], on_day))
        return found

    def _utc_stale_before(self) -> str:
        return (self._db.clock() - STALE_CLAIM).astimezone(UTC).isoformat(timespec="seconds")

    async def claim_rung(self, request: Request, rung: Rung, on_day: date) -> bool:
        """Take a rung before sending it; False when it is already taken (sent, or being sent
        by another pass). A claim left by a crash is taken again after `STALE_CLAIM`."""
        assert rung in LADDER
        return (
            await self._db.execute(
                "INSERT INTO request_steps (request_id, round, kind, on_day, state, created_at)"
                " VALUES (?, ?, ?, ?, 'sending', ?)"
                f" ON CONFLICT (request_id, round, kind) WHERE kind IN {_RUNGS}"
                " DO UPDATE SET created_at = excluded.created_at, on_day = excluded.on_day"
                " WHERE request_steps.state = 'sending' AND request_steps.created_at < ?",
                (
                    request.id,
                    request.round,
                    rung.value,
                    on_day.isoformat(),
                    self._db.now_text(),
                    self._utc_stale_before(),
                ),
            )
            == 1
        )

    async def rung_sent(self, request: Request, rung: Rung) -> None:
        await self._db.execute(
            "UPDATE request_steps SET state = 'sent'"
            " WHERE request_id = ? AND round = ? AND kind = ?",
            (request.id, request.round, rung.value),
        )

    async def release_rung(self, request: Request, rung: Rung) -> None:
        """Telegram asked to wait: the rung goes back, to be sent on the next pass."""
        await self._db.execute(
            "DELETE FROM request_steps WHERE request_id = ? AND round = ? AND kind = ?"
            " AND state = 'sending'",
            (request.id, request.round, rung.value),
        )

    # --- promises -----------------------------------------------------------------------------

    async def link_follow_up(self, request_id: int, follow_up_id: int) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO request_follow_ups (request_id, follow_up_id) VALUES (?, ?)",
            (request_id, follow_up_id),
        )

    async def follow_up_ids(self, request_id: int) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT follow_up_id FROM request_follow_ups WHERE request_id = ?"
            " ORDER BY follow_up_id",
            (request_id,),
        )
        return [row["follow_up_id"] for row in rows]
