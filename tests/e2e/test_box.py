"""The anonymous box: a resident writes without being recorded; members read it in /boite."""

from __future__ import annotations

from datetime import timedelta

from sandbox import SandboxServer
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.residents_steps import (
    BOX_WORDS,
    box_link,
    database_bytes,
    said,
    traces_of,
    write_to_box,
)
from tests.e2e.steps import committee_with_members, linked_group

HEATING = "Le chauffage ne marche plus au 3e étage depuis une semaine."
# A Telegram id nothing else in the database could contain by chance.
GINETTE_ID = 7_744_120_956


async def test_a_resident_who_is_not_a_member_writes_and_a_member_reads_it_in_the_box(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    url = await box_link(marie)
    ginette = world.add_user("Ginette", last_name="Lavoie", username="ginette_l")

    await ginette.open_link(url)
    opened = await ginette.private_chat.next_bot_message()
    text = opened.plain_text
    assert "La boîte — Association des locataires des Pins" in text
    assert BOX_WORDS in text
    assert "Ni votre nom, ni votre compte Telegram" in text
    await ginette.send(HEATING)
    received = await ginette.private_chat.next_bot_message()
    assert "Reçu" in received.plain_text and "ne saura pas qui" in received.plain_text
    assert received.button_texts == ["Je veux pouvoir lire une réponse"]

    await paul.send("/boite")
    box = await paul.private_chat.next_bot_message()
    assert "Nouveaux : 1" in said(box)
    assert "B-1" in box.plain_text and "Le chauffage ne marche plus" in box.plain_text
    # A member sees the box, not the coordinators' settings.
    assert "Canal des résidents" not in box.button_texts
    [open_it] = [label for label in box.button_texts if label.startswith("B-1")]
    await paul.press(box, open_it)
    item = await paul.private_chat.next_edit(box)
    assert HEATING in item.plain_text and "reçu le lundi 23 novembre 2026" in item.plain_text
    await paul.press(item, "⭐ Ajouter aux priorités")
    added = await paul.private_chat.next_bot_message()
    assert "Gardé pour la prochaine consultation" in added.plain_text and "P-1" in added.plain_text
    shown = await paul.private_chat.next_edit(item)
    assert "priorité proposée (P-1)" in shown.plain_text
    assert "⭐ Ajouter aux priorités" not in shown.button_texts

    # Nothing the committee sees can name her.
    for view in (box, item, shown):
        seen = view.plain_text + " ".join(view.button_texts)
        for trace in ("Ginette", "Lavoie", "ginette_l", str(ginette.id)):
            assert trace not in seen
    await marie.send("/boite")
    read = await marie.private_chat.next_bot_message()
    assert "Nouveaux : 0" in said(read) and "Lus : 1" in said(read)


async def test_the_database_keeps_no_trace_of_who_wrote(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    url = await box_link(marie)
    paul_before = await bot.storage.db.fetch_one(
        "SELECT * FROM people WHERE telegram_id = ?", (paul.id,)
    )
    persisted_before = await bot.storage.db.fetch_all("SELECT * FROM persistence")
    ginette = world.add_user(
        "Ginette", last_name="Lavoie", username="ginette_l", user_id=GINETTE_ID
    )

    received = await write_to_box(ginette, url, HEATING)
    await ginette.press(received, "Je veux pouvoir lire une réponse")
    await ginette.private_chat.next_edit(received)
    await ginette.send_sticker()
    await ginette.private_chat.next_bot_message()
    await ginette.send("/annuler")
    assert (
        "Rien de plus ne va dans la boîte"
        in (await ginette.private_chat.next_bot_message()).plain_text
    )
    # A member writes too: their own record says nothing about it.
    await write_to_box(paul, url, "On pourrait avoir un babillard au 2e.")
    await bot.settle()

    on_disk = database_bytes(bot.database_path)
    for trace in traces_of(ginette):
        assert trace not in on_disk, trace
    assert str(marie.id).encode() in on_disk  # the search does find what is there
    assert HEATING.encode() in on_disk
    assert (
        await bot.storage.db.fetch_one("SELECT * FROM people WHERE telegram_id = ?", (paul.id,))
        == paul_before
    )
    assert await bot.storage.db.fetch_all("SELECT * FROM persistence") == persisted_before
    # After a restart too (everything written is on disk, the write-ahead log included).
    await bot.restart()
    for trace in traces_of(ginette):
        assert trace not in database_bytes(bot.database_path), trace


async def test_a_private_answer_reaches_only_its_writer_even_after_a_restart(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, _ = await committee_with_members(world, "Marie")
    url = await box_link(marie)
    ginette = world.add_user("Ginette")
    received = await write_to_box(ginette, url, "Quand va-t-on repeindre le corridor?")
    await ginette.press(received, "Je veux pouvoir lire une réponse")
    wanted = await ginette.private_chat.next_edit(received)
    assert wanted.button_texts == ["Voir la réponse"]
    answer = await ginette.press(wanted, "Voir la réponse")
    assert answer.text == "Pas encore de réponse. Revenez plus tard." and answer.show_alert

    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    assert "✉️" in box.plain_text  # an answer is possible; who asked, nobody knows
    await marie.press(box, next(b for b in box.button_texts if b.startswith("B-1")))
    item = await marie.private_chat.next_edit(box)
    assert "peut lire une réponse privée" in item.plain_text
    await marie.press(item, "✉️ Répondre en privé")
    assert "Seule la personne" in (await marie.private_chat.next_bot_message()).plain_text
    await marie.send("Au printemps : l'office nous l'a promis pour avril.")
    done = await marie.private_chat.next_bot_message()
    assert "Je viens de la transmettre" in done.plain_text
    pushed = await ginette.private_chat.next_bot_message()
    assert "Réponse à votre message du lundi 23 novembre 2026" in pushed.plain_text
    assert "promis pour avril" in pushed.plain_text

    # Rita asks for an answer; the bot restarts and forgets her chat: the answer waits.
    rita = world.add_user("Rita")
    received = await write_to_box(rita, url, "Peut-on avoir un banc devant l'entrée?")
    await rita.press(received, "Je veux pouvoir lire une réponse")
    wanted = await rita.private_chat.next_edit(received)
    await bot.restart()
    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    await marie.press(box, next(b for b in box.button_texts if b.startswith("B-2")))
    item = await marie.private_chat.next_edit(box)
    await marie.press(item, "✉️ Répondre en privé")
    await marie.private_chat.next_bot_message()
    await marie.send("Oui, on le demande à l'office jeudi.")
    assert (
        "en appuyant sur « Voir la réponse »"
        in (await marie.private_chat.next_bot_message()).plain_text
    )
    await bot.settle()
    assert rita.private_chat.pending_bot_messages() == []
    await rita.press(wanted, "Voir la réponse")
    read = await rita.private_chat.next_bot_message()
    assert "La réponse du comité" in read.plain_text and "jeudi" in read.plain_text
    # One answer per message: the button is gone, and an old one changes nothing.
    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    await marie.press(box, "Le lien et l'affiche de la boîte")
    refused = await marie.press(item, "✉️ Répondre en privé")
    assert refused.show_alert and "déjà une réponse" in (refused.text or "")


async def test_bad_input_gets_a_clear_answer_and_nothing_received_is_lost(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, _ = await committee_with_members(world, "Marie")
    url = await box_link(marie)
    jean = world.add_user("Jean")
    chat = jean.private_chat
    await jean.open_link(url)
    await chat.next_bot_message()
    await jean.send("   ")
    assert "Votre message est vide" in (await chat.next_bot_message()).plain_text
    await jean.send("a" * 2001)
    too_long = await chat.next_bot_message()
    assert "trop long" in too_long.plain_text and "2001 caractères" in too_long.plain_text
    await jean.send_sticker()
    assert "ne prend que du texte" in (await chat.next_bot_message()).plain_text
    for n in range(1, 6):
        await jean.send(f"Idée numéro {n}")
        assert (await chat.next_bot_message()).plain_text.startswith("Reçu.")
    await jean.send("Idée numéro 6")
    flood = await chat.next_bot_message()
    assert "plusieurs messages en peu de temps" in flood.plain_text
    assert "n'a pas été gardé" in flood.plain_text
    # Someone else is not slowed down by Jean.
    await write_to_box(world.add_user("Rita"), url, "Une idée de Rita")

    items = await bot.storage.box.of_committee(
        (await bot.storage.committees.memberships_of(marie.id))[0].committee.id
    )
    assert sorted(item.text for item in items) == [
        "Idée numéro 1",
        "Idée numéro 2",
        "Idée numéro 3",
        "Idée numéro 4",
        "Idée numéro 5",
        "Une idée de Rita",
    ]
    # After a restart the box is closed (its state was in memory only): a text is not kept.
    await bot.restart()
    await jean.send("Encore une idée")
    assert "pas compris" in (await chat.next_bot_message()).plain_text
    assert len(await bot.storage.box.of_committee(items[0].committee_id)) == 6


async def test_messages_are_archived_marked_and_put_back_and_old_buttons_change_nothing(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, _ = await committee_with_members(world, "Marie")
    url = await box_link(marie)
    await write_to_box(world.add_user("Jean"), url, "Merci pour la fête!")
    await write_to_box(world.add_user("Rita"), url, "Des mots blessants envers un voisin")
    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    # Newest first.
    assert box.button_texts[0].startswith("B-2") and box.button_texts[1].startswith("B-1")
    await marie.press(box, box.button_texts[0])
    item = await marie.private_chat.next_edit(box)
    archive = item.callback_data_for("Archiver")
    await marie.press(item, "Signaler comme abusif")
    marked = await marie.private_chat.next_edit(item)
    assert "Signalé comme abusif" in marked.plain_text
    assert "Remettre dans la boîte" in marked.button_texts
    refused = await marie.press_data(archive, message=marked)  # an « Archiver » left behind
    assert refused.show_alert
    assert refused.text == "Ce message a déjà été archivé ou signalé\u00a0: rien n'a été changé."
    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    assert "blessants" not in box.plain_text and "Messages archivés" in box.button_texts
    await marie.press(box, "Messages archivés")
    old = await marie.private_chat.next_edit(box)
    assert "(signalé comme abusif)" in old.plain_text and "blessants" not in old.plain_text
    await marie.press(old, "B-2")
    item = await marie.private_chat.next_edit(old)
    await marie.press(item, "Remettre dans la boîte")
    back = await marie.private_chat.next_edit(item)
    assert "Archiver" in " ".join(back.button_texts)
    await marie.press(back, "Archiver")
    archived = await marie.private_chat.next_edit(back)
    assert "Archivé." in archived.plain_text


async def test_the_group_hears_of_new_messages_the_next_day_never_the_hour(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, _ = await committee_with_members(world, "Marie")
    group = await linked_group(world, marie, "Locataires des Pins")
    url = await box_link(marie)
    await write_to_box(world.add_user("Jean"), url, "Le stationnement n'est pas déneigé.")
    await write_to_box(world.add_user("Rita"), url, "L'ascenseur est souvent en panne.")
    await bot.tick()
    assert group.pending_bot_messages() == []  # not the minute they come
    assert isinstance(bot.clock, ManualClock)
    bot.clock.advance(timedelta(days=1))  # Tuesday 9:00, then the usual hour
    await bot.tick()
    bot.clock.advance(timedelta(hours=1, minutes=1))
    await bot.tick()
    news = await group.next_bot_message()
    assert "2 nouveaux messages dans la boîte (lundi 23 novembre 2026)" in news.plain_text
    assert news.button_texts == ["Ouvrir la boîte en privé"]
    # /boite in the group: the messages are read in private.
    await marie.send("/boite", chat=group)
    answer = await group.next_bot_message()
    assert "se lit en privé" in answer.plain_text and "stationnement" not in answer.plain_text
    await marie.open_link(answer.url_for("Ouvrir la boîte en privé") or "")
    box = await marie.private_chat.next_bot_message()
    assert "stationnement" in box.plain_text
