"""SQL for partnerships. The draft lives in the database from the second question on."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.domain.entities import (
    Objective,
    ObjectiveStatus,
    Partnership,
    PartnershipStatus,
    Responsibility,
)
from bot.storage.db import Database
from bot.storage.decisions import next_number

# Columns a person may change one at a time (the wizard's free-text steps).
EDITABLE_FIELDS = frozenset(
    {
        "partner_kind",
        "partner_name",
        "contact_person",
        "need",
        "committee_resources",
        "partner_resources",
    }
)


@dataclass(frozen=True, slots=True)
class PartnershipCard:
    """The partnership's card posted in one group (see migration 0011)."""

    partnership_id: int
    chat_id: int
    message_id: int | None  # None while it is being posted
    pinned: bool
    shown: str | None  # digest of the text on display


def _card(row: sqlite3.Row) -> PartnershipCard:
    return PartnershipCard(
        partnership_id=row["partnership_id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        pinned=bool(row["pinned"]),
        shown=row["shown"],
    )


def _objective(row: sqlite3.Row) -> Objective:
    return Objective(
        id=row["id"],
        partnership_id=row["partnership_id"],
        text=row["text"],
        success_sign=row["success_sign"],
        target_date=date.fromisoformat(row["target_date"]) if row["target_date"] else None,
        status=ObjectiveStatus(row["status"]),
        achieved_on=(
            datetime.fromisoformat(row["achieved_at"]).date() if row["achieved_at"] else None
        ),
    )


class Partnerships:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(
        self, committee_id: int, partner_kind: str, partner_name: str, created_by: int
    ) -> Partnership:
        now = self._db.now_text()
        async with self._db.transaction() as db:
            number = await next_number(db, committee_id, "partnership")
            cursor = await db.execute(
                "INSERT INTO partnerships (committee_id, number, partner_kind, partner_name,"
                " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (committee_id, number, partner_kind, partner_name, created_by, now, now),
            )
            assert cursor.lastrowid is not None
            await self._log(db, cursor.lastrowid, created_by, "created")
        found = await self.get(cursor.lastrowid)
        assert found is not None
        return found

    async def get(self, partnership_id: int) -> Partnership | None:
        row = await self._db.fetch_one(
            "SELECT * FROM partnerships WHERE id = ?", (partnership_id,)
        )
        if row is None:
            return None
        objectives = await self._db.fetch_all(
            "SELECT * FROM partnership_objectives WHERE partnership_id = ?"
            " AND status != 'dropped' ORDER BY id",
            (partnership_id,),
        )
        duties = await self._db.fetch_all(
            "SELECT id, who, what FROM partnership_responsibilities WHERE partnership_id = ?"
            " ORDER BY position",
            (partnership_id,),
        )
        recipe = await self._db.fetch_all(
            "SELECT ingredient, answer FROM partnership_recipe WHERE partnership_id = ?",
            (partnership_id,),
        )
        return Partnership(
            id=row["id"],
            committee_id=row["committee_id"],
            number=row["number"],
            partner_kind=row["partner_kind"],
            partner_name=row["partner_name"],
            contact_person=row["contact_person"],
            need=row["need"],
            committee_resources=row["committee_resources"],
            partner_resources=row["partner_resources"],
            status=PartnershipStatus(row["status"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            objectives=tuple(_objective(o) for o in objectives),
            responsibilities=tuple(Responsibility(d["who"], d["what"], d["id"]) for d in duties),
            recipe=tuple((r["ingredient"], r["answer"]) for r in recipe),
        )

    async def active(self) -> list[Partnership]:
        """Every active partnership of every committee (for check-ins)."""
        rows = await self._db.fetch_all("SELECT id FROM partnerships WHERE status = 'active'")
        found = [await self.get(row["id"]) for row in rows]
        return [p for p in found if p is not None]

    async def of_committee(self, committee_id: int) -> list[Partnership]:
        rows = await self._db.fetch_all(
            "SELECT id FROM partnerships WHERE committee_id = ? ORDER BY number",
            (committee_id,),
        )
        found = [await self.get(row["id"]) for row in rows]
        return [p for p in found if p is not None]

    async def set_field(self, partnership_id: int, field: str, value: str | None, by: int) -> None:
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"not an editable field: {field}")
        async with self._db.transaction() as db:
            await db.execute(
                # `field` was checked against EDITABLE_FIELDS: never user text.
                f"UPDATE partnerships SET {field} = ?, updated_at = ? WHERE id = ?",
                (value, self._db.now_text(), partnership_id),
            )
            await self._log(db, partnership_id, by, f"set {field}")

    async def set_status(self, partnership_id: int, status: PartnershipStatus, by: int) -> None:
        async with self._db.transaction() as db:
            await db.execute(
                "UPDATE partnerships SET status = ?, updated_at = ? WHERE id = ?",
                (status.value, self._db.now_text(), partnership_id),
            )
            await self._log(db, partnership_id, by, f"status {status.value}")

    async def add_objective(self, partnership_id: int, text: str, by: int) -> Objective:
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO partnership_objectives (partnership_id, text, created_at)"
                " VALUES (?, ?, ?)",
                (partnership_id, text, self._db.now_text()),
            )
            await self._log(db, partnership_id, by, "objective added")
        assert cursor.lastrowid is not None
        objective = await self.objective(cursor.lastrowid)
        assert objective is not None
        return objective

    async def objective(self, objective_id: int) -> Objective | None:
        row = await self._db.fetch_one(
            "SELECT * FROM partnership_objectives WHERE id = ?", (objective_id,)
        )
        return _objective(row) if row else None

    async def update_objective(
        self,
        objective: Objective,
        by: int,
        *,
        text: str | None = None,
        success_sign: str | None = None,
        target_date: date | None = None,
        clear_target: bool = False,
    ) -> None:
        target = None if clear_target else (target_date or objective.target_date)
        async with self._db.transaction() as db:
            await db.execute(
                "UPDATE partnership_objectives SET text = ?, success_sign = ?, target_date = ?"
                " WHERE id = ?",
                (
                    text or objective.text,
                    success_sign if success_sign is not None else objective.success_sign,
                    target.isoformat() if target else None,
                    objective.id,
                ),
            )
            await self._log(db, objective.partnership_id, by, "objective changed")

    async def set_objective_status(
        self, objective: Objective, status: ObjectiveStatus, by: int
    ) -> bool:
        """Achieved (from open) or dropped (unless already): once only, so two presses at the
        same moment celebrate or remove it once. False when another press got there first."""
        required = "status = 'open'" if status is ObjectiveStatus.ACHIEVED else "status != ?"
        params: tuple[object, ...] = (
            status.value,
            self._db.now_text() if status is ObjectiveStatus.ACHIEVED else None,
            objective.id,
        )
        if status is not ObjectiveStatus.ACHIEVED:
            params += (status.value,)
        async with self._db.transaction() as db:
            cursor = await db.execute(
                # `required` is one of the two conditions above, never user text.
                "UPDATE partnership_objectives SET status = ?, achieved_at = ?"
                f" WHERE id = ? AND {required}",
                params,
            )
            changed = cursor.rowcount > 0
            if changed:
                await self._log(db, objective.partnership_id, by, f"objective {status.value}")
        return changed

    async def add_responsibilities(
        self, partnership_id: int, duties: Sequence[Responsibility], by: int
    ) -> None:
        """Lines added after the ones already written (one message may bring several)."""
        async with self._db.transaction() as db:
            async with db.execute(
                "SELECT COALESCE(MAX(position), -1) FROM partnership_responsibilities"
                " WHERE partnership_id = ?",
                (partnership_id,),
            ) as cursor:
                row = await cursor.fetchone()
            last = int(row[0]) if row else -1
            await db.executemany(
                "INSERT INTO partnership_responsibilities (partnership_id, position, who, what)"
                " VALUES (?, ?, ?, ?)",
                [(partnership_id, last + 1 + i, d.who, d.what) for i, d in enumerate(duties)],
            )
            await self._log(db, partnership_id, by, f"responsibilities added: {len(duties)}")

    async def remove_responsibility(self, partnership_id: int, duty_id: int, by: int) -> bool:
        """Remove one line; False when it is already gone (an old button pressed again)."""
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "DELETE FROM partnership_responsibilities WHERE id = ? AND partnership_id = ?",
                (duty_id, partnership_id),
            )
            removed = cursor.rowcount > 0
            if removed:
                await self._log(db, partnership_id, by, "responsibility removed")
        return removed

    async def answer_recipe(
        self, partnership_id: int, ingredient: str, answer: str, by: int
    ) -> None:
        async with self._db.transaction() as db:
            await db.execute(
                "INSERT INTO partnership_recipe (partnership_id, ingredient, answer, answered_by,"
                " answered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (partnership_id, ingredient)"
                " DO UPDATE SET answer = excluded.answer, answered_by = excluded.answered_by,"
                " answered_at = excluded.answered_at",
                (partnership_id, ingredient, answer, by, self._db.now_text()),
            )
            await self._log(db, partnership_id, by, f"recipe {ingredient} {answer}")

    async def changes(self, partnership_id: int) -> list[tuple[int | None, str, str]]:
        """(who, when, what) for every change, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT changed_by, changed_at, change FROM partnership_changes"
            " WHERE partnership_id = ? ORDER BY id",
            (partnership_id,),
        )
        return [(r["changed_by"], r["changed_at"], r["change"]) for r in rows]

    async def _log(
        self, db: aiosqlite.Connection, partnership_id: int, by: int | None, change: str
    ) -> None:
        await db.execute(
            "INSERT INTO partnership_changes (partnership_id, changed_by, changed_at, change)"
            " VALUES (?, ?, ?, ?)",
            (partnership_id, by, self._db.now_text(), change),
        )

    # --- the cards posted in groups ----------------------------------------------------------

    async def cards(self, partnership_id: int) -> list[PartnershipCard]:
        """The partnership's cards that were posted (claims still being posted are left out)."""
        rows = await self._db.fetch_all(
            "SELECT * FROM partnership_cards WHERE partnership_id = ? AND message_id IS NOT NULL"
            " ORDER BY chat_id",
            (partnership_id,),
        )
        return [_card(row) for row in rows]

    async def card(self, partnership_id: int, chat_id: int) -> PartnershipCard | None:
        row = await self._db.fetch_one(
            "SELECT * FROM partnership_cards WHERE partnership_id = ? AND chat_id = ?",
            (partnership_id, chat_id),
        )
        return _card(row) if row else None

    async def claim_card(self, partnership_id: int, chat_id: int, stale_before: str) -> bool:
        """The right to post the card in this group, for one caller only: True when there was
        no card, or only a claim older than `stale_before` that never got its message (the
        bot stopped while posting). One statement, so two presses cannot both win."""
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO partnership_cards (partnership_id, chat_id, claimed_at)"
                " VALUES (?, ?, ?) ON CONFLICT (partnership_id, chat_id) DO UPDATE"
                " SET claimed_at = excluded.claimed_at"
                " WHERE partnership_cards.message_id IS NULL"
                " AND partnership_cards.claimed_at < ?",
                (partnership_id, chat_id, self._db.now_text(), stale_before),
            )
            return cursor.rowcount > 0

    async def card_posted(
        self, partnership_id: int, chat_id: int, message_id: int, shown: str, *, pinned: bool
    ) -> None:
        await self._db.execute(
            "UPDATE partnership_cards SET message_id = ?, shown = ?, pinned = ?"
            " WHERE partnership_id = ? AND chat_id = ?",
            (message_id, shown, int(pinned), partnership_id, chat_id),
        )

    async def card_shown(
        self, partnership_id: int, chat_id: int, shown: str, *, pinned: bool | None = None
    ) -> None:
        """The card now shows the text whose digest is `shown` (and is pinned, when said)."""
        await self._db.execute(
            "UPDATE partnership_cards SET shown = ?, pinned = COALESCE(?, pinned)"
            " WHERE partnership_id = ? AND chat_id = ?",
            (shown, None if pinned is None else int(pinned), partnership_id, chat_id),
        )

    async def cards_to_post(self) -> list[tuple[PartnershipCard, int, datetime]]:
        """Cards claimed and never posted (the bot stopped while posting, or the group moved
        to a new id), in groups where the bot may post: each with its partnership's committee
        and the moment of its claim."""
        rows = await self._db.fetch_all(
            "SELECT c.*, p.committee_id FROM partnership_cards c"
            " JOIN partnerships p ON p.id = c.partnership_id"
            " JOIN committee_chats g ON g.chat_id = c.chat_id"
            " WHERE c.message_id IS NULL AND g.bot_present = 1"
            " AND NOT (g.is_forum = 1 AND g.post_topic IS NULL)"
        )
        return [
            (_card(row), row["committee_id"], datetime.fromisoformat(row["claimed_at"]))
            for row in rows
        ]

    async def drop_card(self, partnership_id: int, chat_id: int) -> None:
        """Forget a card that could not be posted, or whose message is gone."""
        await self._db.execute(
            "DELETE FROM partnership_cards WHERE partnership_id = ? AND chat_id = ?",
            (partnership_id, chat_id),
        )
