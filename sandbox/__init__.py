"""A local stand-in for the Telegram Bot API, driven by tests and the terminal demo."""

from sandbox.apispec import ApiSpec, UploadedFile
from sandbox.channels import SandboxChannel
from sandbox.chats import SandboxChat, SandboxGroup
from sandbox.markup import MarkupError, ParsedText, parse_text, plain_text
from sandbox.models import (
    ApiError,
    BotMessage,
    CallbackAnswer,
    RecordedCall,
    SandboxError,
    SentDocument,
)
from sandbox.server import DEFAULT_TOKEN, FloodControl, SandboxServer
from sandbox.supergroups import SandboxTopic
from sandbox.users import SandboxPrivateChat, SandboxUser
from sandbox.world import World

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
    "SandboxChannel",
    "SandboxChat",
    "SandboxError",
    "SandboxGroup",
    "SandboxPrivateChat",
    "SandboxServer",
    "SandboxTopic",
    "SandboxUser",
    "SentDocument",
    "UploadedFile",
    "World",
    "parse_text",
    "plain_text",
]
