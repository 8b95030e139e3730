"""/oublier: the person's id and name leave the database file, their questions in progress end,
and the bot does not record them again until they use it themselves."""

from __future__ import annotations

from pathlib import Path

from bot.domain.entities import Role
from sandbox import SandboxServer, SandboxUser, World
from tests.e2e.harness import BotHarness
from tests.e2e.steps import (
    committee_with_members,
    invitation_link,
    join,
    linked_group,
    name_coordinator,
)

# Distinctive, so that finding them in the raw bytes of the file cannot be a coincidence.
ZOE_ID = 7_412_365_987
ZOE_FIRST = "Zéphirine"
ZOE_LAST = "Okonkwo-Laflamme"
ZOE_USERNAME = "zephirine_okl"


def add_zoe(world: World) -> SandboxUser:
    return world.add_user(ZOE_FIRST, last_name=ZOE_LAST, username=ZOE_USERNAME, user_id=ZOE_ID)


def traces(path: Path) -> list[str]:
    """What of Zoé is left in the database file and its write-ahead log, byte for byte."""
    needles = {
        "id as text": str(ZOE_ID).encode(),
        # SQLite stores this integer in 6 bytes, big-endian (8 when it is a REAL or a key).
        "id as 6 bytes": ZOE_ID.to_bytes(6, "big"),
        "id as 8 bytes": ZOE_ID.to_bytes(8, "big"),
        "first name": ZOE_FIRST.encode(),
        "last name": ZOE_LAST.encode(),
        "username": ZOE_USERNAME.encode(),
    }
    found = []
    for file in (path, path.with_name(path.name + "-wal")):
        content = file.read_bytes() if file.exists() else b""
        found += [f"{what} in {file.name}" for what, n in needles.items() if n in content]
    return found


async def forget(person: SandboxUser) -> tuple[str, str]:
    """The person types /oublier and says yes; the question and the answer, as read."""
    chat = person.private_chat
    await person.send("/oublier")
    question = await chat.next_bot_message()
    await person.press(question, "Oui, effacer mes données")
    done = await chat.next_edit(question)
    return question.plain_text, done.plain_text


