"""Shared pieces of the markup parsers: errors, results, and an output builder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "PARSE_MODES",
    "Builder",
    "MarkupError",
    "ParsedText",
    "byte_offset",
    "trim",
    "utf16_len",
]

PARSE_MODES = {"html": "HTML", "markdownv2": "MarkdownV2", "markdown": "Markdown"}


class MarkupError(ValueError):
    """Malformed markup; the message is what Telegram puts after "can't parse entities: "."""


@dataclass
class ParsedText:
    text: str
    entities: list[dict[str, object]] = field(default_factory=list)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


class Builder:
    """Accumulates output text and tracks its length in UTF-16 units for entity offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[dict[str, object]] = []

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.pos += utf16_len(chunk)

    def entity(
        self,
        kind: str,
        start: int,
        extra: Mapping[str, object] | None = None,
        *,
        end: int | None = None,
    ) -> None:
        stop = self.pos if end is None else end
        if stop > start:  # Telegram drops empty entities silently
            entity: dict[str, object] = {"type": kind, "offset": start, "length": stop - start}
            self.entities.append({**entity, **(extra or {})})

    def result(self) -> ParsedText:
        ents = sorted(self.entities, key=lambda e: (e["offset"], -int(str(e["length"]))))
        return trim(ParsedText("".join(self.parts), ents))


def trim(parsed: ParsedText) -> ParsedText:
    # Telegram strips leading/trailing whitespace from message texts; keep entities aligned.
    text = parsed.text
    stripped = text.strip()
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    end = lead + utf16_len(stripped)
    entities = []
    for ent in parsed.entities:
        start, stop = int(str(ent["offset"])), int(str(ent["offset"])) + int(str(ent["length"]))
        start, stop = max(start, lead), min(stop, end)
        if stop > start:
            entities.append({**ent, "offset": start - lead, "length": stop - start})
    return ParsedText(stripped, entities)
