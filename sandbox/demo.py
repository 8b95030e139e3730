"""The terminal demo: chat with the real bot through the sandbox, as several people."""

from __future__ import annotations

import asyncio
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from bot.app import (
    BotApplication,
    build_application,
    services_of,
    start_embedded,
    stop_embedded,
    wait_until_settled,
)
from bot.config import load_settings
from bot.context import BotContext
from bot.i18n import translator
from bot.scheduler import wakeups_of
from sandbox.apispec import ApiSpec
from sandbox.channels import SandboxChannel
from sandbox.models import CallbackAnswer, SandboxError
from sandbox.server import SandboxServer
from sandbox.world import BotMessage, SandboxChat, SandboxGroup, SandboxUser

DEMO_DATABASE = Path("data") / "demo.sqlite3"
_CLOCK_STEP = re.compile(r"^\+(\d{1,3})([dhj])$")
# A word after a colon is meant for the demo (":)" is a smile, sent to the bot).
_DEMO_COMMAND = re.compile(r"^:\w+$")


class DemoClock:
    """The demo's time: real time, moved forward on request to see reminders arrive.

    `start` (DEMO_START, an ISO moment) makes the demo begin at that moment instead, so a
    walk-through reads the same whatever the day and hour it is shown."""

    def __init__(self, start: datetime | None = None) -> None:
        self.offset = start - datetime.now(UTC) if start is not None else timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


DEMO_FILES = Path("data") / "demo-files"


@dataclass
class DemoState:
    server: SandboxServer
    application: BotApplication
    clock: DemoClock
    person: SandboxUser
    chat: SandboxChat
    people: dict[str, SandboxUser] = field(default_factory=dict)
    groups: dict[str, SandboxGroup] = field(default_factory=dict)
    channels: dict[str, SandboxChannel] = field(default_factory=dict)
    seen_edits: dict[tuple[int, int], int] = field(default_factory=dict)


async def run_demo(env: Mapping[str, str]) -> int:
    """Start the sandbox and the real bot, then read the terminal until :quitter or EOF."""
    locale = env.get("DEFAULT_LOCALE") or "fr_CA"
    _ = translator(locale).gettext
    async with SandboxServer(spec=ApiSpec.find()) as server:
        settings = load_settings(
            {
                **env,
                "BOT_TOKEN": server.token,
                "TELEGRAM_BASE_URL": server.base_url,
                "DATABASE_PATH": env.get("DEMO_DATABASE_PATH") or str(DEMO_DATABASE),
            }
        )
        application = build_application(settings)
        start = env.get("DEMO_START")
        clock = DemoClock(datetime.fromisoformat(start) if start else None)
        services_of(application).clock = clock
        await start_embedded(application, poll_timeout=1)
        try:
            person = server.world.add_user("Marie", language_code="fr")
            state = DemoState(
                server, application, clock, person, person.private_chat, people={"marie": person}
            )
            print(_demo_intro(locale))
            await _loop(state, locale)
        finally:
            await stop_embedded(application)
    print(_("Goodbye! The demo data stays in {path}.").format(path=settings.database_path))
    return 0


def _demo_intro(locale: str) -> str:
    _ = translator(locale).gettext
    return "\n".join(
        [
            _("=== comite-bot sandbox: an offline chat with the real bot ==="),
            _("Type a message or a command (/start, /aide...). A number presses a button."),
            _(":as NAME        speak as another person (created if new)"),
            _(":group NAME     go to a group (created with you in it, bot added)"),
            _(":join           add the current person to the current group"),
            _(":channel NAME   make a channel for the residents (you own it, the bot posts)"),
            _(":private        back to your private chat with the bot"),
            _(":clock +2d      move time forward (days d, hours h) to see reminders arrive"),
            _(":quit           leave the demo"),
            "",
        ]
    )


