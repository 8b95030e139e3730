"""A newcomer creates a committee, invites people, and the wizard survives a restart."""

from __future__ import annotations

from bot.domain.entities import CommitteeKind, Role
from conversations.committees.buttons import Revoke
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import create_committee, invitation_link, join


async def test_newcomer_creates_a_committee_step_by_step(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie", last_name="Tremblay")
    chat = marie.private_chat

    await marie.send("/start")
    welcome = await chat.next_bot_message()
    assert "Bonjour Marie" in welcome.plain_text
    assert "aucun comité" in welcome.plain_text
    assert welcome.button_texts == ["Créer un comité"]

    await marie.press(welcome, "Créer un comité")
    question = await chat.next_bot_message()
    assert "Quel est son nom" in question.plain_text

    await marie.send("  Comité   consultatif des résidants de Limoilou ")
    kind_question = await chat.next_bot_message()
    assert "Comité consultatif des résidants de Limoilou" in kind_question.plain_text
    assert kind_question.button_texts == [
        "Association de locataires",
        "Comité consultatif de résidants (CCR)",
        "Autre",
        "« Retour",
    ]
    await marie.press(kind_question, "Comité consultatif de résidants (CCR)")
    office_question = await chat.next_edit(kind_question)
    assert "office d'habitation" in office_question.plain_text
    await marie.send("Office municipal d'habitation de Québec")

    done = await chat.next_bot_message()
    assert "C'est fait!" in done.plain_text or "C'est fait !" in done.plain_text
    assert "coordonn" in done.plain_text
    assert done.button_texts[0] == "Inviter des membres"

    memberships = await bot.storage.committees.memberships_of(marie.id)
    assert len(memberships) == 1
    committee = memberships[0].committee
    assert committee.name == "Comité consultatif des résidants de Limoilou"
    assert committee.kind is CommitteeKind.CCR
    assert committee.housing_office == "Office municipal d'habitation de Québec"
    assert committee.timezone == "America/Toronto"
    assert memberships[0].role is Role.COORDINATOR
    person = await bot.storage.people.get(marie.id)
    assert person is not None and person.display_name == "Marie Tremblay"
    assert person.active_committee_id == committee.id


async def test_wizard_checks_answers_and_goes_back(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    paul = sandbox.world.add_user("Paul")
    chat = paul.private_chat
    await paul.send("/start new")
    await chat.next_bot_message()

    await paul.send("x" * 81)
    too_long = await chat.next_bot_message()
    assert "trop long" in too_long.plain_text

    await paul.send("Premier nom")
    kind_question = await chat.next_bot_message()
    await paul.send("une association")
    hint = await chat.next_bot_message()
    assert "boutons" in hint.plain_text

    await paul.press(kind_question, "« Retour")
    again = await chat.next_edit(kind_question)
    assert "nom" in again.plain_text
    await paul.send("Association des Habitations Saint-Michel")
    kind_question = await chat.next_bot_message()
    await paul.press(kind_question, "Autre")
    office_question = await chat.next_edit(kind_question)
    await paul.press(office_question, "Passer cette question")
    await chat.next_edit(office_question)

    [membership] = await bot.storage.committees.memberships_of(paul.id)
    assert membership.committee.name == "Association des Habitations Saint-Michel"
    assert membership.committee.kind is CommitteeKind.OTHER
    assert membership.committee.housing_office is None


async def test_a_restart_in_the_middle_of_the_wizard_resumes_it(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    lina = sandbox.world.add_user("Lina")
    chat = lina.private_chat
    await lina.send("/start")
    await lina.press(await chat.next_bot_message(), "Créer un comité")
    await chat.next_bot_message()
    await lina.send("Comité des Jardins")
    kind_question = await chat.next_bot_message()

    await bot.restart()

    await lina.press(kind_question, "Association de locataires")
    office_question = await chat.next_edit(kind_question)
    assert "office d'habitation" in office_question.plain_text
    await lina.send("OMH de Laval")
    done = await chat.next_bot_message()
    assert "Comité des Jardins" in done.plain_text
    [membership] = await bot.storage.committees.memberships_of(lina.id)
    assert membership.committee.housing_office == "OMH de Laval"


async def test_cancel_leaves_the_wizard_and_keeps_nothing(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    rose = sandbox.world.add_user("Rose")
    chat = rose.private_chat
    await rose.send("/annuler")
    nothing = await chat.next_bot_message()
    assert "Rien à annuler" in nothing.plain_text

    await rose.send("/start new")
    await chat.next_bot_message()
    await rose.send("/annuler")
    cancelled = await chat.next_bot_message()
    assert "Annulé" in cancelled.plain_text

    await rose.send("Comité fantôme")
    not_understood = await chat.next_bot_message()
    assert "pas compris" in not_understood.plain_text
    assert await bot.storage.committees.memberships_of(rose.id) == []


async def test_invitation_link_lets_a_second_person_join_until_turned_off(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)
    done = marie.private_chat.messages[-1]
    await marie.press(done, "Inviter des membres")
    invitation = await marie.private_chat.next_bot_message()
    links = [word for word in invitation.plain_text.split() if word.startswith("https://t.me/")]
    assert len(links) == 1
    link = links[0]
    assert f"t.me/{sandbox.world.bot_username}?start=join-" in link

    ahmed = sandbox.world.add_user("Ahmed", language_code="de")
    await ahmed.open_link(link)
    welcome = await ahmed.private_chat.next_bot_message()
    assert "Bienvenue" in welcome.plain_text
    assert "Association des locataires des Pins" in welcome.plain_text
    told = await marie.private_chat.next_bot_message()
    assert "Ahmed" in told.plain_text

    [membership] = await bot.storage.committees.memberships_of(ahmed.id)
    assert membership.role is Role.MEMBER

    await ahmed.open_link(link)
    already = await ahmed.private_chat.next_bot_message()
    assert "déjà membre" in already.plain_text

    await marie.press(invitation, "Désactiver ce lien")
    turned_off = await marie.private_chat.next_edit(invitation)
    assert "désactivé" in turned_off.plain_text
    # Turning it off again (from a forwarded copy, say) is refused politely.
    again = await marie.press_data(Revoke(token=link.split("join-")[1]).data)
    assert "ne fonctionne plus" in (again.text or "")

    sofia = sandbox.world.add_user("Sofia")
    await sofia.open_link(link)
    refused = await sofia.private_chat.next_bot_message()
    assert "ne fonctionne plus" in refused.plain_text
    assert await bot.storage.committees.memberships_of(sofia.id) == []
    # Ahmed stays a member after the link is turned off.
    assert len(await bot.storage.committees.memberships_of(ahmed.id)) == 1


async def test_a_member_cannot_create_invitations(sandbox: SandboxServer, bot: BotHarness) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)
    guy = sandbox.world.add_user("Guy")
    await join(guy, await invitation_link(marie), inviter=marie)

    [membership] = await bot.storage.committees.memberships_of(guy.id)
    # A forged press of the coordinator's button, from a plain member.
    answer = await guy.press_data(f"com:invite:{membership.committee.id}")
    assert "coordonn" in (answer.text or "")
    assert guy.private_chat.pending_bot_messages() == []


async def test_a_person_in_two_committees_chooses_the_active_one(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    nadia = sandbox.world.add_user("Nadia")
    chat = nadia.private_chat
    await create_committee(nadia, "Comité A")
    await create_committee(nadia, "Comité B")

    await nadia.send("/start")
    home = await chat.next_bot_message()
    assert "Comité B" in home.plain_text
    await nadia.press(home, "Changer de comité")
    choices = await chat.next_edit(home)
    assert choices.button_texts == ["Comité A", "✓ Comité B"]
    await nadia.press(choices, "Comité A")
    chosen = await chat.next_edit(choices)
    assert "Comité A" in chosen.plain_text
    person = await bot.storage.people.get(nadia.id)
    committees = {
        m.committee.name: m.committee.id
        for m in await bot.storage.committees.memberships_of(nadia.id)
    }
    assert person is not None and person.active_committee_id == committees["Comité A"]


async def test_a_bad_start_link_is_explained(sandbox: SandboxServer, bot: BotHarness) -> None:
    eve = sandbox.world.add_user("Ève")
    await eve.send("/start bidule-3")
    answer = await eve.private_chat.next_bot_message()
    assert "ne fonctionne pas" in answer.plain_text
    home = await eve.private_chat.next_bot_message()
    assert "Créer un comité" in home.button_texts
    # A mangled invitation link says what to do about it.
    await eve.send("/start join-short")
    answer = await eve.private_chat.next_bot_message()
    assert "Demandez un nouveau lien" in answer.plain_text
