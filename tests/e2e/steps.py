"""Steps people take again and again in end-to-end tests, done as they would do them."""

from __future__ import annotations

from sandbox import BotMessage, SandboxGroup, SandboxUser, World


async def create_committee(
    user: SandboxUser, name: str = "Association des locataires des Pins"
) -> None:
    """Walks the whole wizard, as from the « create » link of a group's /start."""
    chat = user.private_chat
    await user.send("/start new")
    await chat.next_bot_message()
    await user.send(name)
    kind_question = await chat.next_bot_message()
    await user.press(kind_question, "Association de locataires")
    await chat.next_edit(kind_question)
    await user.send("Office municipal d'habitation de Québec")
    done = await chat.next_bot_message()
    assert "C'est fait" in done.plain_text


async def invitation_link(coordinator: SandboxUser) -> str:
    """The coordinator asks for an invitation link from /start and copies it."""
    chat = coordinator.private_chat
    await coordinator.send("/start")
    home = await chat.next_bot_message()
    await coordinator.press(home, "Inviter des membres")
    invitation = await chat.next_bot_message()
    links = [w for w in invitation.plain_text.split() if w.startswith("https://t.me/")]
    assert len(links) == 1, invitation.plain_text
    return links[0]


async def join(person: SandboxUser, link: str, inviter: SandboxUser) -> None:
    """The person opens the link; both see the bot's messages about it."""
    await person.open_link(link)
    assert "Bienvenue" in (await person.private_chat.next_bot_message()).plain_text
    assert person.first_name in (await inviter.private_chat.next_bot_message()).plain_text


async def committee_with_members(
    world: World, coordinator: str, *members: str
) -> tuple[SandboxUser, list[SandboxUser]]:
    """A committee created by `coordinator`, joined by `members` through one invitation."""
    lead = world.add_user(coordinator)
    await create_committee(lead)
    people = [world.add_user(name) for name in members]
    if people:
        link = await invitation_link(lead)
        for person in people:
            await join(person, link, lead)
    return lead, people


async def linked_group(world: World, coordinator: SandboxUser, title: str) -> SandboxGroup:
    """The coordinator makes a group, adds the bot and links it with /start."""
    group = world.add_group(title, creator=coordinator)
    await group.add_bot(by=coordinator)
    await group.next_bot_message()
    await coordinator.send("/start", chat=group)
    assert "est maintenant relié" in (await group.next_bot_message()).plain_text
    return group


async def name_coordinator(coordinator: SandboxUser, person: SandboxUser) -> None:
    """The coordinator opens « Membres et coordination » and names `person`, who is told."""
    chat = coordinator.private_chat
    await coordinator.send("/parametres")
    settings = await chat.next_bot_message()
    await coordinator.press(settings, "Membres et coordination")
    members = await chat.next_edit(settings)
    name = " ".join(filter(None, (person.first_name, person.last_name)))
    await coordinator.press(members, f"{name} : confier la coordination")
    await chat.next_edit(members)
    if person.started and not person.blocked:
        assert "coordination" in (await person.private_chat.next_bot_message()).plain_text


async def add_member_without_telegram(coordinator: SandboxUser, name: str) -> BotMessage:
    """From « Membres et coordination », the coordinator adds someone by name; returns the
    members' view that follows."""
    chat = coordinator.private_chat
    await coordinator.send("/parametres")
    settings = await chat.next_bot_message()
    await coordinator.press(settings, "Membres et coordination")
    members = await chat.next_edit(settings)
    await coordinator.press(members, "Ajouter un membre sans Telegram")
    question = await chat.next_bot_message()
    assert "sans Telegram" in question.plain_text
    await coordinator.send(name)
    return await chat.next_bot_message()
