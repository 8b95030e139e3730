"""Steps of the requests' end-to-end tests: a committee with its group, a request logged in
one message, the clock moved, the letter's text read back."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from sandbox import BotMessage, SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness, ManualClock
from tests.e2e.steps import committee_with_members, linked_group

QUEBEC = ZoneInfo("America/Toronto")
OFFICE = "Office municipal d'habitation de Québec"
DOOR = "/demande On demande à l'office de réparer la porte du local, qui ne barre plus."


def at(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=QUEBEC).astimezone(UTC)


async def move_to(bot: BotHarness, moment: datetime) -> None:
    assert isinstance(bot.clock, ManualClock)
    bot.clock.moment = moment
    await bot.tick()


def said(message: BotMessage) -> str:
    """The text, with the non-breaking spaces of French typography as plain ones."""
    return message.plain_text.replace("\u00a0", " ")


def pdf_text(message: BotMessage) -> str:
    assert message.document is not None and message.document.file_name.endswith(".pdf")
    pages = PdfReader(io.BytesIO(message.document.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


async def setup(
    sandbox: SandboxServer, bot: BotHarness
) -> tuple[SandboxUser, SandboxUser, SandboxGroup, int]:
    """Marie coordinates the committee, Paul is a member; both are in its group."""
    marie, [paul] = await committee_with_members(sandbox.world, "Marie", "Paul")
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    await group.add_member(paul)
    [membership] = await bot.storage.committees.memberships_of(marie.id)
    # The weekly digest has its own tests; here the group hears of requests only.
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)
    return marie, paul, group, membership.committee.id


async def log_door(marie: SandboxUser, group: SandboxGroup) -> BotMessage:
    """Marie logs the request in one message, on Monday, November 23, 2026."""
    await marie.send(DOOR)
    card = await marie.private_chat.next_bot_message()
    announced = await group.next_bot_message()
    assert "Nouvelle demande Q-1" in announced.plain_text and OFFICE in announced.plain_text
    return card


async def type_part(person: SandboxUser, review: BotMessage, part: str, text: str) -> BotMessage:
    await person.press(review, part)
    await person.private_chat.next_bot_message()  # the question
    await person.send(text)
    return await person.private_chat.next_bot_message()  # the letter again
