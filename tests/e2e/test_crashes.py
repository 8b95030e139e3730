"""A crash loses nothing acknowledged: what was saved still gets its reminders, and what was
to be told to the group is told after the restart, once.

The crashes are real: the bot runs as its own process and is killed with SIGKILL (crash.py)
at the moment the sandbox shows it is sending; a restart then runs on the same database.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date

from bot.domain.entities import ObjectiveStatus
from bot.domain.records import FollowUpStatus
from bot.storage.db import Database
from bot.storage.decisions import FollowUpDraft
from bot.storage.repositories import Storage
from conversations.partnerships.buttons import Achieved
from sandbox import SandboxServer
from tests.e2e.crash import BotAtMoment, hold_sends_to
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_followups import at, move_to, setup
from tests.e2e.test_partnership import walk_clsc

# How long the bot has, after a restart, to send by itself what was left to send.
AFTER_RESTART = 5.0


def clock_of(bot: BotHarness) -> ManualClock:
    assert isinstance(bot.clock, ManualClock)
    return bot.clock


async def while_stopped(bot: BotHarness) -> Storage:
    """The database as the stopped bot left it, opened as another process would (rows
    stamped with the bot's clock, as the bot stamps them)."""
    storage = Storage(Database(bot.database_path, clock=bot.clock))
    await storage.db.connect()
    return storage


async def test_a_follow_up_saved_just_before_a_crash_still_gets_its_reminders(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await linked_group(sandbox.world, marie, "Locataires des Pins")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id
    await bot.storage.committees.update_settings(committee_id, digest_enabled=0)
    await marie.send("/decision On affiche l'horaire du local. Paul s'en occupe d'ici vendredi.")
    assert "S-1" in (await marie.private_chat.next_bot_message()).plain_text
    await bot.stop()

    # The bot died twice between a commit and the planning that follows it: once right after
    # a new follow-up was stored (S-2), once right after S-1 was postponed to 2 December.
    storage = await while_stopped(bot)
    try:
        draft = FollowUpDraft(
            "On répare la porte du local", paul.id, "Paul", date(2026, 11, 27), None
        )
        await storage.follow_ups.create(committee_id, draft, created_by=marie.id)
        [s1, _s2] = await storage.follow_ups.open_of_committee(committee_id)
        await storage.follow_ups.set_due(s1.id, date(2026, 12, 2), None)
    finally:
        await storage.db.close()

    await bot.start()
    await move_to(bot, at(25, 10))  # two days before Friday 27: S-2's heads-up
    heads_up = await paul.private_chat.next_bot_message()
    assert "S-2" in heads_up.plain_text and "vendredi 27 novembre 2026" in heads_up.plain_text
    assert heads_up.button_texts[0] == "✅ Fait"
    await move_to(bot, at(27, 10))  # S-2's due day; S-1's old ladder stays silent
    assert "S-2" in (await paul.private_chat.next_bot_message()).plain_text
    assert paul.private_chat.pending_bot_messages() == []
    await move_to(bot, at(28, 10))
    assert "S-2" in (await paul.private_chat.next_bot_message()).plain_text  # overdue
    await move_to(bot, at(30, 10))  # two days before 2 December: S-1's new heads-up
    moved = await paul.private_chat.next_bot_message()
    assert "S-1" in moved.plain_text and "mercredi 2 décembre 2026" in moved.plain_text


async def test_a_follow_up_saved_before_a_long_crash_reminds_the_person_before_the_group(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id
    await bot.storage.committees.update_settings(committee_id, digest_enabled=0)
    await bot.stop()
    storage = await while_stopped(bot)  # saved on Monday, the ladder never planned
    try:
        draft = FollowUpDraft(
            "On répare la porte du local", paul.id, "Paul", date(2026, 11, 27), None
        )
        await storage.follow_ups.create(committee_id, draft, created_by=marie.id)
    finally:
        await storage.db.close()

    clock_of(bot).moment = at(31, 10, 30)  # back on Tuesday 1 December
    await bot.start()
    await bot.tick()
    late = await paul.private_chat.next_bot_message()
    assert "Où en êtes-vous" in late.plain_text and late.button_texts[0] == "✅ Fait"
    assert group.pending_bot_messages() == []
    await move_to(bot, at(33, 10))  # then the group, after the ladder's gap
    assert "Quelqu'un peut-il aider" in (await group.next_bot_message()).plain_text


async def test_done_acknowledged_just_before_a_crash_is_announced_to_the_group_once(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, paul, group, follow_up = await setup(sandbox, bot)
    await move_to(bot, at(25, 10))
    heads_up = await paul.private_chat.next_bot_message()
    await bot.stop()

    process = BotAtMoment(sandbox, bot.database_path, at(25, 10, 5))
    await process.start()
    held = hold_sends_to(sandbox, group.id)
    try:
        pressing = asyncio.create_task(paul.press(heads_up, "✅ Fait"))
        await held.reached()  # « Fait » is saved and Paul thanked; the group is being told
        thanked = await paul.private_chat.next_edit(heads_up)
        assert "est fait" in thanked.plain_text
        await process.kill()
    finally:
        held.release()
        await process.close()  # killed already, unless the test failed before
    pressing.cancel()
    with contextlib.suppress(asyncio.CancelledError, TimeoutError):
        await pressing

    clock_of(bot).moment = at(25, 10, 6)
    await bot.start()
    # No tick: what the bot had still to say is sent by itself after the restart.
    told = await group.next_bot_message(timeout=AFTER_RESTART)
    assert "S-1" in told.plain_text and "est fait" in told.plain_text
    stored = await bot.storage.follow_ups.get(follow_up.id)
    assert stored is not None and stored.status is FollowUpStatus.DONE

    await bot.restart()
    await bot.settle()
    await bot.tick()
    await move_to(bot, at(27, 10))
    assert group.pending_bot_messages() == [], "the group was told twice"
    assert paul.private_chat.pending_bot_messages() == []


async def test_an_objective_reached_just_before_a_crash_is_celebrated_once(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires")
    review = await walk_clsc(marie)
    await marie.press(review, "Enregistrer le partenariat")
    await marie.private_chat.next_edit(review)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id
    await bot.storage.committees.update_settings(committee_id, digest_enabled=0)
    [partnership] = await bot.storage.partnerships.of_committee(committee_id)
    objective = partnership.objectives[0]
    await bot.stop()

    process = BotAtMoment(sandbox, bot.database_path, at(23, 10))
    await process.start()
    held = hold_sends_to(sandbox, group.id)
    try:
        pressing = asyncio.create_task(
            marie.press_data(Achieved(id=partnership.id, objective=objective.id).data)
        )
        await held.reached()
        await process.kill()
    finally:
        held.release()
        await process.close()  # killed already, unless the test failed before
    pressing.cancel()
    with contextlib.suppress(asyncio.CancelledError, TimeoutError):
        await pressing

    clock_of(bot).moment = at(23, 10, 2)
    await bot.start()
    party = await group.next_bot_message(timeout=AFTER_RESTART)
    assert "Objectif atteint" in party.plain_text and "CLSC de Limoilou" in party.plain_text
    [reached] = (await bot.storage.partnerships.of_committee(committee_id))[0].objectives
    assert reached.status is ObjectiveStatus.ACHIEVED
    await bot.restart()
    await bot.settle()
    await bot.tick()
    assert group.pending_bot_messages() == [], "the celebration was posted twice"
