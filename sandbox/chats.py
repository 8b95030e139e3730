"""Chats of the sandbox world, seen from the test side (private chats, groups, supergroups)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from sandbox.models import BotMessage, JsonDict, SandboxError
from sandbox.supergroups import SandboxTopic, create_topic, upgrade

if TYPE_CHECKING:
    from sandbox.users import SandboxUser
    from sandbox.world import World

__all__ = ["STATUSES", "SandboxChat", "SandboxGroup", "chat_member"]

STATUSES = ("creator", "administrator", "member", "left", "kicked")
PRESENT = ("creator", "administrator", "member")
_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_pin_messages": True,
}


def chat_member(user: JsonDict, status: str) -> JsonDict:
    """A ChatMember object of the subtype matching ``status``."""
    member: JsonDict = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(_ADMIN_RIGHTS)
    elif status == "kicked":
        member["until_date"] = 0
    return member


_SERVICES = (
    "new_chat_members",
    "left_chat_member",
    "forum_topic_created",
    "migrate_to_chat_id",
    "migrate_from_chat_id",
)


def _service(message: JsonDict) -> str:
    """What a service message says, for transcripts: « <forum_topic_created> »."""
    return next((f"<{key}>" for key in _SERVICES if key in message), "<service>")


class SandboxChat:
    """A chat as the test sees it: what the bot sent there, with a cursor to await replies."""

    def __init__(self, world: World, chat_id: int, chat_type: str, title: str | None) -> None:
        self.world = world
        self.id = chat_id
        self.type = chat_type
        self.title = title
        self.messages: list[BotMessage] = []  # sent by the bot, in their current state
        self.pinned: list[int] = []
        self.actions: list[str] = []  # sendChatAction calls ("typing"...)
        self._log: list[BotMessage | JsonDict | str] = []  # everything, for error messages
        self._user_messages: dict[int, JsonDict] = {}
        self._last_message_id = 0
        self._cursor = 0

    def describe(self) -> str:
        return f"{self.type} chat {self.id} ({self.title})"

    def to_dict(self) -> JsonDict:
        return {"id": self.id, "type": self.type, "title": self.title or ""}

    def full_info(self) -> JsonDict:
        """A ChatFullInfo object (getChat)."""
        info = self.to_dict()
        info.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        if self.pinned:
            pinned = self.message_dict(self.pinned[-1])
            if pinned is not None:
                info["pinned_message"] = pinned
        return info

    # --- awaiting the bot -----------------------------------------------------------------

    async def next_bot_message(self, timeout: float = 5.0) -> BotMessage:
        """The next bot message here not yet returned by this method, waiting if needed."""
        if not await self.world.signal.wait_for(
            lambda: self._cursor < len(self.messages), timeout
        ):
            raise TimeoutError(
                f"no new bot message in {self.describe()} within {timeout}s\n{self.transcript()}"
            )
        self._cursor += 1
        return self.messages[self._cursor - 1]

    async def next_edit(self, message: BotMessage, timeout: float = 5.0) -> BotMessage:
        """Wait for the next edit of ``message`` (edits made since the last call count)."""
        if not await self.world.signal.wait_for(
            lambda: message.edits > message.edits_seen, timeout
        ):
            raise TimeoutError(
                f"message {message.message_id} in {self.describe()} was not edited within "
                f"{timeout}s\n{self.transcript()}"
            )
        message.edits_seen = message.edits
        return message

    def pending_bot_messages(self) -> list[BotMessage]:
        """Bot messages next_bot_message has not returned yet (does not consume them)."""
        return self.messages[self._cursor :]

    def transcript(self, limit: int = 15) -> str:
        """The last messages of the chat, one per line, for assertion messages."""
        lines = [f"--- last messages in {self.describe()} ---"]
        for entry in self._log[-limit:]:
            if isinstance(entry, str):
                lines.append(entry)
            elif isinstance(entry, BotMessage):
                flags = [f"edited {entry.edits}x"] * bool(entry.edits) + [
                    "deleted"
                ] * entry.deleted
                extra = f" {entry.buttons}" if entry.buttons else ""
                doc = f" [document {entry.document.file_name}]" if entry.document else ""
                where = f"[topic {entry.thread_id}] " if entry.thread_id is not None else ""
                lines.append(
                    f"#{entry.message_id} {where}bot: {entry.plain_text!r}{doc}{extra} "
                    + " ".join(flags)
                )
            else:
                sender = entry.get("from")
                name = sender.get("first_name") if isinstance(sender, dict) else "?"
                thread = entry.get("message_thread_id")
                where = f"[topic {thread}] " if thread is not None else ""
                said = entry.get("text", _service(entry))
                lines.append(f"#{entry['message_id']} {where}{name}: {said!r}")
        return "\n".join(lines) if len(lines) > 1 else f"(no messages in {self.describe()})"

    # --- bookkeeping used by the world and the fake API -----------------------------------

    def new_message_id(self) -> int:
        self._last_message_id += 1
        return self._last_message_id

    def add_bot_message(self, message: BotMessage) -> None:
        self.messages.append(message)
        self._log.append(message)
        self.world.signal.fire()

    def add_user_message(self, message: JsonDict) -> None:
        self._user_messages[int(str(message["message_id"]))] = message
        self._log.append(message)

    def note(self, line: str) -> None:
        """Add a line to the transcript (e.g. a button press)."""
        self._log.append(line)

    def bot_message(self, message_id: int) -> BotMessage | None:
        for message in self.messages:
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    def user_message(self, message_id: int) -> JsonDict | None:
        return self._user_messages.get(message_id)

    def message_dict(self, message_id: int) -> JsonDict | None:
        """Any live message of this chat as a Message object, without nested replies."""
        bot_message = self.bot_message(message_id)
        found = bot_message.to_dict() if bot_message else self._user_messages.get(message_id)
        if found is None:
            return None
        return {key: value for key, value in found.items() if key != "reply_to_message"}

    def delete_user_message(self, message_id: int) -> bool:
        return self._user_messages.pop(message_id, None) is not None

    def bot_can_read(self) -> bool:
        return True


class SandboxGroup(SandboxChat):
    """A supergroup (``kind="supergroup"``, optionally a forum with topics) or a basic group
    (``kind="group"``, which ``upgrade`` turns into a supergroup). The bot is not in it until
    ``add_bot``."""

    def __init__(
        self,
        world: World,
        chat_id: int,
        title: str,
        creator: SandboxUser,
        *,
        kind: str = "supergroup",
        forum: bool = False,
    ) -> None:
        if kind not in ("group", "supergroup"):
            raise SandboxError(f"a group is a 'group' or a 'supergroup', not {kind!r}")
        if forum and kind != "supergroup":
            raise SandboxError("only a supergroup can have topics; upgrade the group first")
        super().__init__(world, chat_id, kind, title)
        self.statuses: dict[int, str] = {creator.id: "creator"}
        self.users: dict[int, SandboxUser] = {creator.id: creator}
        self.bot_status = "left"
        self.deleted = False
        self.is_forum = forum
        # Forum topics by thread id, and « General » (messages sent without a thread).
        self.topics: dict[int, SandboxTopic] = {}
        self.general = SandboxTopic(self, None, "General")
        # Set once the group became a supergroup: Telegram then refuses calls naming it.
        self.migrated_to: SandboxGroup | None = None

    def to_dict(self) -> JsonDict:
        chat = super().to_dict()
        if self.is_forum:
            chat["is_forum"] = True
        return chat

    # --- topics and migration (sandbox/supergroups.py) ------------------------------------

    async def create_topic(self, name: str, *, by: SandboxUser) -> SandboxTopic:
        """``by`` creates a topic: a forum_topic_created service message, in the topic."""
        return create_topic(self, name, by=by)

    async def upgrade(self, *, by: SandboxUser, tell_bot: bool = True) -> SandboxGroup:
        """The basic group becomes a supergroup with a new id (see `supergroups.upgrade`)."""
        return upgrade(self, by=by, tell_bot=tell_bot)

    def status_of(self, user: SandboxUser) -> str:
        return self.statuses.get(user.id, "left")

    def is_member(self, user: SandboxUser) -> bool:
        return self.status_of(user) in PRESENT

    def bot_can_read(self) -> bool:
        return self.bot_status in ("member", "administrator")

    def member_count(self) -> int:
        humans = sum(1 for status in self.statuses.values() if status in PRESENT)
        return humans + self.bot_can_read()

    def administrators(self) -> list[JsonDict]:
        admins = [
            chat_member(self.users[uid].to_dict(), status)
            for uid, status in self.statuses.items()
            if status in ("creator", "administrator")
        ]
        if self.bot_status == "administrator":
            admins.append(chat_member(self.world.bot_user, "administrator"))
        return admins

    # --- the bot joining and leaving ------------------------------------------------------

    async def add_bot(self, *, by: SandboxUser, status: str = "member") -> None:
        """``by`` adds the bot: my_chat_member (left -> member) and a new_chat_members message."""
        self.require_member(by)
        if status not in ("member", "administrator"):
            raise SandboxError(f"the bot can join as 'member' or 'administrator', not {status!r}")
        self.set_bot_status(status, by=by)
        self.service_message(by, new_chat_members=[self.world.bot_user])

    async def remove_bot(self, *, by: SandboxUser) -> None:
        """``by`` removes the bot: my_chat_member (-> kicked); later sends get 403."""
        self.require_member(by)
        self.set_bot_status("kicked", by=by)

    def set_bot_status(self, status: str, *, by: SandboxUser | None = None) -> None:
        """Change the bot's own status here, emitting my_chat_member like Telegram."""
        if status not in ("member", "administrator", "left", "kicked"):
            raise SandboxError(f"invalid bot status {status!r}")
        old, self.bot_status = self.bot_status, status
        if old != status:
            actor = by.to_dict() if by is not None else self.world.bot_user
            self.world.emit("my_chat_member", self._member_update(actor, self.world.bot_user, old))

    def delete(self) -> None:
        """The group is deleted: from then on every Bot API call naming it gets 400 « chat not
        found », as Telegram answers for a deleted supergroup. The bot gets no update about it
        (as when it missed the news), so only its next call tells it."""
        self.deleted = True
        self.world.signal.fire()

    # --- human members --------------------------------------------------------------------

    async def add_member(
        self, user: SandboxUser, status: str = "member", *, by: SandboxUser | None = None
    ) -> None:
        """``user`` joins (or ``by``, a member, adds them): chat_member update (to admin bots)
        and a new_chat_members message sent by whoever acted."""
        if status not in PRESENT:
            raise SandboxError(f"a joining member must be one of {PRESENT}, not {status!r}")
        if self.is_member(user):
            raise SandboxError(f"{user.first_name} is already in {self.describe()}")
        actor = by or user
        if by is not None:
            self.require_member(by)
        self.set_status(user, status, by=actor)
        self.service_message(actor, new_chat_members=[user.to_dict()])

    async def remove_member(self, user: SandboxUser, *, banned: bool = False) -> None:
        """``user`` leaves (or is banned): chat_member update and a left_chat_member message."""
        self.require_member(user)
        self.set_status(user, "kicked" if banned else "left")
        self.service_message(user, left_chat_member=user.to_dict())

    def set_status(
        self,
        user: SandboxUser,
        status: str,
        *,
        notify: bool = True,
        by: SandboxUser | None = None,
    ) -> None:
        """Set ``user``'s status (changed by ``by``, default themselves); emits a chat_member
        update unless ``notify`` is False."""
        if status not in STATUSES:
            raise SandboxError(f"invalid status {status!r}; expected one of {STATUSES}")
        old = self.status_of(user)
        self.statuses[user.id] = status
        self.users[user.id] = user
        # Telegram sends chat_member updates only to bots that administer the chat.
        if notify and old != status and self.bot_status == "administrator":
            self.world.emit(
                "chat_member", self._member_update((by or user).to_dict(), user.to_dict(), old)
            )

    def member_dict(self, user_id: int) -> JsonDict | None:
        if user_id == self.world.bot_user["id"]:
            return chat_member(self.world.bot_user, self.bot_status)
        user = self.users.get(user_id) or self.world.users.get(user_id)
        if user is None:
            return None
        return chat_member(user.to_dict(), self.status_of(user))

    # --- helpers --------------------------------------------------------------------------

    def require_member(self, user: SandboxUser) -> None:
        if not self.is_member(user):
            raise SandboxError(
                f"{user.first_name} is not a member of {self.describe()} "
                f"(status {self.status_of(user)!r}); call add_member first"
            )

    def _member_update(self, actor: JsonDict, subject: JsonDict, old: str) -> JsonDict:
        new = self.member_dict(int(str(subject["id"])))
        return {
            "chat": self.to_dict(),
            "from": actor,
            "date": int(time.time()),
            "old_chat_member": chat_member(subject, old),
            "new_chat_member": new,
        }

    def service_message(
        self, sender: SandboxUser, *, tell_bot: bool = True, **content: object
    ) -> JsonDict:
        message_id = self.new_message_id()
        if content.pop("in_own_thread", False):  # a topic's first message opens the topic
            content.update(message_thread_id=message_id, is_topic_message=True)
        message: JsonDict = {
            "message_id": message_id,
            "from": sender.to_dict(),
            "chat": self.to_dict(),
            "date": int(time.time()),
            **content,
        }
        self.add_user_message(message)
        if tell_bot and self.bot_can_read():  # service messages reach bots in privacy mode
            self.world.emit("message", message)
        return message
