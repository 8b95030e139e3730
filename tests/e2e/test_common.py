"""Help, language, the command menu, and answers to the unexpected."""

from __future__ import annotations

from conversations.help.buttons import Language
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import create_committee, invitation_link


async def test_help_is_short_and_in_french(sandbox: SandboxServer, bot: BotHarness) -> None:
    amina = sandbox.world.add_user("Amina")
    await amina.send("/aide")
    help_text = await amina.private_chat.next_bot_message()
    assert "/langue" in help_text.plain_text
    assert "/annuler" in help_text.plain_text
    assert "Commandes" in help_text.plain_text
    assert len(help_text.plain_text) < 1500


async def test_language_is_chosen_per_person(sandbox: SandboxServer, bot: BotHarness) -> None:
    tom = sandbox.world.add_user("Tom", language_code="fr")
    chat = tom.private_chat
    await tom.send("/langue")
    question = await chat.next_bot_message()
    assert question.button_texts == ["Français", "English", "Español", "العربية"]
    await tom.press(question, "English")
    confirmed = await chat.next_edit(question)
    assert "English" in confirmed.plain_text

    await tom.send("/help")
    help_text = await chat.next_bot_message()
    assert "Commands" in help_text.plain_text
    assert "/language" in help_text.plain_text
    person = await bot.storage.people.get(tom.id)
    assert person is not None and person.language == "en"

    # Another person is not affected.
    lea = sandbox.world.add_user("Léa", language_code="fr")
    await lea.send("/aide")
    assert "Commandes" in (await lea.private_chat.next_bot_message()).plain_text

    await tom.send("/language")
    question = await chat.next_bot_message()
    await tom.press(question, "Français")
    assert "français" in (await chat.next_edit(question)).plain_text

    # A language the bot does not speak (a forged or old button) changes nothing.
    refused = await tom.press_data(Language(locale="de").data)
    assert "ne fonctionne plus" in (refused.text or "")
    person = await bot.storage.people.get(tom.id)
    assert person is not None and person.language == "fr_CA"


async def test_an_english_telegram_gets_english_until_they_choose(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    sam = sandbox.world.add_user("Sam", language_code="en-US")
    await sam.send("/start")
    welcome = await sam.private_chat.next_bot_message()
    assert "Create a committee" in welcome.button_texts


async def test_unknown_commands_and_text_get_a_pointer_to_help(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    max_ = sandbox.world.add_user("Max")
    await max_.send("/nimportequoi")
    assert "/aide" in (await max_.private_chat.next_bot_message()).plain_text
    await max_.send("bonjour")
    assert "pas compris" in (await max_.private_chat.next_bot_message()).plain_text


async def test_commands_are_registered_per_language(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    private_fr = dict(world.bot_commands("all_private_chats", "fr"))
    private_en = dict(world.bot_commands("all_private_chats", "en"))
    private_default = dict(world.bot_commands("all_private_chats"))
    groups_fr = dict(world.bot_commands("all_group_chats", "fr"))
    assert list(private_fr) == [
        "start", "partenariat", "mandat", "decision", "reunion", "suivis", "demande", "boite",
        "priorites", "bilan", "exporter", "aide", "langue", "parametres", "oublier", "annuler",
    ]  # fmt: skip
    assert list(private_en) == [
        "start", "partnership", "mandate", "decision", "meeting", "followups", "request", "box",
        "priorities", "summary", "export", "help", "language", "settings", "forget", "cancel",
    ]  # fmt: skip
    assert private_default == private_fr
    assert private_fr["aide"] == "Ce que je peux faire"
    assert private_en["help"] == "What I can do"
    assert private_fr["boite"] == "La boîte anonyme\u00a0: ce que les résidents ont écrit"
    assert private_en["priorities"] == "The tenants' priorities for the year"
    # Spanish and Arabic menus keep the French names, described in their language.
    assert dict(world.bot_commands("all_private_chats", "es"))["priorites"] == (
        "Las prioridades de los inquilinos para el año"
    )
    assert "boite" in dict(world.bot_commands("all_group_chats", "ar"))
    # Choosing a language is personal: it is offered in private chats only.
    assert "langue" not in groups_fr


async def test_a_person_who_blocks_the_bot_is_remembered_and_nothing_breaks(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)
    link = await invitation_link(marie)

    marie.block_bot()
    await bot.settle()
    person = await bot.storage.people.get(marie.id)
    assert person is not None and person.bot_blocked

    # The newcomer is welcomed even though the inviter cannot be told.
    kim = sandbox.world.add_user("Kim")
    await kim.open_link(link)
    assert "Bienvenue" in (await kim.private_chat.next_bot_message()).plain_text


async def test_a_sticker_in_the_middle_of_the_wizard_gets_an_answer_and_loses_nothing(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    ines = sandbox.world.add_user("Inès")
    chat = ines.private_chat
    await ines.send("/start new")
    await chat.next_bot_message()
    await ines.send_sticker()
    assert "messages écrits" in (await chat.next_bot_message()).plain_text
    # Still on the same question: the next text is taken as the name.
    await ines.send("Comité des Érables")
    assert "Comité des Érables" in (await chat.next_bot_message()).plain_text


async def test_forget_erases_a_person_and_keeps_the_committees_records(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    from tests.e2e.steps import committee_with_members

    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.send("/decision On répare la porte. Paul s'en occupe d'ici vendredi.")
    await marie.private_chat.next_bot_message()
    [membership] = await bot.storage.committees.memberships_of(marie.id)

    await paul.send("/oublier")
    question = await paul.private_chat.next_bot_message()
    await paul.press(question, "Non, tout garder")
    assert "Rien n'a été effacé" in (await paul.private_chat.next_edit(question)).plain_text
    assert await bot.storage.people.get(paul.id) is not None

    await paul.send("/oublier")
    question = await paul.private_chat.next_bot_message()
    await paul.press(question, "Oui, effacer mes données")
    assert "effacées" in (await paul.private_chat.next_edit(question)).plain_text
    await bot.settle()
    assert await bot.storage.people.get(paul.id) is None
    assert await bot.storage.committees.memberships_of(paul.id) == []
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.responsible_id is None
    assert follow_up.responsible_name == "(personne retirée)"
