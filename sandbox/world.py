"""The state of the fake Telegram: users, chats, the update queue and bot settings."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sandbox.channels import SandboxChannel
from sandbox.chats import SandboxChat, SandboxGroup
from sandbox.models import (
    ApiError,
    BotMessage,
    CallbackAnswer,
    JsonDict,
    SandboxError,
    SentDocument,
    Signal,
    bad_request,
    forbidden,
)
from sandbox.users import SandboxPrivateChat, SandboxUser

# The chat, user and message classes live in their own modules; importing them from here
# is supported too.
__all__ = [
    "OPT_IN_UPDATES",
    "BotMessage",
    "CallbackAnswer",
    "SandboxChannel",
    "SandboxChat",
    "SandboxGroup",
    "SandboxPrivateChat",
    "SandboxUser",
    "Webhook",
    "World",
]

# Update types Telegram only sends when they are explicitly listed in allowed_updates.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass(slots=True)
class Webhook:
    """Where updates go instead of getUpdates, after setWebhook (see sandbox/webhook.py)."""

    url: str
    secret_token: str | None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


class World:
    """Users, chats and messages, plus the bot's update queue.

    Tests use ``add_user``/``add_group`` and the returned objects; the fake Bot API server
    uses the bot-side methods (``get_updates``, ``chat_for_bot``...).
    """

    def __init__(
        self, *, bot_id: int, bot_username: str, bot_name: str, privacy_mode: bool = True
    ) -> None:
        self.bot_username = bot_username
        self.privacy_mode = privacy_mode
        self.bot_user: JsonDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self.users: dict[int, SandboxUser] = {}
        self.chats: dict[int, SandboxChat] = {}
        self.signal = Signal()
        self.callback_answers: dict[str, CallbackAnswer] = {}
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.menu_buttons: dict[int | None, JsonDict] = {}
        self.files: dict[str, SentDocument] = {}
        self.inflight = 0  # Bot API requests being handled, getUpdates excepted
        self.waiting_polls = 0  # getUpdates requests waiting for updates
        self.webhook: Webhook | None = None  # set: updates are posted, not polled
        self.pushing = 0  # updates being posted to the webhook
        self.closed = False
        self._queue: list[JsonDict] = []
        self._update_ids = itertools.count(1)
        self._user_ids = itertools.count(1001)
        self._group_ids = itertools.count(1_000_000_001)
        self._basic_group_ids = itertools.count(4_000_000_001)
        self._query_ids = itertools.count(1)
        self._open_queries: set[str] = set()
        self._allowed: frozenset[str] | None = None  # None: Telegram's default selection
        self._polled = False
        self._poll_generation = 0

    # --- test side ------------------------------------------------------------------------

    def add_user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "fr",
        user_id: int | None = None,
    ) -> SandboxUser:
        if user_id is not None and user_id in self.users:
            raise SandboxError(f"user id {user_id} is taken")
        user = SandboxUser(
            self,
            user_id if user_id is not None else next(self._user_ids),
            first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self.users[user.id] = user
        self.chats[user.id] = user.private_chat
        return user

    def add_group(
        self,
        title: str,
        *,
        creator: SandboxUser,
        kind: str = "supergroup",
        forum: bool = False,
    ) -> SandboxGroup:
        """A group created by ``creator``; the bot is not in it yet. A supergroup (id -100...)
        by default, with topics when ``forum``; ``kind="group"``: a basic group (a small
        negative id), which ``upgrade`` turns into a supergroup."""
        chat_id = (
            -next(self._basic_group_ids) if kind == "group" else -(10**12) - next(self._group_ids)
        )
        group = SandboxGroup(self, chat_id, title, creator, kind=kind, forum=forum)
        self.chats[group.id] = group
        return group

    def add_channel(
        self, title: str, *, creator: SandboxUser, username: str | None = None
    ) -> SandboxChannel:
        """A channel (id -100...) made by ``creator``; public when it has a ``username``."""
        channel = SandboxChannel(
            self, -(10**12) - next(self._group_ids), title, creator, username=username
        )
        self.chats[channel.id] = channel
        return channel

    def updates_pending(self) -> int:
        """Updates injected but not yet confirmed by the bot."""
        return len(self._queue)

    def is_idle(self) -> bool:
        receiving = self.waiting_polls > 0 or self.webhook is not None
        return not self._queue and self.inflight == 0 and self.pushing == 0 and receiving

    async def wait_idle(self, timeout: float = 5.0, *, settle: float = 0.1) -> None:
        """Wait until the bot confirmed every update, has no request running and polls again.

        The state must then stay unchanged for ``settle`` seconds: the bot may still be
        working on a confirmed update (e.g. awaiting its database) before calling the API.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if not await self.signal.wait_for(self.is_idle, deadline - loop.time()):
                raise TimeoutError(
                    f"the bot did not become idle within {timeout}s: {len(self._queue)} "
                    f"unconfirmed updates, {self.inflight} requests running, "
                    f"{self.waiting_polls} getUpdates waiting"
                )
            quiet = min(settle, max(deadline - loop.time(), 0.0))
            if not await self.signal.changed(quiet) and self.is_idle():
                return

    def bot_commands(
        self, scope: str = "default", language_code: str = ""
    ) -> list[tuple[str, str]]:
        """Commands set with setMyCommands, as (command, description).

        ``scope`` is the scope type, with ``:chat_id`` (and ``:user_id``) for chat scopes,
        e.g. ``"chat:-1001000000001"``.
        """
        stored = self.commands.get((scope, language_code), [])
        return [(str(c.get("command")), str(c.get("description"))) for c in stored]

    # --- updates --------------------------------------------------------------------------

    def emit(self, kind: str, payload: JsonDict) -> None:
        """Queue an update for the bot."""
        if (self._polled or self.webhook is not None) and not self._is_allowed(kind):
            self.signal.fire()
            return  # dropped, as Telegram does for update types the bot did not ask for
        self._queue.append({"update_id": next(self._update_ids), kind: payload})
        self.signal.fire()

    def _is_allowed(self, kind: str) -> bool:
        if self._allowed is None:
            return kind not in OPT_IN_UPDATES
        return kind in self._allowed

    def drop_pending_updates(self) -> None:
        self._queue.clear()
        self.signal.fire()

    async def get_updates(
        self,
        *,
        offset: int | None,
        limit: int,
        timeout: float,
        allowed_updates: Sequence[str] | None,
    ) -> list[JsonDict]:
        """Bot side of getUpdates: confirm, filter, then long-poll until something arrives."""
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        generation = self._poll_generation
        self._polled = True
        if allowed_updates is not None:
            self._allowed = frozenset(allowed_updates) or None
        if offset:
            if offset < 0:
                del self._queue[:offset]  # keep only the last -offset updates
            else:
                self._queue = [u for u in self._queue if int(str(u["update_id"])) >= offset]
        self._queue = [u for u in self._queue if self._is_allowed(_update_kind(u))]
        self.signal.fire()
        if not self._queue and timeout > 0 and not self.closed:
            self.waiting_polls += 1
            self.signal.fire()
            try:
                await self.signal.wait_for(
                    lambda: (
                        bool(self._queue)
                        or self.closed
                        or generation != self._poll_generation
                        or self.webhook is not None
                    ),
                    timeout,
                )
            finally:
                self.waiting_polls -= 1
                self.signal.fire()
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
        if self.webhook is not None:
            return []
        return list(self._queue[: max(1, min(limit, 100))])

    # --- bot side: webhook ----------------------------------------------------------------

    def set_webhook(
        self, webhook: Webhook, allowed_updates: Sequence[str] | None, *, drop_pending: bool
    ) -> None:
        if drop_pending:
            self._queue.clear()
        if allowed_updates is not None:
            self._allowed = frozenset(allowed_updates) or None
        self.webhook = webhook
        self.signal.fire()  # a waiting getUpdates ends, empty

    def delete_webhook(self, *, drop_pending: bool) -> None:
        if drop_pending:
            self._queue.clear()
        self.webhook = None
        self.signal.fire()

    def next_for_webhook(self) -> JsonDict | None:
        """The oldest update the bot asked for, while a webhook is set."""
        if self.webhook is None:
            return None
        self._queue = [u for u in self._queue if self._is_allowed(_update_kind(u))]
        return self._queue[0] if self._queue else None

    def confirm_delivered(self, update_id: int) -> None:
        self._queue = [u for u in self._queue if int(str(u["update_id"])) != update_id]
        self.signal.fire()

    def webhook_error(self, message: str) -> None:
        if self.webhook is not None:
            self.webhook.last_error_date = int(time.time())
            self.webhook.last_error_message = message
        self.signal.fire()

    def close(self) -> None:
        """Release waiting long polls (server shutdown)."""
        self.closed = True
        self.signal.fire()

    # --- callback queries -----------------------------------------------------------------

    def new_callback_query(self, message: BotMessage) -> str:
        query_id = f"{message.chat.id}{next(self._query_ids):08d}".lstrip("-")
        self._open_queries.add(query_id)
        return query_id

    def answer_callback_query(self, query_id: str, answer: CallbackAnswer) -> None:
        if query_id not in self._open_queries:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self._open_queries.discard(query_id)
        self.callback_answers[query_id] = answer
        self.signal.fire()

    # --- bot side: chat access ------------------------------------------------------------

    def chat_for_bot(self, chat_id: object, *, write: bool = True) -> SandboxChat:
        """The chat ``chat_id`` names, or the ApiError Telegram answers a bot with."""
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            chat = self._by_username(chat_id[1:])
        else:
            chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        if isinstance(chat, SandboxChannel):
            chat.check_bot_access(write=write)
        if isinstance(chat, SandboxPrivateChat):
            user = chat.user
            if write and user.blocked:
                raise forbidden("bot was blocked by the user")
            if not user.started:
                if write:
                    raise forbidden("bot can't initiate conversation with a user")
                raise bad_request("chat not found")
        elif isinstance(chat, SandboxGroup):
            if chat.deleted:
                raise bad_request("chat not found")
            if chat.migrated_to is not None:
                raise ApiError(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    migrate_to_chat_id=chat.migrated_to.id,
                )
            if chat.bot_status == "kicked":
                raise forbidden("bot was kicked from the supergroup chat")
            if chat.bot_status == "left":
                raise forbidden("bot is not a member of the supergroup chat")
        return chat

    def _by_username(self, username: str) -> SandboxChat | None:
        """A public channel by its @username (Telegram accepts it as a chat_id)."""
        for chat in self.chats.values():
            if (
                isinstance(chat, SandboxChannel)
                and (chat.username or "").lower() == username.lower()
            ):
                return chat
        return None

    def user_for_bot(self, user_id: object) -> SandboxUser:
        user = self.users.get(user_id) if isinstance(user_id, int) else None
        if user is None:
            raise bad_request("user not found")
        return user

    def store_file(self, document: SentDocument) -> None:
        self.files[document.file_id] = document


def _update_kind(update: JsonDict) -> str:
    return next(key for key in update if key != "update_id")
