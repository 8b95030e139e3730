"""A mandate is kept as the committee means it: its draft is corrected part by part before the
vote, and each report-back button says which point it acts on, and shows what it did."""

from __future__ import annotations

from bot.domain.entities import MandateStatus
from sandbox import BotMessage, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.test_mandate import OFFICE, draft_mandate, setup


async def edit_part(marie: SandboxUser, review: BotMessage, part: str) -> BotMessage:
    """« Edit » under the review, then the part: returns the part's question."""
    chat = marie.private_chat
    await marie.press(review, "Modifier")
    parts = await chat.next_edit(review)
    await marie.press(parts, part)
    return await chat.next_edit(parts)


async def test_a_mandate_draft_is_corrected_part_by_part_before_the_vote(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul, _rose, _luc], group = await setup(sandbox)
    chat = marie.private_chat
    review = await draft_mandate(marie, "Paul")
    assert "Représentant ou représentante\u00a0: Paul" in review.plain_text

    who = await edit_part(marie, review, "Représentant ou représentante")
    await marie.press(who, "Rose")
    review = await chat.next_edit(who)
    assert "Représentant ou représentante\u00a0: Rose" in review.plain_text

    partner = await edit_part(marie, review, "Partenaire")
    await marie.send("CLSC de Limoilou")
    review = await chat.next_bot_message()
    assert "Avec\u00a0: CLSC de Limoilou" in review.plain_text and OFFICE not in review.plain_text
    del partner

    # The date changes what « valid until » proposes: it is asked again, then the review.
    await edit_part(marie, review, "Rencontre ou période")
    await marie.send("vendredi à 10 h")
    validity = await chat.next_bot_message()
    assert "vendredi 27 novembre 2026" in validity.button_texts[0]
    await marie.press(validity, validity.button_texts[0])
    review = await chat.next_edit(validity)
    assert "vendredi 27 novembre 2026 à 10 h" in review.plain_text

    await edit_part(marie, review, "Positions à porter")
    await marie.send("Le chauffage doit être réparé avant Noël")
    review = await chat.next_bot_message()
    assert "Le chauffage doit être réparé avant Noël" in review.plain_text
    assert "La porte du local" not in review.plain_text

    await edit_part(marie, review, "Peut s'entendre seul ou seule sur")
    await marie.send("Une date pour la réparation")
    review = await chat.next_bot_message()
    await edit_part(marie, review, "Doit revenir au comité")
    await marie.send("Toute hausse de loyer")
    review = await chat.next_bot_message()
    assert "Une date pour la réparation" in review.plain_text
    assert "Toute hausse de loyer" in review.plain_text
    assert "Tout changement aux règlements" not in review.plain_text

    edit = review.callback_data_for("Modifier")
    await marie.press(review, "Soumettre au vote du groupe")
    await chat.next_edit(review)
    vote = await group.next_bot_message()
    for text in (
        "Rose",
        "CLSC de Limoilou",
        "vendredi 27 novembre 2026 à 10 h",
        "Le chauffage doit être réparé avant Noël",
        "Toute hausse de loyer",
    ):
        assert text in vote.plain_text, text  # fmt: skip

    # Once submitted, the draft's buttons change nothing.
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [mandate] = await bot.storage.mandates.of_committee(membership.committee.id)
    assert mandate.status is MandateStatus.VOTING
    late = await marie.press_data(edit)
    assert late.show_alert and "plus un brouillon" in (late.text or "")
    assert (await bot.storage.mandates.get(mandate.id)) == mandate
