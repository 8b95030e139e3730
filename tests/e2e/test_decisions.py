"""/decision: one message after a meeting becomes a decision and, when named, a follow-up."""

from __future__ import annotations

from datetime import date

from bot.domain.records import FollowUpStatus
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_meeting import record_meeting

DOOR = "On demande à l'office de réparer la porte du local."


async def test_a_decision_with_a_person_and_a_date_becomes_a_follow_up(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.send(f"/decision {DOOR} Paul s'en occupe d'ici vendredi.")
    answer = await marie.private_chat.next_bot_message()

    assert "D-1" in answer.plain_text
    assert DOOR in answer.plain_text
    assert "S-1" in answer.plain_text
    assert "Paul" in answer.plain_text
    assert "vendredi 27 novembre 2026" in answer.plain_text
    # It asks something of the office: making it a request is offered too.
    assert answer.button_texts == [
        "Changer la personne",
        "Changer la date",
        "📨 En faire une demande au partenaire",
        "Pas de suivi",
        "Annuler la décision",
    ]
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.responsible_id == paul.id
    assert follow_up.due_date == date(2026, 11, 27)
    decision = await bot.storage.decisions.get(follow_up.decision_id or 0)
    assert decision is not None and decision.number == 1 and decision.created_by == marie.id


async def test_a_plain_decision_has_no_follow_up_until_one_is_added(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await paul.send("/decision On garde la fête de Noël dans le local.")
    answer = await paul.private_chat.next_bot_message()
    assert "D-1" in answer.plain_text and "Suivi" not in answer.plain_text
    assert answer.button_texts == ["Ajouter un suivi", "Annuler la décision"]

    await paul.press(answer, "Ajouter un suivi")
    with_follow_up = await paul.private_chat.next_edit(answer)
    assert "S-1" in with_follow_up.plain_text
    await paul.press(with_follow_up, "Changer la personne")
    people = await paul.private_chat.next_edit(with_follow_up)
    assert "Marie" in people.button_texts and "Paul" in people.button_texts
    await paul.press(people, "Marie")
    chosen = await paul.private_chat.next_edit(people)
    assert "Qui : Marie" in chosen.plain_text.replace("\u00a0", " ")
    [membership] = await bot.storage.committees.memberships_of(paul.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.responsible_id == marie.id and follow_up.responsible_name == "Marie"


async def test_the_date_is_fixed_by_button_or_by_typing_it(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    chat = marie.private_chat
    await marie.send(f"/decision {DOOR} Je m'en occupe d'ici vendredi.")
    answer = await chat.next_bot_message()
    assert "Marie" in answer.plain_text

    await marie.press(answer, "Changer la date")
    choices = await chat.next_edit(answer)
    tomorrow = next(label for label in choices.button_texts if label.startswith("Demain"))
    assert "24 nov" in tomorrow
    await marie.press(choices, tomorrow)
    fixed = await chat.next_edit(choices)
    assert "mardi 24 novembre 2026" in fixed.plain_text

    await marie.press(fixed, "Changer la date")
    choices = await chat.next_edit(fixed)
    await marie.press(choices, "Écrire une autre date")
    await chat.next_bot_message()
    await marie.send("hier")
    assert "passée" in (await chat.next_bot_message()).plain_text
    await marie.send("le 15 décembre")
    typed = await chat.next_bot_message()
    assert "mardi 15 décembre 2026" in typed.plain_text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.due_date == date(2026, 12, 15)


async def test_a_past_date_is_asked_about_not_guessed(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.send("/decision Paul rappelle le CLSC d'ici le 15/10/2026.")
    answer = await marie.private_chat.next_bot_message()
    assert "déjà passée" in answer.plain_text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.responsible_id == paul.id and follow_up.due_date is None


async def test_a_second_press_of_add_a_follow_up_adds_nothing(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await paul.send("/decision On garde la fête de Noël dans le local.")
    answer = await paul.private_chat.next_bot_message()
    add = answer.callback_data_for("Ajouter un suivi")
    await paul.press(answer, "Ajouter un suivi")
    await paul.private_chat.next_edit(answer)

    again = await paul.press_data(add, message=answer)
    assert again.show_alert and "déjà un suivi" in (again.text or "")
    [membership] = await bot.storage.committees.memberships_of(paul.id)
    assert len(await bot.storage.follow_ups.open_of_committee(membership.committee.id)) == 1


async def test_a_follow_up_done_meanwhile_keeps_its_person_and_date(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.send(f"/decision {DOOR} Paul s'en occupe d'ici vendredi.")
    answer = await marie.private_chat.next_bot_message()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    await bot.storage.follow_ups.set_status(follow_up.id, FollowUpStatus.DONE)

    for label in ("Changer la date", "Changer la personne", "Pas de suivi"):
        refused = await marie.press(answer, label)
        assert refused.show_alert and "déjà fait ou annulé" in (refused.text or "")
    after = await bot.storage.follow_ups.get(follow_up.id)
    assert after is not None and after.status is FollowUpStatus.DONE
    assert after.responsible_id == paul.id and after.due_date == date(2026, 11, 27)


async def test_undo_removes_everything_and_numbers_are_not_reused(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    _marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await paul.send(f"/decision {DOOR} Paul s'en occupe demain.")
    answer = await paul.private_chat.next_bot_message()
    await paul.press(answer, "Annuler la décision")
    asked = await paul.private_chat.next_edit(answer)  # it has a follow-up: asked once
    await paul.press(asked, "Oui, annuler D-1")
    undone = await paul.private_chat.next_edit(asked)
    assert "annulée" in undone.plain_text
    [membership] = await bot.storage.committees.memberships_of(paul.id)
    assert await bot.storage.follow_ups.open_of_committee(membership.committee.id) == []

    await paul.send("/decision On achète des chaises.")
    again = await paul.private_chat.next_bot_message()
    assert "D-2" in again.plain_text


async def test_only_the_author_or_a_coordinator_can_undo(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul, rose] = await committee_with_members(sandbox.world, "Marie", "Paul", "Rose")
    await paul.send("/decision On achète des chaises.")
    answer = await paul.private_chat.next_bot_message()
    decision_data = answer.callback_data_for("Annuler la décision")

    refused = await rose.press_data(decision_data)
    assert refused.show_alert and "coordonne" in (refused.text or "")
    outsider = sandbox.world.add_user("Intrus")
    await outsider.send("/aide")
    await outsider.private_chat.next_bot_message()
    forged = await outsider.press_data(decision_data)
    assert "ne fonctionne plus" in (forged.text or "")

    accepted = await marie.press_data(decision_data)
    assert accepted.text == "Annulée."


async def test_decision_without_text_asks_for_it_in_the_group_by_reply(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await group.add_member(paul)

    await paul.send("/decision", chat=group)
    question = await group.next_bot_message()
    assert question.force_reply
    assert "Répondez à ce message" in question.plain_text
    assert question.reply_to_message_id is not None
    await paul.send("On invite l'office à la réunion de janvier. Marie s'en charge.", chat=group,
                    reply_to=question)  # fmt: skip
    answer = await group.next_bot_message()
    assert "D-1" in answer.plain_text and "Marie" in answer.plain_text


async def test_someone_outside_any_committee_is_guided_to_start(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    loner = sandbox.world.add_user("Solo")
    await loner.send("/decision On fait une fête.")
    answer = await loner.private_chat.next_bot_message()
    assert "/start" in answer.plain_text


async def test_the_follow_up_title_leaves_out_who_and_when_shown_apart_in_the_answer(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    typed = "Écrire la lettre pour le déneigement, Paul, dans deux semaines"
    await marie.send(f"/decision {typed}")
    answer = await marie.private_chat.next_bot_message()
    lines = answer.plain_text.replace("\u00a0", " ").split("\n")
    assert f"« {typed} »" in lines, "the decision as typed"
    assert "Suivi S-1 : Écrire la lettre pour le déneigement" in lines
    assert "Qui : Paul" in lines
    assert "Quand : lundi 7 décembre 2026 (« dans deux semaines »)" in lines
    assert "Changer la personne" in answer.button_texts
    assert "Changer la date" in answer.button_texts
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.text == "Écrire la lettre pour le déneigement"
    assert follow_up.responsible_id == paul.id and follow_up.due_date == date(2026, 12, 7)
    decision = await bot.storage.decisions.get(follow_up.decision_id or 0)
    assert decision is not None and decision.text == typed

    # The decision keeps its lines as they were typed.
    await marie.send("/decision On achète des chaises.\nPaul s'en occupe d'ici vendredi.")
    await marie.private_chat.next_bot_message()
    rows = await bot.storage.db.fetch_all("SELECT text FROM decisions ORDER BY id")
    assert rows[-1]["text"] == "On achète des chaises.\nPaul s'en occupe d'ici vendredi."
    rows = await bot.storage.db.fetch_all("SELECT text FROM follow_ups ORDER BY id")
    assert rows[-1]["text"] == "On achète des chaises"


async def test_undo_of_a_decision_whose_follow_up_was_acted_on_asks_first_saying_what_goes(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    chat = marie.private_chat
    await marie.send(f"/decision {DOOR} Paul s'en occupe d'ici vendredi.")
    answer = await chat.next_bot_message()
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    await bot.storage.follow_ups.set_status(follow_up.id, FollowUpStatus.DONE)

    await marie.press(answer, "Annuler la décision")
    confirm = await chat.next_edit(answer)
    text = confirm.plain_text
    assert "D-1" in text and DOOR in text, "the decision that would go"
    assert "S-1" in text and "fait" in text, "its follow-up, and what was done with it"
    assert confirm.button_texts == ["Oui, annuler D-1", "Non, garder D-1"]
    assert await bot.storage.decisions.get(follow_up.decision_id or 0) is not None

    await marie.press(confirm, "Non, garder D-1")
    kept = await chat.next_edit(confirm)
    assert "D-1" in kept.plain_text and "Annuler la décision" in kept.button_texts
    assert await bot.storage.follow_ups.get(follow_up.id) is not None

    await marie.press(kept, "Annuler la décision")
    confirm = await chat.next_edit(kept)
    yes = confirm.callback_data_for("Oui, annuler D-1")
    await marie.press(confirm, "Oui, annuler D-1")
    assert "annulée" in (await chat.next_edit(confirm)).plain_text
    assert await bot.storage.decisions.get(follow_up.decision_id or 0) is None
    assert await bot.storage.follow_ups.get(follow_up.id) is None
    again = await marie.press_data(yes, message=confirm)
    assert "ne fonctionne plus" in (again.text or "")


async def test_a_meeting_action_title_leaves_out_who_and_when_too(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await record_meeting(marie, group)  # « Appeler l'office pour la porte, Paul, d'ici vendredi »
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [meeting] = await bot.storage.meetings.recent(membership.committee.id)
    [action] = await bot.storage.follow_ups.of_meeting(meeting.id)
    assert action.text == "Appeler l'office pour la porte"
    assert action.responsible_id == paul.id and action.due_date == date(2026, 11, 27)
