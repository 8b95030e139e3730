"""SQL for the yearly consultation of the tenants' priorities: proposals and picks."""

from __future__ import annotations

import sqlite3

from bot.domain.priorities import (
    MAX_PICKS,
    Choice,
    Consultation,
    ConsultationStatus,
    Picker,
    Proposal,
)
from bot.storage.db import Database
from bot.storage.decisions import next_number

# The picker's rows: a person's own, or a member's without Telegram (NULL is matched by IS).
_PICKER = "person_id IS ? AND named_member_id IS ?"


def _consultation(row: sqlite3.Row) -> Consultation:
    return Consultation(
        id=row["id"],
        committee_id=row["committee_id"],
        year=row["year"],
        status=ConsultationStatus(row["status"]),
        ballot_chat_id=row["ballot_chat_id"],
        ballot_message_id=row["ballot_message_id"],
    )


def _proposal(row: sqlite3.Row) -> Proposal:
    return Proposal(
        id=row["id"],
        committee_id=row["committee_id"],
        consultation_id=row["consultation_id"],
        number=row["number"],
        text=row["text"],
        wording=row["wording"],
        group_id=row["group_id"],
        withdrawn=bool(row["withdrawn"]),
        box_item_id=row["box_item_id"],
    )


class Priorities:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- consultations ------------------------------------------------------------------------

    async def open(self, committee_id: int, year: int, by: int) -> Consultation | None:
        """Open a consultation; None when one is already in progress. Proposals kept for the
        next consultation join this one."""
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO priority_consultations (committee_id, year, opened_by, opened_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (committee_id, year, by, self._db.now_text()),
            )
            if cursor.rowcount != 1:
                return None
            consultation_id = cursor.lastrowid
            await db.execute(
                "UPDATE priority_proposals SET consultation_id = ?"
                " WHERE committee_id = ? AND consultation_id IS NULL",
                (consultation_id, committee_id),
            )
        assert consultation_id is not None
        return await self.get(consultation_id)

    async def get(self, consultation_id: int) -> Consultation | None:
        row = await self._db.fetch_one(
            "SELECT * FROM priority_consultations WHERE id = ?", (consultation_id,)
        )
        return _consultation(row) if row else None

    async def in_progress(self, committee_id: int) -> Consultation | None:
        row = await self._db.fetch_one(
            "SELECT * FROM priority_consultations WHERE committee_id = ? AND status <> 'closed'",
            (committee_id,),
        )
        return _consultation(row) if row else None

    async def latest(self, committee_id: int, year: int | None = None) -> Consultation | None:
        """The most recent consultation (of `year` when given), in progress or closed."""
        row = await self._db.fetch_one(
            "SELECT * FROM priority_consultations WHERE committee_id = ?"
            " AND (? IS NULL OR year = ?) ORDER BY id DESC LIMIT 1",
            (committee_id, year, year),
        )
        return _consultation(row) if row else None

    async def of_year(self, year: int) -> set[int]:
        """Committees that already have a consultation for `year`."""
        rows = await self._db.fetch_all(
            "SELECT DISTINCT committee_id FROM priority_consultations WHERE year = ?", (year,)
        )
        return {row["committee_id"] for row in rows}

    async def start_ranking(self, consultation_id: int) -> bool:
        changed = await self._db.execute(
            "UPDATE priority_consultations SET status = 'ranking', ranking_at = ?"
            " WHERE id = ? AND status = 'collecting'",
            (self._db.now_text(), consultation_id),
        )
        return changed == 1

    async def set_ballot(self, consultation_id: int, chat_id: int, message_id: int) -> None:
        await self._db.execute(
            "UPDATE priority_consultations SET ballot_chat_id = ?, ballot_message_id = ?"
            " WHERE id = ?",
            (chat_id, message_id, consultation_id),
        )

    async def close(self, consultation_id: int) -> bool:
        """Close the ranking; False when it was not open for ranking (nothing changed)."""
        changed = await self._db.execute(
            "UPDATE priority_consultations SET status = 'closed', closed_at = ?"
            " WHERE id = ? AND status = 'ranking'",
            (self._db.now_text(), consultation_id),
        )
        return changed == 1

    # --- proposals ----------------------------------------------------------------------------

    async def propose_from_box(
        self, committee_id: int, box_item_id: int, text: str
    ) -> Proposal | None:
        """A box message becomes a proposal, for the consultation in progress (or the next
        one); None when it already is one."""
        async with self._db.transaction() as db:
            async with db.execute(
                "SELECT id FROM priority_proposals WHERE box_item_id = ?", (box_item_id,)
            ) as cursor:
                if await cursor.fetchone() is not None:
                    return None
            async with db.execute(
                "SELECT id FROM priority_consultations WHERE committee_id = ?"
                " AND status = 'collecting'",
                (committee_id,),
            ) as cursor:
                open_row = await cursor.fetchone()
            number = await next_number(db, committee_id, "priority")
            inserted = await db.execute(
                "INSERT INTO priority_proposals (committee_id, consultation_id, number, text,"
                " box_item_id) VALUES (?, ?, ?, ?, ?)",
                (committee_id, open_row[0] if open_row else None, number, text, box_item_id),
            )
            proposal_id = inserted.lastrowid
        assert proposal_id is not None
        return await self.proposal(proposal_id)

    async def proposal(self, proposal_id: int) -> Proposal | None:
        row = await self._db.fetch_one(
            "SELECT * FROM priority_proposals WHERE id = ?", (proposal_id,)
        )
        return _proposal(row) if row else None

    async def from_box_item(self, box_item_id: int) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT id FROM priority_proposals WHERE box_item_id = ?", (box_item_id,)
        )
        return [row[0] for row in rows]

    async def proposals(self, consultation_id: int) -> list[Proposal]:
        rows = await self._db.fetch_all(
            "SELECT * FROM priority_proposals WHERE consultation_id = ? ORDER BY number",
            (consultation_id,),
        )
        return [_proposal(row) for row in rows]

    async def waiting(self, committee_id: int) -> int:
        """Proposals kept for the next consultation."""
        row = await self._db.fetch_one(
            "SELECT count(*) FROM priority_proposals WHERE committee_id = ?"
            " AND consultation_id IS NULL AND withdrawn = 0",
            (committee_id,),
        )
        return int(row[0]) if row else 0

    async def group(self, proposal_id: int, under: int) -> bool:
        """Group a proposal (and what was grouped under it) under another one, found similar.

        Both must be heads of groups of the same consultation, still collecting."""
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "UPDATE priority_proposals SET group_id = ? WHERE id = ? AND group_id IS NULL"
                " AND withdrawn = 0 AND id <> ? AND consultation_id IN"
                " (SELECT p.consultation_id FROM priority_proposals p"
                "  JOIN priority_consultations c ON c.id = p.consultation_id"
                "  WHERE p.id = ? AND p.group_id IS NULL AND p.withdrawn = 0"
                "  AND c.status = 'collecting')",
                (under, proposal_id, under, under),
            )
            if cursor.rowcount != 1:
                return False
            await db.execute(
                "UPDATE priority_proposals SET group_id = ? WHERE group_id = ?",
                (under, proposal_id),
            )
        return True

    async def ungroup(self, proposal_id: int) -> bool:
        changed = await self._db.execute(
            "UPDATE priority_proposals SET group_id = NULL WHERE id = ? AND group_id IS NOT NULL",
            (proposal_id,),
        )
        return changed == 1

    async def reword(self, proposal_id: int, wording: str) -> None:
        await self._db.execute(
            "UPDATE priority_proposals SET wording = ? WHERE id = ?", (wording, proposal_id)
        )

    async def withdraw(self, proposal_id: int) -> bool:
        """Set aside (off topic, a duplicate nobody grouped); what was grouped under it stays
        together under the next one."""
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "UPDATE priority_proposals SET withdrawn = 1 WHERE id = ? AND withdrawn = 0"
                " AND group_id IS NULL",
                (proposal_id,),
            )
            if cursor.rowcount != 1:
                return False
            await db.execute(
                "UPDATE priority_proposals SET group_id = NULL WHERE group_id = ?",
                (proposal_id,),
            )
        return True

    # --- picks --------------------------------------------------------------------------------

    async def toggle_pick(self, consultation_id: int, proposal_id: int, picker: Picker) -> str:
        """Pick, or take back a pick. Returns "picked", "unpicked", "full" (three already) or
        "closed". The count and the write are one statement: two quick presses never make
        four picks."""
        who = (picker.person_id, picker.named_member_id)
        async with self._db.transaction() as db:
            removed = await db.execute(
                "DELETE FROM priority_picks WHERE consultation_id = ? AND proposal_id = ?"
                f" AND {_PICKER} AND EXISTS (SELECT 1 FROM priority_consultations"
                " WHERE id = ? AND status = 'ranking')",
                (consultation_id, proposal_id, *who, consultation_id),
            )
            if removed.rowcount == 1:
                return "unpicked"
            added = await db.execute(
                "INSERT INTO priority_picks (consultation_id, proposal_id, person_id,"
                " named_member_id, recorded_by, picked_at)"
                " SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM priority_consultations"
                " WHERE id = ? AND status = 'ranking') AND (SELECT count(*) FROM priority_picks"
                f" WHERE consultation_id = ? AND {_PICKER}) < ?",
                (
                    consultation_id,
                    proposal_id,
                    *who,
                    picker.by,
                    self._db.now_text(),
                    consultation_id,
                    consultation_id,
                    *who,
                    MAX_PICKS,
                ),
            )
            if added.rowcount == 1:
                return "picked"
            async with db.execute(
                "SELECT status FROM priority_consultations WHERE id = ?", (consultation_id,)
            ) as cursor:
                row = await cursor.fetchone()
        return "full" if row is not None and row[0] == "ranking" else "closed"

    async def picks_of(self, consultation_id: int, picker: Picker) -> list[int]:
        rows = await self._db.fetch_all(
            f"SELECT proposal_id FROM priority_picks WHERE consultation_id = ? AND {_PICKER}",
            (consultation_id, picker.person_id, picker.named_member_id),
        )
        return [row[0] for row in rows]

    async def participation(self, consultation_id: int) -> tuple[int, int]:
        """(picks made, members who picked, with or without Telegram)."""
        row = await self._db.fetch_one(
            "SELECT count(*), count(DISTINCT coalesce('p' || person_id, 'n' || named_member_id))"
            " FROM priority_picks WHERE consultation_id = ?",
            (consultation_id,),
        )
        return (int(row[0]) if row else 0, int(row[1]) if row else 0)

    async def choices(self, consultation_id: int) -> list[Choice]:
        """Every group head with its picks and how many proposals it gathers."""
        proposals = await self.proposals(consultation_id)
        rows = await self._db.fetch_all(
            "SELECT proposal_id, count(*) AS n FROM priority_picks WHERE consultation_id = ?"
            " GROUP BY proposal_id",
            (consultation_id,),
        )
        picks = {row["proposal_id"]: int(row["n"]) for row in rows}
        heads = [p for p in proposals if p.heads_a_group]
        return [
            Choice(
                proposal=head,
                picks=picks.get(head.id, 0),
                proposals=1 + sum(1 for p in proposals if p.group_id == head.id),
            )
            for head in heads
        ]
