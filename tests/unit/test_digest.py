"""The follow-ups at a glance: which section each one goes in, and in which order."""

from __future__ import annotations

from datetime import date

from bot.domain.digest import Digest, DigestItem, digest_sections, mine_first

# --- Sections ----------------------------------------------------------------------------------

TODAY = date(2026, 11, 23)


def item(
    ref: str,
    due: date | None,
    status: str = "open",
    *,
    done_on: date | None = None,
    person_id: int | None = None,
) -> DigestItem:
    return DigestItem(ref, f"text of {ref}", "Léa", due, status, done_on, person_id)


def test_digest_sections() -> None:
    items = [
        item("S-10", date(2026, 11, 20)),
        item("S-9", date(2026, 11, 20), "blocked"),
        item("S-2", date(2026, 11, 22)),
        item("S-3", TODAY),
        item("S-4", date(2026, 11, 29)),
        item("S-5", date(2026, 11, 30)),
        item("S-6", None),
        item("S-7", date(2026, 11, 25), "cancelled"),
        item("S-8", date(2026, 11, 1), "done", done_on=date(2026, 11, 18)),
        item("S-1", date(2026, 10, 1), "done", done_on=date(2026, 11, 16)),
        item("S-11", None, "done", done_on=date(2026, 11, 16)),
        item("S-12", date(2026, 11, 1), "done", done_on=date(2026, 11, 15)),
        item("S-13", date(2026, 11, 1), "done"),
    ]
    digest = digest_sections(items, today=TODAY, done_since=date(2026, 11, 16))

    def refs(section: list[DigestItem]) -> list[str]:
        return [entry.ref for entry in section]

    assert refs(digest.overdue) == ["S-9", "S-10", "S-2"]
    assert refs(digest.today) == ["S-3"]
    assert refs(digest.this_week) == ["S-4"]
    assert refs(digest.later) == ["S-5"]
    assert refs(digest.no_date) == ["S-6"]
    assert refs(digest.recently_done) == ["S-1", "S-8", "S-11"]
    assert not digest.is_empty


def test_empty_digest() -> None:
    digest = digest_sections([item("S-1", None, "cancelled")], today=TODAY, done_since=TODAY)
    assert digest == Digest([], [], [], [], [], [])
    assert digest.is_empty


def test_mine_first_is_stable() -> None:
    items = [item("S-1", None, person_id=2), item("S-2", None), item("S-3", None, person_id=1)]
    items += [item("S-4", None, person_id=1), item("S-5", None, person_id=2)]
    assert [entry.ref for entry in mine_first(items, 1)] == ["S-3", "S-4", "S-1", "S-2", "S-5"]
    assert [entry.ref for entry in mine_first(items, 2)] == ["S-1", "S-5", "S-2", "S-3", "S-4"]
    assert mine_first(items, None) == items
