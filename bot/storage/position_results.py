"""SQL for a mandate's report-back position by position: what came of each position, and what
the committee did with one not obtained (a request, or kept for the next mandate)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.entities import NextStep, PositionOutcome, PositionResult
from bot.storage.db import Database


class PositionResults:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save(
        self, report_id: int, positions: Sequence[str], results: Sequence[PositionResult]
    ) -> None:
        """`results[i]` for `positions[i]`; what was already done with a position stays."""
        for index, (text, result) in enumerate(zip(positions, results, strict=True)):
            await self._db.execute(
                "INSERT INTO mandate_position_results (report_id, position, text, result)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (report_id, position) DO UPDATE SET"
                " text = excluded.text, result = excluded.result",
                (report_id, index, text, result.value),
            )

    async def of_report(self, report_id: int) -> tuple[PositionOutcome, ...]:
        rows = await self._db.fetch_all(
            "SELECT p.*, q.number FROM mandate_position_results p"
            " LEFT JOIN requests q ON q.id = p.request_id"
            " WHERE p.report_id = ? ORDER BY p.position",
            (report_id,),
        )
        return tuple(
            PositionOutcome(
                index=row["position"],
                text=row["text"],
                result=PositionResult(row["result"]),
                next_step=NextStep(row["next_step"]) if row["next_step"] else None,
                request_ref=f"Q-{row['number']}" if row["number"] is not None else None,
            )
            for row in rows
        )

    async def claim(self, report_id: int, index: int, step: NextStep) -> bool:
        """What the committee does with a position not obtained, once: True for the first
        press only (an obtained position has nothing to follow up)."""
        changed = await self._db.execute(
            "UPDATE mandate_position_results SET next_step = ? WHERE report_id = ?"
            " AND position = ? AND next_step IS NULL AND result != 'obtained'",
            (step.value, report_id, index),
        )
        return changed == 1

    async def set_request(self, report_id: int, index: int, request_id: int) -> None:
        await self._db.execute(
            "UPDATE mandate_position_results SET request_id = ? WHERE report_id = ?"
            " AND position = ?",
            (request_id, report_id, index),
        )

    async def kept(
        self, committee_id: int, partnership_id: int | None, partner_name: str, *, before: int
    ) -> tuple[int, list[str]] | None:
        """The positions kept for next time in the latest report on a mandate to this
        partner (the same partnership, or the same name), other than mandate `before`: its
        mandate number and the positions; None when there are none."""
        rows = await self._db.fetch_all(
            "SELECT m.number, p.text FROM mandate_position_results p"
            " JOIN mandate_reports r ON r.id = p.report_id"
            " JOIN mandates m ON m.id = r.mandate_id"
            " WHERE m.committee_id = ? AND m.id != ? AND p.next_step = 'kept'"
            " AND r.id = (SELECT r2.id FROM mandate_reports r2"
            "   JOIN mandates m2 ON m2.id = r2.mandate_id"
            "   WHERE m2.committee_id = m.committee_id AND m2.id != ?"
            "   AND (m2.partnership_id = ? OR lower(m2.partner_name) = lower(?))"
            "   ORDER BY r2.reported_at DESC, r2.id DESC LIMIT 1)"
            " ORDER BY p.position",
            (committee_id, before, before, partnership_id, partner_name),
        )
        if not rows:
            return None
        return rows[0]["number"], [row["text"] for row in rows]
