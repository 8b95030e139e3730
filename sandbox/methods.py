"""The Bot API methods the sandbox implements, acting on the World."""

from __future__ import annotations

import itertools
import mimetypes
import re
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from sandbox.apispec import UploadedFile
from sandbox.channels import SandboxChannel
from sandbox.chats import SandboxGroup
from sandbox.markup import parse_text
from sandbox.models import (
    BotMessage,
    CallbackAnswer,
    SentDocument,
    bad_request,
)
from sandbox.params import (
    Params,
    flag,
    inline_markup,
    integer,
    json_list,
    json_object,
    opt_str,
    parse_or_reject,
    require,
)
from sandbox.supergroups import thread_for_send
from sandbox.users import SandboxPrivateChat
from sandbox.world import Webhook, World

__all__ = ["SEND_METHODS", "BotApi"]

Handler = Callable[[Params], Awaitable[object]]

# What Telegram accepts as a webhook's secret_token.
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

# Methods that post a message: these count for flood control.
SEND_METHODS = frozenset({"sendMessage", "sendDocument"})
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


class BotApi:
    """Dispatches Bot API calls to handlers; raises ApiError for error answers."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._file_ids = itertools.count(1)
        self.handlers: dict[str, Handler] = {
            "getMe": self.get_me,
            "logOut": self.trivial,
            "close": self.trivial,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "getUpdates": self.get_updates,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "sendDocument": self.send_document,
            "pinChatMessage": self.pin_chat_message,
            "unpinChatMessage": self.unpin_chat_message,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "getChatMemberCount": self.get_chat_member_count,
            "leaveChat": self.leave_chat,
            "sendChatAction": self.send_chat_action,
            "setChatMenuButton": self.set_chat_menu_button,
            "getChatMenuButton": self.get_chat_menu_button,
            "getFile": self.get_file,
        }

    async def call(self, method: str, params: Params) -> object:
        return await self.handlers[method](params)

    # --- bot and updates ------------------------------------------------------------------

    async def trivial(self, params: Params) -> object:
        return True

    async def get_me(self, params: Params) -> object:
        return {
            **self.world.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.world.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def set_webhook(self, params: Params) -> object:
        url = str(require(params, "url"))
        drop = flag(params, "drop_pending_updates")
        if not url:  # an empty url removes the webhook, as deleteWebhook
            self.world.delete_webhook(drop_pending=drop)
            return True
        parts = urlsplit(url)
        local = parts.hostname in {"127.0.0.1", "localhost", "::1"}
        if not parts.hostname or not (parts.scheme == "https" or local):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = opt_str(params, "secret_token")
        if secret is not None and not _SECRET.match(secret):
            raise bad_request("secret token contains unallowed characters", violation=True)
        allowed = json_list(params, "allowed_updates")
        connections = params.get("max_connections")
        self.world.set_webhook(
            Webhook(
                url=url,
                secret_token=secret,
                max_connections=integer(params, "max_connections") if connections else 40,
            ),
            None if allowed is None else [str(a) for a in allowed],
            drop_pending=drop,
        )
        return True

    async def delete_webhook(self, params: Params) -> object:
        self.world.delete_webhook(drop_pending=flag(params, "drop_pending_updates"))
        return True

    async def get_webhook_info(self, params: Params) -> object:
        pending = self.world.updates_pending()
        webhook = self.world.webhook
        info: dict[str, object] = {
            "url": webhook.url if webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": pending,
        }
        if webhook is not None:
            info["max_connections"] = webhook.max_connections
            if webhook.last_error_date is not None:
                info["last_error_date"] = webhook.last_error_date
                info["last_error_message"] = webhook.last_error_message
        return info

    async def get_updates(self, params: Params) -> object:
        allowed = json_list(params, "allowed_updates")
        return await self.world.get_updates(
            offset=integer(params, "offset") if params.get("offset") is not None else None,
            limit=integer(params, "limit") if params.get("limit") is not None else 100,
            timeout=integer(params, "timeout") if params.get("timeout") is not None else 0,
            allowed_updates=None if allowed is None else [str(a) for a in allowed],
        )

    # --- messages -------------------------------------------------------------------------

    def _reply_target(self, chat_message: Callable[[int], object], params: Params) -> int | None:
        reply = json_object(params, "reply_parameters")
        if reply is None:
            return None
        message_id = integer(reply, "message_id")
        if chat_message(message_id) is None:
            if reply.get("allow_sending_without_reply") is True:
                return None
            raise bad_request("message to be replied not found")
        return message_id

    async def send_message(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"))
        thread = thread_for_send(chat, params.get("message_thread_id"))
        text, parse_mode = str(require(params, "text")), opt_str(params, "parse_mode")
        parse_or_reject(
            text, parse_mode, limit=4096, empty="message text is empty", long="message is too long"
        )
        message = BotMessage(
            message_id=0,
            chat=chat,
            date=int(time.time()),
            sender=self.world.bot_user,
            text=text,
            parse_mode=parse_mode,
            reply_markup=json_object(params, "reply_markup"),
            reply_to_message_id=self._reply_target(chat.message_dict, params),
            thread_id=thread,
        )
        message.message_id = chat.new_message_id()
        chat.add_bot_message(message)
        return message.to_dict()

    async def send_document(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"))
        thread = thread_for_send(chat, params.get("message_thread_id"))
        caption, parse_mode = opt_str(params, "caption"), opt_str(params, "parse_mode")
        if caption is not None:
            parse_or_reject(
                caption, parse_mode, limit=1024, empty="", long="message caption is too long"
            )
        document = self._document(require(params, "document"), caption)
        message = BotMessage(
            message_id=0,
            chat=chat,
            date=int(time.time()),
            sender=self.world.bot_user,
            parse_mode=parse_mode,
            reply_markup=json_object(params, "reply_markup"),
            reply_to_message_id=self._reply_target(chat.message_dict, params),
            thread_id=thread,
            document=document,
        )
        message.message_id = chat.new_message_id()
        chat.add_bot_message(message)
        return message.to_dict()

    def _document(self, source: object, caption: str | None) -> SentDocument:
        if isinstance(source, UploadedFile):
            mime = source.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(source.filename)[0] or mime
            document = SentDocument(source.filename, source.content, mime, caption)
        elif isinstance(source, str) and source in self.world.files:
            known = self.world.files[source]
            document = SentDocument(known.file_name, known.content, known.mime_type, caption)
        elif isinstance(source, str) and source.startswith(("http://", "https://")):
            name = source.rstrip("/").rpartition("/")[2] or "file"
            document = SentDocument(name, b"", mimetypes.guess_type(name)[0], caption)
        else:
            raise bad_request("wrong file identifier/HTTP URL specified")
        document.file_id = f"BQACAgEAAxkDAAI{next(self._file_ids):06d}"
        self.world.store_file(document)
        return document

    async def get_file(self, params: Params) -> object:
        file_id = str(require(params, "file_id"))
        document = self.world.files.get(file_id)
        if document is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(document.content),
            "file_path": f"documents/{file_id}",
        }

    def _bot_message_for_edit(self, params: Params) -> BotMessage:
        if params.get("inline_message_id") is not None:
            raise bad_request("inline messages are not supported by the sandbox", violation=True)
        chat = self.world.chat_for_bot(require(params, "chat_id"))
        message_id = integer(params, "message_id")
        message = chat.bot_message(message_id)
        if message is None:
            if chat.user_message(message_id) is not None:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return message

    async def edit_message_text(self, params: Params) -> object:
        message = self._bot_message_for_edit(params)
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        text, parse_mode = str(require(params, "text")), opt_str(params, "parse_mode")
        new = parse_or_reject(
            text, parse_mode, limit=4096, empty="message text is empty", long="message is too long"
        )
        old = parse_text(message.text, message.parse_mode)
        # Telegram removes the inline keyboard when an edit does not repeat it.
        markup = json_object(params, "reply_markup")
        if new == old and markup == inline_markup(message.reply_markup):
            raise bad_request(_NOT_MODIFIED)
        message.text, message.parse_mode = text, parse_mode
        if markup is not None or inline_markup(message.reply_markup):
            message.reply_markup = markup
        return self._edited(message)

    async def edit_message_reply_markup(self, params: Params) -> object:
        message = self._bot_message_for_edit(params)
        markup = json_object(params, "reply_markup")
        if markup == inline_markup(message.reply_markup):
            raise bad_request(_NOT_MODIFIED)
        message.reply_markup = markup
        return self._edited(message)

    def _edited(self, message: BotMessage) -> object:
        message.edits += 1
        message.edit_date = int(time.time())
        self.world.signal.fire()
        return message.to_dict()

    async def delete_message(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"))
        message_id = integer(params, "message_id")
        message = chat.bot_message(message_id)
        if message is not None:
            message.deleted = True
            if message_id in chat.pinned:
                chat.pinned.remove(message_id)
        elif chat.user_message(message_id) is not None:
            if isinstance(chat, SandboxGroup) and chat.bot_status != "administrator":
                raise bad_request("message can't be deleted")
            chat.delete_user_message(message_id)
        else:
            raise bad_request("message to delete not found")
        self.world.signal.fire()
        return True

    async def answer_callback_query(self, params: Params) -> object:
        text = opt_str(params, "text")
        if text is not None and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG", violation=True)
        answer = CallbackAnswer(text, flag(params, "show_alert"), opt_str(params, "url"))
        self.world.answer_callback_query(str(require(params, "callback_query_id")), answer)
        return True

    # --- commands and menu ----------------------------------------------------------------

    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = json_object(params, "scope") or {"type": "default"}
        parts = [str(scope.get("type", "default"))]
        parts += [str(scope[key]) for key in ("chat_id", "user_id") if key in scope]
        return ":".join(parts), opt_str(params, "language_code") or ""

    async def set_my_commands(self, params: Params) -> object:
        commands = json_list(params, "commands")
        if commands is None or not all(isinstance(c, dict) for c in commands):
            raise bad_request(
                "parameter 'commands' must be an Array of BotCommand", violation=True
            )
        self.world.commands[self._commands_key(params)] = [
            dict(c) for c in commands if isinstance(c, dict)
        ]
        return True

    async def get_my_commands(self, params: Params) -> object:
        return self.world.commands.get(self._commands_key(params), [])

    async def delete_my_commands(self, params: Params) -> object:
        self.world.commands.pop(self._commands_key(params), None)
        return True

    async def set_chat_menu_button(self, params: Params) -> object:
        chat_id = params.get("chat_id")
        key = integer(params, "chat_id") if chat_id is not None else None
        self.world.menu_buttons[key] = json_object(params, "menu_button") or {"type": "default"}
        return True

    async def get_chat_menu_button(self, params: Params) -> object:
        key = integer(params, "chat_id") if params.get("chat_id") is not None else None
        return self.world.menu_buttons.get(
            key, self.world.menu_buttons.get(None, {"type": "commands"})
        )

    # --- chats ----------------------------------------------------------------------------

    async def pin_chat_message(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"))
        message_id = integer(params, "message_id")
        if chat.message_dict(message_id) is None:
            raise bad_request("message to pin not found")
        if isinstance(chat, SandboxGroup) and chat.bot_status != "administrator":
            raise bad_request("not enough rights to manage pinned messages in the chat")
        if message_id in chat.pinned:
            chat.pinned.remove(message_id)
        chat.pinned.append(message_id)
        if (message := chat.bot_message(message_id)) is not None:
            message.pinned = True
        self.world.signal.fire()
        return True

    async def unpin_chat_message(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"))
        if isinstance(chat, SandboxGroup) and chat.bot_status != "administrator":
            raise bad_request("not enough rights to manage pinned messages in the chat")
        given = params.get("message_id")
        message_id = integer(params, "message_id") if given is not None else None
        if message_id is None and chat.pinned:
            message_id = chat.pinned[-1]
        if message_id in chat.pinned:
            chat.pinned.remove(message_id)
        if message_id is not None and (message := chat.bot_message(message_id)) is not None:
            message.pinned = False
        self.world.signal.fire()
        return True

    async def get_chat(self, params: Params) -> object:
        return self.world.chat_for_bot(require(params, "chat_id"), write=False).full_info()

    async def get_chat_member(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"), write=False)
        user_id = integer(params, "user_id")
        if isinstance(chat, SandboxChannel):
            return chat.member_for_bot(user_id)
        if isinstance(chat, SandboxGroup):
            member = chat.member_dict(user_id)
            if member is None:
                raise bad_request("user not found")
            return member
        if isinstance(chat, SandboxPrivateChat) and user_id == chat.user.id:
            return {"status": "member", "user": chat.user.to_dict()}
        if user_id == self.world.bot_user["id"]:
            return {"status": "member", "user": self.world.bot_user}
        raise bad_request("user not found")

    async def get_chat_administrators(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"), write=False)
        if isinstance(chat, SandboxChannel):
            return chat.administrators()
        if not isinstance(chat, SandboxGroup):
            raise bad_request("there are no administrators in the private chat")
        return chat.administrators()

    async def get_chat_member_count(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"), write=False)
        return chat.member_count() if isinstance(chat, SandboxGroup) else 2

    async def leave_chat(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"), write=False)
        if not isinstance(chat, SandboxGroup):
            raise bad_request("chat member status can't be changed in private chats")
        chat.set_bot_status("left")
        return True

    async def send_chat_action(self, params: Params) -> object:
        chat = self.world.chat_for_bot(require(params, "chat_id"))
        action = opt_str(params, "action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request", violation=True)
        chat.actions.append(action)
        return True
