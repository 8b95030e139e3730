"""Roles and invitation links: the pure rules, and migration 0009 keeping what was stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.roles import LinkState, link_expiry, link_state, may_step_down
from bot.storage.db import Database
from tests.unit.test_migrations import NOW, database_at

MOMENT = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@given(st.integers(min_value=0, max_value=50))
def test_the_last_coordinator_never_steps_down(coordinators: int) -> None:
    assert may_step_down(coordinators) == (coordinators >= 2)


@given(st.integers(min_value=-5, max_value=400))
def test_a_link_works_for_at_least_a_day(days: int) -> None:
    expires = link_expiry(MOMENT, days)
    assert expires - MOMENT == timedelta(days=max(1, days))
    assert link_state(revoked=False, expires_at=expires, now=expires - timedelta(seconds=1)) is (
        LinkState.OPEN
    )
    assert link_state(revoked=False, expires_at=expires, now=expires) is LinkState.EXPIRED


def test_turned_off_wins_over_expired() -> None:
    assert link_state(revoked=True, expires_at=MOMENT, now=MOMENT) is LinkState.TURNED_OFF
    assert link_state(revoked=False, expires_at=None, now=MOMENT) is LinkState.OPEN


async def test_migration_0009_keeps_coordinators_and_dates_old_links(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = database_at(path, 8)
    for person, name in ((7, "Marie"), (8, "Paul")):
        old.execute(
            "INSERT INTO people (telegram_id, display_name, created_at, updated_at)"
            " VALUES (?, ?, ?, ?)",
            (person, name, NOW, NOW),
        )
    old.execute(
        "INSERT INTO committees (id, name, kind, timezone, locale, created_by, created_at)"
        " VALUES (1, 'Comité', 'association', 'America/Toronto', 'fr_CA', 7, ?)",
        (NOW,),
    )
    # Paul was made coordinator by the old rule (administrator of the group): he keeps it.
    old.execute("INSERT INTO memberships VALUES (1, 7, 'coordinator', 'creator', ?)", (NOW,))
    old.execute("INSERT INTO memberships VALUES (1, 8, 'coordinator', 'group', ?)", (NOW,))
    old.execute(
        "INSERT INTO invitations (token, committee_id, created_by, created_at)"
        " VALUES ('tttttttttttttttttttttt', 1, 7, ?)",
        (NOW,),
    )
    old.commit()
    old.close()

    db = Database(path)
    await db.connect()
    try:
        roles = await db.fetch_all("SELECT person_id, role FROM memberships ORDER BY person_id")
        assert [tuple(row) for row in roles] == [(7, "coordinator"), (8, "coordinator")]
        link = await db.fetch_one("SELECT expires_at FROM invitations")
        assert link is not None and link["expires_at"] == "2026-12-23T15:00:00+00:00"
        days = await db.fetch_one("SELECT invitation_days FROM committees")
        assert days is not None and days["invitation_days"] == 30
    finally:
        await db.close()
