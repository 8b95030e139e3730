"""Rows kept in memory (committees, memberships, group links, people) never outlive a write:
the database empties the caches after every write, whichever repository made it."""

from __future__ import annotations

import pytest

from bot.domain.entities import Committee, CommitteeKind, MembershipSource
from bot.storage.repositories import Storage


async def _committee(storage: Storage) -> Committee:
    await storage.people.upsert(1, "Marie", None, "fr")
    await storage.people.upsert(2, "Paul", None, "fr")
    return await storage.committees.create(
        name="Comité des Pins",
        kind=CommitteeKind.ASSOCIATION,
        housing_office=None,
        timezone="America/Toronto",
        locale="fr_CA",
        creator_id=1,
    )


async def test_a_write_by_any_statement_is_read_back(storage: Storage) -> None:
    committee = await _committee(storage)
    await storage.chats.link(-100, committee.id, "Les Pins", 1, is_forum=False)
    # Read once: kept in memory from now on.
    assert (await storage.committees.get(committee.id)).name == "Comité des Pins"  # type: ignore[union-attr]
    assert await storage.committees.membership(committee.id, 2) is None
    assert (await storage.chats.get(-100)).title == "Les Pins"  # type: ignore[union-attr]
    assert not (await storage.people.get(2)).bot_blocked  # type: ignore[union-attr]

    # Written by plain statements, as a repository that knows nothing of the caches would.
    await storage.db.execute(
        "UPDATE committees SET name = 'Comité du Parc' WHERE id = ?", (committee.id,)
    )
    async with storage.db.transaction() as db:
        await db.execute(
            "INSERT INTO memberships (committee_id, person_id, role, source, joined_at)"
            " VALUES (?, 2, 'member', 'group', '2026-11-30T12:00:00+00:00')",
            (committee.id,),
        )
        await db.execute("UPDATE committee_chats SET title = 'Le Parc' WHERE chat_id = -100")
        await db.execute("UPDATE people SET bot_blocked = 1 WHERE telegram_id = 2")

    assert (await storage.committees.get(committee.id)).name == "Comité du Parc"  # type: ignore[union-attr]
    assert await storage.committees.membership(committee.id, 2) is not None
    assert (await storage.chats.get(-100)).title == "Le Parc"  # type: ignore[union-attr]
    assert (await storage.people.get(2)).bot_blocked  # type: ignore[union-attr]


async def test_what_a_rolled_back_transaction_showed_is_forgotten(storage: Storage) -> None:
    committee = await _committee(storage)
    with pytest.raises(RuntimeError):
        async with storage.db.transaction():
            await storage.committees.add_member(committee.id, 2, MembershipSource.GROUP)
            # Read inside the transaction (one connection): the uncommitted row is seen...
            assert await storage.committees.membership(committee.id, 2) is not None
            raise RuntimeError("the rest of the change failed")
    # ...and not remembered once it is rolled back.
    assert await storage.committees.membership(committee.id, 2) is None
    assert [m.committee.id for m in await storage.committees.memberships_of(2)] == []


async def test_what_a_deletion_cascades_to_is_read_back(storage: Storage) -> None:
    committee = await _committee(storage)
    await storage.committees.add_member(committee.id, 2, MembershipSource.GROUP)
    assert await storage.committees.membership(committee.id, 2) is not None
    assert (await storage.people.get(1)).active_committee_id == committee.id  # type: ignore[union-attr]
    # The statements name people and committees; their foreign keys change memberships
    # (ON DELETE CASCADE) and the people's active committee (ON DELETE SET NULL).
    await storage.db.execute("DELETE FROM people WHERE telegram_id = 2")
    assert await storage.committees.membership(committee.id, 2) is None
    await storage.db.execute("DELETE FROM committees WHERE id = ?", (committee.id,))
    assert (await storage.people.get(1)).active_committee_id is None  # type: ignore[union-attr]
    assert await storage.committees.memberships_of(1) == []
