"""The committee's group: linking it, who may link it, members joining and leaving."""

from __future__ import annotations

from bot.domain.entities import Role
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import create_committee, invitation_link, join


async def test_a_coordinator_links_the_group_and_members_follow(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)
    group = sandbox.world.add_group("Locataires des Pins", creator=marie)

    jean = sandbox.world.add_user("Jean")
    await group.add_member(jean)  # in the group before it is linked: not tracked yet
    await group.add_bot(by=marie)
    greeting = await group.next_bot_message()
    assert "/start" in greeting.plain_text

    await marie.send("/start", chat=group)
    linked = await group.next_bot_message()
    assert "est maintenant relié" in linked.plain_text
    assert "Association des locataires des Pins" in linked.plain_text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and chat.committee_id == membership.committee.id

    # Someone already in the group says /start: they become a member.
    assert await bot.storage.committees.membership(membership.committee.id, jean.id) is None
    await jean.send("/start", chat=group)
    welcome = await group.next_bot_message()
    assert "Jean" in welcome.plain_text
    jean_membership = await bot.storage.committees.membership(membership.committee.id, jean.id)
    assert jean_membership is not None and jean_membership.role is Role.MEMBER

    # Joining the group is enough; leaving it removes a plain member.
    luc = sandbox.world.add_user("Luc")
    await group.add_member(luc)
    await bot.settle()
    assert await bot.storage.committees.membership(membership.committee.id, luc.id) is not None
    await group.remove_member(luc)
    await bot.settle()
    assert await bot.storage.committees.membership(membership.committee.id, luc.id) is None


async def test_only_a_coordinator_links_a_group_and_admins_gain_no_role(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)
    bob = sandbox.world.add_user("Bob")
    await join(bob, await invitation_link(marie), inviter=marie)
    group = sandbox.world.add_group("Groupe de Bob", creator=marie)
    await group.add_member(bob)
    await group.add_bot(by=marie)
    await group.next_bot_message()

    await bob.send("/start", chat=group)
    refused = await group.next_bot_message()
    assert "Seule une personne qui coordonne" in refused.plain_text
    assert await bot.storage.chats.get(group.id) is None

    # Administering the group changes nothing: the committee's roles are the committee's.
    group.set_status(bob, "administrator")
    await bob.send("/start", chat=group)
    assert "Seule une personne" in (await group.next_bot_message()).plain_text
    assert await bot.storage.chats.get(group.id) is None
    [membership] = await bot.storage.committees.memberships_of(bob.id)
    assert membership.role is Role.MEMBER

    # Named coordinator by Marie, Bob links it.
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    await marie.press(settings, "Membres et coordination")
    members = await marie.private_chat.next_edit(settings)
    await marie.press(members, "Bob : confier la coordination")
    await bob.private_chat.next_bot_message()
    await bob.send("/start", chat=group)
    assert "est maintenant relié" in (await group.next_bot_message()).plain_text


async def test_a_coordinator_of_two_committees_chooses_which_one_the_group_is_for(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie, "Comité des Pins")
    await create_committee(marie, "Comité des Érables")
    group = sandbox.world.add_group("Les Érables", creator=marie)
    await group.add_bot(by=marie)
    await group.next_bot_message()

    await marie.send("/start", chat=group)
    question = await group.next_bot_message()
    assert set(question.button_texts) == {"Comité des Érables", "Comité des Pins"}
    assert await bot.storage.chats.get(group.id) is None
    await marie.press(question, "Comité des Érables")
    assert "Comité des Érables" in (await group.next_bot_message()).plain_text
    chat = await bot.storage.chats.get(group.id)
    erables = [
        m.committee.id
        for m in await bot.storage.committees.memberships_of(marie.id)
        if m.committee.name == "Comité des Érables"
    ]
    assert chat is not None and [chat.committee_id] == erables

    # The old question links nothing a second time.
    again = await marie.press(question, "Comité des Pins")
    assert again.show_alert
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and [chat.committee_id] == erables


async def test_start_in_a_group_by_someone_without_a_committee(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    zoe = sandbox.world.add_user("Zoé")
    group = sandbox.world.add_group("Voisins", creator=zoe)
    await group.add_bot(by=zoe)
    await group.next_bot_message()
    await zoe.send("/start", chat=group)
    answer = await group.next_bot_message()
    assert "aucun comité" in answer.plain_text
    url = answer.url_for("Créer le comité en privé")
    assert url is not None and url.endswith("?start=new")


async def test_the_bot_removed_from_a_group_is_remembered(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)
    group = sandbox.world.add_group("Locataires", creator=marie)
    await group.add_bot(by=marie)
    await group.next_bot_message()
    await marie.send("/start", chat=group)
    await group.next_bot_message()

    await group.remove_bot(by=marie)
    await bot.settle()
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and chat.bot_present is False
