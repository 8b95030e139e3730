"""A report-back position by position, on a real SQLite file: results saved with the report,
each position not obtained followed up once, and what was kept offered to the next mandate."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.entities import NextStep, PositionOutcome, PositionResult
from bot.domain.mandates import still_to_win
from bot.storage.repositories import Storage
from tests.unit.test_request_storage import Clock, clock, committee_id, storage

__all__ = ["clock", "storage"]  # the fixtures, shared with the requests' storage tests

DOOR, MEETING, ROOM = "Réparer la porte", "Une rencontre en février", "Un plus grand local"


async def reported(
    storage: Storage, committee: int, partner: str, results: list[PositionResult]
) -> int:
    mandate = await storage.mandates.start(committee, 1, "Marie Tremblay", 1)
    positions = [DOOR, MEETING, ROOM][: len(results)]
    await storage.mandates.set(mandate.id, partner_name=partner, positions=positions)
    report = await storage.mandates.save_report(
        mandate.id,
        said=None,
        partner_answer=None,
        agreed=[],
        to_committee=[],
        by=1,
        positions=positions,
        results=results,
    )
    return report.id


def test_still_to_win_leaves_out_what_was_obtained_or_followed_up() -> None:
    results = [
        PositionOutcome(0, DOOR, PositionResult.OBTAINED),
        PositionOutcome(1, MEETING, PositionResult.POSTPONED, next_step=NextStep.KEPT),
        PositionOutcome(2, ROOM, PositionResult.REFUSED),
    ]
    assert [r.index for r in still_to_win(results)] == [2]
    assert still_to_win([]) == []


async def test_results_are_saved_with_the_report_and_followed_up_once(
    storage: Storage, clock: Clock
) -> None:
    committee = await committee_id(storage)
    results = [PositionResult.OBTAINED, PositionResult.POSTPONED, PositionResult.REFUSED]
    report_id = await reported(storage, committee, "OMH de Québec", results)
    report = await storage.mandates.report(report_id)
    assert report is not None
    assert [(r.text, r.result) for r in report.results] == list(
        zip([DOOR, MEETING, ROOM], results, strict=True)
    )
    positions = storage.mandates.positions
    assert not await positions.claim(report_id, 0, NextStep.REQUEST)  # obtained: nothing to do
    assert await positions.claim(report_id, 2, NextStep.REQUEST)
    assert not await positions.claim(report_id, 2, NextStep.KEPT)  # the first press only
    assert await positions.claim(report_id, 1, NextStep.KEPT)
    assert not await positions.claim(report_id, 9, NextStep.KEPT)  # no such position

    # Kept positions are offered to the next mandate to the same partner, whatever the case.
    draft = await storage.mandates.start(committee, 1, "Marie Tremblay", 1)
    await storage.mandates.set(draft.id, partner_name="omh de québec")
    assert await positions.kept(committee, None, "OMH de Québec", before=draft.id) == (
        1,
        [MEETING],
    )
    assert await positions.kept(committee, None, "Ville de Québec", before=draft.id) is None

    # A newer report to that partner is the one that counts.
    clock.moment += timedelta(days=30)
    await reported(storage, committee, "OMH de Québec", [PositionResult.OBTAINED])
    assert await positions.kept(committee, None, "OMH de Québec", before=draft.id) is None
