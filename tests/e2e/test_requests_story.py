"""Issue 12's « Done when », as one story in French: a committee asks its office to repair a
door from a quick decision, prints the letter, hears nothing for a month, is reminded, prints
the lettre de relance, records a partial answer that becomes two follow-ups, and finds the
request in /bilan and in the month's export; then its representative reports back from a
meeting with the office, position by position, and the refused one becomes a new request."""

from __future__ import annotations

import json
from datetime import date

from icalendar import Calendar

from bot.domain.requests import Channel, Outcome, RequestStatus
from sandbox import BotMessage, SandboxChat, SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.request_steps import OFFICE, at, move_to, pdf_text, said, setup

POSITIONS = (
    "Réparer la porte du local ce mois-ci",
    "Une rencontre annuelle en février",
    "Un local plus grand pour le comité",
)


async def next_saying(chat: SandboxChat, words: str, limit: int = 6) -> BotMessage:
    """The next bot message that says `words` (a reminder of a follow-up may come between)."""
    for _ in range(limit):
        message = await chat.next_bot_message()
        if words in said(message):
            return message
    raise AssertionError(f"no message saying {words!r}\n{chat.transcript()}")


async def test_a_request_to_the_office_followed_with_tenacity_then_a_report_back(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, paul, group, committee_id = await setup(sandbox, bot)
    chat = marie.private_chat

    # A quick decision that asks something of the office offers to make it a request.
    await marie.send("/decision On demande à l'office de réparer la porte du local.")
    logged = await chat.next_bot_message()
    assert "décision D-1" in said(logged)
    await marie.press(logged, "📨 En faire une demande au partenaire")
    card = await chat.next_bot_message()
    assert "La demande Q-1 est notée" in said(card) and OFFICE in said(card)
    assert "Nouvelle demande Q-1" in (await group.next_bot_message()).plain_text

    # The letter, printed.
    await marie.press(card, "📝 Lettre")
    review = await chat.next_edit(card)
    await marie.press(review, "✅ C'est final")
    await chat.next_edit(review)
    letter = pdf_text(await chat.next_bot_message()).replace("\u00a0", " ")
    assert "Objet : On demande à l'office de réparer la porte du local" in letter
    assert "Notre référence : Q-1" in letter and "23 novembre 2026" in letter
    await chat.next_bot_message()  # the same, to paste in an email

    # Thirty days of silence: the day after the expected answer, Marie is reminded.
    await move_to(bot, at(2026, 12, 23, 18))
    assert chat.pending_bot_messages() == []
    await move_to(bot, at(2026, 12, 24, 10))
    reminder = await chat.next_bot_message()
    assert "Toujours pas de réponse à Q-1" in said(reminder)

    # The lettre de relance cites the first request, its date and its number.
    await marie.press(reminder, "✉️ Lettre de relance")
    relance = await chat.next_edit(reminder)
    await marie.press(relance, "✅ C'est final")
    await chat.next_edit(relance)
    printed = pdf_text(await chat.next_bot_message()).replace("\u00a0", " ")
    assert "Relance : notre demande Q-1 du 23 novembre 2026" in printed
    await chat.next_bot_message()  # the text to paste

    # On January 5, the office answers in part: two promises, two follow-ups.
    await move_to(bot, at(2027, 1, 5, 9))
    await paul.send("/demande")
    listing = await paul.private_chat.next_bot_message()
    await paul.press(listing, listing.button_texts[0])
    card = await paul.private_chat.next_edit(listing)
    await paul.press(card, "📬 Réponse reçue")
    outcome = await paul.private_chat.next_edit(card)
    await paul.press(outcome, "Acceptée en partie")
    day = await paul.private_chat.next_edit(outcome)
    await paul.press(day, next(b for b in day.button_texts if b.startswith("Aujourd'hui")))
    await paul.private_chat.next_edit(day)
    await paul.send("La porte oui, le verrou plus tard")
    answered = await paul.private_chat.next_bot_message()
    assert "Acceptée en partie" in said(answered)
    promises = (
        ("Noter un engagement (suivi)", "Réparer la porte du local", "le 15 janvier"),
        ("Un autre engagement", "Poser un verrou", ""),
    )
    for button, promise, by_when in promises:
        await paul.press(answered, button)
        await paul.private_chat.next_bot_message()
        await paul.send(promise)
        question = await paul.private_chat.next_bot_message()
        if by_when:
            await paul.send(by_when)
        else:
            await paul.press(question, "Pas de date")
        answered = await paul.private_chat.next_bot_message()
        assert "Suivi S-" in said(answered)
    await paul.press(answered, "C'est tout")
    await paul.private_chat.next_edit(answered)
    [request] = await bot.storage.requests.of_committee(committee_id)
    assert request.status is RequestStatus.ANSWERED and request.outcome is Outcome.PARTLY
    assert len(await bot.storage.requests.follow_up_ids(request.id)) == 2

    # /bilan shows the request, its answer and what remains to verify.
    await marie.send("/bilan")
    summary = said(await next_saying(chat, "Bilan — "))
    assert "Demandes aux partenaires" in summary
    assert "Q-1" in summary and "Acceptée en partie" in summary
    assert "2 engagements à vérifier" in summary

    # The month's export carries it: PDF, Markdown, calendar and JSON.
    await marie.send("/exporter")
    menu = await next_saying(chat, "Que voulez-vous imprimer")
    await marie.press(menu, "Janvier 2027")
    pdf, markdown, ics, data = [await chat.next_bot_message() for _ in range(4)]
    sheet = pdf_text(pdf)
    assert "Demandes aux partenaires" in sheet and "Q-1" in sheet and "en partie" in sheet
    assert markdown.document is not None and data.document is not None
    text = markdown.document.content.decode()
    assert "## Demandes aux partenaires" in text and "Q-1" in text
    assert ics.document is not None
    events = Calendar.from_ical(ics.document.content).walk("VEVENT")
    summaries = [str(event.get("SUMMARY")) for event in events]
    assert any("S-1" in s for s in summaries)
    assert data.document.file_name.endswith(".json")
    exported = json.loads(data.document.content)
    [q1] = exported["requests"]
    assert q1["ref"] == "Q-1" and q1["partner"] == OFFICE
    assert q1["status"] == "answered" and q1["outcome"] == "partly"
    assert q1["sent_on"] == "2026-11-23"

    # Paul carries a mandate of three positions to the office, on Thursday, January 7.
    await marie.send("/mandat")
    mandate_menu = await next_saying(chat, "")
    await marie.press(mandate_menu, "Nouveau mandat")
    who = await chat.next_edit(mandate_menu)
    await marie.press(who, "Paul")
    partner = await chat.next_edit(who)
    await marie.press(partner, "Un autre partenaire")
    await chat.next_edit(partner)
    await marie.send(OFFICE)
    await chat.next_bot_message()
    await marie.send("jeudi à 14 h")
    await chat.next_bot_message()
    await marie.send("\n".join(POSITIONS))
    latitude = await chat.next_bot_message()
    await marie.press(latitude, "Rien sans le comité")
    await chat.next_edit(latitude)
    await marie.send("Tout changement aux règlements")
    validity = await chat.next_bot_message()
    await marie.press(validity, validity.button_texts[0])
    review = await chat.next_edit(validity)
    await marie.press(review, "Adopté en réunion aujourd'hui")
    await chat.next_edit(review)

    # After the meeting, the report-back goes position by position.
    await move_to(bot, at(2027, 1, 7, 17))
    asked = await next_saying(paul.private_chat, "Comment s'est passée la rencontre")
    await paul.press(asked, "Écrire le compte rendu")
    await paul.private_chat.next_edit(asked)
    await paul.send("Nous avons porté les trois positions du comité.")
    await paul.private_chat.next_bot_message()
    await paul.send("L'office répare la porte et accepte la rencontre; pas de plus grand local.")
    question = await paul.private_chat.next_bot_message()
    results = ("✅ Obtenue", "✅ Obtenue", "❌ Refusée")
    for position, result in zip(POSITIONS, results, strict=True):
        assert f"« {position} »" in said(question)
        await paul.press(question, result)
        question = await paul.private_chat.next_edit(question)
    agreed = question
    assert "Sur quoi vous êtes-vous entendus" in said(agreed)
    await paul.press(agreed, "Rien")
    to_decide = await paul.private_chat.next_edit(agreed)
    await paul.press(to_decide, "Rien")
    assert "publié dans le groupe" in said(await paul.private_chat.next_edit(to_decide))

    report = await next_saying(group, "Compte rendu de Paul")
    text = said(report)
    assert "Position par position" in text
    assert f"✅ {POSITIONS[0]} — obtenue" in text and f"✅ {POSITIONS[1]} — obtenue" in text
    assert f"❌ {POSITIONS[2]} — refusée" in text
    ask = f"📨 Demande : {POSITIONS[2]}"
    assert ask in [b.replace("\u00a0", " ") for b in report.button_texts]
    saved = await marie.press(report, ask)
    assert (saved.text or "").replace("\u00a0", " ") == "Noté : Q-2"
    report = await group.next_edit(report)
    assert f"❌ {POSITIONS[2]} — refusée → Q-2" in said(report)
    assert not any(POSITIONS[2][:20] in b for b in report.button_texts)

    # The mandate's card keeps the result, position by position.
    await marie.send("/mandat")
    mandates = await next_saying(chat, "mandats de votre comité")
    await marie.press(mandates, mandates.button_texts[0])
    shown = said(await chat.next_edit(mandates))
    assert "Position par position" in shown and f"❌ {POSITIONS[2]} — refusée → Q-2" in shown

    [_door, new] = await bot.storage.requests.of_committee(committee_id)
    assert new.number == 2 and new.what == POSITIONS[2]
    assert new.partner_name == OFFICE and new.channel is Channel.MEETING
    assert new.sent_on == date(2027, 1, 7) and new.responsible_id == paul.id
    assert new.mandate_id is not None and new.status is RequestStatus.WAITING
