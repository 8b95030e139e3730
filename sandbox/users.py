"""Human users of the sandbox world: the Python API that tests use to play them."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from sandbox.chats import SandboxChat, SandboxGroup, chat_member
from sandbox.markup import utf16_len
from sandbox.models import BotMessage, CallbackAnswer, JsonDict, SandboxError
from sandbox.supergroups import SandboxTopic

if TYPE_CHECKING:
    from sandbox.world import World

__all__ = ["SandboxPrivateChat", "SandboxUser"]

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@([A-Za-z0-9_]{3,32}))?")
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{4,32})\b")
_START_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


class SandboxPrivateChat(SandboxChat):
    """The private chat between one user and the bot (its id is the user's id)."""

    def __init__(self, world: World, user: SandboxUser) -> None:
        super().__init__(world, user.id, "private", None)
        self.user = user

    def describe(self) -> str:
        return f"private chat with {self.user.first_name} ({self.id})"

    def to_dict(self) -> JsonDict:
        chat: JsonDict = {"id": self.id, "type": "private", "first_name": self.user.first_name}
        if self.user.last_name:
            chat["last_name"] = self.user.last_name
        if self.user.username:
            chat["username"] = self.user.username
        return chat


def text_entities(text: str) -> list[JsonDict]:
    """The entities Telegram clients attach to a typed text: commands and @mentions."""
    entities: list[JsonDict] = []
    command = _COMMAND.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command[0])})
    for mention in _MENTION.finditer(text):
        entities.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: mention.start()]),
                "length": utf16_len(mention[0]),
            }
        )
    return entities


