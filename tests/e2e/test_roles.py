"""Roles: only a coordinator links a group, group admins gain nothing, coordinators are named."""

from __future__ import annotations

from bot.domain.entities import Role
from sandbox import SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, linked_group


async def _known(user: SandboxUser) -> SandboxUser:
    """A person who already talked to the bot (so the bot knows them)."""
    await user.send("/start")
    await user.private_chat.next_bot_message()
    return user


async def test_a_member_cannot_make_herself_coordinator_with_her_own_group(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, [annie] = await committee_with_members(sandbox.world, "Marie", "Annie")
    [membership] = await bot.storage.committees.memberships_of(annie.id)
    committee_id = membership.committee.id

    # Annie creates her own group (she is its owner), adds the bot and types /start.
    group = sandbox.world.add_group("Le groupe d'Annie", creator=annie)
    bob = await _known(sandbox.world.add_user("Bob"))
    await group.add_member(bob)
    await group.add_bot(by=annie)
    await group.next_bot_message()
    await annie.send("/start", chat=group)
    refused = await group.next_bot_message()
    assert "Seule une personne qui coordonne" in refused.plain_text
    assert await bot.storage.chats.get(group.id) is None
    annie_membership = await bot.storage.committees.membership(committee_id, annie.id)
    assert annie_membership is not None and annie_membership.role is Role.MEMBER

    # People of her group do not become members of the committee.
    await bob.send("/start", chat=group)
    await group.next_bot_message()
    assert await bot.storage.committees.memberships_of(bob.id) == []

    # And the settings stay closed to her.
    await annie.send("/parametres")
    closed = await annie.private_chat.next_bot_message()
    assert "Seule une personne qui coordonne" in closed.plain_text


async def test_being_admin_of_the_linked_group_gives_no_role(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [jean] = await committee_with_members(sandbox.world, "Marie", "Jean")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    # The bot administers the group, so it sees every change of status.
    group.set_bot_status("administrator", by=marie)
    await bot.settle()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id

    await group.add_member(jean)
    group.set_status(jean, "administrator")
    await bot.settle()
    jean_membership = await bot.storage.committees.membership(committee_id, jean.id)
    assert jean_membership is not None and jean_membership.role is Role.MEMBER

    # Someone the bot knows who joins as an administrator is a plain member too.
    lina = await _known(sandbox.world.add_user("Lina"))
    await group.add_member(lina, "administrator")
    await bot.settle()
    lina_membership = await bot.storage.committees.membership(committee_id, lina.id)
    assert lina_membership is not None and lina_membership.role is Role.MEMBER

    # Neither may change the settings.
    await jean.send("/parametres")
    assert "Seule une personne" in (await jean.private_chat.next_bot_message()).plain_text


async def test_a_coordinator_names_another_and_the_role_is_never_left_empty(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id

    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    await marie.press(settings, "Membres et coordination")
    members = await marie.private_chat.next_edit(settings)
    text = members.plain_text
    assert "Marie" in text and "Paul" in text

    # Marie is the only one who coordinates: she cannot leave the role empty.
    refused = await marie.press(members, "Quitter la coordination")
    assert refused.show_alert and refused.text is not None
    assert "seule personne qui coordonne" in refused.text
    still = await bot.storage.committees.membership(committee_id, marie.id)
    assert still is not None and still.role is Role.COORDINATOR

    # She names Paul; Paul is told in private.
    name_paul = members.callback_data_for("Paul : confier la coordination")
    await marie.press(members, "Paul : confier la coordination")
    named = await marie.private_chat.next_edit(members)
    assert "Paul" in named.plain_text
    paul_membership = await bot.storage.committees.membership(committee_id, paul.id)
    assert paul_membership is not None and paul_membership.role is Role.COORDINATOR
    told = await paul.private_chat.next_bot_message()
    assert "Marie" in told.plain_text and "coordination" in told.plain_text

    # Then she gives her role up, after saying yes once.
    await marie.press(named, "Quitter la coordination")
    question = await marie.private_chat.next_edit(named)
    assert "Paul" in question.plain_text
    await marie.press(question, "Oui, quitter la coordination")
    await marie.private_chat.next_edit(question)
    marie_membership = await bot.storage.committees.membership(committee_id, marie.id)
    assert marie_membership is not None and marie_membership.role is Role.MEMBER

    # Paul, now alone, finds the members from his home screen and cannot leave either.
    await paul.send("/start")
    home = await paul.private_chat.next_bot_message()
    await paul.press(home, "Membres")
    view = await paul.private_chat.next_edit(home)
    alone = await paul.press(view, "Quitter la coordination")
    assert alone.show_alert and "seule personne qui coordonne" in (alone.text or "")

    # A member who is no longer coordinator cannot name anyone with an old button.
    stale = await marie.press_data(name_paul, message=named)
    assert stale.show_alert and "Seule une personne qui coordonne" in (stale.text or "")