async def test_forget_leaves_no_trace_of_the_person_in_the_database_file(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [_paul] = await committee_with_members(world, "Marie", "Paul")
    zoe = add_zoe(world)
    await join(zoe, await invitation_link(marie), inviter=marie)
    await name_coordinator(marie, zoe)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id

    # As coordinator, Zoé makes a link and links her own group.
    await invitation_link(zoe)
    group = world.add_group("Les voisins de Zoé", creator=zoe)
    await group.add_bot(by=zoe)
    await group.next_bot_message()
    await zoe.send("/start", chat=group)
    assert "est maintenant relié" in (await group.next_bot_message()).plain_text

    # She logs a decision; Marie makes her responsible for a follow-up.
    await zoe.send("/decision On achète des chaises pour le local.")
    await zoe.private_chat.next_bot_message()
    await marie.send("/decision On affiche l'horaire du local.")
    logged = await marie.private_chat.next_bot_message()
    await marie.press(logged, "Ajouter un suivi")
    with_follow_up = await marie.private_chat.next_edit(logged)
    await marie.press(with_follow_up, "Changer la personne")
    people = await marie.private_chat.next_edit(with_follow_up)
    await marie.press(people, f"{ZOE_FIRST} {ZOE_LAST}")
    await marie.private_chat.next_edit(people)

    # And she leaves a question open: a new committee's name, typed, its kind not yet chosen.
    await zoe.send("/start new")
    await zoe.private_chat.next_bot_message()
    await zoe.send("Comité secret")
    kind_question = await zoe.private_chat.next_bot_message()
    # A restart writes everything into the file itself, as happens over time.
    await bot.restart()
    assert traces(bot.database_path)  # the test would see her if she were there

    question, done = await forget(zoe)
    assert "Ce qui reste" in question
    assert "Ce qui reste" in done and "sans votre nom" in done
    await bot.settle()

    assert traces(bot.database_path) == []
    storage = bot.storage
    assert await storage.people.get(ZOE_ID) is None
    assert await storage.committees.memberships_of(ZOE_ID) == []
    [follow_up] = await storage.follow_ups.open_of_committee(committee_id)
    assert follow_up.responsible_id is None
    assert follow_up.responsible_name == "(personne retirée)"
    assert await storage.chats.get(group.id) is not None  # the group stays the committee's
    marie_left = await storage.committees.membership(committee_id, marie.id)
    assert marie_left is not None and marie_left.role is Role.COORDINATOR

    # Her question in progress is over: the old button creates nothing.
    pressed = await zoe.press(kind_question, "Association de locataires")
    assert pressed.text == "Ce bouton ne fonctionne plus."
    await zoe.send("/annuler")
    assert "Rien à annuler" in (await zoe.private_chat.next_bot_message()).plain_text
    assert await storage.committees.memberships_of(ZOE_ID) == []
    # Pressing a button is using the bot: she is recorded again, with nothing else.
    assert await storage.people.get(ZOE_ID) is not None


async def test_a_question_in_progress_does_not_come_back_after_a_restart(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    zoe = add_zoe(sandbox.world)
    await zoe.send("/start new")
    await zoe.private_chat.next_bot_message()
    await zoe.send("Comité secret")
    kind_question = await zoe.private_chat.next_bot_message()

    await forget(zoe)
    await bot.restart()

    pressed = await zoe.press(kind_question, "Association de locataires")
    assert pressed.text == "Ce bouton ne fonctionne plus."
    await zoe.send("/annuler")
    assert "Rien à annuler" in (await zoe.private_chat.next_bot_message()).plain_text
    assert await bot.storage.committees.memberships_of(ZOE_ID) == []


async def test_others_do_not_record_a_forgotten_person_again(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [] = await committee_with_members(world, "Marie")
    group = await linked_group(world, marie, "Locataires des Pins")
    group.set_bot_status("administrator", by=marie)  # it sees every change of status
    zoe = add_zoe(world)
    await zoe.send("/start")
    await zoe.private_chat.next_bot_message()
    await group.add_member(zoe)
    await bot.settle()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    assert await bot.storage.committees.membership(membership.committee.id, ZOE_ID)

    await forget(zoe)
    await group.remove_member(zoe)
    await bot.settle()
    assert await bot.storage.people.get(ZOE_ID) is None

    # Marie adds her back to the group: the bot does not record her for that.
    await group.add_member(zoe, by=marie)
    await bot.settle()
    assert await bot.storage.people.get(ZOE_ID) is None
    assert traces(bot.database_path) == []

    # When she speaks to the bot herself, she is recorded, and a member again.
    await zoe.send("/start", chat=group)
    await group.next_bot_message()
    assert await bot.storage.people.get(ZOE_ID) is not None
    assert await bot.storage.committees.membership(membership.committee.id, ZOE_ID)


async def test_the_last_coordinator_is_told_who_will_coordinate_after_them(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, lina] = await committee_with_members(sandbox.world, "Marie", "Paul", "Lina")
    [membership] = await bot.storage.committees.memberships_of(marie.id)

    await marie.send("/oublier")
    question = await marie.private_chat.next_bot_message()
    # The member who has been there longest would take the role; she may name someone first.
    assert "Paul" in question.plain_text
    assert "Membres" in question.button_texts
    await marie.press(question, "Oui, effacer mes données")
    await marie.private_chat.next_edit(question)
    paul_membership = await bot.storage.committees.membership(membership.committee.id, paul.id)
    assert paul_membership is not None and paul_membership.role is Role.COORDINATOR
    told = await paul.private_chat.next_bot_message()
    assert "coordination" in told.plain_text
    lina_membership = await bot.storage.committees.membership(membership.committee.id, lina.id)
    assert lina_membership is not None and lina_membership.role is Role.MEMBER
