"""A partnership's sheet is kept as the committee writes it: « who does what » grows a line at a
time, objectives are changed or removed, a public announcement asks once, and the pinned card
in the group follows every change instead of being posted again."""

from __future__ import annotations

import asyncio

from bot.domain.entities import Partnership
from sandbox import BotMessage, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_partnership import answer_recipe

VISITS = "Visites aux locataires seuls ou malades chaque mois"


async def walk_to_duties(user: SandboxUser) -> BotMessage:
    """A CLSC partnership up to « Who does what », the optional questions before it skipped."""
    chat = user.private_chat
    await user.send("/partenariat")
    menu = await chat.next_bot_message()
    await user.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    await user.press(kinds, "CLSC ou CISSS/CIUSSS")
    await chat.next_edit(kinds)
    await user.send("CLSC de Limoilou")
    contact = await chat.next_bot_message()
    await user.press(contact, "Passer cette question")
    await chat.next_edit(contact)
    await user.send("Des locataires âgés restent seuls chez eux tout l'hiver.")
    objective = await chat.next_bot_message()
    await user.press(objective, VISITS)
    target = await chat.next_edit(objective)
    await user.press(target, next(b for b in target.button_texts if b.startswith("Dans 3 mois")))
    more = await chat.next_edit(target)
    await user.press(more, "Continuer")
    question = await chat.next_edit(more)
    for _ in range(2):
        await user.press(question, "Passer cette question")
        question = await chat.next_edit(question)
    assert "Qui fait quoi" in question.plain_text
    return question


async def the_partnership(bot: BotHarness, user: SandboxUser) -> Partnership:
    [membership] = await bot.storage.committees.memberships_of(user.id)
    [partnership] = await bot.storage.partnerships.of_committee(membership.committee.id)
    return partnership


