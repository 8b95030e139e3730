"""Migration 0011: the lines of « who does what » keep their order and get ids of their own;
the table of partnership cards is there, and a claim to post a card is won once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.domain.entities import Responsibility
from bot.storage.db import Database
from bot.storage.partnerships import Partnerships
from tests.unit.test_migrations import NOW, database_at


async def test_lines_of_who_does_what_are_kept_in_order_with_ids(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = database_at(path, 10)
    old.execute(
        "INSERT INTO committees (id, name, kind, timezone, locale, created_by, created_at)"
        " VALUES (1, 'Comité', 'association', 'America/Toronto', 'fr_CA', 7, ?)",
        (NOW,),
    )
    old.execute(
        "INSERT INTO partnerships (id, committee_id, number, partner_kind, partner_name,"
        " status, created_at, updated_at) VALUES (1, 1, 1, 'health', 'CLSC', 'active', ?, ?)",
        (NOW, NOW),
    )
    old.executemany(
        "INSERT INTO partnership_responsibilities VALUES (1, ?, ?, ?)",
        [(0, "Marie", "appelle le CLSC"), (1, None, "le CLSC envoie une infirmière")],
    )
    old.commit()
    old.close()

    db = Database(path, clock=lambda: datetime.fromisoformat(NOW))
    await db.connect()
    try:
        partnerships = Partnerships(db)
        found = await partnerships.get(1)
        assert found is not None
        assert [(d.who, d.what) for d in found.responsibilities] == [
            ("Marie", "appelle le CLSC"),
            (None, "le CLSC envoie une infirmière"),
        ]
        first, second = found.responsibilities
        assert first.id is not None and second.id is not None
        # A line removed, then one added: the new line never takes the old one's id.
        assert await partnerships.remove_responsibility(1, second.id, 7)
        assert not await partnerships.remove_responsibility(1, second.id, 7)
        await partnerships.add_responsibilities(1, [Responsibility("Paul", "garde la clé")], 7)
        again = await partnerships.get(1)
        assert again is not None
        assert [d.who for d in again.responsibilities] == ["Marie", "Paul"]
        assert again.responsibilities[1].id not in (first.id, second.id)

        # Posting a card is claimed once; a claim left by a crash can be taken after a while.
        assert await partnerships.claim_card(1, -100, stale_before="2000-01-01T00:00:00+00:00")
        assert not await partnerships.claim_card(1, -100, stale_before=NOW)
        assert await partnerships.claim_card(1, -100, stale_before="9999-01-01T00:00:00+00:00")
        await partnerships.card_posted(1, -100, 55, "abc", pinned=False)
        assert not await partnerships.claim_card(1, -100, stale_before="9999-01-01T00:00:00+00:00")
        [card] = await partnerships.cards(1)
        assert (card.chat_id, card.message_id, card.pinned, card.shown) == (-100, 55, False, "abc")
    finally:
        await db.close()
