"""SQL for the letters of requests: drafts reviewed part by part, then final; the letterhead
(address, contact, signature) a committee wrote last, offered again on its next letter."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import date

from bot.domain.request_letters import Letter, LetterKind, LetterPart
from bot.domain.requests import RequestStatus
from bot.storage.db import Database

# Column per part: the code names them, never user text.
_COLUMNS: dict[LetterPart, str] = {part: part.value for part in LetterPart}
_HEAD_PARTS = (LetterPart.ADDRESS, LetterPart.CONTACT, LetterPart.SIGNATURE)


def _letter(row: sqlite3.Row) -> Letter:
    return Letter(
        id=row["id"],
        request_id=row["request_id"],
        committee_id=row["committee_id"],
        kind=LetterKind(row["kind"]),
        written_on=date.fromisoformat(row["written_on"]),
        parts=tuple((part, row[column] or "") for part, column in _COLUMNS.items()),
        final=row["final_at"] is not None,
        request_status=RequestStatus(row["request_status"]),
    )


_SELECT = (
    "SELECT l.*, r.committee_id, r.status AS request_status FROM request_letters l"
    " JOIN requests r ON r.id = l.request_id"
)


class RequestLetters:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def draft(
        self,
        request_id: int,
        kind: LetterKind,
        written_on: date,
        parts: Mapping[LetterPart, str],
        *,
        signer_id: int | None,
        by: int | None,
    ) -> Letter:
        """A new draft; an earlier draft of the same kind that was never made final goes (one
        draft at a time per request and kind, so an old « C'est final » cannot act on it)."""
        now = self._db.now_text()
        columns = ", ".join(_COLUMNS.values())
        marks = ", ".join("?" for _ in _COLUMNS)
        async with self._db.transaction() as db:
            await db.execute(
                "DELETE FROM request_letters WHERE request_id = ? AND kind = ?"
                " AND final_at IS NULL",
                (request_id, kind.value),
            )
            cursor = await db.execute(
                f"INSERT INTO request_letters (request_id, kind, written_on, {columns},"
                f" signer_id, created_by, created_at, updated_at)"
                f" VALUES (?, ?, ?, {marks}, ?, ?, ?, ?)",
                (
                    request_id,
                    kind.value,
                    written_on.isoformat(),
                    *(parts.get(part) or None for part in _COLUMNS),
                    signer_id,
                    by,
                    now,
                    now,
                ),
            )
        assert cursor.lastrowid is not None
        found = await self.get(cursor.lastrowid)
        assert found is not None
        return found

    async def get(self, letter_id: int) -> Letter | None:
        row = await self._db.fetch_one(f"{_SELECT} WHERE l.id = ?", (letter_id,))
        return _letter(row) if row else None

    async def of_request(self, request_id: int) -> list[Letter]:
        rows = await self._db.fetch_all(
            f"{_SELECT} WHERE l.request_id = ? ORDER BY l.id", (request_id,)
        )
        return [_letter(row) for row in rows]

    async def set_part(self, letter_id: int, part: LetterPart, text: str) -> bool:
        """Change one part of a draft; False once the letter is final."""
        return (
            await self._db.execute(
                f"UPDATE request_letters SET {_COLUMNS[part]} = ?, updated_at = ?"
                " WHERE id = ? AND final_at IS NULL",
                (text or None, self._db.now_text(), letter_id),
            )
            == 1
        )

    async def make_final(self, letter_id: int, written_on: date) -> bool:
        """The letter as sent, dated `written_on`; its address, contact and signature become
        the committee's letterhead for the next letter. False when it already was final."""
        now = self._db.now_text()
        async with self._db.transaction() as db:
            cursor = await db.execute(
                "UPDATE request_letters SET final_at = ?, written_on = ?, updated_at = ?"
                " WHERE id = ? AND final_at IS NULL",
                (now, written_on.isoformat(), now, letter_id),
            )
            if cursor.rowcount != 1:
                return False
            await db.execute(
                "INSERT INTO request_letterheads (committee_id, address, contact, signature,"
                " signer_id, updated_at)"
                " SELECT r.committee_id, l.address, l.contact, l.signature, l.signer_id, ?"
                " FROM request_letters l JOIN requests r ON r.id = l.request_id WHERE l.id = ?"
                " ON CONFLICT (committee_id) DO UPDATE SET address = excluded.address,"
                " contact = excluded.contact, signature = excluded.signature,"
                " signer_id = excluded.signer_id, updated_at = excluded.updated_at",
                (now, letter_id),
            )
        return True

    async def letterhead(self, committee_id: int) -> dict[LetterPart, str]:
        """The address, contact and signature of the committee's last final letter."""
        row = await self._db.fetch_one(
            "SELECT address, contact, signature FROM request_letterheads WHERE committee_id = ?",
            (committee_id,),
        )
        if row is None:
            return {}
        return {part: row[_COLUMNS[part]] for part in _HEAD_PARTS if row[_COLUMNS[part]]}
