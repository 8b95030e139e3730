"""What makes people trust the bot: an old button never changes the wrong record, a nudge due
while the bot was down still goes out (once), a long list is never lost, and a group that is
gone is not hammered with retries.

Each test is a user story through the sandbox; each one describes what a correct bot does.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from bot.domain.records import FollowUpStatus
from bot.storage.decisions import FollowUpDraft
from sandbox import BotMessage, RecordedCall, SandboxChat, SandboxServer
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_followups import at, move_to
from tests.e2e.test_followups import setup as door_follow_up
from tests.e2e.test_mandate import draft_mandate

# How long the bot has, after a restart, to send by itself what fell due while it was down.
AFTER_RESTART = 5.0
FOLLOW_UP_REF = re.compile(r"\bS-(\d+)\b")
# Labels a « next page » button may carry, whatever the design (« Suivants ▶ », « Page 2 »...).
NEXT_PAGE = re.compile(r"suivant|suite|page|→|▶|►|⏩|»|›", re.IGNORECASE)
PREVIOUS_PAGE = re.compile(r"précédent|retour|←|◀|◄|⏪|«|‹", re.IGNORECASE)


def clock_of(bot: BotHarness) -> ManualClock:
    assert isinstance(bot.clock, ManualClock)
    return bot.clock


async def committee_id_of(bot: BotHarness, telegram_id: int) -> int:
    [membership] = await bot.storage.committees.memberships_of(telegram_id)
    return membership.committee.id


async def nudges_sent(bot: BotHarness, kind: str) -> int:
    """How many occurrences of a nudge the bot recorded as sent (claimed before sending)."""
    rows = await bot.storage.db.fetch_all(
        "SELECT occurrence FROM nudges_sent WHERE kind = ?", (kind,)
    )
    return len(rows)


async def test_an_old_done_button_after_an_undo_and_a_new_decision_changes_nothing(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    chat = marie.private_chat
    await marie.send("/decision On répare la porte du local. Paul s'en occupe d'ici vendredi.")
    logged = await chat.next_bot_message()
    assert "D-1" in logged.plain_text and "S-1" in logged.plain_text

    # Marie opens S-1 from /suivis and leaves that message in her chat.
    await marie.send("/suivis")
    overview = await chat.next_bot_message()
    [s1_button] = [b for b in overview.button_texts if b.startswith("S-1 ")]
    await marie.press(overview, s1_button)
    detail = await chat.next_edit(overview)
    assert "S-1" in detail.plain_text and "✅ Fait" in detail.button_texts

    # She undoes D-1 (its follow-up goes with it), then logs another decision: S-2.
    await marie.press(logged, "Annuler la décision")
    asked = await chat.next_edit(logged)  # it has a follow-up: asked once
    await marie.press(asked, "Oui, annuler D-1")
    assert "annulée" in (await chat.next_edit(asked)).plain_text
    await marie.send("/decision On affiche l'horaire du local. Paul s'en occupe d'ici mardi.")
    second = await chat.next_bot_message()
    assert "D-2" in second.plain_text and "S-2" in second.plain_text
    committee_id = await committee_id_of(bot, marie.id)
    [s2] = await bot.storage.follow_ups.open_of_committee(committee_id)
    assert s2.number == 2

    # The old « Fait » of S-1 is pressed: it must not touch S-2.
    answer = await marie.press(detail, "✅ Fait")
    await bot.settle()
    after = await bot.storage.follow_ups.get(s2.id)
    assert after is not None and after.status is FollowUpStatus.OPEN, (
        f"the old button of the undone S-1 changed S-2: it is now {after}"
    )
    assert [f.number for f in await bot.storage.follow_ups.open_of_committee(committee_id)] == [2]
    assert any(state == "pending" for _s, _a, state in await bot.storage.reminders.history(s2.id))
    # A polite word, not a thank-you for work nobody did; and no message says S-2 is done.
    assert answer.text and "merci" not in answer.text.lower(), answer
    assert "S-2" not in detail.plain_text
    assert not any("S-2" in m.plain_text for m in chat.pending_bot_messages())


async def test_a_mandate_card_due_while_the_bot_was_down_is_sent_once_after_restart(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    review = await draft_mandate(marie, "Paul")  # for the meeting of Thursday 26 November
    await marie.press(review, "Adopté en réunion aujourd'hui")
    await marie.private_chat.next_edit(review)
    card = await paul.private_chat.next_bot_message()
    assert "carte de mandat" in card.plain_text

    # The card of the day before is due on Wednesday 25 at 10:00; the bot is down then.
    await bot.stop()
    clock_of(bot).moment = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)  # Wednesday 10:30
    await bot.start()
    # No tick: the bot's own wake-up, planned at start, must send it.
    eve = await paul.private_chat.next_bot_message(timeout=AFTER_RESTART)
    assert "Demain, c'est votre rencontre" in eve.plain_text and "M-1" in eve.plain_text

    # Once only: neither another restart nor another wake-up sends it again.
    await bot.restart()
    await bot.settle()
    await bot.tick()
    assert paul.private_chat.pending_bot_messages() == []
    assert await nudges_sent(bot, "mandate-eve") == 1


async def test_the_weekly_digest_after_a_restart_at_10_30_on_its_day_is_still_sent(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await group.add_member(paul)
    # Due far enough that no reminder falls due before the next digest.
    await marie.send(
        "/decision On demande un devis pour la porte. Paul s'en occupe d'ici le 15 décembre."
    )
    assert "mardi 15 décembre 2026" in (await marie.private_chat.next_bot_message()).plain_text
    clock_of(bot).moment = at(23, 10)
    await bot.tick()  # Monday 23, 10:00: this week's digest
    assert "Les suivis de la semaine" in (await group.next_bot_message()).plain_text

    # Down over the next digest's moment, Monday 30 at 10:00; back at 10:30.
    await bot.stop()
    clock_of(bot).moment = at(30, 10, 30)
    await bot.start()
    # No tick: the bot's own wake-up, planned at start, must send it.
    digest = await group.next_bot_message(timeout=AFTER_RESTART)
    assert "Les suivis de la semaine" in digest.plain_text and "S-1" in digest.plain_text

    await bot.restart()
    await bot.settle()
    await bot.tick()
    assert group.pending_bot_messages() == []
    assert await nudges_sent(bot, "digest") == 2  # last week's and this week's


def refs_in(message: BotMessage) -> set[int]:
    seen = message.plain_text + "\n" + "\n".join(message.button_texts)
    return {int(number) for number in FOLLOW_UP_REF.findall(seen)}


def next_page_buttons(message: BotMessage) -> list[str]:
    return [
        label
        for label in message.button_texts
        if not FOLLOW_UP_REF.match(label)
        and NEXT_PAGE.search(label)
        and not PREVIOUS_PAGE.search(label)
    ]


async def test_followups_with_60_open_items_answer_in_pages(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    chat: SandboxChat = marie.private_chat
    # A few through the real flow...
    for what, by_when in (
        ("On répare la porte du local.", "d'ici vendredi"),
        ("On affiche l'horaire de la salle communautaire.", "d'ici mardi"),
        ("On demande un devis pour le chauffage du bloc B.", "d'ici le 15 décembre"),
    ):
        await marie.send(f"/decision {what} Paul s'en occupe {by_when}.")
        assert "S-" in (await chat.next_bot_message()).plain_text
    # ...and the rest straight into storage, as months of meetings would leave them.
    committee_id = await committee_id_of(bot, marie.id)
    for n in range(4, 61):
        await bot.storage.follow_ups.create(
            committee_id,
            FollowUpDraft(
                text=f"Demander à l'office de vérifier la fenêtre du logement {n} au bloc C",
                responsible_id=paul.id,
                responsible_name="Paul",
                due_date=date(2026, 11, 24) + timedelta(days=n % 40),
                due_time=None,
            ),
            created_by=marie.id,
        )
    assert len(await bot.storage.follow_ups.open_of_committee(committee_id)) == 60

    calls_before = len(sandbox.calls)
    await marie.send("/suivis")
    await bot.settle()
    refused = [f"{c.method}: {c.error}" for c in sandbox.calls[calls_before:] if not c.ok]
    assert refused == [], "Telegram would refuse what the bot sent for /suivis"
    answers = chat.pending_bot_messages()
    assert answers, "no answer to /suivis"
    seen: set[int] = set()
    to_read = list(answers)
    pressed: set[tuple[int, int, str]] = set()
    while to_read:
        message = to_read.pop(0)
        seen |= refs_in(message)
        for label in next_page_buttons(message):
            page_key = (message.message_id, message.edits, label)
            if page_key in pressed or len(pressed) >= 20:
                continue
            pressed.add(page_key)
            known = len(chat.messages)
            await marie.press(message, label)
            await bot.settle()
            if message.edits > message.edits_seen:
                page = await chat.next_edit(message)
                to_read.append(page)  # its text now is the next page
            to_read += chat.messages[known:]

    refused = [f"{c.method}: {c.error}" for c in sandbox.calls[calls_before:] if not c.ok]
    assert refused == [], "Telegram would refuse a page of /suivis"
    assert not any("Désolé" in m.plain_text for m in chat.messages), chat.transcript()
    missing = sorted(set(range(1, 61)) - seen)
    assert missing == [], f"follow-ups nobody can reach from /suivis: {missing}"


async def test_a_reminder_to_a_deleted_group_is_marked_once_and_not_retried(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, paul, group, follow_up = await door_follow_up(sandbox, bot)  # due Friday 27
    for day in (25, 27, 28):  # heads-up, due day, overdue: all to Paul in private
        await move_to(bot, at(day, 10))
        assert "S-1" in (await paul.private_chat.next_bot_message()).plain_text
    group.delete()

    def calls_to_group(since: int) -> list[RecordedCall]:
        return [c for c in sandbox.calls[since:] if str(c.params.get("chat_id")) == str(group.id)]

    before = len(sandbox.calls)
    await move_to(bot, at(30, 10))  # the group's rung
    tried = calls_to_group(before)
    # Telegram answers as for any deleted chat; one attempt is all it takes to know.
    assert all(c.error == "Bad Request: chat not found" for c in tried), tried
    sends = [c for c in tried if c.method == "sendMessage"]
    assert len(sends) <= 1, f"{len(sends)} attempts to post in the deleted group in one go"
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and not chat.bot_present, f"the deleted group is still live: {chat}"
    states = {step: state for step, _a, state in await bot.storage.reminders.history(follow_up.id)}
    assert states["group"] not in ("pending", "sending"), states

    after_rung = len(sandbox.calls)
    await move_to(bot, at(32, 10))
    await move_to(bot, at(37, 10))  # the first weekly group reminder is due too
    assert [c.method for c in calls_to_group(after_rung)] == []
    assert group.pending_bot_messages() == []
