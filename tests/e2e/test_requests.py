"""Requests to partners: logged in one message or step by step, from a decision or a
partnership's objective; a letter reviewed part by part; the old buttons of a closed request;
the doors other features use."""

from __future__ import annotations

from datetime import date

from bot.domain.requests import Channel, RequestStatus
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.request_steps import (
    OFFICE,
    at,
    log_door,
    move_to,
    pdf_text,
    said,
    setup,
    type_part,
)


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
    assert "Partenaire\u00a0: CLSC de Limoilou" in what.plain_text
    assert "Que demandez-vous à ce partenaire" in what.plain_text
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
    month = await entry.in_period(
        bot.storage, committee, tr, date(2026, 11, 1), date(2026, 12, 1), today=today
    )
    assert [r.ref for r in month] == ["Q-1", "Q-2"]
    assert month[0].state == "Sans réponse depuis 37 jours — en retard"
