"""Channels of the sandbox world: where a committee publishes for every resident.

As on Telegram: only administrators post; a bot sees a channel only as an administrator (it
then gets `channel_post` updates for the others' posts, and `my_chat_member` when its status
changes, from the administrator who changed it); it may post only with the right to post
messages. A public channel has an @username that getChat and sendMessage accept as chat_id.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from sandbox.chats import SandboxChat
from sandbox.models import JsonDict, SandboxError, bad_request, forbidden

if TYPE_CHECKING:
    from sandbox.users import SandboxUser
    from sandbox.world import World

__all__ = ["SandboxChannel", "channel_member"]

_ADMINS = ("creator", "administrator")


def channel_member(user: JsonDict, status: str, *, can_post: bool = True) -> JsonDict:
    """A ChatMember object of a channel, for the subtype matching `status`."""
    member: JsonDict = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
            can_post_messages=can_post,
            can_edit_messages=can_post,
        )
    elif status == "kicked":
        member["until_date"] = 0
    return member


class SandboxChannel(SandboxChat):
    """A channel (id -100...). The bot is not in it until ``add_bot``."""

    def __init__(
        self,
        world: World,
        chat_id: int,
        title: str,
        creator: SandboxUser,
        username: str | None = None,
    ) -> None:
        super().__init__(world, chat_id, "channel", title)
        self.username = username
        self.statuses: dict[int, str] = {creator.id: "creator"}
        self.users: dict[int, SandboxUser] = {creator.id: creator}
        self.bot_status = "left"
        self.bot_can_post = False

    def describe(self) -> str:
        return f"channel {self.id} ({self.title})"

    def to_dict(self) -> JsonDict:
        chat: JsonDict = {"id": self.id, "type": "channel", "title": self.title or ""}
        if self.username:
            chat["username"] = self.username
        return chat

    def bot_can_read(self) -> bool:
        return self.bot_status == "administrator"

    def is_admin(self, user: SandboxUser) -> bool:
        return self.statuses.get(user.id) in _ADMINS

    # --- people -------------------------------------------------------------------------------

    def add_admin(self, user: SandboxUser) -> None:
        self.statuses[user.id] = "administrator"
        self.users[user.id] = user

    def subscribe(self, user: SandboxUser) -> None:
        """A resident follows the channel (no update: bots are not told about subscribers)."""
        self.statuses.setdefault(user.id, "member")
        self.users[user.id] = user

    # --- the bot ------------------------------------------------------------------------------

    async def add_bot(self, *, by: SandboxUser, can_post_messages: bool = True) -> None:
        """``by`` (an administrator) makes the bot an administrator of the channel."""
        self.set_bot_status("administrator", by=by, can_post=can_post_messages)

    async def remove_bot(self, *, by: SandboxUser) -> None:
        self.set_bot_status("left", by=by)

    def set_bot_status(self, status: str, *, by: SandboxUser, can_post: bool = True) -> None:
        """Change the bot's status here; my_chat_member goes to the bot, as on Telegram."""
        if not self.is_admin(by):
            raise SandboxError(f"{by.first_name} is not an administrator of {self.describe()}")
        if status not in ("administrator", "member", "left", "kicked"):
            raise SandboxError(f"invalid bot status {status!r}")
        old = self._bot_member()
        self.bot_status, self.bot_can_post = status, can_post and status == "administrator"
        update: JsonDict = {
            "chat": self.to_dict(),
            "from": by.to_dict(),
            "date": int(time.time()),
            "old_chat_member": old,
            "new_chat_member": self._bot_member(),
        }
        self.world.emit("my_chat_member", update)

    def _bot_member(self) -> JsonDict:
        return channel_member(self.world.bot_user, self.bot_status, can_post=self.bot_can_post)

    def member_dict(self, user_id: int) -> JsonDict | None:
        if user_id == self.world.bot_user["id"]:
            return self._bot_member()
        user = self.users.get(user_id)
        if user is None:
            return None
        return channel_member(user.to_dict(), self.statuses.get(user_id, "left"))

    # --- posts --------------------------------------------------------------------------------

    async def post(self, text: str, *, by: SandboxUser) -> int:
        """An administrator posts; the bot (an administrator) gets a channel_post update."""
        if not self.is_admin(by):
            raise SandboxError(f"{by.first_name} cannot post in {self.describe()}")
        message: JsonDict = {
            "message_id": self.new_message_id(),
            "sender_chat": self.to_dict(),
            "chat": self.to_dict(),
            "date": int(time.time()),
            "text": text,
        }
        self.add_user_message(message)
        if self.bot_can_read():
            self.world.emit("channel_post", message)
        else:
            self.world.signal.fire()
        return int(str(message["message_id"]))

    # --- what the Bot API checks ------------------------------------------------------------

    def check_bot_access(self, *, write: bool) -> None:
        """The error Telegram answers a bot with, if any."""
        if write:
            if self.bot_status != "administrator":
                raise forbidden("bot is not a member of the channel chat")
            if not self.bot_can_post:
                raise bad_request("need administrator rights in the channel chat")
        elif self.bot_status != "administrator" and not self.username:
            raise bad_request("chat not found")

    def member_for_bot(self, user_id: int) -> JsonDict:
        """getChatMember: the bot may always ask about itself; about others, as admin only."""
        if user_id != self.world.bot_user["id"] and self.bot_status != "administrator":
            raise bad_request("member list is inaccessible")
        member = self.member_dict(user_id)
        if member is None:
            raise bad_request("user not found")
        return member

    def administrators(self) -> list[JsonDict]:
        if self.bot_status != "administrator":
            raise bad_request("member list is inaccessible")
        admins = [
            channel_member(self.users[uid].to_dict(), status)
            for uid, status in self.statuses.items()
            if status in _ADMINS
        ]
        return [*admins, self._bot_member()]
