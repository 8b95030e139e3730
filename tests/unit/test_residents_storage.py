"""The box, the channel, the notices and the priorities on a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import date

from bot.domain.entities import Committee, CommitteeKind, MembershipSource
from bot.domain.priorities import ConsultationStatus, Picker, rank
from bot.domain.residents import (
    AnsweredHow,
    BoxStatus,
    Contact,
    NoticeSection,
    ResidentNotice,
    reply_hash,
)
from bot.storage.db import migrations
from bot.storage.repositories import Storage

DAY = date(2026, 11, 23)


async def committee_of(storage: Storage, *members: int) -> Committee:
    await storage.people.upsert(1, "Marie", None, "fr")
    committee = await storage.committees.create(
        name="Comité des Pins",
        kind=CommitteeKind.ASSOCIATION,
        housing_office=None,
        timezone="America/Toronto",
        locale="fr_CA",
        creator_id=1,
    )
    for person in members:
        await storage.people.upsert(person, f"Membre {person}", None, "fr")
        await storage.committees.add_member(committee.id, person, MembershipSource.INVITATION)
    return committee


def test_a_branch_takes_its_migration_numbers_ahead_and_none_twice() -> None:
    numbers = [number for number, _name, _script in migrations()]
    assert numbers[0] == 1 and len(set(numbers)) == len(numbers)
    assert {14, 15} <= set(numbers)


async def test_a_box_message_has_no_column_for_its_writer(storage: Storage) -> None:
    committee = await committee_of(storage)
    with sqlite3.connect(storage.db.path) as raw:
        columns = {row[1] for row in raw.execute("PRAGMA table_info(box_items)")}
    assert columns.isdisjoint({"person_id", "created_by", "chat_id", "user_id", "created_at"})
    item = await storage.box.receive(committee.id, "Le chauffage", DAY, reply_hash("t1"))
    assert (item.number, item.status, item.received_on, item.answerable) == (
        1,
        BoxStatus.NEW,
        DAY,
        False,
    )
    assert (await storage.box.allow_answer(reply_hash("t1"))).answerable  # type: ignore[union-attr]
    assert await storage.box.allow_answer(reply_hash("forged")) is None


async def test_new_messages_first_then_read_ones_then_the_rest(storage: Storage) -> None:
    committee = await committee_of(storage)
    items = [
        await storage.box.receive(committee.id, f"Message {n}", DAY, reply_hash(f"t{n}"))
        for n in range(4)
    ]
    await storage.box.set_status(items[0].id, BoxStatus.READ, only_from={BoxStatus.NEW})
    await storage.box.set_status(items[1].id, BoxStatus.ARCHIVED, only_from={BoxStatus.NEW})
    listed = [item.text for item in await storage.box.of_committee(committee.id)]
    assert listed == ["Message 3", "Message 2", "Message 0", "Message 1"]
    # A message that moved on does not move again from a stale button.
    assert not await storage.box.set_status(
        items[1].id, BoxStatus.ABUSIVE, only_from={BoxStatus.NEW}
    )
    counts = await storage.box.counts(committee.id)
    assert counts[BoxStatus.NEW] == 2 and counts[BoxStatus.ABUSIVE] == 0


async def test_one_answer_per_message(storage: Storage) -> None:
    committee = await committee_of(storage)
    item = await storage.box.receive(committee.id, "Question", DAY, reply_hash("t"))
    assert await storage.box.answer(item.id, "Réponse", AnsweredHow.PRIVATE, 1)
    assert not await storage.box.answer(item.id, "Autre", AnsweredHow.PUBLIC, 1)
    found = await storage.box.by_reply_hash(reply_hash("t"))
    assert found is not None and found.answer == "Réponse" and found.status is BoxStatus.READ


async def test_the_box_settings_are_made_once_with_an_unguessable_token(storage: Storage) -> None:
    committee = await committee_of(storage)
    first = await storage.box.settings(committee.id)
    assert first == await storage.box.settings(committee.id) and len(first.box_token) >= 16
    await storage.box.set_contact(committee.id, Contact("Marie", "Local, mardi"))
    found = await storage.box.by_token(first.box_token)
    assert found is not None and found.contact == Contact("Marie", "Local, mardi")


async def test_a_notice_is_published_once(storage: Storage) -> None:
    committee = await committee_of(storage)
    notice = ResidentNotice("Réunion", (NoticeSection(None, ("Jeudi 19 h",)),))
    stored = await storage.notices.draft(committee.id, notice, 1)
    assert stored.notice == notice and not stored.published
    assert await storage.notices.claim(stored.id, 1)
    assert not await storage.notices.claim(stored.id, 1)
    await storage.notices.release(stored.id)
    assert await storage.notices.claim(stored.id, 1)
    await storage.notices.posted(stored.id, 77)
    await storage.notices.release(stored.id)  # posted: stays published
    assert (await storage.notices.get(stored.id)).published  # type: ignore[union-attr]


async def test_a_channel_belongs_to_one_committee(storage: Storage) -> None:
    committee = await committee_of(storage)
    await storage.resident_channels.link(committee.id, -100123, "Résidents", "res", 1)
    channel = await storage.resident_channels.of_committee(committee.id)
    assert channel is not None and channel.url == "https://t.me/res" and channel.bot_present
    await storage.resident_channels.link(committee.id, -100456, "Privé", None, 1)
    channel = await storage.resident_channels.of_committee(committee.id)
    assert channel is not None and channel.chat_id == -100456 and channel.url is None
    assert await storage.resident_channels.by_chat(-100123) is None


async def test_a_consultation_gathers_groups_and_ranks(storage: Storage) -> None:
    committee = await committee_of(storage, 2, 3)
    kept = await storage.box.receive(committee.id, "Déneiger", DAY, reply_hash("a"))
    early = await storage.priorities.propose_from_box(committee.id, kept.id, kept.text)
    assert early is not None and early.consultation_id is None  # kept for the next one
    assert await storage.priorities.propose_from_box(committee.id, kept.id, kept.text) is None
    consultation = await storage.priorities.open(committee.id, 2027, 1)
    assert consultation is not None and consultation.status is ConsultationStatus.COLLECTING
    assert await storage.priorities.open(committee.id, 2027, 1) is None  # one at a time
    for token, text in (("b", "Déneiger les trottoirs"), ("c", "Une salle commune")):
        await storage.box.receive(
            committee.id,
            text,
            DAY,
            reply_hash(token),
            consultation_id=consultation.id,
            as_proposal=True,
        )
    snow, snow_again, room = await storage.priorities.proposals(consultation.id)
    assert snow.id == early.id  # joined when the consultation opened
    assert await storage.priorities.group(snow_again.id, snow.id)
    assert not await storage.priorities.group(room.id, snow_again.id)  # not a group's head
    await storage.priorities.reword(snow.id, "Déneiger les trottoirs et l'entrée")
    assert await storage.priorities.start_ranking(consultation.id)
    assert not await storage.priorities.group(room.id, snow.id)  # the vote is open

    for person in (1, 2):
        assert (
            await storage.priorities.toggle_pick(
                consultation.id, snow.id, Picker(person_id=person)
            )
            == "picked"
        )
    assert (
        await storage.priorities.toggle_pick(consultation.id, room.id, Picker(person_id=3))
        == "picked"
    )
    assert (
        await storage.priorities.toggle_pick(consultation.id, room.id, Picker(person_id=3))
        == "unpicked"
    )
    assert await storage.priorities.participation(consultation.id) == (2, 2)
    ranking = rank(await storage.priorities.choices(consultation.id))
    assert [(r.rank, r.label, r.picks, r.proposals) for r in ranking] == [
        (1, "Déneiger les trottoirs et l'entrée", 2, 2),
        (2, "Une salle commune", 0, 1),
    ]
    assert await storage.priorities.close(consultation.id)
    assert (
        await storage.priorities.toggle_pick(consultation.id, room.id, Picker(person_id=3))
        == "closed"
    )


async def test_three_picks_at_most_per_member(storage: Storage) -> None:
    committee = await committee_of(storage)
    consultation = await storage.priorities.open(committee.id, 2027, 1)
    assert consultation is not None
    for n in range(5):
        await storage.box.receive(
            committee.id,
            f"Priorité {n}",
            DAY,
            reply_hash(f"p{n}"),
            consultation_id=consultation.id,
            as_proposal=True,
        )
    await storage.priorities.start_ranking(consultation.id)
    proposals = await storage.priorities.proposals(consultation.id)
    outcomes = [
        await storage.priorities.toggle_pick(consultation.id, p.id, Picker(person_id=1))
        for p in proposals[:4]
    ]
    assert outcomes == ["picked", "picked", "picked", "full"]
    assert len(await storage.priorities.picks_of(consultation.id, Picker(person_id=1))) == 3
    # A member without Telegram, by proxy: three of their own, counted apart.
    roy = await storage.named_members.add(committee.id, "M. Roy", 1)
    assert roy is not None
    by_proxy = Picker(named_member_id=roy.id, by=1)
    outcomes = [
        await storage.priorities.toggle_pick(consultation.id, p.id, by_proxy) for p in proposals
    ]
    assert outcomes == ["picked", "picked", "picked", "full", "full"]
    assert await storage.priorities.participation(consultation.id) == (6, 2)
