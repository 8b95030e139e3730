"""Parsing of Telegram formatted text (HTML, MarkdownV2, legacy Markdown).

Mirrors what the Bot API server does with ``parse_mode``: it turns marked-up text into plain
text plus entities, and rejects malformed markup with "can't parse entities" errors. Offsets
in entities are UTF-16 code units, like Telegram's.
"""

from __future__ import annotations

import html
import re

from sandbox.markup_core import PARSE_MODES, MarkupError, ParsedText, trim, utf16_len
from sandbox.markup_html import parse_html
from sandbox.markup_markdown import MDV2_RESERVED, parse_markdown, parse_markdown_v2

__all__ = [
    "MDV2_RESERVED",
    "PARSE_MODES",
    "MarkupError",
    "ParsedText",
    "parse_text",
    "plain_text",
    "utf16_len",
]


def parse_text(text: str, parse_mode: str | None) -> ParsedText:
    """Plain text and entities for ``text``; raises MarkupError like Telegram would."""
    mode = (parse_mode or "").lower()
    if not mode:
        return trim(ParsedText(text))
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise MarkupError(f"unsupported parse_mode {parse_mode!r}")


def plain_text(text: str, parse_mode: str | None) -> str:
    """Best-effort plain text, never raising (for assertions on already-sent messages)."""
    try:
        return parse_text(text, parse_mode).text
    except MarkupError:
        if (parse_mode or "").lower() == "html":
            return html.unescape(re.sub(r"<[^>]*>", "", text)).strip()
        return text.strip()
