"""People without Telegram: a coordinator adds them by name; they attend meetings, are named
on actions (their reminders go to the group, or to a member who agreed to relay), and vote by
proxy, the tally saying by whom."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sandbox import BotMessage, SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.residents_steps import said
from tests.e2e.steps import add_member_without_telegram, committee_with_members, linked_group
from tests.e2e.test_mandate import draft_mandate
from tests.e2e.test_priorities import propose

QUEBEC = ZoneInfo("America/Toronto")


async def committee_with_group(
    sandbox: SandboxServer, *members: str
) -> tuple[SandboxUser, list[SandboxUser], SandboxGroup]:
    marie, others = await committee_with_members(sandbox.world, "Marie", *members)
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    for person in others:
        await group.add_member(person)
    return marie, others, group


async def meeting_with_an_action(marie: SandboxUser, action: str) -> BotMessage:
    """Marie records today's committee meeting: M. Roy present, one action; no next date."""
    chat = marie.private_chat
    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    await marie.press(when, when.button_texts[0])
    kind = await chat.next_edit(when)
    await marie.press(kind, "Réunion du comité")
    attendees = await chat.next_edit(kind)
    assert "M. Roy (sans Telegram)" in attendees.button_texts
    await marie.press(attendees, "M. Roy (sans Telegram)")
    attendees = await chat.next_edit(attendees)
    assert "✓ M. Roy (sans Telegram)" in attendees.button_texts
    await marie.press(attendees, "Terminé")
    decisions = await chat.next_edit(attendees)
    await marie.press(decisions, "Terminé")
    actions = await chat.next_edit(decisions)
    await marie.send(action)
    saved = await chat.next_bot_message()
    await marie.press(saved, "Terminé")
    last = await chat.next_edit(saved)
    await marie.press(last, "Pas encore fixée")
    del actions
    return await chat.next_edit(last)


async def test_a_member_without_telegram_attends_and_is_named_on_an_action(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul], group = await committee_with_group(sandbox, "Paul")
    members = await add_member_without_telegram(marie, "M. Roy")
    assert "Sans Telegram : M. Roy" in said(members)
    # The same name twice is one person.
    await marie.press(members, "Ajouter un membre sans Telegram")
    await marie.private_chat.next_bot_message()
    await marie.send("m. roy")
    assert "déjà un membre de ce nom" in (await marie.private_chat.next_bot_message()).plain_text

    minutes = await meeting_with_an_action(
        marie, "Distribuer les avis dans les boîtes, Roy, d'ici vendredi"
    )
    text = said(minutes)
    assert "Présences : Marie, M. Roy" in text
    assert "Distribuer les avis dans les boîtes — M. Roy — vendredi 27 novembre 2026" in text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [meeting] = await bot.storage.meetings.recent(membership.committee.id)
    assert [a.name for a in await bot.storage.meetings.attendees(meeting.id)] == [
        "Marie",
        "M. Roy",
    ]
    [action] = await bot.storage.follow_ups.of_meeting(meeting.id)
    assert action.responsible_id is None and action.responsible_name == "M. Roy"
    del paul, group


async def test_their_reminders_go_to_the_group_naming_them_or_to_a_member_who_relays(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul], group = await committee_with_group(sandbox, "Paul")
    members = await add_member_without_telegram(marie, "M. Roy")
    await meeting_with_an_action(marie, "Distribuer les avis, M. Roy, d'ici vendredi")
    await group.next_bot_message()  # the compte rendu
    assert isinstance(bot.clock, ManualClock)

    # No one relays: the heads-up goes to the group, naming him.
    bot.clock.moment = datetime(2026, 11, 25, 10, 1, tzinfo=QUEBEC).astimezone(UTC)
    await bot.tick()
    heads_up = await group.next_bot_message()
    assert "Petit rappel" in heads_up.plain_text
    assert "Responsable : M. Roy" in said(heads_up)
    assert "✅ Fait" in heads_up.button_texts

    # Marie asks Paul to relay; nothing changes until Paul agrees.
    await marie.press(members, "M. Roy (sans Telegram)")
    roy = await marie.private_chat.next_edit(members)
    assert "Ses rappels vont au groupe, avec son nom." in said(roy)
    await marie.press(roy, "Choisir qui lui transmet ses rappels")
    relays = await marie.private_chat.next_edit(roy)
    await marie.press(relays, "Paul")
    asked = await marie.private_chat.next_edit(relays)
    assert "J'ai demandé à Paul" in asked.plain_text
    question = await paul.private_chat.next_bot_message()
    assert "transmettre à M. Roy les rappels" in question.plain_text
    forged = await marie.press_data(question.callback_data_for("D'accord, je transmets"))
    assert forged.show_alert  # only Paul can say yes for Paul
    await paul.press(question, "D'accord, je transmets")
    thanks = await paul.private_chat.next_edit(question)
    assert "Merci" in thanks.plain_text

    # The reminder of the day goes to Paul, in private, for M. Roy; not to the group.
    bot.clock.moment = datetime(2026, 11, 27, 10, 1, tzinfo=QUEBEC).astimezone(UTC)
    await bot.tick()
    relayed = await paul.private_chat.next_bot_message()
    assert "Pour M. Roy" in relayed.plain_text and "C'est aujourd'hui" in relayed.plain_text
    assert "✅ Fait" in relayed.button_texts
    assert group.pending_bot_messages() == []
    await paul.press(relayed, "✅ Fait")
    assert "Bravo M. Roy" in (await group.next_bot_message()).plain_text


