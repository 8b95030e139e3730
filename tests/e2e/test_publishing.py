"""« Publier pour les résidents » is offered after a compte rendu, a success, a next meeting
notice; nothing reaches the channel until a member presses it, and the channel post and the
printed sheet say the same thing. /parametres leads to the channel and the contact."""

from __future__ import annotations

import io

from pypdf import PdfReader

from sandbox import BotMessage, SandboxChannel, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.residents_steps import said
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_meeting import record_meeting, record_meeting_and_offer
from tests.e2e.test_partnership import walk_clsc
from tests.e2e.test_residents_channel import linked_channel

WAITING = "Rien n'est publié tant que vous n'appuyez pas sur le bouton."


def printed_text(sheet: BotMessage) -> str:
    assert sheet.document is not None and sheet.document.file_name.endswith(".pdf")
    pages = PdfReader(io.BytesIO(sheet.document.content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages).replace("\u00a0", " ")


async def publish_and_print(
    member: SandboxUser, preview: BotMessage, channel: SandboxChannel
) -> tuple[BotMessage, str]:
    """The member publishes the preview, then prints it: the post, and the sheet's text."""
    assert channel.pending_bot_messages() == []  # nothing went out by itself
    await member.press(preview, "Publier pour les résidents")
    assert "Publié dans le canal" in (await member.private_chat.next_bot_message()).plain_text
    post = await channel.next_bot_message()
    await member.press(preview, "Imprimer la feuille (PDF)")
    printed = printed_text(await member.private_chat.next_bot_message())
    for line in said(post).splitlines():
        if line.strip():
            assert " ".join(line.lstrip("—• ").split()) in printed, line
    return post, printed


async def test_a_compte_rendu_reaches_the_channel_only_when_a_member_publishes_it(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    channel = await linked_channel(sandbox, marie)
    minutes, preview = await record_meeting_and_offer(marie, group)
    assert "Compte rendu" in minutes.plain_text
    assert WAITING in said(preview)
    for internal in ("D-1", "S-1", "R-1", "Tremblay"):
        assert internal not in preview.plain_text

    post, printed = await publish_and_print(marie, preview, channel)
    text = said(post)
    assert "On demande la réparation de la porte du local." in text
    assert "Appeler l'office pour la porte — Paul" in text
    assert "Prochaine réunion" in text and "15 décembre 2026 à 19 h" in text
    assert "Marie, Paul, Gérard, Lucie" in text  # first names only
    assert "D-1" not in printed and "Tremblay" not in printed


async def test_an_objective_achieved_is_offered_to_the_residents_without_internal_notes(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    await linked_group(sandbox.world, marie, "Locataires")
    channel = await linked_channel(sandbox, marie)
    chat = marie.private_chat
    review = await walk_clsc(marie)
    await marie.press(review, "Enregistrer le partenariat")
    sheet = await chat.next_edit(review)
    await marie.press(sheet, "Objectif atteint")
    choices = await chat.next_edit(sheet)
    await marie.press(choices, "Visites aux locataires seuls ou malades chaque mois")
    confirm = await chat.next_edit(choices)
    await marie.press(confirm, "Oui, c'est atteint")
    await chat.next_edit(confirm)
    preview = await chat.next_bot_message()
    assert WAITING in said(preview)
    assert "Une réussite pour l'immeuble" in preview.plain_text
    assert "Des locataires âgés restent seuls" not in preview.plain_text  # the need stays inside

    post, _printed = await publish_and_print(marie, preview, channel)
    assert "Visites aux locataires seuls ou malades chaque mois" in post.plain_text
    assert "CLSC de Limoilou" in post.plain_text


async def test_a_follow_up_done_for_an_objective_can_be_told_to_the_residents(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires")
    channel = await linked_channel(sandbox, marie)
    chat = marie.private_chat
    review = await walk_clsc(marie)
    await marie.press(review, "Enregistrer le partenariat")
    sheet = await chat.next_edit(review)
    await marie.press(sheet, "Suivi pour un objectif")
    objectives = await chat.next_edit(sheet)
    await marie.press(objectives, "Visites aux locataires seuls ou malades chaque mois")
    await chat.next_edit(objectives)
    await marie.send("/suivis")
    overview = await chat.next_bot_message()
    await marie.press(overview, overview.button_texts[0])
    detail = await chat.next_edit(overview)
    await marie.press(detail, "✅ Fait")
    await chat.next_edit(detail)
    await group.next_bot_message()
    question = await chat.next_bot_message()
    assert "est-il atteint" in question.plain_text
    await marie.press(question, "Le dire aux résidents")
    preview = await chat.next_bot_message()
    assert WAITING in said(preview) and "C'est fait" in preview.plain_text
    post, _printed = await publish_and_print(marie, preview, channel)
    assert "Visites aux locataires seuls ou malades chaque mois" in post.plain_text
    assert "S-1" not in post.plain_text


async def test_the_next_meeting_is_announced_to_the_residents_from_the_meetings_menu(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    channel = await linked_channel(sandbox, marie)
    await record_meeting(marie, group)
    await marie.send("/reunion")
    menu = await marie.private_chat.next_bot_message()
    await marie.press(menu, "Annoncer la prochaine réunion")
    preview = await marie.private_chat.next_bot_message()
    assert WAITING in said(preview)
    assert "Prochaine réunion" in preview.plain_text
    post, _printed = await publish_and_print(marie, preview, channel)
    assert "mardi 15 décembre 2026 à 19 h" in post.plain_text.lower()


async def test_the_settings_lead_to_the_channel_and_the_contact(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    assert "Canal des résidents : aucun" in said(settings)
    assert "Contact imprimé sur les feuilles : aucun" in said(settings)
    await marie.press(settings, "Canal des résidents")
    steps = await marie.private_chat.next_edit(settings)
    assert "Un canal pour les résidents" in steps.plain_text
    await marie.send("/annuler")
    await marie.private_chat.next_bot_message()

    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    await marie.press(settings, "Contact imprimé sur les feuilles")
    await marie.private_chat.next_bot_message()
    await marie.send("Marie Tremblay")
    await marie.private_chat.next_bot_message()
    await marie.send("Appartement 12, ou laissez un mot dans la boîte")
    await marie.private_chat.next_bot_message()
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    assert "Contact imprimé sur les feuilles : Marie Tremblay" in said(settings)
    await paul.send("/parametres")
    assert "coordonne" in (await paul.private_chat.next_bot_message()).plain_text


async def test_the_notice_board_sheet_of_exporter_is_the_lobby_sheet(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await linked_channel(sandbox, marie)
    await record_meeting(marie, group)
    await marie.send("/exporter")
    menu = await marie.private_chat.next_bot_message()
    await marie.press(menu, next(b for b in menu.button_texts if b.startswith("Dernière réunion")))
    pdf, markdown, _ics = [await marie.private_chat.next_bot_message() for _ in range(3)]
    assert pdf.document is not None
    reader = PdfReader(io.BytesIO(pdf.document.content))
    printed = printed_text(pdf)
    assert "On demande la réparation de la porte du local." in printed
    for code in ("D-1", "S-1", "R-1", "Tremblay"):
        assert code not in printed  # no internal codes; first names only
    assert len(reader.pages[0].images) == 2  # the box and the channel, as QR codes
    sizes: list[float] = []

    def visit(text: str, _cm: object, tm: list[float], _font: object, size: float) -> None:
        if "On demande la réparation" in text:
            sizes.append(size * abs(tm[0]) if tm[0] else size)

    reader.pages[0].extract_text(visitor_text=visit)
    assert sizes and all(14 <= size <= 16 for size in sizes)
    # The committee's own record keeps its references.
    assert markdown.document is not None and b"D-1" in markdown.document.content
