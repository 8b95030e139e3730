"""Residents born elsewhere: Spanish and Arabic in private, the committee's French in the group.

Lucía's Telegram speaks Spanish; Ahmed's speaks French and he chooses Arabic with /langue.
Each joins by invitation, logs a decision in their own words, gets the reminder with its
buttons and reads /suivis in their language, while what the group reads stays in French.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from sandbox import BotMessage, SandboxGroup, SandboxServer, SandboxUser
from tests.e2e.harness import BotHarness
from tests.e2e.steps import create_committee, invitation_link, linked_group
from tests.e2e.test_followups import at, move_to

ISOLATE_START = {"\u2066", "\u2067", "\u2068"}  # LRI, RLI, FSI
ISOLATE_END = "\u2069"  # PDI


def paragraph_direction(line: str) -> str:
    """The direction a reader's screen gives a line: its first strong character, skipping
    what sits inside isolates (Unicode's bidi rules P2 and P3)."""
    depth = 0
    for char in line:
        if char in ISOLATE_START:
            depth += 1
        elif char == ISOLATE_END:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
    return "ltr"


def reads_right_to_left(message: BotMessage) -> bool:
    """Every line that has Arabic in it is laid out right to left."""
    lines = [
        line
        for line in message.plain_text.split("\n")
        if any(unicodedata.bidirectional(c) == "AL" for c in line)
    ]
    return bool(lines) and all(paragraph_direction(line) == "rtl" for line in lines)


async def committee_and_group(sandbox: SandboxServer) -> tuple[SandboxUser, SandboxGroup, str]:
    marie = sandbox.world.add_user("Marie")
    await create_committee(marie)
    group = await linked_group(sandbox.world, marie, "Locataires des Pins")
    return marie, group, await invitation_link(marie)


async def joins(person: SandboxUser, link: str, marie: SandboxUser, group: SandboxGroup) -> str:
    """The person opens the link and is welcomed; Marie hears of it in French."""
    await person.open_link(link)
    welcome = await person.private_chat.next_bot_message()
    told = await marie.private_chat.next_bot_message()
    assert person.first_name in told.plain_text
    await group.add_member(person)
    return welcome.plain_text


async def test_a_spanish_speaker_works_in_spanish_while_the_group_stays_in_french(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, group, link = await committee_and_group(sandbox)
    lucia = sandbox.world.add_user("Lucía", language_code="es")
    chat = lucia.private_chat

    welcome = await joins(lucia, link, marie, group)
    assert "Le damos la bienvenida" in welcome
    assert "/langue" in welcome  # the choice is offered

    # A decision in her words: the person who takes it and the day, read in Spanish.
    await lucia.send(
        "/decision Pedimos a la oficina que repare la puerta, como dijo Marie. "
        "Lucía se encarga para el viernes."
    )
    logged = await chat.next_bot_message()
    assert "D-1" in logged.plain_text and "S-1" in logged.plain_text
    assert "viernes, 27 de noviembre de 2026" in logged.plain_text
    assert "Cambiar la fecha" in logged.button_texts
    [membership] = await bot.storage.committees.memberships_of(lucia.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.responsible_id == lucia.id
    assert follow_up.due_date == date(2026, 11, 27)
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)

    # The reminder comes in Spanish, with its buttons; the group hears the news in French.
    await move_to(bot, at(25, 10))
    reminder = await chat.next_bot_message()
    assert "recordatorio" in reminder.plain_text and "S-1" in reminder.plain_text
    assert reminder.button_texts[:3] == ["✅ Hecho", "📅 Posponer", "⛔ Bloqueado"]
    await lucia.press(reminder, "✅ Hecho")
    assert "está hecho" in (await chat.next_edit(reminder)).plain_text
    in_group = await group.next_bot_message()
    assert "S-1" in in_group.plain_text and "est fait" in in_group.plain_text

    # /suivis: hers in Spanish, the group's in French, whoever asks.
    await lucia.send("/suivis")
    assert "Seguimientos" in (await chat.next_bot_message()).plain_text
    await lucia.send("/suivis", chat=group)
    assert "Suivis" in (await group.next_bot_message()).plain_text


async def test_an_arabic_speaker_works_in_arabic_right_to_left_while_the_group_stays_in_french(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, group, link = await committee_and_group(sandbox)
    ahmed = sandbox.world.add_user("أحمد", language_code="fr")
    chat = ahmed.private_chat

    await joins(ahmed, link, marie, group)
    await ahmed.send("/langue")
    question = await chat.next_bot_message()
    await ahmed.press(question, "العربية")
    assert "بالعربية" in (await chat.next_edit(question)).plain_text

    # « Ahmed takes care of it before Friday », the verb first as Arabic often has it.
    await ahmed.send(
        "/decision نطلب من المكتب إصلاح الباب، كما قالت Marie. سيتولى أحمد ذلك قبل الجمعة."
    )
    logged = await chat.next_bot_message()
    assert "D-1" in logged.plain_text and "S-1" in logged.plain_text
    assert "27 نوفمبر 2026" in logged.plain_text
    assert reads_right_to_left(logged)
    [membership] = await bot.storage.committees.memberships_of(ahmed.id)
    [follow_up] = await bot.storage.follow_ups.open_of_committee(membership.committee.id)
    assert follow_up.responsible_id == ahmed.id
    assert follow_up.due_date == date(2026, 11, 27)
    await bot.storage.committees.update_settings(membership.committee.id, digest_enabled=0)

    # Another date, typed in Arabic: « in two weeks ».
    await ahmed.press(logged, "تغيير التاريخ")
    choices = await chat.next_edit(logged)
    await ahmed.press(choices, "كتابة تاريخ آخر")
    await chat.next_bot_message()
    await ahmed.send("بعد أسبوعين")
    moved = await chat.next_bot_message()
    assert "7 ديسمبر 2026" in moved.plain_text
    refreshed = await bot.storage.follow_ups.get(follow_up.id)
    assert refreshed is not None and refreshed.due_date == date(2026, 12, 7)

    # The reminder, two days before: Arabic, right to left, the reference kept whole.
    await move_to(bot, at(35, 10))
    reminder = await chat.next_bot_message()
    assert "تذكير" in reminder.plain_text
    assert "\u2068S-1\u2069" in reminder.plain_text
    assert reads_right_to_left(reminder)
    assert reminder.button_texts[0] == "✅ تم الإنجاز"
    await ahmed.press(reminder, "✅ تم الإنجاز")
    assert "تم إنجاز" in (await chat.next_edit(reminder)).plain_text
    in_group = await group.next_bot_message()
    assert "S-1" in in_group.plain_text and "est fait" in in_group.plain_text
    assert "\u2068" not in in_group.plain_text  # French needs no isolates

    await ahmed.send("/suivis")
    listed = await chat.next_bot_message()
    assert "متابعات" in listed.plain_text and reads_right_to_left(listed)
    await ahmed.send("/suivis", chat=group)
    assert "Suivis" in (await group.next_bot_message()).plain_text


async def test_the_command_menu_is_registered_in_spanish_and_arabic(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    calls = sandbox.calls_to("setMyCommands")
    languages = {call.params.get("language_code") for call in calls}
    assert {"es", "ar"} <= languages
    world = sandbox.world
    for language, help_description in (("es", "Lo que puedo hacer"), ("ar", "ما يمكنني فعله")):
        private = dict(world.bot_commands("all_private_chats", language))
        groups = dict(world.bot_commands("all_group_chats", language))
        # The French command names work for everyone; the descriptions are theirs.
        assert list(private)[:3] == ["start", "partenariat", "mandat"]
        assert private["aide"] == help_description
        assert "langue" in private and "langue" not in groups


async def test_a_sheet_is_printed_in_the_committees_language_or_in_arabic_shaped(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    marie, group, link = await committee_and_group(sandbox)
    ahmed = sandbox.world.add_user("أحمد", language_code="ar")
    chat = ahmed.private_chat
    await joins(ahmed, link, marie, group)
    await ahmed.send("/decision نطلب من المكتب إصلاح الباب. سيتولى أحمد ذلك قبل الجمعة.")
    await chat.next_bot_message()

    # For the lobby, the committee's language comes first: one sheet serves everyone.
    await ahmed.send("/exporter")
    menu = await chat.next_bot_message()
    assert "Français" in menu.plain_text
    assert {"English", "Español", "العربية"} <= set(menu.button_texts)
    month = next(label for label in menu.button_texts if "2026" in label)
    await ahmed.press(menu, month)
    pdf, markdown, _ics, _json = [await chat.next_bot_message() for _ in range(4)]
    assert "Décisions" in printed_text(pdf)
    assert markdown.document is not None and "Décisions".encode() in markdown.document.content

    # In Arabic: the menu says so, and the PDF reads in Arabic, letters joined.
    await ahmed.press(menu, "العربية")
    menu = await chat.next_edit(menu)
    assert "العربية" in menu.plain_text
    await ahmed.press(menu, month)
    pdf, markdown, _ics, _json = [await chat.next_bot_message() for _ in range(4)]
    text = printed_text(pdf)
    assert "قرارات" in text  # « Décisions de novembre 2026 », in Arabic
    assert "نطلب من المكتب إصلاح الباب" in text  # in logical order: shaped right to left
    assert joined_forms_used(pdf)
    assert markdown.document is not None and "القرارات".encode() in markdown.document.content


def printed_text(message: BotMessage) -> str:
    assert message.document is not None and message.document.file_name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(message.document.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def joined_forms_used(message: BotMessage) -> bool:
    """Letters drawn in their joined forms (initial, medial, final: Arabic Presentation
    Forms-B in the embedded font), as shaping does; unshaped text uses the isolated letters."""
    assert message.document is not None
    page: Any = PdfReader(io.BytesIO(message.document.content)).pages[0]
    fonts = page["/Resources"]["/Font"]
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        data = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        names = TTFont(io.BytesIO(data)).getGlyphOrder()
        if any(name.startswith("uniFE") for name in names):
            return True
    return False
