"""The yearly priorities: residents propose through the box, the committee groups and ranks,
the list is printed and becomes the positions of the yearly mandate."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from bot.domain.priorities import ConsultationStatus
from conversations.priorities.results import priorities_as_positions
from sandbox import BotMessage, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.residents_steps import box_link, said, write_to_box
from tests.e2e.steps import committee_with_members, linked_group

QUEBEC = ZoneInfo("America/Toronto")


def button_starting(message: BotMessage, start: str) -> str:
    return next(label for label in message.button_texts if label.startswith(start))


async def propose(person: SandboxUser, url: str, text: str) -> None:
    await person.open_link(url)
    opened = await person.private_chat.next_bot_message()
    assert "priorités des locataires pour 2027" in opened.plain_text
    await person.send(text)
    assert (await person.private_chat.next_bot_message()).plain_text.startswith("Reçu.")


async def test_from_the_box_to_the_ranked_list_and_the_mandate(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul, luc] = await committee_with_members(world, "Marie", "Paul", "Luc")
    group = await linked_group(world, marie, "Locataires des Pins")
    for member in (paul, luc):
        await group.add_member(member)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id
    await bot.storage.committees.update_settings(
        committee_id, office_meeting_month=1, digest_enabled=0
    )

    # Before any consultation, a box message becomes a priority, kept for the next one.
    url = await box_link(marie)
    await write_to_box(world.add_user("Ginette"), url, "Déneiger le trottoir devant l'entrée")
    await paul.send("/boite")
    box = await paul.private_chat.next_bot_message()
    await paul.press(box, button_starting(box, "B-1"))
    item = await paul.private_chat.next_edit(box)
    await paul.press(item, "⭐ Ajouter aux priorités")
    assert (
        "Gardé pour la prochaine consultation"
        in (await paul.private_chat.next_bot_message()).plain_text
    )

    # December 1st at 10:00, a month before the January meeting: the group is invited.
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = datetime(2026, 12, 1, 10, 1, tzinfo=QUEBEC).astimezone(UTC)
    await bot.tick()
    office = await group.next_bot_message()  # the meetings feature's own reminder
    assert "La rencontre annuelle avec l'office est prévue en janvier" in office.plain_text
    invitation = await group.next_bot_message()
    assert "C'est le moment de demander aux locataires leurs priorités pour 2027" in (
        invitation.plain_text
    )
    refused = await paul.press(invitation, "Ouvrir la consultation pour 2027")
    assert refused.show_alert and "coordonne" in (refused.text or "")
    await marie.press(invitation, "Ouvrir la consultation pour 2027")
    announced = await group.next_bot_message()
    assert "La consultation sur les priorités des locataires pour 2027 est ouverte" in (
        announced.plain_text
    )
    link = announced.url_for("Proposer une priorité (anonyme)")
    assert link is not None and "?start=prio-" in link
    opened = await group.next_edit(invitation)
    assert "Reçues : 1" in said(opened)  # the one kept joined at once
    preview = await group.next_bot_message()
    assert "Quelles sont vos priorités pour 2027?" in preview.plain_text

    for name, text in (
        ("Jean", "Déneiger les trottoirs l'hiver, c'est dangereux"),
        ("Rita", "Une salle communautaire ouverte le soir"),
        ("Ahmed", "Réparer l'ascenseur plus vite"),
        ("Nadia", "Plus d'éclairage dans le stationnement"),
    ):
        await propose(world.add_user(name), link, text)

    # The committee groups the two about snow, in its own words.
    await marie.send("/priorites")
    proposals = await marie.private_chat.next_bot_message()
    assert "Reçues : 5, en 5 groupes" in said(proposals)
    await marie.press(proposals, button_starting(proposals, "P-2"))
    p2 = await marie.private_chat.next_edit(proposals)
    await marie.press(p2, "Regrouper avec une autre…")
    targets = await marie.private_chat.next_edit(p2)
    await marie.press(targets, button_starting(targets, "P-1"))
    p1 = await marie.private_chat.next_edit(targets)
    assert "Regroupées avec elle" in said(p1) and "P-2" in p1.plain_text
    await marie.press(p1, "La formuler dans les mots du comité")
    await marie.private_chat.next_bot_message()
    await marie.send("Déneiger les trottoirs et l'entrée tout l'hiver")
    reworded = await marie.private_chat.next_bot_message()
    assert "Dans les mots du comité" in said(reworded)
    await marie.press(reworded, "« Retour aux propositions")
    proposals = await marie.private_chat.next_edit(reworded)
    assert "Reçues : 5, en 4 groupes" in said(proposals)

    # The vote, in the group: up to three each.
    await marie.press(proposals, "Ouvrir le vote")
    ballot = await group.next_bot_message()
    assert "1. Déneiger les trottoirs et l'entrée tout l'hiver (demandée 2 fois)" in (
        ballot.plain_text
    )
    choices = ballot.button_texts[:4]
    assert [c[:2] for c in choices] == ["1.", "2.", "3.", "4."]
    for choice in (choices[0], choices[2]):
        await marie.press(ballot, choice)
    for choice in choices[:3]:
        await paul.press(ballot, choice)
    full = await paul.press(ballot, choices[3])
    assert full.show_alert and "déjà choisi trois" in (full.text or "")
    await luc.press(ballot, choices[3])
    taken_back = await luc.press(ballot, choices[3])
    assert "Choix retiré" in (taken_back.text or "")
    mine = await luc.press(ballot, choices[0])
    assert mine.text == "Vos choix\u00a0: 1 (1 sur 3)."
    await bot.settle()
    assert "Choix faits jusqu'ici : 6, par 3 membres." in said(ballot)
    assert "choix —" not in ballot.plain_text  # no ranking shown before the end
    not_yours = await luc.press(ballot, "Clore le vote (coordination)")
    assert not_yours.show_alert

    pick = ballot.callback_data_for(choices[1])
    await marie.press(ballot, "Clore le vote (coordination)")
    results = await group.next_bot_message()
    lines = said(results).splitlines()
    assert lines[0] == "Les priorités des locataires pour 2027"
    assert lines[2:6] == [
        "1. Déneiger les trottoirs et l'entrée tout l'hiver — 3 choix",
        "2. Réparer l'ascenseur plus vite — 2 choix",
        "3. Une salle communautaire ouverte le soir — 1 choix",
        "4. Plus d'éclairage dans le stationnement — 0 choix",
    ]
    assert "Le vote est terminé." in (await group.next_edit(ballot)).plain_text
    late = await paul.press_data(pick, message=ballot)
    assert late.show_alert and "Le vote n'est pas ouvert." in (late.text or "")

    # The ranked list becomes the mandate's positions, and prints for the lobby and the office.
    assert await priorities_as_positions(bot.storage, committee_id, 2027) == [
        "Déneiger les trottoirs et l'entrée tout l'hiver",
        "Réparer l'ascenseur plus vite",
        "Une salle communautaire ouverte le soir",
    ]
    await marie.press(results, "En faire le mandat de la rencontre annuelle")
    pointer = (
        await group.next_bot_message()
    )  # prepared in private (tests/e2e/test_priorities_to_mandate.py)
    assert pointer.url_for("Préparer le mandat en privé") is not None
    await marie.press(results, "Imprimer la liste (PDF)")
    sheet = await group.next_bot_message()
    assert sheet.document is not None
    page = PdfReader(io.BytesIO(sheet.document.content)).pages[0]
    printed = " ".join(page.extract_text().split())
    assert printed.startswith("Les priorités des locataires pour 2027")
    assert printed.index("1. Déneiger") < printed.index("2. Réparer") < printed.index("4. Plus")
    assert "P-1" not in printed and "Marie" not in printed
    assert len(page.images) == 1  # the box (no public channel linked)


async def test_only_a_coordinator_opens_and_a_year_is_chosen_when_the_month_is_unknown(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    await paul.send("/priorites")
    seen = await paul.private_chat.next_bot_message()
    assert "Une personne qui coordonne le comité ouvre la consultation" in seen.plain_text
    assert seen.button_texts == []
    await marie.send("/priorites")
    menu = await marie.private_chat.next_bot_message()
    assert menu.button_texts == [
        "Ouvrir la consultation pour 2026",
        "Ouvrir la consultation pour 2027",
    ]
    open_2027 = menu.callback_data_for("Ouvrir la consultation pour 2027")
    await marie.press(menu, "Ouvrir la consultation pour 2027")
    opened = await marie.private_chat.next_edit(menu)
    assert "Aucune proposition pour l'instant." in opened.plain_text
    assert "Ouvrir le vote" not in opened.button_texts  # nothing to vote on yet
    await marie.private_chat.next_bot_message()  # the preview for the residents
    # An old « Open » pressed again opens nothing twice.
    await marie.press_data(open_2027, message=opened)
    assert "déjà en cours" in (await marie.private_chat.next_edit(opened)).plain_text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    consultation = await bot.storage.priorities.in_progress(membership.committee.id)
    assert consultation is not None and consultation.status is ConsultationStatus.COLLECTING
    assert await priorities_as_positions(bot.storage, membership.committee.id, 2027) == []
