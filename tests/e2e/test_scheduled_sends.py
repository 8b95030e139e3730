"""What the bot sends on its own: after a downtime the person hears first, in private, then the
ladder goes on; every send and every vote deadline falls in the committee's daytime; and a
send Telegram asks to delay is tried again, never left half done.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sandbox import SandboxServer
from sandbox.models import ApiError
from sandbox.params import Params
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.test_followups import at, move_to, setup
from tests.e2e.test_mandate import open_vote
from tests.e2e.test_mandate import setup as mandate_setup


def clock_of(bot: BotHarness) -> ManualClock:
    assert isinstance(bot.clock, ManualClock)
    return bot.clock


async def states(bot: BotHarness) -> dict[str, int]:
    rows = await bot.storage.db.fetch_all(
        "SELECT state, COUNT(*) AS n FROM reminders GROUP BY state"
    )
    return {row["state"]: row["n"] for row in rows}


async def test_reminders_due_during_a_downtime_go_to_the_person_first_then_the_ladder(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, paul, group, _s1 = await setup(sandbox, bot)  # S-1: Paul, by Friday 27
    await marie.send("/decision On vide la salle. Paul s'en occupe d'ici dimanche.")
    assert "dimanche 29 novembre 2026" in (await marie.private_chat.next_bot_message()).plain_text
    # Down from Monday to Friday 23:00: S-1's heads-up (Wednesday) and due day (Friday) were
    # missed, and so was S-2's heads-up (Friday), though S-2 is not due before Sunday.
    await bot.stop()
    clock_of(bot).moment = at(27, 23)
    await bot.start()
    await bot.tick()
    assert paul.private_chat.pending_bot_messages() == []  # quiet hours: not at night
    assert group.pending_bot_messages() == []

    await move_to(bot, at(28, 9))  # Saturday, as soon as the quiet hours end
    first, second = [await paul.private_chat.next_bot_message() for _ in range(2)]
    by_ref = {("S-1" if "S-1" in m.plain_text else "S-2"): m for m in (first, second)}
    # S-1 is past due: the words for a late follow-up, with its buttons, in private.
    assert "vendredi 27 novembre 2026" in by_ref["S-1"].plain_text
    assert "Où en êtes-vous" in by_ref["S-1"].plain_text
    assert by_ref["S-1"].button_texts[0] == "✅ Fait"
    # S-2 is not due yet: a heads-up, not « it came due ».
    assert "Petit rappel" in by_ref["S-2"].plain_text
    assert "dimanche 29 novembre 2026" in by_ref["S-2"].plain_text
    assert group.pending_bot_messages() == [], "the group heard before Paul had a chance"

    await move_to(bot, at(28, 10))  # the old moment of S-1's overdue rung: said already
    assert paul.private_chat.pending_bot_messages() == []
    await move_to(bot, at(29, 10))
    assert "C'est aujourd'hui" in (await paul.private_chat.next_bot_message()).plain_text
    assert group.pending_bot_messages() == []
    await move_to(bot, at(30, 10))  # two days after Paul's word: the group, kindly
    to_group = await group.next_bot_message()
    assert "S-1" in to_group.plain_text and "Quelqu'un peut-il aider" in to_group.plain_text
    assert not any("Pendant mon absence" in m.plain_text for m in group.messages)


async def test_after_a_long_downtime_the_group_hears_only_after_the_person_had_a_chance(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, paul, group, follow_up = await setup(sandbox, bot)
    # Down for a week: every rung to Paul and the group's (Monday 30) fell due meanwhile.
    await bot.stop()
    clock_of(bot).moment = at(31, 10, 30)  # Tuesday 1 December
    await bot.start()
    await bot.tick()
    late = await paul.private_chat.next_bot_message()
    assert "Où en êtes-vous" in late.plain_text and late.button_texts[0] == "✅ Fait"
    assert paul.private_chat.pending_bot_messages() == []  # one message, not three
    assert group.pending_bot_messages() == []

    await move_to(bot, at(32, 10))
    assert group.pending_bot_messages() == []
    await move_to(bot, at(33, 10))  # the ladder's two days after Paul's word
    assert "Quelqu'un peut-il aider" in (await group.next_bot_message()).plain_text
    history = await bot.storage.reminders.history(follow_up.id)
    sent = [step for step, _audience, state in history if state == "sent"]
    assert sent == ["overdue", "group"]


async def test_a_send_that_must_wait_is_tried_again_and_nothing_stays_half_sent(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, paul, group, _s1 = await setup(sandbox, bot)
    await marie.send("/decision On affiche l'horaire. Marie s'en occupe d'ici vendredi.")
    await marie.private_chat.next_bot_message()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=1)
    down = {paul.id, group.id}
    original = sandbox.api.handlers["sendMessage"]

    async def unreachable(params: Params) -> object:
        if int(str(params.get("chat_id"))) in down:
            raise ApiError(502, "Bad Gateway")
        return await original(params)

    sandbox.api.handlers["sendMessage"] = unreachable
    try:
        await move_to(bot, at(23, 10))  # the weekly digest, to the group: must wait
        assert group.pending_bot_messages() == []
    finally:
        sandbox.api.handlers["sendMessage"] = original
    await move_to(bot, at(23, 10, 1))  # tried again: sent, not lost
    assert "Les suivis de la semaine" in (await group.next_bot_message()).plain_text

    sandbox.api.handlers["sendMessage"] = unreachable
    try:
        await move_to(bot, at(25, 10))  # the heads-ups: Marie's goes, Paul's must wait
        assert "S-2" in (await marie.private_chat.next_bot_message()).plain_text
        assert (await states(bot)).get("sending", 0) == 0, "a reminder was left half sent"
    finally:
        sandbox.api.handlers["sendMessage"] = original
    await move_to(bot, at(25, 10, 1))
    heads_up = await paul.private_chat.next_bot_message()
    assert "S-1" in heads_up.plain_text and "Petit rappel" in heads_up.plain_text

    await move_to(bot, at(25, 11))  # once each
    assert paul.private_chat.pending_bot_messages() == []
    assert marie.private_chat.pending_bot_messages() == []
    assert group.pending_bot_messages() == []


async def test_a_vote_opened_in_the_evening_closes_in_daytime_as_announced(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, _rose, _luc], group = await mandate_setup(sandbox)
    clock_of(bot).moment = at(23, 21, 30)  # Monday evening, in the quiet hours
    vote = await open_vote(marie, group, "Paul")
    # Forty-eight hours would be Wednesday 21:30, in the quiet hours: the morning after.
    assert re.search(r"jeudi 26 novembre 2026 à 0?9 h\b", vote.plain_text), vote.plain_text
    await paul.press(vote, "Pour")
    vote = await group.next_edit(vote)

    await move_to(bot, at(25, 21, 30))
    assert group.pending_bot_messages() == [] and vote.edits == vote.edits_seen
    await move_to(bot, at(26, 9))
    closed = await group.next_edit(vote)
    assert "quorum non atteint" in closed.plain_text


async def test_a_vote_deadline_passed_during_a_downtime_closes_in_the_morning_not_at_5(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, _rose, _luc], group = await mandate_setup(sandbox)
    vote = await open_vote(marie, group, "Paul")  # until Wednesday 25 at 9:00
    await paul.press(vote, "Pour")
    vote = await group.next_edit(vote)
    await bot.stop()
    clock_of(bot).moment = at(26, 5, 4)  # back on Thursday at 5:04
    await bot.start()
    await bot.settle()
    await bot.tick()
    assert group.pending_bot_messages() == [] and vote.edits == vote.edits_seen
    await move_to(bot, at(26, 9))
    assert "quorum non atteint" in (await group.next_edit(vote)).plain_text


async def test_the_report_request_due_at_night_waits_for_the_morning(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, rose, luc], group = await mandate_setup(sandbox)
    vote = await open_vote(marie, group, "Paul")  # the meeting: Thursday at 14:00
    for person in (marie, paul, rose, luc):
        await person.press(vote, "Pour")
        vote = await group.next_edit(vote)
    await group.next_bot_message()  # adopted
    await paul.private_chat.next_bot_message()  # the card
    # The request is due three hours after the meeting starts; the bot is down then.
    await bot.stop()
    clock_of(bot).moment = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # Friday 2:00 in Québec
    await bot.start()
    await bot.settle()
    await bot.tick()
    assert paul.private_chat.pending_bot_messages() == []
    await move_to(bot, at(27, 9))
    assert "Comment s'est passée" in (await paul.private_chat.next_bot_message()).plain_text


async def test_the_weekly_digest_missed_in_the_evening_comes_the_next_morning(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, group, _s1 = await setup(sandbox, bot)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=1)
    await bot.stop()
    clock_of(bot).moment = at(23, 21)  # down over Monday's 10:00, back in the quiet hours
    await bot.start()
    await bot.settle()
    await bot.tick()
    assert group.pending_bot_messages() == []
    await move_to(bot, at(24, 9))
    assert "Les suivis de la semaine" in (await group.next_bot_message()).plain_text


async def test_a_report_request_that_must_wait_is_asked_later_not_lost(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, rose, luc], group = await mandate_setup(sandbox)
    vote = await open_vote(marie, group, "Paul")  # the meeting: Thursday at 14:00
    for person in (marie, paul, rose, luc):
        await person.press(vote, "Pour")
        vote = await group.next_edit(vote)
    await group.next_bot_message()  # adopted
    await paul.private_chat.next_bot_message()  # the card
    original = sandbox.api.handlers["sendMessage"]

    async def unreachable(params: Params) -> object:
        if int(str(params.get("chat_id"))) in {paul.id, group.id}:
            raise ApiError(502, "Bad Gateway")
        return await original(params)

    sandbox.api.handlers["sendMessage"] = unreachable
    try:
        await move_to(bot, at(26, 17))  # three hours after the meeting starts
    finally:
        sandbox.api.handlers["sendMessage"] = original
    await move_to(bot, at(26, 17, 1))
    assert "Comment s'est passée" in (await paul.private_chat.next_bot_message()).plain_text
    await move_to(bot, at(26, 18))
    assert paul.private_chat.pending_bot_messages() == []