async def test_who_does_what_grows_a_line_per_message_and_lines_can_be_removed(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    rose, [] = await committee_with_members(sandbox.world, "Rose")
    chat = rose.private_chat
    await walk_to_duties(rose)

    # On a phone, one line per message: each one adds to the list, none replaces it.
    await rose.send("Rose — appelle le CLSC chaque mois")
    duties = await chat.next_bot_message()
    assert "Rose — appelle le CLSC chaque mois" in duties.plain_text
    assert "C'est tout" in duties.button_texts
    await rose.send("Le CLSC : envoie une infirmière")
    duties = await chat.next_bot_message()
    await rose.send("Luc — imprime l'horaire\nLise — accueille l'infirmière")
    duties = await chat.next_bot_message()
    for line in (
        "Rose — appelle le CLSC chaque mois",
        "Le CLSC — envoie une infirmière",
        "Luc — imprime l'horaire",
        "Lise — accueille l'infirmière",
    ):
        assert line in duties.plain_text, duties.plain_text
    assert len((await the_partnership(bot, rose)).responsibilities) == 4

    # Each line has its button to remove it.
    [remove] = [b for b in duties.button_texts if "Luc" in b]
    await rose.press(duties, remove)
    duties = await chat.next_edit(duties)
    assert "Luc" not in duties.plain_text and "Lise — accueille" in duties.plain_text
    assert [d.who for d in (await the_partnership(bot, rose)).responsibilities] == [
        "Rose", "Le CLSC", "Lise",
    ]  # fmt: skip

    await rose.press(duties, "C'est tout")
    recipe = await chat.next_edit(duties)
    assert "(1 sur 7)" in recipe.plain_text
    sheet = await answer_recipe(rose, recipe, ["Oui"] * 7)
    assert "Lise — accueille l'infirmière" in sheet.plain_text

    # Later, from the saved sheet: « Who does what » shows the lines, and adds to them.
    await rose.press(sheet, "Enregistrer le partenariat")
    sheet = await chat.next_edit(sheet)
    await rose.press(sheet, "Modifier")
    parts = await chat.next_edit(sheet)
    await rose.press(parts, "Qui fait quoi")
    duties = await chat.next_edit(parts)
    assert "Rose — appelle le CLSC chaque mois" in duties.plain_text
    await rose.send("Paul — garde la clé du local")
    duties = await chat.next_bot_message()
    [remove] = [b for b in duties.button_texts if "Rose" in b]
    await rose.press(duties, remove)
    duties = await chat.next_edit(duties)
    await rose.press(duties, "C'est tout")
    sheet = await chat.next_edit(duties)
    assert "actif" in sheet.plain_text
    assert "Paul — garde la clé du local" in sheet.plain_text
    assert "Rose — appelle" not in sheet.plain_text
    assert [d.who for d in (await the_partnership(bot, rose)).responsibilities] == [
        "Le CLSC", "Lise", "Paul",
    ]  # fmt: skip


async def test_the_vague_objective_prompt_offers_a_date_when_the_date_is_missing(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    rose, [] = await committee_with_members(sandbox.world, "Rose")
    chat = rose.private_chat
    await rose.send("/partenariat")
    menu = await chat.next_bot_message()
    await rose.press(menu, "Nouveau partenariat")
    kinds = await chat.next_edit(menu)
    await rose.press(kinds, "Organisme communautaire")
    await chat.next_edit(kinds)
    await rose.send("Centre communautaire Vanier")
    contact = await chat.next_bot_message()
    await rose.press(contact, "Passer cette question")
    await chat.next_edit(contact)
    await rose.send("Les enfants n'ont pas d'aide aux devoirs.")
    await chat.next_bot_message()
    await rose.send("Aide aux devoirs pour les enfants de l'immeuble deux soirs par semaine")
    await chat.next_bot_message()
    await rose.send("Dix enfants inscrits en octobre")
    target = await chat.next_bot_message()
    await rose.press(target, "Pas de date")
    check = await chat.next_edit(target)
    assert "Pour quand" in check.plain_text
    # The date is what is missing: a button to give it, right there.
    await rose.press(check, "Choisir une date")
    target = await chat.next_edit(check)
    await rose.press(target, next(b for b in target.button_texts if b.startswith("Dans 6 mois")))
    more = await chat.next_edit(target)
    assert "Objectif enregistré" in more.plain_text
    [objective] = (await the_partnership(bot, rose)).objectives
    assert objective.target_date is not None


async def test_objectives_are_changed_and_removed_before_and_after_saving(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    rose, [] = await committee_with_members(sandbox.world, "Rose")
    chat = rose.private_chat
    duties = await walk_to_duties(rose)
    await rose.press(duties, "Passer cette question")
    recipe = await chat.next_edit(duties)
    draft = await answer_recipe(rose, recipe, ["Oui"] * 7)
    assert "brouillon" in draft.plain_text

    # Before saving: the objective's text is changed from the draft's sheet.
    await rose.press(draft, "Objectifs")
    objectives = await chat.next_edit(draft)
    await rose.press(objectives, f"1. {VISITS}")
    options = await chat.next_edit(objectives)
    await rose.press(options, "Changer le texte")
    question = await chat.next_edit(options)
    assert VISITS in question.plain_text  # the text as it is, to start from
    await rose.send("Visites aux locataires seuls ou malades deux fois par mois")
    sheet = await chat.next_bot_message()
    assert "Visites aux locataires seuls ou malades deux fois par mois" in sheet.plain_text
    assert "brouillon" in sheet.plain_text

    # A second objective, added from the same menu.
    await rose.press(sheet, "Objectifs")
    objectives = await chat.next_edit(sheet)
    await rose.press(objectives, "Ajouter un objectif")
    await chat.next_edit(objectives)
    await rose.send("Une clinique de vaccination dans l'immeuble en octobre")
    sign = await chat.next_bot_message()
    await rose.send("30 locataires vaccinés")
    target = await chat.next_bot_message()
    await rose.press(target, next(b for b in target.button_texts if b.startswith("Dans 3 mois")))
    sheet = await chat.next_edit(target)
    assert "Une clinique de vaccination" in sheet.plain_text
    del sign

    # After saving: how success is seen, the date, then the first objective is removed.
    await rose.press(sheet, "Enregistrer le partenariat")
    sheet = await chat.next_edit(sheet)
    await rose.press(sheet, "Modifier")
    parts = await chat.next_edit(sheet)
    await rose.press(parts, "Objectifs")
    objectives = await chat.next_edit(parts)
    await rose.press(objectives, "2. Une clinique de vaccination dans l'immeuble en octobre")
    options = await chat.next_edit(objectives)
    await rose.press(options, "Changer le signe de réussite")
    await chat.next_edit(options)
    await rose.send("40 locataires vaccinés")
    sheet = await chat.next_bot_message()
    assert "40 locataires vaccinés" in sheet.plain_text
    await rose.press(sheet, "Modifier")
    parts = await chat.next_edit(sheet)
    await rose.press(parts, "Objectifs")
    objectives = await chat.next_edit(parts)
    await rose.press(objectives, "2. Une clinique de vaccination dans l'immeuble en octobre")
    options = await chat.next_edit(objectives)
    await rose.press(options, "Changer la date")
    question = await chat.next_edit(options)
    await rose.send("15 mars")
    sheet = await chat.next_bot_message()
    assert "lundi 15 mars 2027" in sheet.plain_text
    del question

    await rose.press(sheet, "Modifier")
    parts = await chat.next_edit(sheet)
    await rose.press(parts, "Objectifs")
    objectives = await chat.next_edit(parts)
    await rose.press(objectives, objectives.button_texts[0])
    options = await chat.next_edit(objectives)
    await rose.press(options, "Retirer l'objectif")
    confirm = await chat.next_edit(options)  # removing asks once
    assert "deux fois par mois" in confirm.plain_text
    assert (await the_partnership(bot, rose)).objectives[0].text.startswith("Visites")
    remove = confirm.callback_data_for("Oui, le retirer")
    await rose.press(confirm, "Oui, le retirer")
    sheet = await chat.next_edit(confirm)
    assert "deux fois par mois" not in sheet.plain_text
    assert "1. Une clinique de vaccination" in sheet.plain_text
    [kept] = (await the_partnership(bot, rose)).objectives
    assert kept.success_sign == "40 locataires vaccinés"
    # The old confirmation pressed again: a polite word, nothing more is removed.
    again = await rose.press_data(remove)
    assert "ne fonctionne plus" in (again.text or "")
    assert len((await the_partnership(bot, rose)).objectives) == 1


async def test_the_pinned_card_is_posted_once_and_follows_every_change(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    group.set_bot_status("administrator", by=marie)
    chat = marie.private_chat
    duties = await walk_to_duties(marie)
    await marie.send("Marie — appelle le CLSC chaque mois")
    duties = await chat.next_bot_message()
    await marie.press(duties, "C'est tout")
    recipe = await chat.next_edit(duties)
    sheet = await answer_recipe(marie, recipe, ["Oui", "Oui", "Non", "Oui", "Oui", "Oui", "Oui"])
    await marie.press(sheet, "Enregistrer le partenariat")
    sheet = await chat.next_edit(sheet)
    # The private view coaches: the checklist's ❌ and the next steps.
    assert "❌" in sheet.plain_text and "Prochaines étapes" in sheet.plain_text

    # « Publish » pressed twice at once, then once more: one card, pinned.
    publish = "Publier et épingler dans le groupe"
    first, second = await asyncio.gather(marie.press(sheet, publish), marie.press(sheet, publish))
    card = await group.next_bot_message()
    third = await marie.press(sheet, publish)
    await bot.settle()
    assert group.pending_bot_messages() == [], group.transcript()
    assert group.pinned == [card.message_id]
    assert "Publié et épinglé dans le groupe." in {first.text, second.text}
    assert third.text == "La fiche dans le groupe est à jour et épinglée."
    # The pinned card shows the partnership; the coaching stays in private.
    assert "P-1" in card.plain_text and VISITS in card.plain_text
    assert "Marie — appelle le CLSC chaque mois" in card.plain_text
    assert "❌" not in card.plain_text and "Prochaines étapes" not in card.plain_text

    # A change to the partnership: the card is edited in place, nothing new is posted.
    await marie.press(sheet, "Modifier")
    parts = await chat.next_edit(sheet)
    await marie.press(parts, "Besoin")
    await chat.next_edit(parts)
    await marie.send("Beaucoup d'aînés sont isolés l'hiver.")
    sheet = await chat.next_bot_message()
    card = await group.next_edit(card)
    assert "Beaucoup d'aînés sont isolés l'hiver." in card.plain_text
    await marie.press(sheet, "Mettre en pause")
    sheet = await chat.next_edit(sheet)
    assert "en pause" in (await group.next_edit(card)).plain_text

    # « Objective achieved » is announced to the group: it asks once, before anything.
    await paul.send("/partenariat")
    menu = await paul.private_chat.next_bot_message()
    await paul.press(menu, menu.button_texts[0])
    paul_sheet = await paul.private_chat.next_edit(menu)
    await paul.press(paul_sheet, "Objectif atteint")
    choices = await paul.private_chat.next_edit(paul_sheet)
    await paul.press(choices, VISITS)
    confirm = await paul.private_chat.next_edit(choices)
    assert "groupe" in confirm.plain_text and VISITS in confirm.plain_text
    await bot.settle()
    assert group.pending_bot_messages() == []  # nothing announced yet
    [objective] = (await the_partnership(bot, marie)).objectives
    assert objective.achieved_on is None
    yes = confirm.callback_data_for("Oui, c'est atteint")
    await paul.press(confirm, "Oui, c'est atteint")
    after = await paul.private_chat.next_edit(confirm)
    assert "Atteint le" in after.plain_text
    party = await group.next_bot_message()
    assert "Objectif atteint" in party.plain_text
    card = await group.next_edit(card)
    assert "🎉" in card.plain_text and "Atteint le" in card.plain_text
    # The confirmation pressed again: no second celebration.
    again = await paul.press_data(yes, message=after)
    assert "déjà atteint" in (again.text or "")

    await marie.press(sheet, "Terminer")
    sheet = await chat.next_edit(sheet)
    await marie.press(sheet, "Oui, terminer")
    await chat.next_edit(sheet)
    assert "terminé" in (await group.next_edit(card)).plain_text
    await bot.settle()
    assert group.pending_bot_messages() == [] and group.pinned == [card.message_id]
    rows = await bot.storage.db.fetch_all("SELECT chat_id FROM partnership_cards")
    assert [row["chat_id"] for row in rows] == [group.id]
