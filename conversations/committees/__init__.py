"""Committees: invitation links, the active committee, and the committee's Telegram group."""

from __future__ import annotations

from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.committees import groups, invitations

    return [
        CallbackQueryHandler(invitations.create_invitation, pattern=r"^com:invite:"),
        CallbackQueryHandler(invitations.list_committees, pattern=r"^com:list$"),
        CallbackQueryHandler(invitations.use_committee, pattern=r"^com:use:"),
        CallbackQueryHandler(invitations.revoke_invitation, pattern=r"^inv:"),
        CommandHandler("start", groups.start_in_group, filters=filters.ChatType.GROUPS),
        ChatMemberHandler(groups.bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER),
        ChatMemberHandler(groups.member_status_changed, ChatMemberHandler.CHAT_MEMBER),
        MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, groups.members_joined),
        MessageHandler(filters.StatusUpdate.LEFT_CHAT_MEMBER, groups.member_left),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
