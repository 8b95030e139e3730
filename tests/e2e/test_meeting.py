"""/reunion records a meeting step by step; the compte rendu reaches the group and the printer."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

from icalendar import Calendar
from pypdf import PdfReader

from sandbox import BotMessage, SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, linked_group


async def record_meeting(marie: SandboxUser, group: SandboxGroup) -> BotMessage:
    """Marie records a meeting with the office, starting from the group; returns the compte
    rendu (the offer to publish it for the residents, which follows, is read)."""
    minutes, _offer = await record_meeting_and_offer(marie, group)
    return minutes


async def record_meeting_and_offer(
    marie: SandboxUser, group: SandboxGroup
) -> tuple[BotMessage, BotMessage]:
    """As `record_meeting`; returns the compte rendu, and what residents would read of it."""
    chat = marie.private_chat
    await marie.send("/reunion", chat=group)
    pointer = await group.next_bot_message()
    link = pointer.url_for("Noter une réunion en privé")
    assert link is not None
    await marie.open_link(link)
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    today = next(label for label in when.button_texts if label.startswith("Aujourd'hui"))
    assert "lundi 23 novembre 2026" in today
    await marie.press(when, today)
    kind = await chat.next_edit(when)
    await marie.press(kind, "Rencontre avec l'office d'habitation")
    attendees = await chat.next_edit(kind)
    assert "✓ Marie" in attendees.button_texts
    await marie.press(attendees, "Paul")
    attendees = await chat.next_edit(attendees)
    assert "✓ Paul" in attendees.button_texts
    await marie.send("Gérard Tremblay, Lucie")
    attendees = await chat.next_bot_message()
    assert "Gérard Tremblay, Lucie" in attendees.plain_text
    await marie.press(attendees, "Terminé")
    decisions = await chat.next_edit(attendees)
    await marie.send("On demande la réparation de la porte du local.")
    saved = await chat.next_bot_message()
    assert "D-1" in saved.plain_text
    await marie.send("On organise une corvée de nettoyage au printemps.")
    saved = await chat.next_bot_message()
    assert "D-2" in saved.plain_text
    await marie.press(saved, "Terminé")
    actions = await chat.next_edit(saved)
    assert "qui" in actions.plain_text
    await marie.send("Appeler l'office pour la porte, Paul, d'ici vendredi")
    saved = await chat.next_bot_message()
    assert "S-1" in saved.plain_text and "Paul" in saved.plain_text
    assert "vendredi 27 novembre 2026" in saved.plain_text
    await marie.press(saved, "Terminé")
    next_question = await chat.next_edit(saved)
    assert "prochaine réunion" in next_question.plain_text.lower()
    await marie.send("le 15 décembre à 19 h")
    del decisions
    minutes = await chat.next_bot_message()
    offer = await chat.next_bot_message()
    assert "Rien n'est publié tant que vous n'appuyez pas" in offer.plain_text
    return minutes, offer


async def test_a_meeting_is_recorded_and_its_compte_rendu_posted_and_printed(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    minutes = await record_meeting(marie, group)

    for text in (minutes.plain_text, (await group.next_bot_message()).plain_text):
        assert "Compte rendu" in text
        assert "R-1" in text
        assert "Office municipal d'habitation de Québec" in text
        assert "Marie, Paul, Gérard Tremblay, Lucie" in text  # typed names stay whole
        assert "D-1 — On demande la réparation de la porte du local." in text
        assert "S-1 — Appeler l'office pour la porte" in text
        assert "mardi 15 décembre 2026 à 19 h" in text

    [membership] = await bot.storage.committees.memberships_of(marie.id)
    [meeting] = await bot.storage.meetings.recent(membership.committee.id)
    assert meeting.finished and meeting.held_on == date(2026, 11, 23)
    assert [a.name for a in await bot.storage.meetings.attendees(meeting.id)] == [
        "Marie", "Paul", "Gérard Tremblay", "Lucie",
    ]  # fmt: skip
    [action] = await bot.storage.follow_ups.of_meeting(meeting.id)
    assert action.responsible_id == paul.id and action.due_date == date(2026, 11, 27)

    await marie.press(minutes, "Feuille à imprimer et calendrier")
    pdf, markdown, ics, data = [await marie.private_chat.next_bot_message() for _ in range(4)]
    assert pdf.document is not None and pdf.document.file_name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(pdf.document.content))
    assert len(reader.pages) == 1
    printed = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Association des locataires des Pins" in printed
    assert "On demande la réparation de la porte du local." in printed
    assert "Paul" in printed
    assert markdown.document is not None and b"D-2" in markdown.document.content
    assert ics.document is not None
    calendar = Calendar.from_ical(ics.document.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any("S-1" in summary for summary in summaries)
    assert len(summaries) == 2  # the action and the next meeting
    assert data.document is not None and data.document.file_name.endswith(".json")
    exported = json.loads(data.document.content)
    assert [d["ref"] for d in exported["decisions"]] == ["D-1", "D-2"]
    assert exported["follow_ups"][0]["responsible"] == "Paul"


async def test_a_meeting_with_a_partner_can_go_back_and_asks_again_for_a_button(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _members = await committee_with_members(sandbox.world, "Marie", "Paul")
    chat = marie.private_chat
    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    await marie.send("jeudi dernier")
    kind = await chat.next_bot_message()
    assert "jeudi 19 novembre 2026" in kind.plain_text

    # Text where only a kind fits: the kinds are shown again.
    await marie.send("avec le CLSC")
    assert "boutons" in (await chat.next_bot_message()).plain_text
    kind = await chat.next_bot_message()
    await marie.press(kind, "Rencontre avec un autre partenaire")
    partner = await chat.next_edit(kind)
    await marie.press(partner, "« Retour")
    kind = await chat.next_edit(partner)
    assert "Rencontre avec un autre partenaire" in kind.button_texts
    await marie.press(kind, "« Retour")
    when = await chat.next_edit(kind)
    assert any(label.startswith("Hier") for label in when.button_texts)

    await marie.press(when, next(b for b in when.button_texts if b.startswith("Hier")))
    kind = await chat.next_edit(when)
    await marie.press(kind, "Rencontre avec un autre partenaire")
    partner = await chat.next_edit(kind)
    await marie.send("CLSC de Limoilou")
    attendees = await chat.next_bot_message()
    assert "✓ Marie" in attendees.button_texts
    # One meeting was started, once its kind and partner were known.
    [row] = await bot.storage.db.fetch_all("SELECT partner_name, held_on FROM meetings")
    assert (row["partner_name"], row["held_on"]) == ("CLSC de Limoilou", "2026-11-22")


async def test_more_can_be_added_to_todays_meeting_and_past_ones_reopened(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _members = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires")
    await record_meeting(marie, group)
    await group.next_bot_message()

    chat = marie.private_chat
    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Ajouter à la réunion d'aujourd'hui (R-1)")
    await chat.next_edit(menu)
    await marie.send("On écrit au journal local.")
    saved = await chat.next_bot_message()
    assert "D-3" in saved.plain_text
    await marie.press(saved, "Terminé")
    actions = await chat.next_edit(saved)
    await marie.press(actions, "Terminé")
    updated = await chat.next_edit(actions)
    assert "D-3 — On écrit au journal local." in updated.plain_text
    await chat.next_bot_message()  # the compte rendu as it now is, offered to the residents
    assert "D-3" in (await group.next_bot_message()).plain_text

    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Réunions passées")
    past = await chat.next_edit(menu)
    await marie.press(past, past.button_texts[0])
    reopened = await chat.next_edit(past)
    assert "D-1" in reopened.plain_text and "D-3" in reopened.plain_text


async def test_export_of_the_month_gathers_every_decision(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await paul.send("/decision On achète des chaises. Paul s'en occupe d'ici vendredi.")
    await paul.private_chat.next_bot_message()
    await marie.send("/decision On invite la ville à la fête.")
    await marie.private_chat.next_bot_message()

    await marie.send("/exporter")
    menu = await marie.private_chat.next_bot_message()
    assert menu.button_texts[0] == "Novembre 2026"
    await marie.press(menu, "Novembre 2026")
    pdf, markdown, ics, data = [await marie.private_chat.next_bot_message() for _ in range(4)]
    assert pdf.document is not None and markdown.document is not None
    assert data.document is not None and b"On invite la ville" in data.document.content
    text = markdown.document.content.decode()
    assert "On achète des chaises" in text and "On invite la ville" in text
    printed = " ".join(PdfReader(io.BytesIO(pdf.document.content)).pages[0].extract_text().split())
    assert "On invite la ville à la fête." in printed
    assert ics.document is not None
    events = Calendar.from_ical(ics.document.content).walk("VEVENT")
    assert [event.decoded("DTSTART") for event in events] == [date(2026, 11, 27)]


async def test_an_export_button_serves_only_members_of_its_committee(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _members = await committee_with_members(sandbox.world, "Marie")
    await marie.send("/decision On invite la ville à la fête.")
    await marie.private_chat.next_bot_message()
    await marie.send("/exporter")
    menu = await marie.private_chat.next_bot_message()
    month = menu.callback_data_for("Novembre 2026")

    outsider = sandbox.world.add_user("Intrus")
    await outsider.send("/aide")
    await outsider.private_chat.next_bot_message()
    refused = await outsider.press_data(month)
    assert refused.show_alert and "ne fonctionne plus" in (refused.text or "")
    await bot.settle()
    assert not [m for m in outsider.private_chat.messages if m.document is not None]


async def test_people_without_telegram_keep_their_whole_names_and_can_be_responsible(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    """« Mme Tremblay, M. Nguyen » are attendees as typed, and Mme Tremblay, who is not on
    Telegram, is responsible for an action: the compte rendu, the printed sheet and the
    stored follow-up name her, and its reminders go to the group, naming her."""
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)
    chat = marie.private_chat
    await marie.send("/reunion")
    menu = await chat.next_bot_message()
    await marie.press(menu, "Nouvelle réunion")
    when = await chat.next_edit(menu)
    await marie.press(when, next(b for b in when.button_texts if b.startswith("Aujourd'hui")))
    kind = await chat.next_edit(when)
    await marie.press(kind, "Réunion du comité")
    attendees = await chat.next_edit(kind)
    await marie.send("Mme Tremblay, M. Nguyen")
    attendees = await chat.next_bot_message()
    assert "Mme Tremblay, M. Nguyen" in attendees.plain_text
    await marie.press(attendees, "Terminé")
    decisions = await chat.next_edit(attendees)
    await marie.press(decisions, "Terminé")
    actions = await chat.next_edit(decisions)
    await marie.send("Appeler l'office pour la porte, Mme Tremblay, d'ici vendredi")
    saved = await chat.next_bot_message()
    assert "S-1 — Mme Tremblay — vendredi 27 novembre 2026" in saved.plain_text, saved.plain_text
    await marie.press(saved, "Terminé")
    next_question = await chat.next_edit(saved)
    await marie.press(next_question, "Pas encore fixée")
    minutes = await chat.next_edit(next_question)
    await chat.next_bot_message()  # the offer to publish it for the residents
    del actions

    for text in (minutes.plain_text, (await group.next_bot_message()).plain_text):
        assert "Présences\u00a0: Marie, Mme Tremblay, M. Nguyen" in text, text
        # The title leaves out who and when: they have their own columns.
        assert (
            "S-1 — Appeler l'office pour la porte — Mme Tremblay — vendredi 27 novembre 2026"
            in (text)
        ), text
    [meeting] = await bot.storage.meetings.recent(membership.committee.id)
    [action] = await bot.storage.follow_ups.of_meeting(meeting.id)
    assert (action.responsible_id, action.responsible_name) == (None, "Mme Tremblay")

    await marie.press(minutes, "Feuille à imprimer et calendrier")
    pdf, _markdown, _ics, _json = [await chat.next_bot_message() for _ in range(4)]
    assert pdf.document is not None
    printed = " ".join(PdfReader(io.BytesIO(pdf.document.content)).pages[0].extract_text().split())
    assert "Mme Tremblay, M. Nguyen" in printed and "Mme," not in printed

    # Her reminders cannot reach her on Telegram: they go to the group, naming her.
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wednesday 10 am in Québec
    await bot.tick()
    heads_up = await group.next_bot_message()
    assert "Petit rappel" in heads_up.plain_text and "S-1" in heads_up.plain_text
    assert "Responsable\u00a0: Mme Tremblay" in heads_up.plain_text, heads_up.plain_text
    assert "✅ Fait" in heads_up.button_texts
    bot.clock.moment = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday, the due day
    await bot.tick()
    due_day = await group.next_bot_message()
    assert "C'est aujourd'hui" in due_day.plain_text and "Mme Tremblay" in due_day.plain_text
    assert chat.pending_bot_messages() == []
