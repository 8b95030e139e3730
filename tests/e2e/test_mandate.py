"""/mandat: drafted in private, adopted by a vote in the group, carried, reported back."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.domain.entities import MandateStatus
from sandbox import BotMessage, SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, linked_group

OFFICE = "Office municipal d'habitation de Québec"


async def draft_mandate(marie: SandboxUser, representative: str) -> BotMessage:
    """Marie prepares a mandate for a meeting with the office on Thursday at 2 pm."""
    chat = marie.private_chat
    await marie.send("/mandat")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouveau mandat")
    who = await chat.next_edit(menu)
    await marie.press(who, representative)
    partner = await chat.next_edit(who)
    await marie.press(partner, "Un autre partenaire")
    await chat.next_edit(partner)
    await marie.send(OFFICE)
    await chat.next_bot_message()
    await marie.send("jeudi à 14 h")
    await chat.next_bot_message()
    await marie.send(
        "La porte du local doit être réparée ce mois-ci\nRencontre annuelle en janvier"
    )
    latitude = await chat.next_bot_message()
    await marie.press(latitude, "Rien sans le comité")
    limits = await chat.next_edit(latitude)
    await marie.send("Tout changement aux règlements")
    validity = await chat.next_bot_message()
    assert "jeudi 26 novembre 2026" in validity.button_texts[0]
    await marie.press(validity, validity.button_texts[0])
    del limits
    return await chat.next_edit(validity)


async def setup(
    sandbox: SandboxServer,
) -> tuple[SandboxUser, list[SandboxUser], SandboxGroup]:
    marie, others = await committee_with_members(sandbox.world, "Marie", "Paul", "Rose", "Luc")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    for person in others:
        await group.add_member(person)
    return marie, others, group


async def open_vote(marie: SandboxUser, group: SandboxGroup, representative: str) -> BotMessage:
    review = await draft_mandate(marie, representative)
    assert "Positions à porter" in review.plain_text
    await marie.press(review, "Soumettre au vote du groupe")
    confirmed = await marie.private_chat.next_edit(review)
    assert "Le vote est ouvert" in confirmed.plain_text
    vote = await group.next_bot_message()
    assert "Vote sur le mandat M-1" in vote.plain_text
    assert vote.button_texts == ["Pour", "Contre", "Abstention", "Clore le vote"]
    return vote


async def test_a_mandate_adopted_by_three_members_one_changing_their_vote(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, rose, _luc], group = await setup(sandbox)
    vote = await open_vote(marie, group, "Paul")

    assert (await marie.press(vote, "Pour")).text == "Vote enregistré : Pour".replace(
        " :", "\u00a0:"
    )
    vote = await group.next_edit(vote)
    # The same choice again: saved, and the message, already right, is not edited again.
    edits = len(sandbox.calls_to("editMessageText"))
    same = await marie.press(vote, "Pour")
    assert same.text == "Vote enregistré\u00a0: Pour"
    await bot.settle()
    assert len(sandbox.calls_to("editMessageText")) == edits
    await paul.press(vote, "Contre")
    vote = await group.next_edit(vote)
    await rose.press(vote, "Pour")
    vote = await group.next_edit(vote)
    assert "Pour 2 · Contre 1 · Abstention 0" in vote.plain_text
    await paul.press(vote, "Pour")
    vote = await group.next_edit(vote)
    assert "Pour 3 · Contre 0 · Abstention 0" in vote.plain_text
    assert "3 membres sur 4" in vote.plain_text

    against = vote.callback_data_for("Contre")
    close = vote.callback_data_for("Clore le vote")
    refused = await paul.press(vote, "Clore le vote")
    assert refused.show_alert and "coordonne" in (refused.text or "")
    await marie.press(vote, "Clore le vote")
    closed = await group.next_edit(vote)
    assert "Adopté." in closed.plain_text and closed.button_texts == []
    announced = await group.next_bot_message()
    assert "M-1 est adopté" in announced.plain_text and "Paul" in announced.plain_text

    card = await paul.private_chat.next_bot_message()
    assert "carte de mandat" in card.plain_text
    assert OFFICE in card.plain_text
    assert "jeudi 26 novembre 2026 à 14 h" in card.plain_text
    assert "La porte du local doit être réparée ce mois-ci" in card.plain_text
    assert "Rien sans le comité" in card.plain_text
    assert "Pour 3" in card.plain_text and "⚠️" not in card.plain_text

    late = await rose.press_data(against, message=closed)
    assert "terminé" in (late.text or "")
    closed_again = await marie.press_data(close, message=closed)
    assert "terminé" in (closed_again.text or "")

    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [mandate] = await bot.storage.mandates.of_committee(membership.committee.id)
    assert mandate.status is MandateStatus.ADOPTED and mandate.tally == (3, 0, 0)
    votes = await bot.storage.mandates.votes(mandate.id)
    assert votes == {marie.id: "for", paul.id: "for", rose.id: "for"}

    # Any member sees the card again from /mandat.
    await rose.send("/mandat")
    menu = await rose.private_chat.next_bot_message()
    await rose.press(menu, menu.button_texts[0])
    again = await rose.private_chat.next_edit(menu)
    assert "Mandat M-1" in again.plain_text and "⚠️" not in again.plain_text


async def test_a_rejected_mandate_and_a_non_member_who_tries_to_vote(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, rose, luc], group = await setup(sandbox)
    vote = await open_vote(marie, group, "Rose")
    outsider = sandbox.world.add_user("Voisin")
    group.set_status(outsider, "member", notify=False)  # in the group, not in the committee
    answer = await outsider.press(vote, "Pour")
    # The one press check answers a non-member as for any button not theirs; nothing counted.
    assert answer.show_alert and "ne fonctionne plus" in (answer.text or "")
    assert group.pending_bot_messages() == [] and vote.edits == vote.edits_seen

    for person, choice in ((paul, "Contre"), (rose, "Pour"), (luc, "Contre")):
        await person.press(vote, choice)
        vote = await group.next_edit(vote)
    await marie.press(vote, "Abstention")
    closed = await group.next_edit(vote)  # everyone voted: closed at once
    assert "Pas adopté." in closed.plain_text
    assert "n'est pas adopté" in (await group.next_bot_message()).plain_text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [mandate] = await bot.storage.mandates.of_committee(membership.committee.id)
    assert mandate.status is MandateStatus.REJECTED and mandate.tally == (1, 2, 1)
    assert rose.private_chat.pending_bot_messages() == []  # no card


async def test_quorum_not_reached_when_the_deadline_passes_across_a_restart(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, _rose, _luc], group = await setup(sandbox)
    vote = await open_vote(marie, group, "Paul")
    await paul.press(vote, "Pour")
    vote = await group.next_edit(vote)
    await marie.press(vote, "Pour")
    vote = await group.next_edit(vote)

    # The bot is down while the deadline passes (Thursday 1 pm, one hour before the meeting).
    await bot.stop()
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = datetime(2026, 11, 26, 19, 0, tzinfo=UTC)  # 2 pm in Québec
    await bot.start()
    closed = await group.next_edit(vote, timeout=10)
    assert "quorum non atteint (2 votes, il en fallait 3)" in closed.plain_text
    assert "trop peu de votes" in (await group.next_bot_message()).plain_text

    # A second restart finds nothing left to do.
    await bot.restart()
    await bot.settle()
    assert group.pending_bot_messages() == []
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [mandate] = await bot.storage.mandates.of_committee(membership.committee.id)
    assert mandate.status is MandateStatus.REJECTED


async def test_the_representative_reports_back_after_the_meeting(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, rose, luc], group = await setup(sandbox)
    vote = await open_vote(marie, group, "Paul")
    for person in (marie, paul, rose, luc):
        await person.press(vote, "Pour")
        vote = await group.next_edit(vote)
    await group.next_bot_message()  # adopted
    await paul.private_chat.next_bot_message()  # the card

    await bot.tick()
    assert paul.private_chat.pending_bot_messages() == []  # the meeting has not happened yet
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)  # Thursday 6 pm
    await bot.tick()
    request = await paul.private_chat.next_bot_message()
    assert "Comment s'est passée la rencontre" in request.plain_text
    await bot.tick()
    assert paul.private_chat.pending_bot_messages() == []  # asked once only

    await paul.press(request, "Écrire le compte rendu")
    await paul.private_chat.next_edit(request)
    await paul.send("Nous avons demandé la réparation de la porte.")
    await paul.private_chat.next_bot_message()
    await paul.send("L'office dit que c'est prévu en décembre.")
    # Position by position: what came of each.
    question = await paul.private_chat.next_bot_message()
    text = question.plain_text.replace("\u00a0", " ")
    assert "Position 1 sur 2 : « La porte du local doit être réparée ce mois-ci »" in text
    assert question.button_texts == [
        "✅ Obtenue",
        "🌓 En partie",
        "❌ Refusée",
        "⏳ Reportée",
        "💬 Pas abordée",
    ]
    await paul.press(question, "✅ Obtenue")
    question = await paul.private_chat.next_edit(question)
    text = question.plain_text.replace("\u00a0", " ")
    assert "✅ La porte du local doit être réparée ce mois-ci — obtenue" in text
    assert "Position 2 sur 2 : « Rencontre annuelle en janvier »" in text
    await paul.press(question, "⏳ Reportée")
    agreed = await paul.private_chat.next_edit(question)
    assert "Sur quoi vous êtes-vous entendus" in agreed.plain_text
    await paul.send("Réparation de la porte avant le 15 décembre")
    await paul.private_chat.next_bot_message()
    await paul.send("Accepter ou non un nouveau règlement sur la buanderie")
    thanks = await paul.private_chat.next_bot_message()
    assert "publié dans le groupe" in thanks.plain_text

    report = await group.next_bot_message()
    assert "Compte rendu de Paul" in report.plain_text
    assert "Réparation de la porte avant le 15 décembre" in report.plain_text
    text = report.plain_text.replace("\u00a0", " ")
    assert "Position par position" in text
    assert "✅ La porte du local doit être réparée ce mois-ci — obtenue" in text
    assert "⏳ Rencontre annuelle en janvier — reportée" in text
    ask = "📨 Demande\u00a0: Rencontre annuelle en janvier"
    keep = "📌 Au prochain mandat\u00a0: Rencontre annuelle en janvier"
    decide = "Décision\u00a0: Réparation de la porte avant le 15 décembre"
    follow = "Suivi\u00a0: Accepter ou non un nouveau règlement sur la…"
    assert report.button_texts == [ask, keep, decide, follow]
    saved = await rose.press(report, decide)
    assert saved.text == "Noté\u00a0: D-1"
    report = await group.next_edit(report)
    assert report.button_texts == [ask, keep, follow]

    # The postponed position stays on the mandate for next time: once.
    kept = await luc.press(report, keep)
    assert "Gardée pour le prochain mandat" in (kept.text or "")
    report = await group.next_edit(report)
    assert "⏳ Rencontre annuelle en janvier — reportée → gardée pour le prochain mandat" in (
        report.plain_text
    )
    assert report.button_texts == [follow]
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    stored = await bot.storage.mandates.report_of(
        (await bot.storage.mandates.of_committee(membership.committee.id))[0].id
    )
    assert stored is not None
    forged = await marie.press_data(f"man:rq:{stored.id}:1", message=report)
    assert "Déjà noté" in (forged.text or "")
    assert await bot.storage.requests.of_committee(membership.committee.id) == []

    # The next mandate to the office offers it again.
    chat = marie.private_chat
    await marie.send("/mandat")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouveau mandat")
    who = await chat.next_edit(menu)
    await marie.press(who, "Paul")
    partner = await chat.next_edit(who)
    await marie.press(partner, "Un autre partenaire")
    await chat.next_edit(partner)
    await marie.send(OFFICE)
    await chat.next_bot_message()
    await marie.send("jeudi à 14 h")
    positions = await chat.next_bot_message()
    text = positions.plain_text.replace("\u00a0", " ")
    assert "Gardées du mandat M-1 pour la prochaine fois :" in text
    assert "\n• Rencontre annuelle en janvier" in text
    await marie.press(positions, "Les porter de nouveau")
    assert "seul" in (await chat.next_edit(positions)).plain_text  # may agree alone?
    rows = await bot.storage.db.fetch_all(
        "SELECT positions FROM mandates WHERE status = 'draft' AND committee_id = ?",
        (membership.committee.id,),
    )
    assert [row["positions"] for row in rows] == ['["Rencontre annuelle en janvier"]']
    again = await luc.press_data(
        f"man:rd:{report.callback_data_for(follow).split(':')[2]}:0", message=report
    )
    assert "Déjà noté" in (again.text or "")
    await luc.press(report, follow)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.text == "Accepter ou non un nouveau règlement sur la buanderie"


async def test_a_representative_out_of_reach_in_private_is_asked_in_the_group(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, rose, luc], group = await setup(sandbox)
    vote = await open_vote(marie, group, "Paul")
    for person in (marie, paul, rose, luc):
        await person.press(vote, "Pour")
        vote = await group.next_edit(vote)
    await group.next_bot_message()  # adopted
    await paul.private_chat.next_bot_message()  # the card
    paul.block_bot()
    await bot.settle()

    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)  # Thursday 6 pm
    await bot.tick()
    request = await group.next_bot_message()
    assert "Paul" in request.plain_text and "comment s'est passée" in request.plain_text
    link = request.url_for("Écrire le compte rendu")
    assert link is not None

    # Another member may not write it; Paul, back in private, may.
    await rose.open_link(link)
    assert "coordonne" in (await rose.private_chat.next_bot_message()).plain_text
    paul.unblock_bot()
    await paul.open_link(link)
    question = await paul.private_chat.next_bot_message()
    assert "Qu'avez-vous dit" in question.plain_text


async def test_concurrent_presses_give_the_right_tally(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    names = ["Paul", "Rose", "Luc", "Ana", "Omar", "Lise", "Yves"]
    marie, others = await committee_with_members(sandbox.world, "Marie", *names)
    group = await linked_group(sandbox.world, marie, "Locataires")
    for person in others:
        await group.add_member(person)
    vote = await open_vote(marie, group, "Paul")

    # Six members press at the same moment, some twice with different choices.
    presses = [person.press(vote, "Contre") for person in others[:6]]
    presses += [person.press(vote, "Pour") for person in others[:3]]
    await asyncio.gather(*presses)
    await bot.settle()

    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [mandate] = await bot.storage.mandates.of_committee(membership.committee.id)
    votes = await bot.storage.mandates.votes(mandate.id)
    assert len(votes) == 6
    counted_for = sum(1 for choice in votes.values() if choice == "for")
    counted_against = sum(1 for choice in votes.values() if choice == "against")
    assert counted_for + counted_against == 6
    assert f"Pour {counted_for} · Contre {counted_against}" in vote.plain_text