async def test_a_coordinator_votes_by_proxy_and_the_tally_says_by_whom(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, rose], group = await committee_with_group(sandbox, "Paul", "Rose")
    await add_member_without_telegram(marie, "M. Roy")
    review = await draft_mandate(marie, "Paul")
    await marie.press(review, "Soumettre au vote du groupe")
    await marie.private_chat.next_edit(review)
    vote = await group.next_bot_message()
    assert "aucun vote pour l'instant" in said(vote)
    assert "Vote par procuration (coordination)" in vote.button_texts

    refused = await paul.press(vote, "Vote par procuration (coordination)")
    assert refused.show_alert and "coordonne" in (refused.text or "")
    await marie.press(vote, "Vote par procuration (coordination)")
    whom = await marie.private_chat.next_bot_message()
    assert "Vote par procuration sur le mandat M-1" in whom.plain_text
    await marie.press(whom, "M. Roy")
    choice = await marie.private_chat.next_edit(whom)
    await marie.press(choice, "Contre")
    recorded = await marie.private_chat.next_edit(choice)
    assert "M. Roy : Contre" in said(recorded)
    vote = await group.next_edit(vote)
    assert "Pour 0 · Contre 1 · Abstention 0" in vote.plain_text
    assert "Par procuration : M. Roy (Contre), enregistré par Marie" in said(vote)

    # One vote per member still holds: recorded again, it replaces the first.
    again = await marie.press(recorded, "Pour")
    assert again.text is not None and "Pour" in again.text
    vote = await group.next_edit(vote)
    assert "Pour 1 · Contre 0 · Abstention 0" in vote.plain_text
    assert "1 membre sur 4 a voté" in said(vote)  # M. Roy counts

    await marie.press(vote, "Pour")
    vote = await group.next_edit(vote)
    await paul.press(vote, "Pour")
    vote = await group.next_edit(vote)
    await rose.press(vote, "Contre")  # the last of the four: the vote closes
    closed = await group.next_edit(vote)
    assert "Adopté." in closed.plain_text
    assert "Par procuration : M. Roy (Pour), enregistré par Marie" in said(closed)
    late = await marie.press(recorded, "Contre")
    assert late.show_alert and "Le vote est terminé." in (late.text or "")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [mandate] = await bot.storage.mandates.of_committee(membership.committee.id)
    assert mandate.tally == (3, 1, 0)


async def test_a_coordinator_records_the_priorities_picked_by_a_member_without_telegram(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul], group = await committee_with_group(sandbox, "Paul")
    await add_member_without_telegram(marie, "M. Roy")
    await marie.send("/priorites")
    menu = await marie.private_chat.next_bot_message()
    await marie.press(menu, "Ouvrir la consultation pour 2027")
    await marie.private_chat.next_edit(menu)
    announced = await group.next_bot_message()
    await marie.private_chat.next_bot_message()  # the preview for the residents
    link = announced.url_for("Proposer une priorité (anonyme)")
    assert link is not None
    for name, text in (("Jean", "Réparer l'ascenseur"), ("Rita", "Un jardin communautaire")):
        await propose(sandbox.world.add_user(name), link, text)
    await marie.send("/priorites")
    proposals = await marie.private_chat.next_bot_message()
    await marie.press(proposals, "Ouvrir le vote")
    ballot = await group.next_bot_message()
    assert "Choix par procuration (coordination)" in ballot.button_texts

    refused = await paul.press(ballot, "Choix par procuration (coordination)")
    assert refused.show_alert and "coordonne" in (refused.text or "")
    await marie.press(ballot, "Choix par procuration (coordination)")
    whom = await marie.private_chat.next_bot_message()
    assert "pour quel membre sans Telegram" in whom.plain_text
    await marie.press(whom, "M. Roy")
    picks = await marie.private_chat.next_edit(whom)
    assert "Les choix de M. Roy" in picks.plain_text
    await marie.press(picks, "2. Un jardin communautaire")
    picks = await marie.private_chat.next_edit(picks)
    assert "✓ 2. Un jardin communautaire" in picks.button_texts
    ballot = await group.next_edit(ballot)
    assert "Choix faits jusqu'ici : 1, par 1 membres." in said(ballot)

    await paul.press(ballot, "1. Réparer l'ascenseur")
    await group.next_edit(ballot)
    await marie.press(ballot, "Clore le vote (coordination)")
    results = await group.next_bot_message()
    assert "Un jardin communautaire — 1 choix" in said(results)
    assert "2 membres ont choisi." in said(results)


async def test_a_follow_up_is_given_to_them_and_they_leave_with_their_name_kept(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul], _group = await committee_with_group(sandbox, "Paul")
    members = await add_member_without_telegram(marie, "M. Roy")
    chat = marie.private_chat
    await marie.send("/decision On affiche l'horaire de la salle.")
    logged = await chat.next_bot_message()
    await marie.press(logged, "Ajouter un suivi")
    logged = await chat.next_edit(logged)
    await marie.press(logged, "Changer la personne")
    people = await chat.next_edit(logged)
    await marie.press(people, "M. Roy (sans Telegram)")
    assert "M. Roy" in (await chat.next_edit(people)).plain_text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert (follow_up.responsible_id, follow_up.responsible_name) == (None, "M. Roy")

    # Removed from the committee (asked once): what names him stays as written.
    await marie.press(members, "M. Roy (sans Telegram)")
    roy = await chat.next_edit(members)
    await marie.press(roy, "Retirer du comité")
    confirm = await chat.next_edit(roy)
    await marie.press(confirm, "Oui, retirer")
    after = await chat.next_edit(confirm)
    assert "Sans Telegram" not in said(after)
    assert await bot.storage.named_members.of_committee(membership.committee.id) == []
    kept = await bot.storage.follow_ups.get(follow_up.id)
    assert kept is not None and kept.responsible_name == "M. Roy"