async def _loop(state: DemoState, locale: str) -> None:
    _ = translator(locale).gettext
    while True:
        where = _chat_name(state.chat, locale, state.person.first_name)
        prompt = f"[{state.person.first_name} @ {where}] > "
        try:
            line = (await asyncio.to_thread(input, prompt)).strip()
        except EOFError:
            return
        if not line:
            continue
        if line in {":quit", ":quitter"}:
            return
        answer: CallbackAnswer | None = None
        try:
            answer = await _handle(state, line, locale)
        except DemoError as error:
            print(_("(demo) {problem}").format(problem=error))
        except (SandboxError, LookupError, ValueError) as error:
            # A case the checks above do not foresee; the sandbox's own words follow.
            print(_("(demo) The sandbox cannot do that: {problem}").format(problem=error))
        except TimeoutError:
            print(_("(demo) The bot did not answer in time."))
        await wait_until_settled(state.application, state.server.world.wait_idle(timeout=10))
        if answer is not None and answer.text:
            # What Telegram shows over the chat when a button is pressed.
            shown = _("[alert] {text}") if answer.show_alert else _("[notification] {text}")
            print("\n" + shown.format(text=answer.text))
        _print_news(state, locale)


class DemoError(Exception):
    """A line the demo cannot act on; the message is translated for the person typing."""


DEMO_COMMANDS = (":as", ":group", ":join", ":channel", ":private", ":clock", ":quit")


async def _handle(state: DemoState, line: str, locale: str) -> CallbackAnswer | None:
    """Act on one typed line; a button press returns the bot's answer to it."""
    _ = translator(locale).gettext
    world = state.server.world
    command, _space, argument = line.partition(" ")
    argument = argument.strip()
    if _DEMO_COMMAND.match(command) and command not in DEMO_COMMANDS:
        raise DemoError(
            _("Unknown demo command: {command}. The demo commands are: {commands}.").format(
                command=command, commands=", ".join(DEMO_COMMANDS)
            )
        )
    if command in {":as", ":group", ":channel"} and not argument:
        raise DemoError(
            _("Type a name after {command}, for example: {command} Paul.").format(command=command)
        )
    if command == ":as":
        key = argument.strip().lower()
        if key not in state.people:
            state.people[key] = world.add_user(argument.strip(), language_code="fr")
        state.person = state.people[key]
        if not isinstance(state.chat, SandboxGroup):
            state.chat = state.person.private_chat
        return None
    if command == ":group":
        key = argument.strip().lower()
        if key not in state.groups:
            group = world.add_group(argument.strip(), creator=state.person)
            state.groups[key] = group
            # As administrator, like most committee groups: it may pin and see who joins.
            await group.add_bot(by=state.person, status="administrator")
        state.chat = state.groups[key]
        return None
    if command == ":channel" and argument:
        key = argument.strip().lower()
        if key not in state.channels:
            username = re.sub(r"[^a-z0-9]+", "_", _ascii(key)).strip("_")[:28] or "residents"
            channel = world.add_channel(
                argument.strip(), creator=state.person, username=f"{username}_demo"
            )
            state.channels[key] = channel
            # As a coordinator would: the bot becomes an administrator that may post.
            await channel.add_bot(by=state.person)
            print(_("(demo) Channel @{name} made; the bot is one of its administrators.")
                  .format(name=channel.username))  # fmt: skip
        return None
    if command == ":join":
        if not isinstance(state.chat, SandboxGroup):
            raise DemoError(_("Go to a group first with :group NAME."))
        if state.chat.is_member(state.person):
            raise DemoError(
                _("{person} is already in this group.").format(person=state.person.first_name)
            )
        await state.chat.add_member(state.person)
        return None
    if command == ":clock":
        step = _CLOCK_STEP.match(argument)
        if argument and not step:
            raise DemoError(_("Type :clock +2d to move two days ahead, or :clock +6h for hours."))
        if step:
            amount = int(step.group(1))
            state.clock.offset += (
                timedelta(days=amount) if step.group(2) in "dj" else timedelta(hours=amount)
            )
            await wakeups_of(state.application).run_due(BotContext(state.application))
        tz = services_of(state.application).settings.zone
        print(_("(demo) It is now {when}.").format(
            when=translator(locale).format_moment(state.clock(), tz=tz)))  # fmt: skip
        return None
    if command == ":private":
        state.chat = state.person.private_chat
        return None
    if line.startswith(("https://t.me/", "http://t.me/")):
        await _open_link(state, line, locale)  # a link opens in private, from anywhere
        return None
    _check_can_write(state, locale)
    if line.isdecimal():
        message = _last_with_buttons(state.chat)
        if message is None:
            raise DemoError(_("There is no button to press here."))
        labels = message.button_texts
        index = int(line) - 1
        if not 0 <= index < len(labels):
            raise DemoError(_("No button number {number} here.").format(number=line))
        url = message.url_for(labels[index])
        if url is not None and "startgroup" in url:
            # Telegram would open a group picker; the demo makes groups with :group instead.
            raise DemoError(_("In the demo, create a group with :group NAME."))
        if url is not None:
            await _open_link(state, url, locale)
            return None
        return await state.person.press(message, labels[index])
    await state.person.send(line, chat=state.chat)
    return None


