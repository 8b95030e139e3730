"""The residents' channel: linked step by step, checked with Telegram; only what a person
chooses is published there, and the channel post and the printed sheet say the same thing."""

from __future__ import annotations

import io

from pypdf import PdfReader

from sandbox import SandboxChannel, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.residents_steps import BOX_WORDS, box_link, said, write_to_box
from tests.e2e.steps import committee_with_members, linked_group


async def open_channel_setup(marie: SandboxUser) -> str:
    """The coordinator opens « Canal des résidents » from /boite; returns the steps shown."""
    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    await marie.press(box, "Canal des résidents")
    return said(await marie.private_chat.next_edit(box))


async def linked_channel(world_server: SandboxServer, marie: SandboxUser) -> SandboxChannel:
    channel = world_server.world.add_channel(
        "Résidents des Pins", creator=marie, username="residents_pins"
    )
    await open_channel_setup(marie)
    await channel.add_bot(by=marie)
    await marie.private_chat.next_bot_message()  # « You made me an administrator… »
    await marie.send("@residents_pins")
    assert "C'est fait!" in (await marie.private_chat.next_bot_message()).plain_text
    await marie.private_chat.next_bot_message()  # « To start, you may present the box »
    await marie.private_chat.next_bot_message()  # its preview
    return channel


