"""/partenariat: from a need to a written, checkable partnership, pinned in the group."""

from __future__ import annotations

from datetime import date

from bot.domain.entities import ObjectiveStatus, PartnershipStatus
from conversations.partnerships.buttons import (
    Achieved,
    Edit,
    EditMenu,
    EndConfirmed,
    Part,
    Pause,
    Publish,
)
from sandbox import BotMessage, SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, linked_group

OFFICE = "Office d'habitation (OH/OMH)"
CLEANING = "Salles communes nettoyées chaque semaine"


async def answer_recipe(user: SandboxUser, question: BotMessage, answers: list[str]) -> BotMessage:
    chat = user.private_chat
    for answer in answers:
        assert "recette" in question.plain_text.lower()
        await user.press(question, answer)
        question = await chat.next_edit(question)
    return question


async def start_from_group(marie: SandboxUser, group: SandboxGroup) -> BotMessage:
    await marie.send("/partenariat", chat=group)
    pointer = await group.next_bot_message()
    link = pointer.url_for("Continuer en privé")
    assert link is not None
    await marie.open_link(link)
    return await marie.private_chat.next_bot_message()


async def test_a_housing_office_partnership_from_the_group_to_a_pinned_sheet(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    chat = marie.private_chat

    menu = await start_from_group(marie, group)
    assert "Aucun partenariat" in menu.plain_text
    await marie.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    assert len(kinds.button_texts) == 9
    await marie.press(kinds, OFFICE)
    name = await chat.next_edit(kinds)
    await marie.press(name, "Office municipal d'habitation de Québec")
    contact = await chat.next_edit(name)
    await marie.send("Mme Lucie Roy, technicienne")
    need = await chat.next_bot_message()
    assert "besoin" in need.plain_text.lower()
    await marie.send("Les salles communes sont sales et personne ne sait qui doit les nettoyer.")
    objective = await chat.next_bot_message()
    assert CLEANING in objective.button_texts
    await marie.press(objective, CLEANING)
    target = await chat.next_edit(objective)
    six_months = next(b for b in target.button_texts if b.startswith("Dans 6 mois"))
    await marie.press(target, six_months)
    more = await chat.next_edit(target)
    assert "Objectif enregistré" in more.plain_text

    await marie.press(more, "Ajouter un autre objectif")
    objective = await chat.next_edit(more)
    await marie.send("Améliorer la communication")
    sign = await chat.next_bot_message()
    await marie.send("Chaque locataire reçoit un bulletin tous les mois")
    target = await chat.next_bot_message()
    await marie.press(target, "Pas de date")
    check = await chat.next_edit(target)
    assert "précis" in check.plain_text
    await marie.press(check, "Réécrire l'objectif")
    await chat.next_edit(check)
    await marie.send("Un bulletin pour tous les locataires chaque mois, d'ici mars")
    check = await chat.next_bot_message()
    assert "Pour quand" in check.plain_text  # still no target date: a gentle reminder
    await marie.press(check, "Garder tel quel")
    more = await chat.next_edit(check)
    await marie.press(more, "Continuer")
    resources = await chat.next_edit(more)
    await marie.send("Des bénévoles et le local communautaire")
    partner_resources = await chat.next_bot_message()
    await marie.press(partner_resources, "Passer cette question")
    duties = await chat.next_edit(partner_resources)
    await marie.send("Marie — appelle l'office chaque mois\nL'office : nettoie les salles")
    duties = await chat.next_bot_message()
    await marie.press(duties, "C'est tout")
    recipe = await chat.next_edit(duties)
    await answer_recipe(marie, recipe, ["Oui", "En partie", "Non", "Oui", "Oui", "Oui", "Oui"])
    review = chat.messages[-1]
    del contact, sign, resources, duties

    text = review.plain_text
    assert "P-1" in text and "Office municipal d'habitation de Québec" in text
    assert "Mme Lucie Roy" in text
    assert "brouillon" in text
    assert CLEANING in text and "Un bulletin pour tous les locataires" in text
    assert "Marie — appelle l'office chaque mois" in text
    assert "L'office — nettoie les salles" in text
    assert "5 ingrédients sur 7" in text
    assert "mandat" in text.lower()  # a missing ingredient becomes a next step
    assert "Enregistrer le partenariat" in review.button_texts

    await marie.press(review, "Enregistrer le partenariat")
    saved = await chat.next_edit(review)
    assert "actif" in saved.plain_text
    answer = await marie.press(saved, "Publier et épingler dans le groupe")
    posted = await group.next_bot_message()
    assert "P-1" in posted.plain_text and CLEANING in posted.plain_text
    # A bot that is a plain member may not pin: the person is told what to change.
    assert answer.show_alert and "droit d'épingler" in (answer.text or "")
    assert group.pinned == []
    group.set_bot_status("administrator", by=marie)
    # Pressed again, the card already there is pinned, not posted a second time.
    answer = await marie.press(saved, "Publier et épingler dans le groupe")
    assert answer.text == "La fiche dans le groupe est à jour et épinglée."
    assert group.pinned == [posted.message_id]
    await bot.settle()
    assert group.pending_bot_messages() == []

    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [partnership] = await bot.storage.partnerships.of_committee(membership.committee.id)
    assert partnership.status is PartnershipStatus.ACTIVE
    assert [o.text for o in partnership.objectives] == [
        CLEANING,
        "Un bulletin pour tous les locataires chaque mois, d'ici mars",
    ]
    assert partnership.objectives[0].target_date is not None
    assert len(partnership.responsibilities) == 2
    assert partnership.recipe_answers()["mandate"] == "no"
    changes = await bot.storage.partnerships.changes(partnership.id)
    assert len(changes) > 10 and {who for who, _when, _what in changes} == {marie.id}


async def walk_clsc(user: SandboxUser) -> BotMessage:
    """A short CLSC partnership, skipping what is optional; returns the review sheet."""
    chat = user.private_chat
    await user.send("/partenariat")
    menu = await chat.next_bot_message()
    await user.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    await user.press(kinds, "CLSC ou CISSS/CIUSSS")
    name = await chat.next_edit(kinds)
    assert "CLSC" in name.plain_text  # the example
    await user.send("CLSC de Limoilou")
    contact = await chat.next_bot_message()
    await user.press(contact, "Passer cette question")
    await chat.next_edit(contact)
    await user.send("Des locataires âgés restent seuls chez eux tout l'hiver.")
    objective = await chat.next_bot_message()
    await user.press(objective, "Visites aux locataires seuls ou malades chaque mois")
    target = await chat.next_edit(objective)
    await user.press(target, next(b for b in target.button_texts if b.startswith("Dans 3 mois")))
    more = await chat.next_edit(target)
    await user.press(more, "Continuer")
    question = await chat.next_edit(more)
    for _ in range(3):
        await user.press(question, "Passer cette question")
        question = await chat.next_edit(question)
    return await answer_recipe(user, question, ["Oui"] * 7)


async def test_a_clsc_partnership_going_back_and_editing_after_saving(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    rose, [] = await committee_with_members(sandbox.world, "Rose")
    chat = rose.private_chat
    await rose.send("/partenariat")
    menu = await chat.next_bot_message()
    await rose.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    await rose.press(kinds, "CLSC ou CISSS/CIUSSS")
    await chat.next_edit(kinds)
    await rose.send("CLSC du Vieux")
    contact = await chat.next_bot_message()
    await rose.press(contact, "« Retour")
    name_again = await chat.next_edit(contact)
    assert "nom du partenaire" in name_again.plain_text
    await rose.send("CLSC de Limoilou")
    contact = await chat.next_bot_message()
    await rose.send("/annuler")
    await chat.next_bot_message()

    review = await walk_clsc(rose)
    assert "7 ingrédients sur 7" in review.plain_text
    await rose.press(review, "Enregistrer le partenariat")
    saved = await chat.next_edit(review)
    await rose.press(saved, "Modifier")
    parts = await chat.next_edit(saved)
    await rose.press(parts, "Besoin")
    await chat.next_edit(parts)
    await rose.send("Beaucoup d'aînés sont isolés l'hiver.")
    updated = await chat.next_bot_message()
    assert "Beaucoup d'aînés sont isolés l'hiver." in updated.plain_text
    assert "actif" in updated.plain_text

    [membership] = await bot.storage.committees.memberships_of(rose.id)
    partnerships = await bot.storage.partnerships.of_committee(membership.committee.id)
    # The abandoned draft stays (it can be finished later), the second one is saved.
    assert [p.partner_name for p in partnerships] == ["CLSC de Limoilou", "CLSC de Limoilou"]
    assert partnerships[1].need == "Beaucoup d'aînés sont isolés l'hiver."


async def test_a_restart_in_the_middle_resumes_the_wizard(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    rose, [] = await committee_with_members(sandbox.world, "Rose")
    chat = rose.private_chat
    await rose.send("/partenariat")
    menu = await chat.next_bot_message()
    await rose.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    await rose.send("la ville")
    assert "boutons" in (await chat.next_bot_message()).plain_text
    kinds = await chat.next_bot_message()  # the question again, its buttons at hand
    await rose.press(kinds, "Ville ou municipalité")
    await chat.next_edit(kinds)
    await rose.send("Ville de Québec")
    contact = await chat.next_bot_message()

    await bot.restart()

    await rose.press(contact, "Passer cette question")
    need = await chat.next_edit(contact)
    assert "besoin" in need.plain_text.lower()


async def test_achieved_objective_is_celebrated_in_the_group_and_outsiders_are_refused(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires")
    review = await walk_clsc(marie)
    await marie.press(review, "Enregistrer le partenariat")
    saved = await marie.private_chat.next_edit(review)

    # Paul, a member, opens it from his own /partenariat.
    await paul.send("/partenariat")
    menu = await paul.private_chat.next_bot_message()
    await paul.press(menu, menu.button_texts[0])
    sheet = await paul.private_chat.next_edit(menu)
    await paul.press(sheet, "Objectif atteint")
    choices = await paul.private_chat.next_edit(sheet)
    await paul.press(choices, "Visites aux locataires seuls ou malades chaque mois")
    confirm = await paul.private_chat.next_edit(choices)
    await paul.press(confirm, "Oui, c'est atteint")
    after = await paul.private_chat.next_edit(confirm)
    assert "Atteint le" in after.plain_text
    party = await group.next_bot_message()
    assert "Objectif atteint" in party.plain_text and "CLSC de Limoilou" in party.plain_text

    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [partnership] = await bot.storage.partnerships.of_committee(membership.committee.id)
    assert partnership.objectives[0].status is ObjectiveStatus.ACHIEVED

    # Someone from another committee forges the button: refused, nothing shown.
    other, [] = await committee_with_members(sandbox.world, "Autre")
    answer = await other.press_data(f"par:open:{partnership.id}")
    assert "ne fonctionne plus" in (answer.text or "")
    assert other.private_chat.pending_bot_messages() == []

    # An old button of a finished wizard is refused politely.
    old = await marie.press(saved, "Modifier")
    assert old.text is None or "ne fonctionne plus" not in old.text
    stale = await marie.press_data("par:kind:school")
    assert "ne fonctionne plus" in (stale.text or "")


async def test_a_follow_up_for_an_objective_leads_to_a_celebration_when_done(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires")
    chat = marie.private_chat
    review = await walk_clsc(marie)
    await marie.press(review, "Enregistrer le partenariat")
    sheet = await chat.next_edit(review)
    await marie.press(sheet, "Suivi pour un objectif")
    objectives = await chat.next_edit(sheet)
    await marie.press(objectives, "Visites aux locataires seuls ou malades chaque mois")
    follow_up = await chat.next_edit(objectives)
    assert "S-1" in follow_up.plain_text
    await marie.press(follow_up, "Changer la personne")
    people = await chat.next_edit(follow_up)
    await marie.press(people, "Marie")
    assert "Suivi S-1\u00a0: Marie" in (await chat.next_edit(people)).plain_text

    await marie.send("/suivis")
    overview = await chat.next_bot_message()
    await marie.press(overview, overview.button_texts[0])
    detail = await chat.next_edit(overview)
    await marie.press(detail, "✅ Fait")
    await chat.next_edit(detail)
    assert "S-1" in (await group.next_bot_message()).plain_text  # the group hears it is done
    question = await chat.next_bot_message()
    assert "est-il atteint" in question.plain_text
    await marie.press(question, "Oui, on célèbre!")
    party = await group.next_bot_message()
    assert "Objectif atteint" in party.plain_text


async def test_back_in_the_recipe_goes_to_the_ingredient_before_and_a_date_can_be_typed(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    rose, [] = await committee_with_members(sandbox.world, "Rose")
    chat = rose.private_chat
    await rose.send("/partenariat")
    menu = await chat.next_bot_message()
    await rose.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    await rose.press(kinds, "CLSC ou CISSS/CIUSSS")
    await chat.next_edit(kinds)
    await rose.send("CLSC de Limoilou")
    contact = await chat.next_bot_message()
    await rose.press(contact, "Passer cette question")
    await chat.next_edit(contact)
    await rose.send("Des locataires âgés restent seuls chez eux tout l'hiver.")
    objective = await chat.next_bot_message()
    await rose.press(objective, "Visites aux locataires seuls ou malades chaque mois")
    await chat.next_edit(objective)
    await rose.send("un de ces jours")
    assert "pas compris cette date" in (await chat.next_bot_message()).plain_text
    await rose.send("30 juin")
    more = await chat.next_bot_message()
    assert "Objectif enregistré" in more.plain_text
    await rose.press(more, "Continuer")
    question = await chat.next_edit(more)
    for _ in range(3):
        await rose.press(question, "Passer cette question")
        question = await chat.next_edit(question)

    assert "(1 sur 7)" in question.plain_text
    await rose.press(question, "Oui")
    assert "(2 sur 7)" in (await chat.next_edit(question)).plain_text
    await rose.press(question, "« Retour")
    assert "(1 sur 7)" in (await chat.next_edit(question)).plain_text
    await rose.press(question, "« Retour")
    assert "Qui fait quoi" in (await chat.next_edit(question)).plain_text
    await rose.send("Rose — appelle le CLSC chaque mois")
    duties = await chat.next_bot_message()
    await rose.press(duties, "C'est tout")
    recipe = await chat.next_edit(duties)
    assert "(1 sur 7)" in recipe.plain_text
    await rose.press(recipe, "Non")
    await chat.next_edit(recipe)
    await rose.send("oui")
    assert "boutons" in (await chat.next_bot_message()).plain_text
    recipe = await chat.next_bot_message()  # the same ingredient, asked again
    assert "(2 sur 7)" in recipe.plain_text
    sheet = await answer_recipe(rose, recipe, ["Oui"] * 6)
    assert "6 ingrédients sur 7" in sheet.plain_text

    [membership] = await bot.storage.committees.memberships_of(rose.id)
    [partnership] = await bot.storage.partnerships.of_committee(membership.committee.id)
    assert partnership.objectives[0].target_date == date(2027, 6, 30)
    assert len(partnership.responsibilities) == 1
    assert list(partnership.recipe_answers().values()).count("no") == 1


async def test_buttons_that_no_longer_make_sense_are_refused_and_change_nothing(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires")
    chat = marie.private_chat
    review = await walk_clsc(marie)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [draft] = await bot.storage.partnerships.of_committee(membership.committee.id)
    [objective] = draft.objectives

    # A draft is not posted, nor paused.
    answer = await marie.press_data(Publish(id=draft.id).data)
    assert "Enregistrez d'abord" in (answer.text or "")
    answer = await marie.press_data(Pause(id=draft.id).data)
    assert "pas en cours" in (answer.text or "")
    assert group.pending_bot_messages() == []

    await marie.press(review, "Enregistrer le partenariat")
    sheet = await chat.next_edit(review)
    await marie.press(sheet, "Mettre en pause")
    assert "en pause" in (await chat.next_edit(sheet)).plain_text
    await marie.press(sheet, "Reprendre")
    assert "actif" in (await chat.next_edit(sheet)).plain_text
    await marie.press(sheet, "Terminer")
    await chat.next_edit(sheet)
    await marie.press(sheet, "Oui, terminer")
    ended = await chat.next_edit(sheet)
    assert "terminé" in ended.plain_text
    assert not {"Modifier", "Mettre en pause", "Terminer"} & set(ended.button_texts)

    # Old buttons of the ended partnership: a polite word, nothing changes.
    for data, refusal in [
        (Pause(id=draft.id).data, "pas en cours"),
        (EndConfirmed(id=draft.id).data, "est terminé"),
        (EditMenu(id=draft.id).data, "est terminé"),
        (Edit(id=draft.id, part=Part.NEED).data, "est terminé"),
    ]:
        answer = await marie.press_data(data)
        assert refusal in (answer.text or ""), data
    assert chat.pending_bot_messages() == []
    [partnership] = await bot.storage.partnerships.of_committee(membership.committee.id)
    assert partnership.status is PartnershipStatus.ENDED

    # An objective is celebrated once; one that is not this partnership's is refused.
    achieved = Achieved(id=draft.id, objective=objective.id).data
    assert (await marie.press_data(achieved)).text == "Bravo!"
    assert "Objectif atteint" in (await group.next_bot_message()).plain_text
    assert "déjà atteint" in ((await marie.press_data(achieved)).text or "")
    foreign = Achieved(id=draft.id, objective=objective.id + 1).data
    assert "ne fonctionne plus" in ((await marie.press_data(foreign)).text or "")
    assert group.pending_bot_messages() == []
