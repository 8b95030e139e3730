"""A general assembly: its notice for the residents, a printable attendance sheet and a
printable ballot, and the results a coordinator types back in afterwards."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

from sandbox import BotMessage, SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.residents_steps import said
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_publishing import publish_and_print
from tests.e2e.test_residents_channel import linked_channel

QUESTIONS = ("Adopter les priorités des locataires pour 2027", "Élire Paul au conseil")


def pdf_of(message: BotMessage) -> PdfReader:
    assert message.document is not None and message.document.file_name.endswith(".pdf")
    return PdfReader(io.BytesIO(message.document.content))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def smallest_body(reader: PdfReader) -> float:
    """The smallest size of the text a person reads (not the footer: who made it, page 1/2)."""
    sizes: list[float] = []

    def visit(text: str, _cm: Any, tm: Any, _font: Any, size: float) -> None:
        if (
            text.strip()
            and "comite-bot" not in text
            and not re.fullmatch(r"\d+/\d+", text.strip())
        ):
            sizes.append(size * abs(tm[0]) if tm[0] else size)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return min(sizes)


async def test_a_general_assembly_is_announced_printed_and_its_results_typed_back(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await linked_group(sandbox.world, marie, "Locataires des Pins")
    channel = await linked_channel(sandbox, marie)
    chat = marie.private_chat

    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Préparer une assemblée générale")
    when = await chat.next_edit(menu)
    assert "Quand aura lieu l'assemblée générale?" in when.plain_text
    await marie.send("le 10 décembre à 19 h")
    place = await chat.next_bot_message()
    await marie.send("Salle communautaire, 2e étage")
    questions = await chat.next_bot_message()
    assert "une par ligne" in questions.plain_text
    await marie.send("\n".join(QUESTIONS))
    card = await chat.next_bot_message()
    text = said(card)
    assert "Assemblée générale" in text and "Jeudi 10 décembre 2026 à 19 h" in text
    assert "Lieu : Salle communautaire, 2e étage" in text
    assert f"1. {QUESTIONS[0]}" in text and f"2. {QUESTIONS[1]}" in text
    del place

    # The notice: offered, published by a member; the post and the sheet say the same.
    await marie.press(card, "Avis pour les résidents")
    preview = await chat.next_bot_message()
    post, _printed = await publish_and_print(marie, preview, channel)
    assert "Assemblée générale" in post.plain_text and QUESTIONS[1] in post.plain_text
    assert "Lieu : Salle communautaire, 2e étage" in said(post)

    # The attendance sheet and the ballot, in large type.
    await marie.press(card, "Feuille de présences (PDF)")
    attendance = pdf_of(await chat.next_bot_message())
    printed = text_of(attendance)
    for words in ("Feuille de présences", "Nom", "Appartement", "Signature", "10 décembre"):
        assert words in printed, words
    assert smallest_body(attendance) >= 14
    await marie.press(card, "Bulletin de vote (PDF)")
    ballot = pdf_of(await chat.next_bot_message())
    printed = text_of(ballot)
    for words in ("Bulletin de vote", QUESTIONS[0], QUESTIONS[1], "Pour", "Contre", "Abstention"):
        assert words in printed, words
    assert smallest_body(ballot) >= 14

    # After the assembly, a coordinator types the counts back in.
    refused = await paul.press_data(card.callback_data_for("Entrer les résultats du vote"))
    assert refused.show_alert and "coordonne" in (refused.text or "")
    await marie.press(card, "Entrer les résultats du vote")
    first = await chat.next_bot_message()
    assert QUESTIONS[0] in first.plain_text and "23 4 2" in first.plain_text
    await marie.send("23 4 2")
    second = await chat.next_bot_message()
    assert QUESTIONS[1] in second.plain_text
    await marie.send("pas un nombre")
    assert "trois nombres" in (await chat.next_bot_message()).plain_text
    await marie.send("12 pour, 15 contre, 0 abstention")
    results = await chat.next_bot_message()
    lines = said(results)
    assert f"1. {QUESTIONS[0]} : adoptée (pour 23, contre 4, abstention 2)" in lines
    assert f"2. {QUESTIONS[1]} : rejetée (pour 12, contre 15, abstention 0)" in lines
    offer = await chat.next_bot_message()
    assert "Rien n'est publié tant que vous n'appuyez pas" in offer.plain_text
    assert "adoptée" in offer.plain_text

    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [assembly] = await bot.storage.assemblies.of_committee(membership.committee.id)
    assert [(q.text, q.counts) for q in assembly.questions] == [
        (QUESTIONS[0], (23, 4, 2)),
        (QUESTIONS[1], (12, 15, 0)),
    ]
