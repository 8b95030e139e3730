"""Blank, invisible or one-character names and decisions are refused with a clear message, and
the question stays: nothing empty is ever stored as a name or a decision."""

from __future__ import annotations

from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_partnership import OFFICE, start_from_group

HANGUL_FILLER = "\u3164"
BRAILLE_BLANK = "\u2800\u2800"
ZERO_WIDTH = "\u200b\u200c\u200d"


async def test_an_invisible_or_one_letter_committee_name_is_refused(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    chat = marie.private_chat
    await marie.send("/start new")
    await chat.next_bot_message()
    for typed in (HANGUL_FILLER, BRAILLE_BLANK, ZERO_WIDTH, "...", "A", " A . "):
        await marie.send(typed)
        refusal = await chat.next_bot_message()
        assert "lettre" in refusal.plain_text, (typed, refusal.plain_text)
        question = await chat.next_bot_message()
        assert "nom du comité" in question.plain_text.lower(), "the question comes again"
    await marie.send("Comité des Pins")
    assert "genre de comité" in (await chat.next_bot_message()).plain_text
    await bot.settle()
    assert await bot.storage.committees.memberships_of(marie.id) == []


async def test_an_invisible_decision_is_refused_by_command_and_by_answer(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    chat = marie.private_chat
    await marie.send(f"/decision {HANGUL_FILLER}")
    refusal = await chat.next_bot_message()
    assert "lettre" in refusal.plain_text and "D-1" not in refusal.plain_text
    assert "décidé" in refusal.plain_text, "the question comes with the refusal"
    await marie.send(ZERO_WIDTH + " ?")
    assert "lettre" in (await chat.next_bot_message()).plain_text
    assert "décidé" in (await chat.next_bot_message()).plain_text
    await marie.send("/decision !")
    assert "lettre" in (await chat.next_bot_message()).plain_text
    await bot.settle()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    rows = await bot.storage.db.fetch_all(
        "SELECT text FROM decisions WHERE committee_id = ?", (membership.committee.id,)
    )
    assert rows == []
    await marie.send("On garde le local.")
    assert "D-1" in (await chat.next_bot_message()).plain_text


async def test_an_invisible_partner_name_is_refused(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    chat = marie.private_chat
    menu = await start_from_group(marie, group)
    await marie.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    await marie.press(kinds, OFFICE)
    await chat.next_edit(kinds)
    await marie.send(BRAILLE_BLANK)
    refusal = await chat.next_bot_message()
    assert "lettre" in refusal.plain_text
    question = await chat.next_bot_message()
    assert question.button_texts, "the question comes again with its buttons"


async def test_an_invisible_or_one_letter_attendee_is_not_added(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    chat = marie.private_chat
    await marie.send("/reunion", chat=group)
    pointer = await group.next_bot_message()
    link = pointer.url_for("Noter une réunion en privé")
    assert link is not None
    await marie.open_link(link)
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    await marie.press(when, next(b for b in when.button_texts if b.startswith("Aujourd'hui")))
    kind = await chat.next_edit(when)
    await marie.press(kind, "Réunion du comité")
    await chat.next_edit(kind)
    await marie.send(f"Gérard Tremblay, {HANGUL_FILLER}, A")
    assert "lettre" in (await chat.next_bot_message()).plain_text
    attendees = await chat.next_bot_message()
    assert "Gérard Tremblay" in attendees.plain_text
    assert HANGUL_FILLER not in attendees.plain_text and ", A" not in attendees.plain_text
