"""A person in several committees always knows which one they are writing to, and the active
committee changes only when they choose it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.entities import Decision
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import create_committee, invitation_link, join, linked_group


async def decisions_of(bot: BotHarness, committee_id: int) -> list[Decision]:
    start, end = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    return await bot.storage.decisions.between(committee_id, start, end)


def header(text: str) -> str:
    """The first line of a message, spaces made plain."""
    return text.replace("\u00a0", " ").split("\n", 1)[0]


async def test_a_decision_names_the_committee_when_the_person_has_two(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    nadia = world.add_user("Nadia")
    await create_committee(nadia, "Comité des Pins")
    marie = world.add_user("Marie")
    await create_committee(marie, "Comité des Érables")

    # Nadia joins the Érables: still working on the Pins, and told so, with a way to switch.
    await nadia.open_link(await invitation_link(marie))
    welcome = await nadia.private_chat.next_bot_message()
    await marie.private_chat.next_bot_message()
    assert "Comité des Pins" in welcome.plain_text
    assert "Comité des Érables" in welcome.plain_text
    assert welcome.button_texts == ["Travailler sur le nouveau comité"]
    committees = {
        m.committee.name: m.committee.id
        for m in await bot.storage.committees.memberships_of(nadia.id)
    }
    person = await bot.storage.people.get(nadia.id)
    assert person is not None and person.active_committee_id == committees["Comité des Pins"]

    # Her decision's confirmation names the committee it went to.
    await nadia.send("/decision On change la serrure du local.")
    logged = await nadia.private_chat.next_bot_message()
    assert header(logged.plain_text) == "Comité : Comité des Pins"
    [pins_decision] = await decisions_of(bot, committees["Comité des Pins"])
    assert pins_decision.text == "On change la serrure du local."
    # So does the answer to a button under it.
    await nadia.press(logged, "Ajouter un suivi")
    edited = await nadia.private_chat.next_edit(logged)
    assert header(edited.plain_text) == "Comité : Comité des Pins"

    # She chooses the Érables: from then on her decisions go there, and say so.
    await nadia.press(welcome, "Travailler sur le nouveau comité")
    await nadia.private_chat.next_edit(welcome)
    await nadia.send("/decision On invite la conseillère municipale.")
    logged = await nadia.private_chat.next_bot_message()
    assert header(logged.plain_text) == "Comité : Comité des Érables"

    # Marie, in one committee only, reads no such line.
    await marie.send("/decision On garde le local ouvert le samedi.")
    assert "Comité :" not in (await marie.private_chat.next_bot_message()).plain_text


async def test_a_wizard_names_the_committee_it_was_started_for(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    nadia = world.add_user("Nadia")
    await create_committee(nadia, "Comité des Pins")
    marie = world.add_user("Marie")
    await create_committee(marie, "Comité des Érables")
    await join(nadia, await invitation_link(marie), inviter=marie)

    # A decision typed in two steps: the question and the confirmation both name it.
    await nadia.send("/decision")
    question = await nadia.private_chat.next_bot_message()
    assert header(question.plain_text) == "Comité : Comité des Pins"
    await nadia.send("On repeint la salle commune.")
    logged = await nadia.private_chat.next_bot_message()
    assert header(logged.plain_text) == "Comité : Comité des Pins"

    # A meeting, step by step: each step knows the committee the wizard was started for.
    chat = nadia.private_chat
    await nadia.send("/reunion")
    menu = await chat.next_bot_message()
    await nadia.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    assert header(when.plain_text) == "Comité : Comité des Pins"
    today = next(label for label in when.button_texts if label.startswith("Aujourd'hui"))
    await nadia.press(when, today)
    kind = await chat.next_edit(when)
    assert header(kind.plain_text) == "Comité : Comité des Pins"
    await nadia.press(kind, "« Retour")
    again = await chat.next_edit(kind)
    assert header(again.plain_text) == "Comité : Comité des Pins"


async def test_with_no_active_committee_remembered_the_bot_asks_which(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie = world.add_user("Marie")
    await create_committee(marie, "Comité A")
    group = await linked_group(world, marie, "Groupe A")
    nadia = world.add_user("Nadia")
    await join(nadia, await invitation_link(marie), inviter=marie)
    for name in ("Comité B", "Comité C"):
        lead = world.add_user(f"Coordination {name[-1]}")
        await create_committee(lead, name)
        await nadia.open_link(await invitation_link(lead))
        await nadia.private_chat.next_bot_message()
        await lead.private_chat.next_bot_message()
    # She leaves the group of A, her active committee: she leaves A, and none is active.
    await group.add_member(nadia)
    await group.remove_member(nadia)
    await bot.settle()
    person = await bot.storage.people.get(nadia.id)
    assert person is not None and person.active_committee_id is None

    await nadia.send("/start")
    home = await nadia.private_chat.next_bot_message()
    assert "Sur quel comité" in home.plain_text
    assert home.button_texts == ["Comité B", "Comité C"]

    await nadia.send("/decision On achète une tondeuse.")
    asked = await nadia.private_chat.next_bot_message()
    assert "quel comité" in asked.plain_text
    assert asked.button_texts == ["Comité B", "Comité C"]
    for membership in await bot.storage.committees.memberships_of(nadia.id):
        assert await decisions_of(bot, membership.committee.id) == []

    await nadia.press(asked, "Comité C")
    chosen = await nadia.private_chat.next_edit(asked)
    assert "Comité C" in chosen.plain_text
    await nadia.send("/decision On achète une tondeuse.")
    logged = await nadia.private_chat.next_bot_message()
    assert header(logged.plain_text) == "Comité : Comité C"
