"""French done right: counts in words, names never glued to a preposition, dates and hours the
Québec way, no doubled punctuation, no median dot, and a calendar file with no English."""

from __future__ import annotations

import re
from datetime import date, time

from icalendar import Calendar

from bot.domain.entities import PartnershipStatus
from bot.storage.decisions import FollowUpDraft
from sandbox import SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.steps import (
    committee_with_members,
    create_committee,
    invitation_link,
    linked_group,
)
from tests.e2e.test_followups import at, move_to
from tests.e2e.test_mandate import open_vote
from tests.e2e.test_mandate import setup as vote_setup

# A preposition or an article glued to a name that carries its own (« membre de Comité… »).
CLASH = re.compile(
    r"\b(?:de|du|des|à|au|aux|avec|pour|sur|chez|par|le|la|les|plus)\s+(?:<b>)?"
    r"(?:Association|Office|Comité des|CLSC)\b"
)


def reads_well(text: str) -> None:
    assert CLASH.search(text) is None, text
    assert "(s)" not in text and re.search(r"\w·\w", text) is None, text
    assert re.search(r"[.!?…]\s*»\s*[.!?]", text) is None, text


async def committee_id_of(bot: BotHarness, person: SandboxUser) -> int:
    [membership] = await bot.storage.committees.memberships_of(person.id)
    return membership.committee.id


async def test_the_summary_counts_in_words_and_sets_the_committee_apart(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie, "Comité des Pins")
    committee_id = await committee_id_of(bot, marie)
    partnership = await bot.storage.partnerships.start(
        committee_id, "housing_office", "Office municipal d'habitation de Québec", marie.id
    )
    for text in ("Les salles communes nettoyées", "Une réponse écrite dans les 3 mois"):
        await bot.storage.partnerships.add_objective(partnership.id, text, marie.id)
    await bot.storage.partnerships.set_status(partnership.id, PartnershipStatus.ACTIVE, marie.id)
    for what, due in (("Appeler l'office", 16), ("Afficher l'horaire", 18), ("Vider", 20)):
        draft = FollowUpDraft(what, None, None, date(2026, 11, due), None)
        await bot.storage.follow_ups.create(committee_id, draft, created_by=marie.id)
    draft = FollowUpDraft("Acheter des chaises", None, None, date(2026, 11, 26), None)
    await bot.storage.follow_ups.create(committee_id, draft, created_by=marie.id)

    await marie.send("/bilan")
    summary = (await marie.private_chat.next_bot_message()).plain_text
    assert summary.startswith("Bilan — Comité des Pins")
    assert "P-1 — Office municipal d'habitation de Québec\u00a0: aucun objectif atteint sur 2" in (
        summary
    )
    assert "3 suivis en retard" in summary and "1 suivi à faire cette semaine" in summary
    reads_well(summary)


async def test_one_vote_is_counted_in_the_singular(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _others, group = await vote_setup(sandbox)
    vote = await open_vote(marie, group, "Paul")
    await marie.press(vote, "Pour")
    counted = await group.next_edit(vote)
    assert "1 membre sur 4 a voté" in counted.plain_text
    reads_well(counted.plain_text)
    del bot


async def test_follow_ups_and_a_reminder_read_in_good_french(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    committee_id = await committee_id_of(bot, marie)
    await bot.storage.committees.update_settings(committee_id, digest_enabled=0)
    draft = FollowUpDraft(
        "On répare la porte d'ici vendredi.", paul.id, "Paul", date(2026, 11, 27), time(19, 30)
    )
    await bot.storage.follow_ups.create(committee_id, draft, created_by=marie.id)
    await bot.restart()  # a follow-up saved without its ladder is planned at start

    await marie.send("/suivis")
    overview = (await marie.private_chat.next_bot_message()).plain_text
    assert overview.startswith("Suivis — Association des locataires des Pins")
    reads_well(overview)

    await move_to(bot, at(27, 10))
    today = (await paul.private_chat.next_bot_message()).plain_text
    assert "« On répare la porte d'ici vendredi. »" in today
    reads_well(today)
    await move_to(bot, at(28, 10))
    late = (await paul.private_chat.next_bot_message()).plain_text
    assert "vendredi 27 novembre 2026 à 19 h 30" in late
    reads_well(late)


async def test_settings_say_hours_in_each_language_and_no_jargon(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    assert "20 h à 9 h" in settings.plain_text
    assert "hebdo" not in " ".join(settings.button_texts)
    assert "oui/non" not in " ".join(settings.button_texts)
    assert "pas choisi" not in settings.plain_text or "pas encore choisi" in settings.plain_text
    reads_well(settings.plain_text)

    await bot.storage.people.set_language(marie.id, "en")
    await marie.send("/parametres")
    english = (await marie.private_chat.next_bot_message()).plain_text
    assert "8:00\u202fPM to 9:00\u202fAM" in english
    del paul


async def test_the_calendar_file_carries_no_english(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)
    await marie.send("/decision On répare la porte. Marie s'en occupe vendredi à 19 h 30.")
    await marie.private_chat.next_bot_message()
    await marie.send("/exporter")
    menu = await marie.private_chat.next_bot_message()
    await marie.press(menu, "Novembre 2026")
    _pdf, _markdown, ics = [await marie.private_chat.next_bot_message() for _ in range(3)]
    assert ics.document is not None
    content = ics.document.content.decode()
    assert "This timezone" not in content and "TZNAME:EST" not in content
    assert "TZNAME:HNE" in content
    [event] = Calendar.from_ical(ics.document.content).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("S-1 — ")
    del bot


async def test_joining_reads_without_a_median_dot_nor_a_glued_name(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    newcomer = sandbox.world.add_user("Ginette")
    await newcomer.send("/start")
    reads_well((await newcomer.private_chat.next_bot_message()).plain_text)

    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)  # Association des locataires des Pins
    link = await invitation_link(marie)
    paul = sandbox.world.add_user("Paul")
    await paul.open_link(link)
    welcome = (await paul.private_chat.next_bot_message()).plain_text
    told = (await marie.private_chat.next_bot_message()).plain_text
    assert "Association des locataires des Pins" in welcome and "Paul" in told
    reads_well(welcome)
    reads_well(told)

    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    await marie.press(settings, "Membres et coordination")
    members = await marie.private_chat.next_edit(settings)
    reads_well(members.plain_text)
    await marie.press(members, "Liens d'invitation")
    links = (await marie.private_chat.next_edit(members)).plain_text
    assert "1 personne s'est jointe au comité avec ce lien\u00a0: Paul" in links
    reads_well(links)

    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await group.add_member(paul)
    await paul.send("/start", chat=group)
    reads_well((await group.next_bot_message()).plain_text)
    del bot
