"""Deep links (`https://t.me/<bot>?start=<payload>`): one grammar, one /start router.

Every feature that hands a person a link declares it here as a `DeepLink` (a prefix and an
argument) and routes it with `LinkRoute`. One router answers every /start in private chat:
it finds the route by prefix, or shows the home screen (with a word when the link is unknown).
The router is the first question of the one wizard conversation (see bot/wizard.py), so a
/start always leaves whatever question was open, and a link may open a wizard directly.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from telegram import Update

from bot.context import BotContext

# Telegram allows 64 characters of [A-Za-z0-9_-] after ?start=.
MAX_PAYLOAD = 64
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_ARGUMENT = re.compile(r"^[A-Za-z0-9_-]{0,60}$")


@dataclass(frozen=True, slots=True)
class DeepLink:
    """A kind of link: `prefix` alone, or `prefix` followed by an argument (an id, a token)."""

    prefix: str
    takes_argument: bool = True

    def payload(self, argument: object = "") -> str:
        payload = f"{self.prefix}{argument}"
        if not _PAYLOAD.match(payload):
            raise ValueError(f"not a valid deep link payload: {payload!r}")
        return payload

    def url(self, bot_username: str, argument: object = "") -> str:
        return f"https://t.me/{bot_username}?start={self.payload(argument)}"

    def argument(self, payload: str) -> str | None:
        """What follows the prefix, when `payload` is one of these links."""
        if not payload.startswith(self.prefix):
            return None
        rest = payload[len(self.prefix) :]
        if not self.takes_argument:
            return "" if not rest else None
        return rest if rest and _ARGUMENT.match(rest) else None

    def number(self, payload: str) -> int | None:
        """The argument as a record id, when it is one."""
        rest = self.argument(payload)
        return int(rest) if rest and rest.isdecimal() and len(rest) < 19 else None


# A route's callback gets the argument after the prefix; it returns the next wizard state
# (for a link that opens a wizard) or None.
LinkCallback = Callable[[Update, BotContext, str], Awaitable[object]]

# The plain /start. Its route also answers links that nothing else knows (the argument is
# then the unknown payload), so a broken or old link still gets a useful answer.
HOME = DeepLink("", takes_argument=False)


@dataclass(frozen=True, slots=True)
class LinkRoute:
    link: DeepLink
    callback: LinkCallback
    # The wizard whose first question the callback asks, if it opens one.
    wizard: str | None = None


def start_payload(update: Update) -> str:
    """The payload of `/start <payload>`: "" for a plain /start, "?" when it is malformed."""
    message = update.effective_message
    parts = (message.text or "").split() if message else []
    if len(parts) < 2:
        return ""
    return parts[1] if len(parts) == 2 and _PAYLOAD.match(parts[1]) else "?"


class StartRouter:
    """Dispatches /start by its payload. Prefixes are unique: the longest one that fits wins."""

    def __init__(self, routes: Sequence[LinkRoute]) -> None:
        prefixes = [route.link.prefix for route in routes]
        clashes = {p for p in prefixes if prefixes.count(p) > 1}
        if clashes:
            raise ValueError(f"two features claim the same deep link prefix: {sorted(clashes)}")
        homes = [route for route in routes if route.link == HOME]
        if len(homes) != 1:
            raise ValueError("exactly one feature must answer the plain /start (HOME)")
        self.home = homes[0]
        self.routes = sorted(
            (route for route in routes if route.link != HOME),
            key=lambda route: len(route.link.prefix),
            reverse=True,
        )

    def find(self, payload: str) -> tuple[LinkRoute, str]:
        """The route and its argument; the home route (with the payload) when none fits."""
        for route in self.routes:
            argument = route.link.argument(payload)
            if argument is not None:
                return route, argument
        return self.home, payload

    async def route(self, update: Update, context: BotContext) -> tuple[LinkRoute, object]:
        """Run the route for this /start; returns it with what its callback returned."""
        route, argument = self.find(start_payload(update))
        return route, await route.callback(update, context, argument)
