"""`Chats.migrate`: everything that names a group follows it to its new id, in one go."""

from __future__ import annotations

from bot.domain.entities import CommitteeKind
from bot.storage.repositories import Storage

OLD, NEW = -4_000_000_001, -1_001_000_000_001
NOW = "2026-11-23T14:00:00+00:00"


async def a_committee_with_its_group(storage: Storage) -> int:
    await storage.people.upsert(1, "Marie", None, "fr")
    committee = await storage.committees.create(
        name="Comité",
        kind=CommitteeKind.ASSOCIATION,
        housing_office=None,
        timezone="America/Toronto",
        locale="fr_CA",
        creator_id=1,
    )
    await storage.chats.link(OLD, committee.id, "Locataires", 1, is_forum=False)
    db = storage.db
    await db.execute(
        "INSERT INTO partnerships (committee_id, number, partner_kind, partner_name, status,"
        " created_at, updated_at) VALUES (?, 1, 'clsc', 'CLSC', 'active', ?, ?)",
        (committee.id, NOW, NOW),
    )
    await db.execute(
        "INSERT INTO partnership_cards (partnership_id, chat_id, message_id, pinned, shown,"
        " claimed_at) VALUES (1, ?, 7, 1, 'abc', ?)",
        (OLD, NOW),
    )
    await db.execute(
        "INSERT INTO mandates (committee_id, number, representative_name, partner_name, status,"
        " vote_chat_id, vote_message_id, created_at) VALUES (?, 1, 'Paul', 'OMH', 'voting',"
        " ?, 9, ?)",
        (committee.id, OLD, NOW),
    )
    await db.execute(
        "INSERT INTO decisions (committee_id, number, text, created_at, source_chat_id,"
        " source_message_id) VALUES (?, 1, 'On repeint.', ?, ?, 12)",
        (committee.id, NOW, OLD),
    )
    await storage.outbox.add(committee.id, [OLD], "S-1 est fait.")
    return committee.id


async def test_the_link_and_what_waits_follow_the_new_id(storage: Storage) -> None:
    committee_id = await a_committee_with_its_group(storage)

    assert await storage.chats.migrate(OLD, NEW)
    assert not await storage.chats.migrate(OLD, NEW)  # the second service message: nothing

    assert await storage.chats.get(OLD) is None
    moved = await storage.chats.get(NEW)
    assert moved is not None and (moved.committee_id, moved.title) == (committee_id, "Locataires")
    [waiting] = await storage.outbox.waiting_in(NEW)
    assert waiting.text == "S-1 est fait." and await storage.outbox.waiting_in(OLD) == []
    mandate = await storage.mandates.get(1)
    # The vote is announced in the new group; its old message cannot be edited from there.
    assert mandate is not None and (mandate.vote_chat_id, mandate.vote_message_id) == (NEW, None)
    # The card is to be posted and pinned again in the new group.
    card = await storage.partnerships.card(1, NEW)
    assert card is not None and card.message_id is None and not card.pinned
    [(to_post, card_committee, _claimed)] = await storage.partnerships.cards_to_post()
    assert (to_post.chat_id, card_committee) == (NEW, committee_id)
    assert await storage.partnerships.claim_card(1, NEW, NOW)  # claimable at once
    # A decision remembers the message it came from, in the old group, as it was.
    row = await storage.db.fetch_one("SELECT source_chat_id FROM decisions WHERE id = 1")
    assert row is not None and row["source_chat_id"] == OLD


async def test_a_link_already_made_at_the_new_id_wins(storage: Storage) -> None:
    committee_id = await a_committee_with_its_group(storage)
    await storage.chats.link(NEW, committee_id, "Locataires (supergroupe)", 1, is_forum=True)
    assert await storage.chats.migrate(OLD, NEW)
    assert await storage.chats.get(OLD) is None
    kept = await storage.chats.get(NEW)
    assert kept is not None and kept.title == "Locataires (supergroupe)" and kept.is_forum
    assert [c.chat_id for c in await storage.chats.of_committee(committee_id)] == [NEW]
    card = await storage.partnerships.card(1, NEW)
    assert card is not None and card.message_id is None


async def test_a_forum_without_a_chosen_topic_keeps_what_it_would_post(storage: Storage) -> None:
    committee_id = await a_committee_with_its_group(storage)
    await storage.chats.migrate(OLD, NEW)
    await storage.chats.set_forum(NEW, True)
    # Held: the outbox and the cards wait for a topic, and the coordinators are asked once.
    assert [a.chat_id for a in await storage.outbox.waiting_in(NEW)] == [NEW]
    assert await storage.partnerships.cards_to_post() == []
    [(chat, _since)] = await storage.chats.waiting_for_topic()
    assert chat.chat_id == NEW and chat.needs_topic
    assert await storage.chats.claim_topic_question(NEW)
    assert not await storage.chats.claim_topic_question(NEW)
    assert await storage.chats.waiting_for_topic() == []

    await storage.chats.note_topic(NEW, 5, "Annonces")
    await storage.chats.note_topic(NEW, 5, None)  # seen again, nameless: the name stays
    assert [(t.thread_id, t.name) for t in await storage.chats.topics(NEW)] == [(5, "Annonces")]
    await storage.chats.choose_topic(NEW, 5)
    assert len(await storage.partnerships.cards_to_post()) == 1
    # The topic is deleted: forgotten, and the coordinators will be asked again.
    await storage.chats.topic_gone(NEW, 5)
    assert await storage.chats.topics(NEW) == []
    refreshed = await storage.chats.get(NEW)
    assert refreshed is not None and refreshed.needs_topic
    assert [c.chat_id for c, _ in await storage.chats.waiting_for_topic()] == [NEW]
    assert committee_id
