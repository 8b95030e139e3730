"""A meeting typed with a day and no hour has no hour until someone gives one: the mandate,
its card, the card of the day before, the report request and the exports all cope."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from icalendar import Calendar

from bot.domain.entities import Mandate
from sandbox import BotMessage, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, linked_group
from tests.e2e.test_mandate import OFFICE

# An hour written out: « à 9 h », « à 19 h 00 », « 14:00 ».
AN_HOUR = re.compile(r"\bà \d{1,2}\s*h|\d{1,2}:\d{2}")


async def only_mandate(bot: BotHarness) -> Mandate:
    [row] = await bot.storage.db.fetch_all("SELECT id FROM mandates")
    mandate = await bot.storage.mandates.get(row["id"])
    assert mandate is not None
    return mandate


def clock_of(bot: BotHarness) -> ManualClock:
    assert isinstance(bot.clock, ManualClock)
    return bot.clock


async def mandate_for(marie: SandboxUser, when: str) -> BotMessage:
    """Marie prepares a mandate for herself for a meeting typed as `when`."""
    chat = marie.private_chat
    await marie.send("/mandat")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouveau mandat")
    who = await chat.next_edit(menu)
    await marie.press(who, "Marie")
    partner = await chat.next_edit(who)
    await marie.press(partner, "Un autre partenaire")
    await chat.next_edit(partner)
    await marie.send(OFFICE)
    await chat.next_bot_message()
    await marie.send(when)
    return await chat.next_bot_message()


async def test_a_mandate_meeting_typed_without_an_hour_has_no_hour(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    chat = marie.private_chat
    positions = await mandate_for(marie, "le 15 décembre")
    assert "positions" in positions.plain_text.lower()
    await marie.send("La porte du local doit être réparée")
    latitude = await chat.next_bot_message()
    await marie.press(latitude, "Rien sans le comité")
    limits = await chat.next_edit(latitude)
    await marie.press(limits, limits.button_texts[0])
    validity = await chat.next_edit(limits)
    await marie.press(validity, validity.button_texts[0])
    review = await chat.next_edit(validity)
    [meeting_line] = [line for line in review.plain_text.split("\n") if "Rencontre" in line]
    assert "mardi 15 décembre 2026" in meeting_line
    assert not AN_HOUR.search(meeting_line), meeting_line
    assert "heure" in meeting_line, "the card says the hour is not known yet"

    mandate = await only_mandate(bot)
    assert mandate.meeting_at is not None
    assert mandate.meeting_at.day == date(2026, 12, 15) and mandate.meeting_at.hour is None

    await marie.press(review, "Adopté en réunion aujourd'hui")
    await chat.next_edit(review)
    card = await chat.next_bot_message()
    assert "mardi 15 décembre 2026" in card.plain_text
    assert not AN_HOUR.search(card.plain_text.split("Valide")[0])

    # The card again the day before, at the usual hour.
    clock_of(bot).moment = datetime(2026, 12, 14, 15, 0, tzinfo=UTC)  # Monday 10:00
    await bot.tick()
    eve = await chat.next_bot_message()
    assert "Demain, c'est votre rencontre" in eve.plain_text

    # How did it go? Not while the meeting may still be going on: the next morning.
    clock_of(bot).moment = datetime(2026, 12, 16, 2, 0, tzinfo=UTC)  # Tuesday 21:00
    await bot.tick()
    assert chat.pending_bot_messages() == []
    clock_of(bot).moment = datetime(2026, 12, 16, 15, 0, tzinfo=UTC)  # Wednesday 10:00
    await bot.tick()
    request = await chat.next_bot_message()
    assert "Comment s'est passée la rencontre" in request.plain_text


async def test_an_hour_given_is_kept(sandbox: SandboxServer, bot: BotHarness) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    await mandate_for(marie, "le 15 décembre à 13 h 30")
    mandate = await only_mandate(bot)
    assert mandate.meeting_at is not None and mandate.meeting_at.hour is not None
    assert (mandate.meeting_at.hour.hour, mandate.meeting_at.hour.minute) == (13, 30)


async def test_the_next_meeting_typed_without_an_hour_has_no_hour_in_minutes_and_calendar(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    chat = marie.private_chat
    await marie.send("/reunion", chat=group)
    pointer = await group.next_bot_message()
    link = pointer.url_for("Noter une réunion en privé")
    assert link is not None
    await marie.open_link(link)
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    await marie.press(when, next(b for b in when.button_texts if b.startswith("Aujourd'hui")))
    kind = await chat.next_edit(when)
    await marie.press(kind, "Réunion du comité")
    attendees = await chat.next_edit(kind)
    await marie.press(attendees, "Terminé")
    decisions = await chat.next_edit(attendees)
    await marie.press(decisions, "Terminé")
    actions = await chat.next_edit(decisions)
    await marie.press(actions, "Terminé")
    await chat.next_edit(actions)
    await marie.send("le 15 décembre")
    minutes = await chat.next_bot_message()
    await chat.next_bot_message()  # the offer to publish it for the residents
    [line] = [line for line in minutes.plain_text.split("\n") if "Prochaine réunion" in line]
    assert "mardi 15 décembre 2026" in line and not AN_HOUR.search(line), line

    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [meeting] = await bot.storage.meetings.recent(membership.committee.id)
    assert meeting.next_meeting_at is not None and meeting.next_meeting_at.hour is None

    await marie.press(minutes, "Feuille à imprimer et calendrier")
    _pdf, markdown, ics = [await chat.next_bot_message() for _ in range(3)]
    assert markdown.document is not None
    text = markdown.document.content.decode()
    assert "15 décembre 2026" in text and not AN_HOUR.search(text.split("réunion")[-1])
    assert ics.document is not None
    [event] = [
        e
        for e in Calendar.from_ical(ics.document.content).walk("VEVENT")
        if "réunion" in str(e["SUMMARY"]).lower()
    ]
    start = event.decoded("DTSTART")
    assert start == date(2026, 12, 15) and not isinstance(start, datetime), "an all-day event"
