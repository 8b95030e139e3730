"""A partnership's sheet is kept as the committee writes it: « who does what » grows a line at a
time, objectives are changed or removed, a public announcement asks once, and the pinned card
in the group follows every change instead of being posted again."""

from __future__ import annotations

from bot.domain.entities import Partnership
from sandbox import BotMessage, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members
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
