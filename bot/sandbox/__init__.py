"""A local stand-in for the Telegram Bot API, driven by tests and the terminal demo."""

from bot.sandbox.apispec import ApiSpec, UploadedFile
from bot.sandbox.chats import SandboxChat, SandboxGroup
from bot.sandbox.markup import MarkupError, ParsedText, parse_text, plain_text
from bot.sandbox.models import (
    ApiError,
    BotMessage,
    CallbackAnswer,
    RecordedCall,
    SandboxError,
    SentDocument,
)
from bot.sandbox.server import DEFAULT_TOKEN, FloodControl, SandboxServer
from bot.sandbox.users import SandboxPrivateChat, SandboxUser
from bot.sandbox.world import World

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "ApiSpec",
    "BotMessage",
    "CallbackAnswer",
    "FloodControl",
    "MarkupError",
    "ParsedText",
    "RecordedCall",
    "SandboxChat",
    "SandboxError",
    "SandboxGroup",
    "SandboxPrivateChat",
    "SandboxServer",
    "SandboxUser",
    "SentDocument",
    "UploadedFile",
    "World",
    "parse_text",
    "plain_text",
]