def _check_can_write(state: DemoState, locale: str) -> None:
    _ = translator(locale).gettext
    chat = state.chat
    if isinstance(chat, SandboxGroup) and not chat.is_member(state.person):
        raise DemoError(
            _("{person} is not in this group: type :join to add them, or :private.").format(
                person=state.person.first_name
            )
        )


async def _open_link(state: DemoState, url: str, locale: str) -> None:
    _ = translator(locale).gettext
    bot = state.server.world.bot_username.lower()
    if urlsplit(url).path.strip("/").lower() != bot:
        raise DemoError(_("This link is not for this bot (@{bot}).").format(bot=bot))
    await state.person.open_link(url)
    state.chat = state.person.private_chat


def _last_with_buttons(chat: SandboxChat) -> BotMessage | None:
    """Numbers press the buttons of the bot's latest message only: pressing an older one by
    mistake (an invitation's « turn off this link ») would surprise the person."""
    live = [message for message in chat.messages if not message.deleted]
    if live and live[-1].button_texts:
        return live[-1]
    return None


def _print_news(state: DemoState, locale: str) -> None:
    """Print what the bot sent or changed since last time, in every chat of the world."""
    _ = translator(locale).gettext
    chats: list[SandboxChat] = [p.private_chat for p in state.people.values()]
    chats += list(state.groups.values())
    chats += list(state.channels.values())
    owners = {p.private_chat.id: p.first_name for p in state.people.values()}
    for chat in chats:
        for message in chat.messages:
            key = (chat.id, message.message_id)
            seen = state.seen_edits.get(key)
            if seen is not None and seen == message.edits:
                continue
            state.seen_edits[key] = message.edits
            header = _chat_name(chat, locale, owners.get(chat.id))
            if seen is not None:
                header += " " + _("(changed)")
            if message.pinned:
                header += " 📌"
            print(f"\n--- {header} ---")
            print(message.plain_text)
            if message.document is not None:
                saved = _save_document(message.document.file_name, message.document.content)
                print(_("[file saved: {path}]").format(path=saved))
            for number, label in enumerate(message.button_texts, start=1):
                print(f"  [{number}] {label}")
    sys.stdout.flush()


def _ascii(text: str) -> str:
    """« Résidents » → « residents », for a channel's @username."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if char.isascii())


def _save_document(file_name: str, content: bytes) -> Path:
    """Files the bot sends land in data/demo-files/, to open or print from there."""
    folder = DEMO_FILES
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(file_name).name
    path.write_bytes(content)
    return path.resolve()


def _chat_name(chat: SandboxChat, locale: str, owner: str | None) -> str:
    _ = translator(locale).gettext
    if isinstance(chat, SandboxGroup):
        return _("group « {title} »").format(title=chat.title)
    if isinstance(chat, SandboxChannel):
        return _("channel « {title} »").format(title=chat.title)
    return _("private chat of {person}").format(person=owner or "?")
