"""Issue 13, « Done when », as one story: a resident who is not a member opens the sheet's
link and writes a concern anonymously; a member finds it in /boite and turns it into a
priority; a consultation collects three priorities, members rank them in the group, and the
top ones become the yearly mandate's positions; a compte rendu is published to the channel
after a coordinator says so; a member without Telegram is named on an action and votes by
proxy; the printed sheet has large type and the QR code."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import segno
from pypdf import PdfReader

from sandbox import BotMessage, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.residents_steps import (
    box_link,
    database_bytes,
    said,
    traces_of,
    write_to_box,
)
from tests.e2e.steps import add_member_without_telegram, committee_with_members, linked_group
from tests.e2e.test_priorities import propose
from tests.e2e.test_residents_channel import linked_channel
from tests.unit.test_lobby_sheet import modules

QUEBEC = ZoneInfo("America/Toronto")
OFFICE = "Office municipal d'habitation de Québec"
CONCERN = "Le trottoir devant l'entrée n'est jamais déneigé. On glisse tous les matins."


def at(year: int, month: int, day: int, hour: int, minute: int = 1) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=QUEBEC).astimezone(UTC)


def starting(message: BotMessage, start: str) -> str:
    return next(label for label in message.button_texts if label.startswith(start))


def encodes(pdf: bytes, url: str) -> bool:
    """Whether one of the sheet's QR codes holds exactly `url`."""
    matrix = segno.make(url, error="m", micro=False).matrix
    wanted = [[bool(cell) for cell in row] for row in matrix]
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            picture = image.image
            if picture is not None and modules(picture.convert("L"), len(matrix)) == wanted:
                return True
    return False


def body_sizes(pdf: bytes, words: str) -> list[float]:
    sizes: list[float] = []

    def visit(text: str, _cm: Any, tm: Any, _font: Any, size: float) -> None:
        if words in text:
            sizes.append(size * abs(tm[0]) if tm[0] else size)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


async def set_up(sandbox: SandboxServer) -> tuple[SandboxUser, list[SandboxUser], Any, Any]:
    """Marie coordinates; Paul and Luc are members; the group and the residents' channel are
    linked; the yearly meeting with the office is in January; M. Roy has no Telegram."""
    world = sandbox.world
    marie, members = await committee_with_members(world, "Marie", "Paul", "Luc")
    group = await linked_group(world, marie, "Locataires des Pins")
    for person in members:
        await group.add_member(person)
    channel = await linked_channel(sandbox, marie)
    chat = marie.private_chat
    await marie.send("/parametres")
    settings = await chat.next_bot_message()
    await marie.press(settings, "Arrêter le résumé de la semaine")  # a quiet group
    settings = await chat.next_edit(settings)
    await marie.press(settings, "Mois de la rencontre annuelle")
    months = await chat.next_edit(settings)
    await marie.press(months, "janvier")
    await chat.next_edit(months)
    await add_member_without_telegram(marie, "M. Roy")
    return marie, members, group, channel


