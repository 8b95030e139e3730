"""Dates as people type them: a day without a year that just passed is asked about, with its
likely meaning as a button; holidays and months are understood or asked about; a date phrase
that is not understood is said so, never dropped without a word."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sandbox import SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members
from tests.e2e.test_no_invented_time import mandate_for

# Monday 30 November 2026, 9:00 in Québec.
NOV_30 = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


def on_november_30(bot: BotHarness) -> None:
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = NOV_30


async def due_of_last_follow_up(bot: BotHarness, user: SandboxUser) -> date | None:
    [membership] = await bot.storage.committees.memberships_of(user.id)
    found = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    return max(found, key=lambda f: f.number).due_date


def lines_of(text: str) -> list[str]:
    return text.replace("\u00a0", " ").split("\n")


async def test_a_day_that_just_passed_is_asked_about_never_moved_to_next_year(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    on_november_30(bot)
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    chat = marie.private_chat
    await marie.send("/decision Paul rappelle l'office le 3 novembre.")
    answer = await chat.next_bot_message()
    assert "« le 3 novembre »" in answer.plain_text and "2027" in answer.plain_text
    assert "Le 3 novembre 2027?" in answer.button_texts
    assert await due_of_last_follow_up(bot, marie) is None, "no date until the person says"

    await marie.press(answer, "Le 3 novembre 2027?")
    fixed = await chat.next_edit(answer)
    assert "mercredi 3 novembre 2027" in fixed.plain_text
    assert await due_of_last_follow_up(bot, marie) == date(2027, 11, 3)


async def test_a_typed_date_just_passed_is_asked_about_with_a_button(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    on_november_30(bot)
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    chat = marie.private_chat
    await marie.send("/decision On répare la porte. Je m'en occupe demain.")
    answer = await chat.next_bot_message()
    await marie.press(answer, "Changer la date")
    choices = await chat.next_edit(answer)
    await marie.press(choices, "Écrire une autre date")
    await chat.next_bot_message()

    await marie.send("le 3 novembre")
    asked = await chat.next_bot_message()
    assert "2027" in asked.plain_text and asked.button_texts == ["Le 3 novembre 2027?"]
    await marie.send("au printemps")
    assert "Je n'ai pas compris cette date" in (await chat.next_bot_message()).plain_text
    await marie.send("en janvier")
    asked = await chat.next_bot_message()
    assert asked.button_texts == ["Le 31 janvier 2027?"]
    await marie.press(asked, "Le 31 janvier 2027?")
    saved = await chat.next_bot_message()
    assert "dimanche 31 janvier 2027" in saved.plain_text
    assert await due_of_last_follow_up(bot, marie) == date(2027, 1, 31)


async def test_holidays_and_months_are_understood_or_asked_about(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    chat = marie.private_chat
    understood = {
        "Paul relance l'office après les Fêtes.": ("lundi 4 janvier 2027", date(2027, 1, 4)),
        "Paul affiche l'horaire avant Noël.": ("jeudi 24 décembre 2026", date(2026, 12, 24)),
        "Paul écrit au député fin janvier.": ("dimanche 31 janvier 2027", date(2027, 1, 31)),
        "Paul écrit au député à la mi-janvier.": ("vendredi 15 janvier 2027", date(2027, 1, 15)),
    }
    for typed, (day, due) in understood.items():
        await marie.send(f"/decision {typed}")
        answer = await chat.next_bot_message()
        assert any(line.startswith(f"Quand : {day}") for line in lines_of(answer.plain_text))
        assert await due_of_last_follow_up(bot, marie) == due

    await marie.send("/decision Paul prépare le budget en janvier.")
    answer = await chat.next_bot_message()
    assert "« en janvier »" in answer.plain_text
    assert "Le 31 janvier 2027?" in answer.button_texts
    assert await due_of_last_follow_up(bot, marie) is None

    await marie.send("/decision Paul organise la corvée au printemps.")
    answer = await chat.next_bot_message()
    assert "Je n'ai pas compris la date « au printemps »" in answer.plain_text

    # A holiday that names a thing is no deadline.
    await marie.send("/decision On garde la fête de Noël dans le local.")
    answer = await chat.next_bot_message()
    assert "Suivi" not in answer.plain_text


async def test_the_offered_day_answers_a_wizards_date_question(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    on_november_30(bot)
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    asked = await mandate_for(marie, "le 3 novembre")
    assert asked.button_texts == ["Le 3 novembre 2027?"]
    await marie.press(asked, "Le 3 novembre 2027?")
    positions = await marie.private_chat.next_edit(asked)
    assert "positions" in positions.plain_text.lower()
    [row] = await bot.storage.db.fetch_all("SELECT meeting_at FROM mandates")
    assert row["meeting_at"] == "2027-11-03"
