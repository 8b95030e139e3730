"""Edited messages, forwards, channel posts and photos: never a second record, never a crash,
never someone else's words logged as the person's decision."""

from __future__ import annotations

import logging

import pytest

from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, linked_group

CHAIRS = "/decision On achète des chaises pour le local. Paul s'en occupe d'ici vendredi."
TABLES = "/decision On achète des tables pour le local. Paul s'en occupe d'ici vendredi."


async def decisions_of(bot: BotHarness, telegram_id: int) -> list[tuple[int, str]]:
    [membership] = await bot.storage.committees.memberships_of(telegram_id)
    rows = await bot.storage.db.fetch_all(
        "SELECT number, text FROM decisions WHERE committee_id = ? ORDER BY number",
        (membership.committee.id,),
    )
    return [(row["number"], row["text"]) for row in rows]


def no_errors(caplog: pytest.LogCaptureFixture) -> None:
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


async def test_editing_a_quick_decision_offers_to_correct_it_under_the_same_number(
    sandbox: SandboxServer, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    chat = marie.private_chat
    sent = await marie.send(CHAIRS)
    logged = await chat.next_bot_message()
    assert "D-1" in logged.plain_text

    await marie.edit(sent, TABLES)
    offer = await chat.next_bot_message()
    assert "tables" in offer.plain_text and "D-1" in offer.plain_text
    assert "Corriger D-1 avec ce texte" in offer.button_texts
    await bot.settle()
    assert await decisions_of(bot, marie.id) == [(1, CHAIRS.removeprefix("/decision "))]

    await marie.press(offer, "Corriger D-1 avec ce texte")
    corrected = await chat.next_edit(offer)
    assert "D-1" in corrected.plain_text and "tables" in corrected.plain_text
    assert await decisions_of(bot, marie.id) == [(1, TABLES.removeprefix("/decision "))]
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert "tables" in follow_up.text and follow_up.number == 1
    no_errors(caplog)


async def test_an_edited_answer_to_the_decision_question_offers_the_same_correction(
    sandbox: SandboxServer, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await group.add_member(paul)
    await paul.send("/decision", chat=group)
    question = await group.next_bot_message()
    answer = await paul.send("On garde la fête de Noël.", chat=group, reply_to=question)
    assert "D-1" in (await group.next_bot_message()).plain_text

    await paul.edit(answer, "On garde la fête de Noël dans le local.", chat=group)
    offer = await group.next_bot_message()
    assert "Corriger D-1 avec ce texte" in offer.button_texts
    # Only the one who wrote it may take the new text.
    refused = await marie.press(offer, "Corriger D-1 avec ce texte")
    assert refused.show_alert
    await paul.press(offer, "Corriger D-1 avec ce texte")
    await group.next_edit(offer)
    assert await decisions_of(bot, paul.id) == [(1, "On garde la fête de Noël dans le local.")]
    no_errors(caplog)


async def test_edits_of_other_commands_and_wizard_answers_change_nothing_and_never_crash(
    sandbox: SandboxServer, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    chat = marie.private_chat
    # A wizard answer, edited after the bot took it.
    await marie.send("/decision")
    await chat.next_bot_message()
    answer = await marie.send("On achète des chaises.")
    assert "D-1" in (await chat.next_bot_message()).plain_text
    help_message = await marie.send("/aide")
    await chat.next_bot_message()
    # The committee's name, typed in the creation wizard long ago; then /aide.
    [name_message] = [
        i for i in range(1, 30) if str((chat.user_message(i) or {}).get("text")).startswith("Asso")
    ]
    await marie.edit(name_message, "Association des Ormes")
    assert "ne change rien" in (await chat.next_bot_message()).plain_text
    await marie.edit(help_message, "/aide encore")
    assert "ne change rien" in (await chat.next_bot_message()).plain_text
    await marie.edit(answer, "On achète des chaises et des tables.")
    offer = await chat.next_bot_message()
    assert "Corriger D-1 avec ce texte" in offer.button_texts
    await bot.settle()
    assert len(await decisions_of(bot, marie.id)) == 1
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    assert membership.committee.name == "Association des locataires des Pins"
    no_errors(caplog)


async def test_a_forwarded_decision_is_not_logged_as_the_forwarders(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.forward("/decision On vend le local. Marie s'en occupe.", author=paul)
    answer = await marie.private_chat.next_bot_message()
    assert "transféré" in answer.plain_text
    await bot.settle()
    assert await decisions_of(bot, marie.id) == []

    # A forwarded text where a decision is expected is not taken either.
    await marie.send("/decision")
    await marie.private_chat.next_bot_message()
    await marie.forward("On vend le local.", author=paul)
    assert "transféré" in (await marie.private_chat.next_bot_message()).plain_text
    await marie.send("On garde le local.")
    assert "D-1" in (await marie.private_chat.next_bot_message()).plain_text
    assert await decisions_of(bot, marie.id) == [(1, "On garde le local.")]


async def test_a_photo_where_text_is_expected_gets_a_short_answer_and_the_question_stays(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    chat = marie.private_chat
    await marie.send("/decision")
    await chat.next_bot_message()
    await marie.send_photo("On achète des chaises.")
    assert "Écrivez votre réponse" in (await chat.next_bot_message()).plain_text
    await marie.send("On achète des chaises.")
    assert "D-1" in (await chat.next_bot_message()).plain_text


async def test_a_channel_post_is_ignored(
    sandbox: SandboxServer, bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    channel = {"id": -1009999, "type": "channel", "title": "Nouvelles des Pins"}
    before = len(sandbox.calls)
    sandbox.world.emit(
        "channel_post",
        {
            "message_id": 7,
            "chat": channel,
            "date": 1,
            "text": "/decision On vend le local.",
            "entities": [{"type": "bot_command", "offset": 0, "length": 9}],
        },
    )
    await bot.settle()
    assert [c for c in sandbox.calls[before:] if c.params.get("chat_id") == -1009999] == []
    assert await decisions_of(bot, marie.id) == []
    no_errors(caplog)
