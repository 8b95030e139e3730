"""Requests to partners: logged in one message or step by step, a letter, a month of silence
and the relances, a lettre de relance, a partial answer that becomes follow-ups, and the old
buttons of a closed request."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from bot.domain.requests import Channel, Outcome, RequestStatus
from sandbox import BotMessage, SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, linked_group

QUEBEC = ZoneInfo("America/Toronto")
OFFICE = "Office municipal d'habitation de Québec"
DOOR = "/demande On demande à l'office de réparer la porte du local, qui ne barre plus."


def at(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=QUEBEC).astimezone(UTC)


async def move_to(bot: BotHarness, moment: datetime) -> None:
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = moment
    await bot.tick()


def said(message: BotMessage) -> str:
    """The text, with the non-breaking spaces of French typography as plain ones."""
    return message.plain_text.replace("\u00a0", " ")


def pdf_text(message: BotMessage) -> str:
    assert message.document is not None and message.document.file_name.endswith(".pdf")
    pages = PdfReader(io.BytesIO(message.document.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


async def setup(
    sandbox: SandboxServer, bot: BotHarness
) -> tuple[SandboxUser, SandboxUser, SandboxGroup, int]:
    """Marie coordinates the committee, Paul is a member; both are in its group."""
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await group.add_member(paul)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    # The weekly digest has its own tests; here the group hears of requests only.
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)
    return marie, paul, group, membership.committee.id


async def log_door(marie: SandboxUser, group: SandboxGroup) -> BotMessage:
    """Marie logs the request in one message, on Monday, November 23, 2026."""
    await marie.send(DOOR)
    card = await marie.private_chat.next_bot_message()
    announced = await group.next_bot_message()
    assert "Nouvelle demande Q-1" in announced.plain_text and OFFICE in announced.plain_text
    return card


async def type_part(person: SandboxUser, review: BotMessage, part: str, text: str) -> BotMessage:
    await person.press(review, part)
    await person.private_chat.next_bot_message()  # the question
    await person.send(text)
    return await person.private_chat.next_bot_message()  # the letter again


async def test_a_request_in_one_message_and_its_letter(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, group, committee_id = await setup(sandbox, bot)
    card = await log_door(marie, group)
    text = card.plain_text
    assert "La demande Q-1 est notée" in text and OFFICE in text
    assert "mercredi 23 décembre 2026" in text  # thirty days later
    assert "📝 Lettre" in card.button_texts and "📬 Réponse reçue" in card.button_texts
    [request] = await bot.storage.requests.of_committee(committee_id)
    assert request.partner_name == OFFICE and request.channel is None
    assert request.sent_on == date(2026, 11, 23) and request.expected_on == date(2026, 12, 23)

    await marie.press(card, "📝 Lettre")
    review = await marie.private_chat.next_edit(card)
    assert "Madame, Monsieur," in review.plain_text
    assert "À écrire, si vous voulez les voir sur la lettre" in review.plain_text
    review = await type_part(marie, review, "✏️ Adresse du comité", "12, rue des Pins, Québec")
    review = await type_part(
        marie, review, "✏️ Pour nous joindre", "comite.pins@example.org — 418 555-0101"
    )
    review = await type_part(marie, review, "✏️ Destinataire", "Mme Roy, directrice\n" + OFFICE)
    assert "À écrire" not in review.plain_text and "12, rue des Pins" in review.plain_text

    await marie.press(review, "✅ C'est final")
    final = await marie.private_chat.next_edit(review)
    assert "La lettre est finale" in final.plain_text
    printed = pdf_text(await marie.private_chat.next_bot_message())
    for expected in (
        "Association des locataires des Pins",
        "12, rue des Pins, Québec",
        "comite.pins@example.org",
        "23 novembre 2026",
        "Mme Roy, directrice",
        "Objet : On demande à l'office de réparer la porte du local, qui ne barre plus Madame",
        "Madame, Monsieur,",
        "qui ne barre plus",
        "d'ici le 23 décembre 2026",
        "Notre référence : Q-1",
        "salutations distinguées",
        "Marie",
    ):
        assert expected in printed.replace("\u00a0", " "), expected
    pasted = await marie.private_chat.next_bot_message()
    assert pasted.plain_text.startswith("À coller dans un courriel")
    assert "Notre référence" in pasted.plain_text and "12, rue des Pins" in pasted.plain_text

    # The next letter offers the committee's address again.
    await marie.send("/demande On demande au CLSC une clinique de vaccination.")
    second = await marie.private_chat.next_bot_message()
    await group.next_bot_message()
    assert "Partenaire à préciser" in second.plain_text or "partenaire" in second.plain_text
    await marie.press(second, "📝 Lettre")
    assert "12, rue des Pins" in (await marie.private_chat.next_edit(second)).plain_text


async def test_a_request_step_by_step_from_the_group(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, paul, group, committee_id = await setup(sandbox, bot)
    await paul.send("/demande", chat=group)
    listing = await group.next_bot_message()
    assert "Aucune demande n'attend de réponse" in listing.plain_text
    link = listing.find_button("Nouvelle demande (en privé)")
    assert isinstance(link.get("url"), str)
    await paul.open_link(str(link["url"]))
    chat = paul.private_chat

    partner = await chat.next_bot_message()
    assert "À quel partenaire" in partner.plain_text
    await paul.press(partner, OFFICE)
    what = await chat.next_edit(partner)
    assert "Que demandez-vous" in what.plain_text
    await paul.send("Remplacer les tapis des logements par du plancher flottant.")
    how = await chat.next_bot_message()
    await paul.press(how, "Par courriel")
    when = await chat.next_edit(how)
    await paul.press(when, next(b for b in when.button_texts if b.startswith("Hier")))
    to_whom = await chat.next_edit(when)
    assert "À qui" in to_whom.plain_text
    await paul.send("M. Gagnon, responsable de l'entretien")
    expected = await chat.next_bot_message()
    assert "Pour quand attendez-vous une réponse" in expected.plain_text
    await paul.press(expected, next(b for b in expected.button_texts if "30 jours" in b))
    card = await chat.next_edit(expected)
    assert "La demande Q-1 est notée" in card.plain_text
    assert "Demandée par courriel, le dimanche 22 novembre 2026" in card.plain_text
    assert "M. Gagnon" in card.plain_text and "Responsable : Paul" in said(card)
    assert "Nouvelle demande Q-1" in (await group.next_bot_message()).plain_text

    [request] = await bot.storage.requests.of_committee(committee_id)
    assert request.channel is Channel.EMAIL and request.sent_on == date(2026, 11, 22)
    assert request.expected_on == date(2026, 12, 22)
    assert request.responsible_id == paul.id

    # « Edit » one part: its question again, then the card.
    await paul.press(card, "Modifier")
    menu = await chat.next_edit(card)
    await paul.press(menu, "Réponse attendue pour")
    question = await chat.next_edit(menu)
    assert "Pour quand" in question.plain_text
    await paul.send("15 janvier")
    changed = await chat.next_bot_message()
    assert "C'est modifié" in changed.plain_text and "15 janvier 2027" in changed.plain_text

    # The group's list shows it by partner, with days waiting.
    await paul.send("/demande", chat=group)
    listing = await group.next_bot_message()
    assert OFFICE in listing.plain_text and "Q-1" in listing.plain_text
    assert "1 jour" in listing.plain_text


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
    assert "Qu'a répondu" in outcome.plain_text
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


async def test_a_closed_request_refuses_its_old_buttons(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, paul, group, committee_id = await setup(sandbox, bot)
    card = await log_door(marie, group)
    await marie.press(card, "Fermer")
    confirm = await marie.private_chat.next_edit(card)
    await marie.press(confirm, "Oui, la fermer")
    closed = await marie.private_chat.next_edit(confirm)
    assert "Q-1 est fermée" in closed.plain_text

    [request] = await bot.storage.requests.of_committee(committee_id)
    for action in ("letter", "answer", "edit", "close"):
        refused = await marie.press_data(f"req:{action}:{request.id}", message=closed)
        assert refused.show_alert and "Cette demande est fermée" in (refused.text or "")
    for action in ("pause", "relanced", "rletter"):
        refused = await marie.press_data(f"req:{action}:{request.id}", message=closed)
        assert refused.show_alert and "a changé depuis" in (refused.text or "")
    outsider = sandbox.world.add_user("Zoé")
    await outsider.send("/start")
    await outsider.private_chat.next_bot_message()
    forged = await outsider.press_data(f"req:answer:{request.id}")
    assert forged.show_alert and "ne fonctionne plus" in (forged.text or "")

    still = await bot.storage.requests.get(request.id)
    assert still is not None and still.status is RequestStatus.CLOSED
    assert await bot.storage.requests.events(request.id) == []
    # A closed request is nudged no more.
    await move_to(bot, at(2026, 12, 24, 10))
    assert marie.private_chat.pending_bot_messages() == []
    del paul


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


async def test_a_quick_decision_becomes_a_request(sandbox: SandboxServer, bot: BotHarness) -> None:
    marie, _paul, group, committee_id = await setup(sandbox, bot)
    await marie.send("/decision On demande à l'office de réparer la porte du local.")
    logged = await marie.private_chat.next_bot_message()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    decisions = await bot.storage.decisions.between(
        committee_id, at(2026, 11, 1, 0), at(2026, 12, 1, 0)
    )
    [decision] = decisions
    await marie.press_data(f"req:fromdec:{decision.id}", message=logged)
    card = await marie.private_chat.next_bot_message()
    assert "La demande Q-1 est notée" in card.plain_text and OFFICE in card.plain_text
    await group.next_bot_message()
    # Pressed again: the same request, not a second one.
    await marie.press_data(f"req:fromdec:{decision.id}", message=logged)
    again = await marie.private_chat.next_bot_message()
    assert "déjà la demande Q-1" in again.plain_text
    assert len(await bot.storage.requests.of_committee(committee_id)) == 1
    del membership


async def test_a_request_about_a_partnership_objective(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, group, committee_id = await setup(sandbox, bot)
    clsc = await bot.storage.partnerships.start(
        committee_id, "health", "CLSC de Limoilou", marie.id
    )
    await bot.storage.partnerships.set_field(clsc.id, "contact_person", "Mme Nadeau", marie.id)
    objective = await bot.storage.partnerships.add_objective(
        clsc.id, "Une clinique de vaccination au local", marie.id
    )
    await marie.send("/aide")
    await marie.private_chat.next_bot_message()
    await marie.press_data(f"req:fromobj:{clsc.id}:{objective.id}")
    what = await marie.private_chat.next_bot_message()
    assert "Que demandez-vous à CLSC de Limoilou" in what.plain_text
    await marie.send("Une clinique de vaccination contre la grippe au local, en novembre.")
    how = await marie.private_chat.next_bot_message()
    await marie.press(how, "En réunion")
    when = await marie.private_chat.next_edit(how)
    await marie.send("le 20 novembre")
    to_whom = await marie.private_chat.next_bot_message()
    await marie.press(to_whom, "Mme Nadeau")  # the partnership's contact
    expected = await marie.private_chat.next_edit(to_whom)
    await marie.press(expected, next(b for b in expected.button_texts if "15 jours" in b))
    card = await marie.private_chat.next_edit(expected)
    assert "Demandée en réunion, le vendredi 20 novembre 2026" in card.plain_text
    assert "5 décembre 2026" in card.plain_text
    [request] = await bot.storage.requests.of_committee(committee_id)
    assert request.partnership_id == clsc.id and request.objective_id == objective.id
    assert request.addressed_to == "Mme Nadeau"
    assert "CLSC de Limoilou" in (await group.next_bot_message()).plain_text
    del when


async def test_the_doors_for_the_summary_the_agenda_the_office_and_the_exports(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    from bot.i18n import translator
    from conversations.requests import entry

    marie, _paul, group, committee_id = await setup(sandbox, bot)
    await log_door(marie, group)
    await marie.send("/demande On demande à la Ville de Québec un banc devant l'entrée.")
    await marie.private_chat.next_bot_message()
    await group.next_bot_message()
    committee = await bot.storage.committees.get(committee_id)
    assert committee is not None
    tr = translator("fr_CA")
    today = date(2026, 12, 30)
    lines = await entry.without_answer_lines(bot.storage, committee, tr, today)
    assert lines[0] == "<b>Demandes sans réponse</b>" and len(lines) == 3
    assert "Q-1" in lines[1] and "en retard" in lines[1]
    office = await entry.for_office(bot.storage, committee)
    assert [r.number for r in office] == [1]
    assert await entry.agenda(bot.storage, committee_id) == []
    month = await entry.in_period(bot.storage, committee_id, date(2026, 11, 1), date(2026, 12, 1))
    assert [r.number for r in month] == [1, 2]
    assert entry.markdown_lines(tr, month, today)[0] == "## Demandes aux partenaires"
