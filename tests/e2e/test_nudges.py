"""The weekly digest, /parametres, /bilan, and the nudges that keep a committee going."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conversations.settings.buttons import Setting, SettingValue
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, create_committee, linked_group
from tests.e2e.test_mandate import draft_mandate
from tests.e2e.test_partnership import walk_clsc


def clock_of(bot: BotHarness) -> ManualClock:
    assert isinstance(bot.clock, ManualClock)
    return bot.clock


async def test_weekly_digest_once_a_week_and_turned_off_in_settings(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires")
    await marie.send("/decision On répare la porte. Paul s'en occupe d'ici vendredi.")
    await marie.private_chat.next_bot_message()
    await marie.send("/decision On affiche l'horaire du local.")
    await marie.private_chat.next_bot_message()

    clock_of(bot).advance(timedelta(hours=1))
    await bot.tick()  # Monday 10:00: the digest's moment
    digest = await group.next_bot_message()
    assert "Les suivis de la semaine" in digest.plain_text
    assert "Cette semaine" in digest.plain_text and "S-1" in digest.plain_text
    await bot.tick()
    assert group.pending_bot_messages() == []  # once a week

    refused_answer = await paul.send("/parametres")
    del refused_answer
    assert "Seule une personne" in (await paul.private_chat.next_bot_message()).plain_text
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    assert "Résumé de la semaine dans le groupe\u00a0: chaque lundi" in settings.plain_text
    assert "heure de l'Est" in settings.plain_text and "America/" not in settings.plain_text
    await marie.press(settings, "Arrêter le résumé de la semaine")
    settings = await marie.private_chat.next_edit(settings)
    assert "Résumé de la semaine dans le groupe\u00a0: arrêté" in settings.plain_text
    assert "Envoyer le résumé de la semaine" in settings.button_texts
    await marie.press(settings, "Heures calmes")
    choices = await marie.private_chat.next_edit(settings)
    await marie.press(choices, "de 22 h à 7 h")
    settings = await marie.private_chat.next_edit(choices)
    assert "de 22 h à 7 h" in settings.plain_text

    clock_of(bot).advance(timedelta(days=7))
    await bot.tick()
    # Reminders of S-1 may reach the group; the digest does not, it is turned off.
    assert not any("suivis de la semaine" in m.plain_text for m in group.pending_bot_messages())
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    assert membership.committee.quiet_start.hour == 22 and not membership.committee.digest_enabled


async def test_settings_change_the_committee_they_show_and_only_for_its_coordinators(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    pins = membership.committee.id
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    # A second committee becomes Marie's active one while the settings of the first are open.
    await create_committee(marie, "Comité B")
    await marie.press(settings, "Quorum")
    choices = await marie.private_chat.next_edit(settings)
    await marie.press(choices, "5")
    await marie.private_chat.next_edit(choices)
    quorums = {
        m.committee.name: m.committee.vote_quorum
        for m in await bot.storage.committees.memberships_of(marie.id)
    }
    assert quorums == {"Association des locataires des Pins": 5, "Comité B": 3}

    # A plain member's forged press is refused and changes nothing.
    forged = SettingValue(id=pins, which=Setting.QUORUM, value="2")
    answer = await paul.press_data(forged.data)
    assert "coordonn" in (answer.text or "")
    committee = await bot.storage.committees.get(pins)
    assert committee is not None and committee.vote_quorum == 5


async def test_summary_shows_the_committee_at_a_glance(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [_paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.send("/decision On répare la porte. Paul s'en occupe d'ici vendredi.")
    await marie.private_chat.next_bot_message()
    await marie.send("/bilan")
    summary = await marie.private_chat.next_bot_message()
    text = summary.plain_text
    assert "Bilan — Association des locataires des Pins" in text
    assert "1 suivi à faire cette semaine" in text and "en retard" not in text
    assert "Partenariats" in text and "Mandats en vigueur" in text


async def test_checkin_of_a_partnership_after_three_months(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires")
    review = await walk_clsc(marie)
    await marie.press(review, "Enregistrer le partenariat")
    await marie.private_chat.next_edit(review)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)

    clock_of(bot).advance(timedelta(days=60))
    await bot.tick()
    assert group.pending_bot_messages() == []
    clock_of(bot).moment = datetime(2027, 2, 22, 15, 0, tzinfo=UTC)  # 91 days later, 10:00
    await bot.tick()
    check_in = await group.next_bot_message()
    assert "P-1" in check_in.plain_text and "CLSC de Limoilou" in check_in.plain_text
    assert check_in.button_texts == ["Revoir la fiche"]
    await marie.press(check_in, "Revoir la fiche")
    sheet = await group.next_edit(check_in)
    assert "Partenariat P-1" in sheet.plain_text


async def test_yearly_office_meeting_and_the_mandate_card_the_day_before(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [] = await committee_with_members(sandbox.world, "Marie")
    group = await linked_group(sandbox.world, marie, "Locataires")
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    await marie.press(settings, "Mois de la rencontre annuelle")
    months = await marie.private_chat.next_edit(settings)
    await marie.press(months, "décembre")
    await marie.private_chat.next_edit(months)

    # A mandate adopted at a meeting for Thursday's meeting with the office.
    review = await draft_mandate(marie, "Marie")
    await marie.press(review, "Adopté en réunion aujourd'hui")
    await marie.private_chat.next_edit(review)
    card = await marie.private_chat.next_bot_message()
    assert "carte de mandat" in card.plain_text
    clock_of(bot).moment = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wednesday 10:00
    await bot.tick()
    eve = await marie.private_chat.next_bot_message()
    assert "Demain, c'est votre rencontre" in eve.plain_text and "Mandat M-1" in eve.plain_text
    await bot.tick()
    assert marie.private_chat.pending_bot_messages() == []

    clock_of(bot).moment = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    await bot.tick()
    yearly = await group.next_bot_message()
    assert "rencontre annuelle avec l'office est prévue en décembre" in yearly.plain_text
    await bot.tick()
    assert group.pending_bot_messages() == []
