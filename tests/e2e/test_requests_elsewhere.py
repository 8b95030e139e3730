"""Requests where the committee already looks: a partnership's objective, /bilan, the weekly
digest, the yearly meeting with the office and /reunion's agenda."""

from __future__ import annotations

from bot.domain.entities import ObjectiveStatus, PartnershipStatus
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.request_steps import OFFICE, at, log_door, move_to, said, setup


async def test_a_partnership_objective_offers_to_ask_the_partner(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, _group, committee_id = await setup(sandbox, bot)
    clsc = await bot.storage.partnerships.start(
        committee_id, "health", "CLSC de Limoilou", marie.id
    )
    await bot.storage.partnerships.add_objective(
        clsc.id, "Une clinique de vaccination au local", marie.id
    )
    await bot.storage.partnerships.set_status(clsc.id, PartnershipStatus.ACTIVE, marie.id)
    chat = marie.private_chat
    await marie.send("/partenariat")
    menu = await chat.next_bot_message()
    await marie.press(menu, next(b for b in menu.button_texts if "CLSC de Limoilou" in b))
    sheet = await chat.next_edit(menu)
    await marie.press(sheet, "Modifier")
    parts = await chat.next_edit(sheet)
    await marie.press(parts, "Objectifs")
    objectives = await chat.next_edit(parts)
    await marie.press(objectives, "1. Une clinique de vaccination au local")
    options = await chat.next_edit(objectives)
    assert options.button_texts[0] == "📨 Demande — CLSC de Limoilou"
    await marie.press(options, "📨 Demande — CLSC de Limoilou")
    what = await chat.next_bot_message()
    assert "Que demandez-vous à ce partenaire" in what.plain_text

    # An objective achieved is not asked for any more.
    [objective] = (await bot.storage.partnerships.get(clsc.id) or clsc).objectives
    await bot.storage.partnerships.set_objective_status(
        objective, ObjectiveStatus.ACHIEVED, marie.id
    )
    await marie.send("/annuler")
    await chat.next_bot_message()
    await marie.press(options, "« Retour")
    objectives = await chat.next_edit(options)
    await marie.press(objectives, "1. Une clinique de vaccination au local")
    options = await chat.next_edit(objectives)
    assert not any(b.startswith("📨") for b in options.button_texts)


async def test_bilan_and_the_weekly_digest_show_the_requests_without_an_answer(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, group, committee_id = await setup(sandbox, bot)
    await bot.storage.committees.update_settings(committee_id, digest_enabled=1)
    await log_door(marie, group)
    await marie.send("/bilan")
    summary = said(await marie.private_chat.next_bot_message())
    assert "Demandes aux partenaires\n• Q-1 « On demande à l'office de réparer la porte" in summary
    assert f"demandée aujourd'hui ({OFFICE})" in summary

    # Monday at 10:00, the digest: no follow-up, but a request waits for its answer.
    await move_to(bot, at(2026, 11, 23, 10))
    digest = said(await group.next_bot_message())
    assert "Les suivis de la semaine" in digest
    assert "Demandes sans réponse\n• Q-1" in digest
    # A week later, the request is still there, with the days it has waited.
    await move_to(bot, at(2026, 11, 30, 10))
    later = said(await group.next_bot_message())
    assert (
        "Q-1 « On demande à l'office de réparer la porte du local, qui ne barre plus. »" in later
    )
    assert "— 7 jours" in later


async def test_the_yearly_office_meeting_brings_the_open_requests_to_the_office(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, group, committee_id = await setup(sandbox, bot)
    await bot.storage.committees.update_settings(committee_id, office_meeting_month=1)
    await log_door(marie, group)
    await marie.send("/demande On demande à la Ville de Québec un banc devant l'entrée.")
    await marie.private_chat.next_bot_message()
    await group.next_bot_message()

    await move_to(bot, at(2026, 12, 1, 10))  # a month ahead of January
    reminder = said(await group.next_bot_message())
    assert "rencontre annuelle avec l'office" in reminder
    assert "Demandes en cours à apporter\n• Q-1 « On demande à l'office" in reminder
    assert "demandée le lundi 23 novembre 2026" in reminder
    assert "Q-2" not in reminder  # asked of the city, not of the office


async def test_a_request_still_unanswered_after_every_relance_is_on_the_next_agenda(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, _paul, group, _committee_id = await setup(sandbox, bot)
    await log_door(marie, group)
    chat = marie.private_chat
    await marie.send("/reunion")
    assert "ordre du jour" not in (await chat.next_bot_message()).plain_text

    # A month of silence, two relances, then the committee hears it in its group.
    for moment in (at(2026, 12, 24, 10), at(2027, 1, 7, 10)):
        await move_to(bot, moment)
        await chat.next_bot_message()
    await move_to(bot, at(2027, 1, 21, 10))
    assert "Q-1" in (await group.next_bot_message()).plain_text

    await marie.send("/reunion")
    menu = said(await chat.next_bot_message())
    assert "À l'ordre du jour : demandes sans réponse\n• Q-1 — « On demande à l'office" in menu
    assert OFFICE in menu
