"""What people do before a benchmark measures anything: a committee, its members, its group,
a vote. Done through the sandbox as a person would (the same steps as tests/e2e/steps.py)."""

from __future__ import annotations

from sandbox import BotMessage, SandboxGroup, SandboxUser, World


async def create_committee(user: SandboxUser, name: str) -> None:
    chat = user.private_chat
    await user.send("/start new")
    await chat.next_bot_message()
    await user.send(name)
    kind_question = await chat.next_bot_message()
    await user.press(kind_question, "Association de locataires")
    await chat.next_edit(kind_question)
    await user.send("Office municipal d'habitation de Québec")
    done = await chat.next_bot_message()
    if "C'est fait" not in done.plain_text:
        raise RuntimeError(f"the wizard did not finish: {done.plain_text!r}")


async def committee_with_group(
    world: World, coordinator: str, *members: str
) -> tuple[SandboxUser, list[SandboxUser], SandboxGroup]:
    """A committee, joined by `members` through an invitation link, with a linked group
    everyone is in."""
    lead = world.add_user(coordinator)
    await create_committee(lead, "Association des locataires des Pins")
    chat = lead.private_chat
    await lead.send("/start")
    home = await chat.next_bot_message()
    await lead.press(home, "Inviter des membres")
    invitation = await chat.next_bot_message()
    [link] = [w for w in invitation.plain_text.split() if w.startswith("https://t.me/")]
    people = [world.add_user(name) for name in members]
    for person in people:
        await person.open_link(link)
        await person.private_chat.next_bot_message()
        await chat.next_bot_message()
    group = world.add_group("Locataires des Pins", creator=lead)
    await group.add_bot(by=lead)
    await group.next_bot_message()
    await lead.send("/start", chat=group)
    await group.next_bot_message()
    for person in people:
        await group.add_member(person)
    return lead, people, group


async def open_vote(lead: SandboxUser, group: SandboxGroup, representative: str) -> BotMessage:
    """The coordinator drafts a mandate for a meeting with the office and puts it to the
    group's vote; the vote's message in the group."""
    chat = lead.private_chat
    await lead.send("/mandat")
    menu = await chat.next_bot_message()
    await lead.press(menu, "Nouveau mandat")
    who = await chat.next_edit(menu)
    await lead.press(who, representative)
    partner = await chat.next_edit(who)
    await lead.press(partner, "Un autre partenaire")
    await chat.next_edit(partner)
    await lead.send("Office municipal d'habitation de Québec")
    await chat.next_bot_message()
    await lead.send("jeudi à 14 h")
    await chat.next_bot_message()
    await lead.send(
        "La porte du local doit être réparée ce mois-ci\nRencontre annuelle en janvier"
    )
    latitude = await chat.next_bot_message()
    await lead.press(latitude, "Rien sans le comité")
    await chat.next_edit(latitude)
    await lead.send("Tout changement aux règlements")
    validity = await chat.next_bot_message()
    await lead.press(validity, validity.button_texts[0])
    review = await chat.next_edit(validity)
    await lead.press(review, "Soumettre au vote du groupe")
    await chat.next_edit(review)
    vote = await group.next_bot_message()
    if "Pour" not in vote.button_texts:
        raise RuntimeError(f"no vote in the group: {vote.plain_text!r}")
    return vote
