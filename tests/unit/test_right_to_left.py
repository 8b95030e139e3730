"""Arabic reads right to left: inserted Latin and numbers keep their place, every line too."""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n import FSI, PDI, RLM, RightToLeftText, translator

LOCALES = Path(__file__).resolve().parents[2] / "locales"
REMINDER = "A small reminder: {ref} « {what} » is planned for {when}."


def paragraph_direction(line: str, *, skip_isolates: bool = True) -> str:
    """How Telegram lays a line out: by its first strong letter, what sits inside isolates
    skipped (Unicode's bidi rules P2 and P3); a RIGHT-TO-LEFT MARK is a strong letter.
    `skip_isolates=False`: as a client that does not know isolates would."""
    depth = 0
    for char in line:
        if char in "\u2066\u2067\u2068":
            depth += 1 if skip_isolates else 0
        elif char == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
    return "ltr"


def test_placeholders_of_an_arabic_message_are_isolated() -> None:
    text = (
        translator("ar")
        .gettext(REMINDER)
        .format(ref="S-7", what="Appeler l'office", when="الجمعة، 27 نوفمبر 2026")
    )
    assert f"{FSI}S-7{PDI}" in text
    assert f"{FSI}Appeler l'office{PDI}" in text
    assert f"{FSI}الجمعة، 27 نوفمبر 2026{PDI}" in text
    assert paragraph_direction(text) == "rtl"


@pytest.mark.parametrize("locale", ["fr_CA", "en", "es"])
def test_left_to_right_languages_are_left_as_they_are(locale: str) -> None:
    text = translator(locale).gettext(REMINDER).format(ref="S-7", what="x", when="y")
    assert not set(text) & {FSI, PDI, RLM}


def test_a_line_that_would_start_left_to_right_gets_a_mark() -> None:
    message = RightToLeftText("x").__class__  # the type every Arabic message has
    tr = translator("ar")
    help_line = tr.gettext("{command} — {description}").format(
        command="/aide", description=tr.gettext("What I can do")
    )
    assert isinstance(tr.gettext("{command} — {description}"), message)
    assert help_line.startswith(RLM) and paragraph_direction(help_line) == "rtl"
    # A line quoting a name in Latin letters alone stays as it is.
    asked = tr.gettext(
        "Let's create your committee. What is its name?\n"
        "Example: Association des locataires des Habitations Saint-Michel"
    )
    assert asked.split("\n")[-1] == "مثال: Association des locataires des Habitations Saint-Michel"


def test_format_specifications_still_apply() -> None:
    assert RightToLeftText("رقم {n:03d}").format(n=7) == f"رقم {FSI}007{PDI}"
    assert RightToLeftText("{}").format("") == ""


def _arabic_messages() -> list[tuple[str, str]]:
    with (LOCALES / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    tr = translator("ar")
    rendered: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            texts = [tr.gettext(message.id)]
        else:
            singular, plural = message.id[0], message.id[1]
            texts = [tr.ngettext(singular, plural, n) for n in (0, 1, 2, 5, 11, 100)]
        for text in texts:
            fields = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
            # The worst case: every placeholder filled with Latin letters and digits.
            values = {name: "S-7" for name in fields}
            rendered.append((str(message.id), text.format(**values) if fields else text))
    return rendered


def test_every_arabic_line_reads_right_to_left_whatever_fills_it() -> None:
    wrong = [
        (msgid, line)
        for msgid, text in _arabic_messages()
        # What the reader sees: the HTML tags are Telegram's, not text.
        for line in re.sub(r"<[^<>]*>", "", text).split("\n")
        if any(unicodedata.bidirectional(c) == "AL" for c in line)
        and "ltr" in (paragraph_direction(line), paragraph_direction(line, skip_isolates=False))
    ]
    assert wrong == []
