"""The tenants' priorities become the positions of the yearly mandate in one tap (at the
positions question, or from the results), and the compte rendu of that meeting names them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.domain.priorities import Picker
from bot.domain.residents import reply_hash
from bot.storage.repositories import Storage
from sandbox import BotMessage, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.residents_steps import said
from tests.e2e.steps import committee_with_members, linked_group

OFFICE = "Office municipal d'habitation de Québec"
QUEBEC = ZoneInfo("America/Toronto")
RANKED = ["Déneiger l'entrée tout l'hiver", "Réparer l'ascenseur plus vite"]


async def closed_consultation(storage: Storage, committee_id: int, pickers: list[int]) -> int:
    """A consultation for 2027 already ranked (the ranking itself: tests/e2e/test_priorities)."""
    consultation = await storage.priorities.open(committee_id, 2027, pickers[0])
    assert consultation is not None
    for n, text in enumerate([*RANKED, "Un banc près de la porte"]):
        await storage.box.receive(
            committee_id,
            text,
            date(2026, 11, 23),
            reply_hash(f"t{n}"),
            consultation_id=consultation.id,
            as_proposal=True,
        )
    snow, elevator, _bench = await storage.priorities.proposals(consultation.id)
    await storage.priorities.start_ranking(consultation.id)
    for person in pickers:
        await storage.priorities.toggle_pick(consultation.id, snow.id, Picker(person_id=person))
    await storage.priorities.toggle_pick(
        consultation.id, elevator.id, Picker(person_id=pickers[0])
    )
    await storage.priorities.close(consultation.id)
    return consultation.id


async def to_the_positions(marie: SandboxUser, menu: BotMessage) -> BotMessage:
    """From « Who will represent the committee? »: Paul, to the office, Thursday at 2 pm."""
    chat = marie.private_chat
    await marie.press(menu, "Paul")
    partner = await chat.next_edit(menu)
    await marie.press(partner, "Un autre partenaire")
    await chat.next_edit(partner)
    await marie.send(OFFICE)
    await chat.next_bot_message()
    await marie.send("jeudi à 14 h")
    return await chat.next_bot_message()


async def to_the_review(marie: SandboxUser, latitude: BotMessage) -> BotMessage:
    chat = marie.private_chat
    await marie.press(latitude, "Rien sans le comité")
    limits = await chat.next_edit(latitude)
    await marie.press(limits, "Passer cette question")
    validity = await chat.next_edit(limits)
    await marie.press(validity, validity.button_texts[0])
    return await chat.next_edit(validity)


async def test_at_the_positions_question_one_tap_takes_the_priorities_to_the_compte_rendu(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    await closed_consultation(bot.storage, membership.committee.id, [marie.id, paul.id])

    await marie.send("/mandat")
    menu = await marie.private_chat.next_bot_message()
    await marie.press(menu, "Nouveau mandat")
    who = await marie.private_chat.next_edit(menu)
    positions = await to_the_positions(marie, who)
    assert "positions" in positions.plain_text
    await marie.press(positions, "Les priorités des locataires pour 2027")
    latitude = await marie.private_chat.next_edit(positions)
    assert "seule" in latitude.plain_text or "seul" in latitude.plain_text
    review = await to_the_review(marie, latitude)
    text = said(review)
    assert f"• {RANKED[0]}\n• {RANKED[1]}" in text
    assert "Un banc près de la porte" not in text  # nobody picked it
    await marie.press(review, "Adopté en réunion aujourd'hui")
    await marie.private_chat.next_edit(review)
    [mandate] = await bot.storage.mandates.of_committee(membership.committee.id)
    assert list(mandate.positions) == RANKED and mandate.consultation_id is not None

    # Thursday, after the meeting with the office: its compte rendu names the priorities.
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = datetime(2026, 11, 26, 16, 0, tzinfo=QUEBEC).astimezone(UTC)
    chat = marie.private_chat
    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    await marie.press(when, when.button_texts[0])
    kind = await chat.next_edit(when)
    await marie.press(kind, "Rencontre avec l'office d'habitation")
    attendees = await chat.next_edit(kind)
    await marie.press(attendees, "Terminé")
    decisions = await chat.next_edit(attendees)
    await marie.press(decisions, "Terminé")
    actions = await chat.next_edit(decisions)
    await marie.press(actions, "Terminé")
    last = await chat.next_edit(actions)
    await marie.press(last, "Pas encore fixée")
    minutes = await chat.next_edit(last)
    lines = said(minutes).splitlines()
    heading = lines.index("Les priorités des locataires pour 2027, remises")
    assert lines[heading + 1 : heading + 3] == [f"1. {RANKED[0]}", f"2. {RANKED[1]}"]
    offer = await chat.next_bot_message()
    assert f"1. {RANKED[0]}" in offer.plain_text  # residents read them too
    assert "Les priorités des locataires pour 2027" in (await group.next_bot_message()).plain_text


async def test_from_the_results_the_yearly_mandate_starts_with_the_priorities(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    await closed_consultation(bot.storage, membership.committee.id, [marie.id, paul.id])

    await marie.send("/priorites")
    menu = await marie.private_chat.next_bot_message()
    await marie.press(menu, "Les priorités pour 2027")
    results = await marie.private_chat.next_bot_message()
    await marie.press(results, "En faire le mandat de la rencontre annuelle")
    who = await marie.private_chat.next_edit(results)
    assert "Qui va représenter le comité?" in who.plain_text
    assert "Les priorités des locataires pour 2027 seront les positions" in who.plain_text
    latitude = await to_the_positions(marie, who)  # the positions are not asked again
    review = await to_the_review(marie, latitude)
    assert f"• {RANKED[0]}\n• {RANKED[1]}" in said(review)

    # From the group, the results lead to the private chat, where the mandate is prepared.
    await group.add_member(paul)
    await paul.send("/priorites", chat=group)
    menu = await group.next_bot_message()
    await paul.press(menu, "Les priorités pour 2027")
    results = await group.next_bot_message()
    await paul.press(results, "En faire le mandat de la rencontre annuelle")
    pointer = await group.next_bot_message()
    link = pointer.url_for("Préparer le mandat en privé")
    assert link is not None
    await paul.open_link(link)
    who = await paul.private_chat.next_bot_message()
    assert "Qui va représenter le comité?" in who.plain_text
    assert "Les priorités des locataires pour 2027 seront les positions" in who.plain_text
