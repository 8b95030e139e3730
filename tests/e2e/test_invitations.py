"""Invitation links: who joined by which link, links that expire, joins told to coordinators."""

from __future__ import annotations

from datetime import timedelta

from sandbox import SandboxServer
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, invitation_link, name_coordinator


def token_of(link: str) -> str:
    return link.split("join-")[1]


async def test_a_coordinator_sees_who_joined_by_which_link(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    first = await invitation_link(marie)
    paul = sandbox.world.add_user("Paul")
    await paul.open_link(first)
    await paul.private_chat.next_bot_message()
    await marie.private_chat.next_bot_message()
    second = await invitation_link(marie)
    lina = sandbox.world.add_user("Lina")
    await lina.open_link(second)
    await lina.private_chat.next_bot_message()
    await marie.private_chat.next_bot_message()

    # The membership remembers its link.
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    uses = await bot.storage.invitations.of_committee(membership.committee.id)
    assert {use.invitation.token: use.joined for use in uses} == {
        token_of(first): ("Paul",),
        token_of(second): ("Lina",),
    }

    # Marie reads it in « Liens d'invitation », one line per link, newest first.
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    await marie.press(settings, "Membres et coordination")
    members = await marie.private_chat.next_edit(settings)
    await marie.press(members, "Liens d'invitation")
    links = await marie.private_chat.next_edit(members)
    text = links.plain_text.replace("\u00a0", " ")
    assert "Lien n° 2" in text and "Lien n° 1" in text
    second_part, first_part = text.split("Lien n° 1")
    assert "Lina" in second_part and "Paul" not in second_part
    assert "Paul" in first_part and "Lina" not in first_part
    assert "23 décembre 2026" in text  # valid 30 days

    # A link can be turned off from there; nobody else joins with it.
    await marie.press(links, "Désactiver le lien n° 1")
    after = await marie.private_chat.next_edit(links)
    assert "désactivé" in after.plain_text
    luc = sandbox.world.add_user("Luc")
    await luc.open_link(first)
    assert "ne fonctionne plus" in (await luc.private_chat.next_bot_message()).plain_text
    assert await bot.storage.committees.memberships_of(luc.id) == []


async def test_links_expire_after_the_delay_a_coordinator_chose(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    assert isinstance(bot.clock, ManualClock)
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    link = await invitation_link(marie)
    created = marie.private_chat.messages[-1]
    assert "23 décembre 2026" in created.plain_text  # 30 days by default

    bot.clock.advance(timedelta(days=30, minutes=1))
    paul = sandbox.world.add_user("Paul")
    await paul.open_link(link)
    expired = await paul.private_chat.next_bot_message()
    assert "expiré" in expired.plain_text
    assert await bot.storage.committees.memberships_of(paul.id) == []

    # Marie shortens the delay to 7 days: a new link works 6 days later, not 8.
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    assert "30 jours" in settings.plain_text
    await marie.press(settings, "Durée des liens")
    choices = await marie.private_chat.next_edit(settings)
    await marie.press(choices, "7 jours")
    saved = await marie.private_chat.next_edit(choices)
    assert "7 jours" in saved.plain_text
    short = await invitation_link(marie)
    bot.clock.advance(timedelta(days=6))
    await paul.open_link(short)
    assert "Bienvenue" in (await paul.private_chat.next_bot_message()).plain_text
    await marie.private_chat.next_bot_message()
    bot.clock.advance(timedelta(days=2))
    lina = sandbox.world.add_user("Lina")
    await lina.open_link(short)
    assert "expiré" in (await lina.private_chat.next_bot_message()).plain_text


async def test_each_join_is_told_to_every_coordinator_in_private(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, luc] = await committee_with_members(sandbox.world, "Marie", "Paul", "Luc")
    await name_coordinator(marie, paul)
    await name_coordinator(marie, luc)
    luc.block_bot()  # a coordinator the bot cannot reach: nothing for him, nothing breaks
    await bot.settle()

    link = await invitation_link(marie)  # the second: Paul and Luc came with the first
    lina = sandbox.world.add_user("Lina")
    await lina.open_link(link)
    assert "Bienvenue" in (await lina.private_chat.next_bot_message()).plain_text
    for coordinator in (marie, paul):
        told = await coordinator.private_chat.next_bot_message()
        assert "Lina" in told.plain_text and "invitation n° 2" in told.plain_text.replace(
            "\u00a0", " "
        )
    await bot.settle()
    assert luc.private_chat.pending_bot_messages() == []
