"""The residents' links: the box (anyone may write, anonymously), and the members' /boite."""

from __future__ import annotations

from bot import anonymity
from bot.context import BotContext
from bot.deeplinks import DeepLink
from bot.i18n import N_

# The words printed next to every box link and QR code.
BOX_WORDS = N_("An idea, a problem, a priority? Write to us. Your name will not be passed on.")

# `box-<token>`: the committee's box. The token is random (not the committee's number), so
# the box of a committee cannot be found by counting, and a coordinator can share it freely.
BOX_LINK = DeepLink(anonymity.BOX_PREFIX)
# `prio-<token>`: the same box, for a priority during the yearly consultation.
PRIORITY_LINK = DeepLink(anonymity.PRIORITY_PREFIX)
# `boite-<committee id>`: a member opens /boite in private from the group.
MEMBERS_BOX_LINK = DeepLink("boite-")


async def box_url(context: BotContext, committee_id: int) -> str:
    """The committee's box link, for a QR code, a sheet, a post."""
    settings = await context.storage.box.settings(committee_id)
    return context.services.deep_link(BOX_LINK, settings.box_token)


async def priorities_url(context: BotContext, committee_id: int) -> str:
    settings = await context.storage.box.settings(committee_id)
    return context.services.deep_link(PRIORITY_LINK, settings.box_token)
