"""Follow-up reminders: the ladder, the buttons, quiet hours, restarts, /suivis."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.domain.entities import FollowUp
from bot.storage.decisions import FollowUpDraft
from sandbox import SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, linked_group

QUEBEC = ZoneInfo("America/Toronto")
DOOR = "/decision On répare la porte du local. Paul s'en occupe d'ici vendredi."


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in Québec time: November 2026, days past 30 running into December."""
    month, day = (12, day - 30) if day > 30 else (11, day)
    return datetime(2026, month, day, hour, minute, tzinfo=QUEBEC).astimezone(UTC)


async def setup(
    sandbox: SandboxServer, bot: BotHarness
) -> tuple[SandboxUser, SandboxUser, SandboxGroup, FollowUp]:
    """Marie logs on Monday 23 that Paul repairs the door by Friday 27."""
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await group.add_member(paul)
    await marie.send(DOOR)
    await marie.private_chat.next_bot_message()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    # The weekly digest has its own test; here the group should hear reminders only.
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)
    return marie, paul, group, follow_up


async def move_to(bot: BotHarness, moment: datetime) -> None:
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = moment
    await bot.tick()


async def test_the_whole_ladder_then_done_from_the_group(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, paul, group, follow_up = await setup(sandbox, bot)
    await move_to(bot, at(24, 18))
    assert paul.private_chat.pending_bot_messages() == []

    await move_to(bot, at(25, 10))  # two days before: a heads-up to Paul
    heads_up = await paul.private_chat.next_bot_message()
    assert "Petit rappel" in heads_up.plain_text and "S-1" in heads_up.plain_text
    assert "vendredi 27 novembre 2026" in heads_up.plain_text
    assert heads_up.button_texts == ["✅ Fait", "📅 Reporter", "⛔ Bloqué", "Annuler le suivi"]

    await move_to(bot, at(27, 10))
    assert "C'est aujourd'hui" in (await paul.private_chat.next_bot_message()).plain_text
    await move_to(bot, at(28, 10))
    assert "Où en êtes-vous" in (await paul.private_chat.next_bot_message()).plain_text
    assert group.pending_bot_messages() == []
    await move_to(bot, at(30, 10))  # then the group, kindly
    to_group = await group.next_bot_message()
    assert "Quelqu'un peut-il aider" in to_group.plain_text and "Paul" in to_group.plain_text

    await paul.press(to_group, "✅ Fait")
    done = await group.next_edit(to_group)
    assert "est fait" in done.plain_text
    await move_to(bot, at(37, 10))  # a week later: nothing more
    assert group.pending_bot_messages() == []
    assert paul.private_chat.pending_bot_messages() == []
    history = await bot.storage.reminders.history(follow_up.id)
    sent = [step for step, _audience, state in history if state == "sent"]
    assert sent == ["heads_up", "due_day", "overdue", "group"]
    assert all(state == "cancelled" for _s, _a, state in history if _s.startswith("weekly"))
    del marie


async def test_postponed_from_a_reminder_and_blocked_with_a_reason(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, paul, group, follow_up = await setup(sandbox, bot)
    await move_to(bot, at(25, 10))
    heads_up = await paul.private_chat.next_bot_message()
    await paul.press(heads_up, "📅 Reporter")
    choices = await paul.private_chat.next_edit(heads_up)
    next_week = next(b for b in choices.button_texts if b.startswith("Semaine prochaine"))
    assert "mercredi 2 décembre 2026" in next_week
    await paul.press(choices, next_week)
    postponed = await paul.private_chat.next_edit(choices)
    assert "reporté" in postponed.plain_text
    refreshed = await bot.storage.follow_ups.get(follow_up.id)
    assert refreshed is not None and refreshed.due_date is not None
    assert refreshed.due_date.isoformat() == "2026-12-02"

    await move_to(bot, at(27, 10))  # the old due day: nothing
    assert paul.private_chat.pending_bot_messages() == []
    await move_to(bot, at(30, 10))  # two days before the new date
    new_heads_up = await paul.private_chat.next_bot_message()
    assert "mercredi 2 décembre 2026" in new_heads_up.plain_text

    await paul.press(new_heads_up, "⛔ Bloqué")
    await paul.private_chat.next_bot_message()
    await paul.send("On attend la réponse de l'office")
    assert "bloqué" in (await paul.private_chat.next_bot_message()).plain_text
    told = await group.next_bot_message()
    assert "bloqué" in told.plain_text and "On attend la réponse de l'office" in told.plain_text
    await move_to(bot, at(33, 10))
    assert paul.private_chat.pending_bot_messages() == []


async def test_quiet_hours_and_a_restart_with_reminders_due_meanwhile(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, paul, group, follow_up = await setup(sandbox, bot)
    await bot.stop()
    assert isinstance(bot.clock, ManualClock)
    # Down from Monday to Friday 23:00: the heads-up (Wed) and due-day (Fri 10:00) were missed.
    bot.clock.moment = at(27, 23)
    await bot.start()
    await bot.tick()
    assert group.pending_bot_messages() == []  # quiet hours: not at night
    assert paul.private_chat.pending_bot_messages() == []

    await move_to(bot, at(28, 9, 30))  # the morning: one word to Paul, not a flood
    late = await paul.private_chat.next_bot_message()
    assert "S-1" in late.plain_text and "Où en êtes-vous" in late.plain_text
    assert paul.private_chat.pending_bot_messages() == []
    assert group.pending_bot_messages() == []

    # Another restart sends nothing again.
    await bot.restart()
    await bot.tick()
    assert group.pending_bot_messages() == []
    assert paul.private_chat.pending_bot_messages() == []
    history = await bot.storage.reminders.history(follow_up.id)
    # The overdue words went; the heads-up and the due-day note they replace did not.
    assert [step for step, _a, state in history if state == "sent"] == ["overdue"]
    assert [step for step, _a, state in history if state == "cancelled"] == [
        "heads_up",
        "due_day",
    ]


async def test_a_person_who_blocked_the_bot_is_reminded_in_the_group(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, paul, group, _follow_up = await setup(sandbox, bot)
    paul.block_bot()
    await bot.settle()
    await move_to(bot, at(25, 10))
    in_group = await group.next_bot_message()
    assert "Petit rappel" in in_group.plain_text and "Paul" in in_group.plain_text


async def test_followups_list_own_first_and_actions(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, paul, _group, _follow_up = await setup(sandbox, bot)
    await marie.send("/decision On affiche l'horaire. Marie s'en charge demain.")
    await marie.private_chat.next_bot_message()
    await paul.send("/suivis")
    overview = await paul.private_chat.next_bot_message()
    text = overview.plain_text
    assert "Cette semaine" in text
    assert text.index("S-1") < text.index("S-2") or "S-1" in text
    assert overview.button_texts[0].startswith("S-1")  # Paul's own first
    await paul.press(overview, overview.button_texts[0])
    detail = await paul.private_chat.next_edit(overview)
    await paul.press(detail, "✅ Fait")
    assert "est fait" in (await paul.private_chat.next_edit(detail)).plain_text
    await paul.send("/suivis")
    after = await paul.private_chat.next_bot_message()
    assert "Faits récemment" in after.plain_text


async def test_someone_who_never_opened_a_private_chat_is_named_in_the_group(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires")
    lucie = sandbox.world.add_user("Lucie")
    await group.add_member(lucie)  # in the group, never wrote to the bot in private
    await bot.settle()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)
    await marie.send("/decision On vide le local. Lucie s'en occupe d'ici vendredi.")
    assert "Lucie" in (await marie.private_chat.next_bot_message()).plain_text

    await move_to(bot, at(25, 10))
    in_group = await group.next_bot_message()
    assert "Petit rappel" in in_group.plain_text and "Lucie" in in_group.plain_text
    person = await bot.storage.people.get(lucie.id)
    assert person is not None and not person.bot_blocked


async def test_followups_have_a_today_section_and_read_naturally_without_a_person(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, _group, s1 = await setup(sandbox, bot)  # S-1: Paul, by Friday
    for what, due in (
        ("On sort les bacs de recyclage", date(2026, 11, 23)),
        ("On trouve un traiteur", None),
    ):
        draft = FollowUpDraft(what, None, None, due, None)
        await bot.storage.follow_ups.create(s1.committee_id, draft, created_by=marie.id)
    await marie.send("/suivis")
    text = (await marie.private_chat.next_bot_message()).plain_text
    today, week, undated = (text.index(h) for h in ("Aujourd'hui", "Cette semaine", "Pas encore"))
    assert today < text.index("S-2") < week < text.index("S-1") < undated < text.index("S-3")
    assert "S-2 « On sort les bacs de recyclage » — personne ne s'en occupe encore" in text
    assert "» — Paul, vendredi 27 novembre 2026" in text
    assert "S-3 « On trouve un traiteur » — personne ne s'en occupe encore" in text
    assert "— —" not in text and "pas de date" not in text


async def test_done_thanks_who_pressed_and_the_group_hears_whose_it_was(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, paul, group, _s1 = await setup(sandbox, bot)  # S-1 is Paul's
    await marie.send("/suivis")
    overview = await marie.private_chat.next_bot_message()
    await marie.press(overview, overview.button_texts[0])
    detail = await marie.private_chat.next_edit(overview)
    await marie.press(detail, "✅ Fait")
    thanked = await marie.private_chat.next_edit(detail)
    assert "est fait" in thanked.plain_text and "Merci Marie!" in thanked.plain_text
    told = await group.next_bot_message()
    assert "S-1" in told.plain_text and "Paul" in told.plain_text
    assert "Marie" not in told.plain_text
    assert paul.private_chat.pending_bot_messages() == []
