"""Steps of the residents' side, done as people do them: sharing the box, writing to it."""

from __future__ import annotations

from pathlib import Path

from sandbox import BotMessage, SandboxUser

BOX_WORDS = "Une idée, un problème, une priorité? Écrivez-nous. Votre nom ne sera pas transmis."


async def box_link(member: SandboxUser) -> str:
    """A member opens /boite and asks for the box's link (a poster comes with it)."""
    chat = member.private_chat
    await member.send("/boite")
    box = await chat.next_bot_message()
    await member.press(box, "Le lien et l'affiche de la boîte")
    shared = await chat.next_bot_message()
    [url] = [word for word in shared.plain_text.split() if "?start=box-" in word]
    poster = await chat.next_bot_message()
    assert poster.document is not None and poster.document.file_name.endswith(".pdf")
    return url


async def write_to_box(person: SandboxUser, url: str, text: str) -> BotMessage:
    """The person opens the link and writes one message; returns the bot's « Reçu »."""
    chat = person.private_chat
    await person.open_link(url)
    opened = await chat.next_bot_message()
    assert BOX_WORDS in opened.plain_text
    await person.send(text)
    received = await chat.next_bot_message()
    assert received.plain_text.startswith("Reçu."), received.plain_text
    return received


def said(message: BotMessage) -> str:
    """What a person reads, with French non-breaking spaces as plain ones (for assertions)."""
    return message.plain_text.replace("\u00a0", " ")


def database_bytes(path: Path) -> bytes:
    """The whole database as it is on disk: the file, its write-ahead log, its shared memory."""
    found = b""
    for part in sorted(path.parent.glob(path.name + "*")):
        found += part.read_bytes()
    return found


def traces_of(person: SandboxUser) -> list[bytes]:
    """What would give a person away in the database: their id (as text, and as SQLite stores
    an integer, big-endian on 6 or 8 bytes), their names."""
    needles = [
        str(person.id).encode(),
        person.id.to_bytes(6, "big"),
        person.id.to_bytes(8, "big"),
        person.first_name.encode(),
    ]
    needles += [name.encode() for name in (person.last_name, person.username) if name]
    return needles
