"""What every export shares: cleaning what people typed, labels, dates and file names."""

from __future__ import annotations

import re
import unicodedata

from bot.domain.records import FollowUpStatus, RecordSheet
from bot.i18n import N_, Translator

# Open follow-ups carry no label: only a change of state is worth printing.
# "Completed", not "Done": that message is already a button meaning "I have finished".
STATUS_LABELS: dict[FollowUpStatus, str] = {
    FollowUpStatus.DONE: N_("Completed"),
    FollowUpStatus.BLOCKED: N_("Blocked"),
    FollowUpStatus.CANCELLED: N_("Cancelled"),
}

# Line and paragraph separators would otherwise survive as invisible characters.
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 60
# Letters that Unicode does not decompose into ASCII ones.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def clean_text(text: str) -> str:
    """Text as typed, made safe to encode and print: NFC, `\\n` line breaks, no controls.

    Lone surrogates (possible in a Python str, fatal when encoding) and control
    characters are dropped; tabs become spaces; blank edges are trimmed.
    """
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text)).replace("\t", " ")
    kept = [
        char for char in text if char == "\n" or unicodedata.category(char) not in ("Cc", "Cs")
    ]
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(kept).split("\n"))
    return "\n".join(line for line in lines if line)


def one_line(text: str) -> str:
    """Cleaned text on a single line, for names, titles and calendar summaries."""
    return " ".join(clean_text(text).split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary when one is close."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + "…"


def capitalize_first(text: str) -> str:
    """« vendredi 27 novembre » starts a line as « Vendredi 27 novembre »."""
    return text[:1].upper() + text[1:]


def status_label(status: FollowUpStatus, tr: Translator) -> str | None:
    label = STATUS_LABELS.get(status)
    return tr.gettext(label) if label is not None else None


def attendee_names(sheet: RecordSheet) -> list[str]:
    return [name for name in (one_line(person) for person in sheet.attendees) if name]


def slugify(text: str) -> str:
    """ASCII, lower case, hyphens: « Compte rendu Érables » → compte-rendu-erables."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    # Accents go (é → e); any other non-ASCII character separates words, as in « l’œuvre ».
    ascii_text = "".join(
        char if char.isascii() else "" if unicodedata.combining(char) else "-"
        for char in decomposed
    )
    slug = _SLUG_JUNK.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rsplit("-", 1)[0] or slug[:_MAX_SLUG]
    return slug


def export_file_name(sheet: RecordSheet, extension: str) -> str:
    """A file name safe on every system and in a Telegram upload: compte-rendu-2026-11-23.pdf."""
    stem = slugify(sheet.title) or slugify(sheet.committee_name) or "comite-bot"
    if sheet.held_on is not None:
        stem = f"{stem}-{sheet.held_on.isoformat()}"
    suffix = _SLUG_JUNK.sub("", extension.lower())
    return f"{stem}.{suffix}" if suffix else stem
