"""Plain data objects of the sandbox: messages the bot sent, recorded calls, errors."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sandbox.markup import MarkupError, parse_text
from sandbox.markup import plain_text as _plain_text

if TYPE_CHECKING:
    from sandbox.world import SandboxChat

__all__ = [
    "ApiError",
    "BotMessage",
    "CallbackAnswer",
    "RecordedCall",
    "SandboxError",
    "SentDocument",
]

JsonDict = dict[str, object]


class SandboxError(RuntimeError):
    """Misuse of the sandbox's Python API by a test (e.g. pressing a button that is absent)."""


class ApiError(Exception):
    """An error answer of the fake Bot API, in Telegram's shape."""

    def __init__(
        self,
        code: int,
        description: str,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        violation: bool = False,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id
        # Whether the bot broke an API rule (as opposed to a normal runtime condition).
        self.violation = violation

    def payload(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.code, "description": self.description}
        parameters: JsonDict = {}
        if self.retry_after is not None:
            parameters["retry_after"] = self.retry_after
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if parameters:
            body["parameters"] = parameters
        return body


def bad_request(detail: str, *, violation: bool = False) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}", violation=violation)


def forbidden(detail: str) -> ApiError:
    return ApiError(403, f"Forbidden: {detail}")


@dataclass
class RecordedCall:
    """One Bot API request the bot made."""

    method: str
    params: dict[str, object]
    ok: bool = True
    error: str | None = None
    error_code: int | None = None
    result: object = None


@dataclass
class SentDocument:
    file_name: str
    content: bytes
    mime_type: str | None
    caption: str | None
    file_id: str = ""


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot passed to answerCallbackQuery."""

    text: str | None
    show_alert: bool
    url: str | None = None


@dataclass(eq=False)
class BotMessage:
    """A message sent by the bot, kept in its current (possibly edited) state."""

    message_id: int
    chat: SandboxChat
    date: int
    sender: JsonDict
    text: str | None = None
    parse_mode: str | None = None
    reply_markup: JsonDict | None = None
    reply_to_message_id: int | None = None
    # The forum topic it was sent to (message_thread_id); None: « General », or no topics.
    thread_id: int | None = None
    document: SentDocument | None = None
    deleted: bool = False
    edits: int = 0
    pinned: bool = False
    edit_date: int | None = None
    edits_seen: int = field(default=0, repr=False)  # cursor of SandboxChat.next_edit

    @property
    def plain_text(self) -> str:
        """Text (or caption) without markup, so tests can assert on words."""
        if self.text is not None:
            return _plain_text(self.text, self.parse_mode)
        if self.document is not None and self.document.caption is not None:
            return _plain_text(self.document.caption, self.parse_mode)
        return ""

    @property
    def entities(self) -> list[JsonDict]:
        """Entities of the text as Telegram reports them (UTF-16 offsets)."""
        return _parsed(self.text, self.parse_mode)[1] if self.text is not None else []

    def _rows(self) -> list[list[object]]:
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard", markup.get("keyboard", []))
        return [list(row) for row in rows] if isinstance(rows, list) else []

    @property
    def buttons(self) -> list[list[str]]:
        """Button texts by row (inline keyboard, or reply keyboard)."""
        return [
            [str(b.get("text")) if isinstance(b, dict) else str(b) for b in row]
            for row in self._rows()
        ]

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text in row]

    @property
    def inline_buttons(self) -> list[JsonDict]:
        if not self.reply_markup or "inline_keyboard" not in self.reply_markup:
            return []
        return [b for row in self._rows() for b in row if isinstance(b, dict)]

    def find_button(self, label: str) -> JsonDict:
        """The inline button whose text, or else whose callback_data, is ``label``.

        Spaces compare as a person reads them: « Paul : … » finds « Paul\u00a0: … »."""
        buttons = self.inline_buttons
        wanted = " ".join(label.split())
        for key in ("text", "callback_data"):
            for button in buttons:
                value = button.get(key)
                if value == label or (
                    isinstance(value, str) and " ".join(value.split()) == wanted
                ):
                    return button
        raise SandboxError(
            f"no inline button {label!r} on message {self.message_id} in {self.chat.describe()}; "
            f"buttons: {self.buttons!r}, text: {self.plain_text[:200]!r}"
        )

    def callback_data_for(self, text: str) -> str:
        data = self.find_button(text).get("callback_data")
        if not isinstance(data, str):
            raise SandboxError(f"button {text!r} has no callback_data")
        return data

    def url_for(self, text: str) -> str | None:
        url = self.find_button(text).get("url")
        return url if isinstance(url, str) else None

    @property
    def force_reply(self) -> bool:
        return bool(self.reply_markup and self.reply_markup.get("force_reply"))

    def to_dict(self) -> JsonDict:
        """The Message object as the Bot API returns it."""
        message: JsonDict = {
            "message_id": self.message_id,
            "from": self.sender,
            "chat": self.chat.to_dict(),
            "date": self.date,
        }
        if self.chat.type == "channel":
            # A channel post is signed by the channel, not by the bot that wrote it.
            del message["from"]
            message["sender_chat"] = self.chat.to_dict()
        if self.thread_id is not None:
            message["message_thread_id"] = self.thread_id
            message["is_topic_message"] = True
        if self.edit_date is not None:
            message["edit_date"] = self.edit_date
        if self.text is not None:
            message["text"], entities = _parsed(self.text, self.parse_mode)
            if entities:
                message["entities"] = entities
        if self.document is not None:
            doc = self.document
            message["document"] = {
                "file_id": doc.file_id,
                "file_unique_id": f"u{doc.file_id}",
                "file_name": doc.file_name,
                "file_size": len(doc.content),
                **({"mime_type": doc.mime_type} if doc.mime_type else {}),
            }
            if doc.caption:
                message["caption"], caption_entities = _parsed(doc.caption, self.parse_mode)
                if caption_entities:
                    message["caption_entities"] = caption_entities
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            # Telegram echoes only inline keyboards back in Message objects.
            message["reply_markup"] = self.reply_markup
        replied_id = self.reply_to_message_id
        if replied_id is None and self.thread_id is not None:
            replied_id = self.thread_id  # Telegram: a topic's messages answer its first one
        if replied_id is not None:
            replied = self.chat.message_dict(replied_id)
            if replied is not None:
                message["reply_to_message"] = replied
        return message


def _parsed(text: str, parse_mode: str | None) -> tuple[str, list[JsonDict]]:
    try:
        parsed = parse_text(text, parse_mode)
    except MarkupError:
        return _plain_text(text, parse_mode), []
    return parsed.text, parsed.entities


class Signal:
    """Wakes every waiter whenever the sandbox state changes (no sleep-polling).

    ``fire`` is synchronous so that plain methods (``block_bot``...) can notify waiters.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def changed(self, timeout: float) -> bool:
        """Wait for the next state change; False on timeout."""
        if timeout <= 0:
            return False
        try:
            async with asyncio.timeout(timeout):
                await self._event.wait()
        except TimeoutError:
            return False
        return True

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``predicate()`` holds; False if it still does not after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if not await self.changed(deadline - loop.time()):
                return predicate()
        return True
