"""A committee's group with topics (a forum): the bot answers in the topic where it was spoken
to, and posts on its own only in the topic a coordinator chose; never in « General » by
accident."""

from __future__ import annotations

from datetime import timedelta

from sandbox import SandboxGroup, SandboxServer, SandboxTopic, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members
from tests.e2e.test_mandate import draft_mandate

HERE = "Publier ici les messages du bot"


async def forum(
    sandbox: SandboxServer, marie: SandboxUser, *people: SandboxUser
) -> tuple[SandboxGroup, SandboxTopic, SandboxTopic]:
    """Marie's group with two topics, the bot in it, linked from « Réunions »."""
    group = sandbox.world.add_group("Locataires des Pins", creator=marie, forum=True)
    for person in people:
        await group.add_member(person)
    await group.add_bot(by=marie)
    assert "/start" in (await group.general.next_bot_message()).plain_text
    meetings = await group.create_topic("Réunions", by=marie)
    await marie.send("/start", topic=meetings)
    linked = await meetings.next_bot_message()
    assert "est maintenant relié" in linked.plain_text
    # Asked right away, in the topic where the group was linked.
    assert "a des sujets" in linked.plain_text and HERE in linked.button_texts
    news = await group.create_topic("Annonces", by=marie)  # the bot sees it made
    return group, meetings, news


async def test_the_bot_answers_in_the_topic_where_it_was_spoken_to(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group, meetings, news = await forum(sandbox, marie, paul)

    # A wizard step by step: the question, the answer, the confirmation, all in the topic.
    await marie.send("/decision", topic=meetings)
    question = await meetings.next_bot_message()
    assert question.force_reply
    await marie.send("On repeint le local en janvier.", reply_to=question)
    logged = await meetings.next_bot_message()
    assert "D-1" in logged.plain_text

    # Someone else, in another topic: the answer is there.
    await paul.send("/start", topic=news)
    assert "Le comité de ce groupe" in (await news.next_bot_message()).plain_text
    await paul.send("/aide", topic=news)
    assert (await news.next_bot_message()).plain_text

    # A button pressed in a topic: what follows stays in it.
    await marie.send("/parametres", topic=meetings)
    settings = await meetings.next_bot_message()
    await marie.press(settings, "Membres et coordination")
    await bot.settle()
    assert all(m.thread_id == meetings.id for m in meetings.messages)

    # « General » heard the greeting when the bot was added, and nothing since.
    assert len(group.general.messages) == 1


async def test_scheduled_posts_wait_for_a_chosen_topic_and_never_land_in_general(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group, meetings, news = await forum(sandbox, marie, paul)
    await marie.send("/decision On répare la porte. Paul s'en occupe d'ici vendredi.")
    await marie.private_chat.next_bot_message()
    posted = len(group.messages)

    # Monday 10:00, the weekly digest: no topic chosen yet, so it waits, and Marie (the
    # coordinator) is asked where the bot should post, once.
    assert isinstance(bot.clock, ManualClock)
    bot.clock.advance(timedelta(hours=1))
    await bot.tick()
    await bot.tick()
    question = await marie.private_chat.next_bot_message()
    assert "Locataires des Pins" in question.plain_text and "a des sujets" in question.plain_text
    assert question.button_texts == ["Réunions", "Annonces", "Général"]
    assert len(group.general.messages) == 1  # the greeting only
    assert len(group.messages) == posted
    bot.clock.advance(timedelta(hours=2))
    await bot.tick()
    assert marie.private_chat.pending_bot_messages() == []  # asked once
    assert len(group.messages) == posted

    # Marie chooses « Annonces »: what waited goes there.
    await marie.press(question, "Annonces")
    digest = await news.next_bot_message()
    assert "Les suivis de la semaine" in digest.plain_text
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and chat.post_topic == news.id

    # A vote the committee holds goes to the chosen topic too.
    review = await draft_mandate(marie, "Paul")
    await marie.press(review, "Soumettre au vote du groupe")
    vote = await news.next_bot_message()
    assert "Vote sur le mandat M-1" in vote.plain_text

    # Typed in another topic, « Publish here » moves the bot's posts there.
    await marie.send("/parametres", topic=meetings)
    settings = await meetings.next_bot_message()
    assert "Sujet des messages du bot dans « Locataires des Pins »" in settings.plain_text
    assert "« Annonces »" in settings.plain_text
    await marie.press(settings, HERE)
    assert "je publie ici" in (await meetings.next_bot_message()).plain_text
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and chat.post_topic == meetings.id
    bot.clock.advance(timedelta(days=7))
    await bot.tick()
    await bot.settle()
    # The vote closed meanwhile and the week turned: both said in « Réunions ».
    said = [m.plain_text for m in meetings.pending_bot_messages()]
    assert any("n'est pas adopté" in text for text in said)
    assert any("Les suivis de la semaine" in text for text in said)
    assert len(group.general.messages) == 1


async def test_only_a_coordinator_chooses_the_topic_here_or_from_the_list(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group, meetings, news = await forum(sandbox, marie, paul)
    linked = meetings.messages[0]
    refused = await paul.press(linked, HERE)
    assert refused.show_alert and "coordonn" in (refused.text or "")
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and chat.post_topic is None
    # The coordinator presses it: the topic where the group was linked is chosen.
    await marie.press(linked, HERE)
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and chat.post_topic == meetings.id

    # In private, /parametres says where the bot posts, and lists the topics it has seen.
    await marie.send("/parametres")
    settings = await marie.private_chat.next_bot_message()
    assert "Locataires des Pins »\u00a0: « Réunions »" in settings.plain_text
    await marie.press(settings, "Sujet dans « Locataires des Pins »")
    topics = await marie.private_chat.next_edit(settings)
    assert topics.button_texts == ["Réunions", "Annonces", "Général"]
    forged = await paul.press_data(topics.callback_data_for("Annonces"))
    assert "coordonn" in (forged.text or "")
    await marie.press(topics, "Annonces")
    done = await marie.private_chat.next_edit(topics)
    assert "dans le sujet « Annonces »" in done.plain_text
    chat = await bot.storage.chats.get(group.id)
    assert chat is not None and chat.post_topic == news.id


async def test_a_chosen_topic_that_is_deleted_is_asked_for_again(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group, meetings, news = await forum(sandbox, marie, paul)
    await marie.press(meetings.messages[0], HERE)
    assert "je publie ici" in (await meetings.next_bot_message()).plain_text
    await marie.send("/decision On répare la porte. Paul s'en occupe d'ici vendredi.")
    await marie.private_chat.next_bot_message()
    meetings.delete()

    # The digest finds « Réunions » gone: it waits, and Marie is asked again, without it.
    assert isinstance(bot.clock, ManualClock)
    bot.clock.advance(timedelta(hours=1))
    await bot.tick()
    await bot.tick()
    question = await marie.private_chat.next_bot_message()
    assert question.button_texts == ["Annonces", "Général"]
    await marie.press(question, "Annonces")
    assert "Les suivis de la semaine" in (await news.next_bot_message()).plain_text
    assert len(group.general.messages) == 1
