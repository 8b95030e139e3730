"""A box message becomes committee work: an item on the agenda of the next meeting, or a
follow-up. Its writer stays unknown: the message's text is all there is."""

from __future__ import annotations

from sandbox import BotMessage, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.residents_steps import box_link, said, write_to_box
from tests.e2e.steps import committee_with_members, linked_group

WASHERS = "Les laveuses du sous-sol sont brisées depuis deux semaines."


async def open_first_item(member: SandboxUser) -> BotMessage:
    await member.send("/boite")
    box = await member.private_chat.next_bot_message()
    await member.press(box, next(b for b in box.button_texts if b.startswith("B-1")))
    return await member.private_chat.next_edit(box)


async def test_a_box_message_goes_on_the_agenda_of_the_next_meeting(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    group = await linked_group(world, marie, "Locataires des Pins")
    await write_to_box(world.add_user("Ginette"), await box_link(marie), WASHERS)

    item = await open_first_item(paul)
    await paul.press(item, "📋 À l'ordre du jour de la prochaine réunion")
    item = await paul.private_chat.next_edit(item)
    assert "C'est devenu : l'ordre du jour de la prochaine réunion" in said(item)
    assert "📋 À l'ordre du jour de la prochaine réunion" not in item.button_texts
    added = await paul.private_chat.next_bot_message()
    assert "Ajouté à l'ordre du jour de la prochaine réunion" in added.plain_text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [waiting] = await bot.storage.agenda.pending(membership.committee.id)
    assert waiting.text == WASHERS and waiting.box_item_id is not None

    # The next committee meeting takes it up: asked about, then in the compte rendu.
    chat = marie.private_chat
    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    assert "Ordre du jour de la prochaine réunion (1)" in menu.button_texts
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    await marie.press(when, when.button_texts[0])
    kind = await chat.next_edit(when)
    await marie.press(kind, "Réunion du comité")
    attendees = await chat.next_edit(kind)
    await marie.press(attendees, "Terminé")
    decisions = await chat.next_edit(attendees)
    assert "À l'ordre du jour" in decisions.plain_text and WASHERS in decisions.plain_text
    await marie.send("On appelle le réparateur des laveuses.")
    saved = await chat.next_bot_message()
    await marie.press(saved, "Terminé")
    actions = await chat.next_edit(saved)
    await marie.press(actions, "Terminé")
    last = await chat.next_edit(actions)
    await marie.press(last, "Pas encore fixée")
    minutes = await chat.next_edit(last)
    assert f"À l'ordre du jour\n{WASHERS}" in said(minutes)
    assert WASHERS in (await group.next_bot_message()).plain_text
    assert await bot.storage.agenda.pending(membership.committee.id) == []


async def test_a_box_message_becomes_a_follow_up_that_names_nobody(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    await write_to_box(world.add_user("Ginette"), await box_link(marie), WASHERS)

    item = await open_first_item(paul)
    follow_up_data = item.callback_data_for("✅ En faire un suivi")
    await paul.press(item, "✅ En faire un suivi")
    made = await paul.private_chat.next_bot_message()
    assert "S-1" in made.plain_text and "Changer la personne" in made.button_texts
    assert "Ginette" not in made.plain_text
    item = await paul.private_chat.next_edit(item)
    assert "C'est devenu : S-1" in said(item)
    again = await paul.press_data(follow_up_data, message=item)
    assert again.show_alert  # one message, one follow-up

    await paul.press(made, "Changer la personne")
    people = await paul.private_chat.next_edit(made)
    await paul.press(people, "Paul")
    await paul.private_chat.next_edit(people)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.text == WASHERS and follow_up.responsible_id == paul.id
