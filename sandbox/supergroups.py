"""What groups become: a forum (a supergroup with topics), and a supergroup made from a basic
group (Telegram's migration: a new id, a service message in each, the old id refused).

- In a forum, every message but those of « General » belongs to a topic: it carries the
  topic's `message_thread_id` (the id of the topic's first message, its forum_topic_created
  service message) and `is_topic_message`, and, unless it replies to another message, it
  replies to that first message (so a bot can read the topic's name from any of them). A bot
  writes in a topic by passing `message_thread_id`; without it, the message goes to
  « General ».
- Upgrading a basic group creates the supergroup with the same people; the old group gets a
  `migrate_to_chat_id` service message and the new one a `migrate_from_chat_id` one. From then
  on, every call naming the old id is refused with 400 and `parameters.migrate_to_chat_id`
  (PTB raises `ChatMigrated`). The new supergroup starts its own message ids: what the bot
  posted in the old group (a pinned card, a vote) cannot be edited or pinned through the new id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.models import BotMessage, SandboxError, bad_request

if TYPE_CHECKING:
    from sandbox.chats import SandboxChat, SandboxGroup
    from sandbox.users import SandboxUser

__all__ = ["ICON_COLOR", "SandboxTopic", "create_topic", "thread_for_send", "upgrade"]

# One of the six colours Telegram allows for a topic's icon.
ICON_COLOR = 0x6FB9F0


class SandboxTopic:
    """A topic of a forum as the test sees it (or « General », whose id is None): the bot's
    messages there, with a cursor to await them."""

    def __init__(self, group: SandboxGroup, thread_id: int | None, name: str) -> None:
        self.group = group
        self.id = thread_id
        self.name = name
        self._cursor = 0

    def __repr__(self) -> str:
        return f"SandboxTopic({self.id}, {self.name!r})"

    def describe(self) -> str:
        return f"topic « {self.name} » of {self.group.describe()}"

    @property
    def messages(self) -> list[BotMessage]:
        """What the bot sent in this topic, in order."""
        return [m for m in self.group.messages if m.thread_id == self.id]

    async def next_bot_message(self, timeout: float = 5.0) -> BotMessage:
        """The next bot message in this topic not yet returned here, waiting if needed."""
        if not await self.group.world.signal.wait_for(
            lambda: self._cursor < len(self.messages), timeout
        ):
            raise TimeoutError(
                f"no new bot message in {self.describe()} within {timeout}s\n"
                f"{self.group.transcript()}"
            )
        self._cursor += 1
        return self.messages[self._cursor - 1]

    def pending_bot_messages(self) -> list[BotMessage]:
        """Bot messages `next_bot_message` has not returned yet (does not consume them)."""
        return self.messages[self._cursor :]

    def delete(self) -> None:
        """An admin deletes the topic and its messages. Bots get no update about it: a later
        message to the topic is refused with « message thread not found »."""
        if self.id is None or self.group.topics.pop(self.id, None) is None:
            raise SandboxError(f"{self.describe()} cannot be deleted")
        for message in self.messages:
            message.deleted = True
        self.group.world.signal.fire()


def thread_for_send(chat: SandboxChat, thread: object) -> int | None:
    """The topic a bot's message goes to (message_thread_id); None: « General », or no topics.
    A thread that is not a topic of this forum is refused, as Telegram does."""
    if thread is None:
        return None
    topics = getattr(chat, "topics", {}) if getattr(chat, "is_forum", False) else {}
    number = int(str(thread)) if str(thread).lstrip("-").isdigit() else None
    if number is None or number not in topics:
        raise bad_request("message thread not found")
    return number


def create_topic(group: SandboxGroup, name: str, *, by: SandboxUser) -> SandboxTopic:
    """`by` creates a topic in a forum: its first message is the forum_topic_created service
    message, which bots receive even in privacy mode."""
    if not group.is_forum:
        raise SandboxError(f"{group.describe()} has no topics (add_group(..., forum=True))")
    if not 1 <= len(name) <= 128:
        raise SandboxError(f"a topic's name has 1 to 128 characters: {name!r}")
    group.require_member(by)
    created = {"name": name, "icon_color": ICON_COLOR}
    message = group.service_message(by, in_own_thread=True, forum_topic_created=created)
    topic = SandboxTopic(group, int(str(message["message_id"])), name)
    group.topics[int(str(message["message_id"]))] = topic
    return topic


def upgrade(group: SandboxGroup, *, by: SandboxUser, tell_bot: bool = True) -> SandboxGroup:
    """The basic group becomes a supergroup, as when its creator turns on a supergroup-only
    feature. `tell_bot=False`: the bot misses both service messages (it was away longer than
    Telegram keeps updates), so only a refused call tells it."""
    if group.type != "group" or group.migrated_to is not None:
        raise SandboxError(f"{group.describe()} is not a basic group that can be upgraded")
    if group.status_of(by) != "creator":
        raise SandboxError(f"only the creator of {group.describe()} can upgrade it")
    supergroup = group.world.add_group(group.title or "", creator=by)
    supergroup.statuses = dict(group.statuses)
    supergroup.users = dict(group.users)
    supergroup.bot_status = group.bot_status
    group.service_message(by, tell_bot=tell_bot, migrate_to_chat_id=supergroup.id)
    group.migrated_to = supergroup
    supergroup.service_message(by, tell_bot=tell_bot, migrate_from_chat_id=group.id)
    return supergroup