async def test_the_whole_building_from_the_lobby_sheet_to_the_yearly_mandate(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    assert isinstance(bot.clock, ManualClock)
    world = sandbox.world
    marie, [paul, luc], group, channel = await set_up(sandbox)
    chat = marie.private_chat

    # 1. The sheet in the lobby carries the box's link as a QR code; Ginette, who is not a
    # member, opens it and writes her concern. Nothing of her is kept.
    url = await box_link(marie)
    poster = chat.messages[-1]
    assert poster.document is not None and encodes(poster.document.content, url)
    ginette = world.add_user("Ginette", last_name="Lavoie", username="ginette_l")
    await write_to_box(ginette, url, CONCERN)

    # 2. The next day the group hears of it; Paul finds it in /boite, makes it a priority.
    bot.clock.moment = at(2026, 11, 24, 10)
    await bot.tick()
    assert "nouveau message dans la boîte" in (await group.next_bot_message()).plain_text
    await paul.send("/boite")
    box = await paul.private_chat.next_bot_message()
    assert CONCERN[:40] in box.plain_text and "Ginette" not in box.plain_text
    await paul.press(box, starting(box, "B-1"))
    item = await paul.private_chat.next_edit(box)
    await paul.press(item, "⭐ Ajouter aux priorités")
    await paul.private_chat.next_edit(item)
    assert "prochaine consultation" in (await paul.private_chat.next_bot_message()).plain_text

    # 3. A month before the yearly meeting, the consultation opens and collects three.
    bot.clock.moment = at(2026, 12, 1, 10)
    await bot.tick()
    await group.next_bot_message()  # the yearly meeting is in January
    invitation = await group.next_bot_message()
    await marie.press(invitation, "Ouvrir la consultation pour 2027")
    announced = await group.next_bot_message()
    await group.next_edit(invitation)
    await group.next_bot_message()  # the preview for the channel, not published
    link = announced.url_for("Proposer une priorité (anonyme)")
    assert link is not None
    await propose(world.add_user("Jean"), link, "Réparer l'ascenseur plus vite")
    await propose(world.add_user("Rita"), link, "Une salle communautaire ouverte le soir")
    await marie.send("/priorites")
    proposals = await chat.next_bot_message()
    assert "Reçues : 3, en 3 groupes" in said(proposals)

    # 4. The members rank them in the group; M. Roy's picks are recorded by proxy.
    await marie.press(proposals, "Ouvrir le vote")
    ballot = await group.next_bot_message()
    choices = [label for label in ballot.button_texts if label[:2] in {"1.", "2.", "3."}]
    snow, elevator, room = choices
    for member, picks in ((marie, (snow, elevator)), (paul, (snow,)), (luc, (snow, room))):
        for pick in picks:
            await member.press(ballot, pick)
            ballot = await group.next_edit(ballot)
    await marie.press(ballot, "Choix par procuration (coordination)")
    whom = await chat.next_bot_message()
    await marie.press(whom, "M. Roy")
    roy_picks = await chat.next_edit(whom)
    await marie.press(roy_picks, starting(roy_picks, "2."))
    await chat.next_edit(roy_picks)
    ballot = await group.next_edit(ballot)
    assert "par 4 membres" in said(ballot)
    await marie.press(ballot, "Clore le vote (coordination)")
    results = await group.next_bot_message()
    lines = said(results).splitlines()
    assert lines[2].startswith("1. Le trottoir devant l'entrée") and "3 choix" in lines[2]
    assert lines[3].startswith("2. Réparer l'ascenseur plus vite — 2 choix")
    await group.next_edit(ballot)

    # 5. In one tap, the ranked priorities become the positions of the yearly mandate.
    await marie.press(results, "En faire le mandat de la rencontre annuelle")
    pointer = await group.next_bot_message()
    prepare = pointer.url_for("Préparer le mandat en privé")
    assert prepare is not None
    await marie.open_link(prepare)
    who = await chat.next_bot_message()
    assert "priorités des locataires pour 2027 seront les positions" in who.plain_text
    await marie.press(who, "Paul")
    partner = await chat.next_edit(who)
    await marie.press(partner, "Un autre partenaire")
    await chat.next_edit(partner)
    await marie.send(OFFICE)
    await chat.next_bot_message()
    await marie.send("le 14 janvier à 14 h")
    latitude = await chat.next_bot_message()
    await marie.press(latitude, "Rien sans le comité")
    limits = await chat.next_edit(latitude)
    await marie.press(limits, "Passer cette question")
    validity = await chat.next_edit(limits)
    await marie.press(validity, validity.button_texts[0])
    review = await chat.next_edit(validity)
    assert "• Le trottoir devant l'entrée" in said(review)
    assert "• Réparer l'ascenseur plus vite" in said(review)

    # 6. The committee adopts it; M. Roy votes by proxy, and the tally says by whom.
    await marie.press(review, "Soumettre au vote du groupe")
    await chat.next_edit(review)
    vote = await group.next_bot_message()
    for member in (marie, paul, luc):
        await member.press(vote, "Pour")
        vote = await group.next_edit(vote)
    await marie.press(vote, "Vote par procuration (coordination)")
    proxy = await chat.next_bot_message()
    await marie.press(proxy, "M. Roy")
    choice = await chat.next_edit(proxy)
    await marie.press(choice, "Pour")
    await chat.next_edit(choice)
    closed = await group.next_edit(vote)  # everyone voted: M. Roy's vote closes it
    assert "Pour 4 · Contre 0 · Abstention 0 (4 membres sur 4 ont voté)" in said(closed)
    assert "Par procuration : M. Roy (Pour), enregistré par Marie" in said(closed)
    assert "Adopté." in closed.plain_text
    await group.next_bot_message()  # « Mandate M-1 is adopted »

    # 7. The meeting with the office: M. Roy is there and takes an action; the compte rendu
    # names the priorities handed over; it reaches the channel once Marie says so.
    bot.clock.moment = at(2027, 1, 14, 16)
    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    await marie.press(when, starting(when, "Aujourd'hui"))
    kind = await chat.next_edit(when)
    await marie.press(kind, "Rencontre avec l'office d'habitation")
    attendees = await chat.next_edit(kind)
    await marie.press(attendees, "Paul")
    attendees = await chat.next_edit(attendees)
    await marie.press(attendees, "M. Roy (sans Telegram)")
    attendees = await chat.next_edit(attendees)
    await marie.press(attendees, "Terminé")
    decisions = await chat.next_edit(attendees)
    await marie.send("L'office déneigera l'entrée avant 8 h chaque matin de neige.")
    saved = await chat.next_bot_message()
    await marie.press(saved, "Terminé")
    await chat.next_edit(saved)
    await marie.send("Afficher les priorités dans le hall, M. Roy, d'ici vendredi")
    action = await chat.next_bot_message()
    assert "M. Roy — vendredi 15 janvier 2027" in said(action)
    await marie.press(action, "Terminé")
    last = await chat.next_edit(action)
    await marie.press(last, "Pas encore fixée")
    minutes = await chat.next_edit(last)
    text = said(minutes)
    assert "Présences : Marie, Paul, M. Roy" in text
    assert "Les priorités des locataires pour 2027, remises\n1. Le trottoir" in text
    assert "Afficher les priorités dans le hall — M. Roy — vendredi 15 janvier 2027" in text
    del decisions
    await group.next_bot_message()  # the compte rendu, for the committee
    offer = await chat.next_bot_message()
    assert channel.pending_bot_messages() == []  # nothing went out by itself
    await marie.press(offer, "Publier pour les résidents")
    assert "Publié dans le canal" in (await chat.next_bot_message()).plain_text
    post = await channel.next_bot_message()
    for words in ("L'office déneigera l'entrée", "1. Le trottoir devant l'entrée", "M. Roy"):
        assert words in post.plain_text, words
    assert "D-1" not in post.plain_text and "S-1" not in post.plain_text

    # 8. The sheet for the notice board: large type, the QR codes to the box and the channel.
    await marie.send("/exporter")
    export = await chat.next_bot_message()
    await marie.press(export, starting(export, "Dernière réunion"))
    sheet, _markdown, _ics = [await chat.next_bot_message() for _ in range(3)]
    assert sheet.document is not None
    pdf = sheet.document.content
    sizes = body_sizes(pdf, "L'office déneigera l'entrée")
    assert sizes and all(14 <= size <= 16 for size in sizes)
    assert encodes(pdf, url) and encodes(pdf, "https://t.me/residents_pins")
    printed = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    for code in ("D-1", "S-1", "R-1", "M-1", "B-1", "P-1"):
        assert code not in printed

    # Ginette left no trace: not in the database, not in anything the committee saw.
    await bot.settle()
    stored = database_bytes(bot.database_path)
    assert not [needle for needle in traces_of(ginette) if needle in stored]
