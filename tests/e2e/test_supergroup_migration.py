"""A committee's group becomes a supergroup (a new chat id): its link, its pinned card and
its pending nudges follow, whether the bot reads the news or a refused send tells it."""

from __future__ import annotations

import pytest

from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members
from tests.e2e.test_followups import DOOR, at, move_to
from tests.e2e.test_partnership import walk_clsc


@pytest.mark.parametrize("bot_reads_the_news", [True, False], ids=["told", "refused"])
async def test_the_card_and_the_reminders_follow_the_group_to_its_new_id(
    sandbox: SandboxServer, bot: BotHarness, bot_reads_the_news: bool
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = sandbox.world.add_group("Locataires des Pins", creator=marie, kind="group")
    await group.add_member(paul)
    await group.add_bot(by=marie, status="administrator")  # it may pin
    await group.next_bot_message()
    await marie.send("/start", chat=group)
    assert "est maintenant relié" in (await group.next_bot_message()).plain_text
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    committee_id = membership.committee.id
    await bot.storage.committees.update_settings(committee_id, digest_enabled=0)

    # A pinned partnership card, and a follow-up whose ladder ends in the group.
    review = await walk_clsc(marie)
    await marie.press(review, "Enregistrer le partenariat")
    sheet = await marie.private_chat.next_edit(review)
    await marie.press(sheet, "Publier et épingler dans le groupe")
    card = await group.next_bot_message()
    assert "P-1" in card.plain_text and group.pinned == [card.message_id]
    await marie.send(DOOR)
    await marie.private_chat.next_bot_message()

    supergroup = await group.upgrade(by=marie, tell_bot=bot_reads_the_news)
    await bot.settle()

    # Paul hears the ladder in private, then the group hears it: at its new id.
    for day in (25, 27, 28):
        await move_to(bot, at(day, 10))
        await paul.private_chat.next_bot_message()
    await move_to(bot, at(30, 10))
    await bot.tick()
    to_group = [m for m in supergroup.messages if "Quelqu'un peut-il aider" in m.plain_text]
    assert len(to_group) == 1 and "Paul" in to_group[0].plain_text

    # The card is in the new group, pinned there, and follows the partnership's changes.
    [new_card] = [m for m in supergroup.messages if "P-1" in m.plain_text]
    assert supergroup.pinned == [new_card.message_id]
    await marie.press(sheet, "Mettre en pause")
    await supergroup.next_edit(new_card)
    assert "en pause" in new_card.plain_text
    assert card.edits == 0  # the old group is left as it was

    chat = await bot.storage.chats.get(supergroup.id)
    assert chat is not None and chat.committee_id == committee_id and chat.bot_present
    assert await bot.storage.chats.get(group.id) is None
    [partnership] = await bot.storage.partnerships.of_committee(committee_id)
    [stored_card] = await bot.storage.partnerships.cards(partnership.id)
    assert (stored_card.chat_id, stored_card.message_id) == (supergroup.id, new_card.message_id)
    assert [m for m in group.messages if m.message_id > card.message_id] == []
