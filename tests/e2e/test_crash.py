"""The bot killed outright (kill -9) between two steps of a wizard: started again, it takes the
next answer where the person is, with everything they answered before.

The bot runs as its own process, on real time: no date here depends on today.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.storage.db import Database
from bot.storage.repositories import Storage
from sandbox import BotMessage, SandboxServer
from tests.e2e.harness import BotProcess
from tests.e2e.steps import committee_with_members
from tests.e2e.test_partnership import answer_recipe


@pytest_asyncio.fixture
async def process(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[BotProcess]:
    bot = BotProcess(sandbox, tmp_path / "bot.sqlite3")
    await bot.start()
    try:
        yield bot
    finally:
        await bot.close()


async def crash(bot: BotProcess) -> None:
    """The person reads the question; meanwhile the bot is killed, then started again."""
    await bot.settle()
    await bot.kill()
    await bot.start()


async def stored(bot: BotProcess) -> Storage:
    db = Database(bot.database_path)
    await db.connect()
    return Storage(db)


async def test_kill_9_between_steps_of_reunion_and_the_next_answer_continues(
    sandbox: SandboxServer, process: BotProcess
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    chat = marie.private_chat
    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    today = next(label for label in when.button_texts if label.startswith("Aujourd'hui"))
    await marie.press(when, today)
    kind = await chat.next_edit(when)
    await marie.press(kind, "Rencontre avec l'office d'habitation")
    attendees = await chat.next_edit(kind)
    assert "✓ Marie" in attendees.button_texts

    await crash(process)  # after a button: the meeting is created, with Marie present
    await marie.press(attendees, "Paul")
    attendees = await chat.next_edit(attendees)
    await marie.send("Gérard Tremblay, Lucie")
    attendees = await chat.next_bot_message()
    assert "Gérard Tremblay, Lucie" in attendees.plain_text

    await crash(process)  # after names typed
    await marie.press(attendees, "Terminé")
    decisions = await chat.next_edit(attendees)
    await marie.send("On demande la réparation de la porte du local.")
    saved = await chat.next_bot_message()
    assert "D-1" in saved.plain_text

    await crash(process)  # in the middle of the list of decisions
    await marie.send("On organise une corvée de nettoyage au printemps.")
    saved = await chat.next_bot_message()
    assert "D-2" in saved.plain_text
    await marie.press(saved, "Terminé")
    actions = await chat.next_edit(saved)
    await marie.send("Appeler l'office pour la porte, Paul")
    saved = await chat.next_bot_message()
    assert "S-1" in saved.plain_text

    await crash(process)  # in the middle of the list of actions
    await marie.press(saved, "Terminé")
    next_meeting = await chat.next_edit(saved)
    await marie.press(next_meeting, "Pas encore fixée")
    minutes = await chat.next_edit(next_meeting)
    del decisions, actions

    text = minutes.plain_text
    assert "Compte rendu" in text and "R-1" in text
    assert "Office municipal d'habitation de Québec" in text
    assert "Marie, Paul, Gérard Tremblay, Lucie" in text
    assert "D-1 — On demande la réparation de la porte du local." in text
    assert "D-2 — On organise une corvée de nettoyage au printemps." in text
    assert "S-1 — Appeler l'office pour la porte" in text
    assert process.starts == 5

    storage = await stored(process)
    try:
        [membership] = await storage.committees.memberships_of(marie.id)
        [meeting] = await storage.meetings.recent(membership.committee.id)
        assert meeting.finished
        assert [a.name for a in await storage.meetings.attendees(meeting.id)] == [
            "Marie", "Paul", "Gérard Tremblay", "Lucie",
        ]  # fmt: skip
        assert len(await storage.decisions.of_meeting(meeting.id)) == 2
    finally:
        await storage.db.close()


async def test_kill_9_between_steps_of_partenariat_and_the_next_answer_continues(
    sandbox: SandboxServer, process: BotProcess
) -> None:
    rose, [] = await committee_with_members(sandbox.world, "Rose")
    chat = rose.private_chat
    await rose.send("/partenariat")
    menu = await chat.next_bot_message()
    await rose.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    await rose.press(kinds, "CLSC ou CISSS/CIUSSS")
    name = await chat.next_edit(kinds)

    await crash(process)  # after a button answer
    await rose.send("CLSC de Limoilou")
    contact: BotMessage = await chat.next_bot_message()

    await crash(process)  # after a typed answer
    await rose.send("Mme Lucie Roy, organisatrice communautaire")
    await chat.next_bot_message()
    await rose.send("Des locataires âgés restent seuls chez eux tout l'hiver.")
    objective = await chat.next_bot_message()
    await rose.press(objective, "Visites aux locataires seuls ou malades chaque mois")
    target = await chat.next_edit(objective)
    in_three_months = next(b for b in target.button_texts if b.startswith("Dans 3 mois"))
    await rose.press(target, in_three_months)
    more = await chat.next_edit(target)
    assert "Objectif enregistré" in more.plain_text
    await rose.press(more, "Continuer")
    question = await chat.next_edit(more)
    for _ in range(3):
        await rose.press(question, "Passer cette question")
        question = await chat.next_edit(question)
    question = await answer_recipe(rose, question, ["Oui", "Oui", "Non"])

    await crash(process)  # in the middle of the recipe
    review = await answer_recipe(rose, question, ["Oui"] * 4)
    del name, contact

    text = review.plain_text
    assert "CLSC de Limoilou" in text and "Mme Lucie Roy" in text
    assert "Des locataires âgés restent seuls chez eux tout l'hiver." in text
    assert "Visites aux locataires seuls ou malades chaque mois" in text
    assert "6 ingrédients sur 7" in text
    await rose.press(review, "Enregistrer le partenariat")
    assert "actif" in (await chat.next_edit(review)).plain_text
    assert process.starts == 4
