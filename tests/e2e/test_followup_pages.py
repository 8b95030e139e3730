"""A committee with hundreds of follow-ups reads them a page at a time: /suivis and the weekly
digest are one message each, turned with « Suivants » and « Précédents », every follow-up on
exactly one page, in the listing's order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.storage.decisions import FollowUpDraft
from sandbox import BotMessage, SandboxChat, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_followups import at, move_to

COUNT = 200
TODAY = date(2026, 11, 23)  # the harness's Monday
FOLLOW_UP_REF = re.compile(r"\bS-(\d+)\b")
PAGE_LINE = re.compile(r"Page (\d+) sur (\d+)")
NEXT, PREVIOUS = "Suivants ▶", "◀ Précédents"


def due_of(n: int) -> date | None:
    return None if n % 10 == 0 else TODAY + timedelta(days=1 + n % 40)


async def seed(bot: BotHarness, marie: SandboxUser, paul: SandboxUser) -> int:
    """COUNT open follow-ups, as months of meetings leave them: Marie has every seventh."""
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id
    for n in range(1, COUNT + 1):
        who = marie if n % 7 == 0 else paul
        await bot.storage.follow_ups.create(
            committee_id,
            FollowUpDraft(
                text=f"Demander à l'office de vérifier la fenêtre du logement {n} au bloc C",
                responsible_id=who.id,
                responsible_name=who.first_name,
                due_date=due_of(n),
                due_time=None,
            ),
            created_by=marie.id,
        )
    return committee_id


def expected_order(mine: int | None) -> list[int]:
    """Due this week, later, no date; in each, `mine`'s first (every seventh), then by day
    and number."""
    week_end = TODAY + timedelta(days=6)

    def section(n: int) -> int:
        due = due_of(n)
        return 2 if due is None else (0 if due <= week_end else 1)

    def key(n: int) -> tuple[int, bool, date, int]:
        return (section(n), mine is not None and n % 7 != 0, due_of(n) or date.max, n)

    return sorted(range(1, COUNT + 1), key=key)


@dataclass(frozen=True)
class Seen:
    """A page as the person saw it (the message itself changes with each edit)."""

    text: str
    buttons: list[str]

    @classmethod
    def of(cls, message: BotMessage) -> Seen:
        return cls(message.plain_text, list(message.button_texts))


def refs_in_text(text: str) -> list[int]:
    return [int(n) for n in FOLLOW_UP_REF.findall(text)]


async def read_all_pages(
    reader: SandboxUser, chat: SandboxChat, message: BotMessage
) -> tuple[list[list[int]], list[Seen]]:
    """Press « Suivants » until the last page; the pages' follow-ups, and each page seen."""
    seen = [Seen.of(message)]
    while NEXT in message.button_texts:
        await reader.press(message, NEXT)
        message = await chat.next_edit(message)
        seen.append(Seen.of(message))
    return [refs_in_text(page.text) for page in seen], seen


def assert_under_limits(pages: list[Seen]) -> None:
    for page in pages:
        assert len(page.text) <= 4096
        assert len(page.buttons) <= 100


async def test_suivis_with_200_follow_ups_is_one_message_turned_page_by_page(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await seed(bot, marie, paul)
    chat = marie.private_chat

    await marie.send("/suivis")
    await bot.settle()
    [first] = chat.pending_bot_messages()  # one message, not the list cut in pieces
    match = PAGE_LINE.search(first.plain_text)
    assert match is not None and match[1] == "1", first.plain_text
    count = int(match[2])
    assert count > 1 and PREVIOUS not in first.button_texts

    pages, seen = await read_all_pages(marie, chat, first)
    assert len(pages) == count
    assert [PAGE_LINE.findall(p.text) for p in seen] == [
        [(str(n), str(count))] for n in range(1, count + 1)
    ]
    # Every follow-up on exactly one page, in the listing's order (Marie's own first).
    assert [ref for page in pages for ref in page] == expected_order(marie.id)
    # Each page opens the follow-ups it shows.
    for refs, page in zip(pages, seen, strict=True):
        opened = [int(n) for n in FOLLOW_UP_REF.findall(" ".join(page.buttons))]
        assert opened == refs
    assert_under_limits(seen)

    # « Précédents » goes back one page, as it was.
    message = chat.messages[-1]
    await marie.press(message, PREVIOUS)
    back = await chat.next_edit(message)
    assert refs_in_text(back.plain_text) == pages[-2]
    assert NEXT in back.button_texts
    assert [c for c in sandbox.calls if not c.ok] == []


async def test_the_weekly_digest_of_200_follow_ups_is_one_message_turned_in_the_group(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await group.add_member(paul)
    await seed(bot, marie, paul)

    await move_to(bot, at(23, 10))  # Monday 10:00: the week's digest
    [first] = group.pending_bot_messages()
    posted = len(group.messages)
    assert "Les suivis de la semaine" in first.plain_text
    assert PAGE_LINE.search(first.plain_text) is not None

    # Paul turns the pages in the group; the digest puts nobody's first.
    pages, seen = await read_all_pages(paul, group, first)
    assert [ref for page in pages for ref in page] == expected_order(None)
    assert all("Les suivis de la semaine" in page.text for page in seen)
    assert_under_limits(seen)
    assert len(group.messages) == posted  # pages are edits of the one message
    assert [c for c in sandbox.calls if not c.ok] == []