async def test_a_coordinator_links_the_channel_step_by_step_and_the_bot_checks_it(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    channel = world.add_channel("Résidents des Pins", creator=marie, username="residents_pins")
    channel.subscribe(paul)

    steps = await open_channel_setup(marie)
    assert "Un canal pour les résidents" in steps
    for step in (
        "Nouveau canal",
        "Administrateurs",
        "@comite_sandbox_bot",
        "Publier des messages",
    ):
        assert step in steps
    await marie.send("pas un nom de canal")
    assert "commence par @" in (await marie.private_chat.next_bot_message()).plain_text
    await marie.send("@residents_pins")
    assert (
        "Je ne suis pas encore administrateur"
        in (await marie.private_chat.next_bot_message()).plain_text
    )
    await channel.add_bot(by=marie, can_post_messages=False)
    await marie.send("https://t.me/residents_pins")
    assert "sans le droit de publier" in (await marie.private_chat.next_bot_message()).plain_text

    await channel.add_bot(by=marie)
    offer = await marie.private_chat.next_bot_message()
    assert "Vous m'avez fait administrateur du canal « Résidents des Pins »" in offer.plain_text
    await marie.send("@residents_pins")
    done = await marie.private_chat.next_bot_message()
    assert "Le canal « Résidents des Pins » est relié à ce comité" in done.plain_text
    await marie.private_chat.next_bot_message()
    preview = await marie.private_chat.next_bot_message()
    assert "Rien n'est publié tant que vous n'appuyez pas" in preview.plain_text
    assert channel.pending_bot_messages() == []  # nothing goes out by itself

    await marie.press(preview, "Publier pour les résidents")
    assert "Publié dans le canal" in (await marie.private_chat.next_bot_message()).plain_text
    post = await channel.next_bot_message()
    assert "Écrivez au comité" in post.plain_text and BOX_WORDS in post.plain_text
    url = post.url_for("Écrire au comité (anonyme)")
    assert url is not None and "?start=box-" in url
    again = await marie.press(preview, "Imprimer la feuille (PDF)")
    assert again.text is None
    sheet = await marie.private_chat.next_bot_message()
    assert sheet.document is not None
    # The post and the sheet say the same thing: every line of the post is on the sheet
    # (the post is signed « — committee », the sheet has the committee's name under its title).
    printed = " ".join(
        PdfReader(io.BytesIO(sheet.document.content)).pages[0].extract_text().split()
    )
    for line in said(post).splitlines():
        if line.strip():
            assert " ".join(line.lstrip("— ").split()) in printed.replace("\u00a0", " "), line
    assert len(PdfReader(io.BytesIO(sheet.document.content)).pages[0].images) == 2
    # A second press publishes nothing twice.
    publish = preview.callback_data_for("Imprimer la feuille (PDF)").replace("print", "post")
    refused = await marie.press_data(publish, message=preview)
    assert refused.show_alert and "déjà publié" in (refused.text or "")
    assert channel.pending_bot_messages() == []


async def test_a_private_channel_is_linked_from_the_message_sent_when_the_bot_joins_it(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    group = await linked_group(world, marie, "Locataires des Pins")
    private = world.add_channel("Nouvelles des Pins", creator=marie)
    private.add_admin(paul)
    # Paul is an administrator of the channel but not a coordinator: nothing is offered.
    await private.add_bot(by=paul)
    await bot.settle()
    assert paul.private_chat.pending_bot_messages() == []
    await private.add_bot(by=marie)
    offer = await marie.private_chat.next_bot_message()
    await marie.press(offer, "Le relier à ce comité : Association des locataires des Pins")
    assert "est relié à ce comité" in (await marie.private_chat.next_bot_message()).plain_text
    await marie.private_chat.next_bot_message()  # « To start, you may present the box »
    await marie.private_chat.next_bot_message()  # its preview

    # A post by an administrator in the channel is never taken as a command.
    await private.post("/aide", by=marie)
    await bot.settle()
    assert private.pending_bot_messages() == []
    # Demoted: the group hears that posts no longer go out, and a publish says so.
    private.set_bot_status("administrator", by=marie, can_post=False)
    lost = await group.next_bot_message()
    assert "Je ne peux plus publier dans le canal des résidents « Nouvelles des Pins »" in (
        lost.plain_text
    )
    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    await marie.press(box, "Canal des résidents")
    status = await marie.private_chat.next_edit(box)
    assert "Je ne peux plus y publier" in said(status)
    await marie.press(status, "Vérifier le canal")
    assert "sans le droit de publier" in (await marie.private_chat.next_bot_message()).plain_text


async def test_a_public_answer_goes_to_the_channel_only_when_a_member_publishes_it(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    channel = await linked_channel(sandbox, marie)
    url = await box_link(marie)
    ginette = world.add_user("Ginette", last_name="Lavoie")
    received = await write_to_box(ginette, url, "Pourquoi la salle est-elle fermée le soir?")
    await ginette.press(received, "Je veux pouvoir lire une réponse")
    wanted = await ginette.private_chat.next_edit(received)

    await paul.send("/boite")
    box = await paul.private_chat.next_bot_message()
    await paul.press(box, next(b for b in box.button_texts if b.startswith("B-1")))
    item = await paul.private_chat.next_edit(box)
    await paul.press(item, "📣 Répondre dans le canal")
    assert "Vous la verrez avant" in (await paul.private_chat.next_bot_message()).plain_text
    await paul.send("Faute de bénévoles. Si vous voulez aider, écrivez-nous!")
    preview = await paul.private_chat.next_bot_message()
    assert "Pourquoi la salle est-elle fermée" in preview.plain_text
    assert channel.pending_bot_messages() == []
    await paul.press(preview, "Publier pour les résidents")
    await paul.private_chat.next_bot_message()
    post = await channel.next_bot_message()
    assert "Un résident nous a écrit" in post.plain_text
    assert "Faute de bénévoles" in post.plain_text
    assert "Ginette" not in post.plain_text and "Lavoie" not in post.plain_text
    assert "Paul" not in post.plain_text  # who answered is the committee's business

    await ginette.press(wanted, "Voir la réponse")
    read = await ginette.private_chat.next_bot_message()
    assert "dans son canal" in read.plain_text and "Faute de bénévoles" in read.plain_text
    await paul.send("/boite")
    box = await paul.private_chat.next_bot_message()
    await paul.press(box, next(b for b in box.button_texts if b.startswith("B-1")))
    item = await paul.private_chat.next_edit(box)
    assert "Réponse dans le canal" in said(item)
    assert "📣 Répondre dans le canal" not in item.button_texts


async def test_the_contact_printed_on_sheets_and_unlinking_the_channel(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    world = sandbox.world
    marie, [paul] = await committee_with_members(world, "Marie", "Paul")
    channel = await linked_channel(sandbox, marie)
    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    await marie.press(box, "Contact imprimé sur les feuilles")
    assert "Qui est-ce?" in (await marie.private_chat.next_bot_message()).plain_text
    await marie.send("Marie Tremblay, présidente")
    assert "Comment les résidents" in (await marie.private_chat.next_bot_message()).plain_text
    await marie.send("Local communautaire, le mardi de 13 h à 15 h")
    assert "Les feuilles indiqueront" in (await marie.private_chat.next_bot_message()).plain_text

    await box_link(paul)  # the poster comes with the link
    poster = paul.private_chat.messages[-1]
    assert poster.document is not None
    page = PdfReader(io.BytesIO(poster.document.content)).pages[0]
    printed = " ".join(page.extract_text().split())
    assert "Pour joindre le comité Marie Tremblay, présidente" in printed.replace("\u00a0", " ")
    assert "Local communautaire, le mardi de 13 h à 15 h" in printed
    assert len(page.images) == 2  # the box, and the public channel

    await marie.send("/boite")
    box = await marie.private_chat.next_bot_message()
    await marie.press(box, "Canal des résidents")
    status = await marie.private_chat.next_edit(box)
    assert "« Résidents des Pins » (@residents_pins)" in status.plain_text
    await marie.press(status, "Délier le canal")
    gone = await marie.private_chat.next_edit(status)
    assert "n'est plus relié" in gone.plain_text
    assert await bot.storage.resident_channels.by_chat(channel.id) is None