class SandboxUser:
    """A human Telegram user. Create with ``World.add_user``."""

    def __init__(
        self,
        world: World,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "fr",
    ) -> None:
        self.world = world
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.blocked = False
        self.started = False  # whether the user ever wrote to the bot
        self.private_chat: SandboxChat = SandboxPrivateChat(world, self)

    def __repr__(self) -> str:
        return f"SandboxUser({self.id}, {self.first_name!r})"

    def to_dict(self) -> JsonDict:
        user: JsonDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    async def send(
        self,
        text: str,
        *,
        chat: SandboxChat | None = None,
        reply_to: BotMessage | None = None,
        topic: SandboxTopic | None = None,
    ) -> int:
        """Type ``text`` in ``chat`` (default: the private chat). Returns the message id.

        In a group with privacy mode, the bot only gets commands, replies to its messages and
        messages mentioning it (or everything if it is an administrator), like Telegram.
        In a forum, ``topic`` is where it is typed (default: the topic of the message replied
        to, else « General »). A reply goes to the chat of the message it replies to.
        """
        if topic is not None:
            chat = chat or topic.group
            if topic.group is not chat or (topic.id is not None and topic.id not in chat.topics):
                raise SandboxError(
                    f"{topic.describe()} is not (or no longer) in {chat.describe()}"
                )
        chat = chat or (reply_to.chat if reply_to is not None else self.private_chat)
        self._check_can_see(chat)
        if reply_to is not None and (reply_to.chat is not chat or reply_to.deleted):
            raise SandboxError(f"cannot reply to message {reply_to.message_id}: not live in chat")
        thread = topic.id if topic is not None else None
        if reply_to is not None:
            if topic is not None and reply_to.thread_id != thread:
                raise SandboxError(f"message {reply_to.message_id} is not in {topic.describe()}")
            thread = reply_to.thread_id
        entities = text_entities(text)
        message: JsonDict = {
            "message_id": chat.new_message_id(),
            "from": self.to_dict(),
            "chat": chat.to_dict(),
            "date": int(time.time()),
            "text": text,
        }
        if thread is not None:
            message.update(message_thread_id=thread, is_topic_message=True)
        if entities:
            message["entities"] = entities
        replied_id = reply_to.message_id if reply_to is not None else thread
        if replied_id is not None:  # in a topic, a message answers the topic's first one
            replied = chat.message_dict(replied_id)
            if replied is not None:
                message["reply_to_message"] = replied
        chat.add_user_message(message)
        if chat is self.private_chat:
            self.started = True
        if self._bot_receives(chat, text, reply_to):
            self.world.emit("message", message)
        else:
            self.world.signal.fire()
        return int(str(message["message_id"]))

    async def edit(self, message_id: int, text: str, *, chat: SandboxChat | None = None) -> None:
        """Edit one of my messages: the bot gets an ``edited_message`` with the new text (when
        it received the message itself)."""
        chat = chat or self.private_chat
        self._check_can_see(chat)
        message = chat.user_message(message_id)
        sender = message.get("from") if message is not None else None
        if message is None or not isinstance(sender, dict) or sender.get("id") != self.id:
            raise SandboxError(f"{self.first_name} has no message {message_id} to edit")
        edited: JsonDict = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        entities = text_entities(text)
        if entities:
            edited["entities"] = entities
        chat.add_user_message(edited)
        if self._bot_receives(chat, text, None) or "reply_to_message" in edited:
            self.world.emit("edited_message", edited)
        else:
            self.world.signal.fire()

    async def forward(
        self, text: str, *, author: SandboxUser, chat: SandboxChat | None = None
    ) -> int:
        """Forward to ``chat`` a text message that ``author`` wrote elsewhere."""
        chat = chat or self.private_chat
        self._check_can_see(chat)
        message: JsonDict = {
            "message_id": chat.new_message_id(),
            "from": self.to_dict(),
            "chat": chat.to_dict(),
            "date": int(time.time()),
            "text": text,
            "forward_origin": {
                "type": "user",
                "sender_user": author.to_dict(),
                "date": int(time.time()) - 60,
            },
        }
        entities = text_entities(text)
        if entities:
            message["entities"] = entities
        chat.add_user_message(message)
        if chat is self.private_chat:
            self.started = True
        if self._bot_receives(chat, text, None):
            self.world.emit("message", message)
        else:
            self.world.signal.fire()
        return int(str(message["message_id"]))

    async def send_photo(
        self, caption: str | None = None, *, chat: SandboxChat | None = None
    ) -> int:
        """Send a photo (with a caption, if given) in ``chat`` (default: the private chat)."""
        chat = chat or self.private_chat
        self._check_can_see(chat)
        message: JsonDict = {
            "message_id": chat.new_message_id(),
            "from": self.to_dict(),
            "chat": chat.to_dict(),
            "date": int(time.time()),
            "photo": [
                {"file_id": "photo-1", "file_unique_id": "u-photo-1", "width": 90, "height": 90}
            ],
        }
        if caption:
            message["caption"] = caption
        chat.add_user_message(message)
        if chat is self.private_chat:
            self.started = True
        if self._bot_receives(chat, caption or "", None):
            self.world.emit("message", message)
        else:
            self.world.signal.fire()
        return int(str(message["message_id"]))

    async def send_sticker(self, emoji: str = "👍") -> int:
        """Send a sticker in the private chat: a message with no text at all."""
        chat = self.private_chat
        message: JsonDict = {
            "message_id": chat.new_message_id(),
            "from": self.to_dict(),
            "chat": chat.to_dict(),
            "date": int(time.time()),
            "sticker": {
                "file_id": f"sticker-{emoji}",
                "file_unique_id": f"u-{emoji}",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": emoji,
            },
        }
        chat.add_user_message(message)
        self.started = True
        self.world.emit("message", message)
        return int(str(message["message_id"]))

    async def press(
        self, message: BotMessage, button: str, *, timeout: float = 5.0
    ) -> CallbackAnswer:
        """Press an inline button (by text or callback_data); returns the bot's answer.

        Waits until the bot calls answerCallbackQuery for this press.
        """
        if message.deleted:
            raise SandboxError(f"message {message.message_id} was deleted; nothing to press")
        found = message.find_button(button)
        data = found.get("callback_data")
        if not isinstance(data, str):
            kind = sorted(set(found) - {"text"})
            raise SandboxError(
                f"button {button!r} is not a callback button ({kind}); use open_link for URLs"
            )
        return await self._send_press(message, data, str(found.get("text")), timeout)

    async def press_data(
        self, data: str, *, message: BotMessage | None = None, timeout: float = 5.0
    ) -> CallbackAnswer:
        """Send a callback query with arbitrary data, as a forged or stale client would.

        The press is attached to ``message`` (default: the bot's last message in the private
        chat), whatever buttons that message really has.
        """
        if message is None:
            if not self.private_chat.messages:
                raise SandboxError(f"the bot never wrote to {self.first_name}; nothing to press")
            message = self.private_chat.messages[-1]
        return await self._send_press(message, data, f"forged {data!r}", timeout)

    async def _send_press(
        self, message: BotMessage, data: str, label: str, timeout: float
    ) -> CallbackAnswer:
        self._check_can_see(message.chat)
        if not message.chat.bot_can_read():
            raise SandboxError(f"the bot is not in {message.chat.describe()}")
        query_id = self.world.new_callback_query(message)
        message.chat.note(f"{self.first_name} pressed {label} on #{message.message_id}")
        self.world.emit(
            "callback_query",
            {
                "id": query_id,
                "from": self.to_dict(),
                "message": message.to_dict(),
                "chat_instance": str(abs(message.chat.id) * 31 + 7),
                "data": data,
            },
        )
        if not await self.world.signal.wait_for(
            lambda: query_id in self.world.callback_answers, timeout
        ):
            raise TimeoutError(
                f"the bot did not call answerCallbackQuery for {self.first_name}'s press of "
                f"{label} within {timeout}s\n{message.chat.transcript()}"
            )
        return self.world.callback_answers[query_id]

    async def open_link(self, url: str) -> int:
        """Open a t.me deep link to the bot: ``?start=PAYLOAD`` sends ``/start PAYLOAD``."""
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        if parts.scheme == "tg":
            target = query.get("domain", [""])[0]
        elif parts.scheme in ("http", "https") and parts.netloc in ("t.me", "telegram.me"):
            target = parts.path.strip("/")
        else:
            raise SandboxError(f"not a Telegram link: {url!r}")
        if target.lower() != self.world.bot_username.lower():
            raise SandboxError(f"link {url!r} is not for @{self.world.bot_username}")
        if "startgroup" in query:
            raise SandboxError("startgroup links are not supported by the sandbox")
        payload = query.get("start", [""])[0]
        if "start" in query and not _START_PAYLOAD.fullmatch(payload):
            raise SandboxError(
                f"invalid start payload {payload!r}: "
                "Telegram allows 1-64 characters among A-Z a-z 0-9 _ -"
            )
        return await self.send(f"/start {payload}" if payload else "/start")

    def block_bot(self) -> None:
        """Block the bot: my_chat_member (member -> kicked); the bot then gets 403."""
        if not self.blocked:
            self.blocked = True
            self._emit_private_status("member", "kicked")

    def unblock_bot(self) -> None:
        if self.blocked:
            self.blocked = False
            self._emit_private_status("kicked", "member")

    # --- helpers --------------------------------------------------------------------------

    def _emit_private_status(self, old: str, new: str) -> None:
        bot = self.world.bot_user
        update: JsonDict = {
            "chat": self.private_chat.to_dict(),
            "from": self.to_dict(),
            "date": int(time.time()),
            "old_chat_member": chat_member(bot, old),
            "new_chat_member": chat_member(bot, new),
        }
        self.world.emit("my_chat_member", update)

    def _check_can_see(self, chat: SandboxChat) -> None:
        if isinstance(chat, SandboxGroup):
            if chat.deleted:
                raise SandboxError(f"{chat.describe()} was deleted; nobody can write there")
            if chat.migrated_to is not None:
                raise SandboxError(
                    f"{chat.describe()} became {chat.migrated_to.describe()}; write there"
                )
            if not chat.is_member(self):
                raise SandboxError(
                    f"{self.first_name} is not a member of {chat.describe()} "
                    f"(status {chat.status_of(self)!r}); call add_member first"
                )
        elif chat is not self.private_chat:
            raise SandboxError(f"{self.first_name} cannot write in {chat.describe()}")
        elif self.blocked:
            raise SandboxError(f"{self.first_name} blocked the bot; call unblock_bot() first")

    def _bot_receives(self, chat: SandboxChat, text: str, reply_to: BotMessage | None) -> bool:
        if not isinstance(chat, SandboxGroup):
            return True
        if not chat.bot_can_read():
            return False
        if not self.world.privacy_mode or chat.bot_status == "administrator":
            return True
        bot_name = self.world.bot_username.lower()
        command = _COMMAND.match(text)
        if command and (command[1] is None or command[1].lower() == bot_name):
            return True
        if reply_to is not None:
            return True  # reply_to is always one of the bot's messages
        return any(m[1].lower() == bot_name for m in _MENTION.finditer(text))
