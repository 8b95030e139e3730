"""Migrations, repositories and the PTB persistence on a real SQLite file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.domain.entities import CommitteeKind, MembershipSource, Role
from bot.storage.db import Database, migrations
from bot.storage.persistence import SqlitePersistence
from bot.storage.repositories import Storage


async def test_migrations_apply_once_and_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    for _ in range(2):
        db = Database(path)
        await db.connect()
        await db.close()
    with sqlite3.connect(path) as raw:
        versions = [row[0] for row in raw.execute("SELECT version FROM schema_migrations")]
        assert versions == [number for number, _, _ in migrations()]
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_committee_with_members_and_roles(storage: Storage) -> None:
    await storage.people.upsert(1, "Marie", None, "fr")
    await storage.people.upsert(2, "Paul", "paul", "en")
    committee = await storage.committees.create(
        name="Comité",
        kind=CommitteeKind.CCR,
        housing_office=None,
        timezone="America/Toronto",
        locale="fr_CA",
        creator_id=1,
    )
    assert (await storage.people.get(1)).active_committee_id == committee.id  # type: ignore[union-attr]
    assert await storage.committees.add_member(committee.id, 2, MembershipSource.GROUP)
    assert not await storage.committees.add_member(committee.id, 2, MembershipSource.INVITATION)
    # A coordinator stays one when added again as a member...
    assert not await storage.committees.add_member(committee.id, 1, MembershipSource.GROUP)
    # ...a member is named coordinator, once...
    assert await storage.committees.name_coordinator(committee.id, 2)
    assert not await storage.committees.name_coordinator(committee.id, 2)
    roles = {m.display_name: m.role for m in await storage.committees.members(committee.id)}
    assert roles == {"Marie": Role.COORDINATOR, "Paul": Role.COORDINATOR}
    # ...and the last coordinator cannot step down.
    assert await storage.committees.step_down(committee.id, 1)
    assert not await storage.committees.step_down(committee.id, 2)
    roles = {m.display_name: m.role for m in await storage.committees.members(committee.id)}
    assert roles == {"Marie": Role.MEMBER, "Paul": Role.COORDINATOR}

    await storage.people.set_active_committee(2, committee.id)
    assert await storage.committees.remove_member(committee.id, 2)
    assert (await storage.people.get(2)).active_committee_id is None  # type: ignore[union-attr]


async def test_invitations_can_be_revoked_once(storage: Storage) -> None:
    await storage.people.upsert(1, "Marie", None, "fr")
    committee = await storage.committees.create(
        name="Comité",
        kind=CommitteeKind.OTHER,
        housing_office="OMH",
        timezone="America/Toronto",
        locale="fr_CA",
        creator_id=1,
    )
    await storage.invitations.create("t" * 22, committee.id, 1)
    assert await storage.invitations.revoke("t" * 22)
    assert not await storage.invitations.revoke("t" * 22)
    invitation = await storage.invitations.get("t" * 22)
    assert invitation is not None and invitation.revoked


async def test_persistence_round_trip(tmp_path: Path) -> None:
    db = Database(tmp_path / "bot.sqlite3")
    persistence = SqlitePersistence(db)
    await persistence.update_conversation("onboarding", (10, 20), 1)
    await persistence.update_user_data(20, {"draft:committee": {"name": "Comité"}})
    await persistence.update_chat_data(-100, {"x": 1})
    # Nothing is on disk until the round is written, then all of it is, together.
    assert await persistence.get_conversations("onboarding") == {}
    await persistence.write_pending()
    await db.close()

    again_db = Database(tmp_path / "bot.sqlite3")
    again = SqlitePersistence(again_db)
    assert await again.get_conversations("onboarding") == {(10, 20): 1}
    assert await again.get_user_data() == {20: {"draft:committee": {"name": "Comité"}}}
    assert await again.get_chat_data() == {-100: {"x": 1}}
    await again.update_conversation("onboarding", (10, 20), None)
    await again.drop_user_data(20)
    await again.flush()
    assert await again.get_conversations("onboarding") == {}
    assert await again.get_user_data() == {}
    await again_db.close()


def test_a_database_left_open_does_not_keep_the_process_alive(tmp_path: Path) -> None:
    """A connection nobody closed (a crashed caller) is stopped when it is collected; the
    database's trace hook must not keep it reachable, or the process never exits."""
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from bot.storage.db import Database\n"
        "async def main():\n"
        f"    db = Database(Path({str(tmp_path / 'open.sqlite3')!r}))\n"
        "    await db.connect()\n"
        "asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
