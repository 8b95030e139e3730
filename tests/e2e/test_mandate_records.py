"""A mandate is kept as the committee means it: its draft is corrected part by part before the
vote, and each report-back button says which point it acts on, and shows what it did."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.entities import MandateStatus
from sandbox import BotMessage, SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.test_mandate import OFFICE, draft_mandate, open_vote, setup


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
    assert "Qui représente le comité\u00a0: Paul" in review.plain_text

    who = await edit_part(marie, review, "Qui représente le comité")
    await marie.press(who, "Rose")
    review = await chat.next_edit(who)
    assert "Qui représente le comité\u00a0: Rose" in review.plain_text

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

    await edit_part(marie, review, "Accepter sans le comité")
    await marie.send("Une date pour la réparation")
    review = await chat.next_bot_message()
    await edit_part(marie, review, "Ce qui doit revenir au comité")
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


async def report_back(
    sandbox: SandboxServer,
    bot: BotHarness,
    agreed: str,
    to_decide: str,
    said: str = "Nous avons demandé la réparation de la porte.",
) -> tuple[list[SandboxUser], SandboxGroup]:
    """A mandate adopted, its meeting held, and Paul's report posted in the group."""
    marie, [paul, rose, luc], group = await setup(sandbox)
    vote = await open_vote(marie, group, "Paul")
    for person in (marie, paul, rose, luc):
        await person.press(vote, "Pour")
        vote = await group.next_edit(vote)
    await group.next_bot_message()  # adopted
    await paul.private_chat.next_bot_message()  # the card
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)  # after the meeting
    await bot.tick()
    request = await paul.private_chat.next_bot_message()
    await paul.press(request, "Écrire le compte rendu")
    await paul.private_chat.next_edit(request)
    await paul.send(said)
    await paul.private_chat.next_bot_message()
    await paul.send(said)
    question = await paul.private_chat.next_bot_message()
    for _position in range(2):  # each of the mandate's positions was obtained
        await paul.press(question, "✅ Obtenue")
        question = await paul.private_chat.next_edit(question)
    await paul.send(agreed)
    await paul.private_chat.next_bot_message()
    await paul.send(to_decide)
    await paul.private_chat.next_bot_message()
    return [marie, paul, rose, luc], group


async def test_each_report_button_names_its_point_and_a_press_shows_what_it_recorded(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    [marie, _paul, rose, luc], group = await report_back(
        sandbox,
        bot,
        "Réparation de la porte avant le 15 décembre\nUn nouveau babillard dans l'entrée",
        "Accepter ou non un nouveau règlement sur l'utilisation de la buanderie",
    )
    report = await group.next_bot_message()

    # Each button says which point it acts on, cut at a word when it is long.
    assert report.button_texts == [
        "Décision\u00a0: Réparation de la porte avant le 15 décembre",
        "Décision\u00a0: Un nouveau babillard dans l'entrée",
        "Suivi\u00a0: Accepter ou non un nouveau règlement sur…",
    ]
    # A press shows its result in the chat: the point's line says what it became.
    saved = await rose.press(report, "Décision\u00a0: Un nouveau babillard dans l'entrée")
    assert saved.text == "Noté\u00a0: D-1"
    report = await group.next_edit(report)
    assert "2. Un nouveau babillard dans l'entrée → D-1" in report.plain_text
    assert "1. Réparation de la porte avant le 15 décembre\n" in report.plain_text
    assert len(report.button_texts) == 2
    await luc.press(report, report.button_texts[-1])
    report = await group.next_edit(report)
    assert "1. Accepter ou non un nouveau règlement sur l'utilisation de la buanderie → S-1" in (
        report.plain_text
    )
    assert report.button_texts == ["Décision\u00a0: Réparation de la porte avant le 15 décembre"]
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    rows = await bot.storage.db.fetch_all(
        "SELECT text FROM decisions WHERE committee_id = ?", (membership.committee.id,)
    )
    assert [row["text"] for row in rows] == ["Un nouveau babillard dans l'entrée"]


async def test_a_report_too_long_to_edit_says_what_a_press_recorded_in_a_reply(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    long = "la porte du local sera réparée et repeinte " * 12
    points = [f"Point {n} : {long}" for n in range(10)]
    [_marie, _paul, rose, _luc], group = await report_back(
        sandbox, bot, "\n".join(points), "Rien d'autre à décider pour le moment", said=long
    )
    first, last = await group.next_bot_message(), await group.next_bot_message()
    assert len(first.plain_text) + len(last.plain_text) > 4096  # sent in two pieces
    await rose.press(last, last.button_texts[3])
    said = await group.next_bot_message()
    assert said.plain_text.startswith("Noté\u00a0: D-1 « Point 3 : la porte")
    assert said.reply_to_message_id == last.message_id
    last = await group.next_edit(last)
    assert len(last.button_texts) == 10 and not any("Point 3" in b for b in last.button_texts)
