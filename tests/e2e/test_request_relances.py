"""Tenacity: a month of silence, the relance reminders in daytime, a lettre de relance, the
agenda; a pause; a partial answer whose promises become follow-ups."""

from __future__ import annotations

from datetime import date

from bot.domain.requests import Outcome, RequestStatus
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.request_steps import (
    at,
    log_door,
    move_to,
    pdf_text,
    said,
    setup,
)


async def test_a_month_of_silence_brings_relances_a_lettre_de_relance_then_the_agenda(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, group, committee_id = await setup(sandbox, bot)
    await log_door(marie, group)
    await move_to(bot, at(2026, 12, 23, 18))  # the expected day itself: nothing yet
    assert marie.private_chat.pending_bot_messages() == []

    await move_to(bot, at(2026, 12, 24, 10))
    reminder = await marie.private_chat.next_bot_message()
    assert "Toujours pas de réponse à Q-1" in reminder.plain_text
    assert reminder.button_texts == [
        "📞 J'ai relancé",
        "📬 Réponse reçue",
        "✉️ Lettre de relance",
        "⏸ Mettre en pause",
    ]
    await marie.press(reminder, "📞 J'ai relancé")
    noted = await marie.private_chat.next_edit(reminder)
    assert "relancée aujourd'hui" in noted.plain_text
    assert "jeudi 7 janvier 2027" in noted.plain_text  # two weeks for the partner

    await move_to(bot, at(2027, 1, 6, 10))
    assert marie.private_chat.pending_bot_messages() == []
    await move_to(bot, at(2027, 1, 7, 10))
    second = await marie.private_chat.next_bot_message()
    assert "Encore aucune réponse à Q-1" in second.plain_text
    await marie.press(second, "✉️ Lettre de relance")
    review = await marie.private_chat.next_edit(second)
    assert "Lettre de relance pour Q-1" in review.plain_text
    await marie.press(review, "✅ C'est final")
    await marie.private_chat.next_edit(review)
    printed = pdf_text(await marie.private_chat.next_bot_message())
    for expected in (
        "Objet : Relance : notre demande Q-1 du 23 novembre 2026",
        "Le 23 novembre 2026, nous vous avons adressé la demande suivante",
        "(notre référence : Q-1)",
        "réparer la porte du local",
        "Nous n'avons pas encore reçu de réponse",
        "d'ici le 21 janvier 2027",
    ):
        assert expected in printed.replace("\u00a0", " "), expected
    await marie.private_chat.next_bot_message()  # the text to paste

    # The letter was a relance: two more weeks, then the committee hears it in its group.
    await move_to(bot, at(2027, 1, 20, 10))
    assert group.pending_bot_messages() == []
    await move_to(bot, at(2027, 1, 21, 10))
    escalated = await group.next_bot_message()
    assert "Q-1" in escalated.plain_text and "CCR" in escalated.plain_text
    assert "conseil d'administration de l'office" in escalated.plain_text
    assert "Marie" in escalated.plain_text
    await marie.send("/demande")
    listing = await marie.private_chat.next_bot_message()
    assert "Pour la prochaine réunion" in listing.plain_text

    # Nothing more after the whole ladder.
    await move_to(bot, at(2027, 3, 1, 10))
    assert group.pending_bot_messages() == [] and marie.private_chat.pending_bot_messages() == []
    [request] = await bot.storage.requests.of_committee(committee_id)
    kinds = [e.kind for e in await bot.storage.requests.events(request.id)]
    assert kinds == ["relance_1", "relanced", "relance_2", "relanced", "escalate"]


async def test_relances_wait_for_daytime_and_come_once_after_a_restart(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, group, committee_id = await setup(sandbox, bot)
    await log_door(marie, group)
    await bot.stop()
    assert isinstance(bot.clock, ManualClock)
    # Down from Monday, November 23 to Saturday, December 26 at 23:00: the relance was due
    # on the 24th. At night it waits; in the morning it comes, once.
    bot.clock.moment = at(2026, 12, 26, 23)
    await bot.start()
    await bot.tick()
    assert marie.private_chat.pending_bot_messages() == []
    await move_to(bot, at(2026, 12, 27, 9))
    reminder = await marie.private_chat.next_bot_message()
    assert "Toujours pas de réponse à Q-1" in reminder.plain_text
    await bot.restart()
    await bot.tick()
    await move_to(bot, at(2027, 1, 9, 10))
    assert marie.private_chat.pending_bot_messages() == []
    # The next rung counts from the day the first one really went out.
    await move_to(bot, at(2027, 1, 10, 10))
    assert "Encore aucune réponse" in (await marie.private_chat.next_bot_message()).plain_text
    [request] = await bot.storage.requests.of_committee(committee_id)
    sent = [(e.kind, e.on) for e in await bot.storage.requests.events(request.id)]
    assert sent == [("relance_1", date(2026, 12, 27)), ("relance_2", date(2027, 1, 10))]


async def test_pause_and_take_up_again(sandbox: SandboxServer, bot: BotHarness) -> None:
    marie, _paul, group, committee_id = await setup(sandbox, bot)
    card = await log_door(marie, group)
    pause = str(card.find_button("⏸ Mettre en pause")["callback_data"])
    await marie.press(card, "⏸ Mettre en pause")
    paused = await marie.private_chat.next_edit(card)
    assert "est en pause" in paused.plain_text
    again = await marie.press_data(pause, message=paused)  # pressed again, from another screen
    assert again.show_alert and "a changé depuis" in (again.text or "")
    await move_to(bot, at(2026, 12, 28, 10))
    assert marie.private_chat.pending_bot_messages() == []

    await marie.press(paused, "▶️ Reprendre")
    resumed = await marie.private_chat.next_edit(paused)
    assert "Q-1 est reprise" in resumed.plain_text
    await move_to(bot, at(2027, 1, 3, 10))  # a week of grace after taking it up again
    assert marie.private_chat.pending_bot_messages() == []
    await move_to(bot, at(2027, 1, 4, 10))
    assert "Q-1" in (await marie.private_chat.next_bot_message()).plain_text
    del committee_id


async def test_a_partial_answer_becomes_two_follow_ups(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, paul, group, committee_id = await setup(sandbox, bot)
    await log_door(marie, group)
    await paul.send("/demande")
    listing = await paul.private_chat.next_bot_message()
    await paul.press(listing, listing.button_texts[0])
    card = await paul.private_chat.next_edit(listing)

    await paul.press(card, "📬 Réponse reçue")
    outcome = await paul.private_chat.next_edit(card)
    assert "Quelle réponse avez-vous reçue" in outcome.plain_text
    await paul.press(outcome, "Acceptée en partie")
    day = await paul.private_chat.next_edit(outcome)
    await paul.press(day, next(b for b in day.button_texts if b.startswith("Aujourd'hui")))
    note = await paul.private_chat.next_edit(day)
    assert "En quelques mots" in note.plain_text
    await paul.send("La porte oui, le verrou plus tard")
    answered = await paul.private_chat.next_bot_message()
    assert "C'est noté : Acceptée en partie" in said(answered)
    told = await group.next_bot_message()
    assert "Réponse à Q-1" in told.plain_text and "La porte oui" in told.plain_text

    await paul.press(answered, "Noter un engagement (suivi)")
    await paul.private_chat.next_bot_message()
    await paul.send("Réparer la porte du local")
    await paul.private_chat.next_bot_message()  # by when?
    await paul.send("le 15 décembre")
    first = await paul.private_chat.next_bot_message()
    assert "Suivi S-1 noté" in first.plain_text and "15 décembre 2026" in first.plain_text
    await paul.press(first, "Un autre engagement")
    await paul.private_chat.next_bot_message()
    await paul.send("Poser un nouveau verrou")
    by_when = await paul.private_chat.next_bot_message()
    await paul.press(by_when, "Pas de date")
    second = await paul.private_chat.next_bot_message()
    assert "Suivi S-2 noté" in second.plain_text
    await paul.press(second, "C'est tout")
    final_card = await paul.private_chat.next_edit(second)
    assert "Ce que le partenaire a promis" in final_card.plain_text
    assert "S-1" in final_card.plain_text and "S-2" in final_card.plain_text

    [request] = await bot.storage.requests.of_committee(committee_id)
    assert request.status is RequestStatus.ANSWERED and request.outcome is Outcome.PARTLY
    follow_ups = [
        await bot.storage.follow_ups.get(i)
        for i in await bot.storage.requests.follow_up_ids(request.id)
    ]
    assert [f.text for f in follow_ups if f] == [
        "Q-1 — Réparer la porte du local",
        "Q-1 — Poser un nouveau verrou",
    ]
    door = follow_ups[0]
    assert door is not None and door.due_date == date(2026, 12, 15)
    assert door.responsible_id == marie.id  # the request's responsible member checks it
    assert await bot.storage.reminders.history(door.id)  # its reminders are planned
    # An answered request is nudged no more (only its promises are, as follow-ups).
    await move_to(bot, at(2026, 12, 24, 10))
    assert await bot.storage.requests.events(request.id) == []
    assert all("Q-1 —" in m.plain_text for m in marie.private_chat.pending_bot_messages())
