"""SQL for mandates, their votes (one row per voter) and the report after the meeting."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

import aiosqlite

from bot.domain.entities import Mandate, MandateReport, MandateStatus, MeetingTime, PositionResult
from bot.storage.db import Database
from bot.storage.decisions import next_number
from bot.storage.meetings import meeting_time_of, meeting_time_text
from bot.storage.position_results import PositionResults

# Fields the wizard fills one answer at a time.
EDITABLE_FIELDS = frozenset(
    {
        "representative_id",
        "representative_name",
        "partnership_id",
        "partner_name",
        "meeting_at",
        "period_end",
        "positions",
        "latitude",
        "limits",
        "valid_until",
        "consultation_id",
    }
)


class VoteRecorded(Enum):
    """What a press on a vote button did."""

    CHANGED = "changed"  # a first vote, or another choice: the tally moved
    UNCHANGED = "unchanged"  # the voter's current choice again
    CLOSED = "closed"  # the vote is over: nothing was written


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _mandate(row: sqlite3.Row) -> Mandate:
    decided = row["tally_for"] is not None
    return Mandate(
        id=row["id"],
        committee_id=row["committee_id"],
        number=row["number"],
        representative_id=row["representative_id"],
        representative_name=row["representative_name"],
        partnership_id=row["partnership_id"],
        partner_name=row["partner_name"],
        meeting_at=meeting_time_of(row["meeting_at"]),
        period_end=date.fromisoformat(row["period_end"]) if row["period_end"] else None,
        positions=tuple(json.loads(row["positions"])),
        latitude=row["latitude"],
        limits=row["limits"],
        valid_until=_moment(row["valid_until"]),
        status=MandateStatus(row["status"]),
        vote_chat_id=row["vote_chat_id"],
        vote_message_id=row["vote_message_id"],
        vote_deadline=_moment(row["vote_deadline"]),
        decided_at=_moment(row["decided_at"]),
        decided_how=row["decided_how"],
        tally=(
            (row["tally_for"], row["tally_against"], row["tally_abstain"]) if decided else None
        ),
        card_sent=row["card_sent_at"] is not None,
        report_requested=row["report_requested_at"] is not None,
        consultation_id=row["consultation_id"],
    )


def _stored(value: object) -> Any:
    if isinstance(value, MeetingTime):
        return meeting_time_text(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


@dataclass(frozen=True, slots=True)
class Ballot:
    """A vote's state as a press needs it: the members' votes, and who may vote."""

    votes: dict[int, str]  # person id -> choice
    members: int  # with Telegram
    named_members: int  # without Telegram (their votes are recorded by proxy)


class Mandates:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.positions = PositionResults(db)  # the report-back, position by position

    async def start(
        self, committee_id: int, representative_id: int, representative_name: str, by: int
    ) -> Mandate:
        async with self._db.transaction() as db:
            number = await next_number(db, committee_id, "mandate")
            cursor = await db.execute(
                "INSERT INTO mandates (committee_id, number, representative_id,"
                " representative_name, partner_name, created_by, created_at)"
                " VALUES (?, ?, ?, ?, '', ?, ?)",
                (
                    committee_id,
                    number,
                    representative_id,
                    representative_name,
                    by,
                    self._db.now_text(),
                ),
            )
        assert cursor.lastrowid is not None
        found = await self.get(cursor.lastrowid)
        assert found is not None
        return found

    async def get(self, mandate_id: int) -> Mandate | None:
        row = await self._db.fetch_one("SELECT * FROM mandates WHERE id = ?", (mandate_id,))
        return _mandate(row) if row else None

    async def of_committee(self, committee_id: int) -> list[Mandate]:
        rows = await self._db.fetch_all(
            "SELECT * FROM mandates WHERE committee_id = ? AND status != 'draft'"
            " ORDER BY number DESC",
            (committee_id,),
        )
        return [_mandate(row) for row in rows]

    async def set(self, mandate_id: int, **fields: object) -> None:
        unknown = set(fields) - EDITABLE_FIELDS
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        # Column names come from EDITABLE_FIELDS above, never from user text.
        assignments = ", ".join(f"{name} = ?" for name in fields)
        await self._db.execute(
            f"UPDATE mandates SET {assignments} WHERE id = ?",
            (*(_stored(v) for v in fields.values()), mandate_id),
        )

    async def open_vote(
        self, mandate_id: int, chat_id: int, message_id: int, deadline: datetime
    ) -> None:
        await self._db.execute(
            "UPDATE mandates SET status = 'voting', vote_chat_id = ?, vote_message_id = ?,"
            " vote_deadline = ? WHERE id = ? AND status = 'draft'",
            (chat_id, message_id, deadline.isoformat(), mandate_id),
        )

    async def vote(self, mandate_id: int, person_id: int, choice: str) -> VoteRecorded:
        """One row per voter; a new press replaces the earlier choice. Nothing once closed.

        The status check and the write are one statement, so a press racing the closing
        can never be counted after the tally was taken. Pressing one's current choice again
        writes nothing, and says so: the tally, and the message showing it, stay as they are.
        """
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO mandate_votes (mandate_id, person_id, choice, voted_at)"
                " SELECT ?, ?, ?, ? WHERE EXISTS"
                " (SELECT 1 FROM mandates WHERE id = ? AND status = 'voting')"
                " ON CONFLICT (mandate_id, person_id) DO UPDATE SET choice = excluded.choice,"
                " voted_at = excluded.voted_at WHERE mandate_votes.choice != excluded.choice",
                (mandate_id, person_id, choice, self._db.now_text(), mandate_id),
            )
            if cursor.rowcount > 0:
                return VoteRecorded.CHANGED
            async with db.execute(
                "SELECT 1 FROM mandates WHERE id = ? AND status = 'voting'", (mandate_id,)
            ) as found:
                still_open = await found.fetchone() is not None
        return VoteRecorded.UNCHANGED if still_open else VoteRecorded.CLOSED

    async def ballot(self, mandate_id: int) -> Ballot:
        """The votes and the committee's size in one query: every press on a vote needs both."""
        rows = await self._db.fetch_all(
            "SELECT v.person_id, v.choice,"
            " (SELECT COUNT(*) FROM memberships m WHERE m.committee_id = d.committee_id)"
            " AS members,"
            " (SELECT COUNT(*) FROM named_members n WHERE n.committee_id = d.committee_id)"
            " AS named FROM mandates d LEFT JOIN mandate_votes v ON v.mandate_id = d.id"
            " WHERE d.id = ?",
            (mandate_id,),
        )
        votes = {row["person_id"]: row["choice"] for row in rows if row["person_id"] is not None}
        first = rows[0] if rows else None
        return Ballot(votes, first["members"] if first else 0, first["named"] if first else 0)

    async def votes(self, mandate_id: int) -> dict[int, str]:
        rows = await self._db.fetch_all(
            "SELECT person_id, choice FROM mandate_votes WHERE mandate_id = ?", (mandate_id,)
        )
        return {row["person_id"]: row["choice"] for row in rows}

    async def close_vote(
        self, mandate_id: int, status: MandateStatus, tally: tuple[int, int, int]
    ) -> bool:
        """Record the outcome once; False when another closing got there first."""
        changed = await self._db.execute(
            "UPDATE mandates SET status = ?, decided_at = ?, decided_how = 'vote',"
            " tally_for = ?, tally_against = ?, tally_abstain = ?"
            " WHERE id = ? AND status = 'voting'",
            (status.value, self._db.now_text(), *tally, mandate_id),
        )
        return changed == 1

    async def adopt_at_meeting(self, mandate_id: int, on: datetime) -> bool:
        """A coordinator records that a meeting adopted it (committees without a group)."""
        changed = await self._db.execute(
            "UPDATE mandates SET status = 'adopted', decided_at = ?, decided_how = 'meeting',"
            " tally_for = 0, tally_against = 0, tally_abstain = 0"
            " WHERE id = ? AND status IN ('draft', 'voting')",
            (on.isoformat(), mandate_id),
        )
        return changed == 1

    async def replace_earlier(self, mandate: Mandate) -> int:
        """An adopted mandate replaces the earlier ones of the same person for that partner."""
        return await self._db.execute(
            "UPDATE mandates SET status = 'replaced' WHERE committee_id = ? AND id != ?"
            " AND status = 'adopted' AND representative_id IS ? AND partner_name = ?",
            (mandate.committee_id, mandate.id, mandate.representative_id, mandate.partner_name),
        )

    async def mark_card_sent(self, mandate_id: int) -> None:
        await self._db.execute(
            "UPDATE mandates SET card_sent_at = ? WHERE id = ?", (self._db.now_text(), mandate_id)
        )

    async def mark_report_requested(self, mandate_id: int) -> bool:
        """Write down the intent before sending: a crash can never ask twice."""
        changed = await self._db.execute(
            "UPDATE mandates SET report_requested_at = ?"
            " WHERE id = ? AND report_requested_at IS NULL",
            (self._db.now_text(), mandate_id),
        )
        return changed == 1

    async def release_report_request(self, mandate_id: int) -> None:
        """The request could not be sent (Telegram asked to wait): it is asked again later."""
        await self._db.execute(
            "UPDATE mandates SET report_requested_at = NULL WHERE id = ?", (mandate_id,)
        )

    async def adopted_with_meeting_after(self, moment: datetime) -> list[Mandate]:
        """Adopted mandates whose meeting day is not over by `moment` (for the card the day
        before); a day early, as the days are the committee's and `moment` may be UTC."""
        rows = await self._db.fetch_all(
            "SELECT * FROM mandates WHERE status = 'adopted' AND meeting_at >= ?",
            ((moment.date() - timedelta(days=1)).isoformat(),),
        )
        return [_mandate(row) for row in rows]

    async def carrying_priorities(self, committee_id: int, day: date) -> list[Mandate]:
        """Adopted mandates for a meeting on `day` whose positions are the tenants' priorities
        (the compte rendu of that meeting names them)."""
        rows = await self._db.fetch_all(
            "SELECT * FROM mandates WHERE committee_id = ? AND consultation_id IS NOT NULL"
            " AND status IN ('adopted', 'replaced') AND substr(meeting_at, 1, 10) = ?"
            " ORDER BY number",
            (committee_id, day.isoformat()),
        )
        return [_mandate(row) for row in rows]

    async def voting(self) -> list[Mandate]:
        rows = await self._db.fetch_all("SELECT * FROM mandates WHERE status = 'voting'")
        return [_mandate(row) for row in rows]

    async def awaiting_report(self) -> list[Mandate]:
        rows = await self._db.fetch_all(
            "SELECT * FROM mandates WHERE status = 'adopted' AND meeting_at IS NOT NULL"
            " AND report_requested_at IS NULL"
        )
        return [_mandate(row) for row in rows]

    async def save_report(
        self,
        mandate_id: int,
        *,
        said: str | None,
        partner_answer: str | None,
        agreed: list[str],
        to_committee: list[str],
        by: int,
        results: Sequence[PositionResult] = (),
        positions: Sequence[str] = (),
    ) -> MandateReport:
        """The report, and what came of each position (`results[i]` for `positions[i]`). A
        report written again keeps what the committee already did with a position."""
        async with self._db.transaction():
            await self._save_report(
                mandate_id,
                said=said,
                partner_answer=partner_answer,
                agreed=agreed,
                to_committee=to_committee,
                by=by,
            )
            report = await self.report_of(mandate_id)
            assert report is not None
            await self.positions.save(report.id, positions, results)
        report = await self.report_of(mandate_id)
        assert report is not None
        return report

    async def _save_report(
        self,
        mandate_id: int,
        *,
        said: str | None,
        partner_answer: str | None,
        agreed: list[str],
        to_committee: list[str],
        by: int,
    ) -> None:
        await self._db.execute(
            "INSERT INTO mandate_reports (mandate_id, said, partner_answer, agreed,"
            " to_committee, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (mandate_id) DO UPDATE SET said = excluded.said,"
            " partner_answer = excluded.partner_answer, agreed = excluded.agreed,"
            " to_committee = excluded.to_committee, reported_by = excluded.reported_by,"
            " reported_at = excluded.reported_at",
            (
                mandate_id,
                said,
                partner_answer,
                json.dumps(agreed, ensure_ascii=False),
                json.dumps(to_committee, ensure_ascii=False),
                by,
                self._db.now_text(),
            ),
        )

    async def report_of(self, mandate_id: int) -> MandateReport | None:
        row = await self._db.fetch_one(
            "SELECT r.*, m.committee_id FROM mandate_reports r"
            " JOIN mandates m ON m.id = r.mandate_id WHERE r.mandate_id = ?",
            (mandate_id,),
        )
        return await self._report(row) if row else None

    async def report(self, report_id: int) -> MandateReport | None:
        row = await self._db.fetch_one(
            "SELECT r.*, m.committee_id FROM mandate_reports r"
            " JOIN mandates m ON m.id = r.mandate_id WHERE r.id = ?",
            (report_id,),
        )
        return await self._report(row) if row else None

    async def _report(self, row: sqlite3.Row) -> MandateReport:
        # `turned` was a list of keys; it is now {key: the record's reference, once made}.
        turned = json.loads(row["turned"])
        refs = turned if isinstance(turned, dict) else dict.fromkeys(turned)
        return MandateReport(
            id=row["id"],
            mandate_id=row["mandate_id"],
            committee_id=row["committee_id"],
            said=row["said"],
            partner_answer=row["partner_answer"],
            agreed=tuple(json.loads(row["agreed"])),
            to_committee=tuple(json.loads(row["to_committee"])),
            turned=frozenset(refs),
            refs=tuple((key, ref) for key, ref in sorted(refs.items()) if ref),
            results=await self.positions.of_report(row["id"]),
        )

    async def mark_turned(self, report_id: int, key: str) -> bool:
        """Claim a report's point once: True for the first press only."""
        async with self._db.transaction() as db:
            turned = await self._turned(db, report_id)
            if turned is None or key in turned:
                return False
            turned[key] = None
            await self._set_turned(db, report_id, turned)
        return True

    async def set_turned_ref(self, report_id: int, key: str, ref: str) -> None:
        """What a claimed point became (« D-7 »), for the report to say so."""
        async with self._db.transaction() as db:
            turned = await self._turned(db, report_id)
            if turned is not None:
                turned[key] = ref
                await self._set_turned(db, report_id, turned)

    @staticmethod
    async def _turned(db: aiosqlite.Connection, report_id: int) -> dict[str, str | None] | None:
        async with db.execute(
            "SELECT turned FROM mandate_reports WHERE id = ?", (report_id,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        turned = json.loads(row[0])
        return dict(turned) if isinstance(turned, dict) else dict.fromkeys(turned)

    @staticmethod
    async def _set_turned(
        db: aiosqlite.Connection, report_id: int, turned: dict[str, str | None]
    ) -> None:
        await db.execute(
            "UPDATE mandate_reports SET turned = ? WHERE id = ?",
            (json.dumps(dict(sorted(turned.items()))), report_id),
        )
