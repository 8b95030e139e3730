"""The one /start router: each payload reaches one route, unknown ones reach home."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import Update

from bot.context import BotContext
from bot.deeplinks import HOME, DeepLink, LinkRoute, StartRouter

NEW = DeepLink("new", takes_argument=False)
JOIN = DeepLink("join-")
MEETING = DeepLink("meeting-")


async def _noop(update: Update, context: BotContext, argument: str) -> None:
    return None


def router() -> StartRouter:
    return StartRouter(
        [LinkRoute(HOME, _noop), LinkRoute(NEW, _noop), LinkRoute(JOIN, _noop),
         LinkRoute(MEETING, _noop)]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("payload", "link", "argument"),
    [
        ("", HOME, ""),
        ("new", NEW, ""),
        ("newer", HOME, "newer"),
        ("join-abcdefghijklmnopqrstuv", JOIN, "abcdefghijklmnopqrstuv"),
        ("join-", HOME, "join-"),
        ("meeting-12", MEETING, "12"),
        ("?", HOME, "?"),
    ],
)
def test_each_payload_reaches_one_route(payload: str, link: DeepLink, argument: str) -> None:
    route, found = router().find(payload)
    assert route.link == link
    assert found == argument


def test_links_fit_telegram_and_carry_their_argument() -> None:
    assert MEETING.url("comite_bot", 42) == "https://t.me/comite_bot?start=meeting-42"
    assert MEETING.number("meeting-42") == 42
    assert MEETING.number("meeting-x") is None
    with pytest.raises(ValueError):
        JOIN.payload("<script>")
    with pytest.raises(ValueError):
        JOIN.payload("x" * 64)


def test_two_features_cannot_claim_one_prefix() -> None:
    with pytest.raises(ValueError, match="same deep link prefix"):
        StartRouter([LinkRoute(HOME, _noop), LinkRoute(JOIN, _noop), LinkRoute(JOIN, _noop)])
    with pytest.raises(ValueError, match="HOME"):
        StartRouter([LinkRoute(JOIN, _noop)])


@given(st.text(max_size=80))
def test_any_payload_finds_a_route(payload: str) -> None:
    route, _argument = router().find(payload)
    assert route in router().routes or route.link == HOME
